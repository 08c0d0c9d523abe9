// The ROI engine (domain.md "Return on investment"): POPP's worked case, Green Book discount factors, the adjustments in
// their documented order, payback, who invests vs who benefits, sensitivity bands, and every validation rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError, type FieldError } from '../../shared/errors';
import { MAX_AMOUNT_PENCE } from '../../shared/money';
import {
  appraise,
  discountFactor,
  exactDiscountFactor,
  formatPerPound,
  LAST_APPRAISAL_YEAR,
  perPoundBand,
  savedPerPound,
  savingsAtPerPound,
  unitCostBand,
  type BenefitLine,
  type RoiInput,
} from '../../shared/roi';
import type { Party } from '../../shared/split';

/** The field errors `run` throws, checking they come as a ValidationError. */
function refusal(run: () => unknown): FieldError[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  }
  throw new Error('expected the input to be refused');
}

/** The one field error `run` throws. */
function oneRefusal(run: () => unknown): FieldError {
  const errors = refusal(run);
  expect(errors).toHaveLength(1);
  const [first] = errors;
  if (!first) throw new Error('no field error');
  return first;
}

const COUNCIL: Party = 'org:1';
const ICB: Party = 'org:2';

/** POPP's interim figure: £1,000,000 spent, 1,825 emergency bed-days avoided at £400 each, all in year 0. */
const popp: RoiInput = {
  costs: [{ party: COUNCIL, year: 0, pence: 100_000_000 }],
  benefits: [
    { label: 'Emergency bed-days', party: 'health', unitCostPence: 40_000, profile: [{ year: 0, activity: 1825 }], evidenceId: 1 },
  ],
};

describe('POPP worked case', () => {
  it('£1,000,000 spent, 1,825 bed-days avoided at £400 each: £730,000 saved, £0.73 per £1', () => {
    const result = appraise(popp);
    expect(result.benefit.grossPence).toBe(73_000_000);
    expect(result.benefit.netPence).toBe(73_000_000);
    expect(result.cost.adjustedPence).toBe(100_000_000);
    expect(result.savingsPerPound).toEqual({ undiscountedBp: 7300, discountedBp: 7300 });
    expect(formatPerPound(result.savingsPerPound.undiscountedBp ?? -1)).toBe('£0.73');
    expect(result.benefitCostRatioBp).toBe(7300);
    expect(result.netPresentValuePence).toBe(-27_000_000);
    expect(result.paybackYear).toBeNull();
    expect(result.evidenceIds).toEqual([1]);
  });

  it('savedPerPound gives the same figure for the simple case', () => {
    expect(savedPerPound(73_000_000, 100_000_000)).toBe(7300);
  });

  it("the final report's £1.20 (range £0.80-£1.60) as a sensitivity band", () => {
    const band = perPoundBand({ lowBp: 8000, centralBp: 12_000, highBp: 16_000, evidenceId: 2 });
    expect(band).toEqual({ lowBp: 8000, centralBp: 12_000, highBp: 16_000, evidenceIds: [2] });
    expect([band.lowBp, band.centralBp, band.highBp].map((bp) => formatPerPound(bp ?? -1))).toEqual(['£0.80', '£1.20', '£1.60']);
    // POPP's £60m at £1.20 per £1 is £72m saved; the range is £48m-£96m.
    expect([8000, 12_000, 16_000].map((bp) => savingsAtPerPound(6_000_000_000, bp))).toEqual([4_800_000_000, 7_200_000_000, 9_600_000_000]);
  });
});

describe('savedPerPound and formatPerPound', () => {
  it('rounds once, half up, to whole basis points of £1', () => {
    expect(savedPerPound(1, 3)).toBe(3333); // 3333.33...
    expect(savedPerPound(2, 3)).toBe(6667); // 6666.66...
    expect(savedPerPound(1, 20_000)).toBe(1); // exactly 0.5 rounds up
    expect(savedPerPound(0, 500)).toBe(0);
  });

  it('is null when nothing was spent', () => {
    expect(savedPerPound(500, 0)).toBeNull();
  });

  it('formats to the nearest penny per £1, half up', () => {
    expect(formatPerPound(7300)).toBe('£0.73');
    expect(formatPerPound(12_000)).toBe('£1.20');
    expect(formatPerPound(7350)).toBe('£0.74');
    expect(formatPerPound(7349)).toBe('£0.73');
    expect(formatPerPound(0)).toBe('£0.00');
  });

  it('refuses a ratio too large to hold exactly rather than rounding it', () => {
    expect(oneRefusal(() => savedPerPound(MAX_AMOUNT_PENCE, 1)).path).toBe('costPence');
  });

  it('is within half a basis point of the exact ratio (property)', () => {
    // Costs from a thousandth of the benefit up, so that every ratio is a safe integer (at most £1,000 per £1).
    const pair = fc
      .integer({ min: 0, max: MAX_AMOUNT_PENCE })
      .chain((benefit) =>
        fc.tuple(fc.constant(benefit), fc.integer({ min: Math.max(1, Math.ceil(benefit / 1000)), max: MAX_AMOUNT_PENCE })),
      );
    fc.assert(
      fc.property(pair, ([benefit, cost]) => {
        const bp = savedPerPound(benefit, cost);
        if (bp === null) return false;
        // |bp - benefit * 10000 / cost| <= 1/2, in whole numbers.
        const error = BigInt(bp) * BigInt(cost) - BigInt(benefit) * 10_000n;
        return 2n * (error < 0n ? -error : error) <= BigInt(cost);
      }),
    );
  });
});

describe('Green Book discount factors (HM Treasury, The Green Book, Annex A6)', () => {
  it('year 0 is undiscounted', () => {
    expect(discountFactor(0)).toBe(1);
    expect(discountFactor(0, 'health')).toBe(1);
  });

  it('standard rate, 3.5% to year 30 then 3.0%: years 1, 30, 31 and 50 to 4 decimal places', () => {
    expect(discountFactor(1).toFixed(4)).toBe('0.9662'); // 1 / 1.035
    expect(discountFactor(30).toFixed(4)).toBe('0.3563'); // 1 / 1.035^30
    expect(discountFactor(31).toFixed(4)).toBe('0.3459'); // 1 / (1.035^30 x 1.03)
    expect(discountFactor(50).toFixed(4)).toBe('0.1973'); // 1 / (1.035^30 x 1.03^20)
  });

  it('health rate, 1.5% to year 30 then 1.29%', () => {
    expect(discountFactor(1, 'health').toFixed(4)).toBe('0.9852'); // 1 / 1.015
    expect(discountFactor(30, 'health').toFixed(4)).toBe('0.6398'); // 1 / 1.015^30
    expect(discountFactor(31, 'health').toFixed(4)).toBe('0.6316'); // 1 / (1.015^30 x 1.0129)
  });

  it('is exact: year 1 is 200/207 and year 31 is 200^30 x 100 / (207^30 x 103)', () => {
    expect(exactDiscountFactor(1)).toEqual({ numerator: 200n, denominator: 207n });
    expect(exactDiscountFactor(31)).toEqual({ numerator: 200n ** 30n * 100n, denominator: 207n ** 30n * 103n });
    expect(discountFactor(1)).toBe(0.966183574879227);
  });

  it('falls every year, and health values fall more slowly (property over every year)', () => {
    const less = (a: { numerator: bigint; denominator: bigint }, b: { numerator: bigint; denominator: bigint }) =>
      a.numerator * b.denominator < b.numerator * a.denominator;
    for (let year = 1; year <= LAST_APPRAISAL_YEAR; year += 1) {
      expect(less(exactDiscountFactor(year), exactDiscountFactor(year - 1))).toBe(true);
      expect(less(exactDiscountFactor(year, 'health'), exactDiscountFactor(year - 1, 'health'))).toBe(true);
      expect(less(exactDiscountFactor(year), exactDiscountFactor(year, 'health'))).toBe(true);
    }
  });

  it('refuses a year outside 0-75 or not whole, naming the field', () => {
    for (const year of [-1, 76, 1.5]) {
      const error = oneRefusal(() => discountFactor(year));
      expect(error.path).toBe('year');
      expect(error.message).toBe(`Year must be a whole number from 0 to 75 (the years the Green Book discount rates cover), got ${year}`);
    }
  });

  it('refuses an unknown discount kind', () => {
    const error = oneRefusal(() => exactDiscountFactor(1, 'social' as 'health'));
    expect(error).toEqual({ path: 'kind', message: "Discount kind must be 'standard' or 'health', got 'social'" });
  });
});

describe('adjustments, in the documented order', () => {
  // Hand-worked: 100 admissions avoided at £100 in years 1 and 2 (£10,000 gross a year); 20% deadweight, 50%
  // attribution, 10% optimism bias on benefits, 25% drop-off a year; £5,000 cost in year 0 with 20% optimism bias.
  //   year 1: 10,000 -> deadweight 8,000 -> attribution 4,000 -> optimism bias 3,600 -> drop-off (first year) 3,600
  //   year 2: 10,000 -> 8,000 -> 4,000 -> 3,600 -> drop-off x 0.75 = 2,700
  //   PV: 3,600 / 1.035 = 3,478.26; 2,700 / 1.035^2 = 2,520.48
  const handWorked: RoiInput = {
    costs: [{ party: COUNCIL, year: 0, pence: 500_000 }],
    benefits: [
      {
        party: 'health',
        unitCostPence: 10_000,
        profile: [
          { year: 1, activity: 100 },
          { year: 2, activity: 100 },
        ],
        evidenceId: 4,
      },
    ],
    adjustments: { deadweightBp: 2000, attributionBp: 5000, optimismBiasBenefitBp: 1000, dropOffBp: 2500, optimismBiasCostBp: 2000 },
  };

  it('takes deadweight, then attribution, then optimism bias, then drop-off: each step of the waterfall', () => {
    const [line] = appraise(handWorked).benefitLines;
    expect(line?.years.map((y) => y.benefit)).toEqual([
      {
        grossPence: 1_000_000,
        afterDeadweightPence: 800_000,
        afterAttributionPence: 400_000,
        afterOptimismBiasPence: 360_000,
        netPence: 360_000,
        presentValuePence: 347_826,
      },
      {
        grossPence: 1_000_000,
        afterDeadweightPence: 800_000,
        afterAttributionPence: 400_000,
        afterOptimismBiasPence: 360_000,
        netPence: 270_000,
        presentValuePence: 252_048,
      },
    ]);
  });

  it('adds the waterfall up over the years, and uplifts the cost by optimism bias', () => {
    const result = appraise(handWorked);
    // Deadweight removed 20% of the gross (£4,000), attribution half of the rest (£8,000), optimism bias 10% of what was
    // left (£800), drop-off a quarter of year 2 (£900). Another order would remove different amounts at each step.
    expect(result.benefit).toEqual({
      grossPence: 2_000_000,
      afterDeadweightPence: 1_600_000,
      afterAttributionPence: 800_000,
      afterOptimismBiasPence: 720_000,
      netPence: 630_000,
      presentValuePence: 599_874,
    });
    expect(result.cost).toEqual({ spentPence: 500_000, adjustedPence: 600_000, presentValuePence: 600_000 });
    expect(result.savingsPerPound).toEqual({ undiscountedBp: 10_500, discountedBp: 9998 });
    expect(result.netPresentValuePence).toBe(-126);
    expect(result.paybackYear).toBeNull();
  });

  it("a line's own adjustments override the appraisal's, one field at a time", () => {
    const [line] = appraise({
      ...handWorked,
      benefits: handWorked.benefits.map((b) => ({ ...b, adjustments: { attributionBp: 10_000, dropOffBp: 0 } })),
    }).benefitLines;
    // 20% deadweight and 10% optimism bias still apply: 10,000 x 0.8 x 0.9 = 7,200 a year.
    expect(line?.benefit.netPence).toBe(1_440_000);
  });

  it('rounds each step once from its exact value, never from the step before', () => {
    // 1p gross, 50% deadweight (0.5p -> 1p), 50% attribution: exactly 0.25p -> 0p (from the rounded 1p it would be 1p).
    const [line] = appraise({
      costs: [],
      benefits: [{ party: 'health', unitCostPence: 1, profile: [{ year: 0, activity: 1 }], evidenceId: null }],
      adjustments: { deadweightBp: 5000, attributionBp: 5000 },
    }).benefitLines;
    expect(line?.benefit).toMatchObject({ grossPence: 1, afterDeadweightPence: 1, afterAttributionPence: 0, netPence: 0 });
  });

  it('drop-off counts from the first year with activity, not from year 0', () => {
    const [line] = appraise({
      costs: [],
      benefits: [
        {
          party: 'health',
          unitCostPence: 10_000,
          profile: [
            { year: 0, activity: 0 },
            { year: 3, activity: 10 },
            { year: 4, activity: 10 },
          ],
          evidenceId: null,
        },
      ],
      adjustments: { dropOffBp: 5000 },
    }).benefitLines;
    expect(line?.years.map((y) => y.benefit.netPence)).toEqual([0, 100_000, 50_000]);
  });

  it('discounts health values at the health rate and costs at the standard rate', () => {
    const result = appraise({
      costs: [{ party: COUNCIL, year: 1, pence: 1_000_000 }],
      benefits: [{ party: 'health', unitCostPence: 1_000_000, profile: [{ year: 1, activity: 1 }], healthValue: true, evidenceId: null }],
    });
    expect(result.cost.presentValuePence).toBe(966_184); // £10,000 / 1.035
    expect(result.benefit.presentValuePence).toBe(985_222); // £10,000 / 1.015
    expect(result.benefitLines[0]?.years[0]?.discountFactor).toBe(discountFactor(1, 'health'));
  });
});

describe('payback year', () => {
  // £100,000 in year 0; £50,000 saved a year in years 1-4. Undiscounted it would pay back in year 2 (exactly £100,000);
  // discounted, year 2 leaves £5,015.28 to go (4,830,918 + 4,667,554 pence), so it pays back in year 3.
  const profile: RoiInput = {
    costs: [{ party: ICB, year: 0, pence: 10_000_000 }],
    benefits: [
      {
        party: 'health',
        unitCostPence: 5_000_000,
        profile: [1, 2, 3, 4].map((year) => ({ year, activity: 1 })),
        evidenceId: 7,
      },
    ],
  };

  it('is the first year the cumulative discounted net benefit reaches zero or more', () => {
    const result = appraise(profile);
    expect(result.years.map((y) => y.cumulativeNetPresentValuePence)).toEqual([-10_000_000, -5_169_082, -501_528, 4_008_186, 8_365_397]);
    expect(result.paybackYear).toBe(3);
    expect(result.years[0]?.evidenceIds).toEqual([]);
    expect(result.years[1]?.evidenceIds).toEqual([7]);
  });

  it('counts exactly zero as paid back', () => {
    const result = appraise({
      costs: [{ party: ICB, year: 0, pence: 40_000 }],
      benefits: [{ party: 'health', unitCostPence: 40_000, profile: [{ year: 0, activity: 1 }], evidenceId: null }],
    });
    expect(result.netPresentValuePence).toBe(0);
    expect(result.paybackYear).toBe(0);
  });

  it('is null when it never pays back, or when nothing is spent', () => {
    expect(appraise({ ...profile, benefits: [] }).paybackYear).toBeNull();
    expect(appraise({ ...profile, costs: [] }).paybackYear).toBeNull();
    expect(appraise({ costs: [], benefits: [] })).toMatchObject({
      paybackYear: null,
      years: [],
      savingsPerPound: { undiscountedBp: null },
    });
  });

  it('starts counting from the first year money is spent, not from an empty year 0', () => {
    // Year 0's cumulative is 0, which would read as paid back; spending starts in year 1 (£96,618.36 discounted), and
    // years 1-2 save £94,984.72 discounted, so it pays back in year 3.
    const later = appraise({ ...profile, costs: [{ party: ICB, year: 1, pence: 10_000_000 }] });
    expect(later.years[0]?.cumulativeNetPresentValuePence).toBe(0);
    expect(later.years[2]?.cumulativeNetPresentValuePence).toBe(9_498_472 - 9_661_836);
    expect(later.paybackYear).toBe(3);
  });
});

describe('who invests vs who benefits', () => {
  const partnership: RoiInput = {
    costs: [
      { party: COUNCIL, year: 0, pence: 60_000_000 },
      { party: ICB, year: 0, pence: 40_000_000 },
    ],
    benefits: [
      { party: 'health', unitCostPence: 40_000, profile: [{ year: 0, activity: 1825 }], evidenceId: 1 },
      { party: 'social_care', unitCostPence: 80_000, profile: [{ year: 0, activity: 100 }], evidenceId: 3 },
    ],
  };

  it('puts each partner’s contribution against what each agency saves, in order of first mention', () => {
    const result = appraise(partnership);
    expect(
      result.parties.map((p) => ({ party: p.party, invested: p.cost.adjustedPence, saved: p.benefit.netPence, evidence: p.evidenceIds })),
    ).toEqual([
      { party: COUNCIL, invested: 60_000_000, saved: 0, evidence: [] },
      { party: ICB, invested: 40_000_000, saved: 0, evidence: [] },
      { party: 'health', invested: 0, saved: 73_000_000, evidence: [1] },
      { party: 'social_care', invested: 0, saved: 8_000_000, evidence: [3] },
    ]);
    expect(result.parties.find((p) => p.party === 'health')?.netPresentValuePence).toBe(73_000_000);
    expect(result.savingsPerPound.undiscountedBp).toBe(8100);
    expect(result.evidenceIds).toEqual([1, 3]);
  });

  it('merges a party that both invests and saves into one line', () => {
    const result = appraise({ ...partnership, costs: [{ party: 'health', year: 0, pence: 10_000_000 }] });
    expect(result.parties.map((p) => p.party)).toEqual(['health', 'social_care']);
    expect(result.parties[0]?.netPresentValuePence).toBe(63_000_000);
  });
});

describe('sensitivity from a unit-cost range', () => {
  it('runs the appraisal at the low, central and high unit cost: bed-days at £300-£500 around £400', () => {
    const band = unitCostBand(popp, { benefitIndex: 0, lowPence: 30_000, highPence: 50_000, evidenceId: 5 });
    expect(band).toEqual({ lowBp: 5475, centralBp: 7300, highBp: 9125, evidenceIds: [1, 5] });
  });

  it('can give the band of the discounted figure', () => {
    const later: RoiInput = { ...popp, benefits: popp.benefits.map((b) => ({ ...b, profile: [{ year: 1, activity: 1825 }] })) };
    const band = unitCostBand(later, { benefitIndex: 0, lowPence: 30_000, highPence: 50_000, evidenceId: null, basis: 'discounted' });
    expect(band.centralBp).toBe(7053); // 7300 / 1.035 = 7053.14
  });
});

describe('properties', () => {
  const partyArb = fc.oneof(
    fc.constantFrom<Party>('health', 'social_care', 'housing'),
    fc.integer({ min: 1, max: 5 }).map((id): Party => `org:${id}`),
  );
  const bp = fc.integer({ min: 0, max: 10_000 });
  const yearArb = fc.integer({ min: 0, max: LAST_APPRAISAL_YEAR });
  const benefitArb: fc.Arbitrary<BenefitLine> = fc.record({
    party: partyArb,
    // Up to £1,000 a unit, so that even a 1p cost gives a ratio that is a safe integer.
    unitCostPence: fc.integer({ min: 0, max: 100_000 }),
    profile: fc.uniqueArray(fc.record({ year: yearArb, activity: fc.integer({ min: 0, max: 10_000 }) }), {
      selector: (entry) => entry.year,
      maxLength: 6,
    }),
    healthValue: fc.boolean(),
    evidenceId: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    adjustments: fc.record({ deadweightBp: bp, dropOffBp: bp }, { requiredKeys: [] }),
  });
  const inputArb: fc.Arbitrary<RoiInput> = fc.record({
    costs: fc.array(fc.record({ party: partyArb, year: yearArb, pence: fc.integer({ min: 0, max: MAX_AMOUNT_PENCE / 1000 }) }), {
      maxLength: 8,
    }),
    benefits: fc.array(benefitArb, { maxLength: 5 }),
    adjustments: fc.record(
      { deadweightBp: bp, attributionBp: bp, optimismBiasBenefitBp: bp, dropOffBp: bp, optimismBiasCostBp: bp },
      { requiredKeys: [] },
    ),
  });
  const sum = (xs: readonly number[]) => xs.reduce((acc, x) => acc + x, 0);

  it('who invests vs who benefits, and the years, add up exactly to the totals', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = appraise(input);
        for (const rows of [result.parties, result.years]) {
          expect(sum(rows.map((r) => r.cost.spentPence))).toBe(result.cost.spentPence);
          expect(sum(rows.map((r) => r.cost.adjustedPence))).toBe(result.cost.adjustedPence);
          expect(sum(rows.map((r) => r.cost.presentValuePence))).toBe(result.cost.presentValuePence);
          expect(sum(rows.map((r) => r.benefit.netPence))).toBe(result.benefit.netPence);
          expect(sum(rows.map((r) => r.benefit.presentValuePence))).toBe(result.benefit.presentValuePence);
          expect(sum(rows.map((r) => r.netPresentValuePence))).toBe(result.netPresentValuePence);
        }
        expect(result.cost.spentPence).toBe(sum(input.costs.map((c) => c.pence)));
      }),
    );
  });

  it('a present value never exceeds its undiscounted figure, and each adjustment only ever reduces the benefit', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = appraise(input);
        for (const line of result.benefitLines) {
          for (const { benefit: b } of line.years) {
            expect(b.presentValuePence).toBeLessThanOrEqual(b.netPence);
            expect(b.netPence).toBeLessThanOrEqual(b.afterOptimismBiasPence);
            expect(b.afterOptimismBiasPence).toBeLessThanOrEqual(b.afterAttributionPence);
            expect(b.afterAttributionPence).toBeLessThanOrEqual(b.afterDeadweightPence);
            expect(b.afterDeadweightPence).toBeLessThanOrEqual(b.grossPence);
            expect(b.presentValuePence).toBeGreaterThanOrEqual(0);
          }
        }
        for (const year of result.years) expect(year.cost.presentValuePence).toBeLessThanOrEqual(year.cost.adjustedPence);
        expect(result.cost.adjustedPence).toBeGreaterThanOrEqual(result.cost.spentPence);
      }),
    );
  });

  it('is deterministic and carries every evidence id it used, once each, ascending', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = appraise(input);
        expect(appraise(structuredClone(input))).toEqual(result);
        const used = input.benefits.flatMap((b) => (b.evidenceId === null ? [] : [b.evidenceId]));
        expect(result.evidenceIds).toEqual([...new Set(used)].sort((a, b) => a - b));
      }),
    );
  });
});

describe('validation: each bad value is refused, naming the field, the value and the rule', () => {
  const line = popp.benefits[0] as BenefitLine;
  const withLine = (patch: Partial<BenefitLine>): RoiInput => ({ ...popp, benefits: [{ ...line, ...patch }] });
  const PENCE_RULE = 'must be a whole number of pence from 0 up to £100,000,000,000.00';

  it('a negative unit cost', () => {
    expect(oneRefusal(() => appraise(withLine({ unitCostPence: -40_000 })))).toEqual({
      path: 'benefits.0.unitCostPence',
      message: `Unit cost ${PENCE_RULE}, got -40000`,
    });
  });

  it('a cost that is not whole pence, and a negative one', () => {
    const errors = refusal(() =>
      appraise({
        ...popp,
        costs: [
          { party: COUNCIL, year: 0, pence: 10.5 },
          { party: COUNCIL, year: 0, pence: -1 },
        ],
      }),
    );
    expect(errors).toEqual([
      { path: 'costs.0.pence', message: `Cost ${PENCE_RULE}, got 10.5` },
      { path: 'costs.1.pence', message: `Cost ${PENCE_RULE}, got -1` },
    ]);
  });

  it('activity that is not a whole number', () => {
    expect(oneRefusal(() => appraise(withLine({ profile: [{ year: 0, activity: 1.5 }] })))).toEqual({
      path: 'benefits.0.profile.0.activity',
      message: 'Activity avoided must be a whole number from 0 to 1,000,000,000, got 1.5',
    });
  });

  it('a year beyond the Green Book table, on a cost and in a profile', () => {
    const errors = refusal(() =>
      appraise({ costs: [{ party: COUNCIL, year: 76, pence: 1 }], benefits: [{ ...line, profile: [{ year: -1, activity: 1 }] }] }),
    );
    expect(errors.map((e) => e.path)).toEqual(['costs.0.year', 'benefits.0.profile.0.year']);
    expect(errors[0]?.message).toBe('Year must be a whole number from 0 to 75 (the years the Green Book discount rates cover), got 76');
  });

  it('a year listed twice in one profile', () => {
    expect(
      oneRefusal(() =>
        appraise(
          withLine({
            profile: [
              { year: 1, activity: 1 },
              { year: 1, activity: 2 },
            ],
          }),
        ),
      ),
    ).toEqual({
      path: 'benefits.0.profile.1.year',
      message: "Year must be listed once in a profile, got 1 again (first at entry 1); put the year's whole activity on one line",
    });
  });

  it('percentages over 100%, on the appraisal and on a line', () => {
    const errors = refusal(() =>
      appraise({ ...withLine({ adjustments: { attributionBp: 12_000 } }), adjustments: { deadweightBp: 10_001, optimismBiasCostBp: -1 } }),
    );
    expect(errors).toEqual([
      {
        path: 'benefits.0.adjustments.attributionBp',
        message: 'Credited to this scheme (%) must be a whole number of basis points from 0 to 10000 (100%), got 12000',
      },
      { path: 'adjustments.deadweightBp', message: 'Deadweight must be a whole number of basis points from 0 to 10000 (100%), got 10001' },
      {
        path: 'adjustments.optimismBiasCostBp',
        message: 'Optimism bias (costs) must be a whole number of basis points from 0 to 10000 (100%), got -1',
      },
    ]);
  });

  it('an adjustment a line cannot carry, and an unknown one', () => {
    const errors = refusal(() =>
      appraise({
        ...withLine({ adjustments: { optimismBiasCostBp: 100 } as BenefitLine['adjustments'] }),
        adjustments: { displacementBp: 1 } as RoiInput['adjustments'],
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['benefits.0.adjustments.optimismBiasCostBp', 'adjustments.displacementBp']);
    expect(errors[0]?.message).toBe(
      "Adjustments must be among deadweightBp, attributionBp, optimismBiasBenefitBp, dropOffBp, got 'optimismBiasCostBp'",
    );
  });

  it('a party that is neither a sector nor org:<id>', () => {
    const error = oneRefusal(() => appraise({ ...popp, costs: [{ party: 'nhs' as Party, year: 0, pence: 1 }] }));
    expect(error.path).toBe('costs.0.party');
    expect(error.message).toMatch(/^Party must be a sector code .* or org:<id> for an organisation, got 'nhs'$/);
  });

  it('an evidence id that is not an id, a health flag that is not true or false, a label too long', () => {
    const errors = refusal(() => appraise(withLine({ evidenceId: 0, healthValue: 'yes' as unknown as boolean, label: 'x'.repeat(201) })));
    expect(errors).toEqual([
      { path: 'benefits.0.healthValue', message: "Health value must be true (discount at 1.5%) or false (3.5%), got 'yes'" },
      { path: 'benefits.0.evidenceId', message: 'Evidence must be a whole number id of 1 or more, or null, got 0' },
      { path: 'benefits.0.label', message: 'Label must be text of at most 200 characters, got a text of 201 characters' },
    ]);
  });

  it('totals beyond the range where pence add up exactly', () => {
    const errors = refusal(() =>
      appraise({
        costs: Array.from({ length: 1000 }, () => ({ party: COUNCIL, year: 0, pence: MAX_AMOUNT_PENCE })),
        benefits: [{ ...line, unitCostPence: MAX_AMOUNT_PENCE, profile: [{ year: 0, activity: 1000 }] }],
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['costs', 'benefits']);
  });

  it('savedPerPound with a negative or fractional amount', () => {
    expect(refusal(() => savedPerPound(-1, 0.5))).toEqual([
      { path: 'benefitPence', message: `Benefit ${PENCE_RULE}, got -1` },
      { path: 'costPence', message: `Cost ${PENCE_RULE}, got 0.5` },
    ]);
    expect(oneRefusal(() => savingsAtPerPound(100, 1.5)).path).toBe('perPoundBp');
  });

  it('a per-£1 range with low above high, a central value outside it, a value that is not whole', () => {
    expect(oneRefusal(() => perPoundBand({ lowBp: 16_000, centralBp: 12_000, highBp: 8000, evidenceId: 2 }))).toEqual({
      path: 'lowBp',
      message: 'Low value must be at most the high value (£0.80 per £1), got £1.60 per £1',
    });
    expect(oneRefusal(() => perPoundBand({ lowBp: 8000, centralBp: 17_000, highBp: 16_000, evidenceId: 2 }))).toEqual({
      path: 'centralBp',
      message: 'Central value must be from the low value to the high value (£0.80 per £1 to £1.60 per £1), got £1.70 per £1',
    });
    expect(oneRefusal(() => perPoundBand({ lowBp: 80.5, centralBp: 12_000, highBp: 16_000, evidenceId: null })).path).toBe('lowBp');
    expect(oneRefusal(() => perPoundBand({ lowBp: 8000, centralBp: 12_000, highBp: 16_000, evidenceId: -3 })).path).toBe('evidenceId');
  });

  it('a unit-cost range with low above high, around a unit cost outside it, or for a line that is not there', () => {
    expect(oneRefusal(() => unitCostBand(popp, { benefitIndex: 0, lowPence: 50_000, highPence: 30_000, evidenceId: 5 }))).toEqual({
      path: 'lowPence',
      message: 'Low unit cost must be at most the high unit cost (£300.00), got £500.00',
    });
    expect(oneRefusal(() => unitCostBand(popp, { benefitIndex: 0, lowPence: 10_000, highPence: 30_000, evidenceId: 5 }))).toEqual({
      path: 'input.benefits.0.unitCostPence',
      message: 'Unit cost must be from the low unit cost to the high unit cost (£100.00 to £300.00), got £400.00',
    });
    expect(oneRefusal(() => unitCostBand(popp, { benefitIndex: 1, lowPence: 0, highPence: 1, evidenceId: null }))).toEqual({
      path: 'benefitIndex',
      message: 'Benefit line must be the 0-based index of one of the 1 benefit lines, got 1',
    });
    expect(oneRefusal(() => unitCostBand(popp, { benefitIndex: 0, lowPence: -1, highPence: 50_000, evidenceId: null }))).toEqual({
      path: 'lowPence',
      message: `Low unit cost ${PENCE_RULE}, got -1`,
    });
    const bad = oneRefusal(() =>
      unitCostBand(withLine({ unitCostPence: -1 }), { benefitIndex: 0, lowPence: 0, highPence: 1, evidenceId: null }),
    );
    expect(bad.path).toBe('input.benefits.0.unitCostPence');
    expect(
      oneRefusal(() =>
        unitCostBand(popp, { benefitIndex: 0, lowPence: 0, highPence: 50_000, evidenceId: null, basis: 'pv' as 'discounted' }),
      ).path,
    ).toBe('basis');
  });
});
