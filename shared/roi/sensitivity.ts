// Sensitivity (shared/roi.ts states the rules): the low / central / high bands of savings per £1 from the evidence's
// ranges, and the range checks.
import { ValidationError } from '../errors';
import { formatPence, MAX_AMOUNT_PENCE } from '../money';
import { describeValue } from '../schema/fields';
import { toFieldErrors, type SplitProblem } from '../split';
import { formatPerPound, isWhole, MAX_PER_POUND_BP, penceRule, PER_POUND_RULE } from './numbers';
import { type RoiInput, roiInputProblems } from './input';
import { appraise, idsOf, type RoiResult } from './appraise';

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

export const showPerPound = (bp: number) => `${formatPerPound(bp)} per £1`;

export function evidenceIdProblems(evidenceId: unknown, path: string): SplitProblem[] {
  if (evidenceId === null || isWhole(evidenceId, 1, Number.MAX_SAFE_INTEGER)) return [];
  return [{ path: [path], message: `Evidence must be a whole number id of 1 or more, or null, got ${describeValue(evidenceId)}` }];
}

export const PER_POUND_FIELDS = {
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

export function unitCostRangeProblems(input: RoiInput, range: UnitCostRange): SplitProblem[] {
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
