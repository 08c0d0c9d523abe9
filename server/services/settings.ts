// Per-user settings (issue "Spreadsheet habits", item 6: a saved column layout per grid). A setting is a person's own
// view preference, not money data, so it bypasses the audited write path on purpose: no batch, no version, no audit
// events, and the last write wins. Each user reads and writes only their own, keyed by their id from the session.
import { findUserSetting, upsertUserSetting } from '../../db/repositories/setting.repository';
import type { DB } from '../../db/connection';

/** The saved value, or null when there is none. */
export async function getSetting(db: DB, userId: number, key: string): Promise<unknown> {
  const value = await findUserSetting(db, userId, key);
  return value === undefined ? null : (JSON.parse(value) as unknown);
}

/** Save a value already checked and serialised by the input schema (settingPutInput). */
export async function putSetting(db: DB, userId: number, key: string, serialised: string, now: Date): Promise<{ ok: true }> {
  await upsertUserSetting(db, userId, key, serialised, now.toISOString());
  return { ok: true };
}
