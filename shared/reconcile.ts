// Why two figures that people compare differ (issue 22, item 6), worked out once here and worded once here, for the
// board dashboard (the pool against planned spend) and the scenario panel (a scenario against the committed plan).
//
// The rules:
// - A fund's pool is its planned contributions; its planned spend is its schemes' planned spend. They differ only
//   source by source: a funding source whose income the schemes do not spend in full has income "not yet planned on
//   schemes"; one whose schemes spend more than is paid into it has "spend beyond income"; a scheme with no funding
//   source yet is spend that no income stands behind. The per-source gaps (and the unsourced spend) add up exactly to
//   pooled minus planned spend.
// - A scenario sets what each partner pays into each source its lines use (shared/scenario.ts). A partner's difference
//   from the committed plan in one such source has two causes, which add up exactly to it:
//   1. the plan itself: an unchanged scenario divides the plan's schemes' spend on the source between the partners as
//      they pay into it, so where the schemes spend less (or more) than the source's income, the partner's part is
//      lower (or higher) than what it pays in now (the plan checklist's balance check, shared/plan-checks.ts);
//   2. the user's changes: whatever the scenario's lines give beyond that (costs, splits, sources changed, lines added).
// Money is integer pence throughout; every part is exact.
import { divideAsPlanned, type Member, type PlanContribution, type ScenarioResult } from './scenario';
import { formatPence, sumPence } from './money';

/** A funding source's income against the spend the plan's schemes put on it; `source` null is spend with no source. */
export interface SourceGap {
  source: string | null;
  name: string;
  incomePence: number;
  spendPence: number;
  /** income - spend: above 0, income not yet planned on schemes; below 0, spend beyond income. */
  gapPence: number;
  /** The partners who plan to pay into the source, in member order. */
  payers: { orgId: number; name: string; pence: number }[];
}

export interface FundReconciliation {
  pooledPence: number;
  plannedSpendPence: number;
  /** pooled - planned spend: the sum of every gap below. */
  differencePence: number;
  /** The sources whose income and spend differ (and unsourced spend), in source-name order; empty when all agree. */
  gaps: SourceGap[];
}

export interface SchemeSpend {
  source: string | null;
  plannedPence: number;
}

type Named = { orgId: number; name: string };
type NameOf = (source: string) => string;

/** The pool against planned spend, source by source (the rules at the top). */
export function reconcileFund(
  contributions: readonly { orgId: number; source: string; plannedPence: number }[],
  schemes: readonly SchemeSpend[],
  members: readonly Named[],
  nameOf: NameOf,
): FundReconciliation {
  const pooledPence = sumPence(contributions.map((c) => c.plannedPence));
  const plannedSpendPence = sumPence(schemes.map((s) => s.plannedPence));
  const sources = [...new Set([...contributions.map((c) => c.source), ...schemes.flatMap((s) => (s.source === null ? [] : [s.source]))])];
  const gaps: SourceGap[] = sources.flatMap((source) => {
    const incomePence = sumPence(contributions.filter((c) => c.source === source).map((c) => c.plannedPence));
    const spendPence = sumPence(schemes.filter((s) => s.source === source).map((s) => s.plannedPence));
    if (incomePence === spendPence) return [];
    const payers = members
      .map((m) => ({
        orgId: m.orgId,
        name: m.name,
        pence: sumPence(contributions.filter((c) => c.orgId === m.orgId && c.source === source).map((c) => c.plannedPence)),
      }))
      .filter((p) => p.pence !== 0);
    return [{ source, name: nameOf(source), incomePence, spendPence, gapPence: incomePence - spendPence, payers }];
  });
  gaps.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const unsourced = sumPence(schemes.filter((s) => s.source === null).map((s) => s.plannedPence));
  if (unsourced !== 0) {
    gaps.push({ source: null, name: 'no funding source yet', incomePence: 0, spendPence: unsourced, gapPence: -unsourced, payers: [] });
  }
  return { pooledPence, plannedSpendPence, differencePence: pooledPence - plannedSpendPence, gaps };
}

const payersText = (gap: SourceGap) => gap.payers.map((p) => p.name).join(' and ');

/** One sentence per gap: "£20,000.00 of NHS minimum contribution not yet planned on schemes (paid in by NHS ICB)". */
export function gapText(gap: SourceGap): string {
  const amount = formatPence(Math.abs(gap.gapPence));
  if (gap.source === null) return `${amount} of planned spend is on schemes with no funding source yet`;
  if (gap.gapPence > 0) return `${amount} of ${gap.name} is not yet planned on schemes (paid in by ${payersText(gap)})`;
  if (gap.payers.length === 0) return `Schemes plan to spend ${amount} from ${gap.name}, which no partner pays into`;
  return `Schemes plan to spend ${amount} more from ${gap.name} than is paid into it (by ${payersText(gap)})`;
}

/** The one line under the pool and the planned spend; '' when they agree source by source. */
export function fundDifferenceText(r: FundReconciliation): string {
  if (r.gaps.length === 0) return '';
  const names = (gaps: SourceGap[]) => gaps.map((g) => g.name).join(', ');
  const unplanned = r.gaps.filter((g) => g.gapPence > 0);
  const beyond = r.gaps.filter((g) => g.gapPence < 0);
  const amount = formatPence(Math.abs(r.differencePence));
  if (r.differencePence > 0 && beyond.length === 0) return `${amount} of the pool is not yet planned on schemes: ${names(unplanned)}`;
  if (r.differencePence < 0 && unplanned.length === 0) return `Planned spend is ${amount} more than the pool: ${names(beyond)}`;
  if (r.differencePence === 0) return `The pool and planned spend agree in total but not source by source: ${names(r.gaps)}`;
  return `The pool is ${amount} ${r.differencePence > 0 ? 'more' : 'less'} than planned spend: income not yet planned on schemes in ${names(
    unplanned,
  )}; spend beyond income in ${names(beyond)}`;
}

// ---- A scenario against the committed plan ----------------------------------------------------------------------

/** One cause of a partner's difference in one source (the rules at the top). */
export interface DifferenceCause {
  source: string;
  sourceName: string;
  kind: 'plan_unbalanced' | 'lines_changed';
  /** This partner's part of the difference from this cause: negative lowers its contribution. */
  pence: number;
  /** For 'plan_unbalanced': the plan's schemes' spend on the source less its income (negative: they spend less). */
  sourceGapPence: number;
  /** For 'plan_unbalanced': how many partners pay into the source. */
  payerCount: number;
}

export interface PartnerDifference {
  orgId: number;
  name: string;
  planPence: number;
  scenarioPence: number;
  changePence: number;
  /** What the partner would pay into each source, where it differs from the plan (for asking before promoting). */
  bySource: { source: string; sourceName: string; planPence: number; scenarioPence: number; changePence: number }[];
  /** The causes, which add up exactly to changePence. */
  causes: DifferenceCause[];
}

/** Each partner's difference from the committed plan split into its causes; `schemes` is the plan's schemes' spend. */
export function explainScenario(
  result: Pick<ScenarioResult, 'partners' | 'contributions' | 'coveredSources'>,
  members: readonly Pick<Member, 'orgId' | 'name'>[],
  plan: readonly PlanContribution[],
  schemes: readonly SchemeSpend[],
  nameOf: NameOf,
): PartnerDifference[] {
  const sum = (rows: readonly PlanContribution[], orgId: number, source: string) =>
    sumPence(rows.filter((c) => c.orgId === orgId && c.source === source).map((c) => c.plannedPence));
  // What an unchanged scenario gives each member in each covered source: the schemes' spend divided as the plan shares
  // the source (the same division as shared/scenario.ts); nothing when no one pays into it.
  const asTaken = new Map(
    result.coveredSources.map((source) => {
      const spend = sumPence(schemes.filter((s) => s.source === source).map((s) => s.plannedPence));
      const divided = divideAsPlanned([spend], source, members, plan);
      const income = sumPence(plan.filter((c) => c.source === source).map((c) => c.plannedPence));
      const payerCount = members.filter((m) => sum(plan, m.orgId, source) !== 0).length;
      return [source, { byMember: divided?.byMember ?? members.map(() => 0), gap: spend - income, payerCount }] as const;
    }),
  );
  return result.partners.map((p) => {
    const index = members.findIndex((m) => m.orgId === p.orgId);
    const bySource: PartnerDifference['bySource'] = [];
    const causes: DifferenceCause[] = [];
    for (const source of result.coveredSources) {
      const planPence = sum(plan, p.orgId, source);
      const scenarioPence = sum(result.contributions, p.orgId, source);
      const sourceName = nameOf(source);
      if (scenarioPence !== planPence)
        bySource.push({ source, sourceName, planPence, scenarioPence, changePence: scenarioPence - planPence });
      const taken = asTaken.get(source);
      const takenPence = taken?.byMember[index] ?? planPence;
      if (takenPence !== planPence) {
        causes.push({
          source,
          sourceName,
          kind: 'plan_unbalanced',
          pence: takenPence - planPence,
          sourceGapPence: taken?.gap ?? 0,
          payerCount: taken?.payerCount ?? 0,
        });
      }
      if (scenarioPence !== takenPence) {
        causes.push({ source, sourceName, kind: 'lines_changed', pence: scenarioPence - takenPence, sourceGapPence: 0, payerCount: 0 });
      }
    }
    return { ...p, bySource, causes };
  });
}

const lessOrMore = (pence: number) => `${formatPence(Math.abs(pence))} ${pence < 0 ? 'less' : 'more'}`;

function causeText(cause: DifferenceCause): string {
  if (cause.kind === 'lines_changed') {
    return `this scenario’s cost lines from the ${cause.sourceName} give it ${lessOrMore(cause.pence)} to pay into it`;
  }
  const who = cause.payerCount > 1 ? 'the partners pay' : 'it pays';
  const share = cause.payerCount > 1 ? ` (${formatPence(Math.abs(cause.pence))} of that falls to it)` : '';
  return `the plan’s schemes spend ${lessOrMore(cause.sourceGapPence)} than ${who} into the ${cause.sourceName}${share}`;
}

/** "NHS Northbridge and Vale ICB: £20,000.00 less than its planned contribution, because the plan’s schemes spend
 * £20,000.00 less than it pays into the NHS minimum contribution"; '' when the partner's figure matches the plan. */
export function partnerDifferenceText(d: PartnerDifference): string {
  if (d.changePence === 0 && d.causes.length === 0) return '';
  const head =
    d.changePence === 0
      ? `${d.name}: the same total as its planned contribution, but source by source`
      : `${d.name}: ${lessOrMore(d.changePence)} than its planned contribution`;
  return `${head}, because ${d.causes.map(causeText).join('; and ')}`;
}

/** The partners' contributions a promotion would lower, source by source: what to ask about before promoting. */
export function loweredContributions(differences: readonly PartnerDifference[]) {
  return differences.flatMap((d) => d.bySource.filter((s) => s.changePence < 0).map((s) => ({ orgId: d.orgId, name: d.name, ...s })));
}
