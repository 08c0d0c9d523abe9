// shared/scenario.ts: cost lines split by the plan or by a rule, resolved to the partnership's members, spread over
// quarters, and compared with the plan; every penny accounted for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeLine,
  computeScenario,
  divideAsPlanned,
  spreadOverQuarters,
  type Member,
  type NamedRule,
  type PlanContribution,
  type ScenarioLineInput,
} from '../../shared/scenario';

const COUNCIL: Member = { orgId: 1, name: 'Council', sector: 'social_care' };
const ICB: Member = { orgId: 2, name: 'ICB', sector: 'health' };
const MEMBERS = [COUNCIL, ICB];
const POUND = 100;

const STANDARD: NamedRule = {
  id: 7,
  name: 'Standard formula 30/20',
  fixed: [],
  shares: [
    { party: 'social_care', basisPoints: 3000 },
    { party: 'health', basisPoints: 2000 },
  ],
  remainder: 'unfunded',
};
const NORMALISED: NamedRule = { ...STANDARD, id: 8, name: '30/20 normalised', remainder: 'normalise' };

/** A year's plan of `pounds` from `orgId` into `source`, in four equal quarters. */
function planOf(orgId: number, source: string, pounds: number): PlanContribution[] {
  return [1, 2, 3, 4].map((quarter) => ({ orgId, source, quarter, plannedPence: (pounds * POUND) / 4 }));
}

const line = (over: Partial<ScenarioLineInput> = {}): ScenarioLineInput => ({
  id: 1,
  label: 'Reablement',
  source: 'nhs_minimum',
  quarterPence: [250_000, 250_000, 250_000, 250_000],
  split: 'plan',
  ...over,
});

describe('the plan’s split of a source', () => {
  it('is each member’s part in proportion to the pence it plans to pay into it', () => {
    const plan = [...planOf(1, 'pooled', 7_000_000), ...planOf(2, 'pooled', 3_000_000)];
    const divided = divideAsPlanned([100_000], 'pooled', MEMBERS, plan);
    expect(divided?.byMember).toEqual([70_000, 30_000]);
    expect(divided?.shareBp).toEqual([7000, 3000]);
  });

  it('is exact on the planned pence, not on rounded percentages: 1:2 is a third and two thirds (issue 13)', () => {
    // £100.00 and £200.00 planned; a £30,000.00 scheme. Through 33.33% / 66.67% it was £9,999.00 / £20,001.00.
    const plan = [...planOf(1, 'pooled', 100), ...planOf(2, 'pooled', 200)];
    const divided = divideAsPlanned([3_000_000], 'pooled', MEMBERS, plan);
    expect(divided?.byMember).toEqual([1_000_000, 2_000_000]);
    expect(divided?.shareBp).toEqual([3333, 6667]);
  });

  it('divides a source’s costs together, each cost adding up to itself and each member to its part', () => {
    // One penny each planned; two costs of 1p: per line the earlier member would take both pennies.
    const plan: PlanContribution[] = [
      { orgId: 1, source: 'pooled', quarter: 1, plannedPence: 1 },
      { orgId: 2, source: 'pooled', quarter: 1, plannedPence: 1 },
    ];
    const divided = divideAsPlanned([1, 1], 'pooled', MEMBERS, plan);
    expect(divided?.byMember).toEqual([1, 1]);
    expect(divided?.byCost).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(divided?.byQuarter).toEqual([
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ]);
  });

  it('is nothing when nobody plans to pay into the source', () => {
    expect(divideAsPlanned([100], 'dfg', MEMBERS, planOf(1, 'la_bcf', 100))).toBeNull();
  });
});

describe('a cost line', () => {
  const plan = planOf(2, 'nhs_minimum', 10_000);

  it('as in the plan: paid by whoever pays into its source', () => {
    const result = computeLine(line(), MEMBERS, [], plan);
    expect(result.byOrg).toEqual([
      { orgId: 1, pence: 0 },
      { orgId: 2, pence: 1_000_000 },
    ]);
    expect(result.splitLabel).toBe('As in the plan: ICB 100%');
    expect(result.problems).toEqual([]);
  });

  it('by the 30/20 standard formula: sectors resolve to the members, the rest is an unfunded gap', () => {
    const result = computeLine(line({ split: 'rule:7' }), MEMBERS, [STANDARD], plan);
    expect(result.byOrg).toEqual([
      { orgId: 1, pence: 300_000 },
      { orgId: 2, pence: 200_000 },
    ]);
    expect(result.unfundedPence).toBe(500_000);
  });

  it('by the normalised formula: 30:20 becomes 60:40', () => {
    const result = computeLine(line({ split: 'rule:8' }), MEMBERS, [NORMALISED], plan);
    expect(result.byOrg.map((b) => b.pence)).toEqual([600_000, 400_000]);
    expect(result.unfundedPence).toBe(0);
  });

  it('a sector with no member in the partnership is outside the pool, not hidden', () => {
    const education: NamedRule = { ...STANDARD, id: 9, shares: [...STANDARD.shares, { party: 'education', basisPoints: 5000 }] };
    const result = computeLine(line({ split: 'rule:9' }), MEMBERS, [education], plan);
    expect(result.outside).toEqual([{ party: 'education', pence: 500_000 }]);
    expect(result.unfundedPence).toBe(0);
    expect(result.problems).toEqual([]);
  });

  it('a sector with two members is refused until the rule names the organisation', () => {
    const twoCouncils = [...MEMBERS, { orgId: 3, name: 'District', sector: 'social_care' as const }];
    const result = computeLine(line({ split: 'rule:7' }), twoCouncils, [STANDARD], plan);
    expect(result.problems[0]).toMatch(/Council and District are all of that sector; name the organisation/);
  });

  it('a line with no source, or whose rule was deleted, is all unfunded and says why', () => {
    const noSource = computeLine(line({ source: null }), MEMBERS, [], plan);
    expect(noSource.unfundedPence).toBe(1_000_000);
    expect(noSource.problems[0]).toMatch(/choose the funding source/);
    const deleted = computeLine(line({ split: 'rule:99' }), MEMBERS, [], plan);
    expect(deleted.problems[0]).toMatch(/split rule has been deleted/);
    const nobody = computeLine(line({ source: 'dfg' }), MEMBERS, [], plan);
    expect(nobody.problems[0]).toMatch(/no partner plans to pay into this funding source/);
  });

  it('fixed parts are annual: "health pays the first £5,000, the rest 60/40"', () => {
    const rule: NamedRule = {
      id: 10,
      name: 'First £5,000 health',
      fixed: [{ party: 'health', pence: 5_000 * POUND }],
      shares: [
        { party: 'social_care', basisPoints: 6000 },
        { party: 'health', basisPoints: 4000 },
      ],
      remainder: 'unfunded',
    };
    const result = computeLine(line({ split: 'rule:10' }), MEMBERS, [rule], plan);
    // £10,000: £5,000 to health first, then £3,000 / £2,000.
    expect(result.byOrg.map((b) => b.pence)).toEqual([300_000, 700_000]);
  });
});

describe('a scenario', () => {
  const plan = [...planOf(1, 'la_bcf', 8_000), ...planOf(2, 'nhs_minimum', 10_000), ...planOf(2, 'dfg', 400)];

  it('changes only the covered sources, and compares each partner with the plan', () => {
    const result = computeScenario([line({ split: 'rule:8' })], MEMBERS, [NORMALISED], plan);
    expect(result.coveredSources).toEqual(['nhs_minimum']);
    // The council now pays 60% of the £10,000 NHS-minimum line on top of its £8,000; the ICB keeps its £400 DFG.
    expect(result.partners).toEqual([
      { orgId: 1, name: 'Council', planPence: 800_000, scenarioPence: 1_400_000, changePence: 600_000 },
      { orgId: 2, name: 'ICB', planPence: 1_040_000, scenarioPence: 440_000, changePence: -600_000 },
    ]);
    // Every member gets a target for every quarter of every covered source, zeros included.
    expect(result.contributions).toHaveLength(2 * 4);
    expect(result.contributions.filter((c) => c.orgId === 1).map((c) => c.plannedPence)).toEqual([150_000, 150_000, 150_000, 150_000]);
  });

  it('spreads a partner’s part over quarters in proportion to the line, exactly', () => {
    expect(spreadOverQuarters(100, [1, 1, 1, 0])).toEqual([34, 33, 33, 0]);
    expect(spreadOverQuarters(0, [0, 0, 0, 0])).toEqual([0, 0, 0, 0]);
  });

  it('property: partners + unfunded + outside is the cost, line by line and in total; quarters add up to each part', () => {
    const amount = fc.integer({ min: 0, max: 50_000_000 });
    const lineArb = fc.record({
      quarterPence: fc.tuple(amount, amount, amount, amount),
      split: fc.constantFrom('plan' as const, 'rule:7' as const, 'rule:8' as const),
      source: fc.constantFrom('la_bcf', 'nhs_minimum', 'dfg', 'other_source'),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 8 }), (specs) => {
        const lines = specs.map((s, i) => line({ id: i + 1, ...s }));
        const result = computeScenario(lines, MEMBERS, [STANDARD, NORMALISED], plan);
        for (const r of result.lines) {
          const paid = r.byOrg.reduce((a, b) => a + b.pence, 0) + r.unfundedPence + r.outside.reduce((a, o) => a + o.pence, 0);
          expect(paid).toBe(r.costPence);
          expect(r.byOrg.every((b) => b.pence >= 0)).toBe(true);
        }
        const targets = result.contributions.reduce((a, c) => a + c.plannedPence, 0);
        expect(targets + result.unfundedPence + result.outsidePence).toBe(result.costPence);
        expect(result.contributions.every((c) => c.plannedPence >= 0)).toBe(true);
        // Deterministic: the same lines give the same result.
        expect(computeScenario(lines, MEMBERS, [STANDARD, NORMALISED], plan)).toEqual(result);
      }),
      { numRuns: 1000 },
    );
  });
});
