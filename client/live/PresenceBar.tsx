// "Also here: Sam Finance (Planned (£) of Northbridge Council DFG Q2)": who else has this fund open, and the cell each
// has selected, in words. Announced politely to screen readers as people come and go.
import { useLive } from './LiveProvider';
import './live.css';

export function PresenceBar({ fundId }: { fundId: number }) {
  const live = useLive();
  if (live.fundId !== fundId || live.others.length === 0) return <div className="presence-bar" aria-live="polite" />;
  return (
    <div className="presence-bar" aria-live="polite" data-testid="presence-bar">
      <span className="presence-label">Also here:</span>{' '}
      {live.others.map((viewer, index) => {
        const where = viewer.cell ? live.describe(viewer.cell) : null;
        return (
          <span key={viewer.connectionId} className="presence-person">
            {index > 0 && ', '}
            <strong>{viewer.user.name}</strong>
            {where && <span className="muted"> ({where})</span>}
          </span>
        );
      })}
    </div>
  );
}
