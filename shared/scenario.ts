// Scenarios (issue 6, item 3): a commissioner's private working copy of a fund's cost lines with a split applied to
// each, worked out to the penny per partner, funding source and quarter, and compared with the committed plan.
//
// The rules, in full:
// - A line is a cost (one amount per quarter, in pence) paid from one funding source, with a split: 'plan' (as the
//   plan shares that source now: each partner's share of the planned contributions to it) or a partnership split rule.
// - A line's split is applied to its YEAR total (so a rule's fixed-£ parts are annual: "health pays the first
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
import { largestRemainder } from './allocate';
import { formatBasisPoints, sumPence } from './money';
import type { Sector } from './schemas';
import { allocate, allocationProblems, FULL_SHARE_BP, orgIdOfParty, type Party, type SharePart } from './split';
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

/** The plan's split of one funding source: each member's share of what is planned into it, in basis points by
 * largest remainder (ties to the earlier member), normalised; null when nobody plans to pay into it. */
export function planSplitOf(source: string, members: readonly Member[], plan: readonly PlanContribution[]): SplitRuleParts | null {
  const planned = members.map((m) => sumPence(plan.filter((c) => c.orgId === m.orgId && c.source === source).map((c) => c.plannedPence)));
  if (planned.every((p) => p === 0)) return null;
  const bp = largestRemainder(FULL_SHARE_BP, planned);
  const shares: SharePart[] = members
    .map((m, i) => ({ party: `org:${m.orgId}` as Party, basisPoints: bp[i] ?? 0 }))
    .filter((s) => s.basisPoints > 0);
  return { fixed: [], shares, remainder: 'normalise' };
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

function describeSplit(parts: SplitRuleParts, members: readonly Member[]): string {
  const nameOf = (party: Party) => {
    const orgId = orgIdOfParty(party);
    return orgId === null ? party.replace('_', ' ') : (members.find((m) => m.orgId === orgId)?.name ?? party);
  };
  const shares = parts.shares.map((s) => `${nameOf(s.party)} ${formatBasisPoints(s.basisPoints)}`);
  return shares.join(', ') || 'no shares';
}

/** One line worked out: its split read, allocated, resolved to members. */
export function computeLine(
  line: ScenarioLineInput,
  members: readonly Member[],
  rules: readonly NamedRule[],
  plan: readonly PlanContribution[],
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

  let parts: SplitRuleParts | null;
  if (line.split === 'plan') {
    parts = planSplitOf(line.source, members, plan);
    if (!parts) {
      return unfundAll(
        `${line.label}: no partner plans to pay into this funding source, so "as in the plan" splits nothing; choose a split rule`,
        'As in the plan: nobody pays into this source',
      );
    }
    result.splitLabel = `As in the plan: ${describeSplit(parts, members)}`;
  } else {
    const rule = rules.find((r) => r.id === ruleIdOfSplit(line.split));
    if (!rule) return unfundAll(`${line.label}: its split rule has been deleted; choose another`, 'Deleted rule');
    parts = rule;
    result.splitLabel = rule.name;
  }
  const input = { amountPence: costPence, fixed: parts.fixed, shares: parts.shares, remainder: parts.remainder };
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
  const results = lines.map((line) => computeLine(line, members, rules, plan));
  const covered = [...new Set(lines.map((l) => l.source).filter((s): s is string => s !== null))].sort();
  const target = new Map<string, number>();
  const key = (orgId: number, source: string, quarter: number) => `${orgId}|${source}|${quarter}`;
  for (const m of members) for (const s of covered) for (const q of QUARTERS) target.set(key(m.orgId, s, q), 0);
  lines.forEach((line, i) => {
    const r = results[i];
    if (!r || line.source === null) return;
    for (const { orgId, pence } of r.byOrg) {
      spreadOverQuarters(pence, line.quarterPence).forEach((p, qi) => {
        const k = key(orgId, line.source as string, qi + 1);
        target.set(k, (target.get(k) ?? 0) + p);
      });
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
