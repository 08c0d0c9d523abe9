// The list of every key the grids answer to, opened with `?` (outside an editing cell) or the toolbar's "Keyboard"
// button, drawn from the one table in shortcuts.ts. A modal <dialog>: the browser keeps the focus inside it and Esc
// closes it; on closing, the focus goes back to where it was (the cell or the button).
import { useEffect, useRef, useState } from 'react';
import { codeRuns, SHORTCUTS } from './shortcuts';

function Text({ text }: { text: string }) {
  return <>{codeRuns(text).map((run, i) => (run.code ? <kbd key={i}>{run.text}</kbd> : <span key={i}>{run.text}</span>))}</>;
}

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => {
      // The focus goes back to the cell or button it came from, still in the page.
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-dialog"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <Text text={s.keys} />
              </th>
              <td>
                <Text text={s.does} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

/** Whether the list is open, opened by `?` pressed anywhere on the page outside a field (an editing cell's editor is
 * one). With two grids on a page the first one's listener opens its list; the others see the key was handled. */
export function useShortcutsKey(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target : null;
      // A grid answers `?` itself (SheetGrid: on a text cell it is typed, not a request for the list).
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog, .sheet-grid')) return;
      event.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return [open, setOpen];
}
