// A metric's quarterly status in the BCF return (domain.md "Metrics and progress"): on track, not on track or data not
// available, from its target, its actual and its polarity; and the rates (%, per 100,000) made from counts.
//
// The rules, in full:
// - Every metric value (baseline, target, actual) is a whole number of HUNDREDTHS of the value in the metric's unit:
//   a count of 70 is 7000, 12.34% is 1234, 1,523.45 per 100,000 is 152345. BCF metrics are published to one or two
//   decimal places, and whole numbers compare exactly, with no float ever deciding a status.
// - A rate from counts is numerator / denominator x per (100 for a percentage, 100,000 for a rate per 100,000), in
//   hundredths, computed exactly in BigInt and rounded once, half up: 1 admission in 3 people is 33.33% (3333), 2 in 3
//   is 66.67% (6667).
// - Status: no target or no actual (null; the actual often arrives a quarter or more late) is 'data_not_available'.
//   Otherwise, when lower is better the metric is on track when actual <= target; when higher is better, when
//   actual >= target. Meeting the target exactly is on track. Values are compared in hundredths, as they are shown,
//   so 12.34% against a target of 12.34% is never marked off track by a digit nobody can see.
import { ValidationError } from './errors';
import { describeValue } from './schema/fields';
import { toFieldErrors, type SplitProblem } from './split';

export const METRIC_UNITS = ['count', 'percent', 'per_100000'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];
export const METRIC_UNIT_LABELS: Record<MetricUnit, string> = {
  count: 'Count',
  percent: '%',
  per_100000: 'Per 100,000',
};

export const POLARITIES = ['lower', 'higher'] as const;
export type Polarity = (typeof POLARITIES)[number];
export const POLARITY_LABELS: Record<Polarity, string> = {
  lower: 'Lower is better',
  higher: 'Higher is better',
};

export const METRIC_STATUSES = ['on_track', 'not_on_track', 'data_not_available'] as const;
export type MetricStatus = (typeof METRIC_STATUSES)[number];
/** As the national quarterly return words them. */
export const METRIC_STATUS_LABELS: Record<MetricStatus, string> = {
  on_track: 'On track',
  not_on_track: 'Not on track',
  data_not_available: 'Data not available',
};

/** The units that are rates, and what their numerator / denominator is multiplied by. */
export const RATE_PER: Record<Exclude<MetricUnit, 'count'>, number> = { percent: 100, per_100000: 100_000 };

/** One hundredth is the smallest step of a metric value. */
export const HUNDREDTHS = 100;

/** A count in a rate (admissions, people): far above any area's population. */
export const MAX_METRIC_COUNT = 1_000_000_000_000;

/** The largest `per` a rate may use: per million. */
export const MAX_RATE_PER = 1_000_000;

/** The largest metric value, in hundredths: the largest count, to two decimal places. */
export const MAX_METRIC_HUNDREDTHS = MAX_METRIC_COUNT * HUNDREDTHS;

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

function fail(problems: SplitProblem[]): never {
  throw new ValidationError(toFieldErrors(problems));
}

/** "target" -> "Target", for messages. */
const labelOf = (field: string) => field.charAt(0).toUpperCase() + field.slice(1);

/**
 * A rate from counts, in hundredths of the rate per `per`, exact and rounded once half up:
 * rateFromCounts(1, 3, 100) = 3333 (33.33%); rateFromCounts(250, 180_000, 100_000) = 13889 (138.89 per 100,000).
 */
export function rateFromCounts(numerator: number, denominator: number, per: number): number {
  const problems: SplitProblem[] = [];
  const count = MAX_METRIC_COUNT.toLocaleString('en-GB');
  if (!isWhole(numerator, 0, MAX_METRIC_COUNT)) {
    problems.push({ path: ['numerator'], message: `Numerator must be a whole number from 0 to ${count}, got ${describeValue(numerator)}` });
  }
  if (!isWhole(denominator, 1, MAX_METRIC_COUNT)) {
    problems.push({
      path: ['denominator'],
      message: `Denominator must be a whole number from 1 to ${count} (a rate of nobody has no value), got ${describeValue(denominator)}`,
    });
  }
  if (!isWhole(per, 1, MAX_RATE_PER)) {
    problems.push({
      path: ['per'],
      message: `Per must be a whole number from 1 to ${MAX_RATE_PER.toLocaleString('en-GB')} (100 for a percentage), got ${describeValue(per)}`,
    });
  }
  if (problems.length > 0) fail(problems);
  const scaled = BigInt(numerator) * BigInt(per) * BigInt(HUNDREDTHS);
  const d = BigInt(denominator);
  const rate = (2n * scaled + d) / (2n * d);
  if (rate > BigInt(MAX_METRIC_HUNDREDTHS)) {
    fail([
      {
        path: ['numerator'],
        message: `Numerator must be small enough against the denominator for the rate to be at most ${MAX_METRIC_COUNT.toLocaleString('en-GB')}, got ${numerator.toLocaleString('en-GB')} in ${denominator.toLocaleString('en-GB')} per ${per.toLocaleString('en-GB')}`,
      },
    ]);
  }
  return Number(rate);
}

/** A metric value as entered: hundredths, or the counts of a rate. */
export type MetricValue = number | { numerator: number; denominator: number };

/** A value in hundredths, from hundredths as given or from counts by the unit's rate; `field` names it in errors. */
export function metricValueInHundredths(value: MetricValue, unit: MetricUnit, field = 'value'): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      fail([
        { path: [field], message: `${labelOf(field)} must be a whole number of hundredths (12.34% is 1234), got ${describeValue(value)}` },
      ]);
    }
    return value;
  }
  if (unit === 'count') {
    fail([
      {
        path: [field],
        message: `${labelOf(field)} must be a number for a count metric; a numerator and denominator make a rate, got an object`,
      },
    ]);
  }
  try {
    return rateFromCounts(value.numerator, value.denominator, RATE_PER[unit]);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.fieldErrors.map((e) => ({ ...e, path: `${field}.${e.path}` })));
    }
    throw error;
  }
}

export interface StatusInput {
  /** In hundredths; null when none has been set. */
  target: number | null;
  /** In hundredths; null until the data arrives. */
  actual: number | null;
  polarity: Polarity;
}

/** A metric's status for a quarter (the rules are at the top of this file). */
export function metricStatus(input: StatusInput): MetricStatus {
  const problems: SplitProblem[] = [];
  for (const field of ['target', 'actual'] as const) {
    const value = input[field];
    if (value !== null && !Number.isSafeInteger(value)) {
      problems.push({
        path: [field],
        message: `${labelOf(field)} must be a whole number of hundredths (12.34% is 1234), or null when there is none, got ${describeValue(value)}`,
      });
    }
  }
  if (!POLARITIES.includes(input.polarity)) {
    problems.push({
      path: ['polarity'],
      message: `Polarity must be one of ${POLARITIES.join(', ')}, got ${describeValue(input.polarity)}`,
    });
  }
  if (problems.length > 0) fail(problems);
  const { target, actual } = input;
  if (target === null || actual === null) return 'data_not_available';
  const met = input.polarity === 'lower' ? actual <= target : actual >= target;
  return met ? 'on_track' : 'not_on_track';
}

/** A value in hundredths as people read it in its unit, with the unit's fixed decimals: the wording table's rule
 * (shared/wording.ts metricValueText), under the name the callers know. */
export { metricValueText as formatMetricValue } from './wording';
