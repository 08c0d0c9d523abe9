// Reads and writes of metric definitions (per BCF year) and outcome values (per fund or scheme and quarter).
import { metricStatus } from '../../shared/metric-status';
import { METRIC_FIELD_LABELS, type Metric, type MetricValues } from '../../shared/schema/metric';
import { OUTCOME_FIELD_LABELS, type Outcome, type OutcomeRowValues } from '../../shared/schema/outcome';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { findIn, listIn, simpleAuditedTable } from './simple-table';

export type { MetricValues } from '../../shared/schema/metric';
export type OutcomeValuesRow = OutcomeRowValues;

const toMetric = (r: Record<string, unknown>): Metric => ({
  id: Number(r.id),
  bcfYear: String(r.bcfYear),
  code: String(r.code),
  name: String(r.name),
  unit: r.unit as Metric['unit'],
  polarity: r.polarity as Metric['polarity'],
  dataSource: String(r.dataSource),
  lagMonths: Number(r.lagMonths),
  version: Number(r.version),
});

const metricSpec = { table: 'metric', toRow: toMetric };
export const findMetric = findIn(metricSpec);
export const listMetrics = (db: DB | Tx, bcfYear?: string) => listIn(metricSpec)(db, bcfYear === undefined ? {} : { bcfYear });

export const metricTable = simpleAuditedTable<Metric, MetricValues>({
  ...metricSpec,
  entity: 'metric',
  noun: 'metric',
  fields: ['bcfYear', 'code', 'name', 'unit', 'polarity', 'dataSource', 'lagMonths'],
  fieldLabels: METRIC_FIELD_LABELS,
  describe: async (_tx, row) => `the metric ‘${row.name}’`,
});

const nullableNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** An outcome row as stored; its status is derived when the metric (and so the polarity) is known. */
const toOutcome = (r: Record<string, unknown>): Outcome => ({
  id: Number(r.id),
  fundId: Number(r.fundId),
  schemeId: nullableNumber(r.schemeId),
  metricId: Number(r.metricId),
  quarter: Number(r.quarter),
  baseline: nullableNumber(r.baseline),
  target: nullableNumber(r.target),
  actual: nullableNumber(r.actual),
  actualNumerator: nullableNumber(r.actualNumerator),
  actualDenominator: nullableNumber(r.actualDenominator),
  narrative: String(r.narrative ?? ''),
  version: Number(r.version),
  status: 'data_not_available',
});

const outcomeSpec = { table: 'outcome', toRow: toOutcome };
const listOutcomeRows = listIn(outcomeSpec);

/** A fund's outcome values, each with its status worked out from its metric's polarity. */
export async function listOutcomes(db: DB | Tx, fundId: number): Promise<Outcome[]> {
  const [rows, metrics] = await Promise.all([listOutcomeRows(db, { fundId }), listMetrics(db)]);
  const polarity = new Map(metrics.map((m) => [m.id, m.polarity]));
  return rows.map((row) => ({
    ...row,
    status: metricStatus({ target: row.target, actual: row.actual, polarity: polarity.get(row.metricId) ?? 'higher' }),
  }));
}

export const outcomeTable = simpleAuditedTable<Outcome, OutcomeValuesRow>({
  ...outcomeSpec,
  entity: 'outcome',
  noun: 'outcome',
  fields: [
    'fundId',
    'schemeId',
    'metricId',
    'quarter',
    'baseline',
    'target',
    'actual',
    'actualNumerator',
    'actualDenominator',
    'narrative',
  ],
  fieldLabels: OUTCOME_FIELD_LABELS,
  describe: async (tx, row) => {
    const metric = await findMetric(tx, row.metricId);
    return `the Q${row.quarter} outcome of ‘${metric?.name ?? `metric ${row.metricId}`}’`;
  },
  fundIdOf: (row) => row.fundId,
});
