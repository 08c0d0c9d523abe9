// The return builder (issue "Sign-off and returns", item 4): what a quarterly return (Q1 to Q3) or the year-end return
// of a fund reports. A quarterly return: the national conditions still met (Yes/No and commentary), each metric's
// derived status with its challenges, support needed and achievements, and spend against the planned profile to the
// end of the quarter by scheme and by stream. The year end: actual income by stream and partner, and actual expenditure
// by scheme and by stream, each with the plan beside it. The document's shape and its tables are in shared/returns.ts.
import { listContributions } from '../../db/repositories/contribution.repository';
import { listFundSourceNames } from '../../db/repositories/fund.repository';
import { listMetrics, listOutcomes } from '../../db/repositories/outcome.repository';
import { findPlanSettings } from '../../db/repositories/plan-settings.repository';
import { listSchemes } from '../../db/repositories/scheme.repository';
import { findSubmissionOf, listReturnAnswers } from '../../db/repositories/submission.repository';
import type { DB } from '../../db/connection';
import type { Tx } from '../../db/unit-of-work';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { Metric, Outcome } from '../../shared/outcome-types';
import { METRIC_STATUSES, type MetricStatus } from '../../shared/metric-status';
import {
  derivedMetricStatus,
  spendLine,
  totalLine,
  type IncomeLine,
  type ReturnDocument,
  type ReturnKind,
  type ReturnMetric,
  type SpendLine,
} from '../../shared/returns';
import type { ReturnAnswer, ReturnAnswerInput } from '../../shared/schema/submission';
import { CONDITION_MET, SUBMISSION_KIND_LABELS } from '../../shared/schema/submission';
import { quartersOf } from '../../shared/submission';
import { listConditions } from './conditions';

export type { ReturnDocument, SpendLine } from '../../shared/returns';

/** The quarters a return reports to date: Q1 to its own quarter (all four at the year end). */
export function quartersToDate(kind: ReturnKind): number[] {
  const last = Math.max(...quartersOf(kind));
  return [1, 2, 3, 4].filter((q) => q <= last);
}

const isRating = (value: string | null): value is MetricStatus => value !== null && (METRIC_STATUSES as readonly string[]).includes(value);

function metricLine(metric: Metric, outcomes: readonly Outcome[], lastQuarter: number, answer: ReturnAnswer | undefined): ReturnMetric {
  const derived = derivedMetricStatus(outcomes, metric.id, lastQuarter);
  const rated = isRating(answer?.answer ?? null);
  return {
    code: metric.code,
    name: metric.name,
    unit: metric.unit,
    polarity: metric.polarity,
    ...derived,
    rating: rated && answer?.answer ? (answer.answer as MetricStatus) : derived.derived,
    rated,
    challenges: answer?.challenges ?? '',
    supportNeeded: answer?.supportNeeded ?? '',
    achievements: answer?.achievements ?? '',
  };
}

/** Lines summed by a key, in the order `order` gives the keys (then any other key, in code order). */
function linesBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  figures: (item: T) => [number, number],
  order: readonly string[],
  make: (key: string, planned: number, actual: number) => SpendLine,
): SpendLine[] {
  const sums = new Map<string, [number, number]>();
  for (const item of items) {
    const [planned, actual] = figures(item);
    const t = sums.get(keyOf(item)) ?? [0, 0];
    sums.set(keyOf(item), [t[0] + planned, t[1] + actual]);
  }
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...sums.keys()]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => {
      const [planned, actual] = sums.get(key) ?? [0, 0];
      return make(key, planned, actual);
    });
}

/** The return of `kind` from the fund's figures and the return's answers as they are now. */
export async function buildReturnDocument(db: DB | Tx, fundId: number, kind: ReturnKind): Promise<ReturnDocument> {
  const settings = await findPlanSettings(db, fundId);
  if (!settings) throw new NotFoundError(`No fund with id ${fundId}`);
  const fund = await db
    .selectFrom('fund')
    .innerJoin('partnership', 'partnership.id', 'fund.partnershipId')
    .select(['partnership.name as partnership'])
    .where('fund.id', '=', fundId)
    .executeTakeFirstOrThrow();
  const quarters = quartersToDate(kind);
  const last = quarters[quarters.length - 1] ?? 1;
  const submission = await findSubmissionOf(db, fundId, kind);
  const answers = submission ? await listReturnAnswers(db, { submissionId: submission.id }) : [];
  const answerOf = (item: 'condition' | 'metric', code: string) => answers.find((a) => a.item === item && a.code === code);

  const streams = await listFundSourceNames(db, fundId);
  const streamOrder = streams.map((s) => s.code);
  const streamName = (code: string) => (code === '' ? 'No funding stream' : (streams.find((s) => s.code === code)?.name ?? code));

  const schemes = await listSchemes(db, fundId);
  const toDate = (spend: readonly { quarter: number; plannedPence: number; actualPence: number }[]): [number, number] => {
    const reported = spend.filter((s) => quarters.includes(s.quarter));
    return [reported.reduce((t, s) => t + s.plannedPence, 0), reported.reduce((t, s) => t + s.actualPence, 0)];
  };
  const spendByScheme = schemes.map((s) => {
    const [planned, actual] = toDate(s.spend);
    return spendLine(s.code, s.name, planned, actual);
  });
  const spendByStream = linesBy(
    schemes,
    (s) => s.fundingSource ?? '',
    (s) => toDate(s.spend),
    streamOrder,
    (code, planned, actual) => spendLine(code, streamName(code), planned, actual),
  );

  let conditions: ReturnDocument['conditions'] = [];
  let metrics: ReturnDocument['metrics'] = [];
  if (kind !== 'year_end') {
    conditions = (await listConditions(db, fundId)).map((c) => {
      const answer = answerOf('condition', c.code);
      const met = answer?.answer === 'yes' || answer?.answer === 'no' ? answer.answer : null;
      return { code: c.code, text: c.text, met, commentary: answer?.commentary ?? '' };
    });
    const outcomes = await listOutcomes(db, fundId);
    metrics = (await listMetrics(db, settings.bcfYear)).map((m) => metricLine(m, outcomes, last, answerOf('metric', m.code)));
  }

  let income: IncomeLine[] | null = null;
  if (kind === 'year_end') {
    const contributions = await listContributions(db, fundId);
    const orgs = new Map((await db.selectFrom('organisation').select(['id', 'name']).execute()).map((o) => [o.id, o.name] as const));
    const orgName = (id: number) => orgs.get(id) ?? `Organisation ${id}`;
    income = linesBy(
      contributions,
      (c) => `${c.source}|${orgName(c.orgId)}|${c.orgId}`,
      (c) => [c.plannedPence, c.actualPence],
      [],
      (key, planned, actual) => spendLine(key, key, planned, actual),
    )
      .map((line) => {
        const [source = '', partner = '', orgId = ''] = line.code.split('|');
        return { ...line, code: `${orgId}|${source}`, name: `${streamName(source)}: ${partner}`, stream: streamName(source), partner };
      })
      .sort((a, b) => {
        const rank = (code: string) => {
          const i = streamOrder.indexOf(code.split('|')[1] ?? '');
          return i < 0 ? streamOrder.length : i;
        };
        return rank(a.code) - rank(b.code) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      });
  }

  return {
    kind,
    fund: {
      id: fundId,
      name: settings.name,
      partnership: fund.partnership,
      financialYear: settings.financialYear,
      bcfYear: settings.bcfYear,
    },
    quarters,
    conditions,
    metrics,
    spendByScheme,
    spendByStream,
    spendTotal: totalLine(spendByScheme),
    income,
    incomeTotal: income ? totalLine(income) : null,
  };
}

/** A return as exported and shown: the version sent for sign-off while there is one (its frozen figures, which the
 * signatures are on), else the live figures of the draft. */
export interface ReturnView {
  document: ReturnDocument;
  /** The version shown: null for the live figures of a draft. */
  frozen: { round: number; sentAt: string | null } | null;
}

export async function returnView(db: DB | Tx, fundId: number, kind: ReturnKind): Promise<ReturnView> {
  const row = await findSubmissionOf(db, fundId, kind);
  if (row && row.status !== 'draft' && row.figures) {
    return { document: JSON.parse(row.figures) as ReturnDocument, frozen: { round: row.round, sentAt: row.sentAt } };
  }
  return { document: await buildReturnDocument(db, fundId, kind), frozen: null };
}

/**
 * The answer itself must be one a return can give: a condition of the fund's year still met Yes or No; a metric of the
 * fund's year rated on track, not on track or data not available. Null clears it.
 */
export async function returnAnswerProblems(db: DB | Tx, input: ReturnAnswerInput): Promise<void> {
  if (input.kind === 'year_end') {
    throw new ValidationError([
      { path: 'kind', message: `The ${SUBMISSION_KIND_LABELS[input.kind].toLowerCase()} has no conditions or metrics to answer` },
    ]);
  }
  if (input.item === 'condition') {
    const codes = (await listConditions(db, input.fundId)).map((c) => c.code);
    if (!codes.includes(input.code))
      throw new ValidationError([
        { path: 'code', message: `Code must be a national condition of the fund’s BCF year (${codes.join(', ')}), got '${input.code}'` },
      ]);
    if (input.answer !== null && !(CONDITION_MET as readonly string[]).includes(input.answer))
      throw new ValidationError([{ path: 'answer', message: `Still met must be yes or no, got '${input.answer}'` }]);
    return;
  }
  const settings = await findPlanSettings(db, input.fundId);
  const codes = settings ? (await listMetrics(db, settings.bcfYear)).map((m) => m.code) : [];
  if (!codes.includes(input.code))
    throw new ValidationError([
      { path: 'code', message: `Code must be a metric of the fund’s BCF year (${codes.join(', ')}), got '${input.code}'` },
    ]);
  if (input.answer !== null && !isRating(input.answer))
    throw new ValidationError([{ path: 'answer', message: `Rating must be one of ${METRIC_STATUSES.join(', ')}, got '${input.answer}'` }]);
}
