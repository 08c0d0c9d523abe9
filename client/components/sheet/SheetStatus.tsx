// The status line under a grid, as a spreadsheet's status bar: why the last key did nothing (a locked or computed cell,
// the totals row, nothing to undo or paste), whether a save is under way, and the selection's size, Sum, Average and
// Count. One polite live region, so a screen reader reads each change out without interrupting.
import { describeStats, type SelectionStats } from './selection-stats';

interface Props {
  /** Why the last key or button did nothing, or null. */
  message: string | null;
  busy: boolean;
  selectionSize: number;
  stats: SelectionStats | null;
}

export function SheetStatus({ message, busy, selectionSize, stats }: Props) {
  return (
    <div className="sheet-status" role="status" aria-live="polite" data-testid="sheet-status">
      {message && (
        <span className="sheet-message" data-testid="sheet-message">
          {message}
        </span>
      )}
      <span className="muted" data-testid="selection-size">
        {busy ? 'Saving…' : selectionSize > 1 ? `${selectionSize} cells selected` : ''}
      </span>
      {stats && selectionSize > 1 && <span data-testid="selection-stats">{describeStats(stats)}</span>}
    </div>
  );
}
