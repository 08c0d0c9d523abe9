// shared/reconcile.ts: why the pool and planned spend differ, source by source, and why a scenario differs from the
// committed plan, partner by partner, split into its causes; every part exact and the parts adding up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explainScenario,
  fundDifferenceText,
  gapText,
  loweredContributions,
  partnerDifferenceText,
  reconcileFund,
  type SchemeSpend,
} from '../../shared/reconcile';
import { computeScenario, type Member, type PlanContribution, type ScenarioLineInput } from '../../shared/scenario';

const COUNCIL: Member = { orgId: 1, name: 'Council', sector: 'social_care' };
const ICB: Member = { orgId: 2, name: 'ICB', sector: 'health' };
const MEMBERS = [COUNCIL, ICB];
const NAMES: Record<string, string> = { nhs_minimum: 'NHS minimum contribution', ibcf: 'iBCF', dfg: 'Disabled Facilities Grant' };
const nameOf = (code: string) => NAMES[code] ?? code;

function planOf(orgId: number, source: string, pence: number): PlanContribution[] {
  return [1, 2, 3, 4].map((quarter) => ({ orgId, source, quarter, plannedPence: pence / 4 }));
}

/** The scenario an unchanged "take from the plan" gives: one line per scheme, split as in the plan. */
function takenFrom(schemes: SchemeSpend[]): ScenarioLineInput[] {
  return schemes.map((s, i) => ({
    id: i + 1,
    label: `Scheme ${i + 1}`,
    source: s.source,
    quarterPence: [s.plannedPence / 4, s.plannedPence / 4, s.plannedPence / 4, s.plannedPence / 4],
    split: 'plan',
  }));
}

describe('reconcileFund', () => {
  it('names the source whose income is not yet planned on schemes, and who pays into it', () => {
    const plan = [...planOf(ICB.orgId, 'nhs_minimum', 100_000_00), ...planOf(COUNCIL.orgId, 'ibcf', 50_000_00)];
    const schemes = [
      { source: 'nhs_minimum', plannedPence: 80_000_00 },
      { source: 'ibcf', plannedPence: 50_000_00 },
    ];
    const r = reconcileFund(plan, schemes, MEMBERS, nameOf);
    expect(r).toMatchObject({ pooledPence: 150_000_00, plannedSpendPence: 130_000_00, differencePence: 20_000_00 });
    expect(r.gaps).toEqual([
      {
        source: 'nhs_minimum',
        name: 'NHS minimum contribution',
        incomePence: 100_000_00,
        spendPence: 80_000_00,
        gapPence: 20_000_00,
        payers: [{ orgId: ICB.orgId, name: 'ICB', pence: 100_000_00 }],
      },
    ]);
    expect(fundDifferenceText(r)).toBe('£20,000.00 of the pool is not yet planned on schemes: NHS minimum contribution');
    expect(r.gaps.map(gapText)).toEqual(['£20,000.00 of NHS minimum contribution is not yet planned on schemes (paid in by ICB)']);
  });

  it('says nothing when every source balances', () => {
    const r = reconcileFund(
      planOf(ICB.orgId, 'nhs_minimum', 40_000_00),
      [{ source: 'nhs_minimum', plannedPence: 40_000_00 }],
      MEMBERS,
      nameOf,
    );
    expect(r.gaps).toEqual([]);
    expect(fundDifferenceText(r)).toBe('');
  });

  it('names spend beyond income, spend on a source nobody pays into, and spend with no source', () => {
    const plan = [...planOf(ICB.orgId, 'nhs_minimum', 10_000_00), ...planOf(COUNCIL.orgId, 'nhs_minimum', 10_000_00)];
    const schemes = [
      { source: 'nhs_minimum', plannedPence: 25_000_00 },
      { source: 'dfg', plannedPence: 1_000_00 },
      { source: null, plannedPence: 500_00 },
    ];
    const r = reconcileFund(plan, schemes, MEMBERS, nameOf);
    expect(r.differencePence).toBe(20_000_00 - 26_500_00);
    expect(r.gaps.map(gapText)).toEqual([
      'Schemes plan to spend £1,000.00 from Disabled Facilities Grant, which no partner pays into',
      'Schemes plan to spend £5,000.00 more from NHS minimum contribution than is paid into it (by Council and ICB)',
      '£500.00 of planned spend is on schemes with no funding source yet',
    ]);
    expect(fundDifferenceText(r)).toBe(
      'Planned spend is £6,500.00 more than the pool: Disabled Facilities Grant, NHS minimum contribution, no funding source yet',
    );
  });

  it('says so when the totals agree but the sources do not', () => {
    const plan = [...planOf(ICB.orgId, 'nhs_minimum', 10_000_00), ...planOf(COUNCIL.orgId, 'ibcf', 10_000_00)];
    const schemes = [
      { source: 'nhs_minimum', plannedPence: 12_000_00 },
      { source: 'ibcf', plannedPence: 8_000_00 },
    ];
    expect(fundDifferenceText(reconcileFund(plan, schemes, MEMBERS, nameOf))).toBe(
      'The pool and planned spend agree in total but not source by source: iBCF, NHS minimum contribution',
    );
  });

  it('the gaps always add up to the pool less planned spend, exactly', () => {
    const source = fc.constantFrom('nhs_minimum', 'ibcf', 'dfg');
    fc.assert(
      fc.property(
        fc.array(fc.record({ orgId: fc.constantFrom(1, 2), source, plannedPence: fc.integer({ min: 0, max: 1e10 }) }), { maxLength: 12 }),
        fc.array(fc.record({ source: fc.option(source), plannedPence: fc.integer({ min: 0, max: 1e10 }) }), { maxLength: 12 }),
        (contributions, schemes) => {
          const r = reconcileFund(contributions, schemes, MEMBERS, nameOf);
          expect(r.gaps.reduce((t, g) => t + g.gapPence, 0)).toBe(r.differencePence);
        },
      ),
    );
  });
});

describe('explainScenario', () => {
  it('an unchanged scenario of an unbalanced plan lowers the payer by the gap, and says why', () => {
    const plan = [...planOf(ICB.orgId, 'nhs_minimum', 100_000_00), ...planOf(COUNCIL.orgId, 'ibcf', 50_000_00)];
    const schemes = [
      { source: 'nhs_minimum', plannedPence: 80_000_00 },
      { source: 'ibcf', plannedPence: 50_000_00 },
    ];
    const result = computeScenario(takenFrom(schemes), MEMBERS, [], plan);
    const [council, icb] = explainScenario(result, MEMBERS, plan, schemes, nameOf);
    expect(council?.causes).toEqual([]);
    expect(partnerDifferenceText(council ?? fail())).toBe('');
    expect(icb?.changePence).toBe(-20_000_00);
    expect(icb?.causes).toEqual([
      {
        source: 'nhs_minimum',
        sourceName: 'NHS minimum contribution',
        kind: 'plan_unbalanced',
        pence: -20_000_00,
        sourceGapPence: -20_000_00,
        payerCount: 1,
      },
    ]);
    expect(partnerDifferenceText(icb ?? fail())).toBe(
      'ICB: £20,000.00 less than its planned contribution, because the plan’s schemes spend £20,000.00 less than it pays into the NHS minimum contribution',
    );
    expect(loweredContributions([council ?? fail(), icb ?? fail()])).toEqual([
      {
        orgId: ICB.orgId,
        name: 'ICB',
        source: 'nhs_minimum',
        sourceName: 'NHS minimum contribution',
        planPence: 100_000_00,
        scenarioPence: 80_000_00,
        changePence: -20_000_00,
      },
    ]);
  });

  it('separates the user’s changes from the plan’s gap, and shares the gap between the payers', () => {
    // Both pay 50,000 into the NHS minimum; the schemes spend 90,000 of it; the user then moves 10,000 of cost to the
    // council by a rule that gives it everything.
    const plan = [...planOf(ICB.orgId, 'nhs_minimum', 50_000_00), ...planOf(COUNCIL.orgId, 'nhs_minimum', 50_000_00)];
    const schemes = [{ source: 'nhs_minimum', plannedPence: 90_000_00 }];
    const lines: ScenarioLineInput[] = [
      ...takenFrom(schemes),
      { id: 9, label: 'New', source: 'nhs_minimum', quarterPence: [10_000_00, 0, 0, 0], split: 'rule:1' },
    ];
    const rule = {
      id: 1,
      name: 'Council pays',
      fixed: [],
      shares: [{ party: 'social_care' as const, basisPoints: 10_000 }],
      remainder: 'unfunded' as const,
    };
    const result = computeScenario(lines, MEMBERS, [rule], plan);
    const [council, icb] = explainScenario(result, MEMBERS, plan, schemes, nameOf);
    expect(council?.changePence).toBe(-5_000_00 + 10_000_00);
    expect(council?.causes.map((c) => [c.kind, c.pence])).toEqual([
      ['plan_unbalanced', -5_000_00],
      ['lines_changed', 10_000_00],
    ]);
    expect(partnerDifferenceText(council ?? fail())).toBe(
      'Council: £5,000.00 more than its planned contribution, because the plan’s schemes spend £10,000.00 less than the partners pay into the NHS minimum contribution (£5,000.00 of that falls to it); and this scenario’s cost lines from the NHS minimum contribution give it £10,000.00 more to pay into it',
    );
    expect(icb?.changePence).toBe(-5_000_00);
    expect(loweredContributions([council ?? fail(), icb ?? fail()]).map((l) => [l.name, l.changePence])).toEqual([['ICB', -5_000_00]]);
  });

  it('the causes always add up to each partner’s difference, exactly', () => {
    const source = fc.constantFrom('nhs_minimum', 'ibcf');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            orgId: fc.constantFrom(1, 2),
            source,
            quarter: fc.constantFrom(1, 2, 3, 4),
            plannedPence: fc.integer({ min: 0, max: 1e9 }),
          }),
          {
            maxLength: 8,
          },
        ),
        fc.array(fc.record({ source, plannedPence: fc.integer({ min: 0, max: 1e9 }) }), { maxLength: 4 }),
        fc.array(fc.tuple(source, fc.integer({ min: 0, max: 1e9 })), { maxLength: 4 }),
        (plan, schemes, extra) => {
          const lines: ScenarioLineInput[] = [
            ...schemes.map((s, i) => ({
              id: i + 1,
              label: 'S',
              source: s.source,
              quarterPence: [s.plannedPence, 0, 0, 0] as const,
              split: 'plan' as const,
            })),
            ...extra.map(([s, pence], i) => ({
              id: 100 + i,
              label: 'E',
              source: s,
              quarterPence: [0, pence, 0, 0] as const,
              split: 'plan' as const,
            })),
          ];
          const result = computeScenario(lines, MEMBERS, [], plan);
          for (const d of explainScenario(result, MEMBERS, plan, schemes, nameOf)) {
            expect(d.causes.reduce((t, c) => t + c.pence, 0)).toBe(d.changePence);
            expect(d.bySource.reduce((t, s) => t + s.changePence, 0)).toBe(d.changePence);
          }
        },
      ),
    );
  });
});

function fail(): never {
  throw new Error('missing partner');
}
