// The chart kit's axis ticks (client/components/chart/ticks.ts): round steps (1, 2, 2.5 or 5 times a power of ten),
// covering the data, starting at or below its lowest value, and whole units only.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { barExtent, niceStep, niceTicks } from '../../client/components/chart/ticks';

/** Whether a step is 1, 2, 2.5 or 5 times a power of ten. */
function isRound(step: number): boolean {
  const power = 10 ** Math.floor(Math.log10(step));
  return [1, 2, 2.5, 5, 10].some((m) => Math.abs(step - m * power) < 1e-9);
}
const stepOf = (ticks: number[]) => (ticks[1] ?? 0) - (ticks[0] ?? 0);

describe('niceTicks', () => {
  test('the metric chart of the issue: 133 to 147 (in hundredths) gets 130 to 150 in fives, not 133, 136.5, 140…', () => {
    expect(niceTicks([13_300, 14_700, 14_000])).toEqual([13_000, 13_500, 14_000, 14_500, 15_000]);
  });

  test('money bars from zero: £300k to £1.2m in pence is £0, £500k, £1m, £1.5m', () => {
    expect(niceTicks([120_000_000, 30_000_000], { includeZero: true, minStep: 100 })).toEqual([0, 50_000_000, 100_000_000, 150_000_000]);
    expect(niceTicks([2_000_000, 30_000], { includeZero: true, minStep: 100 })).toEqual([0, 500_000, 1_000_000, 1_500_000, 2_000_000]);
  });

  test('no data, one value and all-equal values still give an axis with two or more ticks', () => {
    expect(niceTicks([], { includeZero: true }).length).toBeGreaterThanOrEqual(2);
    expect(niceTicks([0], { includeZero: true })).toEqual([0, 1]);
    const flat = niceTicks([13_500, 13_500]);
    expect(flat[0]).toBeLessThanOrEqual(13_500);
    expect(flat.at(-1)).toBeGreaterThanOrEqual(13_500);
    expect(flat.length).toBeGreaterThanOrEqual(2);
  });

  test('negative figures: the axis goes below zero to the lowest', () => {
    const ticks = niceTicks([-250_000, 1_000_000], { includeZero: true, minStep: 100 });
    expect(ticks[0]).toBeLessThanOrEqual(-250_000);
    expect(ticks).toContain(0);
  });

  test('property: ticks are whole, evenly and roundly spaced, cover the data, the lowest at or below its minimum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom(1, 100),
        (values, includeZero, minStep) => {
          const ticks = niceTicks(values, { includeZero, minStep });
          const step = stepOf(ticks);
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks.length).toBeLessThanOrEqual(12);
          expect(step).toBeGreaterThanOrEqual(minStep);
          expect(isRound(step), `step ${step}`).toBe(true);
          for (let i = 1; i < ticks.length; i += 1) expect((ticks[i] ?? 0) - (ticks[i - 1] ?? 0)).toBe(step);
          for (const t of ticks) expect(Number.isInteger(t)).toBe(true);
          for (const t of ticks) expect(Number.isInteger(t / step)).toBe(true);
          expect(ticks[0]).toBeLessThanOrEqual(Math.min(...values, includeZero ? 0 : Infinity));
          expect(ticks.at(-1)).toBeGreaterThanOrEqual(Math.max(...values, includeZero ? 0 : -Infinity));
          if (includeZero) expect(ticks).toContain(0);
        },
      ),
    );
  });
});

describe('niceStep', () => {
  test('the smallest round step at least the rough one, never under the smallest allowed', () => {
    expect(niceStep(3.4)).toBe(5);
    expect(niceStep(350)).toBe(500);
    expect(niceStep(220)).toBe(250);
    expect(niceStep(21)).toBe(25);
    expect(niceStep(2.1)).toBe(5); // 2.5 is not a whole unit: the next round step is
    expect(niceStep(0.3)).toBe(1);
    expect(niceStep(40, 100)).toBe(100);
    fc.assert(
      fc.property(fc.double({ min: 1.01, max: 1e12, noNaN: true }), (rough) => {
        const step = niceStep(rough);
        expect(step).toBeGreaterThanOrEqual(rough);
        expect(step).toBeLessThanOrEqual(rough * 2.5);
        expect(isRound(step)).toBe(true);
      }),
    );
  });
});

describe('barExtent', () => {
  const rows = [
    { quarter: 1, a: 600, b: 400 },
    { quarter: 2, a: 700, b: null },
  ];
  test('grouped bars: each figure; a null (not yet reported) is no bar', () => {
    expect(barExtent(rows, ['a', 'b'], false)).toEqual([600, 400, 700]);
  });
  test('stacked bars: each stack’s sum, so the axis reaches the top of the tallest stack', () => {
    expect(Math.max(...barExtent(rows, ['a', 'b'], true))).toBe(1000);
    expect(niceTicks(barExtent(rows, ['a', 'b'], true), { includeZero: true }).at(-1)).toBeGreaterThanOrEqual(1000);
    expect(Math.min(...barExtent([{ a: -300, b: 500, c: -200 }], ['a', 'b', 'c'], true))).toBe(-500);
  });
});
