// The NHS minimum contribution to adult social care worked out by the BCF year's rule (issue "The BCF year as it is
// today", item 4): the previous year's baseline x (1 + the year's uplift), exact in whole numbers and rounded once to
// the penny, half up; BCF policy framework 2025 to 2026: "rises 3.9% over each HWB's 2024/25 baseline" (domain.md).
// Pure: the server works out each fund's requirement with it, the plan's checklist and settings form word it.
import { formatPence } from './money';

/** The one rounding of the worked figure, in the words every page, checklist and workbook shows. */
export const NHS_MINIMUM_ROUNDING = 'rounded to the penny, half up';

/** 100% in basis points: the uplift is a share of the baseline in these. */
const WHOLE_BP = 10_000n;
/** Basis points of a penny: the exact product is in 1/10,000ths of a penny. */
const EXACT_PER_PENNY = WHOLE_BP;
/** The exact product in pounds has at most six decimals: two for the pence, four for the basis points. */
const EXACT_PER_POUND = 100n * EXACT_PER_PENNY;

/** The working of one uplift: baseline, uplift, the exact product as text and the result in pence. */
export interface NhsMinimumUplift {
  baselinePence: number;
  upliftBp: number;
  /** The exact product in pounds, every decimal it has: "£8,310,276.299". */
  exactText: string;
  /** The exact product rounded to the penny, half up. */
  resultPence: number;
}

/** Where the baseline came from: the previous financial year's fund of the partnership (its own requirement), the
 * figure typed in this fund's settings, or nowhere yet. */
export type NhsMinimumBaselineFrom = { fundId: number; name: string; financialYear: string } | 'typed' | null;

/** A fund's NHS-minimum-to-ASC requirement with its working, as the plan API returns it. */
export interface NhsMinimumWorking {
  /** The financial year the baseline belongs to: the one before the fund's ("2024/25" for a 2025/26 fund). */
  baselineYear: string;
  /** The baseline the uplift applies to (null: none yet, or the year types its minimum). */
  baselinePence: number | null;
  baselineFrom: NhsMinimumBaselineFrom;
  /** The fund's BCF year's uplift in basis points (390 = 3.9%); null: the year's minimum is typed, not worked out. */
  upliftBp: number | null;
  /** The exact product as text, when there is one (NhsMinimumUplift.exactText). */
  exactText: string | null;
  /** Baseline x (1 + uplift), rounded to the penny half up; null without a baseline or in a year without an uplift. */
  workedPence: number | null;
  overridePence: number | null;
  overrideReason: string | null;
  /** What the ring-fence check requires: the override, else the worked figure, else (a year without an uplift) the
   * typed minimum; null: no requirement (a typed £0.00) or, in a year with an uplift, no baseline yet. */
  requiredPence: number | null;
}

function assertBaseline(pence: number): void {
  if (!Number.isSafeInteger(pence) || pence < 0)
    throw new RangeError(`Baseline must be a whole number of pence of 0 or more, got ${pence}`);
}

function assertUplift(bp: number): void {
  if (!Number.isSafeInteger(bp) || bp < -10_000 || bp > 10_000) {
    throw new RangeError(`Uplift must be a whole number of basis points from -10000 to 10000, got ${bp}`);
  }
}

/** A non-negative exact amount in 1/`per` units as decimal text: whole part with en-GB separators, then the fraction
 * with its trailing zeros dropped, keeping at least `minDecimals`. */
function decimalText(amount: bigint, per: bigint, decimals: number, minDecimals: number): string {
  const whole = amount / per;
  let fraction = (amount % per).toString().padStart(decimals, '0');
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const wholeText = new Intl.NumberFormat('en-GB').format(whole);
  return fraction === '' ? wholeText : `${wholeText}.${fraction}`;
}

/** The multiplier of an uplift as people write it: 390 -> "1.039", 0 -> "1", -50 -> "0.995", -10000 -> "0". */
export function upliftFactorText(upliftBp: number): string {
  assertUplift(upliftBp);
  return decimalText(WHOLE_BP + BigInt(upliftBp), WHOLE_BP, 4, 0);
}

/**
 * Baseline x (1 + uplift): the exact product is baseline x (10000 + uplift) / 10000 pence, worked in BigInt (the
 * product of two safe integers can pass 2^53), then rounded once to the penny, half up (a product exactly half a
 * penny over rounds up). Baseline and factor are never negative, so "half up" and "half away from zero" agree.
 */
export function upliftedMinimum(baselinePence: number, upliftBp: number): NhsMinimumUplift {
  assertBaseline(baselinePence);
  assertUplift(upliftBp);
  const exact = BigInt(baselinePence) * (WHOLE_BP + BigInt(upliftBp)); // in 1/10,000ths of a penny
  const resultPence = Number((exact + EXACT_PER_PENNY / 2n) / EXACT_PER_PENNY);
  return { baselinePence, upliftBp, exactText: `£${decimalText(exact, EXACT_PER_POUND, 6, 2)}`, resultPence };
}

/** What a fund's requirement is worked out from (read by the server from the fund, its year and the previous fund). */
export interface NhsMinimumInputs {
  /** The year before the fund's financial year, whose figure is the baseline. */
  baselineYear: string;
  /** The fund's BCF year's uplift; null: the year's plan types the minimum (2023-25). */
  upliftBp: number | null;
  /** The fund's typed minimum (plan settings minNhsToSocialCarePence; 0: no requirement). */
  typedMinimumPence: number;
  /** The previous financial year's fund of the same partnership and its own requirement, if there is one. */
  previous: { fundId: number; name: string; financialYear: string; requiredPence: number | null } | null;
  typedBaselinePence: number | null;
  overridePence: number | null;
  overrideReason: string | null;
}

/**
 * The requirement by the year's rule. A year without an uplift keeps the typed minimum (£0.00: none), as before. A
 * year with one works it out from the baseline: the previous year's fund's own requirement when that fund has one,
 * else the typed baseline; with neither there is no requirement yet (the checklist asks for the baseline). An override
 * (which the server accepts only with a reason) wins over the worked figure.
 */
export function nhsMinimumWorking(inputs: NhsMinimumInputs): NhsMinimumWorking {
  const { baselineYear, upliftBp, overridePence, overrideReason } = inputs;
  if (upliftBp === null) {
    const typed = inputs.typedMinimumPence === 0 ? null : inputs.typedMinimumPence;
    return {
      baselineYear,
      baselinePence: null,
      baselineFrom: null,
      upliftBp,
      exactText: null,
      workedPence: null,
      overridePence: null,
      overrideReason: null,
      requiredPence: typed,
    };
  }
  const { previous } = inputs;
  let baselinePence: number | null = null;
  let baselineFrom: NhsMinimumBaselineFrom = null;
  if (previous && previous.requiredPence !== null) {
    baselinePence = previous.requiredPence;
    baselineFrom = { fundId: previous.fundId, name: previous.name, financialYear: previous.financialYear };
  } else if (inputs.typedBaselinePence !== null) {
    baselinePence = inputs.typedBaselinePence;
    baselineFrom = 'typed';
  }
  const worked = baselinePence === null ? null : upliftedMinimum(baselinePence, upliftBp);
  return {
    baselineYear,
    baselinePence,
    baselineFrom,
    upliftBp,
    exactText: worked?.exactText ?? null,
    workedPence: worked?.resultPence ?? null,
    overridePence,
    overrideReason: overridePence === null ? null : overrideReason,
    requiredPence: overridePence ?? worked?.resultPence ?? null,
  };
}

/** The working in words: "£8,310,276.30 = 2024/25 baseline £7,998,341.00 x 1.039 (rounded to the penny, half up)";
 * null when nothing is worked out (a year without an uplift, or no baseline yet). */
export function workedText(working: NhsMinimumWorking): string | null {
  if (working.upliftBp === null || working.baselinePence === null || working.workedPence === null) return null;
  return `${formatPence(working.workedPence)} = ${working.baselineYear} baseline ${formatPence(working.baselinePence)} x ${upliftFactorText(working.upliftBp)} (${NHS_MINIMUM_ROUNDING})`;
}

/** The requirement as the checklist words it after "at least ": the worked figure with its working, or the override
 * with its reason and the figure it replaces; null when there is no requirement to state. */
export function requirementText(working: NhsMinimumWorking): string | null {
  if (working.requiredPence === null) return null;
  const worked = workedText(working);
  if (working.overridePence !== null) {
    const reason = working.overrideReason ? `: ${working.overrideReason}` : '';
    return `${formatPence(working.overridePence)}, overridden${reason}${worked ? ` (worked out: ${worked})` : ''}`;
  }
  return worked ?? formatPence(working.requiredPence);
}
