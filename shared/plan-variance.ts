// Plan against actual for the expenditure plan (issue 5, item 4): per scheme line and rolled up by scheme type, by
// funding source and for the whole fund; variance in pence and in basis points of plan, forecast outturn and a RAG
// status from the fund's thresholds. Variance is always actual - planned (design.md). Integers only (design rule 1).
import { sumPence } from './money';
import type { FundPlan, PlanSettings, QuarterSpend, Scheme } from './plan-types';

export type Rag = 'green' | 'amber' | 'red';

export interface Variance {
  /** The year's plan and actual (Q1..Q4). */
  plannedPence: number;
  actualPence: number;
  /** actualPence - plannedPence. */
  variancePence: number;
  /** variancePence in basis points of plannedPence; null ("n/a") when nothing is planned but something is spent. */
  varianceBp: number | null;
  /** Plan and actual of the quarters reported so far (Q1..lastReportedQuarter). */
  plannedToDatePence: number;
  actualToDatePence: number;
  /** Forecast outturn: actual to date + the plan of the quarters still to come. */
  forecastPence: number;
  /** forecastPence - plannedPence (which equals actual to date - plan to date). */
  forecastVariancePence: number;
  forecastVarianceBp: number | null;
  /** From |forecastVarianceBp| against the fund's amber and red thresholds. */
  rag: Rag;
}

export interface LineVariance extends Variance {
  schemeId: number;
}

export interface GroupVariance extends Variance {
  /** The scheme type or funding-source code; null for lines where it is not chosen yet. */
  key: string | null;
}

export interface PlanVariance {
  lines: LineVariance[];
  bySchemeType: GroupVariance[];
  bySource: GroupVariance[];
  fund: Variance;
}

export type Thresholds = Pick<PlanSettings, 'amberThresholdBp' | 'redThresholdBp'>;

/**
 * `deltaPence` in basis points of `plannedPence`, rounded half away from zero, exactly (BigInt, no float). Measured
 * against |plan| so the sign follows the variance even for a negative (refund) plan. With nothing planned there is no
 * percentage: 0 when the delta is 0 too, otherwise null ("n/a"). The result is exact while it is a safe integer, i.e.
 * for any variance up to about 900 billion times its plan (beyond that it is the nearest representable number).
 */
export function basisPointsOfPlan(deltaPence: number, plannedPence: number): number | null {
  if (plannedPence === 0) return deltaPence === 0 ? 0 : null;
  const numerator = BigInt(deltaPence) * 10_000n;
  const denominator = BigInt(Math.abs(plannedPence));
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (2n * abs + denominator) / (2n * denominator);
  return Number(negative ? -rounded : rounded);
}

/**
 * RAG on the forecast variance: beyond (strictly above) the red threshold is red, beyond amber is amber, otherwise
 * green; the fund sets the thresholds (issue 5, item 4). It judges the rounded basis points the page shows, so a
 * figure displayed as exactly the threshold is never the worse colour. Spend against a zero plan ("n/a") is red: an
 * unplanned spend is beyond any percentage.
 */
export function ragStatus(varianceBp: number | null, thresholds: Thresholds): Rag {
  if (varianceBp === null) return 'red';
  const size = Math.abs(varianceBp);
  if (size > thresholds.redThresholdBp) return 'red';
  if (size > thresholds.amberThresholdBp) return 'amber';
  return 'green';
}

/** The last quarter of any of `rows` with an actual above zero (0: none yet). The one reading of "reported so far":
 * the plan's forecast outturn and the board report (shared/board-report.ts) both ask it. */
export function lastQuarterWithActual(rows: Iterable<{ quarter: number; actualPence: number }>): number {
  let last = 0;
  for (const q of rows) if (q.actualPence > 0 && q.quarter > last) last = q.quarter;
  return last;
}

/** The last quarter with any actual spend reported (0: none yet): the "to date" of the forecast outturn. */
export function lastReportedQuarterOf(schemes: readonly Pick<Scheme, 'spend'>[]): number {
  return lastQuarterWithActual(schemes.flatMap((s) => s.spend));
}

function assertQuarter(lastReportedQuarter: number): void {
  if (!Number.isInteger(lastReportedQuarter) || lastReportedQuarter < 0 || lastReportedQuarter > 4) {
    throw new RangeError(`lastReportedQuarter must be a whole number from 0 to 4, got ${lastReportedQuarter}`);
  }
}

/** The plan and actual figures a variance is made from; they add, so groups are sums of their lines. */
interface Figures {
  plannedPence: number;
  actualPence: number;
  plannedToDatePence: number;
  actualToDatePence: number;
}

function figuresOf(spend: readonly QuarterSpend[], lastReportedQuarter: number): Figures {
  const toDate = spend.filter((q) => q.quarter <= lastReportedQuarter);
  return {
    plannedPence: sumPence(spend.map((q) => q.plannedPence)),
    actualPence: sumPence(spend.map((q) => q.actualPence)),
    plannedToDatePence: sumPence(toDate.map((q) => q.plannedPence)),
    actualToDatePence: sumPence(toDate.map((q) => q.actualPence)),
  };
}

function addFigures(all: readonly Figures[]): Figures {
  return {
    plannedPence: sumPence(all.map((f) => f.plannedPence)),
    actualPence: sumPence(all.map((f) => f.actualPence)),
    plannedToDatePence: sumPence(all.map((f) => f.plannedToDatePence)),
    actualToDatePence: sumPence(all.map((f) => f.actualToDatePence)),
  };
}

/** Percentages of a group come from the group's summed pence, never from adding the lines' percentages. */
function varianceOf(f: Figures, thresholds: Thresholds): Variance {
  const variancePence = f.actualPence - f.plannedPence;
  const remainingPlanPence = f.plannedPence - f.plannedToDatePence;
  const forecastPence = sumPence([f.actualToDatePence, remainingPlanPence]);
  const forecastVariancePence = forecastPence - f.plannedPence;
  const forecastVarianceBp = basisPointsOfPlan(forecastVariancePence, f.plannedPence);
  return {
    ...f,
    variancePence,
    varianceBp: basisPointsOfPlan(variancePence, f.plannedPence),
    forecastPence,
    forecastVariancePence,
    forecastVarianceBp,
    rag: ragStatus(forecastVarianceBp, thresholds),
  };
}

/**
 * One line's (or any set of quarters') variance. `lastReportedQuarter` is 0 (nothing reported: the forecast is the
 * plan) to 4 (the year is reported: the forecast is the actual).
 */
export function spendVariance(spend: readonly QuarterSpend[], lastReportedQuarter: number, thresholds: Thresholds): Variance {
  assertQuarter(lastReportedQuarter);
  return varianceOf(figuresOf(spend, lastReportedQuarter), thresholds);
}

export type GroupKey = 'schemeType' | 'fundingSource';

/**
 * The schemes grouped by scheme type or by funding source, for the grid's grouped subtotals: groups in the order
 * their first scheme appears (the grid's order), the group of lines with no value yet (key null) last.
 */
export function groupSchemes(schemes: readonly Scheme[], key: GroupKey): { key: string | null; schemes: Scheme[] }[] {
  const groups = new Map<string | null, Scheme[]>();
  for (const scheme of schemes) {
    const value = scheme[key];
    const group = groups.get(value);
    if (group) group.push(scheme);
    else groups.set(value, [scheme]);
  }
  const ordered = [...groups.entries()].filter(([k]) => k !== null);
  const unset = groups.get(null);
  if (unset) ordered.push([null, unset]);
  return ordered.map(([k, members]) => ({ key: k, schemes: members }));
}

export interface Subtotal {
  key: string | null;
  schemeIds: number[];
  plannedPence: number;
  actualPence: number;
  variancePence: number;
  /** Q1..Q4 planned and actual of the group, always four entries. */
  quarters: QuarterSpend[];
}

/** Grouped subtotals for the grid (by scheme type or by source); the subtotals add up to the plan's totals exactly. */
export function subtotals(schemes: readonly Scheme[], key: GroupKey): Subtotal[] {
  return groupSchemes(schemes, key).map((group) => {
    const spend = group.schemes.flatMap((s) => s.spend);
    const quarters = [1, 2, 3, 4].map((quarter) => {
      const inQuarter = spend.filter((q) => q.quarter === quarter);
      return {
        quarter,
        plannedPence: sumPence(inQuarter.map((q) => q.plannedPence)),
        actualPence: sumPence(inQuarter.map((q) => q.actualPence)),
      };
    });
    const plannedPence = sumPence(spend.map((q) => q.plannedPence));
    const actualPence = sumPence(spend.map((q) => q.actualPence));
    return {
      key: group.key,
      schemeIds: group.schemes.map((s) => s.id),
      plannedPence,
      actualPence,
      variancePence: actualPence - plannedPence,
      quarters,
    };
  });
}

/**
 * The whole plan's variance: each line (in scheme order), by scheme type, by funding source and for the fund, with
 * the fund's amber and red thresholds.
 */
export function planVariance(plan: Pick<FundPlan, 'schemes' | 'settings'>, lastReportedQuarter: number): PlanVariance {
  assertQuarter(lastReportedQuarter);
  const thresholds = plan.settings;
  const figuresOfScheme = (s: Scheme): Figures => figuresOf(s.spend, lastReportedQuarter);
  const rollUp = (key: GroupKey): GroupVariance[] =>
    groupSchemes(plan.schemes, key).map((group) => ({
      key: group.key,
      ...varianceOf(addFigures(group.schemes.map(figuresOfScheme)), thresholds),
    }));
  return {
    lines: plan.schemes.map((s) => ({ schemeId: s.id, ...varianceOf(figuresOfScheme(s), thresholds) })),
    bySchemeType: rollUp('schemeType'),
    bySource: rollUp('fundingSource'),
    fund: varianceOf(addFigures(plan.schemes.map(figuresOfScheme)), thresholds),
  };
}
