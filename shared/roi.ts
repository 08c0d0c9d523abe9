// The return-on-investment engine (domain.md "Return on investment"): what a scheme or fund costs, what it saves and
// for whom, savings per £1, net present value, benefit-cost ratio and payback, by the HM Treasury Green Book. Pure.
//
// The rules, in full:
// Representation
// - Money is integer pence (design rule 1), never a float. Adjustments are whole basis points (10000 = 100%). Ratios
//   (savings per £1, benefit-cost ratio) are whole basis points of £1: 7300 = £0.73 saved for each £1 spent. A ratio
//   is computed exactly in BigInt from the pence and rounded once, half up; it is null when there is no cost to divide
//   by.
// - Years are whole numbers from 0 (the first year of the appraisal, undiscounted) to 75, where the Green Book's
//   second band of rates ends.
// Benefits
// - A benefit line is activity avoided (a whole number: bed-days, admissions) x a unit cost in pence, for each year of
//   its profile: the gross benefit. The line names the agency or partner that saves it (a cashable fiscal benefit,
//   GMCA cost-benefit model / HM Treasury "Supporting public service transformation: cost benefit analysis guidance
//   for local partnerships", 2014) and the evidence it rests on.
// - The gross benefit is adjusted in this fixed order (research/bcf-domain.md section 8.10, after the GMCA model's
//   deadweight, attribution, optimism bias and drop-off; displacement is not modelled yet):
//     1. deadweight: remove what would have happened anyway, x (10000 - deadweightBp) / 10000;
//     2. attribution: keep the share of the change that is due to this scheme, x attributionBp / 10000 (10000, the
//        default, credits the scheme with all of it; note that some SROI guides state attribution the other way
//        round, as the share due to others);
//     3. optimism bias: reduce the benefit, x (10000 - optimismBiasBenefitBp) / 10000 (Green Book: appraisers
//        systematically overstate benefits and understate costs);
//     4. drop-off: the benefit falls by dropOffBp a year after the line's first year with any activity, compounding:
//        x ((10000 - dropOffBp) / 10000)^n in the n-th year after that first year.
//   Every step is a multiplication, so the net benefit does not depend on the order; the order fixes what a board is
//   shown each step removing (the waterfall: gross, after deadweight, after attribution, after optimism bias, net).
//   The appraisal's adjustments apply to every line; a line may override any of the four with its own.
// Costs
// - Cost lines are pence by year and by the partner that pays (who invests). Optimism bias raises them,
//   x (10000 + optimismBiasCostBp) / 10000 (Green Book supplementary guidance on optimism bias).
// Discounting (HM Treasury, The Green Book, 2022, Annex A6: the social time preference rate)
// - Standard values: 3.5% a year for years 1-30, 3.0% for years 31-75. Health values (a flag per benefit line, for
//   values of health itself): 1.5% for years 1-30, 1.29% for years 31-75. Costs are always standard.
// - Each year's rate discounts it from the year before, so the factor of year t is the product of 1 / (1 + r) over
//   years 1..t: year 0 is 1, year 30 is 1 / 1.035^30, year 31 is 1 / (1.035^30 x 1.03). Factors are exact fractions
//   (1.035 = 207/200, 1.03 = 103/100, 1.015 = 203/200, 1.0129 = 10129/10000) held in BigInt.
// Rounding
// - Each line-year figure (a cost as uplifted and its present value; a benefit after each adjustment step and its
//   present value) is rounded to whole pence ONCE, half up, from its exact value, never from another rounded figure.
//   Totals (per line, per year, per party, the whole appraisal) are exact sums of those pence, so every table adds up
//   to its total. Rounding half up is monotone, so a present value never exceeds its undiscounted figure.
// Outputs
// - Savings per £1: net benefit / cost as uplifted, undiscounted (as POPP reported it), and discounted (present value
//   of benefits / present value of costs). Net present value = PV benefits - PV costs. Benefit-cost ratio = PV
//   benefits / PV costs (Green Book); while every benefit line is a fiscal saving it equals the discounted savings
//   per £1.
// - Payback year: the first year, from the first year in which money is spent, in which the cumulative discounted net
//   benefit (PV benefits - PV costs, summed from year 0) is zero or more; null if that never happens within the years
//   appraised, or if nothing is spent.
// - Who invests vs who benefits: per party, its costs against the benefits it receives, exact sums of the line-years.
// - Every output carries the evidence ids of the benefit lines behind it, ascending and once each.
import { ValidationError } from './errors';
import { formatPence, MAX_AMOUNT_PENCE } from './money';
import { describeValue } from './schema/fields';
import { isParty, PARTY_RULE, toFieldErrors, type Party, type SplitProblem } from './split';

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

function refusal(...problems: [SplitProblem['path'], string][]): ValidationError {
  return new ValidationError(toFieldErrors(problems.map(([path, message]) => ({ path, message }))));
}

// ---- discounting ----

export type DiscountKind = 'standard' | 'health';

/** The last year the Green Book's second band of rates covers (years 31-75). */
export const LAST_APPRAISAL_YEAR = 75;

/** The year the Green Book's first band of rates ends (years 0-30). */
const FIRST_BAND_LAST_YEAR = 30;

/** 1 + r for each band, as an exact fraction: numerator / denominator. */
const GROWTH: Record<DiscountKind, readonly [first: Fraction, second: Fraction]> = {
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

const YEAR_RULE = `must be a whole number from 0 to ${LAST_APPRAISAL_YEAR} (the years the Green Book discount rates cover)`;

const factorCache = new Map<string, Fraction>();

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

const DISPLAY_SCALE = 10n ** 15n;

/** The Green Book discount factor of `year` as a number, for display only (15 decimal places, rounded half up):
 * discountFactor(1) = 0.966183574879227. Amounts are discounted with exactDiscountFactor, never with this. */
export function discountFactor(year: number, kind: DiscountKind = 'standard'): number {
  const factor = exactDiscountFactor(year, kind);
  return Number(divideHalfUp(factor.numerator * DISPLAY_SCALE, factor.denominator)) / Number(DISPLAY_SCALE);
}

// ---- ratios ----

const BP = 10_000n;

/** `numerator / denominator` rounded to a whole number, half away from zero (half up for the amounts here). */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** A ratio of two amounts in basis points of £1 (benefit per £1 of cost), exact and rounded once half up; null when the
 * cost is 0 (nothing was spent, so there is nothing to divide by). A ratio too large to hold exactly (a benefit over
 * £900bn for each £1) is refused at `costPath` rather than rounded. */
function perPoundBp(benefitPence: number, costPence: number, costPath: string): number | null {
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

const penceRule = `must be a whole number of pence from 0 up to ${formatPence(MAX_AMOUNT_PENCE)}`;

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

// ---- the appraisal's input ----

/** A cost: what one partner puts in, in one year. */
export interface CostLine {
  party: Party;
  year: number;
  pence: number;
  label?: string;
}

/** Activity avoided in one year of a benefit line (bed-days, admissions, placements). */
export interface ActivityYear {
  year: number;
  activity: number;
}

/** The adjustments to a benefit, in basis points (see the order at the top of this file). */
export interface BenefitAdjustments {
  /** What would have happened anyway; 0 by default. */
  deadweightBp?: number;
  /** The share of the change due to this scheme; 10000 (all of it) by default. */
  attributionBp?: number;
  /** The Green Book's optimism bias on benefits: how far they are reduced; 0 by default. */
  optimismBiasBenefitBp?: number;
  /** How far the benefit falls each year after its first; 0 by default. */
  dropOffBp?: number;
}

export interface Adjustments extends BenefitAdjustments {
  /** The Green Book's optimism bias on costs: how far they are raised; 0 by default. */
  optimismBiasCostBp?: number;
}

export interface BenefitLine {
  label?: string;
  /** The agency or partner that saves the money (a sector code or org:<id>). */
  party: Party;
  unitCostPence: number;
  profile: readonly ActivityYear[];
  /** Discount at the Green Book's health rate (1.5%) rather than the standard 3.5%. */
  healthValue?: boolean;
  /** The evidence item the line rests on, or null when it rests on a local estimate only. */
  evidenceId: number | null;
  /** This line's own adjustments, over the appraisal's. */
  adjustments?: BenefitAdjustments;
}

export interface RoiInput {
  costs: readonly CostLine[];
  benefits: readonly BenefitLine[];
  adjustments?: Adjustments;
}

/** Every adjustment, with the defaults filled in. */
export type FullAdjustments = { [K in keyof Adjustments]-?: number };

export const DEFAULT_ADJUSTMENTS: FullAdjustments = {
  deadweightBp: 0,
  attributionBp: 10_000,
  optimismBiasBenefitBp: 0,
  dropOffBp: 0,
  optimismBiasCostBp: 0,
};

/** What a person calls each adjustment, in messages and on screen. */
export const ADJUSTMENT_LABELS: Record<keyof FullAdjustments, string> = {
  deadweightBp: 'Deadweight',
  attributionBp: 'Credited to this scheme (%)',
  optimismBiasBenefitBp: 'Optimism bias (benefits)',
  dropOffBp: 'Drop-off',
  optimismBiasCostBp: 'Optimism bias (costs)',
};

/** Attribution is stated both ways round in the guides; this tool's figure is the share KEPT (issue 13). Every place
 * that shows or asks for it (grid, forms, workbook, PDF, README) says so with this text, so a board cannot read 20% as
 * its opposite. */
export const ATTRIBUTION_HELP =
  'The share of the change credited to this scheme (attribution as kept): 100% credits the scheme with all of it. Many SROI and HM Treasury-aligned guides state attribution the other way round, as the share due to others that is taken off: their 20% attribution is 80% here.';

export const BASIS_POINTS_RULE = 'must be a whole number of basis points from 0 to 10000 (100%)';

/** Activity avoided in one year of one line: far more than any area's bed-days in a year. */
export const MAX_ACTIVITY = 1_000_000_000;

/** The largest ratio a range may state: £1,000 saved per £1. */
export const MAX_PER_POUND_BP = 10_000_000;
const PER_POUND_RULE = `must be a whole number of basis points of £1 from 0 to ${MAX_PER_POUND_BP} (7300 = £0.73 per £1)`;

const LABEL_MAX_LENGTH = 200;

// ---- validation ----

const APPRAISAL_ADJUSTMENTS = Object.keys(DEFAULT_ADJUSTMENTS) as (keyof FullAdjustments)[];
// Optimism bias on costs belongs to the appraisal's costs, so a benefit line cannot carry it.
const LINE_ADJUSTMENTS = APPRAISAL_ADJUSTMENTS.filter((key) => key !== 'optimismBiasCostBp');

function adjustmentProblems(
  adjustments: Adjustments | undefined,
  path: (string | number)[],
  allowed: readonly (keyof FullAdjustments)[],
): SplitProblem[] {
  if (adjustments === undefined) return [];
  const problems: SplitProblem[] = [];
  for (const [key, value] of Object.entries(adjustments)) {
    const known = allowed.find((name) => name === key);
    if (known === undefined) {
      problems.push({ path: [...path, key], message: `Adjustments must be among ${allowed.join(', ')}, got ${describeValue(key)}` });
    } else if (value !== undefined && !isWhole(value, 0, 10_000)) {
      problems.push({ path: [...path, key], message: `${ADJUSTMENT_LABELS[known]} ${BASIS_POINTS_RULE}, got ${describeValue(value)}` });
    }
  }
  return problems;
}

function labelProblems(label: unknown, path: (string | number)[]): SplitProblem[] {
  if (label === undefined || (typeof label === 'string' && label.length <= LABEL_MAX_LENGTH)) return [];
  return [{ path, message: `Label must be text of at most ${LABEL_MAX_LENGTH} characters, got ${describeValue(label)}` }];
}

function costLineProblems(line: CostLine, index: number): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const add = (field: string, message: string) => problems.push({ path: ['costs', index, field], message });
  if (!isParty(line.party)) add('party', `Party ${PARTY_RULE}, got ${describeValue(line.party)}`);
  if (!isWhole(line.year, 0, LAST_APPRAISAL_YEAR)) add('year', `Year ${YEAR_RULE}, got ${describeValue(line.year)}`);
  if (!isWhole(line.pence, 0, MAX_AMOUNT_PENCE)) add('pence', `Cost ${penceRule}, got ${describeValue(line.pence)}`);
  return [...problems, ...labelProblems(line.label, ['costs', index, 'label'])];
}

function benefitLineProblems(line: BenefitLine, index: number): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const at = (...rest: (string | number)[]) => ['benefits', index, ...rest];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (!isParty(line.party)) add(at('party'), `Party ${PARTY_RULE}, got ${describeValue(line.party)}`);
  if (!isWhole(line.unitCostPence, 0, MAX_AMOUNT_PENCE)) {
    add(at('unitCostPence'), `Unit cost ${penceRule}, got ${describeValue(line.unitCostPence)}`);
  }
  if (line.healthValue !== undefined && typeof line.healthValue !== 'boolean') {
    add(at('healthValue'), `Health value must be true (discount at 1.5%) or false (3.5%), got ${describeValue(line.healthValue)}`);
  }
  if (line.evidenceId !== null && !isWhole(line.evidenceId, 1, Number.MAX_SAFE_INTEGER)) {
    add(at('evidenceId'), `Evidence must be a whole number id of 1 or more, or null, got ${describeValue(line.evidenceId)}`);
  }
  if (!Array.isArray(line.profile)) add(at('profile'), `Profile must be a list of years and activity, got ${describeValue(line.profile)}`);
  else problems.push(...profileProblems(line.profile, at('profile')));
  return [
    ...problems,
    ...labelProblems(line.label, at('label')),
    ...adjustmentProblems(line.adjustments, at('adjustments'), LINE_ADJUSTMENTS),
  ];
}

function profileProblems(profile: readonly ActivityYear[], path: (string | number)[]): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const first = new Map<number, number>();
  profile.forEach((entry, index) => {
    if (!isWhole(entry.year, 0, LAST_APPRAISAL_YEAR)) {
      problems.push({ path: [...path, index, 'year'], message: `Year ${YEAR_RULE}, got ${describeValue(entry.year)}` });
    } else {
      const earlier = first.get(entry.year);
      if (earlier === undefined) first.set(entry.year, index);
      else {
        problems.push({
          path: [...path, index, 'year'],
          message: `Year must be listed once in a profile, got ${entry.year} again (first at entry ${earlier + 1}); put the year's whole activity on one line`,
        });
      }
    }
    if (!isWhole(entry.activity, 0, MAX_ACTIVITY)) {
      problems.push({
        path: [...path, index, 'activity'],
        message: `Activity avoided must be a whole number from 0 to ${MAX_ACTIVITY.toLocaleString('en-GB')}, got ${describeValue(entry.activity)}`,
      });
    }
  });
  return problems;
}

/** The totals must stay where integers are exact; every other figure is at most one of these. */
function totalProblems(input: RoiInput): SplitProblem[] {
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  const problems: SplitProblem[] = [];
  const costOb = BigInt(input.adjustments?.optimismBiasCostBp ?? 0);
  const costs = input.costs.reduce((acc, line) => acc + BigInt(line.pence), 0n) * (BP + costOb);
  if (costs > limit * BP) {
    problems.push({
      path: ['costs'],
      message: `Costs must add up to at most ${formatPence(Number.MAX_SAFE_INTEGER)} after optimism bias, got more`,
    });
  }
  const gross = input.benefits.reduce(
    (acc, line) => acc + line.profile.reduce((sum, entry) => sum + BigInt(entry.activity) * BigInt(line.unitCostPence), 0n),
    0n,
  );
  if (gross > limit) {
    problems.push({
      path: ['benefits'],
      message: `Benefits must add up to at most ${formatPence(Number.MAX_SAFE_INTEGER)} gross, got more`,
    });
  }
  return problems;
}

/** Every rule an appraisal's input breaks, each naming the field, the value and the rule. Empty when it is good. */
export function roiInputProblems(input: RoiInput): SplitProblem[] {
  const problems: SplitProblem[] = [];
  if (!Array.isArray(input.costs)) problems.push({ path: ['costs'], message: `Costs must be a list, got ${describeValue(input.costs)}` });
  else input.costs.forEach((line, index) => problems.push(...costLineProblems(line, index)));
  if (!Array.isArray(input.benefits))
    problems.push({ path: ['benefits'], message: `Benefits must be a list, got ${describeValue(input.benefits)}` });
  else input.benefits.forEach((line, index) => problems.push(...benefitLineProblems(line, index)));
  problems.push(...adjustmentProblems(input.adjustments, ['adjustments'], APPRAISAL_ADJUSTMENTS));
  return problems.length > 0 ? problems : totalProblems(input);
}

// ---- the appraisal's output ----

export interface CostFigures {
  /** As entered. */
  spentPence: number;
  /** Raised by optimism bias: the cost every ratio uses. */
  adjustedPence: number;
  presentValuePence: number;
}

/** A benefit through the adjustment waterfall, in the fixed order, then discounted. */
export interface BenefitFigures {
  grossPence: number;
  afterDeadweightPence: number;
  afterAttributionPence: number;
  afterOptimismBiasPence: number;
  /** After drop-off too: the benefit counted (not net of cost: that is the net present value). */
  netPence: number;
  presentValuePence: number;
}

export interface SavingsPerPound {
  /** Net benefit / cost, neither discounted (as POPP reported it). */
  undiscountedBp: number | null;
  /** PV benefits / PV costs. */
  discountedBp: number | null;
}

export interface BenefitYearResult {
  year: number;
  activity: number;
  /** The factor used, for display. */
  discountFactor: number;
  benefit: BenefitFigures;
}

export interface BenefitLineResult {
  index: number;
  label: string;
  party: Party;
  healthValue: boolean;
  evidenceIds: number[];
  benefit: BenefitFigures;
  years: BenefitYearResult[];
}

export interface YearResult {
  year: number;
  cost: CostFigures;
  benefit: BenefitFigures;
  /** PV benefits - PV costs of this year alone. */
  netPresentValuePence: number;
  /** PV benefits - PV costs from year 0 to this year: what the payback year is read from. */
  cumulativeNetPresentValuePence: number;
  evidenceIds: number[];
}

/** One party's side of "who invests vs who benefits". */
export interface PartyResult {
  party: Party;
  cost: CostFigures;
  benefit: BenefitFigures;
  /** What this party saves less what it puts in, both discounted. */
  netPresentValuePence: number;
  evidenceIds: number[];
}

export interface RoiResult {
  cost: CostFigures;
  benefit: BenefitFigures;
  savingsPerPound: SavingsPerPound;
  netPresentValuePence: number;
  benefitCostRatioBp: number | null;
  paybackYear: number | null;
  /** Every year from 0 to the last year of any line, empty years included. */
  years: YearResult[];
  /** Who invests vs who benefits, in order of first mention (cost lines, then benefit lines). */
  parties: PartyResult[];
  benefitLines: BenefitLineResult[];
  evidenceIds: number[];
}

const zeroCost = (): CostFigures => ({ spentPence: 0, adjustedPence: 0, presentValuePence: 0 });
const zeroBenefit = (): BenefitFigures => ({
  grossPence: 0,
  afterDeadweightPence: 0,
  afterAttributionPence: 0,
  afterOptimismBiasPence: 0,
  netPence: 0,
  presentValuePence: 0,
});

function addCost(into: CostFigures, add: CostFigures): void {
  into.spentPence += add.spentPence;
  into.adjustedPence += add.adjustedPence;
  into.presentValuePence += add.presentValuePence;
}

function addBenefit(into: BenefitFigures, add: BenefitFigures): void {
  into.grossPence += add.grossPence;
  into.afterDeadweightPence += add.afterDeadweightPence;
  into.afterAttributionPence += add.afterAttributionPence;
  into.afterOptimismBiasPence += add.afterOptimismBiasPence;
  into.netPence += add.netPence;
  into.presentValuePence += add.presentValuePence;
}

/** Rounded half up to whole pence: exact figures here are never negative. */
const pence = (exact: Fraction): number => Number(divideHalfUp(exact.numerator, exact.denominator));

const times = (f: Fraction, numerator: bigint, denominator: bigint): Fraction => ({
  numerator: f.numerator * numerator,
  denominator: f.denominator * denominator,
});

const timesFactor = (f: Fraction, factor: Fraction): Fraction => times(f, factor.numerator, factor.denominator);

/** One cost line: uplifted by optimism bias and discounted at the standard rate, each rounded once. */
export function costFigures(line: Pick<CostLine, 'year' | 'pence'>, optimismBiasCostBp: number): CostFigures {
  const adjusted = times({ numerator: BigInt(line.pence), denominator: 1n }, BP + BigInt(optimismBiasCostBp), BP);
  return {
    spentPence: line.pence,
    adjustedPence: pence(adjusted),
    presentValuePence: pence(timesFactor(adjusted, exactDiscountFactor(line.year, 'standard'))),
  };
}

/**
 * One year of one benefit line through the waterfall, in the documented order, then discounted. `yearsAfterFirst` is
 * how many years after the line's first year with activity this one is (the drop-off exponent).
 */
export function benefitFigures(
  grossPence: number,
  adjustments: FullAdjustments,
  yearsAfterFirst: number,
  factor: Fraction,
): BenefitFigures {
  const gross: Fraction = { numerator: BigInt(grossPence), denominator: 1n };
  const afterDeadweight = times(gross, BP - BigInt(adjustments.deadweightBp), BP);
  const afterAttribution = times(afterDeadweight, BigInt(adjustments.attributionBp), BP);
  const afterOptimismBias = times(afterAttribution, BP - BigInt(adjustments.optimismBiasBenefitBp), BP);
  const n = BigInt(yearsAfterFirst);
  const net = times(afterOptimismBias, (BP - BigInt(adjustments.dropOffBp)) ** n, BP ** n);
  return {
    grossPence,
    afterDeadweightPence: pence(afterDeadweight),
    afterAttributionPence: pence(afterAttribution),
    afterOptimismBiasPence: pence(afterOptimismBias),
    netPence: pence(net),
    presentValuePence: pence(timesFactor(net, factor)),
  };
}

/** `given` over `base`: what a line or an appraisal leaves out, it takes from the level above. */
function withDefaults(given: Adjustments | undefined, base: FullAdjustments): FullAdjustments {
  return {
    deadweightBp: given?.deadweightBp ?? base.deadweightBp,
    attributionBp: given?.attributionBp ?? base.attributionBp,
    optimismBiasBenefitBp: given?.optimismBiasBenefitBp ?? base.optimismBiasBenefitBp,
    dropOffBp: given?.dropOffBp ?? base.dropOffBp,
    optimismBiasCostBp: given?.optimismBiasCostBp ?? base.optimismBiasCostBp,
  };
}

function appraiseBenefitLine(line: BenefitLine, index: number, base: FullAdjustments): BenefitLineResult {
  const adjustments = withDefaults(line.adjustments, base);
  const kind: DiscountKind = line.healthValue ? 'health' : 'standard';
  const active = line.profile.filter((entry) => entry.activity > 0).map((entry) => entry.year);
  const firstYear = active.reduce((min, year) => Math.min(min, year), LAST_APPRAISAL_YEAR);
  const years = [...line.profile]
    .sort((a, b) => a.year - b.year)
    .map((entry): BenefitYearResult => {
      const gross = entry.activity * line.unitCostPence; // exact: totals were checked to be safe integers
      return {
        year: entry.year,
        activity: entry.activity,
        discountFactor: discountFactor(entry.year, kind),
        benefit: benefitFigures(gross, adjustments, Math.max(0, entry.year - firstYear), exactDiscountFactor(entry.year, kind)),
      };
    });
  const benefit = zeroBenefit();
  for (const year of years) addBenefit(benefit, year.benefit);
  return {
    index,
    label: line.label ?? `Benefit ${index + 1}`,
    party: line.party,
    healthValue: line.healthValue ?? false,
    evidenceIds: line.evidenceId === null ? [] : [line.evidenceId],
    benefit,
    years,
  };
}

const idsOf = (ids: Iterable<number>): number[] => [...new Set(ids)].sort((a, b) => a - b);

function paybackYear(years: readonly YearResult[]): number | null {
  const firstSpend = years.find((year) => year.cost.adjustedPence > 0);
  if (!firstSpend) return null;
  const paid = years.find((year) => year.year >= firstSpend.year && year.cumulativeNetPresentValuePence >= 0);
  return paid ? paid.year : null;
}

/**
 * Appraise a scheme, a fund or a partnership's programme: cost, benefit through the adjustments, savings per £1, NPV,
 * benefit-cost ratio, payback year, and who invests vs who benefits (the rules are at the top of this file). Throws a
 * ValidationError naming each broken rule.
 */
export function appraise(input: RoiInput): RoiResult {
  const problems = roiInputProblems(input);
  if (problems.length > 0) throw new ValidationError(toFieldErrors(problems));
  const adjustments = withDefaults(input.adjustments, DEFAULT_ADJUSTMENTS);

  const lastYear = [...input.costs.map((c) => c.year), ...input.benefits.flatMap((b) => b.profile.map((p) => p.year))].reduce(
    (max, year) => Math.max(max, year),
    -1,
  );
  const years: YearResult[] = Array.from({ length: lastYear + 1 }, (_, year) => ({
    year,
    cost: zeroCost(),
    benefit: zeroBenefit(),
    netPresentValuePence: 0,
    cumulativeNetPresentValuePence: 0,
    evidenceIds: [],
  }));
  const parties = new Map<Party, PartyResult>();
  const partyOf = (party: Party): PartyResult => {
    const found = parties.get(party);
    if (found) return found;
    const fresh: PartyResult = { party, cost: zeroCost(), benefit: zeroBenefit(), netPresentValuePence: 0, evidenceIds: [] };
    parties.set(party, fresh);
    return fresh;
  };

  const cost = zeroCost();
  for (const line of input.costs) {
    const figures = costFigures(line, adjustments.optimismBiasCostBp);
    addCost(cost, figures);
    addCost(partyOf(line.party).cost, figures);
    const year = years[line.year];
    if (year) addCost(year.cost, figures);
  }

  const benefit = zeroBenefit();
  const benefitLines = input.benefits.map((line, index) => appraiseBenefitLine(line, index, adjustments));
  for (const line of benefitLines) {
    addBenefit(benefit, line.benefit);
    const party = partyOf(line.party);
    addBenefit(party.benefit, line.benefit);
    party.evidenceIds = idsOf([...party.evidenceIds, ...line.evidenceIds]);
    for (const entry of line.years) {
      const year = years[entry.year];
      if (!year) continue;
      addBenefit(year.benefit, entry.benefit);
      if (entry.benefit.grossPence > 0) year.evidenceIds = idsOf([...year.evidenceIds, ...line.evidenceIds]);
    }
  }

  let cumulative = 0;
  for (const year of years) {
    year.netPresentValuePence = year.benefit.presentValuePence - year.cost.presentValuePence;
    cumulative += year.netPresentValuePence;
    year.cumulativeNetPresentValuePence = cumulative;
  }
  for (const party of parties.values()) party.netPresentValuePence = party.benefit.presentValuePence - party.cost.presentValuePence;

  return {
    cost,
    benefit,
    savingsPerPound: {
      undiscountedBp: perPoundBp(benefit.netPence, cost.adjustedPence, 'costs'),
      discountedBp: perPoundBp(benefit.presentValuePence, cost.presentValuePence, 'costs'),
    },
    netPresentValuePence: benefit.presentValuePence - cost.presentValuePence,
    benefitCostRatioBp: perPoundBp(benefit.presentValuePence, cost.presentValuePence, 'costs'),
    paybackYear: paybackYear(years),
    years,
    parties: [...parties.values()],
    benefitLines,
    evidenceIds: idsOf(benefitLines.flatMap((line) => line.evidenceIds)),
  };
}

// ---- sensitivity ----

/** A low / central / high band of savings per £1, in basis points of £1, with the evidence behind it. */
export interface SensitivityBand {
  lowBp: number | null;
  centralBp: number | null;
  highBp: number | null;
  evidenceIds: number[];
}

/** An evidence figure stated per £1: POPP's final report, £1.20 (range £0.80-£1.60), is 12000 (8000-16000). */
export interface PerPoundRange {
  lowBp: number;
  centralBp: number;
  highBp: number;
  evidenceId: number | null;
}

/** An evidence range for the unit cost of one benefit line; the line's own unit cost is the central value. */
export interface UnitCostRange {
  benefitIndex: number;
  lowPence: number;
  highPence: number;
  evidenceId: number | null;
  /** Which savings per £1 the band is of: undiscounted (as POPP reported it, the default) or discounted. */
  basis?: 'undiscounted' | 'discounted';
}

/** A field of a range, for messages: where it is and what a person calls it. */
export interface RangeField {
  path: (string | number)[];
  label: string;
}

/**
 * The problem with a low / central / high range, or none: low must be at most high, and the central value (when
 * there is one) from low to high. `show` writes a value as the person would read it (£0.80 per £1, £400.00).
 */
export function rangeProblems(
  range: { low: number; central: number | null; high: number },
  fields: { low: RangeField; central: RangeField; high: RangeField },
  show: (value: number) => string,
): SplitProblem[] {
  const { low, central, high } = fields;
  if (range.low > range.high) {
    return [
      {
        path: low.path,
        message: `${low.label} must be at most the ${high.label.toLowerCase()} (${show(range.high)}), got ${show(range.low)}`,
      },
    ];
  }
  if (range.central !== null && (range.central < range.low || range.central > range.high)) {
    return [
      {
        path: central.path,
        message: `${central.label} must be from the ${low.label.toLowerCase()} to the ${high.label.toLowerCase()} (${show(range.low)} to ${show(range.high)}), got ${show(range.central)}`,
      },
    ];
  }
  return [];
}

const showPerPound = (bp: number) => `${formatPerPound(bp)} per £1`;

function evidenceIdProblems(evidenceId: unknown, path: string): SplitProblem[] {
  if (evidenceId === null || isWhole(evidenceId, 1, Number.MAX_SAFE_INTEGER)) return [];
  return [{ path: [path], message: `Evidence must be a whole number id of 1 or more, or null, got ${describeValue(evidenceId)}` }];
}

const PER_POUND_FIELDS = {
  low: { path: ['lowBp'], label: 'Low value' },
  central: { path: ['centralBp'], label: 'Central value' },
  high: { path: ['highBp'], label: 'High value' },
} as const satisfies Record<string, RangeField>;

/** The band an evidence figure stated per £1 gives, checked: low <= central <= high, each whole basis points of £1. */
export function perPoundBand(range: PerPoundRange): SensitivityBand {
  const problems: SplitProblem[] = [];
  const values = { low: range.lowBp, central: range.centralBp, high: range.highBp };
  for (const key of ['low', 'central', 'high'] as const) {
    const field = PER_POUND_FIELDS[key];
    if (!isWhole(values[key], 0, MAX_PER_POUND_BP)) {
      problems.push({ path: [...field.path], message: `${field.label} ${PER_POUND_RULE}, got ${describeValue(values[key])}` });
    }
  }
  problems.push(...evidenceIdProblems(range.evidenceId, 'evidenceId'));
  if (problems.length === 0) problems.push(...rangeProblems(values, PER_POUND_FIELDS, showPerPound));
  if (problems.length > 0) throw new ValidationError(toFieldErrors(problems));
  return {
    lowBp: range.lowBp,
    centralBp: range.centralBp,
    highBp: range.highBp,
    evidenceIds: range.evidenceId === null ? [] : [range.evidenceId],
  };
}

function unitCostRangeProblems(input: RoiInput, range: UnitCostRange): SplitProblem[] {
  const problems = roiInputProblems(input).map((p) => ({ ...p, path: ['input', ...p.path] }));
  const line = input.benefits[range.benefitIndex];
  if (!line || !isWhole(range.benefitIndex, 0, input.benefits.length - 1)) {
    problems.push({
      path: ['benefitIndex'],
      message: `Benefit line must be the 0-based index of one of the ${input.benefits.length} benefit lines, got ${describeValue(range.benefitIndex)}`,
    });
  }
  const fields = {
    low: { path: ['lowPence'], label: 'Low unit cost' },
    central: { path: ['input', 'benefits', range.benefitIndex, 'unitCostPence'], label: 'Unit cost' },
    high: { path: ['highPence'], label: 'High unit cost' },
  };
  for (const [key, value] of [
    ['low', range.lowPence],
    ['high', range.highPence],
  ] as const) {
    if (!isWhole(value, 0, MAX_AMOUNT_PENCE)) {
      problems.push({ path: fields[key].path, message: `${fields[key].label} ${penceRule}, got ${describeValue(value)}` });
    }
  }
  if (range.basis !== undefined && range.basis !== 'undiscounted' && range.basis !== 'discounted') {
    problems.push({ path: ['basis'], message: `Basis must be 'undiscounted' or 'discounted', got ${describeValue(range.basis)}` });
  }
  problems.push(...evidenceIdProblems(range.evidenceId, 'evidenceId'));
  if (problems.length > 0 || !line) return problems;
  return rangeProblems({ low: range.lowPence, central: line.unitCostPence, high: range.highPence }, fields, formatPence);
}

/**
 * The band of savings per £1 when one benefit line's unit cost runs from the low to the high end of its evidence
 * range: the appraisal is run three times, with the low, the line's own (central) and the high unit cost.
 */
export function unitCostBand(input: RoiInput, range: UnitCostRange): SensitivityBand {
  const problems = unitCostRangeProblems(input, range);
  if (problems.length > 0) throw new ValidationError(toFieldErrors(problems));
  const withUnitCost = (unitCostPence: number): RoiResult =>
    appraise({ ...input, benefits: input.benefits.map((b, i) => (i === range.benefitIndex ? { ...b, unitCostPence } : b)) });
  const ratio = (result: RoiResult) =>
    range.basis === 'discounted' ? result.savingsPerPound.discountedBp : result.savingsPerPound.undiscountedBp;
  const central = appraise(input);
  return {
    lowBp: ratio(withUnitCost(range.lowPence)),
    centralBp: ratio(central),
    highBp: ratio(withUnitCost(range.highPence)),
    evidenceIds: idsOf([...central.evidenceIds, ...(range.evidenceId === null ? [] : [range.evidenceId])]),
  };
}
