// Outcomes and return on investment (issue 7) over the real routers on a migrated database with the demo data:
// metrics per BCF year, outcome values with derived status, unit costs and evidence, benefit lines and the appraisal,
// the board report; every bad input refused with the field named and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumPence } from '../../shared/money';
import type { SignedInUser } from '../../shared/types';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type Caller, type TestApi } from '../support/api';
import { bad, makeFund, type Fixture } from './fixtures';

let api: TestApi;
let partnershipId = 0;
let fundId = 0;
let councilId = 0;
let icbId = 0;
let commissioner: { user: SignedInUser; caller: Caller };
let finance: { user: SignedInUser; caller: Caller };
let board: { user: SignedInUser; caller: Caller };

beforeAll(async () => {
  api = await openTestApi({ demo: true });
  const northbridge = (await api.caller.partnerships.list()).find((p) => p.name === 'Northbridge Better Care Fund');
  partnershipId = northbridge?.id ?? 0;
  fundId = (await api.caller.funds.list({ partnershipId })).find((f) => f.financialYear === '2025/26')?.id ?? 0;
  const orgs = await api.caller.orgs.list();
  councilId = orgs.find((o) => o.name === 'Northbridge Borough Council')?.id ?? 0;
  icbId = orgs.find((o) => o.name === 'NHS Northbridge and Vale ICB')?.id ?? 0;
  commissioner = await api.userWith('commissioner', [councilId, icbId]);
  finance = await api.userWith('finance_officer', [councilId]);
  board = await api.userWith('board_member', [councilId, icbId]);
});
afterAll(async () => {
  await api.close();
});

describe('the demo board report', () => {
  it('shows the 2025/26 fund: tiles, statuses by polarity, returns with their evidence, invests vs benefits summing exactly', async () => {
    const report = await board.caller.reports.board({ partnershipId });
    expect(report.fund.id).toBe(fundId);
    expect(report.partnership.isDemo).toBe(true);
    const contributions = await board.caller.contributions.list({ fundId });
    expect(report.tiles.pooledPence).toBe(sumPence(contributions.map((c) => c.plannedPence)));
    const plan = await board.caller.schemes.list({ fundId });
    // Q4 of the demo plan is not reported yet: spent to date is Q1–Q3's actual, beside Q1–Q3's plan.
    const q1toQ3 = plan.flatMap((s) => s.spend.filter((q) => q.quarter <= 3));
    expect(report.tiles.spentToDate.actualPence).toBe(sumPence(q1toQ3.map((q) => q.actualPence)));
    expect(report.tiles.spentToDate.plannedPence).toBe(sumPence(q1toQ3.map((q) => q.plannedPence)));

    const admissions = report.metricTrends.find((t) => t.code === 'emergency_admissions_65');
    expect(admissions?.points.map((p) => p.status)).toEqual(['on_track', 'not_on_track', 'on_track', 'data_not_available']);
    // Residential admissions: the actual is the rate from its counts, 62 in 45,000 per 100,000 = 137.78.
    const residential = report.metricTrends.find((t) => t.code === 'residential_admissions');
    expect(residential?.points[0]?.actualHundredths).toBe(137_78);
    expect(report.tiles.metricsTotal).toBe(3);
    // Latest quarter with a status: admissions Q3 on track, delays Q3 not, residential Q3 on track.
    expect(report.tiles.metricsOnTrack).toBe(2);

    expect(report.schemeReturns).toHaveLength(5);
    const bridging = report.schemeReturns.find((s) => s.name === 'Bridging service');
    expect(bridging?.evidence[0]?.claim).toMatch(/£1.20/);
    expect(bridging?.lowBp).not.toBeNull();
    expect((bridging?.lowBp ?? 0) < (bridging?.savedPerPoundBp ?? 0)).toBe(true);
    expect((bridging?.highBp ?? 0) > (bridging?.savedPerPoundBp ?? 0)).toBe(true);
    const invests = sumPence(report.investsVsBenefits.map((p) => p.investsPence));
    expect(invests).toBe(sumPence(report.schemeReturns.map((s) => s.costPence)));
    expect(sumPence(report.investsVsBenefits.map((p) => p.benefitsPence))).toBe(
      sumPence(report.schemeReturns.map((s) => s.netBenefitPence)),
    );
    // Health and social care savings are the ICB's and the council's: each partner's money in and savings on one line.
    expect(report.investsVsBenefits.map((p) => p.party).sort()).toEqual([`org:${councilId}`, `org:${icbId}`].sort());
    const icb = report.investsVsBenefits.find((p) => p.party === `org:${icbId}`);
    expect(icb?.investsPence).toBeGreaterThan(0);
    expect(icb?.benefitsPence).toBeGreaterThan(0);
    expect(report.evidence.map((e) => e.id).sort()).toEqual(
      [...new Set(report.schemeReturns.flatMap((s) => s.evidence.map((e) => e.id)))].sort(),
    );
  });

  it('the partnership’s return across its funds adds up its funds’ schemes exactly', async () => {
    const whole = await board.caller.roi.partnership({ partnershipId });
    const schemes = whole.funds.flatMap((f) => f.schemes);
    expect(whole.costPence).toBe(sumPence(schemes.map((s) => s.costPence)));
    expect(whole.netBenefitPence).toBe(sumPence(schemes.map((s) => s.netBenefitPence)));
    expect(whole.funds.find((f) => f.fundId === fundId)?.savedPerPoundBp).toBe((await board.caller.roi.fund({ fundId })).savedPerPoundBp);
    expect(sumPence(whole.investsVsBenefits.map((p) => p.investsPence))).toBe(whole.costPence);
  });

  it('Q4 not yet reported: its actual is null, never £0; totals say they cover Q1–Q3; contributions are all reported', async () => {
    const report = await board.caller.reports.board({ partnershipId, fundId });
    const plan = await board.caller.schemes.list({ fundId });
    expect(
      sumPence(plan.flatMap((s) => s.spend.filter((q) => q.quarter === 4).map((q) => q.actualPence))),
      'the demo has no Q4 spend',
    ).toBe(0);
    expect(report.reportedThrough.spend).toBe(3);
    expect(report.spendByQuarter.map((q) => [q.quarter, q.reported, q.actualPence === null])).toEqual([
      [1, true, false],
      [2, true, false],
      [3, true, false],
      [4, false, true],
    ]);
    const spent = report.tiles.spentToDate;
    expect(spent.covers).toEqual({ fromQuarter: 1, toQuarter: 3 });
    expect(spent.unreported).toEqual([4]);
    const quarter4 = report.spendByQuarter[3];
    expect(spent.periodPlannedPence).toBe(spent.plannedPence + (quarter4?.plannedPence ?? 0));
    expect(spent.variancePence).toBe(spent.actualPence - spent.plannedPence);
    // The demo's contributions are paid in every quarter: who paid what is reported for the whole year.
    expect(report.reportedThrough.contributions).toBe(4);
    expect(report.contributionsByQuarter.every((q) => q.reported && q.partners.every((p) => p.actualPence !== null))).toBe(true);

    // Reported is judged over the year: Q4 alone is still not reported, and covers nothing.
    const q4 = await board.caller.reports.board({ partnershipId, fundId, fromQuarter: 4, toQuarter: 4 });
    expect(q4.spendByQuarter).toEqual([{ quarter: 4, reported: false, plannedPence: quarter4?.plannedPence, actualPence: null }]);
    expect(q4.tiles.spentToDate.covers).toBeNull();

    // The 2026/27 fund, half a year in: Q3 and Q4 contributions are not reported, so no partner reads £0 paid.
    const next = (await board.caller.funds.list({ partnershipId })).find((f) => f.financialYear === '2026/27');
    const half = await board.caller.reports.board({ partnershipId, fundId: next?.id });
    expect(half.reportedThrough.contributions).toBe(2);
    expect(half.contributionsByQuarter.map((q) => q.partners.map((p) => p.actualPence === null))).toEqual(
      half.contributionsByQuarter.map((q) => q.partners.map(() => q.quarter > 2)),
    );
  });

  it('a period keeps only its quarters; a backwards period is refused at toQuarter', async () => {
    const report = await board.caller.reports.board({ partnershipId, fundId, fromQuarter: 2, toQuarter: 3 });
    expect(report.spendByQuarter.map((q) => q.quarter)).toEqual([2, 3]);
    expect(report.metricTrends[0]?.points.map((p) => p.quarter)).toEqual([2, 3]);
    const error = await expectTrpcError(board.caller.reports.board({ partnershipId, fromQuarter: 3, toQuarter: 2 }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)[0]?.path).toBe('toQuarter');
  });
});

describe('the POPP worked case through the API', () => {
  let f: Fixture;
  let schemeId = 0;
  let bedDayId = 0;
  beforeAll(async () => {
    f = await makeFund(api, 'popp');
    await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'additional_la',
      quarter: 1,
      plannedPence: 1_000_000_00,
    });
    const { rows } = await api.caller.schemes.applyBatch({
      fundId: f.fundId,
      changes: [
        { op: 'create', values: { code: '1', name: 'Prevention projects', fundingSource: 'additional_la', q1PlannedPence: 1_000_000_00 } },
      ],
    });
    schemeId = rows[0]?.id ?? 0;
    bedDayId = (
      await api.caller.unitCosts.create({ item: 'Bed-day (test)', pence: 400_00, priceYear: '2008/09', source: 'Worked example' })
    ).id;
  });

  it('£1,000,000 spent, 1,825 bed-days avoided at £400 each: £730,000 saved, £0.73 per £1', async () => {
    await api.caller.roi.benefits.applyBatch({
      fundId: f.fundId,
      changes: [
        { op: 'create', values: { schemeId, label: 'Bed-days avoided', party: 'health', unitCostId: bedDayId, activityPerYear: 1_825 } },
      ],
    });
    const roi = await api.caller.roi.fund({ fundId: f.fundId });
    expect(roi.savedPerPoundBp).toBe(7_300);
    expect(roi.schemes[0]?.summary.netBenefitPence).toBe(730_000_00);
    // The council invests; health's saving is the ICB's, the partnership's one health member.
    expect(roi.investsVsBenefits).toEqual([
      { party: `org:${f.councilId}`, name: expect.stringMatching(/Testshire Council/), investsPence: 1_000_000_00, benefitsPence: 0 },
      { party: `org:${f.icbId}`, name: expect.stringMatching(/Testshire ICB/), investsPence: 0, benefitsPence: 730_000_00 },
    ]);
  });
});

describe('outcomes in the grid', () => {
  it('a finance officer of the partnership enters an actual; its status follows the polarity; a board member may not', async () => {
    const { metrics, outcomes } = await finance.caller.outcomes.list({ fundId });
    const delays = metrics.find((m) => m.code === 'discharge_delay_days');
    const q4 = outcomes.find((o) => o.metricId === delays?.id && o.quarter === 4);
    if (!q4) throw new Error('no Q4 delay row');
    expect(q4.status).toBe('data_not_available');
    const { outcomes: after } = await finance.caller.outcomes.applyBatch({
      fundId,
      changes: [{ op: 'update', id: q4.id, version: q4.version, values: { actual: 90 } }],
    });
    expect(after.find((o) => o.id === q4.id)?.status).toBe('on_track'); // 0.90 days against a target of 0.95: lower is better
    const before = await counts(api.db);
    await expectTrpcError(
      board.caller.outcomes.applyBatch({ fundId, changes: [{ op: 'update', id: q4.id, version: q4.version + 1, values: { actual: 1 } }] }),
      'FORBIDDEN',
    );
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('bad input is refused with the field named, and nothing is written', () => {
  const refused = async (call: () => Promise<unknown>, path: string, message: RegExp) => {
    const before = await counts(api.db);
    const error = await expectTrpcError(call(), 'BAD_REQUEST');
    const found = fieldErrorsOf(error).find((e) => e.path === path);
    expect(found?.message, JSON.stringify(fieldErrorsOf(error))).toMatch(message);
    expect(await counts(api.db)).toEqual(before);
  };

  it('a negative unit cost', () =>
    refused(
      () => commissioner.caller.unitCosts.create({ item: 'Bed-day', pence: -1, priceYear: '2024/25', source: 'PSSRU' }),
      'pence',
      /Unit cost \(£\) must be a whole number of pence/,
    ));

  it('an evidence range with low above high', () =>
    refused(
      () =>
        commissioner.caller.evidence.create({
          claim: 'Saved per £1',
          valueKind: 'per_pound',
          value: 12_000,
          low: 16_000,
          high: 8_000,
          publication: 'A report',
        }),
      'low',
      /Low value must be at most the high value \(£0.80 per £1\), got £1.60 per £1/,
    ));

  it('an evidence update that would leave the range broken', async () => {
    const [popp] = (await commissioner.caller.evidence.list()).filter((e) => e.low !== null);
    if (!popp) throw new Error('no evidence with a range');
    await refused(
      () => commissioner.caller.evidence.update({ id: popp.id, version: popp.version, patch: { low: 20_000 } }),
      'patch.low',
      /Low value must be at most the high value/,
    );
  });

  it('an unknown metric', () =>
    refused(
      () =>
        finance.caller.outcomes.applyBatch({ fundId, changes: [{ op: 'create', values: { metricId: 999_999, quarter: 1, actual: 5 } }] }),
      'changes.0.values.metricId',
      /Metric must be a metric of BCF year 2025\/26 .* got 999999/,
    ));

  it('a percentage over 100% (an adjustment of 10001 basis points)', async () => {
    const schemes = await commissioner.caller.schemes.list({ fundId });
    const [cost] = await commissioner.caller.unitCosts.list();
    await refused(
      () =>
        commissioner.caller.roi.benefits.applyBatch(
          bad({
            fundId,
            changes: [
              {
                op: 'create',
                values: { schemeId: schemes[0]?.id, label: 'Too much', party: 'health', unitCostId: cost?.id, deadweightBp: 10_001 },
              },
            ],
          }),
        ),
      'changes.0.values.deadweightBp',
      /Deadweight must be a whole number of basis points from 0 to 10000/,
    );
  });

  it('counts for a count metric, one count without the other, and a second row for the same quarter', async () => {
    const { metrics, outcomes } = await finance.caller.outcomes.list({ fundId });
    const delays = metrics.find((m) => m.code === 'discharge_delay_days');
    const residential = metrics.find((m) => m.code === 'residential_admissions');
    await refused(
      () =>
        finance.caller.outcomes.applyBatch({
          fundId,
          changes: [
            { op: 'create', values: { metricId: delays?.id ?? 0, quarter: 1, schemeId: null, actualNumerator: 5, actualDenominator: 10 } },
          ],
        }),
      'changes.0.values.actualNumerator',
      /it is a count, not a rate/,
    );
    const row = outcomes.find((o) => o.metricId === residential?.id && o.quarter === 4);
    await refused(
      () =>
        finance.caller.outcomes.applyBatch({
          fundId,
          changes: [{ op: 'update', id: row?.id ?? 0, version: row?.version ?? 0, values: { actualNumerator: 5 } }],
        }),
      'changes.0.values.actualDenominator',
      /must be given together/,
    );
    await refused(
      () =>
        finance.caller.outcomes.applyBatch({ fundId, changes: [{ op: 'create', values: { metricId: residential?.id ?? 0, quarter: 2 } }] }),
      'changes.0.values.quarter',
      /already a Q2 row/,
    );
  });

  it('a benefit line of another fund’s scheme, an unknown unit cost, and years past the Green Book horizon', async () => {
    const other = await makeFund(api, 'roi-other');
    const { rows } = await api.caller.schemes.applyBatch({
      fundId: other.fundId,
      changes: [{ op: 'create', values: { code: '1', name: 'Elsewhere' } }],
    });
    const schemes = await commissioner.caller.schemes.list({ fundId });
    const [cost] = await commissioner.caller.unitCosts.list();
    const line = (values: Record<string, unknown>) =>
      commissioner.caller.roi.benefits.applyBatch(
        bad({
          fundId,
          changes: [
            { op: 'create', values: { schemeId: schemes[0]?.id, label: 'Line', party: 'health', unitCostId: cost?.id, ...values } },
          ],
        }),
      );
    await refused(() => line({ schemeId: rows[0]?.id }), 'changes.0.values.schemeId', /Scheme must be a scheme of this fund/);
    await refused(
      () => line({ unitCostId: 999_999 }),
      'changes.0.values.unitCostId',
      /Unit cost must be one of the unit costs, got 999999/,
    );
    await refused(() => line({ startYear: 70, years: 10 }), 'changes.0.values.years', /Years must end by year 75/);
    await refused(() => line({ party: `org:${other.councilId}` }), 'changes.0.values.party', /partner of this fund’s partnership/);
  });

  it('a metric code already used in its BCF year, and an unknown unit', async () => {
    const [metric] = await api.caller.metrics.list({ bcfYear: '2025/26' });
    await refused(
      () => api.caller.metrics.create({ bcfYear: '2025/26', code: metric?.code ?? '', name: 'Again', unit: 'percent', polarity: 'higher' }),
      'code',
      /Code must be unique in BCF year 2025\/26/,
    );
    await refused(
      () =>
        api.caller.metrics.create(bad({ bcfYear: '2025/26', code: 'new_metric', name: 'New', unit: 'per_thousand', polarity: 'higher' })),
      'unit',
      /Unit must be one of count, percent, per_100000, got 'per_thousand'/,
    );
    const other = (await api.caller.metrics.list({ bcfYear: '2025/26' }))[1];
    await refused(
      () => api.caller.metrics.update({ id: other?.id ?? 0, version: other?.version ?? 0, patch: { code: metric?.code ?? '' } }),
      'patch.code',
      /Code must be unique/,
    );
  });

  it('a unit cost changed to a negative amount or a badly written price year', async () => {
    const [cost] = await commissioner.caller.unitCosts.list();
    await refused(
      () => commissioner.caller.unitCosts.update({ id: cost?.id ?? 0, version: cost?.version ?? 0, patch: { pence: -5 } }),
      'patch.pence',
      /Unit cost \(£\) must be a whole number of pence/,
    );
    await refused(
      () => commissioner.caller.unitCosts.update({ id: cost?.id ?? 0, version: cost?.version ?? 0, patch: { priceYear: '2024-25' } }),
      'patch.priceYear',
      /Price year/,
    );
  });

  it('an outcome for another fund’s scheme, and a benefit line resting on unknown evidence', async () => {
    const other = await makeFund(api, 'outcome-other');
    const { rows } = await api.caller.schemes.applyBatch({
      fundId: other.fundId,
      changes: [{ op: 'create', values: { code: '1', name: 'Elsewhere' } }],
    });
    const [metric] = (await finance.caller.outcomes.list({ fundId })).metrics;
    await refused(
      () =>
        finance.caller.outcomes.applyBatch({
          fundId,
          changes: [{ op: 'create', values: { metricId: metric?.id ?? 0, quarter: 1, schemeId: rows[0]?.id ?? 0 } }],
        }),
      'changes.0.values.schemeId',
      /Scheme must be a scheme of this fund/,
    );
    const schemes = await commissioner.caller.schemes.list({ fundId });
    const [cost] = await commissioner.caller.unitCosts.list();
    await refused(
      () =>
        commissioner.caller.roi.benefits.applyBatch({
          fundId,
          changes: [
            {
              op: 'create',
              values: { schemeId: schemes[0]?.id ?? 0, label: 'Line', party: 'health', unitCostId: cost?.id ?? 0, evidenceId: 999_999 },
            },
          ],
        }),
      'changes.0.values.evidenceId',
      /Evidence must be one of the evidence items, or empty, got 999999/,
    );
  });

  it('a board report for a fund of another partnership', async () => {
    const other = await makeFund(api, 'report-other');
    await refused(() => api.caller.reports.board({ partnershipId, fundId: other.fundId }), 'fundId', /Fund must be a fund of Northbridge/);
  });

  it('finance officers and board members cannot change unit costs, evidence or benefit lines', async () => {
    const before = await counts(api.db);
    await expectTrpcError(finance.caller.unitCosts.create({ item: 'X', pence: 1, priceYear: '2024/25', source: 'Y' }), 'FORBIDDEN');
    await expectTrpcError(board.caller.evidence.create({ claim: 'X', valueKind: 'pence', value: 1, publication: 'Y' }), 'FORBIDDEN');
    expect(await counts(api.db)).toEqual(before);
  });
});
