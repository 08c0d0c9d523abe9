// contributions.list (issue 18): the grid's fields only, in the grid's order, every row or a page of them; a bad page
// is refused naming the field and the rule, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bad, makeFund, type Fixture } from './fixtures';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';

let api: TestApi;
let f: Fixture;

/** The 2025/26 streams in the order the year lists them (db/migrations/20261206T000000_bcf_years.ts). */
const STREAMS = [
  'nhs_minimum',
  'la_better_care_grant',
  'dfg',
  'additional_icb',
  'additional_la',
  'carry_forward',
  'partner_contribution',
  'other',
];

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'list');
  // Written in a scrambled order, so the list's order can only come from its ORDER BY.
  const changes = [];
  for (const quarter of [3, 1, 4, 2]) {
    for (const source of ['other', 'dfg', 'nhs_minimum', 'carry_forward', 'la_better_care_grant']) {
      for (const orgId of [f.councilId, f.icbId])
        changes.push({ op: 'create' as const, values: { orgId, source, quarter, plannedPence: quarter * 100 } });
    }
  }
  await api.caller.contributions.applyBatch({ fundId: f.fundId, changes });
});
afterAll(async () => {
  await api.close();
});

describe('contributions.list', () => {
  it('answers each row with exactly the grid fields, by partner name, stream order, quarter and id', async () => {
    const rows = await api.caller.contributions.list({ fundId: f.fundId });
    expect(rows).toHaveLength(40);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['actualPence', 'id', 'note', 'orgId', 'plannedPence', 'quarter', 'source', 'version']);
    }
    // "NHS Testshire ICB ..." sorts before "Testshire Council ...".
    const nameOf = (orgId: number) => (orgId === f.icbId ? 'a' : 'b');
    const expected = [...rows].sort(
      (a, b) =>
        nameOf(a.orgId).localeCompare(nameOf(b.orgId)) ||
        STREAMS.indexOf(a.source) - STREAMS.indexOf(b.source) ||
        a.quarter - b.quarter ||
        a.id - b.id,
    );
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(rows[0]).toMatchObject({ orgId: f.icbId, source: 'nhs_minimum', quarter: 1 });
    expect(rows.at(-1)).toMatchObject({ orgId: f.councilId, source: 'other', quarter: 4 });
  });

  it('pages: offset and limit cut the same order, and the pages put together are the whole list', async () => {
    const all = await api.caller.contributions.list({ fundId: f.fundId });
    const pages = [];
    for (let offset = 0; offset < all.length; offset += 7)
      pages.push(...(await api.caller.contributions.list({ fundId: f.fundId, offset, limit: 7 })));
    expect(pages).toEqual(all);
    expect(await api.caller.contributions.list({ fundId: f.fundId, limit: 3 })).toEqual(all.slice(0, 3));
    expect(await api.caller.contributions.list({ fundId: f.fundId, offset: 38 })).toEqual(all.slice(38));
    expect(await api.caller.contributions.list({ fundId: f.fundId, offset: 40, limit: 5 })).toEqual([]);
  });

  it.each([
    [{ offset: -1 }, 'offset', 'Offset must be a whole number of rows to skip, 0 or more'],
    [{ offset: 1.5 }, 'offset', 'Offset must be a whole number of rows to skip, 0 or more'],
    [{ limit: 0 }, 'limit', 'Limit must be a whole number of rows from 1 to 5000'],
    [{ limit: 5001 }, 'limit', 'Limit must be a whole number of rows from 1 to 5000'],
    [{ limit: 'ten' }, 'limit', 'Limit must be a whole number of rows from 1 to 5000'],
  ])('refuses %o naming the field and the rule, and writes nothing', async (page, path, rule) => {
    const before = await counts(api.db);
    const error = await expectTrpcError(api.caller.contributions.list(bad({ fundId: f.fundId, ...page })), 'BAD_REQUEST');
    const [fieldError] = fieldErrorsOf(error);
    expect(fieldError?.path).toBe(path);
    expect(fieldError?.message).toContain(rule);
    expect(await counts(api.db)).toEqual(before);
  });
});
