// contributions.list (issue 18): the grid's fields only, in the grid's order, every row or a page of them; a bad page
// is refused naming the field and the rule, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bad, makeFund, type Fixture } from './fixtures';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { STREAMS_2025_26 } from '../support/streams';

let api: TestApi;
let f: Fixture;

const STREAMS = STREAMS_2025_26;

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

  it('pages of a fund of many partners named out of id order: each page is its slice of the whole list, whatever its size', async () => {
    // Partners created in an order unlike their names' order, each holding a different number of rows (so pages start
    // and end inside partners), one partner with no row, and a second fund of the same partners whose rows must not
    // count in the first's pages.
    const names = ['Zeta', 'Alpha', 'Mu', 'Beta', 'Omega', 'Kappa'].map((n) => `${n} Care Trust list-pages`);
    const orgs = [];
    for (const name of names) orgs.push(await api.caller.orgs.create({ name, sector: 'health' }));
    const partnership = await api.caller.partnerships.create({
      name: 'Many partners list-pages',
      arrangement: 'pooled_fund',
      hostOrgId: orgs[0]?.id,
      memberOrgIds: orgs.map((o) => o.id),
    });
    const fund = await api.caller.funds.create({ partnershipId: partnership.id, name: 'Pages', financialYear: '2025/26' });
    const other = await api.caller.funds.create({ partnershipId: partnership.id, name: 'Other', financialYear: '2025/26' });
    const changes = [];
    for (const [i, org] of orgs.slice(0, -1).entries()) {
      for (const source of [...STREAMS].reverse().slice(0, 2 + i)) {
        for (const quarter of [4, 2, 1, 3])
          changes.push({ op: 'create' as const, values: { orgId: org.id, source, quarter, plannedPence: i } });
      }
    }
    await api.caller.contributions.applyBatch({ fundId: fund.id, changes });
    await api.caller.contributions.applyBatch({ fundId: other.id, changes: changes.slice(0, 30) });

    const all = await api.caller.contributions.list({ fundId: fund.id });
    expect(all).toHaveLength(changes.length);
    const nameOf = new Map(orgs.map((o) => [o.id, o.name]));
    const byName = (a: number, b: number) => {
      const [x, y] = [nameOf.get(a) ?? '', nameOf.get(b) ?? ''];
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const expected = [...all].sort(
      (a, b) => byName(a.orgId, b.orgId) || STREAMS.indexOf(a.source) - STREAMS.indexOf(b.source) || a.quarter - b.quarter || a.id - b.id,
    );
    expect(all.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(new Set(all.map((r) => nameOf.get(r.orgId)))).toEqual(new Set(names.slice(0, -1)));

    for (const limit of [1, 7, 13, 32, 1000]) {
      const pages = [];
      for (let offset = 0; offset < all.length; offset += limit) {
        const page = await api.caller.contributions.list({ fundId: fund.id, offset, limit });
        expect(page).toEqual(all.slice(offset, offset + limit));
        pages.push(...page);
      }
      expect(pages).toEqual(all);
    }
    expect(await api.caller.contributions.list({ fundId: fund.id, offset: 17 })).toEqual(all.slice(17));
    expect(await api.caller.contributions.list({ fundId: fund.id, offset: all.length, limit: 10 })).toEqual([]);
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
