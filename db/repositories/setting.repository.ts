// Reads and writes of per-user settings (a grid's saved column layout). Values are stored as JSON text.
import type { DB } from '../connection';

/** The setting's JSON text, or undefined when the user has not saved one under this key. */
export async function findUserSetting(db: DB, userId: number, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('userSetting').select('value').where('userId', '=', userId).where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Save (or replace) a setting; the last write wins, as a person's own preference has no one else to conflict with. */
export async function upsertUserSetting(db: DB, userId: number, key: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('userSetting')
    .values({ userId, key, value, updatedAt: at })
    .onConflict((oc) => oc.columns(['userId', 'key']).doUpdateSet({ value, updatedAt: at }))
    .execute();
}
