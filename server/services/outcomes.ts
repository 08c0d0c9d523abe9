// Metrics and outcomes (issue 7, item 1): metric definitions per BCF year (administrators), and each fund's baseline,
// target and actual per metric, scheme and quarter (commissioners and finance officers of its partnership), changed in
// audited batches. The checks here are the ones that need the database: the metric belongs to the fund's BCF year, the
// scheme to the fund, one row per metric, scheme and quarter, and counts only for a rate. A rate's actual is worked out
// from its numerator and denominator when they are given, never typed in beside them.
import type { DB } from '../../db/connection';
import { listMetrics, listOutcomes, metricTable, outcomeTable, findMetric, type OutcomeValuesRow } from '../../db/repositories/outcome.repository';
import { findPlanSettings } from '../../db/repositories/plan-settings.repository';
import { listSchemes } from '../../db/repositories/scheme.repository';
import { runBatch, type Actor, type Tx } from '../../db/unit-of-work';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { RATE_PER, rateFromCounts } from '../../shared/metric-status';
import type { MetricDefinitionCreateInput, MetricDefinitionUpdateInput, OutcomesBatchInput } from '../../shared/outcome-schemas';
import type { Metric, Outcome } from '../../shared/outcome-types';

export interface FundOutcomes {
  bcfYear: string;
  /** The metrics of the fund's BCF year: the choices of the grid's Metric column. */
  metrics: Metric[];
  outcomes: Outcome[];
}

async function fundBcfYear(db: DB | Tx, fundId: number): Promise<string> {
  const settings = await findPlanSettings(db, fundId);
  if (!settings) throw new NotFoundError(`No fund with id ${fundId}`);
  return settings.bcfYear;
}

export async function fundOutcomes(db: DB, fundId: number): Promise<FundOutcomes> {
  const bcfYear = await fundBcfYear(db, fundId);
  return { bcfYear, metrics: await listMetrics(db, bcfYear), outcomes: await listOutcomes(db, fundId) };
}

type Row = Omit<OutcomeValuesRow, 'fundId'>;

const EMPTY: Row = {
  schemeId: null,
  metricId: 0,
  quarter: 0,
  baseline: null,
  target: null,
  actual: null,
  actualNumerator: null,
  actualDenominator: null,
  narrative: '',
};

const keyOf = (r: Pick<Row, 'schemeId' | 'metricId' | 'quarter'>) => `${r.schemeId ?? 'fund'}|${r.metricId}|${r.quarter}`;

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Every change checked against the fund as it would be after the changes before it; returns each row's values as
 * they will be written (the actual of a rate derived from its counts), or throws every problem at once.
 */
async function checkedChanges(tx: Tx, input: OutcomesBatchInput): Promise<(Row | null)[]> {
  const bcfYear = await fundBcfYear(tx, input.fundId);
  const metrics = new Map((await listMetrics(tx, bcfYear)).map((m) => [m.id, m]));
  const schemes = new Set((await listSchemes(tx, input.fundId)).map((s) => s.id));
  const current = new Map((await listOutcomes(tx, input.fundId)).map((o) => [o.id, o]));
  const keys = new Map([...current.values()].map((o) => [keyOf(o), `id:${o.id}`]));
  const errors: FieldError[] = [];
  const result: (Row | null)[] = [];
  input.changes.forEach((change, i) => {
    const at = (field: string) => `changes.${i}.${field}`;
    const before = change.op === 'create' ? undefined : current.get(change.id);
    if (change.op !== 'create' && !before) {
      errors.push({ path: at('id'), message: `Outcome ${change.id} is not in fund ${input.fundId} (it may have been deleted)` });
      result.push(null);
      return;
    }
    if (change.op === 'delete') {
      if (before) keys.delete(keyOf(before));
      result.push(null);
      return;
    }
    const after: Row = { ...EMPTY, ...(before ?? {}), ...definedOnly(change.values) };
    const metric = metrics.get(after.metricId);
    if (!metric) {
      errors.push({ path: at('values.metricId'), message: `Metric must be a metric of BCF year ${bcfYear} (the fund’s year), got ${after.metricId}` });
    }
    if (after.schemeId !== null && !schemes.has(after.schemeId)) {
      errors.push({ path: at('values.schemeId'), message: `Scheme must be a scheme of this fund, or empty for the whole fund, got ${after.schemeId}` });
    }
    const hasCounts = after.actualNumerator !== null || after.actualDenominator !== null;
    if (hasCounts && metric) {
      if (metric.unit === 'count') {
        errors.push({
          path: at('values.actualNumerator'),
          message: `Actual numerator must be empty for ‘${metric.name}’: it is a count, not a rate; enter the actual itself`,
        });
      } else if (after.actualNumerator === null || after.actualDenominator === null) {
        const missing = after.actualNumerator === null ? 'actualNumerator' : 'actualDenominator';
        errors.push({ path: at(`values.${missing}`), message: 'Actual numerator and denominator must be given together (or both left empty)' });
      } else {
        after.actual = rateFromCounts(after.actualNumerator, after.actualDenominator, RATE_PER[metric.unit]);
      }
    }
    if (before) keys.delete(keyOf(before));
    const clash = keys.get(keyOf(after));
    if (clash !== undefined) {
      errors.push({
        path: at('values.quarter'),
        message: `There is already a Q${after.quarter} row of ‘${metric?.name ?? after.metricId}’ for ${after.schemeId === null ? 'the whole fund' : 'this scheme'}; change that row instead`,
      });
    }
    keys.set(keyOf(after), `change:${i}`);
    result.push(after);
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return result;
}

export async function applyOutcomeBatch(db: DB, actor: Actor, input: OutcomesBatchInput): Promise<{ batchId: string; outcomes: Outcome[] }> {
  await fundBcfYear(db, input.fundId);
  const label = input.changes.length === 1 ? 'Changed an outcome' : `Applied ${input.changes.length} changes to outcomes`;
  const { batchId } = await runBatch(db, actor, { kind: 'batch', label, fundId: input.fundId }, async (writer) => {
    const rows = await checkedChanges(writer.tx, input);
    for (const [i, change] of input.changes.entries()) {
      const after = rows[i];
      if (change.op === 'delete') await writer.remove(outcomeTable, change.id, change.version, `changes.${i}`);
      else if (!after) continue;
      else if (change.op === 'create') await writer.create(outcomeTable, { fundId: input.fundId, ...after });
      else await writer.update(outcomeTable, change.id, change.version, after, `changes.${i}`);
    }
  });
  return { batchId, outcomes: await listOutcomes(db, input.fundId) };
}

// ---- metric definitions (administrators) ----

async function assertCodeFree(tx: Tx, bcfYear: string, code: string, path: string, exceptId?: number): Promise<void> {
  const clash = (await listMetrics(tx, bcfYear)).find((m) => m.code === code && m.id !== exceptId);
  if (clash) throw new ValidationError([{ path, message: `Code must be unique in BCF year ${bcfYear}, got '${code}' (already ‘${clash.name}’)` }]);
}

export async function createMetric(db: DB, actor: Actor, input: MetricDefinitionCreateInput): Promise<Metric> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: `Added metric ${input.code}`, fundId: null }, async (writer) => {
    await assertCodeFree(writer.tx, input.bcfYear, input.code, 'code');
    return writer.create(metricTable, input);
  });
  return result;
}

export async function updateMetric(db: DB, actor: Actor, input: MetricDefinitionUpdateInput): Promise<Metric> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: 'Changed a metric', fundId: null }, async (writer) => {
    const current = await findMetric(writer.tx, input.id);
    if (!current) throw new NotFoundError(`No metric with id ${input.id}`);
    if (input.patch.code !== undefined) await assertCodeFree(writer.tx, current.bcfYear, input.patch.code, 'patch.code', current.id);
    return writer.update(metricTable, input.id, input.version, definedOnly(input.patch));
  });
  return result;
}
