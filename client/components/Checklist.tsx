// The template's checklist, live: each check red ("No") or green ("Yes") in words as well as colour, a link that jumps
// to the cell to fix, and "Complete" only when every check passes.
import { isComplete } from '../../shared/plan-checks';
import type { PlanCheck } from '../../shared/plan-types';

interface Props {
  checks: readonly PlanCheck[];
  onGoTo: (target: { schemeId: number; field: string }) => void;
}

export function Checklist({ checks, onGoTo }: Props) {
  const complete = isComplete(checks);
  const failing = checks.filter((c) => !c.ok);
  return (
    <section className="checklist" aria-labelledby="checklist-title" data-testid="checklist">
      <h2 id="checklist-title">
        Checklist:{' '}
        <span className={complete ? 'status-yes' : 'status-no'} data-testid="checklist-status">
          {complete ? 'Complete' : `Not complete (${failing.length} to fix)`}
        </span>
      </h2>
      <ul>
        {checks.map((check) => (
          <li key={check.id} className={check.ok ? 'check-ok' : 'check-fail'} data-check={check.id}>
            <span className="check-mark">{check.ok ? 'Yes' : 'No'}</span>
            <span>
              {check.label}
              {!check.ok && check.detail && <span className="muted"> · {check.detail}</span>}
            </span>
            {!check.ok && check.target && (
              <button type="button" className="link-button" onClick={() => check.target && onGoTo(check.target)}>
                Go to cell
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
