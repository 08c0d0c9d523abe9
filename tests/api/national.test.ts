// national.*: the national list of scheme lines a page at a time and the totals by scheme type (issue 8). Pages cover
// every line once in any order, sorting and filtering happen on the server (coded columns by their names), the year
// totals kept on each scheme follow every write and undo, and each reader sees only their own partnerships.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrateToLatest, openDatabase } from '../../db/connection';
import { migrations } from '../../db/migrations/index';
import type { NationalLine, NationalLinesInput } from '../../shared/national';
import { expectTrpcError, fieldErrorsOf, openTestApi, type Caller, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let a: Fixture;
let b: Fixture;
let olderFundId: number;

/** Scheme i of a fund: types and amounts vary so sorting and filtering have something to tell apart. */
const scheme = (i: number, name = `Scheme ${i}`) => ({
  code: String(i),
  name,
  schemeType: i % 3 === 0 ? 'carers' : i % 3 === 1 ? 'home_based_ic' : 'prevention',
  subType: i % 3 === 0 ? 'respite' : i % 3 === 1 ? 'reablement_at_home' : 'social_prescribing',
  areaOfSpend: i % 2 === 0 ? 'social_care' : 'community_health',
  commissioner: 'la',
  providerType: 'la',
  fundingSource: i % 2 === 0 ? 'nhs_minimum' : 'dfg',
  q1PlannedPence: 1_000_00 * (i + 1),
  q2PlannedPence: 50_00,
  q1ActualPence: 900_00 * (i + 1),
});

async function addSchemes(fundId: number, count: number, names: Record<number, string> = {}) {
  await api.caller.schemes.applyBatch({
    fundId,
    changes: Array.from({ length: count }, (_, i) => ({ op: 'create' as const, values: scheme(i + 1, names[i + 1]) })),
  });
}

const page = (caller: Caller, input: Partial<NationalLinesInput> = {}) => caller.national.lines({ offset: 0, limit: 1000, ...input });

beforeAll(async () => {
  api = await openTestApi();
  a = await makeFund(api, 'national-a');
  b = await makeFund(api, 'national-b');
  olderFundId = (await api.caller.funds.create({ partnershipId: a.partnershipId, name: 'Better Care Fund', financialYear: '2023/24' })).id;
  // One name holds LIKE's wildcards, so a filter must match them literally.
  await addSchemes(a.fundId, 30, { 7: '100% club_night' });
  await addSchemes(b.fundId, 10);
  await api.caller.schemes.applyBatch({
    fundId: olderFundId,
    changes: [1, 2, 3, 4, 5].map((i) => ({ op: 'create' as const, values: { ...scheme(i), schemeType: 'hicm', subType: null } })),
  });
});
afterAll(async () => {
  await api.close();
});

describe('national.lines pages', () => {
  it('cover every line exactly once, page after page, with the total', async () => {
    const all = await page(api.caller);
    expect(all.total).toBe(45);
    expect(all.rows).toHaveLength(45);
    const seen: number[] = [];
    for (let offset = 0; offset < 45; offset += 7) {
      const { rows, total } = await page(api.caller, { offset, limit: 7 });
      expect(total).toBe(45);
      seen.push(...rows.map((r) => r.id));
    }
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect(new Set(seen).size).toBe(45);
    expect((await page(api.caller, { offset: 45, limit: 7 })).rows).toEqual([]);
  });

  it('give each line its partnership, year, names of its codes and its year totals', async () => {
    const { rows } = await page(api.caller, { filter: { code: { kind: 'text', op: 'equals', value: '3' } } });
    const line = rows.find((r) => r.fundId === a.fundId);
    expect(line).toMatchObject({
      partnershipId: a.partnershipId,
      financialYear: '2025/26',
      code: '3',
      name: 'Scheme 3',
      schemeType: 'Carers services',
      areaOfSpend: 'Community Health',
      fundingSource: 'Disabled Facilities Grant',
      plannedPence: 4_000_00 + 50_00,
      actualPence: 3_600_00,
    } satisfies Partial<NationalLine>);
    // The 2023/24 fund's lines read their codes from the 2023-25 lists.
    expect(rows.find((r) => r.fundId === olderFundId)?.schemeType).toBe('High Impact Change Model for Managing Transfer of Care');
  });
});

describe('national.lines sorts on the server', () => {
  it('by the year’s plan, largest first, ties by id, across pages', async () => {
    const sort = { column: 'plannedPence', direction: 'desc' } as const;
    const all = (await page(api.caller, { sort })).rows;
    const expected = [...all].sort((x, y) => y.plannedPence - x.plannedPence || y.id - x.id);
    expect(all.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    const firstTwo = [
      ...(await page(api.caller, { sort, limit: 20 })).rows,
      ...(await page(api.caller, { sort, offset: 20, limit: 25 })).rows,
    ];
    expect(firstTwo.map((r) => r.id)).toEqual(all.map((r) => r.id));
  });

  it('by partnership, then id, ascending', async () => {
    const rows = (await page(api.caller, { sort: { column: 'partnership', direction: 'asc' } })).rows;
    const expected = [...rows].sort((x, y) => (x.partnership < y.partnership ? -1 : x.partnership > y.partnership ? 1 : x.id - y.id));
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(rows[0]?.partnership).not.toBe(rows[rows.length - 1]?.partnership);
  });

  it('by year, newest first', async () => {
    const rows = (await page(api.caller, { sort: { column: 'financialYear', direction: 'desc' } })).rows;
    expect(rows[0]?.financialYear).toBe('2025/26');
    expect(rows[rows.length - 1]?.financialYear).toBe('2023/24');
  });
});

describe('national.lines filters on the server', () => {
  it('text: partnership contains, any case; year equals', async () => {
    const byName = await page(api.caller, { filter: { partnership: { kind: 'text', op: 'contains', value: 'NATIONAL-B' } } });
    expect(byName.total).toBe(10);
    expect(byName.rows.every((r) => r.partnershipId === b.partnershipId)).toBe(true);
    const byYear = await page(api.caller, { filter: { financialYear: { kind: 'text', op: 'equals', value: '2023/24' } } });
    expect(byYear.rows.map((r) => r.fundId)).toEqual([olderFundId, olderFundId, olderFundId, olderFundId, olderFundId]);
  });

  it('text: % and _ match themselves, not anything', async () => {
    const { rows } = await page(api.caller, { filter: { name: { kind: 'text', op: 'contains', value: '0% club_' } } });
    expect(rows.map((r) => r.name)).toEqual(['100% club_night']);
    expect((await page(api.caller, { filter: { name: { kind: 'text', op: 'startsWith', value: '_' } } })).total).toBe(0);
  });

  it('coded columns by the names people read: scheme type contains "carers", and does not', async () => {
    const carers = await page(api.caller, { filter: { schemeType: { kind: 'text', op: 'contains', value: 'carers' } } });
    expect(carers.total).toBe(13);
    expect(carers.rows.every((r) => r.schemeType === 'Carers services')).toBe(true);
    const others = await page(api.caller, { filter: { schemeType: { kind: 'text', op: 'notContains', value: 'carers' } } });
    expect(others.total).toBe(45 - 13);
    const source = await page(api.caller, {
      filter: { fundingSource: { kind: 'text', op: 'equals', value: 'disabled facilities grant' } },
    });
    expect(source.rows.every((r) => r.fundingSource === 'Disabled Facilities Grant')).toBe(true);
    expect(source.total).toBe(15 + 5 + 3);
  });

  it('money: greater than and an inclusive range, in pence; combined with a text filter', async () => {
    const big = await page(api.caller, { filter: { plannedPence: { kind: 'money', op: 'greaterThan', value: 25_000_00 } } });
    expect(big.rows.every((r) => r.plannedPence > 25_000_00)).toBe(true);
    expect(big.total).toBe(7);
    const range = await page(api.caller, {
      filter: {
        plannedPence: { kind: 'money', op: 'inRange', value: 2_050_00, valueTo: 4_050_00 },
        partnership: { kind: 'text', op: 'equals', value: (await api.caller.partnerships.get({ id: a.partnershipId })).name },
      },
    });
    expect(range.rows.map((r) => r.plannedPence).sort((x, y) => x - y)).toEqual([
      2_050_00, 2_050_00, 3_050_00, 3_050_00, 4_050_00, 4_050_00,
    ]);
  });
});

describe('the year totals on each scheme', () => {
  it('follow an edit of the spend and its undo', async () => {
    const line = async () =>
      (await page(api.caller, { filter: { code: { kind: 'text', op: 'equals', value: '1' } } })).rows.find((r) => r.fundId === b.fundId);
    const before = await line();
    const schemes = await api.caller.schemes.list({ fundId: b.fundId });
    const target = schemes.find((s) => s.code === '1');
    if (!target || !before) throw new Error('scheme 1 of fund b is missing');
    const { batchId } = await api.caller.schemes.applyBatch({
      fundId: b.fundId,
      changes: [{ op: 'update', id: target.id, version: target.version, values: { q4PlannedPence: 7_000_00, q3ActualPence: 1_00 } }],
    });
    expect(await line()).toMatchObject({ plannedPence: before.plannedPence + 7_000_00, actualPence: before.actualPence + 1_00 });
    await api.caller.audit.undo({ batchId });
    expect(await line()).toMatchObject({ plannedPence: before.plannedPence, actualPence: before.actualPence });
  });

  it('are filled in for schemes written before the migration that adds them', async () => {
    const db = openDatabase(`${api.dir}/before-scale.sqlite`);
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      await migrator.migrateTo('20261201T200000_outcomes_roi');
      const org = await db
        .insertInto('organisation')
        .values({ name: 'Old Council', sector: 'social_care', kind: null, onsCode: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const p = await db
        .insertInto('partnership')
        .values({ name: 'Old BCF', area: null, arrangement: 'pooled_fund', hostOrgId: org.id, notes: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const fund = await db
        .insertInto('fund')
        .values({ partnershipId: p.id, name: 'BCF', financialYear: '2025/26' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const at = new Date().toISOString();
      const s = await db
        .insertInto('scheme')
        .values({
          fundId: fund.id,
          code: '1',
          name: 'Old',
          description: '',
          subTypeOther: '',
          providerName: '',
          outputUnit: '',
          isNew: 0,
          version: 1,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('expenditure')
        .values([1, 2, 3, 4].map((quarter) => ({ schemeId: s.id, quarter, plannedPence: quarter * 100, actualPence: quarter })))
        .execute();
      await migrateToLatest(db);
      const row = await db
        .selectFrom('scheme')
        .select(['plannedTotalPence', 'actualTotalPence'])
        .where('id', '=', s.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ plannedTotalPence: 1000, actualTotalPence: 10 });
    } finally {
      await db.destroy();
    }
  });
});

describe('national.rollup', () => {
  it('adds up the lines by scheme type, for a year and for all years', async () => {
    const lines = (await page(api.caller)).rows;
    const year = await api.caller.national.rollup({ financialYear: '2025/26' });
    expect(year.schemes).toBe(40);
    const carers = year.rows.find((r) => r.schemeType === 'carers');
    const carerLines = lines.filter((l) => l.financialYear === '2025/26' && l.schemeType === 'Carers services');
    expect(carers).toMatchObject({
      name: 'Carers services',
      schemes: carerLines.length,
      plannedPence: carerLines.reduce((n, l) => n + l.plannedPence, 0),
    });
    const all = await api.caller.national.rollup({});
    expect(all.schemes).toBe(45);
    expect(all.plannedPence).toBe(lines.reduce((n, l) => n + l.plannedPence, 0));
    expect(all.rows.find((r) => r.schemeType === 'hicm')?.schemes).toBe(5);
  });

  it('rolls up by BCF year: each year held, with its label, funds, lines and totals adding up to all years', async () => {
    const lines = (await page(api.caller)).rows;
    const { byBcfYear, plannedPence, actualPence } = await api.caller.national.rollup({ financialYear: '2025/26' });
    const older = lines.filter((l) => l.financialYear === '2023/24');
    const newer = lines.filter((l) => l.financialYear === '2025/26');
    expect(byBcfYear.map((y) => [y.bcfYear, y.label, y.schemes])).toEqual([
      ['2023-25', 'BCF 2023 to 2025 (two-year plan)', older.length],
      ['2025/26', 'BCF 2025 to 2026', newer.length],
    ]);
    expect(byBcfYear[0]?.plannedPence).toBe(older.reduce((n, l) => n + l.plannedPence, 0));
    expect(byBcfYear[1]?.plannedPence).toBe(newer.reduce((n, l) => n + l.plannedPence, 0));
    expect(byBcfYear[1]).toMatchObject({ plannedPence, actualPence });
    expect(byBcfYear[1]?.funds).toBe(new Set(newer.map((l) => l.fundId)).size);
  });
});

describe('who sees what', () => {
  it('a signed-out caller is refused', async () => {
    await expectTrpcError(page(api.anonymous), 'UNAUTHORIZED');
    await expectTrpcError(api.anonymous.national.rollup({}), 'UNAUTHORIZED');
  });

  it('a finance officer sees only their own partnerships’ lines and totals, whatever the filter asks', async () => {
    const { caller } = await api.userWith('finance_officer', [b.councilId]);
    const mine = await page(caller);
    expect(mine.total).toBe(10);
    expect(mine.rows.every((r) => r.partnershipId === b.partnershipId)).toBe(true);
    const other = (await api.caller.partnerships.get({ id: a.partnershipId })).name;
    expect((await page(caller, { filter: { partnership: { kind: 'text', op: 'equals', value: other } } })).total).toBe(0);
    expect((await caller.national.rollup({})).schemes).toBe(10);
    expect((await caller.national.rollup({})).byBcfYear.reduce((n, y) => n + y.schemes, 0)).toBe(10);
  });

  it('someone of no partnership sees nothing; an admin sees everything', async () => {
    const { caller } = await api.userWith('board_member', []);
    expect(await page(caller)).toEqual({ rows: [], total: 0 });
    expect((await caller.national.rollup({})).schemes).toBe(0);
    expect((await caller.national.rollup({})).byBcfYear).toEqual([]);
    expect((await page(api.caller)).total).toBe(45);
  });
});

describe('bad input is refused with the field named', () => {
  it('a page too large, a negative offset, an unknown sort column, a range without its top', async () => {
    const paths = async (input: unknown) =>
      fieldErrorsOf(await expectTrpcError(api.caller.national.lines(input as NationalLinesInput), 'BAD_REQUEST')).map((e) => e.path);
    expect(await paths({ offset: 0, limit: 5000 })).toEqual(['limit']);
    expect(await paths({ offset: -1, limit: 10 })).toEqual(['offset']);
    expect(await paths({ offset: 0, limit: 10, sort: { column: 'password', direction: 'asc' } })).toEqual(['sort.column']);
    expect(await paths({ offset: 0, limit: 10, filter: { plannedPence: { kind: 'money', op: 'inRange', value: 1 } } })).toEqual([
      'filter.plannedPence.valueTo',
    ]);
    expect(fieldErrorsOf(await expectTrpcError(api.caller.national.rollup({ financialYear: '2025' }), 'BAD_REQUEST'))[0]?.path).toBe(
      'financialYear',
    );
  });
});
