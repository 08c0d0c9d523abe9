// Splits are exact (design rule 2): largest remainder gives whole units that add up to the total exactly, never
// negative, deterministic, each within one unit of the exact proportional share, ties to the earlier part.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBasisPoints, largestRemainder, quarterlyInstalments, sharesInBasisPoints } from '../../shared/allocate';
import { MAX_AMOUNT_PENCE } from '../../shared/money';

const total = fc.integer({ min: 0, max: MAX_AMOUNT_PENCE });
const weights = fc.array(fc.integer({ min: 0, max: MAX_AMOUNT_PENCE }), { minLength: 1, maxLength: 20 });
/** Weights with at least one above zero, so the parts must add up to the total. */
const someWeights = weights.filter((ws) => ws.some((w) => w > 0));

const sum = (xs: readonly number[]) => xs.reduce((acc, x) => acc + x, 0);

describe('largestRemainder: hand-worked examples', () => {
  it('gives a tie in remainder to the earlier part: 100 over [1, 1, 1] is [34, 33, 33]', () => {
    // Each exact share is 33 1/3; the floors 33+33+33 leave 1 penny; all three remainders tie, so the first part gets it.
    expect(largestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // Two pence over: the first two parts take them.
    expect(largestRemainder(101, [1, 1, 1])).toEqual([34, 34, 33]);
  });

  it('gives the leftover units to the largest remainders first, whatever their position', () => {
    // 10 over [1, 2, 3, 4] (sum 10): exact 1, 2, 3, 4, no remainder at all.
    expect(largestRemainder(10, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    // 7 over [1, 2, 3]: exact 7/6, 14/6, 21/6 = 1 r1, 2 r2, 3 r3 (sixths); floors sum to 6, the last (r3) gets the 1.
    expect(largestRemainder(7, [1, 2, 3])).toEqual([1, 2, 4]);
    // 5 over [3, 1, 1]: exact 3, 1, 1.
    expect(largestRemainder(5, [3, 1, 1])).toEqual([3, 1, 1]);
    // 10 over [1, 1, 4]: exact 10/6, 10/6, 40/6 = 1 r4, 1 r4, 6 r4 (sixths); floors sum to 8; ties, so the first two.
    expect(largestRemainder(10, [1, 1, 4])).toEqual([2, 2, 6]);
    // 2 over [1, 2, 2]: exact 2/5, 4/5, 4/5: floors are 0; remainders 2, 4, 4 (fifths): the two 4s, the earlier first.
    expect(largestRemainder(2, [1, 2, 2])).toEqual([0, 1, 1]);
    expect(largestRemainder(1, [1, 2, 2])).toEqual([0, 1, 0]);
  });

  it('splits a £100bn fund by large weights exactly (products beyond the safe range are done in BigInt)', () => {
    // MAX * 3 exceeds Number.MAX_SAFE_INTEGER, so a float product would round.
    const parts = largestRemainder(MAX_AMOUNT_PENCE, [1_000_000_007, 2_000_000_011, 3]);
    expect(sum(parts)).toBe(MAX_AMOUNT_PENCE);
    const wsum = 1_000_000_007n + 2_000_000_011n + 3n;
    const exact = [1_000_000_007n, 2_000_000_011n, 3n].map((w) => (BigInt(MAX_AMOUNT_PENCE) * w) / wsum);
    parts.forEach((p, i) => {
      expect(BigInt(p) - (exact[i] ?? 0n)).toBeGreaterThanOrEqual(0n);
      expect(BigInt(p) - (exact[i] ?? 0n)).toBeLessThanOrEqual(1n);
    });
  });

  it('gives nothing to a zero weight', () => {
    expect(largestRemainder(100, [0, 1, 0, 1])).toEqual([0, 50, 0, 50]);
    expect(largestRemainder(99, [0, 1, 1])).toEqual([0, 50, 49]);
  });

  it('gives every part 0 when every weight is 0, and nothing when there are no parts', () => {
    expect(largestRemainder(100, [0, 0, 0])).toEqual([0, 0, 0]);
    expect(largestRemainder(100, [])).toEqual([]);
  });

  it('splits a total of 0 into zeros', () => {
    expect(largestRemainder(0, [5, 3])).toEqual([0, 0]);
  });

  it.each([
    [-1, [1]],
    [1.5, [1]],
    [NaN, [1]],
    [Number.MAX_SAFE_INTEGER + 1, [1]],
    [10, [-1, 2]],
    [10, [0.5, 1]],
    [10, [Infinity]],
  ])('refuses total %s with weights %j', (t, ws) => {
    expect(() => largestRemainder(t, ws)).toThrow(RangeError);
  });

  it('does not change the weights it is given', () => {
    const ws = [3, 1, 2];
    largestRemainder(100, ws);
    expect(ws).toEqual([3, 1, 2]);
  });
});

describe('largestRemainder: properties', () => {
  it('parts sum exactly to the total (when any weight is above zero)', () => {
    fc.assert(
      fc.property(total, someWeights, (t, ws) => {
        expect(sum(largestRemainder(t, ws))).toBe(t);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives one whole, non-negative part per weight', () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const parts = largestRemainder(t, ws);
        expect(parts).toHaveLength(ws.length);
        for (const p of parts) {
          expect(Number.isSafeInteger(p)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        expect(largestRemainder(t, [...ws])).toEqual(largestRemainder(t, [...ws]));
      }),
    );
  });

  it('puts each part within 1 of its exact proportional share (floor or floor + 1)', () => {
    fc.assert(
      fc.property(total, someWeights, (t, ws) => {
        const parts = largestRemainder(t, ws);
        const wsum = ws.reduce((acc, w) => acc + BigInt(w), 0n);
        parts.forEach((p, i) => {
          // exact share = t * w / wsum; p - floor(exact) must be 0 or 1, and 1 only when exact is not whole.
          const numerator = BigInt(t) * BigInt(ws[i] ?? 0);
          const floor = numerator / wsum;
          const extra = BigInt(p) - floor;
          expect(extra === 0n || (extra === 1n && numerator % wsum !== 0n)).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('is monotone in the weights: a larger weight never gets fewer units than a smaller one', () => {
    fc.assert(
      fc.property(total, someWeights, (t, ws) => {
        const parts = largestRemainder(t, ws);
        ws.forEach((wi, i) =>
          ws.forEach((wj, j) => {
            if (wi > wj) expect(parts[i] ?? 0).toBeGreaterThanOrEqual(parts[j] ?? 0);
          }),
        );
      }),
    );
  });

  it('with equal weights, the leftover units go to the earliest parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1000 }), (t, n, w) => {
        const parts = largestRemainder(
          t,
          Array.from({ length: n }, () => w),
        );
        const base = Math.floor(t / n);
        const extra = t % n;
        expect(parts).toEqual(Array.from({ length: n }, (_, i) => (i < extra ? base + 1 : base)));
      }),
    );
  });

  it('scaling every weight by the same factor does not change the parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 1000 }),
        (t, ws, k) => {
          expect(
            largestRemainder(
              t,
              ws.map((w) => w * k),
            ),
          ).toEqual(largestRemainder(t, ws));
        },
      ),
    );
  });
});

describe('sharesInBasisPoints', () => {
  it('gives 30:20 as 60% and 40%, and three equal partners 33.34/33.33/33.33', () => {
    expect(sharesInBasisPoints([30, 20])).toEqual([6000, 4000]);
    expect(sharesInBasisPoints([1, 1, 1])).toEqual([3334, 3333, 3333]);
    expect(sharesInBasisPoints([75_000_000, 25_000_000])).toEqual([7500, 2500]);
  });

  it('gives all zeros when the weights are all 0', () => {
    expect(sharesInBasisPoints([0, 0])).toEqual([0, 0]);
    expect(sharesInBasisPoints([0])).toEqual([0]);
  });

  it('sums to exactly 10000 whenever any weight is above zero (property)', () => {
    fc.assert(
      fc.property(someWeights, (ws) => {
        const shares = sharesInBasisPoints(ws);
        expect(sum(shares)).toBe(10_000);
        expect(shares.every((s) => s >= 0 && s <= 10_000)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('quarterlyInstalments', () => {
  it('splits evenly when it can', () => {
    expect(quarterlyInstalments(400)).toEqual([100, 100, 100, 100]);
    expect(quarterlyInstalments(0)).toEqual([0, 0, 0, 0]);
  });

  it('gives the odd pence to the first quarters', () => {
    expect(quarterlyInstalments(1)).toEqual([1, 0, 0, 0]);
    expect(quarterlyInstalments(403)).toEqual([101, 101, 101, 100]);
    expect(quarterlyInstalments(10_000_001)).toEqual([2_500_001, 2_500_000, 2_500_000, 2_500_000]);
  });

  it('always adds up to the annual amount, with quarters never more than a penny apart (property)', () => {
    fc.assert(
      fc.property(total, (annual) => {
        const qs = quarterlyInstalments(annual);
        expect(sum(qs)).toBe(annual);
        expect(Math.max(...qs) - Math.min(...qs)).toBeLessThanOrEqual(1);
        // Non-increasing: earlier quarters take the odd pence.
        expect([...qs].sort((a, b) => b - a)).toEqual(qs);
      }),
    );
  });

  it('refuses a negative annual amount', () => {
    expect(() => quarterlyInstalments(-4)).toThrow(RangeError);
  });
});

describe('applyBasisPoints', () => {
  it('takes 20% of £19.99 as £4.00 (399.8 rounds up)', () => {
    expect(applyBasisPoints(1999, 2000)).toBe(400);
  });

  it('rounds half away from zero', () => {
    // 5 pence at 10% is 0.5 pence: rounds to 1; -5 pence rounds to -1.
    expect(applyBasisPoints(5, 1000)).toBe(1);
    expect(applyBasisPoints(-5, 1000)).toBe(-1);
    // 0.4999 pence rounds down.
    expect(applyBasisPoints(4999, 1)).toBe(0);
    expect(applyBasisPoints(5000, 1)).toBe(1);
    expect(applyBasisPoints(-4999, 1)).toBe(0);
    expect(applyBasisPoints(-5000, 1)).toBe(-1);
  });

  it('keeps the whole at 100% and nothing at 0%', () => {
    expect(applyBasisPoints(123456, 10_000)).toBe(123456);
    expect(applyBasisPoints(123456, 0)).toBe(0);
    expect(applyBasisPoints(MAX_AMOUNT_PENCE, 10_000)).toBe(MAX_AMOUNT_PENCE);
  });

  it('is exact for a £100bn amount, where the product leaves the safe range', () => {
    // 10^13 * 3333 = 3.333 * 10^16 > 2^53; 33.33% of £100bn is exactly £33,330,000,000.
    expect(applyBasisPoints(MAX_AMOUNT_PENCE, 3333)).toBe(3_333_000_000_000);
    expect(applyBasisPoints(MAX_AMOUNT_PENCE - 1, 3333)).toBe(3_333_000_000_000);
  });

  it('is within half a penny of the exact product, and odd in its sign (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT_PENCE, max: MAX_AMOUNT_PENCE }), fc.integer({ min: 0, max: 10_000 }), (p, bp) => {
        const result = applyBasisPoints(p, bp);
        // |result * 10000 - p * bp| <= 5000, i.e. at most half a penny away.
        const error = BigInt(result) * 10_000n - BigInt(p) * BigInt(bp);
        expect(error <= 5_000n && error >= -5_000n).toBe(true);
        expect(applyBasisPoints(-p, bp)).toBe(-result === 0 ? 0 : -result);
      }),
    );
  });

  it.each([
    [1.5, 100],
    [100, 1.5],
    [NaN, 100],
  ])('refuses %s pence at %s basis points', (p, bp) => {
    expect(() => applyBasisPoints(p, bp)).toThrow(RangeError);
  });
});
