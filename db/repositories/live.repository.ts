// The reads and writes of the live event streams (server/live/): audited changes after a cursor, with what the
// visibility rule needs (shared/live.ts mayReceive); unread notification counts; and the presence table (who has a
// fund open, one row per open stream). Presence is not a figure: it is never audited, like a session.
import type { EventScope, LiveEventItem, PresenceCell, PresenceViewer } from '../../shared/live';
import type { DB } from '../connection';

/** One audit event with its batch, as the streams send it. */
export interface FeedEvent extends EventScope, LiveEventItem {
  id: number;
  batchId: string;
  fundId: number | null;
  kind: string;
  label: string;
  at: string;
  userName: string | null;
}

/** Audit events with an id above `afterId` (oldest first, at most `limit`), optionally of one fund only, or only
 * those with the given ids. */
export async function readFeed(db: DB, afterId: number, limit: number, fundId?: number, ids?: readonly number[]): Promise<FeedEvent[]> {
  let query = db
    .selectFrom('auditEvent')
    .innerJoin('batch', 'batch.id', 'auditEvent.batchId')
    .leftJoin('appUser', 'appUser.id', 'batch.userId')
    // The scenario the event belongs to: the batch's scope, or the event's own row when it is a scenario.
    .leftJoin('scenario', (join) =>
      join.on((eb) =>
        eb.or([
          eb('scenario.id', '=', eb.ref('batch.scenarioId')),
          eb.and([eb('auditEvent.entity', '=', 'scenario'), eb('scenario.id', '=', eb.ref('auditEvent.entityId'))]),
        ]),
      ),
    )
    .select([
      'auditEvent.id',
      'auditEvent.batchId',
      'auditEvent.fundId',
      'auditEvent.entity',
      'auditEvent.entityId',
      'auditEvent.action',
      'auditEvent.field',
      'auditEvent.newValue',
      'auditEvent.versionAfter',
      'batch.kind',
      'batch.label',
      'batch.at',
      'batch.userId as authorId',
      'batch.scenarioId',
      'appUser.name as userName',
      'scenario.ownerId as scenarioOwnerId',
    ])
    .where('auditEvent.id', '>', afterId);
  if (fundId !== undefined) query = query.where('auditEvent.fundId', '=', fundId);
  if (ids !== undefined) query = query.where('auditEvent.id', 'in', [...ids]);
  const rows = await query.orderBy('auditEvent.id').limit(limit).execute();
  return rows.map((r) => ({
    ...r,
    scenarioId: r.scenarioId ?? null,
    scenarioOwnerId: r.scenarioOwnerId ?? null,
    newValue: r.newValue === null ? null : (JSON.parse(r.newValue) as unknown),
  }));
}

export async function lastAuditEventId(db: DB): Promise<number> {
  const row = await db
    .selectFrom('auditEvent')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function lastNotificationId(db: DB): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The people with notifications newer than `afterId`, and the newest id. */
export async function notifiedSince(db: DB, afterId: number): Promise<{ userIds: number[]; lastId: number }> {
  const rows = await db.selectFrom('notification').select(['id', 'userId']).where('id', '>', afterId).orderBy('id').execute();
  return { userIds: [...new Set(rows.map((r) => r.userId))], lastId: rows.at(-1)?.id ?? afterId };
}

export async function unreadCount(db: DB, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---- presence ----

export function openPresence(db: DB, row: { connectionId: string; userId: number; fundId: number; at: string }) {
  return db
    .insertInto('presence')
    .values({ connectionId: row.connectionId, userId: row.userId, fundId: row.fundId, cell: null, seenAt: row.at })
    .execute();
}

export function closePresence(db: DB, connectionId: string) {
  return db.deleteFrom('presence').where('connectionId', '=', connectionId).execute();
}

export function findPresence(db: DB, connectionId: string) {
  return db.selectFrom('presence').selectAll().where('connectionId', '=', connectionId).executeTakeFirst();
}

export function selectCell(db: DB, connectionId: string, cell: PresenceCell | null, at: string) {
  return db
    .updateTable('presence')
    .set({ cell: cell === null ? null : JSON.stringify(cell), seenAt: at })
    .where('connectionId', '=', connectionId)
    .execute();
}

/** Refresh the rows of the streams still open here. */
export async function touchPresence(db: DB, connectionIds: readonly string[], at: string): Promise<void> {
  if (connectionIds.length)
    await db
      .updateTable('presence')
      .set({ seenAt: at })
      .where('connectionId', 'in', [...connectionIds])
      .execute();
}

/** Delete rows not refreshed since `before` (their process died, or the stream was cut); returns their funds. */
export async function removeStalePresence(db: DB, before: string): Promise<number[]> {
  const stale = await db.selectFrom('presence').select('fundId').distinct().where('seenAt', '<', before).execute();
  if (stale.length) await db.deleteFrom('presence').where('seenAt', '<', before).execute();
  return stale.map((r) => r.fundId);
}

/** Who has the fund open now (rows refreshed since `since`), in a steady order. */
export async function viewersOf(db: DB, fundId: number, since: string): Promise<PresenceViewer[]> {
  const rows = await db
    .selectFrom('presence')
    .innerJoin('appUser', 'appUser.id', 'presence.userId')
    .select(['presence.connectionId', 'presence.userId', 'appUser.name', 'presence.cell'])
    .where('presence.fundId', '=', fundId)
    .where('presence.seenAt', '>=', since)
    .orderBy('presence.connectionId')
    .execute();
  return rows.map((r) => ({
    connectionId: r.connectionId,
    user: { id: r.userId, name: r.name },
    cell: r.cell === null ? null : (JSON.parse(r.cell) as PresenceCell),
  }));
}
