// Issue 13 through the real routers: "as in the plan" divides money by the planned pence themselves, never by shares
// rounded to basis points. The worked case: a council and an ICB plan £100.00 and £200.00 into one funding source; one
// scheme of £30,000.00 is paid from it. Who invests is £10,000.00 and £20,000.00, not £9,999.00 and £20,001.00; a
// scenario taken from a plan that balances and left unchanged changes nobody's figure, and promoting it writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi();
});
afterAll(async () => {
  await api.close();
});

const SOURCE = 'additional_la';

/** A fund whose council and ICB plan `council` and `icb` pence into SOURCE in Q1, with one scheme of `scheme` pence. */
async function fundWith(council: number, icb: number, scheme: number): Promise<Fixture & { schemeId: number }> {
  const f = await makeFund(api, 'exact');
  await api.caller.contributions.create({ fundId: f.fundId, orgId: f.councilId, source: SOURCE, quarter: 1, plannedPence: council });
  await api.caller.contributions.create({ fundId: f.fundId, orgId: f.icbId, source: SOURCE, quarter: 1, plannedPence: icb });
  const { rows } = await api.caller.schemes.applyBatch({
    fundId: f.fundId,
    changes: [{ op: 'create', values: { code: '1', name: 'Reablement', fundingSource: SOURCE, q1PlannedPence: scheme } }],
  });
  return { ...f, schemeId: rows[0]?.id ?? 0 };
}

describe('who invests, as the plan shares the source', () => {
  let f: Fixture & { schemeId: number };
  beforeAll(async () => {
    f = await fundWith(100_00, 200_00, 30_000_00);
    const bedDay = await api.caller.unitCosts.create({ item: 'Bed-day (exact test)', pence: 400_00, priceYear: '2024/25', source: 'Test' });
    await api.caller.roi.benefits.applyBatch({
      fundId: f.fundId,
      changes: [{ op: 'create', values: { schemeId: f.schemeId, label: 'Bed-days avoided', party: 'health', unitCostId: bedDay.id, activityPerYear: 10 } }],
    });
  });

  it('roi.fund: the council invests £10,000.00 and the ICB £20,000.00', async () => {
    const roi = await api.caller.roi.fund({ fundId: f.fundId });
    const invests = new Map(roi.investsVsBenefits.map((p) => [p.party, p.investsPence]));
    expect(invests.get(`org:${f.councilId}`)).toBe(10_000_00);
    expect(invests.get(`org:${f.icbId}`)).toBe(20_000_00);
  });

  it('the board dashboard’s report says the same', async () => {
    const report = await api.caller.reports.board({ partnershipId: f.partnershipId, fundId: f.fundId });
    const invests = new Map(report.investsVsBenefits.map((p) => [p.party, p.investsPence]));
    expect(invests.get(`org:${f.councilId}`)).toBe(10_000_00);
    expect(invests.get(`org:${f.icbId}`)).toBe(20_000_00);
  });
});

describe('a scenario taken from the plan and left unchanged', () => {
  it('splits the worked case £10,000.00 / £20,000.00', async () => {
    const f = await fundWith(100_00, 200_00, 30_000_00);
    const commissioner = await api.userWith('commissioner', [f.councilId, f.icbId]);
    const detail = await commissioner.caller.scenarios.create({ fundId: f.fundId, name: 'As planned' });
    const byOrg = new Map(detail.result.lines[0]?.byOrg.map((b) => [b.orgId, b.pence]));
    expect(byOrg.get(f.councilId)).toBe(10_000_00);
    expect(byOrg.get(f.icbId)).toBe(20_000_00);
    // The shares are shown rounded, for reading; the money was divided by the pence.
    expect(detail.result.lines[0]?.splitLabel).toMatch(/Council[^,]* 33\.33%/);
  });

  it('compares at £0.00 for every partner, and promoting it writes nothing: no batch, no audit event', async () => {
    // A plan that balances: £10,000.00 and £20,000.00 planned in thirds that 33.33% / 66.67% would get wrong.
    const f = await fundWith(10_000_00, 20_000_00, 30_000_00);
    const commissioner = await api.userWith('commissioner', [f.councilId, f.icbId]);
    const detail = await commissioner.caller.scenarios.create({ fundId: f.fundId, name: 'Unchanged' });
    const comparison = await commissioner.caller.scenarios.compare({ fundId: f.fundId, scenarioIds: [detail.scenario.id] });
    expect(comparison.partners.map((p) => p.scenarios[0]?.changePence)).toEqual([0, 0]);

    const before = await counts(api.db);
    const contributionsBefore = await api.caller.contributions.list({ fundId: f.fundId });
    const promoted = await commissioner.caller.scenarios.promote({ id: detail.scenario.id, version: detail.scenario.version });
    expect(promoted.batchId).toBeNull();
    expect(promoted.changedContributions).toBe(0);
    expect(await counts(api.db)).toEqual(before);
    expect(await api.caller.contributions.list({ fundId: f.fundId })).toEqual(contributionsBefore);
  });
});
