// Reads of the append-only audit log and of batches, and the undo that reverses a batch from its events.
import { sql } from 'kysely';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors';
import type { AuditEvent } from '../../shared/types';
import { AUDITED_TABLES } from '../audited-tables';
import type { DB } from '../connection';
import type { AuditEventRow } from '../schema';
import type { BatchWriter, Tx } from '../unit-of-work';

export interface AuditFilter {
  entity?: string;
  entityId?: number;
  field?: string;
  fundId?: number;
  partnershipId?: number;
  /** Only events in these partnerships (a non-admin's scope); events of no partnership are left out. */
  withinPartnerships?: readonly number[];
  userId?: number;
  /** ISO timestamps: events at or after `from` and before `to`. */
  from?: string;
  to?: string;
  batchId?: string;
  limit?: number;
}

function toEvent(
  row: AuditEventRow & { userName: string | null; batchLabel: string; undoneByBatchId: string | null; undoesBatchId: string | null },
): AuditEvent {
  return {
    id: row.id,
    batchId: row.batchId,
    batchLabel: row.batchLabel,
    undoneByBatchId: row.undoneByBatchId,
    undoesBatchId: row.undoesBatchId,
    at: row.at,
    userId: row.userId,
    userName: row.userName,
    entity: row.entity,
    entityId: row.entityId,
    action: row.action,
    field: row.field,
    oldValue: row.oldValue === null ? null : (JSON.parse(row.oldValue) as unknown),
    newValue: row.newValue === null ? null : (JSON.parse(row.newValue) as unknown),
    fundId: row.fundId,
    partnershipId: row.partnershipId,
  };
}

/** The newest events first, with who made each change and the batch it belongs to. */
export async function listAuditEvents(db: DB | Tx, filter: AuditFilter = {}): Promise<AuditEvent[]> {
  let query = db
    .selectFrom('auditEvent')
    .innerJoin('batch', 'batch.id', 'auditEvent.batchId')
    .leftJoin('appUser', 'appUser.id', 'auditEvent.userId')
    .selectAll('auditEvent')
    .select(['appUser.name as userName', 'batch.label as batchLabel', 'batch.undoneByBatchId', 'batch.undoesBatchId']);
  if (filter.entity !== undefined) query = query.where('auditEvent.entity', '=', filter.entity);
  if (filter.entityId !== undefined) query = query.where('auditEvent.entityId', '=', filter.entityId);
  if (filter.field !== undefined) query = query.where('auditEvent.field', '=', filter.field);
  if (filter.fundId !== undefined) query = query.where('auditEvent.fundId', '=', filter.fundId);
  if (filter.partnershipId !== undefined) query = query.where('auditEvent.partnershipId', '=', filter.partnershipId);
  if (filter.withinPartnerships !== undefined) {
    const ids = [...filter.withinPartnerships];
    query = ids.length ? query.where('auditEvent.partnershipId', 'in', ids) : query.where(sql<boolean>`0`);
  }
  if (filter.userId !== undefined) query = query.where('auditEvent.userId', '=', filter.userId);
  if (filter.from !== undefined) query = query.where('auditEvent.at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('auditEvent.at', '<', filter.to);
  if (filter.batchId !== undefined) query = query.where('auditEvent.batchId', '=', filter.batchId);
  const rows = await query
    .orderBy('auditEvent.id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toEvent);
}

/** The people who made changes (in these partnerships, or anywhere when `within` is undefined), for history filters. */
export async function listAuditPeople(db: DB | Tx, partnershipId: number | undefined, within: readonly number[] | undefined) {
  let query = db
    .selectFrom('auditEvent')
    .leftJoin('appUser', 'appUser.id', 'auditEvent.userId')
    .select(['auditEvent.userId', 'appUser.name as userName'])
    .distinct();
  if (partnershipId !== undefined) query = query.where('auditEvent.partnershipId', '=', partnershipId);
  if (within !== undefined)
    query = within.length ? query.where('auditEvent.partnershipId', 'in', [...within]) : query.where(sql<boolean>`0`);
  const rows = await query.orderBy('appUser.name').execute();
  return rows.map((r) => ({ userId: r.userId, userName: r.userName }));
}

export async function countAuditEvents(db: DB | Tx): Promise<number> {
  const row = await db
    .selectFrom('auditEvent')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findBatch(db: DB | Tx, id: string) {
  return db.selectFrom('batch').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Reverse a batch inside `writer`'s batch: rows it created are deleted, rows it updated get their old values back,
 * rows it deleted come back under their old ids. Each row must still be as the batch left it (same version);
 * otherwise someone changed it since and the undo is refused with CONFLICT, writing nothing. Undoing an undo redoes.
 */
export async function undoBatch(writer: BatchWriter, batchId: string): Promise<{ entity: string; id: number; row: unknown }[]> {
  const batch = await findBatch(writer.tx, batchId);
  if (!batch) throw new NotFoundError(`No batch with id '${batchId}'`);
  if (batch.undoneByBatchId) throw new ConflictError('This change has already been undone', { undoneByBatchId: batch.undoneByBatchId });

  const events = await writer.tx.selectFrom('auditEvent').selectAll().where('batchId', '=', batchId).orderBy('id').execute();
  // Group the events by row, keeping the order in which the batch touched the rows; reverse it to undo.
  const byRow = new Map<string, AuditEventRow[]>();
  for (const e of events) {
    const key = `${e.entity}:${e.entityId}`;
    byRow.set(key, [...(byRow.get(key) ?? []), e]);
  }
  const restored: { entity: string; id: number; row: unknown }[] = [];
  for (const rowEvents of [...byRow.values()].reverse()) {
    const first = rowEvents[0];
    const last = rowEvents[rowEvents.length - 1];
    if (!first || !last) continue;
    const table = AUDITED_TABLES[first.entity];
    // Not every audited table can be undone (users: a restored account would need its password hash, and undo would
    // skip the self-lock-out checks); say so as bad input, not as a server failure.
    if (!table) {
      throw new ValidationError([
        {
          path: 'batchId',
          message: `This change cannot be undone from history: changes to ${first.entity === 'app_user' ? 'users' : `'${first.entity}' records`} must be made again by hand`,
        },
      ]);
    }
    const existedBefore = first.action !== 'create';
    const existsNow = last.action !== 'delete';
    // The row as it was before the batch: each field's OLDEST old value among the batch's events.
    const before: Record<string, unknown> = {};
    for (const e of rowEvents) {
      if (e.field && !(e.field in before) && e.action !== 'create') before[e.field] = JSON.parse(e.oldValue ?? 'null') as unknown;
    }
    // A row the batch left in place that someone has deleted since is a conflict (the data moved on), not an unknown
    // batch: without this check the writer's NotFoundError would surface as NOT_FOUND.
    if (existsNow && !(await table.find(writer.tx, first.entityId))) {
      throw new ConflictError(
        `A ${table.noun} this change touched (id ${first.entityId}) has been deleted by someone since; nothing was undone`,
        null,
      );
    }
    if (existsNow && !existedBefore) {
      await writer.remove(table, first.entityId, last.versionAfter ?? 0);
      restored.push({ entity: first.entity, id: first.entityId, row: null });
    } else if (existsNow && existedBefore) {
      const row = await writer.update(table, first.entityId, last.versionAfter ?? 0, before);
      restored.push({ entity: first.entity, id: first.entityId, row });
    } else if (!existsNow && existedBefore) {
      const row = await writer.restore(table, first.entityId, before, last.versionBefore ?? 0);
      restored.push({ entity: first.entity, id: first.entityId, row });
    }
  }
  await writer.tx.updateTable('batch').set({ undoneByBatchId: writer.batchId }).where('id', '=', batchId).execute();
  return restored;
}
