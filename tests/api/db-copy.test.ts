// db:copy (issue 8): the demo SQLite database copied into an empty PostgreSQL database gives the same figures through
// the same routers: every table's rows, each fund's summary, the audit log (undo still works), and new rows get new ids.
// Needs a PostgreSQL server (BCF_TEST_POSTGRES_URL, set by .ci/run); without one it says so and is skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '../../db/connection';
import { COPY_ORDER, copyDatabase, sqliteTables } from '../../db/copy';
import { seedDemo, seedDemoUsers } from '../../server/demo/seed';
import { createCaller } from '../../server/router';

import { freshDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../support/database';
import { testContext } from '../support/api';
import type { SignedInUser } from '../../shared/types';

const run = TEST_POSTGRES_URL !== '';

/** A demo user as the routers see them signed in. */
async function findUserForTest(db: DB, email: string): Promise<SignedInUser> {
  const user = await db.selectFrom('appUser').select(['id', 'name', 'email', 'role']).where('email', '=', email).executeTakeFirstOrThrow();
  const orgs = await db.selectFrom('userOrg').select('orgId').where('userId', '=', user.id).execute();
  return { ...user, orgIds: orgs.map((o) => o.orgId) };
}
if (!run) console.warn('Skipping the db:copy test: set BCF_TEST_POSTGRES_URL to a PostgreSQL server (.ci/run does)');

describe.runIf(run)('db:copy from SQLite to PostgreSQL', () => {
  let dir: string;
  let source: DB;
  let target: TestDatabase;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-copy-'));
    source = openDatabase(path.join(dir, 'bcf.sqlite'));
    await migrateToLatest(source);
    await seedDemo(source);
    await seedDemoUsers(source, 'demo-password-for-tests');
    target = await freshDatabase();
    // freshDatabase migrated the target already; the copy migrates again (a no-op) and checks it is empty.
  });
  afterAll(async () => {
    await source.destroy();
    await target.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names every table of the schema', async () => {
    const known = new Set([...COPY_ORDER.map((c) => c.table), 'kysely_migration', 'kysely_migration_lock']);
    expect((await sqliteTables(source)).filter((t) => !known.has(t))).toEqual([]);
  });

  it('copies every row, and the app shows the same totals', async () => {
    const summary = await copyDatabase(source, target.db);
    for (const { table, rows } of summary.tables) {
      const camel = table.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as 'organisation';
      const count = await target.db
        .selectFrom(camel)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n), table).toBe(rows);
    }
    const admin = await findUserForTest(source, 'admin@demo.test');
    const before = createCaller(testContext(source, admin));
    const after = createCaller(testContext(target.db, admin));
    for (const partnership of await before.partnerships.list()) {
      for (const fund of await before.funds.list({ partnershipId: partnership.id })) {
        expect(await after.funds.summary({ fundId: fund.id })).toEqual(await before.funds.summary({ fundId: fund.id }));
      }
    }
    expect((await after.audit.list({ limit: 1000 })).length).toBe((await before.audit.list({ limit: 1000 })).length);

    // The copy is a working database: a new row gets a new id, a change is audited and can be undone.
    const fund = (await after.funds.list({ partnershipId: (await after.partnerships.list())[0]?.id ?? 0 }))[0];
    const org = await after.orgs.create({ name: 'Copied Trust (test)', sector: 'health' });
    expect(org.id).toBeGreaterThan(Math.max(...(await before.orgs.list()).map((o) => o.id)));
    const [row] = await after.contributions.list({ fundId: fund?.id ?? 0 });
    const updated = await after.contributions.update({
      id: row?.id ?? 0,
      version: row?.version ?? 0,
      patch: { note: 'Checked after the move' },
    });
    expect(updated.version).toBe((row?.version ?? 0) + 1);
    const [event] = await after.audit.list({ entity: 'contribution', entityId: row?.id ?? 0, limit: 1 });
    await after.audit.undo({ batchId: event?.batchId ?? '' });
    expect((await after.contributions.list({ fundId: fund?.id ?? 0 })).find((r) => r.id === row?.id)?.note).toBe(row?.note);
  });

  it('refuses to copy into a database that already holds data', async () => {
    await expect(copyDatabase(source, target.db)).rejects.toThrow(/already holds data/);
  });
});
