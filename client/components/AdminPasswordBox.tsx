// A generated password, shown to the administrator exactly once (the server keeps only its hash). The box takes the
// focus when it appears, so it is scrolled into view and read out even when the button that asked for it is far below.
import { useEffect, useRef } from 'react';

export function AdminPasswordBox({ email, password, onDone }: { email: string; password: string; onDone: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [email, password]);
  return (
    <div
      className="admin-password"
      role="status"
      tabIndex={-1}
      ref={box}
      data-testid="new-password-box"
      aria-labelledby="new-password-heading"
    >
      <h2 className="small-heading" id="new-password-heading">
        New password for {email}
      </h2>
      <p>
        <strong>Copy it now and pass it on securely: it will not be shown again.</strong>
      </p>
      <p>
        <code className="admin-password-value" data-testid="new-password">
          {password}
        </code>
      </p>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
