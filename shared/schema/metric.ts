// A metric of a BCF year (shared/metric-status.ts): what is measured, in what unit, and which way is better.
import type { z } from 'zod';
import { METRIC_UNITS, POLARITIES } from '../metric-status';
import { bcfYearSchema, coded, oneOf, strict, text, wholeNumber } from './fields';
import { labelsOf, patchOf, type RowOf, updateOf, type Versioned } from './shape';

/** The longest typical lag a metric may declare: three years. */
export const MAX_LAG_MONTHS = 36;

const metricFields = {
  code: coded('Code', /^[a-z0-9_]{1,50}$/, 'must be 1 to 50 lower case letters, digits or _'),
  name: text('Name', 1, 300),
  unit: oneOf('Unit', METRIC_UNITS),
  polarity: oneOf('Polarity', POLARITIES),
  dataSource: text('Data source', 0, 500),
  lagMonths: wholeNumber('Typical lag', 0, MAX_LAG_MONTHS, `must be a whole number of months from 0 to ${MAX_LAG_MONTHS}`),
};

/** What a person calls each field of a metric (messages and batch labels). */
export const METRIC_FIELD_LABELS = labelsOf({ bcfYear: bcfYearSchema, ...metricFields });

/** The stored fields of a metric: its BCF year and the fields a person edits. */
export type MetricValues = { bcfYear: string } & RowOf<typeof metricFields>;

/** A metric as the API returns it. */
export interface Metric extends MetricValues, Versioned {}

/** `metrics.create`: a metric of one BCF year. The data source defaults to empty and the typical lag to 0 months. */
export const metricDefinitionCreateInput = strict(
  {
    bcfYear: bcfYearSchema,
    ...metricFields,
    dataSource: metricFields.dataSource.default(''),
    lagMonths: metricFields.lagMonths.default(0),
  },
  'Metric',
);

/** `metrics.update`: any field but the BCF year, which is what the metric belongs to. */
export const metricDefinitionUpdateInput = updateOf(patchOf(metricFields));

export type MetricDefinitionCreateInput = z.infer<typeof metricDefinitionCreateInput>;
export type MetricDefinitionUpdateInput = z.infer<typeof metricDefinitionUpdateInput>;
