// Issue 13: money divided between partners is exact on every path. One primitive (largestRemainder) divides by any
// integer weights; "as in the plan" divides by the planned pence themselves; a scenario taken from a plan that
// balances and left unchanged changes nothing; who invests in a source's schemes is the exact split of their cost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideInTurn, largestRemainder } from '../../shared/allocate';
import { computeScenario, type Member, type PlanContribution, type ScenarioLineInput } from '../../shared/scenario';
import { appraiseScheme, investsVsBenefits, schemeCosts, type SchemeForReturn } from '../../shared/scheme-return';

/** £500m in pence: the largest amount the properties draw. */
const MAX = 500_000_000_00;
const RUNS = { numRuns: 150 };

const sum = (xs: readonly number[]) => xs.reduce((acc, x) => acc + x, 0);

/** `total` split into `parts` random whole parts (0 or more) that add up to it exactly. */
function cut(total: number, parts: number, rng: () => number): number[] {
  const marks = Array.from({ length: parts - 1 }, () => Math.floor(rng() * (total + 1))).sort((a, b) => a - b);
  return [...marks, total].map((m, i) => m - (i === 0 ? 0 : (marks[i - 1] ?? 0)));
}

/** A seeded generator, so a failing case shrinks and replays. */
function rngOf(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

describe('the primitive: an amount in pence by any integer weights', () => {
  it('parts add up to the amount, each within a penny of amount x weight / total, the same every time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX }),
        fc.array(fc.integer({ min: 0, max: MAX }), { minLength: 1, maxLength: 20 }).filter((ws) => ws.some((w) => w > 0)),
        (amount, weights) => {
          const parts = largestRemainder(amount, weights);
          expect(sum(parts)).toBe(amount);
          const total = BigInt(sum(weights));
          parts.forEach((part, i) => {
            // |part - amount * w / total| < 1, in whole numbers: |part * total - amount * w| < total.
            const gap = BigInt(part) * total - BigInt(amount) * BigInt(weights[i] ?? 0);
            expect(gap < 0n ? -gap : gap).toBeLessThan(total);
          });
          expect(largestRemainder(amount, weights)).toEqual(parts);
        },
      ),
      RUNS,
    );
  });

  it('divideInTurn: every amount adds up to itself, every party to its total, nothing negative', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: MAX }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 20 }), fc.integer(), (amounts, parties, seed) => {
        const totals = cut(sum(amounts), parties, rngOf(seed));
        const table = divideInTurn(amounts, totals);
        table.forEach((row, i) => expect(sum(row)).toBe(amounts[i]));
        totals.forEach((t, p) => expect(sum(table.map((row) => row[p] ?? 0))).toBe(t));
        expect(table.flat().every((x) => x >= 0)).toBe(true);
      }),
      RUNS,
    );
  });
});

/** A random plan: 1 to 20 partners planning up to £500m a quarter into 1 to 3 sources (some nothing), and schemes
 * paid from each source whose costs add up to exactly what is planned into it, cut at random over schemes and quarters. */
const balancedPlan = fc
  .record({ partners: fc.integer({ min: 1, max: 20 }), sources: fc.integer({ min: 1, max: 3 }), seed: fc.integer() })
  .map(({ partners, sources, seed }) => {
    const rng = rngOf(seed);
    const members: Member[] = Array.from({ length: partners }, (_, i) => ({
      orgId: i + 1,
      name: `Partner ${i + 1}`,
      sector: i === 0 ? 'social_care' : 'health',
    }));
    const plan: PlanContribution[] = [];
    const lines: ScenarioLineInput[] = [];
    for (let s = 0; s < sources; s++) {
      const source = `source_${s}`;
      for (const m of members) {
        for (const quarter of [1, 2, 3, 4]) {
          const pence = rng() < 0.3 ? 0 : Math.floor(rng() ** 3 * MAX);
          if (pence > 0 || rng() < 0.5) plan.push({ orgId: m.orgId, source, quarter, plannedPence: pence });
        }
      }
      const total = sum(plan.filter((c) => c.source === source).map((c) => c.plannedPence));
      const schemes = 1 + Math.floor(rng() * 5);
      const pieces = cut(total, schemes * 4, rng);
      for (let k = 0; k < schemes; k++) {
        const q = pieces.slice(k * 4, k * 4 + 4);
        lines.push({ id: lines.length + 1, label: `Scheme ${s}.${k}`, source, quarterPence: [q[0] ?? 0, q[1] ?? 0, q[2] ?? 0, q[3] ?? 0], split: 'plan' });
      }
    }
    return { members, plan, lines };
  });

describe('a scenario taken from the plan and left unchanged', () => {
  it('shows £0.00 change for every partner and would write no contribution (promotion changes nothing)', () => {
    fc.assert(
      fc.property(balancedPlan, ({ members, plan, lines }) => {
        const result = computeScenario(lines, members, [], plan);
        for (const p of result.partners) expect(p.changePence).toBe(0);
        const planned = (orgId: number, source: string, quarter: number) =>
          sum(plan.filter((c) => c.orgId === orgId && c.source === source && c.quarter === quarter).map((c) => c.plannedPence));
        for (const c of result.contributions) expect(c.plannedPence).toBe(planned(c.orgId, c.source, c.quarter));
        expect(result.unfundedPence).toBe(0);
      }),
      RUNS,
    );
  });
});

describe('who invests in a fund’s schemes', () => {
  it('for each source is the exact largest-remainder split of the schemes’ cost by the planned contributions, summing to it', () => {
    fc.assert(
      fc.property(balancedPlan, fc.integer(), ({ members, plan, lines }, seed) => {
        const rng = rngOf(seed);
        // Schemes of any cost, not only ones that balance the plan.
        const schemes: SchemeForReturn[] = lines.map((l) => ({
          id: l.id,
          code: String(l.id),
          name: l.label,
          fundingSource: l.source,
          plannedPence: Math.floor(rng() ** 2 * MAX),
        }));
        const costs = schemeCosts(schemes, members, plan);
        const appraised = schemes.map((s) => appraiseScheme(s, [], [], [], costs.get(s.id) ?? []));
        const invests = new Map(investsVsBenefits(appraised, members).map((p) => [p.party, p.investsPence]));
        const expected = new Map<string, number>();
        for (const source of new Set(schemes.map((s) => s.fundingSource))) {
          const cost = sum(schemes.filter((s) => s.fundingSource === source).map((s) => s.plannedPence));
          const weights = members.map((m) => sum(plan.filter((c) => c.orgId === m.orgId && c.source === source).map((c) => c.plannedPence)));
          const ofSource = new Map<string, number>();
          for (const s of schemes.filter((x) => x.fundingSource === source)) {
            for (const c of costs.get(s.id) ?? []) ofSource.set(c.party, (ofSource.get(c.party) ?? 0) + c.pence);
          }
          expect(sum([...ofSource.values()])).toBe(cost);
          if (weights.every((w) => w === 0)) {
            expect([...ofSource.keys()].every((p) => p === 'other')).toBe(true);
          } else {
            largestRemainder(cost, weights).forEach((pence, i) => expect(ofSource.get(`org:${members[i]?.orgId}`) ?? 0).toBe(pence));
          }
          for (const [party, pence] of ofSource) expected.set(party, (expected.get(party) ?? 0) + pence);
        }
        for (const [party, pence] of expected) expect(invests.get(party) ?? 0).toBe(pence);
        expect(sum([...invests.values()])).toBe(sum(schemes.map((s) => s.plannedPence)));
      }),
      RUNS,
    );
  });

  it('the worked case: £100.00 and £200.00 planned, a £30,000.00 scheme: £10,000.00 and £20,000.00', () => {
    const members: Member[] = [
      { orgId: 1, name: 'Council', sector: 'social_care' },
      { orgId: 2, name: 'ICB', sector: 'health' },
    ];
    const plan: PlanContribution[] = [
      { orgId: 1, source: 'pooled', quarter: 1, plannedPence: 100_00 },
      { orgId: 2, source: 'pooled', quarter: 1, plannedPence: 200_00 },
    ];
    const costs = schemeCosts([{ id: 1, code: '1', name: 'Reablement', fundingSource: 'pooled', plannedPence: 30_000_00 }], members, plan);
    expect(costs.get(1)).toEqual([
      { party: 'org:1', year: 0, pence: 10_000_00 },
      { party: 'org:2', year: 0, pence: 20_000_00 },
    ]);
  });
});
