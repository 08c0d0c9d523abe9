// bcfYears.*: the BCF years held as data. The migration holds 2023-25 and 2025/26 with their streams; an administrator
// opens 2026/27 by copying 2025/26's lists (no code change), and bad input is refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(async () => {
  await api.close();
});

const OPEN_2026_27 = {
  copyFrom: '2025/26',
  code: '2026/27',
  label: 'BCF 2026 to 2027',
  firstFinancialYear: '2026/27',
  lastFinancialYear: '2026/27',
};

describe('BCF years as data', () => {
  it('an empty deployment holds 2023-25 (closed) and 2025/26 (open, 3.9% uplift) with their own streams', async () => {
    const years = await api.caller.bcfYears.list();
    expect(years.map((y) => [y.code, y.status, y.nhsAscUpliftBp])).toEqual([
      ['2023-25', 'closed', null],
      ['2025/26', 'open', 390],
    ]);
    const older = await api.caller.bcfYears.streams({ bcfYear: '2023-25' });
    expect(older.map((s) => s.code)).toContain('discharge_icb');
    const current = await api.caller.bcfYears.streams({ bcfYear: '2025/26' });
    expect(current.filter((s) => s.isMinimum).map((s) => [s.code, s.name, s.owner])).toEqual([
      ['nhs_minimum', 'NHS minimum contribution', 'nhs'],
      ['la_better_care_grant', 'Local Authority Better Care Grant', 'la'],
      ['dfg', 'Disabled Facilities Grant', 'la'],
    ]);
    expect(current.map((s) => s.code)).not.toContain('discharge_icb');
    expect(current.map((s) => s.code)).not.toContain('la_bcf');
  });

  it('bad input opens nothing: an unknown year to copy, a held code, a span backwards or overlapping, an uplift past 100%', async () => {
    const before = await counts(api.db);
    const refused = async (input: Record<string, unknown>, path: string, text: RegExp) => {
      const error = await expectTrpcError(api.caller.bcfYears.open({ ...OPEN_2026_27, ...input } as never), 'BAD_REQUEST');
      const problem = fieldErrorsOf(error).find((e) => e.path === path);
      expect(problem?.message, JSON.stringify(fieldErrorsOf(error))).toMatch(text);
    };
    await refused({ copyFrom: '2019/20' }, 'copyFrom', /BCF year '2019\/20' is not a BCF year held here/);
    await refused({ code: '2025/26' }, 'code', /BCF year '2025\/26' is already held/);
    await refused({ lastFinancialYear: '2025/26', firstFinancialYear: '2026/27' }, 'lastFinancialYear', /is before the first/);
    await refused({ firstFinancialYear: '2025/26' }, 'firstFinancialYear', /overlap BCF year 2025\/26/);
    await refused({ nhsAscUpliftBp: 10_001 }, 'nhsAscUpliftBp', /-10000 to 10000/);
    await refused({ code: '2026-27x' }, 'code', /BCF year must be written like/);
    expect(await counts(api.db)).toEqual(before);
  });

  it('an administrator opens 2026/27 as a copy of 2025/26: streams, lists, metrics and the uplift; others may not', async () => {
    const { caller: commissioner } = await api.userWith('commissioner', []);
    await expectTrpcError(commissioner.bcfYears.open(OPEN_2026_27), 'FORBIDDEN');
    const year = await api.caller.bcfYears.open(OPEN_2026_27);
    expect(year).toMatchObject({ code: '2026/27', status: 'open', nhsAscUpliftBp: 390 });
    const strip = <T extends { id: number; bcfYear: string; version: number }>(rows: T[]) =>
      rows.map(({ id: _i, bcfYear: _y, version: _v, ...rest }) => rest);
    expect(strip(await api.caller.bcfYears.streams({ bcfYear: '2026/27' }))).toEqual(
      strip(await api.caller.bcfYears.streams({ bcfYear: '2025/26' })),
    );
    expect(strip(await api.caller.reference.list({ bcfYear: '2026/27' }))).toEqual(
      strip(await api.caller.reference.list({ bcfYear: '2025/26' })),
    );
    expect(strip(await api.caller.metrics.list({ bcfYear: '2026/27' }))).toEqual(
      strip(await api.caller.metrics.list({ bcfYear: '2025/26' })),
    );
    // Edited afterwards like any year's lists; a new stream code joins the catalogue.
    const stream = await api.caller.bcfYears.createStream({
      bcfYear: '2026/27',
      code: 'neighbourhood_health',
      name: 'Neighbourhood health contribution (illustrative)',
      owner: 'nhs',
      isMinimum: false,
    });
    expect(stream.sortOrder).toBeGreaterThan(1);
    const changed = await api.caller.bcfYears.update({ id: year.id, version: year.version, patch: { nhsAscUpliftBp: 400 } });
    expect(changed.nhsAscUpliftBp).toBe(400);
  });
});
