// The template's checklist, live: each check red ("No") or green ("Yes") in words as well as colour, a link that jumps
// to the cell to fix, and "Complete" only when every check passes. Where the page is wide it stands open beside the
// grid; where it is not, it folds to a bar above the grid saying how many checks pass, so the grid gets the page's width.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { isComplete } from '../../shared/plan-checks';
import type { PlanCheck } from '../../shared/plan-types';

interface Props {
  checks: readonly PlanCheck[];
  onGoTo: (target: { schemeId: number; field: string }) => void;
  /** The national conditions check's link: to the condition still to answer. */
  onGoToCondition?: (code: string) => void;
}

/** Wide enough for the grid and the checklist side by side (the same width as .plan-layout's two columns in CSS). */
const WIDE = '(min-width: 1560px)';
const subscribeWide = (onChange: () => void) => {
  const query = window.matchMedia(WIDE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};
const useWide = () => useSyncExternalStore(subscribeWide, () => window.matchMedia(WIDE).matches);

export function Checklist({ checks, onGoTo, onGoToCondition }: Props) {
  const complete = isComplete(checks);
  const failing = checks.filter((c) => !c.ok);
  const wide = useWide();
  // Open beside the grid, folded above it; the reader's own opening or folding holds until the width changes.
  const [open, setOpen] = useState(wide);
  useEffect(() => setOpen(wide), [wide]);
  return (
    <section className="checklist" aria-labelledby="checklist-title" data-testid="checklist">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <h2 id="checklist-title">
            Checklist:{' '}
            <span className={complete ? 'status-yes' : 'status-no'} data-testid="checklist-status">
              {complete ? 'Complete' : `Not complete (${failing.length} to fix)`}
            </span>
          </h2>
          <span className="muted checklist-count">
            {checks.length - failing.length} of {checks.length} checks pass
          </span>
        </summary>
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
              {!check.ok && check.conditionCode && onGoToCondition && (
                <button type="button" className="link-button" onClick={() => check.conditionCode && onGoToCondition(check.conditionCode)}>
                  Go to condition
                </button>
              )}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
