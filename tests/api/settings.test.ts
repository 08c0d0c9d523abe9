// Per-user settings (issue "Spreadsheet habits", item 6: a saved column layout): a round trip, each user sees only
// their own, and a bad key or value is refused with BAD_REQUEST naming the field, writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createCaller } from '../../server/router';
import { errorDetails } from '../../server/trpc';
import { SETTING_VALUE_MAX_LENGTH } from '../../shared/schemas';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, testContext, type TestApi } from '../support/api';
import { bad } from './fixtures';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(async () => {
  await api.close();
});

const layout = {
  columns: [
    { colId: 'orgId', width: 240, pinned: 'left' },
    { colId: 'plannedPence', width: 120, sort: 'desc', hide: false },
  ],
  filter: { source: { values: ['dfg', 'la_better_care_grant'] } },
  note: 'Ünïcode £ and "quotes"',
};

async function settingRows() {
  return api.db.selectFrom('userSetting').selectAll().orderBy('userId').orderBy('key').execute();
}

describe('settings.put and settings.get', () => {
  it('round-trip any JSON value; a missing key is null; a second put replaces the first', async () => {
    const { caller } = await api.userWith('finance_officer', []);
    expect(await caller.settings.get({ key: 'grid:contributions:columns' })).toBeNull();
    expect(await caller.settings.put({ key: 'grid:contributions:columns', value: layout })).toEqual({ ok: true });
    expect(await caller.settings.get({ key: 'grid:contributions:columns' })).toEqual(layout);
    await caller.settings.put({ key: 'grid:contributions:columns', value: ['just', 'a', 'list'] });
    expect(await caller.settings.get({ key: 'grid:contributions:columns' })).toEqual(['just', 'a', 'list']);
    for (const value of [0, 'text', true, { nested: { deeper: [1, 2, { x: null }] } }]) {
      await caller.settings.put({ key: 'misc.value_1-x', value });
      expect(await caller.settings.get({ key: 'misc.value_1-x' })).toEqual(value);
    }
  });

  it('writes no batch and no audit event: settings are not money data', async () => {
    const { caller } = await api.userWith('commissioner', []);
    const before = await counts(api.db);
    await caller.settings.put({ key: 'grid:plan:columns', value: layout });
    expect(await counts(api.db)).toEqual({ ...before, userSetting: (before.userSetting ?? 0) + 1 });
  });

  it('each user reads and writes only their own settings', async () => {
    const one = await api.userWith('finance_officer', []);
    const two = await api.userWith('board_member', []);
    await one.caller.settings.put({ key: 'grid:shared-name', value: { who: 'one' } });
    expect(await two.caller.settings.get({ key: 'grid:shared-name' })).toBeNull();
    await two.caller.settings.put({ key: 'grid:shared-name', value: { who: 'two' } });
    expect(await one.caller.settings.get({ key: 'grid:shared-name' })).toEqual({ who: 'one' });
    expect(await two.caller.settings.get({ key: 'grid:shared-name' })).toEqual({ who: 'two' });
    // The user comes from the session: an input naming someone else is not accepted.
    const error = await expectTrpcError(
      two.caller.settings.put(bad({ key: 'grid:shared-name', value: 1, userId: one.user.id })),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error).map((e) => e.path)).toEqual(['userId']);
    expect(await one.caller.settings.get({ key: 'grid:shared-name' })).toEqual({ who: 'one' });
  });

  it('no one signed in is UNAUTHORIZED', async () => {
    await expectTrpcError(api.anonymous.settings.get({ key: 'grid:x' }), 'UNAUTHORIZED');
    await expectTrpcError(api.anonymous.settings.put({ key: 'grid:x', value: 1 }), 'UNAUTHORIZED');
  });

  it('survives a restart: a new connection on the same file reads the saved value', async () => {
    const { user, caller } = await api.userWith('finance_officer', []);
    await caller.settings.put({ key: 'grid:contributions:columns', value: layout });
    const db = openDatabase(api.file);
    try {
      expect(await createCaller(testContext(db, user)).settings.get({ key: 'grid:contributions:columns' })).toEqual(layout);
    } finally {
      await db.destroy();
    }
  });
});

describe('bad input', () => {
  const badKeys: unknown[] = ['', 'Grid:Columns', 'has space', 'a/b', 'x'.repeat(101), 12, null, undefined];
  const badValues: unknown[] = [undefined, 'x'.repeat(SETTING_VALUE_MAX_LENGTH), 10n, () => 1];

  it('a bad key is BAD_REQUEST naming the key, and nothing is written', async () => {
    const { caller } = await api.userWith('finance_officer', []);
    for (const key of badKeys) {
      const before = await settingRows();
      const error = await expectTrpcError(caller.settings.put(bad({ key, value: 1 })), 'BAD_REQUEST');
      expect(
        fieldErrorsOf(error).map((e) => e.path),
        String(key),
      ).toEqual(['key']);
      expect(errorDetails(error).message).toMatch(/^Key (is required: it )?must be text of 1 to 100 characters/);
      expect(await settingRows()).toEqual(before);
      await expectTrpcError(caller.settings.get(bad({ key })), 'BAD_REQUEST');
    }
    // The longest and widest key that is allowed.
    const longest = `${'a'.repeat(95)}:._-9`;
    await caller.settings.put({ key: longest, value: 1 });
    expect(await caller.settings.get({ key: longest })).toBe(1);
  });

  it('a bad or too large value is BAD_REQUEST naming the value, and nothing is written (nor replaced)', async () => {
    const { caller } = await api.userWith('finance_officer', []);
    await caller.settings.put({ key: 'grid:kept', value: { kept: true } });
    for (const value of badValues) {
      const before = await settingRows();
      const error = await expectTrpcError(caller.settings.put(bad({ key: 'grid:kept', value })), 'BAD_REQUEST');
      expect(fieldErrorsOf(error).map((e) => e.path)).toEqual(['value']);
      expect(errorDetails(error).message).toMatch(/^Value must be/);
      expect(await settingRows()).toEqual(before);
    }
    expect(await caller.settings.get({ key: 'grid:kept' })).toEqual({ kept: true });
    // Just under the limit is fine: 20,000 characters once serialised, quotes included.
    const atLimit = 'y'.repeat(SETTING_VALUE_MAX_LENGTH - 2);
    await caller.settings.put({ key: 'grid:kept', value: atLimit });
    expect(await caller.settings.get({ key: 'grid:kept' })).toBe(atLimit);
  });

  it('an unknown field is BAD_REQUEST naming it', async () => {
    const { caller } = await api.userWith('finance_officer', []);
    const error = await expectTrpcError(caller.settings.put(bad({ key: 'grid:x', value: 1, extra: true })), 'BAD_REQUEST');
    expect(fieldErrorsOf(error).map((e) => e.path)).toEqual(['extra']);
  });
});
