// Starting next year's plan (shared/rollover.ts): each stream's total rises by the uplift, rounded half up to the
// penny, and is divided back over the stream's cells by largest remainder on the old amounts, so sums are kept exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUpliftPercent, upliftByStream, upliftPercentText, upliftTotal } from '../../shared/rollover';

const sum = (xs: readonly number[]) => xs.reduce((acc, x) => acc + x, 0);

describe('upliftTotal: half up to the penny, in whole numbers', () => {
  it('works hand-checked examples', () => {
    // £100,000.00 x 1.039 = £103,900.00 exactly.
    expect(upliftTotal(10_000_000, 390)).toBe(10_390_000);
    // 1001p x 1.039 = 1040.039p -> 1040p.
    expect(upliftTotal(1001, 390)).toBe(1040);
    // 50p x 1.01 = 50.5p: half goes up, to 51p.
    expect(upliftTotal(50, 100)).toBe(51);
    // 49p x 1.01 = 49.49p -> 49p.
    expect(upliftTotal(49, 100)).toBe(49);
    // 333p x 0.985 = 328.005p -> 328p; 1p x 0.5 = 0.5p -> 1p (half up).
    expect(upliftTotal(333, -150)).toBe(328);
    expect(upliftTotal(1, -5_000)).toBe(1);
  });

  it('keeps a total at 0 bp, zeroes it at -100% and doubles it at +100%', () => {
    expect(upliftTotal(123_457, 0)).toBe(123_457);
    expect(upliftTotal(123_457, -10_000)).toBe(0);
    expect(upliftTotal(123_457, 10_000)).toBe(246_914);
  });

  it('is exact beyond 2^53 in the product (a £90bn total)', () => {
    // 9,000,000,000,000p x 10,390 overflows a float's exact range; 9e12 x 1.039 = 9,351,000,000,000 exactly.
    expect(upliftTotal(9_000_000_000_000, 390)).toBe(9_351_000_000_000);
    expect(upliftTotal(9_000_000_000_001, 390)).toBe(9_351_000_000_001);
  });

  it('refuses an uplift outside -100% to +100% and a negative or fractional total', () => {
    expect(() => upliftTotal(100, 10_001)).toThrow(RangeError);
    expect(() => upliftTotal(100, -10_001)).toThrow(RangeError);
    expect(() => upliftTotal(-1, 0)).toThrow(RangeError);
    expect(() => upliftTotal(1.5, 0)).toThrow(RangeError);
  });
});

describe('upliftByStream: each stream uplifted, then divided over its own cells', () => {
  it('uplifts two streams separately and keeps each stream total exact (worked by hand)', () => {
    // nhs_minimum: 3 quarters of £1,000.01 = 300003p -> x1.039 = 311703.117 -> 311703p; over equal weights 103901 each.
    // dfg: 1000p and 3000p = 4000p -> 4156p; exact shares 1039 and 3117.
    const r = upliftByStream([100_001, 1000, 100_001, 3000, 100_001], ['nhs_minimum', 'dfg', 'nhs_minimum', 'dfg', 'nhs_minimum'], 390);
    expect(r.cells).toEqual([103_901, 1039, 103_901, 3117, 103_901]);
    expect(r.streams).toEqual([
      { stream: 'nhs_minimum', beforePence: 300_003, afterPence: 311_703 },
      { stream: 'dfg', beforePence: 4000, afterPence: 4156 },
    ]);
  });

  it('keeps zero cells at zero and a stream of zeros at zero', () => {
    const r = upliftByStream([0, 500, 0, 0], ['a', 'a', 'b', 'b'], 1000);
    expect(r.cells).toEqual([0, 550, 0, 0]);
  });

  it('treats cells with no stream as a stream of their own', () => {
    const r = upliftByStream([100, 100], [null, 'a'], 5_000);
    expect(r.cells).toEqual([150, 150]);
    expect(r.streams.map((s) => s.stream)).toEqual([null, 'a']);
  });

  it('gives the same total for income and spend of a stream that matched, however each is divided', () => {
    const income = upliftByStream([33_333, 33_333, 33_334], ['x', 'x', 'x'], 390);
    const spend = upliftByStream([70_000, 1, 29_999], ['x', 'x', 'x'], 390);
    expect(sum(income.cells)).toBe(sum(spend.cells));
  });

  const stream = fc.constantFrom('nhs_minimum', 'dfg', 'la_better_care_grant', null);
  const cells = fc.array(fc.record({ pence: fc.integer({ min: 0, max: 5_000_000_000_000 }), stream }), { minLength: 1, maxLength: 30 });
  const uplift = fc.integer({ min: -10_000, max: 10_000 });

  it('property: every stream sums to its uplifted total, each cell within a penny of its exact share, never negative', () => {
    fc.assert(
      fc.property(cells, uplift, (cs, bp) => {
        const r = upliftByStream(
          cs.map((c) => c.pence),
          cs.map((c) => c.stream),
          bp,
        );
        for (const s of r.streams) {
          const idx = cs.map((c, i) => (c.stream === s.stream ? i : -1)).filter((i) => i >= 0);
          expect(sum(idx.map((i) => r.cells[i] ?? 0))).toBe(s.afterPence);
          expect(s.afterPence).toBe(upliftTotal(s.beforePence, bp));
          for (const i of idx) {
            const old = BigInt(cs[i]?.pence ?? 0);
            const got = BigInt(r.cells[i] ?? 0);
            expect(got >= 0n).toBe(true);
            if (s.beforePence === 0) continue;
            // |got x before - after x old| < before: within one penny of after x old / before.
            const diff = got * BigInt(s.beforePence) - BigInt(s.afterPence) * old;
            expect(diff < BigInt(s.beforePence) && -diff < BigInt(s.beforePence)).toBe(true);
          }
        }
      }),
    );
  });

  it('property: 0 bp is the identity and -100% gives zeros', () => {
    fc.assert(
      fc.property(cells, (cs) => {
        const pence = cs.map((c) => c.pence);
        const streams = cs.map((c) => c.stream);
        expect(upliftByStream(pence, streams, 0).cells).toEqual(pence);
        expect(upliftByStream(pence, streams, -10_000).cells).toEqual(pence.map(() => 0));
      }),
    );
  });
});

describe('the uplift as people type it', () => {
  it('reads percentages exactly, without floats', () => {
    expect(parseUpliftPercent('3.9')).toBe(390);
    expect(parseUpliftPercent(' 3.90 % ')).toBe(390);
    expect(parseUpliftPercent('-1.25')).toBe(-125);
    expect(parseUpliftPercent('100')).toBe(10_000);
    expect(parseUpliftPercent('-0')).toBe(0);
    expect(parseUpliftPercent('3.915')).toBeNull();
    expect(parseUpliftPercent('abc')).toBeNull();
    expect(parseUpliftPercent('')).toBeNull();
  });

  it('writes basis points back as the same percentage', () => {
    expect(upliftPercentText(390)).toBe('3.9');
    expect(upliftPercentText(-125)).toBe('-1.25');
    expect(upliftPercentText(1000)).toBe('10');
    expect(upliftPercentText(5)).toBe('0.05');
    for (const bp of [0, 1, 10, 99, 390, -10_000, 10_000]) expect(parseUpliftPercent(upliftPercentText(bp))).toBe(bp);
  });
});
