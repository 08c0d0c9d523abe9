// Recent changes grouped by batch (one save, one import, one undo), newest first: what the batch was, who made it and
// when, whether it has been undone, and each change in it as row, field and old -> new.
import { useState } from 'react';
import {
  batchTitle,
  describeRow,
  fieldLabel,
  formatValue,
  formatWhen,
  rowKeyFields,
  type HistoryEvent,
  type HistoryLookups,
} from './HistoryFormat';
import { TableHead } from './SimpleTable';

/** How many of a batch's changes show before "Show all" (the demo data's seed batch has hundreds). */
const FIRST_CHANGES = 8;

export interface HistoryBatch {
  batchId: string;
  label: string;
  at: string;
  userName: string | null;
  /** Who made it (null: the system, e.g. the demo data). */
  userId: number | null;
  undoneByBatchId: string | null;
  undoesBatchId: string | null;
  events: HistoryEvent[];
}

/** Group events (newest first) by batch, keeping the newest batch first. */
export function groupByBatch(events: readonly HistoryEvent[]): HistoryBatch[] {
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
        userId: e.userId,
        undoneByBatchId: e.undoneByBatchId,
        undoesBatchId: e.undoesBatchId,
        events: [e],
      });
    }
  }
  return [...batches.values()];
}

/** One line of a batch: a field changed on a row, or a whole row added or deleted (all its fields in one line). */
interface ChangeLine {
  key: string;
  first: HistoryEvent;
  events: HistoryEvent[];
}

function linesOf(events: readonly HistoryEvent[]): ChangeLine[] {
  const lines = new Map<string, ChangeLine>();
  for (const e of events) {
    const key = e.action === 'update' ? `event:${e.id}` : `${e.action}:${e.entity}:${e.entityId}`;
    const line = lines.get(key);
    if (line) line.events.push(e);
    else lines.set(key, { key, first: e, events: [e] });
  }
  return [...lines.values()];
}

function Value({ field, value, look }: { field: string | null; value: unknown; look: HistoryLookups }) {
  // A digest reads by its first characters; the whole of it is the span's title.
  const title = field === 'digest' && typeof value === 'string' ? value : undefined;
  return (
    <span className={field?.endsWith('Pence') ? 'num' : undefined} title={title}>
      {formatValue(field, value, look)}
    </span>
  );
}

/** A whole row's values, oldest field first, leaving out what the row's description already says. */
function RowValues({ line, look }: { line: ChangeLine; look: HistoryLookups }) {
  const hidden = rowKeyFields(line.first.entity);
  const events = [...line.events].reverse().filter((e) => e.field && !hidden.includes(e.field));
  return (
    <>
      {events.map((e, i) => (
        <span key={e.id}>
          {i > 0 && ' · '}
          {fieldLabel(e.field, e.entity)}:{' '}
          <Value field={e.field} value={line.first.action === 'delete' ? e.oldValue : e.newValue} look={look} />
        </span>
      ))}
    </>
  );
}

function ChangeCells({ line, look }: { line: ChangeLine; look: HistoryLookups }) {
  const e = line.first;
  if (e.action !== 'update') {
    return (
      <>
        <td>{e.action === 'create' ? 'Added row' : 'Deleted row'}</td>
        <td>
          <RowValues line={line} look={look} />
        </td>
      </>
    );
  }
  return (
    <>
      <td>{fieldLabel(e.field, e.entity)}</td>
      <td>
        <Value field={e.field} value={e.oldValue} look={look} /> <span aria-hidden="true">→</span>
        <span className="visually-hidden">changed to</span> <Value field={e.field} value={e.newValue} look={look} />
      </td>
    </>
  );
}

function BatchChanges({ batch, look }: { batch: HistoryBatch; look: HistoryLookups }) {
  const [all, setAll] = useState(false);
  const lines = linesOf(batch.events);
  const shown = all ? lines : lines.slice(0, FIRST_CHANGES);
  return (
    <>
      <table className="simple-table history-changes">
        <TableHead columns={['Row', 'Field', 'Old → new']} />
        <tbody>
          {shown.map((line) => (
            <tr key={line.key}>
              <td>{describeRow(line.first, look)}</td>
              <ChangeCells line={line} look={look} />
            </tr>
          ))}
        </tbody>
      </table>
      {lines.length > FIRST_CHANGES && (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer changes' : `Show all ${lines.length} changes in this batch`}
        </button>
      )}
    </>
  );
}

export function HistoryBatchList({
  batches,
  look,
  onUndo,
  undoBlock,
  undoing,
}: {
  batches: readonly HistoryBatch[];
  look: HistoryLookups;
  onUndo: (batch: HistoryBatch) => void;
  /** Why this person may not undo the batch (its Undo is disabled with the reason), or null; without it, this person
   * may undo nothing and no batch shows an Undo button. */
  undoBlock?: (batch: HistoryBatch) => string | null;
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
                {b.undoneByBatchId && (
                  <>
                    {' '}
                    <span className="history-tag">Undone</span>
                  </>
                )}
              </h3>
              <p className="muted history-meta">
                {b.userName ?? 'System (demo data)'} · <time dateTime={b.at}>{when}</time>
              </p>
              {!b.undoneByBatchId && undoBlock && (
                <button
                  type="button"
                  className="secondary-button"
                  disabled={undoing !== null || undoBlock(b) !== null}
                  title={undoBlock(b) ?? undefined}
                  onClick={() => onUndo(b)}
                >
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
