// A generated password, shown to the administrator exactly once (the server keeps only its hash).
export function AdminPasswordBox({ email, password, onDone }: { email: string; password: string; onDone: () => void }) {
  return (
    <div className="admin-password" role="status" data-testid="new-password-box">
      <h2 className="small-heading">New password for {email}</h2>
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
