// What a board reads (issue 7, items 4 and 5): one partnership's figures for one fund and a range of its quarters, as
// the dashboard, the print page, the PDF and the workbook all show them (shared/board-report.ts). Everything here is
// read and worked out, never stored: totals, returns and statuses come from the same shared/ functions as elsewhere.
import type { DB } from '../../db/connection';
import { listContributions } from '../../db/repositories/contribution.repository';
import { listFundingSources, listFunds } from '../../db/repositories/fund.repository';
import { listMetrics, listOutcomes } from '../../db/repositories/outcome.repository';
import { findPartnership } from '../../db/repositories/partnership.repository';
import { listSchemes } from '../../db/repositories/scheme.repository';
import { actualIfReported, reportedThroughOf, reportedTotal, type BoardReport, type MetricTrend } from '../../shared/board-report';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { sumPence } from '../../shared/money';
import { plannedSpendOf } from '../../shared/plan-checks';
import { reconcileFund } from '../../shared/reconcile';
import type { BoardReportInput } from '../../shared/outcome-schemas';
import type { Outcome } from '../../shared/outcome-types';
import { fundSavedPerPound, investsVsBenefits } from '../../shared/scheme-return';
import { bcfYearOfFund, listConditions } from './conditions';
import { appraiseFund } from './roi';

const QUARTERS = [1, 2, 3, 4];

/** The fund a board sees first: the newest that has a plan or outcomes to show, else the newest. */
async function defaultFundId(db: DB, funds: { id: number }[]): Promise<number | undefined> {
  for (const fund of funds) {
    if ((await listSchemes(db, fund.id)).length > 0 || (await listOutcomes(db, fund.id)).length > 0) return fund.id;
  }
  return funds[0]?.id;
}

export async function boardReport(db: DB, input: BoardReportInput): Promise<BoardReport> {
  const partnership = await findPartnership(db, input.partnershipId);
  if (!partnership) throw new NotFoundError(`No partnership with id ${input.partnershipId}`);
  const funds = await listFunds(db, partnership.id);
  const fundId = input.fundId ?? (await defaultFundId(db, funds));
  const fund = funds.find((f) => f.id === fundId);
  if (!fund) {
    if (input.fundId !== undefined) {
      throw new ValidationError([{ path: 'fundId', message: `Fund must be a fund of ${partnership.name}, got ${input.fundId}` }]);
    }
    throw new NotFoundError(`${partnership.name} has no funds yet`);
  }
  const period = { fromQuarter: input.fromQuarter ?? 1, toQuarter: input.toQuarter ?? 4 };
  const inPeriod = QUARTERS.filter((q) => q >= period.fromQuarter && q <= period.toQuarter);

  const [contributions, schemes, outcomes, appraisal] = await Promise.all([
    listContributions(db, fund.id),
    listSchemes(db, fund.id),
    listOutcomes(db, fund.id),
    appraiseFund(db, fund.id),
  ]);
  const [metrics, sources] = await Promise.all([listMetrics(db), listFundingSources(db)]);
  const conditions = { bcfYear: await bcfYearOfFund(db, fund.id), answers: await listConditions(db, fund.id) };
  const { members } = appraisal;

  // Which quarters are reported, judged once over the whole year (shared/board-report.ts states the rule): an actual
  // of a quarter after the last reported one is null, never £0.
  const reportedThrough = {
    spend: reportedThroughOf(schemes.flatMap((s) => s.spend)),
    contributions: reportedThroughOf(contributions),
  };
  const spendByQuarter = inPeriod.map((quarter) => {
    const spend = schemes.flatMap((s) => s.spend.filter((q) => q.quarter === quarter));
    return {
      quarter,
      reported: quarter <= reportedThrough.spend,
      plannedPence: sumPence(spend.map((q) => q.plannedPence)),
      actualPence: actualIfReported(sumPence(spend.map((q) => q.actualPence)), quarter, reportedThrough.spend),
    };
  });
  const contributionsByQuarter = inPeriod.map((quarter) => ({
    quarter,
    reported: quarter <= reportedThrough.contributions,
    partners: members.map((m) => {
      const rows = contributions.filter((c) => c.orgId === m.orgId && c.quarter === quarter);
      return {
        orgId: m.orgId,
        name: m.name,
        plannedPence: sumPence(rows.map((r) => r.plannedPence)),
        actualPence: actualIfReported(sumPence(rows.map((r) => r.actualPence)), quarter, reportedThrough.contributions),
      };
    }),
  }));

  // Trends: the fund-level rows of each metric, one point per quarter of the period.
  const fundLevel = outcomes.filter((o) => o.schemeId === null);
  const metricTrends: MetricTrend[] = metrics
    .filter((m) => fundLevel.some((o) => o.metricId === m.id))
    .map((m) => ({
      metricId: m.id,
      code: m.code,
      name: m.name,
      unit: m.unit,
      polarity: m.polarity,
      points: inPeriod.map((quarter) => {
        const row: Outcome | undefined = fundLevel.find((o) => o.metricId === m.id && o.quarter === quarter);
        return {
          quarter,
          targetHundredths: row?.target ?? null,
          actualHundredths: row?.actual ?? null,
          status: row?.status ?? 'data_not_available',
          narrative: row?.narrative ?? '',
        };
      }),
    }));
  // A metric is on track when its latest quarter in the period that has a status says so.
  const latest = (t: MetricTrend) => [...t.points].reverse().find((p) => p.status !== 'data_not_available');
  const evidenceIds = new Set(appraisal.schemes.flatMap((s) => s.result.evidenceIds));

  return {
    partnership: { id: partnership.id, name: partnership.name, isDemo: partnership.isDemo },
    fund: { id: fund.id, name: fund.name, financialYear: fund.financialYear },
    funds: funds.map((f) => ({ id: f.id, name: f.name, financialYear: f.financialYear })),
    period,
    generatedAt: new Date().toISOString(),
    reportedThrough,
    tiles: {
      pooledPence: sumPence(contributions.map((c) => c.plannedPence)),
      spentToDate: reportedTotal(spendByQuarter),
      savedPerPoundBp: fundSavedPerPound(appraisal.schemes),
      metricsOnTrack: metricTrends.filter((t) => latest(t)?.status === 'on_track').length,
      metricsTotal: metricTrends.length,
    },
    contributionsByQuarter,
    spendByQuarter,
    schemeReturns: appraisal.schemes.map((s) => s.summary),
    metricTrends,
    investsVsBenefits: investsVsBenefits(appraisal.schemes, members),
    evidence: appraisal.evidence.filter((e) => evidenceIds.has(e.id)).map(({ version: _v, ...e }) => e),
    // The whole year, as the pooled total is: why the pool and the schemes' planned spend differ.
    reconciliation: reconcileFund(
      contributions,
      schemes.map((s) => ({ source: s.fundingSource, plannedPence: plannedSpendOf(s) })),
      members,
      (code) => sources.find((s) => s.code === code)?.name ?? code,
    ),
    conditions,
  };
}
