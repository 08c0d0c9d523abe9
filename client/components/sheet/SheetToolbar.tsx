// The grid's toolbar: undo and redo, the fills, the page's own actions, the history of a cell, the column layout and
// the list of keyboard shortcuts. What is selected or being saved is said by the status line under the grid
// (SheetStatus.tsx). A person who can change no row sees the fills disabled, with the reason as their title.
import type { ReactNode } from 'react';

export interface UndoState {
  undoLabel: string | null;
  redoLabel: string | null;
  /** Undo or redo through the server; a promise of false means there was nothing to undo or redo. */
  onUndo: () => void | Promise<boolean>;
  onRedo: () => void | Promise<boolean>;
}

interface Props {
  /** What the grid holds ("Contributions"), for the toolbar's accessible name. */
  label: string;
  undo?: UndoState;
  busy: boolean;
  /** Why this person can change no row of the grid, or null. */
  readOnly: string | null;
  onFillDown: () => void;
  onShowKeys: () => void;
  onFillEmpty: () => void;
  /** The page's own actions ("Copy previous quarter"). */
  children?: ReactNode;
  onShowHistory?: () => void;
  onResetColumns?: () => void;
  /** Open the comments of the selected cell (Shift+F2). */
  onComment?: () => void;
}

/** Undo or Redo: its title says what it would undo or redo, or why there is nothing to. */
function StepButton(props: { name: string; what: string | null; keys: string; nothing: string; busy: boolean; onClick: () => unknown }) {
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
  readOnly,
  onFillDown,
  onShowKeys,
  onFillEmpty,
  children,
  onShowHistory,
  onResetColumns,
  onComment,
}: Props) {
  return (
    <div className="grid-toolbar" role="toolbar" aria-label={`${label} tools`}>
      {undo && (
        <>
          <StepButton
            name="Undo"
            what={undo.undoLabel}
            keys="Ctrl+Z"
            nothing={readOnly ?? 'Nothing of yours to undo here'}
            busy={busy}
            onClick={undo.onUndo}
          />
          <StepButton
            name="Redo"
            what={undo.redoLabel}
            keys="Ctrl+Y"
            nothing={readOnly ?? 'Nothing to redo'}
            busy={busy}
            onClick={undo.onRedo}
          />
        </>
      )}
      <button
        type="button"
        className="secondary-button"
        onClick={onFillDown}
        disabled={readOnly !== null}
        title={readOnly ?? 'Copy the top row of the selection into the rows below it (Ctrl+D)'}
      >
        Fill down
      </button>
      <button
        type="button"
        className="secondary-button"
        onClick={onFillEmpty}
        disabled={readOnly !== null}
        title={readOnly ?? 'Fill down, but only into cells that are empty or £0.00'}
      >
        Fill only empty cells
      </button>
      {children}
      {onShowHistory && (
        <button type="button" className="secondary-button" onClick={onShowHistory}>
          History of selected cell
        </button>
      )}
      {onComment && (
        <button
          type="button"
          className="secondary-button"
          onClick={onComment}
          aria-haspopup="dialog"
          title="Comments on the selected cell (Shift+F2)"
        >
          Comment
        </button>
      )}
      {onResetColumns && (
        <button type="button" className="link-button" onClick={onResetColumns}>
          Reset columns
        </button>
      )}
      <button type="button" className="link-button" onClick={onShowKeys} aria-haspopup="dialog" title="Every shortcut (?)">
        Keyboard
      </button>
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
