// Plan against actual for the expenditure plan (issue 5, item 4): variance = actual - planned in pence and basis points
// of plan (exact, rounded half away from zero), forecast outturn = actual to date + remaining plan, RAG from the fund's
// thresholds, rolled up by scheme type, by source and for the fund; grouped subtotals that add up to the total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuarterSpend, Scheme } from '../../shared/plan-types';
import { basisPointsOfPlan, planVariance, ragStatus, spendVariance, subtotals } from '../../shared/plan-variance';

const THRESHOLDS = { amberThresholdBp: 500, redThresholdBp: 1000 }; // amber beyond 5%, red beyond 10%
const SETTINGS = { minNhsToSocialCarePence: 0, minOutOfHospitalPence: 0, ...THRESHOLDS };

/** Four quarters from [planned, actual] pairs. */
const spend = (...q: [number, number][]): QuarterSpend[] =>
  q.map(([plannedPence, actualPence], i) => ({ quarter: i + 1, plannedPence, actualPence }));

function scheme(id: number, schemeType: string | null, fundingSource: string | null, quarters: QuarterSpend[]): Scheme {
  return {
    id,
    fundId: 1,
    code: String(id),
    name: `Scheme ${id}`,
    description: '',
    schemeType,
    subType: null,
    subTypeOther: '',
    areaOfSpend: 'social_care',
    commissioner: 'la',
    nhsShareBp: null,
    laShareBp: null,
    providerType: 'private_sector',
    providerName: '',
    fundingSource,
    outputQuantity: null,
    outputUnit: '',
    isNew: false,
    spend: quarters,
    version: 1,
    updatedAt: '2025-04-01T00:00:00.000Z',
    updatedByName: null,
  };
}

describe('basisPointsOfPlan: exact, half away from zero, n/a against a zero plan', () => {
  it('works hand examples', () => {
    expect(basisPointsOfPlan(1, 3)).toBe(3333); // 3333.33...
    expect(basisPointsOfPlan(2, 3)).toBe(6667); // 6666.66...
    expect(basisPointsOfPlan(1, 20_000)).toBe(1); // exactly 0.5 bp: half away from zero
    expect(basisPointsOfPlan(-1, 20_000)).toBe(-1);
    expect(basisPointsOfPlan(1, 20_001)).toBe(0); // just under 0.5 bp
    expect(basisPointsOfPlan(-50, 1_000)).toBe(-500);
    expect(basisPointsOfPlan(50, -1_000)).toBe(500); // against |plan|: the sign follows the variance
  });

  it('is 0 when nothing is planned and nothing differs, null ("n/a") when something is spent against a zero plan', () => {
    expect(basisPointsOfPlan(0, 0)).toBe(0);
    expect(basisPointsOfPlan(1, 0)).toBeNull();
    expect(basisPointsOfPlan(-1, 0)).toBeNull();
  });

  it('is exact for £100bn amounts (beyond where a float product would be exact)', () => {
    expect(basisPointsOfPlan(3_333_333_333_333, 10_000_000_000_000)).toBe(3333);
    expect(basisPointsOfPlan(10_000_000_000_000 - 1, 10_000_000_000_000)).toBe(10_000);
  });

  it('property: within half a basis point of the exact ratio (£1bn against any plan from 1p to £100bn)', () => {
    // Up to £1bn against 1p is 1e15 bp, inside the safe-integer range the result is returned in.
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), fc.integer({ min: 1, max: 1e13 }), (delta, planned) => {
        const bp = basisPointsOfPlan(delta, planned);
        if (bp === null) return false;
        // |bp * planned - delta * 10000| <= planned / 2, in BigInt.
        const error = BigInt(bp) * BigInt(planned) - BigInt(delta) * 10_000n;
        return 2n * (error < 0n ? -error : error) <= BigInt(planned);
      }),
    );
  });
});

describe('ragStatus: beyond amber is amber, beyond red is red (thresholds 5% and 10%)', () => {
  it('keeps exactly the threshold in the better colour and moves one basis point beyond it', () => {
    expect(ragStatus(0, THRESHOLDS)).toBe('green');
    expect(ragStatus(500, THRESHOLDS)).toBe('green');
    expect(ragStatus(-500, THRESHOLDS)).toBe('green');
    expect(ragStatus(501, THRESHOLDS)).toBe('amber');
    expect(ragStatus(-501, THRESHOLDS)).toBe('amber');
    expect(ragStatus(1000, THRESHOLDS)).toBe('amber');
    expect(ragStatus(1001, THRESHOLDS)).toBe('red');
    expect(ragStatus(-1001, THRESHOLDS)).toBe('red');
  });

  it('calls spend against a zero plan red', () => {
    expect(ragStatus(null, THRESHOLDS)).toBe('red');
  });
});

describe('spendVariance: one line', () => {
  // Plan £100.00 a quarter (40,000p). Actual Q1 10,000, Q2 12,000, Q3 1,000 (a part-entered quarter), Q4 nothing yet.
  const line = spend([10_000, 10_000], [10_000, 12_000], [10_000, 1_000], [10_000, 0]);

  it('reports Q1-Q2: forecast = 22,000 actual to date + 20,000 plan to come = 42,000, +5% = green at a 5% threshold', () => {
    expect(spendVariance(line, 2, THRESHOLDS)).toEqual({
      plannedPence: 40_000,
      actualPence: 23_000,
      variancePence: -17_000,
      varianceBp: -4_250,
      plannedToDatePence: 20_000,
      actualToDatePence: 22_000,
      forecastPence: 42_000,
      forecastVariancePence: 2_000,
      forecastVarianceBp: 500,
      rag: 'green',
    });
  });

  it('judges the rounded basis points shown: a penny beyond 5% (500.25 bp, shown as 5%) is green, 500.75 bp is amber', () => {
    // A penny more in Q2 is 0.0025%: still 500 bp to the displayed precision, so still green (the RAG judges what is shown).
    const penny = spend([10_000, 10_000], [10_000, 12_001], [10_000, 0], [10_000, 0]);
    expect(spendVariance(penny, 2, THRESHOLDS)).toMatchObject({ forecastVariancePence: 2_001, forecastVarianceBp: 500, rag: 'green' });
    // Two pence more than that is 500.75 bp, rounded to 501: amber.
    const more = spend([10_000, 10_000], [10_000, 12_003], [10_000, 0], [10_000, 0]);
    expect(spendVariance(more, 2, THRESHOLDS)).toMatchObject({ forecastVariancePence: 2_003, forecastVarianceBp: 501, rag: 'amber' });
  });

  it('forecasts the plan before anything is reported (quarter 0) and the actual once the year is reported (quarter 4)', () => {
    expect(spendVariance(line, 0, THRESHOLDS)).toMatchObject({
      forecastPence: 40_000,
      forecastVariancePence: 0,
      forecastVarianceBp: 0,
      rag: 'green',
    });
    expect(spendVariance(line, 4, THRESHOLDS)).toMatchObject({
      forecastPence: 23_000,
      forecastVariancePence: -17_000,
      forecastVarianceBp: -4_250,
      rag: 'red',
    });
  });

  it('reports an unplanned line as n/a and red, and an empty line as 0% green', () => {
    const unplanned = spendVariance(spend([0, 500], [0, 0], [0, 0], [0, 0]), 1, THRESHOLDS);
    expect(unplanned).toMatchObject({ plannedPence: 0, variancePence: 500, varianceBp: null, forecastVarianceBp: null, rag: 'red' });
    const empty = spendVariance(spend([0, 0], [0, 0], [0, 0], [0, 0]), 4, THRESHOLDS);
    expect(empty).toMatchObject({ varianceBp: 0, forecastVarianceBp: 0, rag: 'green' });
  });

  it('refuses a last reported quarter outside 0-4', () => {
    expect(() => spendVariance(line, 5, THRESHOLDS)).toThrow(RangeError);
    expect(() => spendVariance(line, -1, THRESHOLDS)).toThrow(RangeError);
    expect(() => spendVariance(line, 1.5, THRESHOLDS)).toThrow(RangeError);
  });
});

describe('planVariance and subtotals: rolled up by scheme type, by source and for the fund', () => {
  const schemes = [
    scheme(1, 'home_care', 'ibcf', spend([1_000, 1_000], [1_000, 1_000], [1_000, 0], [1_000, 0])),
    scheme(2, 'reablement', 'nhs_minimum', spend([3_000, 2_000], [3_000, 2_000], [3_000, 0], [3_000, 0])),
    scheme(3, 'home_care', 'nhs_minimum', spend([2_000, 2_500], [2_000, 2_500], [2_000, 0], [2_000, 0])),
    scheme(4, null, 'ibcf', spend([500, 0], [0, 0], [0, 0], [0, 0])),
  ];
  const result = planVariance({ schemes, settings: SETTINGS }, 2);

  it('reports each line in scheme order', () => {
    expect(result.lines.map((l) => [l.schemeId, l.forecastPence, l.forecastVarianceBp, l.rag])).toEqual([
      [1, 4_000, 0, 'green'],
      [2, 10_000, -1_667, 'red'], // -2,000 of 12,000 = -16.67%
      [3, 9_000, 1_250, 'red'], // +1,000 of 8,000 = +12.5%
      [4, 0, -10_000, 'red'], // nothing spent of 500
    ]);
  });

  it('rolls up by scheme type (first-appearance order, unset last) from summed pence, not summed percentages', () => {
    expect(result.bySchemeType.map((g) => [g.key, g.plannedPence, g.forecastPence, g.forecastVarianceBp, g.rag])).toEqual([
      ['home_care', 12_000, 13_000, 833, 'amber'], // +1,000 of 12,000 = 8.33%
      ['reablement', 12_000, 10_000, -1_667, 'red'],
      [null, 500, 0, -10_000, 'red'],
    ]);
  });

  it('rolls up by source and for the fund', () => {
    expect(result.bySource.map((g) => [g.key, g.plannedPence, g.forecastVariancePence])).toEqual([
      ['ibcf', 4_500, -500],
      ['nhs_minimum', 20_000, -1_000],
    ]);
    expect(result.fund).toMatchObject({
      plannedPence: 24_500,
      actualPence: 11_000,
      forecastPence: 23_000,
      forecastVariancePence: -1_500,
      forecastVarianceBp: -612,
      rag: 'amber',
    });
  });

  it('gives the grid subtotals per group with four quarters each', () => {
    expect(subtotals(schemes, 'fundingSource')).toEqual([
      {
        key: 'ibcf',
        schemeIds: [1, 4],
        plannedPence: 4_500,
        actualPence: 2_000,
        variancePence: -2_500,
        quarters: [
          { quarter: 1, plannedPence: 1_500, actualPence: 1_000 },
          { quarter: 2, plannedPence: 1_000, actualPence: 1_000 },
          { quarter: 3, plannedPence: 1_000, actualPence: 0 },
          { quarter: 4, plannedPence: 1_000, actualPence: 0 },
        ],
      },
      {
        key: 'nhs_minimum',
        schemeIds: [2, 3],
        plannedPence: 20_000,
        actualPence: 9_000,
        variancePence: -11_000,
        quarters: [
          { quarter: 1, plannedPence: 5_000, actualPence: 4_500 },
          { quarter: 2, plannedPence: 5_000, actualPence: 4_500 },
          { quarter: 3, plannedPence: 5_000, actualPence: 0 },
          { quarter: 4, plannedPence: 5_000, actualPence: 0 },
        ],
      },
    ]);
    expect(subtotals(schemes, 'schemeType').map((g) => [g.key, g.schemeIds])).toEqual([
      ['home_care', [1, 3]],
      ['reablement', [2]],
      [null, [4]],
    ]);
    expect(subtotals([], 'schemeType')).toEqual([]);
  });
});

describe('properties', () => {
  const amount = fc.integer({ min: -1_000_000_00, max: 10_000_000_00 });
  const quarter = fc.tuple(amount, amount);
  const arbSchemes = fc
    .array(
      fc.tuple(
        fc.constantFrom('home_care', 'reablement', 'carers', null),
        fc.constantFrom('ibcf', 'nhs_minimum', 'dfg', null),
        quarter,
        quarter,
        quarter,
        quarter,
      ),
      { maxLength: 12 },
    )
    .map((rows) => rows.map(([type, source, ...q], i) => scheme(i + 1, type, source, spend(...q))));
  const lastQuarter = fc.integer({ min: 0, max: 4 });
  const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

  it('subtotals add up to the plan total, quarter by quarter, and every scheme is in exactly one group', () => {
    fc.assert(
      fc.property(arbSchemes, fc.constantFrom('schemeType' as const, 'fundingSource' as const), (schemes, key) => {
        const groups = subtotals(schemes, key);
        const planned = total(schemes.flatMap((s) => s.spend.map((q) => q.plannedPence)));
        const actual = total(schemes.flatMap((s) => s.spend.map((q) => q.actualPence)));
        if (total(groups.map((g) => g.plannedPence)) !== planned || total(groups.map((g) => g.actualPence)) !== actual) return false;
        for (const q of [1, 2, 3, 4]) {
          const inQuarter = schemes.flatMap((s) => s.spend.filter((x) => x.quarter === q));
          const fromGroups = groups.flatMap((g) => g.quarters.filter((x) => x.quarter === q));
          if (total(fromGroups.map((x) => x.plannedPence)) !== total(inQuarter.map((x) => x.plannedPence))) return false;
        }
        const ids = groups.flatMap((g) => g.schemeIds).sort((a, b) => a - b);
        return JSON.stringify(ids) === JSON.stringify(schemes.map((s) => s.id));
      }),
    );
  });

  it('every roll-up is the sum of its lines, and forecast variance = actual to date - plan to date', () => {
    fc.assert(
      fc.property(arbSchemes, lastQuarter, (schemes, last) => {
        const v = planVariance({ schemes, settings: SETTINGS }, last);
        for (const rollUp of [v.bySchemeType, v.bySource, [v.fund]]) {
          for (const field of ['plannedPence', 'actualPence', 'variancePence', 'forecastPence'] as const) {
            if (total(rollUp.map((g) => g[field])) !== total(v.lines.map((l) => l[field]))) return false;
          }
        }
        return [...v.lines, v.fund].every(
          (l) =>
            l.variancePence === l.actualPence - l.plannedPence &&
            l.forecastVariancePence === l.actualToDatePence - l.plannedToDatePence &&
            l.forecastPence === l.actualToDatePence + (l.plannedPence - l.plannedToDatePence),
        );
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbSchemes, lastQuarter, (schemes, last) => {
        expect(planVariance({ schemes, settings: SETTINGS }, last)).toEqual(planVariance({ schemes, settings: SETTINGS }, last));
      }),
    );
  });
});
