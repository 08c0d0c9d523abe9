// Money is integer pence everywhere (design rule 1). This file turns what people type into pence, pence into
// en-GB pounds, and adds pence without ever going through a float.

/** The largest amount one money field may hold: £100 billion. Far above any single pooled fund (a large HWB's BCF is
 * £20m-£200m; the whole national BCF was about £9.2bn in 2019/20), and small enough that thousands of such amounts
 * still add up inside Number.MAX_SAFE_INTEGER pence (about £90 trillion). */
export const MAX_AMOUNT_PENCE = 10_000_000_000_000;

export type ParseResult = { ok: true; pence: number } | { ok: false; reason: string };

// Accepted shapes: 1234.56, £1,234.56, 1,234, -12.5, -£5, £-5, (1,234.00) for a negative, " 1 234 " is NOT accepted
// (a space inside a number is more often a typo than a thousands separator). At most two decimal places: 12.345 is a
// fraction of a penny and is refused rather than silently rounded.
const AMOUNT = /^(?<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?<frac>\d*))?$/;

/** Parse what a person typed as pounds ("£1,234.56", "1234.5", "-0.01", "(250)") into integer pence. */
export function parsePounds(input: string): ParseResult {
  let text = input.trim();
  if (text === '') return { ok: false, reason: 'is empty' };
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  // A minus inside brackets, "(-5)", is two signs for one amount: refused (below), not guessed to mean +5.
  if (text.startsWith('-') && !negative) {
    negative = true;
    text = text.slice(1).trim();
  }
  if (text.startsWith('£')) text = text.slice(1).trim();
  if (text.startsWith('-') && !negative) {
    negative = true;
    text = text.slice(1).trim();
  }
  const match = AMOUNT.exec(text);
  const intPart = match?.groups?.int ?? '';
  const fracPart = match?.groups?.frac;
  if (!match || (intPart === '' && (fracPart === undefined || fracPart === ''))) {
    return { ok: false, reason: 'must be an amount in pounds and pence, like 1234.56 or £1,234.56' };
  }
  if (fracPart !== undefined && fracPart.length > 2) {
    return { ok: false, reason: 'has more than two decimal places (pounds and pence only)' };
  }
  const digits = intPart.replaceAll(',', '').replace(/^0+(?=\d)/, '');
  // Compare by digit count before converting, so a 30-digit paste can never round inside Number.
  if (digits.length > 14) return { ok: false, reason: `is larger than the largest allowed amount (${formatPence(MAX_AMOUNT_PENCE)})` };
  const pounds = digits === '' ? 0 : Number(digits);
  const pence = pounds * 100 + Number((fracPart ?? '').padEnd(2, '0'));
  if (pence > MAX_AMOUNT_PENCE) {
    return { ok: false, reason: `is larger than the largest allowed amount (${formatPence(MAX_AMOUNT_PENCE)})` };
  }
  return { ok: true, pence: negative && pence !== 0 ? -pence : pence };
}

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Format integer pence as en-GB pounds: 123456 -> "£1,234.56", -1 -> "-£0.01". Exact for every safe integer, because
 * the pounds and the pence are formatted separately rather than dividing by 100 into a float. */
export function formatPence(pence: number): string {
  assertPence(pence, 'amount');
  const negative = pence < 0;
  const abs = Math.abs(pence);
  const rest = abs % 100;
  const whole = POUNDS.format((abs - rest) / 100).replace(/\.00$/, '');
  return `${negative ? '-' : ''}${whole}.${String(rest).padStart(2, '0')}`;
}

/** Pence as a plain decimal string for editing ("1234.56"), with no symbol or separators. */
export function penceToPlain(pence: number): string {
  assertPence(pence, 'amount');
  const negative = pence < 0;
  const abs = Math.abs(pence);
  const rest = abs % 100;
  return `${negative ? '-' : ''}${(abs - rest) / 100}.${String(rest).padStart(2, '0')}`;
}

/** Add amounts of pence, refusing any total that leaves the range where integers are exact. */
export function sumPence(amounts: Iterable<number>): number {
  let total = 0;
  for (const amount of amounts) {
    assertPence(amount, 'amount');
    total += amount;
    if (!Number.isSafeInteger(total)) throw new RangeError('Total is beyond the range that can be added exactly');
  }
  return total;
}

export function isPence(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function assertPence(value: number, what: string): void {
  if (!isPence(value)) throw new RangeError(`${what} must be a whole number of pence, got ${String(value)}`);
}

/** Format a share in basis points (10000 = 100%) as a percentage with up to two decimals: 3333 -> "33.33%". */
export function formatBasisPoints(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const rest = abs % 100;
  const whole = (abs - rest) / 100;
  return `${sign}${whole}${rest === 0 ? '' : `.${String(rest).padStart(2, '0').replace(/0$/, '')}`}%`;
}

/** A short label for chart axes and tiles: £24.6m, £350k, £950. Rounded half up, computed in whole numbers. */
export function formatPenceCompact(pence: number): string {
  assertPence(pence, 'amount');
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const roundTo = (unit: number) => (abs + unit / 2 - ((abs + unit / 2) % unit)) / unit;
  if (abs >= 100_000_000) {
    const tenths = roundTo(10_000_000); // tenths of a million pounds
    return `${sign}£${(tenths - (tenths % 10)) / 10}${tenths % 10 ? `.${tenths % 10}` : ''}m`;
  }
  if (abs >= 100_000) return `${sign}£${roundTo(100_000)}k`;
  return `${sign}£${roundTo(100)}`;
}

/** Parse a percentage as people type it ("60", "60%", "33.33 %") into basis points (6000, 3333), at most two decimal
 * places, without floats: the same digits as pounds and pence, read as percent and hundredths. */
export function parseBasisPoints(input: string): ParseResult {
  const text = input.trim().replace(/\s*%$/, '');
  if (text === '' || /[£,()]/.test(text)) return { ok: false, reason: text === '' ? 'is empty' : 'must be a percentage like 60 or 33.33%' };
  const parsed = parsePounds(text);
  return parsed.ok
    ? parsed
    : {
        ok: false,
        reason: parsed.reason.replace('an amount in pounds and pence, like 1234.56 or £1,234.56', 'a percentage like 60 or 33.33%'),
      };
}
