// The numbers of an appraisal (shared/roi.ts states the rules): Green Book discount factors as exact fractions, and
// ratios of pence in basis points of £1, computed exactly and rounded once.
import { ValidationError } from '../errors';
import { formatPence, MAX_AMOUNT_PENCE } from '../money';
import { describeValue } from '../schema/fields';
import { toFieldErrors, type SplitProblem } from '../split';

export const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

export function refusal(...problems: [SplitProblem['path'], string][]): ValidationError {
  return new ValidationError(toFieldErrors(problems.map(([path, message]) => ({ path, message }))));
}

/** The largest ratio a range may state: £1,000 saved per £1. */
export const MAX_PER_POUND_BP = 10_000_000;
export const PER_POUND_RULE = `must be a whole number of basis points of £1 from 0 to ${MAX_PER_POUND_BP} (7300 = £0.73 per £1)`;

// ---- discounting ----

export type DiscountKind = 'standard' | 'health';

/** The last year the Green Book's second band of rates covers (years 31-75). */
export const LAST_APPRAISAL_YEAR = 75;

/** The year the Green Book's first band of rates ends (years 0-30). */
export const FIRST_BAND_LAST_YEAR = 30;

/** 1 + r for each band, as an exact fraction: numerator / denominator. */
export const GROWTH: Record<DiscountKind, readonly [first: Fraction, second: Fraction]> = {
  standard: [
    { numerator: 207n, denominator: 200n }, // 3.5%
    { numerator: 103n, denominator: 100n }, // 3.0%
  ],
  health: [
    { numerator: 203n, denominator: 200n }, // 1.5%
    { numerator: 10_129n, denominator: 10_000n }, // 1.29%
  ],
};

/** A non-negative exact fraction. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export const YEAR_RULE = `must be a whole number from 0 to ${LAST_APPRAISAL_YEAR} (the years the Green Book discount rates cover)`;

export const factorCache = new Map<string, Fraction>();

/** The exact Green Book discount factor of `year`: what £1 in that year is worth now. */
export function exactDiscountFactor(year: number, kind: DiscountKind = 'standard'): Fraction {
  if (!isWhole(year, 0, LAST_APPRAISAL_YEAR)) throw refusal([['year'], `Year ${YEAR_RULE}, got ${describeValue(year)}`]);
  if (kind !== 'standard' && kind !== 'health') {
    throw refusal([['kind'], `Discount kind must be 'standard' or 'health', got ${describeValue(kind)}`]);
  }
  const key = `${kind}:${year}`;
  const cached = factorCache.get(key);
  if (cached) return cached;
  const [first, second] = GROWTH[kind];
  const firstYears = BigInt(Math.min(year, FIRST_BAND_LAST_YEAR));
  const secondYears = BigInt(Math.max(0, year - FIRST_BAND_LAST_YEAR));
  // The factor is 1 / growth, so the growth's denominator goes on top.
  const factor = {
    numerator: first.denominator ** firstYears * second.denominator ** secondYears,
    denominator: first.numerator ** firstYears * second.numerator ** secondYears,
  };
  factorCache.set(key, factor);
  return factor;
}

export const DISPLAY_SCALE = 10n ** 15n;

/** The Green Book discount factor of `year` as a number, for display only (15 decimal places, rounded half up):
 * discountFactor(1) = 0.966183574879227. Amounts are discounted with exactDiscountFactor, never with this. */
export function discountFactor(year: number, kind: DiscountKind = 'standard'): number {
  const factor = exactDiscountFactor(year, kind);
  return Number(divideHalfUp(factor.numerator * DISPLAY_SCALE, factor.denominator)) / Number(DISPLAY_SCALE);
}

// ---- ratios ----

export const BP = 10_000n;

/** `numerator / denominator` rounded to a whole number, half away from zero (half up for the amounts here). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** A ratio of two amounts in basis points of £1 (benefit per £1 of cost), exact and rounded once half up; null when the
 * cost is 0 (nothing was spent, so there is nothing to divide by). A ratio too large to hold exactly (a benefit over
 * £900bn for each £1) is refused at `costPath` rather than rounded. */
export function perPoundBp(benefitPence: number, costPence: number, costPath: string): number | null {
  if (costPence === 0) return null;
  const ratio = divideHalfUp(BigInt(benefitPence) * BP, BigInt(costPence));
  if (ratio > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw refusal([
      [costPath],
      `Cost must be large enough against the benefit for savings per £1 to be exact (at most ${formatPerPound(Number.MAX_SAFE_INTEGER)} per £1), got ${formatPence(costPence)} against ${formatPence(benefitPence)}`,
    ]);
  }
  return Number(ratio);
}

export const penceRule = `must be a whole number of pence from 0 up to ${formatPence(MAX_AMOUNT_PENCE)}`;

/**
 * Savings per £1 spent, in basis points of £1: savedPerPound(73_000_000, 100_000_000) = 7300 (£730,000 saved on
 * £1,000,000 spent: £0.73 per £1). Rounded once, half up; null when nothing was spent.
 */
export function savedPerPound(benefitPence: number, costPence: number): number | null {
  const problems: SplitProblem[] = [];
  if (!isWhole(benefitPence, 0, MAX_AMOUNT_PENCE)) {
    problems.push({ path: ['benefitPence'], message: `Benefit ${penceRule}, got ${describeValue(benefitPence)}` });
  }
  if (!isWhole(costPence, 0, MAX_AMOUNT_PENCE)) {
    problems.push({ path: ['costPence'], message: `Cost ${penceRule}, got ${describeValue(costPence)}` });
  }
  if (problems.length > 0) throw new ValidationError(toFieldErrors(problems));
  return perPoundBp(benefitPence, costPence, 'costPence');
}

/** What a ratio in basis points of £1 implies is saved on a cost: £60,000,000 at 12000 (£1.20 per £1) is £72,000,000.
 * Rounded once, half up, to a whole penny. */
export function savingsAtPerPound(costPence: number, perPound: number): number {
  const problems: SplitProblem[] = [];
  if (!isWhole(costPence, 0, MAX_AMOUNT_PENCE)) {
    problems.push({ path: ['costPence'], message: `Cost ${penceRule}, got ${describeValue(costPence)}` });
  }
  if (!isWhole(perPound, 0, MAX_PER_POUND_BP))
    problems.push({ path: ['perPoundBp'], message: `Savings per £1 ${PER_POUND_RULE}, got ${describeValue(perPound)}` });
  if (problems.length > 0) throw new ValidationError(toFieldErrors(problems));
  return Number(divideHalfUp(BigInt(costPence) * BigInt(perPound), BP));
}

/** Basis points of £1 as pounds and pence per £1, rounded half up to a whole penny: 7300 -> "£0.73", 12000 -> "£1.20",
 * 7350 -> "£0.74". */
export function formatPerPound(bp: number): string {
  if (!Number.isSafeInteger(bp)) throw new RangeError(`savings per £1 must be whole basis points, got ${String(bp)}`);
  return formatPence(Number(divideHalfUp(BigInt(bp), 100n)));
}

/** A ratio in basis points (a benefit-cost ratio) as a plain number to two decimals, exactly, half up:
 * 12000 -> "1.20", 12345 -> "1.23". Not money, so no pound sign (savings per £1 use formatPerPound). */
export function formatRatio(bp: number): string {
  const abs = Math.abs(bp);
  const hundredths = (abs - (abs % 100)) / 100 + (abs % 100 >= 50 ? 1 : 0);
  const rest = hundredths % 100;
  return `${bp < 0 ? '-' : ''}${((hundredths - rest) / 100).toLocaleString('en-GB')}.${String(rest).padStart(2, '0')}`;
}
