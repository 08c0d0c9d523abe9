// One row of actions at the top of a page or a section (issue 22, item 5): the primary action first, then secondary
// actions, then links (exports, the board pack), then a short hint. A toolbar is named, so a screen reader says whose
// actions these are ("Plan actions"); its look is .page-toolbar / .section-toolbar in styles.css.
import type { ReactNode } from 'react';

interface Props {
  /** What the actions act on, read out as the toolbar's name: "Plan actions". */
  label: string;
  children: ReactNode;
  testId?: string;
}

/** The page's actions, under its title and tabs and above its first grid or table. */
export function PageToolbar({ label, children, testId }: Props) {
  return (
    <div className="page-toolbar" role="toolbar" aria-label={label} data-testid={testId}>
      {children}
    </div>
  );
}

/** A section's own actions, under its heading. */
export function SectionToolbar({ label, children, testId }: Props) {
  return (
    <div className="section-toolbar" role="toolbar" aria-label={label} data-testid={testId}>
      {children}
    </div>
  );
}
