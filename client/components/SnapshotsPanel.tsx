// Named versions of a fund's plan: freeze the plan ("Submitted plan", "Q2 return"), list the versions, compare any two
// (added, removed and changed schemes with £ deltas), and restore one (one audited change, so it can be undone).
import { useState } from 'react';
import { formatDateTime } from '../../shared/dates';
import { formatPence } from '../../shared/money';
import { useSnapshotComparison, useSnapshots } from '../hooks/useSnapshots';
import { apiError } from '../trpc';
import { num, TableHead } from './SimpleTable';

type Version = number | 'current';

/** The snapshots to choose from, after the choices each picker has of its own. */
function SnapshotOptions({ snapshots }: { snapshots: readonly { id: number; name: string }[] }) {
  return (
    <>
      {snapshots.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </>
  );
}

export function SnapshotsPanel({ fundId, canEdit, onChanged }: { fundId: number; canEdit: boolean; onChanged: () => Promise<void> }) {
  const { snapshots, create, restore } = useSnapshots(fundId);
  const [name, setName] = useState('');
  const [a, setA] = useState<Version | null>(null);
  const [b, setB] = useState<Version>('current');
  const [message, setMessage] = useState<string | null>(null);
  const comparison = useSnapshotComparison(fundId, a, b);

  const freeze = async () => {
    try {
      await create.mutateAsync({ fundId, name });
      setName('');
      setMessage(`Froze the plan as “${name}”.`);
      await onChanged();
    } catch (error) {
      setMessage(apiError(error).message);
    }
  };
  const bringBack = async (id: number, label: string) => {
    try {
      await restore.mutateAsync({ snapshotId: id });
      setMessage(`Restored “${label}”. Undo takes it back.`);
      await onChanged();
    } catch (error) {
      setMessage(apiError(error).message);
    }
  };
  const versionValue = (v: Version | null) => (v === null ? '' : String(v));
  const parseVersion = (text: string): Version | null => (text === '' ? null : text === 'current' ? 'current' : Number(text));

  return (
    <section aria-labelledby="snapshots-title" className="snapshots">
      <h2 id="snapshots-title">Versions of the plan</h2>
      {message && (
        <p role="status" className="banner banner-info">
          {message}
        </p>
      )}
      {canEdit && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void freeze();
          }}
        >
          <label className="inline-field">
            Name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Submitted plan" required maxLength={200} />
          </label>
          {/* Primary, and when disabled it looks so and says why (issue 22, item 5: it used to look disabled when it was not). */}
          <button
            type="submit"
            className="button-primary"
            disabled={create.isPending || name.trim() === ''}
            title={create.isPending ? 'Freezing the plan…' : name.trim() === '' ? 'Type a name for the version first' : undefined}
          >
            Freeze the plan as a version
          </button>
        </form>
      )}
      <table className="simple-table" data-testid="snapshots">
        <TableHead columns={['Version', 'Frozen', num('Schemes'), num('Planned'), 'Actions']} />
        <tbody>
          {(snapshots.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>
                {formatDateTime(s.createdAt)} by {s.createdByName ?? 'the system'}
              </td>
              <td className="num">{s.schemeCount}</td>
              <td className="num">{formatPence(s.plannedPence)}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setA(s.id);
                    setB('current');
                  }}
                >
                  Compare with now
                </button>
                {canEdit && (
                  <button type="button" className="link-button" onClick={() => void bringBack(s.id, s.name)}>
                    Restore
                  </button>
                )}
              </td>
            </tr>
          ))}
          {snapshots.data?.length === 0 && (
            <tr>
              <td colSpan={5}>No versions yet.</td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="inline-form">
        <label className="inline-field">
          Compare{' '}
          <select value={versionValue(a)} onChange={(e) => setA(parseVersion(e.target.value))}>
            <option value="">choose…</option>
            <option value="current">the plan now</option>
            <SnapshotOptions snapshots={snapshots.data ?? []} />
          </select>
        </label>
        <label className="inline-field">
          with{' '}
          <select value={versionValue(b)} onChange={(e) => setB(parseVersion(e.target.value) ?? 'current')}>
            <option value="current">the plan now</option>
            <SnapshotOptions snapshots={snapshots.data ?? []} />
          </select>
        </label>
      </div>
      {comparison.data && (
        <div data-testid="comparison">
          <p>
            {comparison.data.a.name} → {comparison.data.b.name}: planned {formatPence(comparison.data.aPlannedPence)} →{' '}
            {formatPence(comparison.data.bPlannedPence)} ({formatPence(comparison.data.deltaPence)}).
          </p>
          <ul>
            {comparison.data.added.map((l) => (
              <li key={`a${l.code}`}>
                Added scheme {l.code} {l.name}: {formatPence(l.deltaPence)}
              </li>
            ))}
            {comparison.data.removed.map((l) => (
              <li key={`r${l.code}`}>
                Removed scheme {l.code} {l.name}: {formatPence(l.deltaPence)}
              </li>
            ))}
            {comparison.data.changed.map((l) => (
              <li key={`c${l.code}`}>
                Changed scheme {l.code} {l.name} ({Object.keys(l.fields).join(', ')}): {formatPence(l.deltaPence)}
              </li>
            ))}
            {comparison.data.added.length + comparison.data.removed.length + comparison.data.changed.length === 0 && (
              <li>No differences.</li>
            )}
          </ul>
        </div>
      )}
    </section>
  );
}
