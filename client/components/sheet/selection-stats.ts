// What the status line says about a selection, as Excel's status bar does: Sum and Average of its money cells, exact
// to the penny, and Count of its non-empty cells (Excel's COUNTA: £0.00 and text count, an empty cell does not).
// Pure: money is integer pence, added as BigInt so no sum of many large figures ever loses a penny.
import { formatPence } from '../../../shared/money';
import { cellValue, type SheetColumn } from './cells';
import type { SheetModel } from './block';
import type { Rect } from './selection';

/** One selected cell: its value and whether it holds money (pence). */
export interface StatCell {
  value: unknown;
  money: boolean;
}

export interface SelectionStats {
  /** Non-empty cells, of every kind. */
  count: number;
  /** Money cells holding a figure; Sum and Average are of these. */
  moneyCount: number;
  sumPence: bigint;
  /** The mean rounded to the penny, half away from zero (as Excel's ROUND); null without a money cell. */
  averagePence: bigint | null;
}

/** Whether a column's cells hold pence: money input, or a computed column shown as money (its default). */
export function isMoneyColumn<Row>(column: SheetColumn<Row>): boolean {
  return column.kind === 'money' || (column.kind === 'computed' && (column.computedFormat ?? 'money') === 'money');
}

/** Integer division rounded half away from zero: 5/2 = 3, -5/2 = -3, 7/3 = 2. */
export function divideRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('the denominator must be positive');
  const quotient = numerator / denominator; // BigInt division truncates toward zero
  const remainder = numerator % denominator; // same sign as the numerator
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

export function statsOfCells(cells: Iterable<StatCell>): SelectionStats {
  let count = 0;
  let moneyCount = 0;
  let sum = 0n;
  for (const { value, money } of cells) {
    if (value === null || value === undefined || value === '') continue;
    count++;
    if (money && typeof value === 'number' && Number.isSafeInteger(value)) {
      moneyCount++;
      sum += BigInt(value);
    }
  }
  return { count, moneyCount, sumPence: sum, averagePence: moneyCount ? divideRoundHalfAwayFromZero(sum, BigInt(moneyCount)) : null };
}

/** The cells of a rectangle of the grid as shown (rows past the end and the row-action column are not cells). */
export function selectedCells<Row extends { id: number }>(model: Pick<SheetModel<Row>, 'rows' | 'columns'>, rect: Rect): StatCell[] {
  const cells: StatCell[] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row = model.rows[r];
    if (!row) continue;
    for (let c = rect.left; c <= rect.right; c++) {
      const column = model.columns[c];
      if (column) cells.push({ value: cellValue(row, column), money: isMoneyColumn(column) });
    }
  }
  return cells;
}

export function selectionStats<Row extends { id: number }>(model: Pick<SheetModel<Row>, 'rows' | 'columns'>, rect: Rect): SelectionStats {
  return statsOfCells(selectedCells(model, rect));
}

/** Pence as en-GB pounds: formatPence for every figure a Number holds exactly, the same digits from BigInt beyond. */
export function formatBigPence(pence: bigint): string {
  if (pence >= BigInt(Number.MIN_SAFE_INTEGER) && pence <= BigInt(Number.MAX_SAFE_INTEGER)) return formatPence(Number(pence));
  const abs = pence < 0n ? -pence : pence;
  return `${pence < 0n ? '-' : ''}£${(abs / 100n).toLocaleString('en-GB')}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The status line's words for a selection: "Sum: £3.00  Average: £1.50  Count: 2" (no Sum or Average without money). */
export function describeStats(stats: SelectionStats): string {
  const count = `Count: ${stats.count.toLocaleString('en-GB')}`;
  if (stats.averagePence === null) return count;
  return `Sum: ${formatBigPence(stats.sumPence)}  Average: ${formatBigPence(stats.averagePence)}  ${count}`;
}
