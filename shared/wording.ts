// One wording and one format for each idea (issue 22, item 2): the words and number formats that the pages, the board
// pack's PDF and its workbook all use, so a figure reads the same wherever a board member meets it. Pure: no I/O.
//
// The rules, in full:
// - Money is shared/money.ts formatPence (en-GB £, integer pence); savings per £1 is pounds and pence per £1 (£0.73).
// - A ratio (benefit-cost) has exactly two decimals (0.61), rounded half away from zero, as Excel's 0.00 rounds it.
// - A metric value has its unit's fixed decimals: two for every unit, because values are kept in hundredths and the
//   status compares them in hundredths (shared/metric-status.ts), so "1.00" sits beside "1.10", never "1".
// - A percentage in a report has two decimals (33.33%, 50.00%), as Excel's 0.00% shows it.
// - Payback is "Year 1" (counted from year 0, the appraisal's first year) or "Not within the years appraised".
// - A negative figure (a variance, a net present value) carries NEGATIVE_CLASS on a page (red, with its minus sign, so
//   colour is never the only signal) and Excel's red negative format in a workbook.
// - The workbook keeps each figure at its full precision (0.6068) and shows it through EXCEL_FORMATS with the same
//   decimals as the page, so a board member reads 0.61 in all three.
import type { MetricUnit } from './metric-status';
import { formatBasisPoints, formatPence } from './money';
import { formatPerPound, formatRatio } from './roi/numbers';

/** The fixed words: one for each idea. */
export const WORDS = {
  /** A row about the fund as a whole, not one scheme (Outcomes' Scheme column). */
  wholeFund: 'Whole fund',
  /** An actual whose quarter is not yet reported: never £0 (shared/board-report.ts says when). */
  notYetReported: 'Not yet reported',
  /** A figure that cannot be worked out (a ratio with no cost). */
  notApplicable: 'n/a',
  /** No figure in this cell at all (no band, no variance of an unreported quarter). */
  noFigure: '—',
  /** A scheme whose benefits never catch up with its cost within the years appraised. */
  notPaidBack: 'Not within the years appraised',
  /** Savings per £1 of a scheme with no cost. */
  noCost: 'No cost recorded',
  /** Column headings of the same idea. */
  payback: 'Payback',
  savingsPerPound: 'Savings per £1',
  benefitCostRatio: 'Benefit-cost ratio',
} as const;

/** The class a negative figure carries on every page: red (client/styles.css .negative), beside its minus sign. */
export const NEGATIVE_CLASS = 'negative';

/** NEGATIVE_CLASS for a negative figure, undefined otherwise (ready for a className). */
export function signClass(value: number | null | undefined): typeof NEGATIVE_CLASS | undefined {
  return typeof value === 'number' && value < 0 ? NEGATIVE_CLASS : undefined;
}

/** Money, as everywhere: formatPence. Here so the table lists every idea in one place. */
export const moneyText = formatPence;

/** "Year 1", or "Not within the years appraised" when the scheme does not pay back. */
export function paybackText(year: number | null): string {
  return year === null ? WORDS.notPaidBack : `Year ${year.toLocaleString('en-GB')}`;
}

/** Savings per £1 from basis points of £1: "£0.73"; with no cost, `missing` ("No cost recorded"). */
export function perPoundText(bp: number | null, missing: string = WORDS.noCost): string {
  return bp === null ? missing : formatPerPound(bp);
}

/** Decimals of a ratio: 0.6068 reads 0.61 on the page, in the PDF and (through EXCEL_FORMATS.ratio) in Excel. */
export const RATIO_DECIMALS = 2;

/** A ratio in basis points as a number to RATIO_DECIMALS: 6068 -> "0.61"; none -> "n/a". */
export function ratioText(bp: number | null, missing: string = WORDS.notApplicable): string {
  return bp === null ? missing : formatRatio(bp);
}

/** A percentage from basis points with two fixed decimals, as a report shows it: 3333 -> "33.33%", 5000 -> "50.00%". */
export function percentText(bp: number): string {
  const text = formatBasisPoints(bp);
  const [whole = '', fraction = ''] = text.replace('%', '').split('.');
  return `${whole}.${fraction.padEnd(2, '0')}%`;
}

/** Each metric unit's fixed decimals: values are hundredths, so two, and no digit the status compares is hidden. */
export const METRIC_DECIMALS: Record<MetricUnit, 2> = { count: 2, percent: 2, per_100000: 2 };

/** What follows a metric value in its unit. */
const METRIC_SUFFIX: Record<MetricUnit, string> = { count: '', percent: '%', per_100000: ' per 100,000' };

/** Hundredths as an en-GB number with `decimals` fixed (2) or trimmed of trailing zeros (axis ticks), without floats. */
function hundredthsText(hundredths: number, trim: boolean): string {
  if (!Number.isSafeInteger(hundredths)) throw new RangeError(`a metric value must be whole hundredths, got ${String(hundredths)}`);
  const abs = Math.abs(hundredths);
  const rest = abs % 100;
  const whole = ((abs - rest) / 100).toLocaleString('en-GB');
  const digits = String(rest).padStart(2, '0');
  const fraction = trim ? digits.replace(/0+$/, '') : digits;
  return `${hundredths < 0 ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** A metric value in its unit with the unit's fixed decimals: 110 count -> "1.10", 100 -> "1.00", 1234 percent ->
 * "12.34%", 152345 per 100,000 -> "1,523.45 per 100,000". */
export function metricValueText(hundredths: number, unit: MetricUnit): string {
  return `${hundredthsText(hundredths, false)}${METRIC_SUFFIX[unit]}`;
}

/** A metric axis tick: the number only, trailing zeros dropped (140, 136.5), a percentage with its sign. */
export function metricTickText(hundredths: number, unit: MetricUnit): string {
  return `${hundredthsText(hundredths, true)}${unit === 'percent' ? '%' : ''}`;
}

/** "Q1" to "Q4" of the fund's financial year. */
export const quarterText = (quarter: number): string => `Q${quarter}`;

/** Money's number format: £, thousands, two decimals; a negative in red after its minus sign, as on the pages. */
const POUNDS = '"£"#,##0.00';
const RED_NEGATIVE = (format: string) => `${format};[Red]-${format}`;

/** The workbook's number format of each idea, with the decimals of its text above. A cell holds the figure at its full
 * precision (a ratio of 0.6068) and shows it as the page does (0.61). */
export const EXCEL_FORMATS = {
  money: RED_NEGATIVE(POUNDS),
  perPound: RED_NEGATIVE(POUNDS),
  ratio: RED_NEGATIVE(`0.${'0'.repeat(RATIO_DECIMALS)}`),
  percent: '0.00%',
  whole: '#,##0',
  /** A payback year stays a number (1) that reads "Year 1". */
  payback: '"Year "0',
  metric: {
    count: '#,##0.00',
    percent: '0.00%',
    per_100000: '#,##0.00" per 100,000"',
  } satisfies Record<MetricUnit, string>,
} as const;
