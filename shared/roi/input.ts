// What an appraisal is given (shared/roi.ts states the rules): cost and benefit lines, the adjustments, their limits,
// and the checks that name every problem with its path.
import { formatPence, MAX_AMOUNT_PENCE } from '../money';
import { describeValue } from '../schema/fields';
import { isParty, PARTY_RULE, type Party, type SplitProblem } from '../split';
import { BP, isWhole, LAST_APPRAISAL_YEAR, penceRule, YEAR_RULE } from './numbers';

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

export const LABEL_MAX_LENGTH = 200;

// ---- validation ----

export const APPRAISAL_ADJUSTMENTS = Object.keys(DEFAULT_ADJUSTMENTS) as (keyof FullAdjustments)[];
// Optimism bias on costs belongs to the appraisal's costs, so a benefit line cannot carry it.
export const LINE_ADJUSTMENTS = APPRAISAL_ADJUSTMENTS.filter((key) => key !== 'optimismBiasCostBp');

export function adjustmentProblems(
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

export function labelProblems(label: unknown, path: (string | number)[]): SplitProblem[] {
  if (label === undefined || (typeof label === 'string' && label.length <= LABEL_MAX_LENGTH)) return [];
  return [{ path, message: `Label must be text of at most ${LABEL_MAX_LENGTH} characters, got ${describeValue(label)}` }];
}

export function costLineProblems(line: CostLine, index: number): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const add = (field: string, message: string) => problems.push({ path: ['costs', index, field], message });
  if (!isParty(line.party)) add('party', `Party ${PARTY_RULE}, got ${describeValue(line.party)}`);
  if (!isWhole(line.year, 0, LAST_APPRAISAL_YEAR)) add('year', `Year ${YEAR_RULE}, got ${describeValue(line.year)}`);
  if (!isWhole(line.pence, 0, MAX_AMOUNT_PENCE)) add('pence', `Cost ${penceRule}, got ${describeValue(line.pence)}`);
  return [...problems, ...labelProblems(line.label, ['costs', index, 'label'])];
}

export function benefitLineProblems(line: BenefitLine, index: number): SplitProblem[] {
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

export function profileProblems(profile: readonly ActivityYear[], path: (string | number)[]): SplitProblem[] {
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
export function totalProblems(input: RoiInput): SplitProblem[] {
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
