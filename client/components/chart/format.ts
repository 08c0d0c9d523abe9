// How charts write figures on their axes and in their tooltips: compact £ ticks, quarters, names wrapped to fit. Pure
// functions, shared by every chart so the same figure reads the same everywhere.
import { quarterLabel } from '../../../shared/financial-year';
import { formatPence, formatPenceCompact } from '../../../shared/money';

/** Whole units and the rest written as decimals without trailing zeros: (1_250_000, 1_000_000) -> "1.25". */
function decimalOf(whole: number, unit: number): string {
  const rest = whole % unit;
  const digits = String(unit).length - 1;
  const fraction = rest === 0 ? '' : `.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
  return `${((whole - rest) / unit).toLocaleString('en-GB')}${fraction}`;
}

/**
 * A £ axis tick, short but exact: £0, £250k, £1.25m, £2.5k, £40. The kit's ticks are round (ticks.ts), so a short
 * form never has to round them (formatPenceCompact would show £2.5k as £3k); tooltips and table views give the
 * figure in full. Integer arithmetic only.
 */
export function penceTick(value: number): string {
  const pence = Math.round(value);
  if (pence % 100 !== 0) return formatPenceCompact(pence);
  const sign = pence < 0 ? '-' : '';
  const pounds = Math.abs(pence) / 100;
  if (pounds >= 1_000_000) return `${sign}£${decimalOf(pounds, 1_000_000)}m`;
  if (pounds >= 1_000) return `${sign}£${decimalOf(pounds, 1_000)}k`;
  return `${sign}£${pounds}`;
}

/** "Q2" on an axis; the table views say the months too (shared/financial-year quarterLabel). */
export const quarterTick = (quarter: number) => `Q${quarter}`;

/** A tooltip's money figure in full (£1,234.56); anything else as it comes. */
export const penceTooltip = (value: unknown) => (typeof value === 'number' ? formatPence(value) : String(value));

/** A tooltip's heading for a quarter: the quarter with its months. */
export const quarterTooltipLabel = (quarter: unknown) => quarterLabel(Number(quarter));

/** A name laid out for an axis: its lines, and whether it had to be shortened (then the full name goes in a <title>). */
export interface WrappedName {
  lines: string[];
  shortened: boolean;
}

/**
 * A partner, scheme or metric name broken at spaces onto at most `maxLines` lines, each no wider than `maxWidth` as
 * `measure` reports it (pixels in the chart's font). What still does not fit ends the last line in "…": the caller
 * shows the full name on hover and in the chart's table view, so nothing is lost, only shortened.
 */
export function wrapName(name: string, maxWidth: number, measure: (text: string) => number, maxLines = 2): WrappedName {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && measure(`${last} ${word}`) <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const kept = lines.slice(0, maxLines);
  let shortened = lines.length > maxLines;
  if (shortened) kept[maxLines - 1] = lines.slice(maxLines - 1).join(' ');
  const fitted = kept.map((line) => {
    if (measure(line) <= maxWidth) return line;
    shortened = true;
    let cut = line;
    while (cut.length > 1 && measure(`${cut}…`) > maxWidth) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  });
  // A line cut short mid-way leaves the next ones meaningless: stop at the first shortened line.
  const firstCut = fitted.findIndex((line) => line.endsWith('…'));
  return { lines: firstCut < 0 ? fitted : fitted.slice(0, firstCut + 1), shortened };
}
