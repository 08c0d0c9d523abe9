// Metrics and outcomes (issue 7, item 1): metric definitions per BCF year (administrators), and each fund's baseline,
// target and actual per metric, scheme and quarter (commissioners and finance officers of its partnership), changed in
// audited batches. The checks here are the ones that need the database: the metric belongs to the fund's BCF year, the
// scheme to the fund, one row per metric, scheme and quarter, and counts only for a rate. A rate's actual is worked out
// from its numerator and denominator when they are given, never typed in beside them.
import type { DB } from '../../db/connection';
import { listMetrics, listOutcomes, metricTable, outcomeTable, findMetric, type OutcomeValuesRow } from '../../db/repositories/outcome.repository';
import { findPlanSettings } from '../../db/repositories/plan-settings.repository';
import { listSchemes } from '../../db/repositories/scheme.repository';
import { applyChanges, definedOnly, runBatch, type Actor, type ChangeSpec, type Tx } from '../../db/unit-of-work';
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

/** What an outcomes batch's checks need, read once inside its transaction. */
interface OutcomeContext {
  fundId: number;
  bcfYear: string;
  metrics: Map<number, Metric>;
  schemes: Set<number>;
  rows: Map<number, Row>;
}

async function loadOutcomeContext(tx: Tx, fundId: number): Promise<OutcomeContext> {
  const bcfYear = await fundBcfYear(tx, fundId);
  return {
    fundId,
    bcfYear,
    metrics: new Map((await listMetrics(tx, bcfYear)).map((m) => [m.id, m])),
    schemes: new Set((await listSchemes(tx, fundId)).map((s) => s.id)),
    rows: new Map((await listOutcomes(tx, fundId)).map((o) => [o.id, o])),
  };
}

/** A row as written: a rate's actual worked out from its counts when both are given (the checks refuse one alone). */
function withRate(row: Row, metrics: Map<number, Metric>): Row {
  const metric = metrics.get(row.metricId);
  if (!metric || metric.unit === 'count' || row.actualNumerator === null || row.actualDenominator === null) return row;
  return { ...row, actual: rateFromCounts(row.actualNumerator, row.actualDenominator, RATE_PER[metric.unit]) };
}

/** A fund's outcomes as one batch writes them, checked against the fund as it would be after the changes before each. */
function outcomeChanges(ctx: OutcomeContext): ChangeSpec<Outcome, OutcomeValuesRow, Row> {
  return {
    table: outcomeTable,
    rows: ctx.rows,
    notInScope: (id) => `Outcome ${id} is not in fund ${ctx.fundId} (it may have been deleted)`,
    empty: EMPTY,
    problems: ({ after, at }) => {
      const errors: FieldError[] = [];
      const metric = ctx.metrics.get(after.metricId);
      if (!metric) {
        errors.push({ path: at('metricId'), message: `Metric must be a metric of BCF year ${ctx.bcfYear} (the fund’s year), got ${after.metricId}` });
      }
      if (after.schemeId !== null && !ctx.schemes.has(after.schemeId)) {
        errors.push({ path: at('schemeId'), message: `Scheme must be a scheme of this fund, or empty for the whole fund, got ${after.schemeId}` });
      }
      const hasCounts = after.actualNumerator !== null || after.actualDenominator !== null;
      if (hasCounts && metric?.unit === 'count') {
        errors.push({
          path: at('actualNumerator'),
          message: `Actual numerator must be empty for ‘${metric.name}’: it is a count, not a rate; enter the actual itself`,
        });
      } else if (hasCounts && metric && (after.actualNumerator === null || after.actualDenominator === null)) {
        const missing = after.actualNumerator === null ? 'actualNumerator' : 'actualDenominator';
        errors.push({ path: at(missing), message: 'Actual numerator and denominator must be given together (or both left empty)' });
      }
      return errors;
    },
    unique: {
      key: keyOf,
      clash: ({ after, at }) => ({
        path: at('quarter'),
        message: `There is already a Q${after.quarter} row of ‘${ctx.metrics.get(after.metricId)?.name ?? after.metricId}’ for ${after.schemeId === null ? 'the whole fund' : 'this scheme'}; change that row instead`,
      }),
    },
    toValues: (after) => ({ ...withRate(after, ctx.metrics), fundId: ctx.fundId }),
    // The whole row, so a rate's actual follows its counts when only they change.
    toPatch: (after) => withRate(after, ctx.metrics),
  };
}

export async function applyOutcomeBatch(db: DB, actor: Actor, input: OutcomesBatchInput): Promise<{ batchId: string; outcomes: Outcome[] }> {
  await fundBcfYear(db, input.fundId);
  const label = input.changes.length === 1 ? 'Changed an outcome' : `Applied ${input.changes.length} changes to outcomes`;
  const { batchId } = await runBatch(db, actor, { kind: 'batch', label, fundId: input.fundId }, async (writer) =>
    applyChanges(writer, outcomeChanges(await loadOutcomeContext(writer.tx, input.fundId)), input.changes),
  );
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
