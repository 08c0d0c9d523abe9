// The history of one contribution (or one of its cells): who changed what and when, old -> new, newest first.
import { useEffect, useRef } from 'react';
import { formatDateTime } from '../../shared/dates';
import type { AuditEvent, ContributionListRow } from '../../shared/types';
import { FIELD_LABELS, type EditableField } from './ContributionsGrid';
import { formatValue, lookups } from './HistoryFormat';
import { useAuditEvents } from '../hooks/useAudit';

interface Props {
  row: ContributionListRow;
  field: EditableField | null;
  title: string;
  partnerName: (id: number) => string;
  sourceName: (code: string) => string;
  onShowField: (field: EditableField | null) => void;
  onClose: () => void;
}

function actionText(event: Pick<AuditEvent, 'action' | 'undoesBatchId'>): string {
  if (event.action === 'create') return event.undoesBatchId ? 'restored the row with' : 'created the row with';
  if (event.action === 'delete') return 'deleted the row, which had';
  return 'changed';
}

export function HistoryPanel({ row, field, title, partnerName, sourceName, onShowField, onClose }: Props) {
  const events = useAuditEvents({ entity: 'contribution', entityId: row.id, ...(field ? { field } : {}), limit: 200 }, true);
  // Who changed the row last, and when, is its newest event (the list's rows carry only what the grid shows); with a
  // field chosen, the list above holds that field's events only, so the row's newest is asked for on its own.
  const newest = useAuditEvents({ entity: 'contribution', entityId: row.id, limit: 1 }, field !== null);
  const last = (field ? newest.data : events.data)?.[0];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [row.id, field]);
  const format = (f: string | null, value: unknown) => formatValue(f, value, lookups(partnerName, sourceName));

  return (
    <aside className="history-panel" aria-labelledby="history-title" data-testid="history-panel">
      <div className="history-head">
        <h2 id="history-title" tabIndex={-1} ref={heading}>
          History: {title}
        </h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      <label>
        Show{' '}
        <select value={field ?? ''} onChange={(e) => onShowField((e.target.value || null) as EditableField | null)}>
          <option value="">the whole row</option>
          {(Object.keys(FIELD_LABELS) as EditableField[]).map((f) => (
            <option key={f} value={f}>
              {FIELD_LABELS[f]} only
            </option>
          ))}
        </select>
      </label>
      {last && (
        <p className="muted">
          Last changed by {last.userName ?? 'the system (demo data)'} on {formatDateTime(last.at)}.
        </p>
      )}
      {events.error && <p role="alert">Could not load the history.</p>}
      {events.data && events.data.length === 0 && <p>No changes recorded{field ? ` to ${FIELD_LABELS[field]}` : ''}.</p>}
      <ol className="history-list">
        {(events.data ?? []).map((e) => (
          <li key={e.id}>
            <div className="history-meta">
              <strong>{e.userName ?? 'System (demo data)'}</strong> {actionText(e)}{' '}
              <span>{e.field ? (FIELD_LABELS[e.field as EditableField] ?? e.field) : ''}</span>
              <time dateTime={e.at} className="muted">
                {' '}
                {formatDateTime(e.at)}
              </time>
            </div>
            <div className="history-change">
              {e.action === 'update' ? (
                <>
                  <span className="old">{format(e.field, e.oldValue)}</span> → <span className="new">{format(e.field, e.newValue)}</span>
                </>
              ) : (
                <span>{format(e.field, e.action === 'delete' ? e.oldValue : e.newValue)}</span>
              )}
            </div>
            {e.undoneByBatchId && <div className="muted">(this change was undone)</div>}
          </li>
        ))}
      </ol>
    </aside>
  );
}
