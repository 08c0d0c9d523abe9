// What a board reads (issue 7): the figures of the board dashboard and the board pack, as the server returns them
// (`reports.board`). One shape for the dashboard page, the print page, the PDF and the workbook, so all four always
// show the same numbers. Money is integer pence; savings per £1 are basis points of £1 (7300 = £0.73); metric values
// are hundredths of their unit (shared/metric-status.ts).
//
// Reported or not yet (issue 21, item 10). A quarter's actual that nobody has entered yet is not a £0 spend, so the
// report never says £0 for it. The rule, decided once here and applied once on the server (server/services/reports.ts):
// - Spend: a quarter is reported when it is at or before the last quarter of the fund's year in which any scheme has
//   an actual above zero (shared/plan-variance.ts lastQuarterWithActual: the same "to date" as the plan's forecast
//   outturn). Contributions (who paid what): the same, over the fund's contributions' actuals. Judged over the whole
//   year, so narrowing the period never changes whether a quarter is reported.
// - A reported quarter's actual is a figure, and a £0 inside the reported range is a real £0. An unreported quarter's
//   actual is null: it reads "Not yet reported", its variance is not shown, and charts draw no bar for it.
// - Totals of actual against plan cover only the reported quarters (ReportedTotal): "Q1–Q3 actual" beside the plan of
//   Q1–Q3, with the whole period's plan beside it separately, never set against an actual that is not in yet.
import type { MetricStatus, MetricUnit, Polarity } from './metric-status';
import { lastQuarterWithActual } from './plan-variance';
import { sumPence } from './money';
import type { FundReconciliation } from './reconcile';
import { WORDS } from './wording';
import type { NationalCondition } from './national-conditions';

/** An evidence item as a figure carries it: what it claims, where it was published, and its range. */
export interface EvidenceRef {
  id: number;
  claim: string;
  valueKind: 'per_pound' | 'pence';
  value: number;
  low: number | null;
  high: number | null;
  publication: string;
  url: string | null;
}

/** The quarters a board looks at: Q`from` to Q`to` of the fund's year (1..4). */
export interface Period {
  fromQuarter: number;
  toQuarter: number;
}

export interface BoardTiles {
  /** Planned contributions to the fund (the whole year: a pool is agreed for the year). */
  pooledPence: number;
  /** Actual spend on the fund's schemes in the reported quarters of the period, with the plan of the same quarters. */
  spentToDate: ReportedTotal;
  /** Net benefit / cost across the fund's appraised schemes, undiscounted as POPP reported it; null with no cost. */
  savedPerPoundBp: number | null;
  /** Metric lines whose latest quarter in the period with a status is on track / all metric lines. */
  metricsOnTrack: number;
  metricsTotal: number;
}

/** Contributions by partner in one quarter (for the stacked chart). */
export interface QuarterContributions {
  quarter: number;
  /** Whether the quarter's contributions are reported (the rule at the top); when not, every actual is null. */
  reported: boolean;
  partners: { orgId: number; name: string; plannedPence: number; actualPence: number | null }[];
}

export interface QuarterSpend {
  quarter: number;
  /** Whether the quarter's spend is reported (the rule at the top). */
  reported: boolean;
  plannedPence: number;
  /** Null while the quarter is not yet reported: never shown as £0, never set against its plan. */
  actualPence: number | null;
}

/** A quarter's plan and actual as a total is made of them (a quarter of spend, or one partner's quarter). */
interface QuarterFigures {
  quarter: number;
  plannedPence: number;
  actualPence: number | null;
}

/** Actual against plan over the reported quarters only, and the whole period's plan beside it, separately. */
export interface ReportedTotal {
  /** The quarters the actual covers (the period's reported quarters); null when none of them is reported yet. */
  covers: Period | null;
  /** Plan of the same quarters as the actual: what the actual is measured against. */
  plannedPence: number;
  actualPence: number;
  /** actualPence - plannedPence, of the covered quarters only. */
  variancePence: number;
  /** Plan of every quarter of the period, reported or not. */
  periodPlannedPence: number;
  /** The period's quarters not yet reported, in order (empty when the whole period is). */
  unreported: number[];
}

/** A quarter's actual as the report gives it: the figure once the quarter is reported (`reportedThrough` is the last
 * reported quarter, 0 for none), else null. */
export function actualIfReported(actualPence: number, quarter: number, reportedThrough: number): number | null {
  return quarter <= reportedThrough ? actualPence : null;
}

/** The last reported quarter of a fund's year (0: none yet) from every actual of the year: the rule at the top. */
export function reportedThroughOf(rows: Iterable<{ quarter: number; actualPence: number }>): number {
  return lastQuarterWithActual(rows);
}

/** The total of quarters in order (one period's): actual and plan of the reported ones, the plan of all of them. */
export function reportedTotal(quarters: readonly QuarterFigures[]): ReportedTotal {
  const reported = quarters.filter((q): q is QuarterFigures & { actualPence: number } => q.actualPence !== null);
  const first = reported[0];
  const last = reported[reported.length - 1];
  const plannedPence = sumPence(reported.map((q) => q.plannedPence));
  const actualPence = sumPence(reported.map((q) => q.actualPence));
  return {
    covers: first && last ? { fromQuarter: first.quarter, toQuarter: last.quarter } : null,
    plannedPence,
    actualPence,
    variancePence: actualPence - plannedPence,
    periodPlannedPence: sumPence(quarters.map((q) => q.plannedPence)),
    unreported: quarters.filter((q) => q.actualPence === null).map((q) => q.quarter),
  };
}

/** A year's quarters as recorded (an actual of 0 where none is entered), with the rule applied and totalled: the
 * contributions page's headline, which has the year's totals by quarter. */
export function reportedTotalOfYear(quarters: readonly { quarter: number; plannedPence: number; actualPence: number }[]): ReportedTotal {
  const through = reportedThroughOf(quarters);
  return reportedTotal(
    [...quarters]
      .sort((a, b) => a.quarter - b.quarter)
      .map((q) => ({ quarter: q.quarter, plannedPence: q.plannedPence, actualPence: actualIfReported(q.actualPence, q.quarter, through) })),
  );
}

/** Each partner's actual against the plan of the same reported quarters of the year, from a fund's contribution rows
 * (the rule judged over all of them): the contributions page's chart by partner. With nothing reported yet, each
 * partner's plan of the year and no actual. */
export function partnersReported(
  rows: readonly { orgId: number; quarter: number; plannedPence: number; actualPence: number }[],
  partners: readonly { orgId: number; name: string }[],
): {
  covers: Period | null;
  unreported: number[];
  partners: { orgId: number; name: string; plannedPence: number; actualPence: number | null }[];
} {
  const through = reportedThroughOf(rows);
  const totals = partners.map((p) => {
    const own = rows.filter((r) => r.orgId === p.orgId);
    const quarters = [1, 2, 3, 4].map((quarter) => {
      const inQuarter = own.filter((r) => r.quarter === quarter);
      const actualPence = sumPence(inQuarter.map((r) => r.actualPence));
      return {
        quarter,
        plannedPence: sumPence(inQuarter.map((r) => r.plannedPence)),
        actualPence: actualIfReported(actualPence, quarter, through),
      };
    });
    return { ...p, total: reportedTotal(quarters) };
  });
  const year = reportedTotal(
    [1, 2, 3, 4].map((quarter) => ({ quarter, plannedPence: 0, actualPence: actualIfReported(0, quarter, through) })),
  );
  return {
    covers: year.covers,
    unreported: year.unreported,
    partners: totals.map(({ orgId, name, total }) => ({
      orgId,
      name,
      plannedPence: total.covers ? total.plannedPence : total.periodPlannedPence,
      actualPence: total.covers ? total.actualPence : null,
    })),
  };
}

/** "Q2" or "Q1–Q3": the quarters a total covers, short enough for a tile or a table's row. */
export function quartersText(period: Period): string {
  return period.fromQuarter === period.toQuarter ? `Q${period.fromQuarter}` : `Q${period.fromQuarter}–Q${period.toQuarter}`;
}

/** "Q4 not yet reported", "Q3 and Q4 not yet reported", "Q2–Q4 not yet reported"; '' when every quarter is. */
export function notReportedText(quarters: readonly number[]): string {
  const first = quarters[0];
  const last = quarters[quarters.length - 1];
  if (first === undefined || last === undefined) return '';
  const which =
    quarters.length === 1
      ? `Q${first}`
      : quarters.length === 2
        ? `Q${first} and Q${last}`
        : quartersText({ fromQuarter: first, toQuarter: last });
  return `${which} not yet reported`;
}

/** What an unreported actual reads as on the page and in the PDF (and the note on its blank cell in the workbook): the
 * wording table's words (shared/wording.ts). */
export const NOT_YET_REPORTED = WORDS.notYetReported;

/** One scheme's return on investment (shared/roi.ts appraise), with the band from its evidence's range. */
export interface SchemeReturn {
  schemeId: number;
  code: string;
  name: string;
  costPence: number;
  /** Net benefit after deadweight, attribution, optimism bias and drop-off, undiscounted. */
  netBenefitPence: number;
  savedPerPoundBp: number | null;
  /** The sensitivity band from the evidence range (low and high savings per £1); null when the evidence has none. */
  lowBp: number | null;
  highBp: number | null;
  netPresentValuePence: number;
  benefitCostRatioBp: number | null;
  paybackYear: number | null;
  evidence: EvidenceRef[];
}

export interface MetricTrend {
  metricId: number;
  code: string;
  name: string;
  unit: MetricUnit;
  polarity: Polarity;
  /** Each quarter in the period, in order. */
  points: { quarter: number; targetHundredths: number | null; actualHundredths: number | null; status: MetricStatus; narrative: string }[];
}

/** Who invests vs who benefits: each party's contributions to the appraised schemes against what it saves. */
export interface PartyBalance {
  party: string;
  name: string;
  investsPence: number;
  benefitsPence: number;
}

export interface BoardReport {
  partnership: { id: number; name: string; isDemo: boolean };
  fund: { id: number; name: string; financialYear: string };
  funds: { id: number; name: string; financialYear: string }[];
  period: Period;
  generatedAt: string;
  tiles: BoardTiles;
  /** The last reported quarter of the fund's year (0: none yet), for spend and for contributions: the rule at the top. */
  reportedThrough: { spend: number; contributions: number };
  contributionsByQuarter: QuarterContributions[];
  spendByQuarter: QuarterSpend[];
  schemeReturns: SchemeReturn[];
  metricTrends: MetricTrend[];
  investsVsBenefits: PartyBalance[];
  /** Every evidence item any figure above used, once. */
  evidence: EvidenceRef[];
  /** Why the pooled total and the year's planned spend differ, source by source (shared/reconcile.ts; issue 22). */
  reconciliation: FundReconciliation;
  /** The national conditions of the fund's BCF year with the fund's answers (shared/national-conditions.ts). */
  conditions: { bcfYear: string; answers: NationalCondition[] };
}

/** The sections of the board pack, in order: the print page, the PDF and the workbook each have one per section. */
export const BOARD_PACK_SECTIONS = [
  { key: 'summary', title: 'Summary' },
  { key: 'contributions', title: 'Who paid what' },
  { key: 'spend', title: 'Spend against plan' },
  { key: 'returns', title: 'Return on investment' },
  { key: 'outcomes', title: 'Outcomes against targets' },
  { key: 'conditions', title: 'National conditions' },
  { key: 'balance', title: 'Who invests and who benefits' },
  { key: 'evidence', title: 'Evidence' },
] as const;
