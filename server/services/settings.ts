// Per-user settings (issue "Spreadsheet habits", item 6: a saved column layout per grid). A setting is a person's own
// view preference, not money data, so it bypasses the audited write path on purpose: no batch, no version, no audit
// events, and the last write wins. Each user reads and writes only their own, keyed by their id from the session,
// within the caps of shared/schemas.ts (how many settings, and how much in all).
import { findUserSetting, lockUserSettings, upsertUserSetting, userSettingsUsage } from '../../db/repositories/setting.repository';
import type { DB } from '../../db/connection';
import { ValidationError } from '../../shared/errors';
import { settingsLimitProblem } from '../../shared/schemas';

/** The saved value, or null when there is none. */
export async function getSetting(db: DB, userId: number, key: string): Promise<unknown> {
  const value = await findUserSetting(db, userId, key);
  return value === undefined ? null : (JSON.parse(value) as unknown);
}

/** Save a value already checked and serialised by the input schema (settingPutInput), or refuse it, writing nothing,
 * when it would take the user past a cap. */
export async function putSetting(db: DB, userId: number, key: string, serialised: string, now: Date): Promise<{ ok: true }> {
  await db.transaction().execute(async (tx) => {
    await lockUserSettings(tx, userId);
    const { others, exists } = await userSettingsUsage(tx, userId, key);
    const problem = settingsLimitProblem(others, serialised.length, exists);
    if (problem) throw new ValidationError([problem]);
    await upsertUserSetting(tx, userId, key, serialised, now.toISOString());
  });
  return { ok: true };
}
