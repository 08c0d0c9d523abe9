// The grid's toolbar: undo and redo, the fills, the page's own actions, the history of a cell, the column layout, the
// keyboard shortcuts, and what is selected or being saved (read out politely).
import type { ReactNode } from 'react';

export interface UndoState {
  undoLabel: string | null;
  redoLabel: string | null;
  onUndo: () => void;
  onRedo: () => void;
}

interface Props {
  /** What the grid holds ("Contributions"), for the toolbar's accessible name. */
  label: string;
  undo?: UndoState;
  busy: boolean;
  selectionSize: number;
  onFillDown: () => void;
  onFillEmpty: () => void;
  /** The page's own actions ("Copy previous quarter"). */
  children?: ReactNode;
  onShowHistory?: () => void;
  onResetColumns?: () => void;
}

/** Undo or Redo: its title says what it would undo or redo, or why there is nothing to. */
function StepButton(props: { name: string; what: string | null; keys: string; nothing: string; busy: boolean; onClick: () => void }) {
  const { name, what, keys, nothing, busy, onClick } = props;
  return (
    <button
      type="button"
      className="secondary-button"
      disabled={!what || busy}
      onClick={onClick}
      title={what ? `${name}: ${what} (${keys})` : nothing}
    >
      {name}
    </button>
  );
}

export function SheetToolbar({
  label,
  undo,
  busy,
  selectionSize,
  onFillDown,
  onFillEmpty,
  children,
  onShowHistory,
  onResetColumns,
}: Props) {
  return (
    <div className="grid-toolbar" role="toolbar" aria-label={`${label} tools`}>
      {undo && (
        <>
          <StepButton
            name="Undo"
            what={undo.undoLabel}
            keys="Ctrl+Z"
            nothing="Nothing of yours to undo here"
            busy={busy}
            onClick={undo.onUndo}
          />
          <StepButton name="Redo" what={undo.redoLabel} keys="Ctrl+Y" nothing="Nothing to redo" busy={busy} onClick={undo.onRedo} />
        </>
      )}
      <button
        type="button"
        className="secondary-button"
        onClick={onFillDown}
        title="Copy the top row of the selection into the rows below it (Ctrl+D)"
      >
        Fill down
      </button>
      <button
        type="button"
        className="secondary-button"
        onClick={onFillEmpty}
        title="Fill down, but only into cells that are empty or £0.00"
      >
        Fill only empty cells
      </button>
      {children}
      {onShowHistory && (
        <button type="button" className="secondary-button" onClick={onShowHistory}>
          History of selected cell
        </button>
      )}
      {onResetColumns && (
        <button type="button" className="link-button" onClick={onResetColumns}>
          Reset columns
        </button>
      )}
      <details className="shortcuts">
        <summary>Keyboard</summary>
        <p>
          Type to edit, Enter or Tab to save and move (Shift goes back), Esc to cancel, F2 to edit in place. In £ cells,
          <kbd>=1200*4</kbd> works it out and <kbd>+250</kbd> adds to the cell. Shift+click or Shift+arrows select; Ctrl+C copies, Ctrl+V
          pastes from Excel, Ctrl+D fills down, Delete clears, Ctrl+Z / Ctrl+Y undo and redo, Alt+H shows the history of a cell.
        </p>
      </details>
      <span className="muted hint" aria-live="polite" data-testid="selection-size">
        {busy ? 'Saving…' : selectionSize > 1 ? `${selectionSize} cells selected` : ''}
      </span>
    </div>
  );
}

/** Why nothing of the last change was saved: each refused cell with its row, and refusals of rows not yet in the grid. */
export function SheetErrors<Row extends { id: number }>({
  errors,
  loose,
  rows,
  describeRow,
  onDismiss,
}: {
  errors: ReadonlyMap<string, string>;
  loose: readonly string[];
  rows: readonly Row[];
  describeRow: (row: Row) => string;
  onDismiss: () => void;
}) {
  if (errors.size === 0 && loose.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="grid-errors">
      <strong>Not saved:</strong> nothing in this change was saved. Fix the marked cells and try again.
      <ul>
        {[...errors.entries()].map(([key, message]) => {
          const [id] = key.split(':');
          const row = rows.find((r) => String(r.id) === id);
          return (
            <li key={key}>
              {row && <span className="muted">{describeRow(row)}: </span>}
              {message}
            </li>
          );
        })}
        {loose.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
