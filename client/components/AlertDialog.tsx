// The one shell of a dialog that asks before something happens (a conflicting save, a promotion): a modal alert
// dialog named by its heading and described by its body, with its choices in a row at the foot. The caller puts the
// focus on the safe choice; Esc runs `onEscape` when given.
import type { ReactNode } from 'react';

interface Props {
  /** Prefix of the heading's and body's ids ("conflict": conflict-title, conflict-body) and the test id. */
  id: string;
  title: ReactNode;
  children: ReactNode;
  actions: ReactNode;
  onEscape?: () => void;
}

export function AlertDialog({ id, title, children, actions, onEscape }: Props) {
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        data-testid={`${id}-dialog`}
        onKeyDown={onEscape && ((e) => e.key === 'Escape' && onEscape())}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}
