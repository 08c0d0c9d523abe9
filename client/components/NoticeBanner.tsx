// The one-line message a page shows after an action: information (a status, read out politely) or an error (an alert),
// with a dismiss button and room for an action such as Undo.
import type { ReactNode } from 'react';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

export function NoticeBanner({ notice, onDismiss, children }: { notice: Notice; onDismiss: () => void; children?: ReactNode }) {
  return (
    <div
      className={`banner ${notice.kind === 'error' ? 'banner-error' : 'banner-info'}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
    >
      {notice.text} {children}
      <button type="button" className="link-button" aria-label="Dismiss message" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
