// Two people edited the same cell: the second save was refused (CONFLICT). Show whose value is there now and let the
// person choose to keep theirs (save again over it, knowingly) or take the other person's. Nothing is silently lost.
// Every grid shows it (client/components/sheet/SheetGrid.tsx), with the values as its cells show them.
import { useEffect, useRef } from 'react';
import { formatDateTime } from '../../shared/dates';
import { AlertDialog } from './AlertDialog';

interface Props {
  /** Who saved the other value, and when (ISO time), where the server says. */
  who: string | null;
  at: string | null;
  /** The column's name ("Planned (£)") and the row's ("Northbridge Borough Council, iBCF, Q2"). */
  what: string;
  where: string;
  theirs: string;
  mine: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

export function ConflictDialog({ who, at, what, where, theirs, mine, onKeepMine, onTakeTheirs }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <AlertDialog
      id="conflict"
      title="Someone else changed this while you were editing"
      actions={
        <>
          <button type="button" ref={first} onClick={onTakeTheirs}>
            Take theirs ({theirs})
          </button>
          <button type="button" className="secondary-button" onClick={onKeepMine}>
            Keep mine ({mine})
          </button>
        </>
      }
    >
      <p>
        <strong>{who ?? 'Someone else'}</strong> set <strong>{what}</strong> for {where} to{' '}
        <strong data-testid="conflict-theirs">{theirs}</strong>
        {at ? ` at ${formatDateTime(at)}` : ''}.
      </p>
      <p>
        Your value, <strong data-testid="conflict-mine">{mine}</strong>, has not been saved.
      </p>
    </AlertDialog>
  );
}
