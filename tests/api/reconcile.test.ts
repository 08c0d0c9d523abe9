// Why figures differ, on the demo data (issue 22, item 6): the demo plan's schemes spend £20,000 less than the ICB pays
// into the NHS minimum contribution, so a scenario just taken from the plan shows the ICB £20,000 down on its committed
// plan, and the board dashboard's pool (£40,344,000) is £20,000 more than planned spend (£40,324,000). Both say why,
// from the figures the pages read (scenarios.get, contributions.list, schemes.plan, sources.list, reports.board).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPence } from '../../shared/money';
import { plannedSpendOf } from '../../shared/plan-checks';
import { explainScenario, fundDifferenceText, gapText, loweredContributions, partnerDifferenceText } from '../../shared/reconcile';
import { openTestApi, type Caller, type TestApi } from '../support/api';

let api: TestApi;
let fundId = 0;
let partnershipId = 0;
let commissioner: Caller;
const ICB = 'NHS Northbridge and Vale ICB';

beforeAll(async () => {
  api = await openTestApi({ demo: true });
  const northbridge = (await api.caller.partnerships.list()).find((p) => p.name === 'Northbridge Better Care Fund');
  partnershipId = northbridge?.id ?? 0;
  fundId = (await api.caller.funds.list({ partnershipId })).find((f) => f.financialYear === '2025/26')?.id ?? 0;
  const orgs = await api.caller.orgs.list();
  const members = orgs.filter((o) => o.name === 'Northbridge Borough Council' || o.name === ICB).map((o) => o.id);
  expect(members).toHaveLength(2);
  commissioner = (await api.userWith('commissioner', members)).caller;
});
afterAll(async () => {
  await api.close();
});

describe('the demo fund', () => {
  it('the board report says the pool is £20,000 more than planned spend, because of the NHS minimum contribution', async () => {
    const report = await api.caller.reports.board({ partnershipId, fundId });
    expect(report.tiles.pooledPence).toBe(40_344_000_00);
    const r = report.reconciliation;
    expect(r).toMatchObject({ pooledPence: 40_344_000_00, plannedSpendPence: 40_324_000_00, differencePence: 20_000_00 });
    // The planned spend reconciled is the year's spend on the schemes the dashboard's spend chart draws.
    expect(report.tiles.spentToDate.periodPlannedPence).toBe(r.plannedSpendPence);
    expect(r.gaps.map((g) => [g.source, g.gapPence, g.payers.map((p) => p.name)])).toEqual([['nhs_minimum', 20_000_00, [ICB]]]);
    expect(fundDifferenceText(r)).toBe('£20,000.00 of the pool is not yet planned on schemes: NHS minimum contribution');
    expect(r.gaps.map(gapText)).toEqual([`£20,000.00 of NHS minimum contribution is not yet planned on schemes (paid in by ${ICB})`]);
  });

  it('a scenario just taken from the plan shows the ICB £20,000 down, says why, and would lower its NHS minimum contribution', async () => {
    const detail = await commissioner.scenarios.create({ fundId, name: 'Just taken' });
    const [plan, contributions, sources] = await Promise.all([
      commissioner.schemes.plan({ fundId }),
      commissioner.contributions.list({ fundId }),
      commissioner.sources.list(),
    ]);
    const differences = explainScenario(
      detail.result,
      detail.members,
      contributions,
      plan.schemes.map((s) => ({ source: s.fundingSource, plannedPence: plannedSpendOf(s) })),
      (code) => sources.find((s) => s.code === code)?.name ?? code,
    );
    const icb = differences.find((d) => d.name === ICB);
    expect(icb?.changePence).toBe(-20_000_00);
    expect(icb?.causes.map((c) => [c.kind, c.source, c.pence])).toEqual([['plan_unbalanced', 'nhs_minimum', -20_000_00]]);
    expect(differences.filter((d) => d.name !== ICB).map(partnerDifferenceText)).toEqual(
      differences.filter((d) => d.name !== ICB).map(() => ''),
    );
    expect(icb && partnerDifferenceText(icb)).toBe(
      `${ICB}: ${formatPence(20_000_00)} less than its planned contribution, because the plan’s schemes spend £20,000.00 less than it pays into the NHS minimum contribution`,
    );
    expect(loweredContributions(differences).map((l) => [l.name, l.sourceName, l.changePence])).toEqual([
      [ICB, 'NHS minimum contribution', -20_000_00],
    ]);
  });
});
