// Reads and writes of users (with their organisations), sessions and sign-in throttling. Password hashes are read
// only by findCredentials, for checking a sign-in; nothing else selects them.
import { sql } from 'kysely';
import type { User } from '../../shared/schema/user';
import type { DB } from '../connection';
import type { AuditedTable, Tx } from '../unit-of-work';
import { auditedTable, countRows, replaceLinks } from './row-writes';

/** The audited fields of a user. `passwordSetAt` is audited, so a reset shows in history without the hash ever being
 * logged; the hash is written on insert and by setPassword, never audited, never returned. */
export type UserValues = Omit<User, 'id' | 'version'> & { passwordHash?: string };

const COLUMNS = ['id', 'email', 'name', 'role', 'disabled', 'version', 'passwordSetAt'] as const;

async function orgIdsOf(db: DB | Tx, userIds: number[]): Promise<Map<number, number[]>> {
  const rows = userIds.length
    ? await db.selectFrom('userOrg').select(['userId', 'orgId']).where('userId', 'in', userIds).orderBy('orgId').execute()
    : [];
  const byUser = new Map<number, number[]>();
  // Appended in place: a person in 600 organisations (a national finance team) is read on every request.
  for (const r of rows) {
    const orgIds = byUser.get(r.userId);
    if (orgIds) orgIds.push(r.orgId);
    else byUser.set(r.userId, [r.orgId]);
  }
  return byUser;
}

export async function listUsers(db: DB | Tx): Promise<User[]> {
  const rows = await db.selectFrom('appUser').select(COLUMNS).orderBy('name').execute();
  const orgs = await orgIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, disabled: r.disabled === 1, orgIds: orgs.get(r.id) ?? [] }));
}

export async function findUser(db: DB | Tx, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('appUser').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { ...row, disabled: row.disabled === 1, orgIds: (await orgIdsOf(db, [row.id])).get(row.id) ?? [] };
}

export function countUsers(db: DB | Tx): Promise<number> {
  return countRows(db, 'appUser');
}

/** The one read of a password hash: for checking a sign-in. */
export function findCredentials(db: DB | Tx, email: string) {
  return db.selectFrom('appUser').select(['id', 'passwordHash', 'disabled']).where('email', '=', email).executeTakeFirst();
}

const users = auditedTable<User, UserValues>({
  table: 'appUser',
  entity: 'app_user',
  noun: 'user',
  fields: ['email', 'name', 'role', 'orgIds', 'disabled', 'passwordSetAt'],
  find: findUser,
  stamps: 'none',
  toColumns: ({ orgIds: _orgs, disabled, ...columns }) => ({
    ...columns,
    ...(disabled === undefined ? {} : { disabled: disabled ? 1 : 0 }),
  }),
  afterWrite: async (tx, id, { orgIds }) => {
    if (orgIds) await replaceLinks(tx, { table: 'userOrg', owner: 'userId', other: 'orgId' }, id, orgIds);
  },
});

export const userTable: AuditedTable<User, UserValues> = {
  ...users,
  insert: async (tx, values, stamp, restore) => {
    if (!values.passwordHash) throw new Error('a new user needs a password hash');
    return users.insert(tx, values, stamp, restore);
  },
};

// ---- sessions ----

export async function createSession(
  db: DB | Tx,
  session: { tokenHash: string; userId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.insertInto('session').values(session).execute();
}

/**
 * The user a session belongs to, read with the session in one statement (every request asks this; it was three), and
 * their organisations: undefined when the session is unknown. The session's expiry is returned for the caller to judge.
 */
export async function findSessionUser(db: DB | Tx, tokenHash: string): Promise<{ expiresAt: string; user: User | undefined } | undefined> {
  const row = await db
    .selectFrom('session')
    .leftJoin('appUser', 'appUser.id', 'session.userId')
    .select([
      'session.expiresAt',
      'appUser.id',
      'appUser.email',
      'appUser.name',
      'appUser.role',
      'appUser.disabled',
      'appUser.version',
      'appUser.passwordSetAt',
    ])
    .where('session.tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { expiresAt, id, email, name, role, disabled, version, passwordSetAt } = row;
  if (id === null || email === null || name === null || role === null || disabled === null || version === null || passwordSetAt === null) {
    return { expiresAt, user: undefined };
  }
  const orgIds = (await orgIdsOf(db, [id])).get(id) ?? [];
  return { expiresAt, user: { id, email, name, role, disabled: disabled === 1, version, passwordSetAt, orgIds } };
}

export function findSession(db: DB | Tx, tokenHash: string) {
  return db.selectFrom('session').select(['tokenHash', 'userId', 'expiresAt']).where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function deleteSession(db: DB | Tx, tokenHash: string): Promise<void> {
  await db.deleteFrom('session').where('tokenHash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(db: DB | Tx, userId: number): Promise<void> {
  await db.deleteFrom('session').where('userId', '=', userId).execute();
}

export async function deleteExpiredSessions(db: DB | Tx, nowIso: string): Promise<void> {
  await db.deleteFrom('session').where('expiresAt', '<=', nowIso).execute();
}

// ---- sign-in throttling ----

export function findThrottle(db: DB | Tx, key: string) {
  return db
    .selectFrom('loginThrottle')
    .select(['key', 'failures', 'firstFailureAt', 'lockedUntil'])
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Count one failed sign-in for `key`, atomically: the increment happens in the database, so failures that arrive at
 * the same time are all counted (reading the count and writing count + 1 back would lose all but one of them). A
 * count whose window has passed, with no lock in force, starts again at 1. From `lockAfter` failures the key is
 * locked until `lockUntil`. Returns the count after this failure.
 */
export async function recordFailure(
  db: DB | Tx,
  key: string,
  at: { now: string; windowStart: string; lockUntil: string },
  lockAfter: number,
): Promise<number> {
  const stale = sql<boolean>`(login_throttle.first_failure_at < ${at.windowStart} and (login_throttle.locked_until is null or login_throttle.locked_until <= ${at.now}))`;
  const row = await db
    .insertInto('loginThrottle')
    .values({ key, failures: 1, firstFailureAt: at.now, lockedUntil: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${stale} then 1 else login_throttle.failures + 1 end`,
        firstFailureAt: sql<string>`case when ${stale} then ${at.now} else login_throttle.first_failure_at end`,
        lockedUntil: sql<string | null>`case when ${stale} then null else login_throttle.locked_until end`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (row.failures >= lockAfter) {
    await db.updateTable('loginThrottle').set({ lockedUntil: at.lockUntil }).where('key', '=', key).execute();
  }
  return row.failures;
}

/** Give back one counted attempt (it succeeded), lifting the lock if the count falls below the limit. */
export async function forgiveAttempt(db: DB | Tx, key: string, lockAfter: number): Promise<void> {
  await db
    .updateTable('loginThrottle')
    .set({
      failures: sql<number>`case when failures > 1 then failures - 1 else 0 end`,
      lockedUntil: sql<string | null>`case when failures - 1 < ${lockAfter} then null else locked_until end`,
    })
    .where('key', '=', key)
    .execute();
}

export async function clearThrottle(db: DB | Tx, key: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
}
