// Asking before a scenario is promoted to the plan (issue 22, item 6): promoting sets planned contributions, so the
// dialog names every partner whose contribution to a funding source it would lower, and by how much, before anything
// is written. Cancel (or Esc) writes nothing.
import { useEffect, useRef } from 'react';
import { formatPence } from '../../shared/money';
import type { loweredContributions } from '../../shared/reconcile';
import { AlertDialog } from './AlertDialog';

interface Props {
  scenarioName: string;
  /** How many partners' planned totals the promotion changes. */
  moved: number;
  lowered: ReturnType<typeof loweredContributions>;
  busy: boolean;
  onPromote: () => void;
  onCancel: () => void;
}

export function PromoteDialog({ scenarioName, moved, lowered, busy, onPromote, onCancel }: Props) {
  // Cancel has the focus first: the safe choice is the one Enter takes.
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <AlertDialog
      id="promote"
      title={<>Promote ‘{scenarioName}’ to the plan?</>}
      onEscape={onCancel}
      actions={
        <>
          <button type="button" onClick={onPromote} disabled={busy}>
            Promote
          </button>
          <button type="button" ref={cancel} className="secondary-button" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        This sets the planned contributions of {moved} partner{moved === 1 ? '' : 's'} to this scenario’s figures, as one change you can
        undo from the history.
      </p>
      {lowered.length > 0 && (
        <>
          <p>
            <strong>It lowers {lowered.length === 1 ? 'this planned contribution' : 'these planned contributions'}:</strong>
          </p>
          <ul data-testid="promote-lowered">
            {lowered.map((l) => (
              <li key={`${l.orgId}:${l.source}`}>
                {l.name}, {l.sourceName}: {formatPence(-l.changePence)} less ({formatPence(l.planPence)} to {formatPence(l.scenarioPence)})
              </li>
            ))}
          </ul>
        </>
      )}
    </AlertDialog>
  );
}
