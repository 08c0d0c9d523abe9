// The audit log's rows as the write path appends them: one event per field changed (design rule 3), written a
// multi-row statement at a time (db/repositories/bulk-insert.ts), so 100 new rows' 700 events are one INSERT.
import { insertRows, type Cell } from '../repositories/bulk-insert';
import type { Tx } from '../unit-of-work';

export type AuditAction = 'create' | 'update' | 'delete';

/** One audit event, every column given. Values are stored as JSON text (null for none). */
export interface AuditEventRow {
  batchId: string;
  at: string;
  userId: number | null;
  entity: string;
  entityId: number;
  action: AuditAction;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  versionBefore: number | null;
  versionAfter: number | null;
  fundId: number | null;
  partnershipId: number | null;
}

const COLUMNS = [
  'batch_id',
  'at',
  'user_id',
  'entity',
  'entity_id',
  'action',
  'field',
  'old_value',
  'new_value',
  'version_before',
  'version_after',
  'fund_id',
  'partnership_id',
] as const;

const cells = (e: AuditEventRow): Cell[] => [
  e.batchId,
  e.at,
  e.userId,
  e.entity,
  e.entityId,
  e.action,
  e.field,
  e.oldValue,
  e.newValue,
  e.versionBefore,
  e.versionAfter,
  e.fundId,
  e.partnershipId,
];

/** A field's value as the audit log records it: JSON, or null for no value. */
export const auditValue = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** Append events to the audit log, in the order given. */
export async function insertAuditEvents(tx: Tx, events: readonly AuditEventRow[]): Promise<void> {
  if (events.length > 0) await insertRows(tx, 'audit_event', COLUMNS, events.map(cells));
}
