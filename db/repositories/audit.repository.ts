// Reads of the append-only audit log and of batches, and the undo that reverses a batch from its events.
import { sql, type ExpressionBuilder } from 'kysely';
import { PRIVATE_ENTITIES } from '../../shared/roles';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors';
import type { AuditEvent } from '../../shared/types';
import { AUDITED_TABLES } from '../audited-tables';
import type { DB } from '../connection';
import { formatWhen } from '../../shared/time';
import type { AuditEventRow, Database } from '../schema';
import type { BatchWriter, Tx, VersionedRow } from '../unit-of-work';
import { countRows } from './row-writes';

export interface AuditFilter {
  entity?: string;
  entityId?: number;
  field?: string;
  fundId?: number;
  partnershipId?: number;
  /** Only events in these partnerships (a non-admin's scope); events of no partnership are left out. */
  withinPartnerships?: readonly number[];
  /** A non-admin reader: events of private entities (a scenario and its lines) only where this person owns the
   * scenario or made the change (shared/roles.ts PRIVATE_ENTITIES). */
  privateTo?: number;
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
    query = ids.length ? query.where('auditEvent.partnershipId', 'in', ids) : query.where(sql<boolean>`1 = 0`);
  }
  if (filter.privateTo !== undefined) query = query.where(privateEventsOnlyOf(filter.privateTo));
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

/**
 * The visibility rule of private entities as a query condition on audit events joined to their batch: an event of a
 * scenario or a scenario line, or any event of a batch scoped to a scenario (a comment on a scenario's line), shows
 * only to the person who made it and to the scenario's owner (found through the batch's scenario, or the event's own
 * id for a scenario row); every other event is unaffected.
 */
function privateEventsOnlyOf(viewerId: number) {
  return (eb: ExpressionBuilder<Database & { batch: Database['batch'] }, 'auditEvent' | 'batch'>) =>
    eb.or([
      eb.and([eb('auditEvent.entity', 'not in', [...PRIVATE_ENTITIES]), eb('batch.scenarioId', 'is', null)]),
      eb('batch.userId', '=', viewerId),
      eb.exists(
        eb
          .selectFrom('scenario')
          .select('scenario.id')
          .where('scenario.ownerId', '=', viewerId)
          .where((s) =>
            s.or([
              s('scenario.id', '=', s.ref('batch.scenarioId')),
              s.and([s('auditEvent.entity', '=', 'scenario'), s('scenario.id', '=', s.ref('auditEvent.entityId'))]),
            ]),
          ),
      ),
    ]);
}

/** The people who made changes (in these partnerships, or anywhere when `within` is undefined), for history filters. */
export async function listAuditPeople(
  db: DB | Tx,
  partnershipId: number | undefined,
  within: readonly number[] | undefined,
  privateTo?: number,
) {
  let query = db
    .selectFrom('auditEvent')
    .innerJoin('batch', 'batch.id', 'auditEvent.batchId')
    .leftJoin('appUser', 'appUser.id', 'auditEvent.userId')
    .select(['auditEvent.userId', 'appUser.name as userName'])
    .distinct();
  if (privateTo !== undefined) query = query.where(privateEventsOnlyOf(privateTo));
  if (partnershipId !== undefined) query = query.where('auditEvent.partnershipId', '=', partnershipId);
  if (within !== undefined)
    query = within.length ? query.where('auditEvent.partnershipId', 'in', [...within]) : query.where(sql<boolean>`1 = 0`);
  const rows = await query.orderBy('appUser.name').execute();
  return rows.map((r) => ({ userId: r.userId, userName: r.userName }));
}

export function countAuditEvents(db: DB | Tx): Promise<number> {
  return countRows(db, 'auditEvent');
}

export function findBatch(db: DB | Tx, id: string) {
  return db.selectFrom('batch').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The prefixes a reversal's label puts before the label of the change it is about ("Undid: Changed Planned (£)"). */
const REVERSAL_PREFIXES = ['Undid: ', 'Redid: '] as const;

/**
 * The label of the change a batch is about: its own label for a change, and for an undo or redo the label of the
 * change it reverses (the one prefix it was given is taken off, so "Undo: Changed Planned (£)" never becomes
 * "Undo: Redid: Undid: ..." however often a step is undone and redone).
 */
export function baseLabel(batch: { kind: string; label: string }): string {
  if (batch.kind !== 'undo' && batch.kind !== 'redo') return batch.label;
  const prefix = REVERSAL_PREFIXES.find((p) => batch.label.startsWith(p));
  return prefix ? batch.label.slice(prefix.length) : batch.label;
}

/** The label a reversal of `original` gets: undoing an undo is a redo. */
export function reversalOf(original: { kind: string; label: string }): { kind: 'undo' | 'redo'; label: string } {
  return original.kind === 'undo'
    ? { kind: 'redo', label: `Redid: ${baseLabel(original)}` }
    : { kind: 'undo', label: `Undid: ${baseLabel(original)}` };
}

// ---- per-user undo and redo stacks (issue "Spreadsheet habits", item 5) ----
//
// The stacks are not stored: they are read from the batch table every time, so they survive reloads and restarts and
// any server process sees the same ones (design rule 7). For one user in one fund:
//
// - The UNDO stack is the user's own batches in the fund that are changes (kind edit, batch or import) or redos, that
//   have not been undone, newest first. Undoing the top writes a new `undo` batch.
// - The REDO stack is the user's own `undo` batches in the fund that reversed a batch of the user's undo stack (their
//   own change or redo in that fund, never an administrator's undo of someone else's batch), that have not themselves
//   been undone, and that are newer than the user's latest change in that fund (kind edit, batch or import: so a new
//   edit clears redo, while a redo does not), newest first. Redoing the top undoes that undo as a new `redo` batch,
//   which goes back on the undo stack like any change.
// - Batches that wrote no audit events (an edit that changed nothing) are on neither stack: undoing one would do
//   nothing the user could see.
//
// "Newest" is by the batch's last audit event id, not its timestamp: the ids follow commit order exactly, while two
// batches can share a millisecond. Other people's batches are never on a user's stacks; when another person has
// changed a row since, the undo is refused with CONFLICT (see undoBatch) rather than skipped over.

/** Kinds that are a person's own changes: a new one clears their redo stack. */
const CHANGE_KINDS = ['edit', 'batch', 'import', 'promote'] as const;
/** Kinds that can be on the undo stack. */
const UNDOABLE_KINDS = [...CHANGE_KINDS, 'redo'] as const;

export interface StackEntry {
  batchId: string;
  /** The label of the change this step undoes or redoes ("Changed Planned (£)"). */
  label: string;
  /** When the batch on the stack was written (ISO). */
  at: string;
}

/** Where an undo stack is: a fund's own (scenarioId null), or one scenario's inside it. */
export interface UndoScope {
  fundId: number;
  scenarioId: number | null;
}

/** A user's batches in a scope, each with the id of its last audit event (its place in commit order). */
function batchesInScope(db: DB | Tx, userId: number, scope: UndoScope) {
  return db
    .selectFrom('batch')
    .innerJoin('auditEvent', 'auditEvent.batchId', 'batch.id')
    .select(['batch.id', 'batch.kind', 'batch.label', 'batch.at'])
    .select((eb) => eb.fn.max<number>('auditEvent.id').as('seq'))
    .where('batch.userId', '=', userId)
    .where('batch.fundId', '=', scope.fundId)
    .where('batch.scenarioId', scope.scenarioId === null ? 'is' : '=', scope.scenarioId)
    .groupBy(['batch.id', 'batch.kind', 'batch.label', 'batch.at']);
}

const toEntry = (row: { id: string; kind: string; label: string; at: string }): StackEntry => ({
  batchId: row.id,
  label: baseLabel(row),
  at: row.at,
});

/** The user's undo stack in a scope, newest first (the rules are above). */
export async function undoStack(db: DB | Tx, userId: number, scope: UndoScope): Promise<StackEntry[]> {
  const rows = await batchesInScope(db, userId, scope)
    .where('batch.kind', 'in', [...UNDOABLE_KINDS])
    .where('batch.undoneByBatchId', 'is', null)
    .orderBy('seq', 'desc')
    .execute();
  return rows.map(toEntry);
}

/** The user's redo stack in a scope, newest first (the rules are above). */
export async function redoStack(db: DB | Tx, userId: number, scope: UndoScope): Promise<StackEntry[]> {
  const latestChange = await db
    .selectFrom('batch')
    .innerJoin('auditEvent', 'auditEvent.batchId', 'batch.id')
    .select((eb) => eb.fn.max<number>('auditEvent.id').as('seq'))
    .where('batch.userId', '=', userId)
    .where('batch.fundId', '=', scope.fundId)
    .where('batch.scenarioId', scope.scenarioId === null ? 'is' : '=', scope.scenarioId)
    .where('batch.kind', 'in', [...CHANGE_KINDS])
    .executeTakeFirst();
  const rows = await batchesInScope(db, userId, scope)
    .innerJoin('batch as reversed', 'reversed.id', 'batch.undoesBatchId')
    .where('batch.kind', '=', 'undo')
    .where('batch.undoneByBatchId', 'is', null)
    .where('reversed.userId', '=', userId)
    .where('reversed.fundId', '=', scope.fundId)
    .where('reversed.kind', 'in', [...UNDOABLE_KINDS])
    .$if(latestChange?.seq !== null && latestChange?.seq !== undefined, (q) =>
      q.having((eb) => eb.fn.max('auditEvent.id'), '>', latestChange?.seq ?? 0),
    )
    .orderBy('seq', 'desc')
    .execute();
  return rows.map(toEntry);
}

/** The fields a message names for a row: their labels, "Planned (£) and Note". */
function fieldList(table: AnyAuditedTable, fields: string[]): string {
  const labels = [...new Set(fields)].map((f) => table.fieldLabels?.[f] ?? f);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

type AnyAuditedTable = NonNullable<(typeof AUDITED_TABLES)[string]>;

/**
 * Why a row cannot be undone: who changed (or deleted) it after the batch being undone, what and when, as a message a
 * person can act on ("Planned (£) of the Testshire Council DFG Q2 (Jul-Sep) contribution was changed by Fin Officer at
 * 19:40 after your change; nothing was undone"). Read from the audit events after the batch's own, so it works for
 * every audited table; for a row that carries the name of whoever last changed it (a contribution), that name is used.
 */
async function laterChangeMessage(
  writer: BatchWriter,
  table: AnyAuditedTable,
  entity: string,
  entityId: number,
  current: VersionedRow | null,
  afterEventId: number,
  batchUserId: number | null,
): Promise<string> {
  const later = await writer.tx
    .selectFrom('auditEvent')
    .leftJoin('appUser', 'appUser.id', 'auditEvent.userId')
    .select([
      'auditEvent.action',
      'auditEvent.field',
      'auditEvent.oldValue',
      'auditEvent.userId',
      'auditEvent.at',
      'appUser.name as userName',
    ])
    .where('auditEvent.entity', '=', entity)
    .where('auditEvent.entityId', '=', entityId)
    .where('auditEvent.id', '>', afterEventId)
    .orderBy('auditEvent.id')
    .execute();
  const latest = later[later.length - 1];
  const whose = batchUserId !== null && batchUserId === writer.stamp.userId ? 'your change' : 'that change';
  // A deleted row is described from the values its delete event recorded.
  const described: VersionedRow | null =
    current ??
    (later.some((e) => e.action === 'delete')
      ? {
          id: entityId,
          version: 0,
          ...Object.fromEntries(
            later.filter((e) => e.action === 'delete' && e.field).map((e) => [e.field, JSON.parse(e.oldValue ?? 'null') as unknown]),
          ),
        }
      : null);
  const what = described && table.describe ? await table.describe(writer.tx, described) : `${table.noun} ${entityId}`;
  if (!latest) return `${capitalise(what)} has changed since ${whose}; nothing was undone`;
  const rowName = current ? (current as { updatedByName?: unknown }).updatedByName : undefined;
  const who =
    latest.userId !== null && latest.userId === writer.stamp.userId
      ? 'you'
      : typeof rowName === 'string' && current
        ? rowName
        : (latest.userName ?? (latest.userId === null ? 'the system' : `user ${latest.userId}`));
  const when = formatWhen(latest.at);
  if (!current) return `${capitalise(what)} was deleted by ${who} at ${when} after ${whose}; nothing was undone`;
  const fields = later.filter((e) => e.action === 'update' && e.field).map((e) => e.field ?? '');
  const changed = fields.length ? `${fieldList(table, fields)} of ${what}` : capitalise(what);
  const verb = new Set(fields).size > 1 ? 'were' : 'was';
  return `${changed} ${verb} changed by ${who} at ${when} after ${whose}; nothing was undone`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The entities whose rows are columns of their fund's row (same id, same version): plan settings and risk share. */
const KEPT_IN_FUND_ROW = new Set(['fund_plan_settings', 'fund_risk_share']);

/** The funds a batch created (starting next year's plan), each with the batch's last event on its row. */
function fundsCreatedIn(events: AuditEventRow[]): Map<number, AuditEventRow> {
  const created = new Map<number, AuditEventRow>();
  for (const e of events) {
    if (e.entity === 'fund' && e.action === 'create') created.set(e.entityId, e);
    else if ((e.entity === 'fund' || KEPT_IN_FUND_ROW.has(e.entity)) && created.has(e.entityId)) created.set(e.entityId, e);
  }
  return created;
}

/**
 * Reverse a batch inside `writer`'s batch: rows it created are deleted, rows it updated get their old values back,
 * rows it deleted come back under their old ids. Each row must still be as the batch left it (same version);
 * otherwise someone changed it since and the undo is refused with CONFLICT, naming who changed what and when, and
 * writing nothing. Undoing an undo redoes.
 */
export async function undoBatch(writer: BatchWriter, batchId: string): Promise<{ entity: string; id: number; row: unknown }[]> {
  const batch = await findBatch(writer.tx, batchId);
  if (!batch) throw new NotFoundError(`No batch with id '${batchId}'`);
  if (batch.undoneByBatchId) throw new ConflictError('This change has already been undone', { undoneByBatchId: batch.undoneByBatchId });

  const events = await writer.tx.selectFrom('auditEvent').selectAll().where('batchId', '=', batchId).orderBy('id').execute();
  const lastEventId = events[events.length - 1]?.id ?? 0;
  // Group the events by row, keeping the order in which the batch touched the rows; reverse it to undo.
  const byRow = new Map<string, AuditEventRow[]>();
  for (const e of events) {
    const key = `${e.entity}:${e.entityId}`;
    byRow.set(key, [...(byRow.get(key) ?? []), e]);
  }
  const restored: { entity: string; id: number; row: unknown }[] = [];
  const fundsCreated = fundsCreatedIn(events);
  for (const rowEvents of [...byRow.values()].reverse()) {
    const first = rowEvents[0];
    let last = rowEvents[rowEvents.length - 1];
    if (!first || !last) continue;
    // Settings kept in the row of a fund this batch created go with the fund; the fund's version is the last any of
    // them reached (they share the row's version), so the fund is removed at that version.
    if (KEPT_IN_FUND_ROW.has(first.entity) && fundsCreated.has(first.entityId)) continue;
    if (first.entity === 'fund' && fundsCreated.has(first.entityId)) last = fundsCreated.get(first.entityId) ?? last;
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
    // A row the batch left in place must still be as the batch left it. Checked here, before the writer's own version
    // check, so the refusal says who changed what and when (and a row deleted since is a conflict, not NOT_FOUND).
    if (existsNow) {
      const current = await table.find(writer.tx, first.entityId);
      if (!current || current.version !== (last.versionAfter ?? 0)) {
        const message = await laterChangeMessage(writer, table, first.entity, first.entityId, current ?? null, lastEventId, batch.userId);
        throw new ConflictError(message, current ?? null);
      }
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
