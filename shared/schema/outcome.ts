// An outcome: one quarter of one metric for a fund (or one of its schemes), its baseline, target and actual in
// hundredths of the metric's unit, and the board report's input.
import { z } from 'zod';
import { MAX_METRIC_COUNT, MAX_METRIC_HUNDREDTHS, type MetricStatus } from '../metric-status';
import { id, quarterSchema, rule, strict, text, wholeNumber } from './fields';
import { batchOf, optionalShape, patchOf, labelsOf, type RowOf, type Versioned } from './shape';

export const NARRATIVE_MAX_LENGTH = 4000;

const HUNDREDTHS_RULE = `must be a whole number of hundredths from 0 to ${MAX_METRIC_HUNDREDTHS} (12.34% is 1234)`;
const countRule = (min: number) => `must be a whole number from ${min} to ${MAX_METRIC_COUNT.toLocaleString('en-GB')}`;
const hundredths = (label: string) => wholeNumber(label, 0, MAX_METRIC_HUNDREDTHS, HUNDREDTHS_RULE);
const count = (label: string, min: number) => wholeNumber(label, min, MAX_METRIC_COUNT, countRule(min));

/** What a person calls each field of an outcome row, as the outcomes grid names its columns. */

const outcomeFields = {
  metricId: id('Metric'),
  schemeId: id('Scheme').nullable(),
  quarter: quarterSchema,
  baseline: hundredths('Baseline').nullable(),
  target: hundredths('Target').nullable(),
  actual: hundredths('Actual').nullable(),
  actualNumerator: count('Actual numerator', 0).nullable(),
  actualDenominator: count('Actual denominator', 1).nullable(),
  narrative: text('Narrative', 0, NARRATIVE_MAX_LENGTH, false),
};

/** What a person calls each field of an outcome row, as the outcomes grid names its columns. */
export const OUTCOME_FIELD_LABELS = labelsOf(outcomeFields);
const label = OUTCOME_FIELD_LABELS;

/** The stored fields of an outcome. */
export type OutcomeRowValues = { fundId: number } & RowOf<typeof outcomeFields>;

/** One quarter of one metric for a fund (schemeId null) or one of its schemes; values are hundredths of the unit. */
export interface Outcome extends OutcomeRowValues, Versioned {
  /** Derived from target, actual and the metric's polarity (shared/metric-status.ts), never typed in. */
  status: MetricStatus;
}

export const outcomeValues = strict(
  { ...optionalShape(outcomeFields), metricId: outcomeFields.metricId, quarter: outcomeFields.quarter },
  'Outcome',
);
export const outcomePatch = patchOf(outcomeFields);
export const outcomesBatchInput = batchOf(outcomeValues, outcomePatch);

export type OutcomeValues = z.infer<typeof outcomeValues>;
export type OutcomePatch = z.infer<typeof outcomePatch>;
export type OutcomesBatchInput = z.infer<typeof outcomesBatchInput>;

/**
 * A baseline, target or actual: hundredths of the metric's unit (shared/metric-status.ts), or the numerator and
 * denominator of a rate; null clears it.
 */
function metricValue(label: string) {
  const counts = strict({ numerator: count(`${label} numerator`, 0), denominator: count(`${label} denominator`, 1) }, label);
  return z
    .union([hundredths(label), counts], rule(label, `${HUNDREDTHS_RULE}, or the { numerator, denominator } counts of a rate, or null`))
    .nullable();
}

/**
 * `outcomes.upsert`: one quarter of one metric, for a fund or (with schemeId) one of its schemes. A figure left out is
 * kept as it is; null clears it. Whether a numerator and denominator suit the metric's unit (a count has none) is
 * checked by the service, which knows the unit.
 */
export const outcomeValueUpsertInput = strict(
  {
    fundId: id('Fund'),
    schemeId: outcomeFields.schemeId.optional(),
    metricId: outcomeFields.metricId,
    quarter: quarterSchema,
    baseline: metricValue(label.baseline).optional(),
    target: metricValue(label.target).optional(),
    actual: metricValue(label.actual).optional(),
    narrative: outcomeFields.narrative.optional(),
  },
  'Outcome',
);

export type OutcomeValueUpsertInput = z.infer<typeof outcomeValueUpsertInput>;

/** `reports.board`: a partnership's board figures for one fund (the newest by default) and a range of its quarters. */
export const boardReportInput = strict(
  {
    partnershipId: id('Partnership'),
    fundId: id('Fund').optional(),
    fromQuarter: quarterSchema.optional(),
    toQuarter: quarterSchema.optional(),
  },
  'Input',
).superRefine((input, ctx) => {
  if (input.fromQuarter !== undefined && input.toQuarter !== undefined && input.fromQuarter > input.toQuarter) {
    ctx.addIssue({
      code: 'custom',
      path: ['toQuarter'],
      message: `To quarter must be the from quarter (Q${input.fromQuarter}) or later, got Q${input.toQuarter}`,
    });
  }
});
export type BoardReportInput = z.infer<typeof boardReportInput>;
