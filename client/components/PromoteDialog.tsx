// Asking before a scenario is promoted to the plan (issue 22, item 6): promoting sets planned contributions, so the
// dialog names every partner whose contribution to a funding source it would lower, and by how much, before anything
// is written. Cancel (or Esc) writes nothing.
import { useEffect, useRef } from 'react';
import { formatPence } from '../../shared/money';
import type { loweredContributions } from '../../shared/reconcile';

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
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="promote-title"
        aria-describedby="promote-body"
        data-testid="promote-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      >
        <h2 id="promote-title">Promote ‘{scenarioName}’ to the plan?</h2>
        <div id="promote-body">
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
                    {l.name}, {l.sourceName}: {formatPence(-l.changePence)} less ({formatPence(l.planPence)} to{' '}
                    {formatPence(l.scenarioPence)})
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onPromote} disabled={busy}>
            Promote
          </button>
          <button type="button" ref={cancel} className="secondary-button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
