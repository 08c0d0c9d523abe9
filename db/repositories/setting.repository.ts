// Reads and writes of per-user settings (a grid's saved column layout). Values are stored as JSON text.
import { sql } from 'kysely';
import type { SettingsUsage } from '../../shared/schemas';
import { dialectOf, type DB } from '../connection';

/** The setting's JSON text, or undefined when the user has not saved one under this key. */
export async function findUserSetting(db: DB, userId: number, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('userSetting').select('value').where('userId', '=', userId).where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/**
 * Hold the user's settings until the transaction `db` ends, so two saves at once (a batch of them in one request)
 * cannot both find room under the caps and both write. SQLite runs one transaction at a time already; PostgreSQL
 * locks the user's row.
 */
export async function lockUserSettings(db: DB, userId: number): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await db.selectFrom('appUser').select('id').where('id', '=', userId).forUpdate().execute();
  }
}

/** What the user keeps under keys other than `key` (how many, and their JSON length in all), and whether `key` is
 * one of theirs already. */
export async function userSettingsUsage(db: DB, userId: number, key: string): Promise<{ others: SettingsUsage; exists: boolean }> {
  const row = await db
    .selectFrom('userSetting')
    .select([
      sql<number>`coalesce(sum(case when key = ${key} then 0 else 1 end), 0)`.as('count'),
      sql<number>`coalesce(sum(case when key = ${key} then 0 else length(value) end), 0)`.as('totalLength'),
      sql<number>`coalesce(sum(case when key = ${key} then 1 else 0 end), 0)`.as('existing'),
    ])
    .where('userId', '=', userId)
    .executeTakeFirst();
  return {
    others: { count: Number(row?.count ?? 0), totalLength: Number(row?.totalLength ?? 0) },
    exists: Number(row?.existing ?? 0) > 0,
  };
}

/** Save (or replace) a setting; the last write wins, as a person's own preference has no one else to conflict with. */
export async function upsertUserSetting(db: DB, userId: number, key: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('userSetting')
    .values({ userId, key, value, updatedAt: at })
    .onConflict((oc) => oc.columns(['userId', 'key']).doUpdateSet({ value, updatedAt: at }))
    .execute();
}
