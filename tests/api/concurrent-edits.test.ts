// Many people editing at once on PostgreSQL (issue 18): twenty finance officers, each editing the rows of their own
// fund as fast as the server answers, all at the same time. SERIALIZABLE batches that touch different funds must not
// refuse one another (they used to, as HTTP 500s, when reads took wide predicate locks), and every confirmed edit must
// be in the row and audited exactly once. Runs only on PostgreSQL (BCF_TEST_POSTGRES_URL): SQLite runs one write at
// a time, so it has nothing to show here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgresUrl } from '../../db/connection';
import { openTestApi, type Caller, type TestApi } from '../support/api';
import { TEST_POSTGRES_URL } from '../support/database';
import { makeFund } from './fixtures';

const CLIENTS = 20;
const ROWS_EACH = 4;
const EDITS_EACH = 15;

describe.runIf(TEST_POSTGRES_URL !== '')('concurrent edits on PostgreSQL', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi();
  }, 120_000);
  afterAll(async () => api.close());

  it('twenty people editing their own funds at once: every edit is saved and audited exactly once', async () => {
    expect(isPostgresUrl(api.file)).toBe(true);
    const people: { caller: Caller; fundId: number; rows: { id: number; version: number; plannedPence: number }[] }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const f = await makeFund(api, `concurrent ${i} `);
      const { caller } = await api.userWith('finance_officer', [f.councilId]);
      const created = await caller.contributions.applyBatch({
        fundId: f.fundId,
        changes: Array.from({ length: ROWS_EACH }, (_, q) => ({
          op: 'create' as const,
          values: { orgId: f.councilId, source: 'dfg', quarter: q + 1, plannedPence: 100 },
        })),
      });
      people.push({
        caller,
        fundId: f.fundId,
        rows: created.rows.map((r) => ({ id: r.id, version: r.version, plannedPence: r.plannedPence })),
      });
    }
    const since = await api.db
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirstOrThrow();
    const marker = Number(since.last ?? 0);

    const confirmed: { id: number; version: number; value: number }[] = [];
    await Promise.all(
      people.map(async (person) => {
        for (let e = 0; e < EDITS_EACH; e++) {
          const row = person.rows[e % person.rows.length];
          if (!row) throw new Error('no row to edit');
          const value = row.plannedPence + 1;
          const saved = await person.caller.contributions.applyBatch({
            fundId: person.fundId,
            changes: [{ op: 'update', id: row.id, version: row.version, values: { plannedPence: value } }],
          });
          const after = saved.rows[0];
          if (!after) throw new Error('the edit returned no row');
          expect(after).toMatchObject({ id: row.id, version: row.version + 1, plannedPence: value });
          row.version = after.version;
          row.plannedPence = value;
          confirmed.push({ id: row.id, version: after.version, value });
        }
      }),
    );
    expect(confirmed).toHaveLength(CLIENTS * EDITS_EACH);

    const events = await api.db
      .selectFrom('auditEvent')
      .select(['entityId', 'versionAfter', 'newValue', 'field'])
      .where('id', '>', marker)
      .where('entity', '=', 'contribution')
      .execute();
    // One event per edit (only plannedPence changed), each naming the version the edit produced and its value.
    expect(events).toHaveLength(confirmed.length);
    const seen = new Set(events.map((e) => `${e.entityId}:${e.versionAfter}:${e.field}:${e.newValue}`));
    for (const c of confirmed) expect(seen.has(`${c.id}:${c.version}:plannedPence:${c.value}`)).toBe(true);

    // Each row holds its last confirmed edit.
    const rows = await api.db
      .selectFrom('contribution')
      .select(['id', 'version', 'plannedPence'])
      .where(
        'id',
        'in',
        people.flatMap((p) => p.rows.map((r) => r.id)),
      )
      .execute();
    const expected = new Map(people.flatMap((p) => p.rows.map((r) => [r.id, r] as const)));
    for (const row of rows)
      expect(row).toMatchObject({ version: expected.get(row.id)?.version, plannedPence: expected.get(row.id)?.plannedPence });
    expect(rows).toHaveLength(CLIENTS * ROWS_EACH);
  }, 120_000);
});
