// Recent changes grouped by batch (one save, one import, one undo), newest first: what the batch was, who made it and
// when, whether it has been undone, and each change in it as row, field and old -> new.
import { useState } from 'react';
import type { AuditEvent } from '../../shared/types';
import { batchTitle, describeRow, fieldLabel, formatValue, formatWhen, type HistoryLookups } from './HistoryFormat';

/** How many of a batch's changes show before "Show all" (the demo data's seed batch has hundreds). */
const FIRST_CHANGES = 8;

export interface HistoryBatch {
  batchId: string;
  label: string;
  at: string;
  userName: string | null;
  undoneByBatchId: string | null;
  undoesBatchId: string | null;
  events: AuditEvent[];
}

/** Group events (newest first) by batch, keeping the newest batch first. */
export function groupByBatch(events: readonly AuditEvent[]): HistoryBatch[] {
  const batches = new Map<string, HistoryBatch>();
  for (const e of events) {
    const batch = batches.get(e.batchId);
    if (batch) batch.events.push(e);
    else {
      batches.set(e.batchId, {
        batchId: e.batchId,
        label: e.batchLabel,
        at: e.at,
        userName: e.userName,
        undoneByBatchId: e.undoneByBatchId,
        undoesBatchId: e.undoesBatchId,
        events: [e],
      });
    }
  }
  return [...batches.values()];
}

function ChangeText({ event, look }: { event: AuditEvent; look: HistoryLookups }) {
  const money = event.field?.endsWith('Pence') ? 'num' : undefined;
  const value = (v: unknown) => <span className={money}>{formatValue(event.field, v, look)}</span>;
  if (event.action === 'create') return <>Added: {value(event.newValue)}</>;
  if (event.action === 'delete') return <>Deleted (was {value(event.oldValue)})</>;
  return (
    <>
      {value(event.oldValue)} <span aria-label="changed to">→</span> {value(event.newValue)}
    </>
  );
}

function BatchChanges({ batch, look }: { batch: HistoryBatch; look: HistoryLookups }) {
  const [all, setAll] = useState(false);
  const shown = all ? batch.events : batch.events.slice(0, FIRST_CHANGES);
  return (
    <>
      <table className="simple-table history-changes">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Field</th>
            <th scope="col">Old → new</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.id}>
              <td>{describeRow(e, look)}</td>
              <td>{fieldLabel(e.field)}</td>
              <td>
                <ChangeText event={e} look={look} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {batch.events.length > FIRST_CHANGES && (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer changes' : `Show all ${batch.events.length} changes in this batch`}
        </button>
      )}
    </>
  );
}

export function HistoryBatchList({
  batches,
  look,
  onUndo,
  undoing,
}: {
  batches: readonly HistoryBatch[];
  look: HistoryLookups;
  onUndo: (batch: HistoryBatch) => void;
  undoing: string | null;
}) {
  return (
    <ol className="history-batches" aria-label="Changes, newest first">
      {batches.map((b) => {
        const title = batchTitle(b.label);
        const when = formatWhen(b.at);
        return (
          <li key={b.batchId} className={`history-batch${b.undoneByBatchId ? ' history-undone' : ''}`} data-batch-id={b.batchId}>
            <div className="history-batch-head">
              <h3 className="small-heading">
                {title}
                {b.undoneByBatchId && <span className="history-tag"> Undone</span>}
              </h3>
              <p className="muted history-meta">
                {b.userName ?? 'System (demo data)'} · <time dateTime={b.at}>{when}</time>
              </p>
              {!b.undoneByBatchId && (
                <button type="button" className="secondary-button" disabled={undoing !== null} onClick={() => onUndo(b)}>
                  {undoing === b.batchId ? 'Undoing…' : 'Undo'}
                  <span className="visually-hidden">
                    {' '}
                    {title}, {when}
                  </span>
                </button>
              )}
            </div>
            <BatchChanges batch={b} look={look} />
          </li>
        );
      })}
    </ol>
  );
}
