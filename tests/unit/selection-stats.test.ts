// The status line's Sum, Average and Count of a selection (client/components/sheet/selection-stats.ts): exact to the
// penny in integer pence, the average rounded half away from zero, Count of every non-empty cell as Excel's COUNTA.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SheetColumn } from '../../client/components/sheet/cells';
import {
  describeStats,
  divideRoundHalfAwayFromZero,
  formatBigPence,
  selectionStats,
  statsOfCells,
} from '../../client/components/sheet/selection-stats';

interface Row {
  id: number;
  name: string;
  plannedPence: number;
  actualPence: number | null;
}

const columns: SheetColumn<Row>[] = [
  { field: 'name', header: 'Name', kind: 'text' },
  { field: 'plannedPence', header: 'Planned (£)', kind: 'money' },
  { field: 'actualPence', header: 'Actual (£)', kind: 'money', optional: true },
  { field: 'variance', header: 'Variance (£)', kind: 'computed', compute: (r) => (r.actualPence ?? 0) - r.plannedPence },
  { field: 'share', header: 'Share', kind: 'computed', computedFormat: 'percent', compute: () => 5000 },
];

const rows: Row[] = [
  { id: 1, name: 'Council', plannedPence: 100_001, actualPence: 0 },
  { id: 2, name: '', plannedPence: 250_050, actualPence: null },
  { id: 3, name: 'ICB', plannedPence: 1, actualPence: 7 },
];

describe('selection stats', () => {
  it('sums and averages money cells only, and counts every non-empty cell', () => {
    // Rows 1-3, columns Name..Actual: names "Council", "", "ICB"; planned 100001, 250050, 1; actual 0, null, 7.
    const stats = selectionStats({ rows, columns }, { top: 0, bottom: 2, left: 0, right: 2 });
    expect(stats.sumPence).toBe(100_001n + 250_050n + 1n + 0n + 7n);
    expect(stats.moneyCount).toBe(5);
    // 350059 / 5 = 70011.8 -> 70012
    expect(stats.averagePence).toBe(70_012n);
    // Two names (the empty one is not counted), three planned, two actuals (£0.00 counts, an empty one does not).
    expect(stats.count).toBe(7);
    expect(describeStats(stats)).toBe('Sum: £3,500.59  Average: £700.12  Count: 7');
  });

  it('takes computed money columns as money, and a percentage column as counted but not summed', () => {
    const stats = selectionStats({ rows, columns }, { top: 0, bottom: 0, left: 3, right: 4 });
    expect(stats).toEqual({ count: 2, moneyCount: 1, sumPence: -100_001n, averagePence: -100_001n });
  });

  it('says only the count when no money cell is selected', () => {
    const stats = selectionStats({ rows, columns }, { top: 0, bottom: 2, left: 0, right: 0 });
    expect(describeStats(stats)).toBe('Count: 2');
  });

  it('skips rows past the end and columns without values (row actions)', () => {
    const stats = selectionStats({ rows, columns: [...columns.slice(0, 2), undefined] }, { top: 2, bottom: 9, left: 1, right: 2 });
    expect(stats).toEqual({ count: 1, moneyCount: 1, sumPence: 1n, averagePence: 1n });
  });

  it('rounds the average half away from zero, in both signs', () => {
    expect(divideRoundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divideRoundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfAwayFromZero(7n, 3n)).toBe(2n);
    expect(divideRoundHalfAwayFromZero(-7n, 3n)).toBe(-2n);
    expect(divideRoundHalfAwayFromZero(8n, 3n)).toBe(3n);
    expect(divideRoundHalfAwayFromZero(-8n, 3n)).toBe(-3n);
    expect(() => divideRoundHalfAwayFromZero(1n, 0n)).toThrow();
  });

  it('is exact past what a float holds: many large figures sum to the penny', () => {
    const big = Number.MAX_SAFE_INTEGER; // about £90 trillion in pence
    const stats = statsOfCells([
      { value: big, money: true },
      { value: big, money: true },
      { value: 1, money: true },
    ]);
    expect(stats.sumPence).toBe(BigInt(big) * 2n + 1n);
    expect(formatBigPence(stats.sumPence)).toBe('£180,143,985,094,819.83');
    expect(formatBigPence(-12_345n)).toBe('-£123.45');
  });

  it('agrees with a reference sum and a reference rounding for any pence', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { minLength: 1, maxLength: 40 }), (pence) => {
        const stats = statsOfCells(pence.map((value) => ({ value, money: true })));
        const sum = pence.reduce((a, b) => a + BigInt(b), 0n);
        expect(stats.sumPence).toBe(sum);
        // The average's distance from the exact mean is at most half a penny, and it is a whole penny.
        const n = BigInt(pence.length);
        const average = stats.averagePence ?? 0n;
        const twiceError = (average * n - sum) * 2n;
        expect(twiceError <= n && twiceError >= -n).toBe(true);
        // On a tie it is the one further from zero.
        if ((twiceError === n || twiceError === -n) && sum !== 0n) expect(average > 0n === sum > 0n && twiceError * sum > 0n).toBe(true);
      }),
    );
  });
});
