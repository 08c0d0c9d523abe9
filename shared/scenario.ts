// Scenarios (issue 6, item 3): a commissioner's private working copy of a fund's cost lines with a split applied to
// each, worked out to the penny per partner, funding source and quarter, and compared with the committed plan.
//
// The rules, in full:
// - A line is a cost (one amount per quarter, in pence) paid from one funding source, with a split: 'plan' (as the
//   plan shares that source now) or a partnership split rule.
// - 'As in the plan' (issue 13): the YEAR totals of all the lines of one source split that way are divided together
//   between the members in proportion to the pence each plans to pay into the source (largest remainder on those
//   pence, never on rounded percentages: 1:2 is exactly a third and two thirds), each line's breakdown adds up to its
//   cost (allocate.ts divideInTurn), and each member pays its part in the quarters it plans to pay into the source. So
//   a scenario taken from a plan whose costs from each source equal what is planned into it, and left unchanged,
//   gives every member exactly its planned contributions back, and promoting it changes nothing.
// - A line split by a rule is applied to its YEAR total (so a rule's fixed-£ parts are annual: "health pays the first
//   £5,000"), by shared/split.ts allocate(). Each partner's part of the line is then spread over the quarters in
//   proportion to the line's own quarterly amounts, by largest remainder, so a partner's quarters add up exactly to its
//   part. (A quarter's partner parts may differ from that quarter's cost by pennies; the year never does.)
// - A sector party (health, social_care, ...) is the one member organisation of that sector. A sector with no member
//   is outside the partnership: its part is shown as "outside the pool" and written nowhere. A sector with several
//   members is ambiguous: the line is refused for promotion until its rule names the organisation (org:<id>).
// - The scenario decides who pays for the funding sources its lines use (the COVERED sources). Promotion sets every
//   member's planned contribution to each covered source and quarter to the scenario's figure (0 where it pays
//   nothing); contributions to other sources are left as they are. A partner's scenario total is therefore its plan
//   total with its covered-source contributions replaced by the scenario's.
// - Nothing is lost: for every line, partners + unfunded + outside === the line's cost, and across the scenario the
//   same holds for the totals.
import { divideInTurn, largestRemainder, sharesInBasisPoints } from './allocate';
import { formatBasisPoints, sumPence } from './money';
import type { Sector } from './schema/organisation';
import { allocate, allocationProblems, orgIdOfParty, type Party } from './split';
import type { SplitRuleParts } from './split-schemas';

export const QUARTERS = [1, 2, 3, 4] as const;

/** 'plan' or 'rule:<id>': how a line is split. */
export type LineSplit = 'plan' | `rule:${number}`;

export interface ScenarioLineInput {
  id: number;
  label: string;
  /** The funding source the cost is paid from; null until chosen (such a line cannot be promoted). */
  source: string | null;
  /** The cost in each quarter, Q1..Q4, in pence. */
  quarterPence: readonly [number, number, number, number];
  split: LineSplit;
}

export interface Member {
  orgId: number;
  name: string;
  sector: Sector;
}

export interface PlanContribution {
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
}

export interface NamedRule extends SplitRuleParts {
  id: number;
  name: string;
}

export interface LineResult {
  lineId: number;
  costPence: number;
  /** Each member's part of the line's year total, in member order (0 for a member who pays nothing). */
  byOrg: { orgId: number; pence: number }[];
  unfundedPence: number;
  /** Parts that fall to sectors with no member in the partnership. */
  outside: { party: Party; pence: number }[];
  /** What stops the line being promoted, in words a person can act on; empty when it can be. */
  problems: string[];
  /** How the split was read, for the grid ("As in the plan: NHS ICB 100%"). */
  splitLabel: string;
}

export interface PartnerResult {
  orgId: number;
  name: string;
  planPence: number;
  scenarioPence: number;
  changePence: number;
}

export interface ScenarioResult {
  lines: LineResult[];
  partners: PartnerResult[];
  costPence: number;
  unfundedPence: number;
  outsidePence: number;
  coveredSources: string[];
  /** The planned contribution every member would have to each covered source and quarter, zeros included. */
  contributions: PlanContribution[];
  problems: { lineId: number; message: string }[];
}

export const isLineSplit = (value: unknown): value is LineSplit =>
  value === 'plan' || (typeof value === 'string' && /^rule:[1-9]\d{0,15}$/.test(value));

export const ruleIdOfSplit = (split: LineSplit): number | null => (split === 'plan' ? null : Number(split.slice(5)));

/** What each member plans to pay into one funding source: [member][quarter Q1..Q4], in pence, members in order. */
export function plannedIntoSource(
  source: string,
  members: readonly Pick<Member, 'orgId'>[],
  plan: readonly PlanContribution[],
): number[][] {
  return members.map((m) =>
    QUARTERS.map((q) => sumPence(plan.filter((c) => c.orgId === m.orgId && c.source === source && c.quarter === q).map((c) => c.plannedPence))),
  );
}

/** "As in the plan" for the costs paid from one funding source (design rule 2, issue 13). */
export interface AsPlanned {
  /** Each member's part of all the costs together, in member order: the costs' total divided by the members' planned
   * pence into the source, by largest remainder (never by rounded percentages). */
  byMember: number[];
  /** Each cost's own breakdown, [cost][member]: each adds up to its cost, and each member's parts to its byMember. */
  byCost: number[][];
  /** Each member's part spread over the quarters as that member plans to pay into the source, [member][quarter]. */
  byQuarter: number[][];
  /** Each member's share of the source, in basis points, for reading only ("Council 33.33%"). */
  shareBp: number[];
}

/**
 * Divide the costs paid from `source` as the plan shares it: each member's part of their total is in proportion to
 * the pence it plans to pay into the source (1:2 gives exactly a third and two thirds, to the penny); each member pays
 * its part in the quarters it plans to pay. So a plan whose costs from a source equal what is planned into it gives
 * every member exactly its planned contributions back, quarter by quarter. Null when nobody plans to pay into it.
 */
export function divideAsPlanned(
  costs: readonly number[],
  source: string,
  members: readonly Pick<Member, 'orgId'>[],
  plan: readonly PlanContribution[],
): AsPlanned | null {
  const planned = plannedIntoSource(source, members, plan);
  const yearly = planned.map((quarters) => sumPence(quarters));
  if (yearly.every((p) => p === 0)) return null;
  const byMember = largestRemainder(sumPence([...costs]), yearly);
  return {
    byMember,
    byCost: divideInTurn(costs, byMember),
    byQuarter: byMember.map((part, i) => largestRemainder(part, planned[i] ?? [])),
    shareBp: sharesInBasisPoints(yearly),
  };
}

/** Which member a party is: an organisation party itself, or the only member of a sector. */
function resolveParty(party: Party, members: readonly Member[]): { orgId: number } | { outside: true } | { ambiguous: Member[] } {
  const orgId = orgIdOfParty(party);
  if (orgId !== null) return members.some((m) => m.orgId === orgId) ? { orgId } : { outside: true };
  const ofSector = members.filter((m) => m.sector === party);
  if (ofSector.length === 1 && ofSector[0]) return { orgId: ofSector[0].orgId };
  return ofSector.length === 0 ? { outside: true } : { ambiguous: ofSector };
}

/** The member organisation a party stands for, or null: an organisation that is a member, or the only member of a
 * sector (health in a council + ICB partnership is the ICB). */
export function memberOfParty(party: Party, members: readonly Member[]): number | null {
  const who = resolveParty(party, members);
  return 'orgId' in who ? who.orgId : null;
}

/** A plan-split line's part of its source's division (see divideAsPlanned): its members' pence and the shares read. */
export interface LineAsPlanned {
  pence: readonly number[];
  shareBp: readonly number[];
}

/** One line worked out: its split read, allocated, resolved to members. A line split as in the plan is divided with
 * the other plan-split lines of its source when `asPlanned` is given (computeScenario does); on its own otherwise. */
export function computeLine(
  line: ScenarioLineInput,
  members: readonly Member[],
  rules: readonly NamedRule[],
  plan: readonly PlanContribution[],
  asPlanned?: LineAsPlanned,
): LineResult {
  const costPence = sumPence([...line.quarterPence]);
  const result: LineResult = {
    lineId: line.id,
    costPence,
    byOrg: members.map((m) => ({ orgId: m.orgId, pence: 0 })),
    unfundedPence: 0,
    outside: [],
    problems: [],
    splitLabel: '',
  };
  const unfundAll = (problem: string, label: string): LineResult => ({
    ...result,
    unfundedPence: costPence,
    problems: [problem],
    splitLabel: label,
  });
  if (line.source === null) return unfundAll(`${line.label}: choose the funding source this cost is paid from`, 'No funding source');

  if (line.split === 'plan') {
    const own = asPlanned ?? lineAsPlanned(costPence, line.source, members, plan);
    if (!own) {
      return unfundAll(
        `${line.label}: no partner plans to pay into this funding source, so "as in the plan" splits nothing; choose a split rule`,
        'As in the plan: nobody pays into this source',
      );
    }
    const shares = members.flatMap((m, i) => ((own.shareBp[i] ?? 0) > 0 ? [`${m.name} ${formatBasisPoints(own.shareBp[i] ?? 0)}`] : []));
    return {
      ...result,
      byOrg: members.map((m, i) => ({ orgId: m.orgId, pence: own.pence[i] ?? 0 })),
      splitLabel: `As in the plan: ${shares.join(', ')}`,
    };
  }
  const rule = rules.find((r) => r.id === ruleIdOfSplit(line.split));
  if (!rule) return unfundAll(`${line.label}: its split rule has been deleted; choose another`, 'Deleted rule');
  result.splitLabel = rule.name;
  const input = { amountPence: costPence, fixed: rule.fixed, shares: rule.shares, remainder: rule.remainder };
  const problems = allocationProblems(input);
  if (problems.length > 0) {
    return unfundAll(`${line.label}: ${problems.map((p) => p.message).join('; ')}`, result.splitLabel);
  }
  const { allocations, unfundedPence } = allocate(input);
  result.unfundedPence = unfundedPence;
  for (const { party, pence } of allocations) {
    const who = resolveParty(party, members);
    if ('orgId' in who) {
      const entry = result.byOrg.find((b) => b.orgId === who.orgId);
      if (entry) entry.pence += pence;
    } else if ('outside' in who) {
      if (pence > 0) result.outside.push({ party, pence });
    } else {
      result.outside.push({ party, pence });
      result.problems.push(
        `${line.label}: the rule gives a share to '${party}', and ${who.ambiguous.map((m) => m.name).join(' and ')} are all of that sector; name the organisation in the rule`,
      );
    }
  }
  return result;
}

function lineAsPlanned(costPence: number, source: string, members: readonly Member[], plan: readonly PlanContribution[]): LineAsPlanned | null {
  const divided = divideAsPlanned([costPence], source, members, plan);
  return divided ? { pence: divided.byCost[0] ?? [], shareBp: divided.shareBp } : null;
}

/** Spread a partner's part of a line over the quarters in proportion to the line's quarterly cost (exact). */
export function spreadOverQuarters(pence: number, quarterPence: readonly number[]): number[] {
  const total = sumPence([...quarterPence]);
  // A line with no cost has nothing to spread; one whose quarters are all zero but whose part is not cannot happen.
  return total === 0 ? quarterPence.map(() => 0) : largestRemainder(pence, quarterPence);
}

/** A whole scenario worked out against the plan as it is (see the rules at the top of this file). */
export function computeScenario(
  lines: readonly ScenarioLineInput[],
  members: readonly Member[],
  rules: readonly NamedRule[],
  plan: readonly PlanContribution[],
): ScenarioResult {
  const covered = [...new Set(lines.map((l) => l.source).filter((s): s is string => s !== null))].sort();
  const target = new Map<string, number>();
  const key = (orgId: number, source: string, quarter: number) => `${orgId}|${source}|${quarter}`;
  const add = (orgId: number, source: string, quarter: number, pence: number) =>
    target.set(key(orgId, source, quarter), (target.get(key(orgId, source, quarter)) ?? 0) + pence);
  for (const m of members) for (const s of covered) for (const q of QUARTERS) target.set(key(m.orgId, s, q), 0);

  // The lines split as in the plan are divided source by source, all of a source's lines together, so each member
  // pays exactly its planned share of their total, in the quarters it plans to pay (divideAsPlanned).
  const asPlanned = new Map<number, LineAsPlanned>();
  for (const source of covered) {
    const group = lines.filter((l) => l.source === source && l.split === 'plan');
    const divided = divideAsPlanned(
      group.map((l) => sumPence([...l.quarterPence])),
      source,
      members,
      plan,
    );
    if (!divided) continue;
    group.forEach((l, i) => asPlanned.set(l.id, { pence: divided.byCost[i] ?? [], shareBp: divided.shareBp }));
    members.forEach((m, i) => (divided.byQuarter[i] ?? []).forEach((p, qi) => add(m.orgId, source, qi + 1, p)));
  }
  const results = lines.map((line) => computeLine(line, members, rules, plan, asPlanned.get(line.id)));
  // A line split by a rule: each member's part spread over the quarters as the line's own cost falls.
  lines.forEach((line, i) => {
    const r = results[i];
    if (!r || line.source === null || line.split === 'plan') return;
    for (const { orgId, pence } of r.byOrg) {
      spreadOverQuarters(pence, line.quarterPence).forEach((p, qi) => add(orgId, line.source as string, qi + 1, p));
    }
  });
  const contributions: PlanContribution[] = [...target].map(([k, plannedPence]) => {
    const [orgId, source, quarter] = k.split('|');
    return { orgId: Number(orgId), source: source ?? '', quarter: Number(quarter), plannedPence };
  });
  const coveredSet = new Set(covered);
  const partners = members.map((m) => {
    const planPence = sumPence(plan.filter((c) => c.orgId === m.orgId).map((c) => c.plannedPence));
    const uncovered = sumPence(plan.filter((c) => c.orgId === m.orgId && !coveredSet.has(c.source)).map((c) => c.plannedPence));
    const scenarioPence = uncovered + sumPence(contributions.filter((c) => c.orgId === m.orgId).map((c) => c.plannedPence));
    return { orgId: m.orgId, name: m.name, planPence, scenarioPence, changePence: scenarioPence - planPence };
  });
  return {
    lines: results,
    partners,
    costPence: sumPence(results.map((r) => r.costPence)),
    unfundedPence: sumPence(results.map((r) => r.unfundedPence)),
    outsidePence: sumPence(results.flatMap((r) => r.outside.map((o) => o.pence))),
    coveredSources: covered,
    contributions,
    problems: results.flatMap((r) => r.problems.map((message) => ({ lineId: r.lineId, message }))),
  };
}
