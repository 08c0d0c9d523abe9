// The note above a grid or form that a sign-off lock holds (issue "Sign-off and returns"): each lock's reason in words,
// so the grey cells below are explained before anyone types into one.
import type { FundLock } from '../../../shared/schema/submission';

export function LocksNote({ locks }: { locks: readonly FundLock[] }) {
  if (locks.length === 0) return null;
  return (
    <div className="banner banner-info" role="note" data-testid="locks-note">
      {locks.map((lock) => (
        <p key={lock.kind}>{lock.reason}.</p>
      ))}
    </div>
  );
}
