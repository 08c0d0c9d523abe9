// A fund names its BCF year, and every write uses that year's funding streams: a 2025/26 fund refuses the 2023-25
// streams folded into the NHS minimum and the Better Care Grant (la_bcf, discharge_icb), naming the field and the
// value and writing nothing, while a 2023-25 fund still takes them; the demo's 2025/26 fund uses only 2025/26 streams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_HEADER } from '../../shared/import';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'streams');
});
afterAll(async () => {
  await api.close();
});

const fund2023 = async (name: string) =>
  (await api.caller.funds.create({ partnershipId: f.partnershipId, name, financialYear: '2024/25' })).id;

describe('funds.create names the BCF year', () => {
  it('defaults to the year covering the financial year, or the latest earlier one, and returns it', async () => {
    const a = await api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Old plan', financialYear: '2023/24' });
    const b = await api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Next year', financialYear: '2027/28' });
    expect([a.bcfYear, b.bcfYear]).toEqual(['2023-25', '2025/26']);
    expect((await api.caller.funds.get({ id: a.id })).bcfYear).toBe('2023-25');
  });

  it('refuses an unknown year, a year not yet begun and a financial year before every year, writing nothing', async () => {
    const before = await counts(api.db);
    const cases = [
      [{ financialYear: '2025/26', bcfYear: '2031/32' }, 'bcfYear', "BCF year '2031/32' is not a BCF year held"],
      [
        { financialYear: '2024/25', bcfYear: '2025/26' },
        'bcfYear',
        "BCF year '2025/26' begins in 2025/26, after the fund's financial year 2024/25",
      ],
      [{ financialYear: '2019/20' }, 'financialYear', 'Financial year 2019/20 is before every BCF year held (2023-25, 2025/26)'],
    ] as const;
    for (const [years, path, message] of cases) {
      const error = await expectTrpcError(
        api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Refused', ...years }),
        'BAD_REQUEST',
      );
      expect(fieldErrorsOf(error)).toEqual([{ path, message: expect.stringContaining(message) }]);
    }
    expect(await counts(api.db)).toEqual(before);
  });
});

describe("sources.list({ fundId }) gives the fund's year's streams", () => {
  it('2025/26: the framework 2025 to 2026 streams, without the iBCF or discharge funds', async () => {
    const streams = await api.caller.sources.list({ fundId: f.fundId });
    expect(streams.map((s) => s.code)).toEqual([
      'nhs_minimum',
      'la_better_care_grant',
      'dfg',
      'additional_icb',
      'additional_la',
      'carry_forward',
      'partner_contribution',
      'other',
    ]);
    const old = await api.caller.sources.list({ fundId: await fund2023('Streams 2023-25') });
    expect(old.map((s) => s.code)).toContain('discharge_icb');
  });
});

describe('a 2025/26 fund refuses the 2023-25 streams; a 2023-25 fund takes them', () => {
  // The call is made only once the counts are taken, so its refusal is awaited at once (never left unhandled).
  const expectRefusal = async (work: () => Promise<unknown>, path: string, message: string) => {
    const before = await counts(api.db);
    const error = await expectTrpcError(work(), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)).toEqual([{ path, message: expect.stringContaining(message) }]);
    expect(await counts(api.db)).toEqual(before);
  };

  it('contributions.create and applyBatch', async () => {
    await expectRefusal(
      () => api.caller.contributions.create({ fundId: f.fundId, orgId: f.councilId, source: 'la_bcf', quarter: 1, plannedPence: 100 }),
      'source',
      "Funding source 'la_bcf' is not a funding stream of BCF year 2025/26: choose one of NHS minimum contribution, Local Authority Better Care Grant",
    );
    await expectRefusal(
      () =>
        api.caller.contributions.applyBatch({
          fundId: f.fundId,
          changes: [
            { op: 'create', values: { orgId: f.icbId, source: 'nhs_minimum', quarter: 1, plannedPence: 100 } },
            { op: 'create', values: { orgId: f.icbId, source: 'discharge_icb', quarter: 1, plannedPence: 100 } },
          ],
        }),
      'changes.1.values.source',
      "Funding source 'discharge_icb' is not a funding stream of BCF year 2025/26",
    );
  });

  it('contributions.import, by code or by the old name', async () => {
    const row = (source: string) => ['Testshire Council streams1', source, 'Q1', '10.00', '', '', ''];
    for (const source of ['la_bcf', 'Discharge fund (ICB)']) {
      await expectRefusal(
        () =>
          api.caller.contributions.import({
            fundId: f.fundId,
            header: [...EXPORT_HEADER],
            rows: [row('dfg'), row(source)],
            mapping: { partner: 0, source: 1, quarter: 2, planned: 3, actual: 4, note: 6 },
            mode: 'update',
            dryRun: false,
          }),
        'rows.1.1',
        `Funding source '${source}' is not a funding stream of BCF year 2025/26`,
      );
    }
  });

  it("schemes.applyBatch: a scheme's source of funding", async () => {
    await expectRefusal(
      () =>
        api.caller.schemes.applyBatch({
          fundId: f.fundId,
          changes: [{ op: 'create', values: { code: 'S1', name: 'Discharge', fundingSource: 'discharge_icb' } }],
        }),
      'changes.0.values.fundingSource',
      "Source of funding 'discharge_icb' is not a funding stream of BCF year 2025/26",
    );
  });

  it('a 2023-25 fund accepts la_bcf and discharge_icb everywhere', async () => {
    const fundId = await fund2023('Streams accepted');
    const row = await api.caller.contributions.create({ fundId, orgId: f.councilId, source: 'la_bcf', quarter: 1, plannedPence: 100 });
    expect(row.source).toBe('la_bcf');
    await api.caller.contributions.applyBatch({
      fundId,
      changes: [{ op: 'create', values: { orgId: f.icbId, source: 'discharge_icb', quarter: 1, plannedPence: 100 } }],
    });
    const { rows } = await api.caller.schemes.applyBatch({
      fundId,
      changes: [{ op: 'create', values: { code: 'S1', name: 'Discharge', fundingSource: 'discharge_icb' } }],
    });
    expect(rows[0]?.fundingSource).toBe('discharge_icb');
    const summary = await api.caller.funds.summary({ fundId });
    expect(summary.bySource.map((s) => s.name)).toEqual(['Local Authority BCF (iBCF)', 'Discharge fund (ICB)']);
  });
});

describe('the demo', () => {
  it("opens BCF year 2026/27 as data, and its 2025/26 and 2026/27 funds use only their year's streams", async () => {
    const demo = await openTestApi({ demo: true });
    try {
      const years = await demo.caller.bcfYears.list();
      expect(years.find((y) => y.code === '2026/27')).toMatchObject({ label: 'BCF 2026 to 2027', nhsAscUpliftBp: 390 });
      const [northbridge] = (await demo.caller.partnerships.list()).filter((p) => p.name === 'Northbridge Better Care Fund');
      const funds = await demo.caller.funds.list({ partnershipId: northbridge?.id ?? 0 });
      expect(funds.map((x) => [x.financialYear, x.bcfYear])).toEqual([
        ['2026/27', '2026/27'],
        ['2025/26', '2025/26'],
      ]);
      for (const fund of funds) {
        const streams = new Set((await demo.caller.sources.list({ fundId: fund.id })).map((s) => s.code));
        const used = [
          ...(await demo.caller.contributions.list({ fundId: fund.id })).map((c) => c.source),
          ...(await demo.caller.schemes.plan({ fundId: fund.id })).schemes.map((s) => s.fundingSource ?? ''),
        ];
        expect(used.filter((code) => !streams.has(code))).toEqual([]);
      }
      const fund2025 = funds.find((x) => x.financialYear === '2025/26');
      // Listed in the order the year lists its streams: the Better Care Grant before the voluntary additions.
      const rows = await demo.caller.contributions.list({ fundId: fund2025?.id ?? 0 });
      expect([...new Set(rows.map((r) => r.source))]).toEqual([
        'nhs_minimum',
        'additional_icb',
        'la_better_care_grant',
        'dfg',
        'additional_la',
      ]);
      expect((await demo.caller.funds.summary({ fundId: fund2025?.id ?? 0 })).plannedPence).toBe(40_344_000_00);
    } finally {
      await demo.close();
    }
  });
});
