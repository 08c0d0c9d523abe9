// A scheme's return on investment from what the tool holds (issue 7): its cost is its planned spend in the fund's year
// (year 0), invested by the partners as the plan shares its funding source (shared/scenario.ts divideAsPlanned); its
// benefits are its benefit lines (activity avoided x unit cost over the years given), appraised by shared/roi.ts, with
// the sensitivity band its evidence's range gives.
import type { EvidenceRef, PartyBalance, SchemeReturn } from './board-report';
import { sumPence } from './money';
import type { EvidenceItem, RoiBenefit, UnitCost } from './outcome-types';
import { appraise, savedPerPound, unitCostBand, type BenefitLine, type CostLine, type RoiInput, type RoiResult } from './roi';
import { divideAsPlanned, memberOfParty, type Member, type PlanContribution } from './scenario';
import { SECTOR_LABELS, type Sector } from './schemas';
import type { Party } from './split';

export interface SchemeForReturn {
  id: number;
  code: string;
  name: string;
  fundingSource: string | null;
  plannedPence: number;
}

/**
 * Who pays for each of a fund's schemes (who invests): the planned spend of all the schemes paid from one funding
 * source is divided as the plan shares that source (shared/scenario.ts divideAsPlanned: in proportion to the pence
 * each partner plans to pay into it, exact to the penny), and each scheme's breakdown adds up to its spend. So the
 * partners' investment across a source's schemes is exactly the largest-remainder split of their cost by the planned
 * contributions, whatever subset of schemes a report shows. A scheme with no funding source, or paid from a source
 * nobody pays into, is invested by 'other' ("Not yet funded"). Keyed by scheme id.
 */
export function schemeCosts(
  schemes: readonly SchemeForReturn[],
  members: readonly Member[],
  plan: readonly PlanContribution[],
): Map<number, CostLine[]> {
  const costs = new Map<number, CostLine[]>();
  const unfunded = (s: SchemeForReturn): CostLine[] =>
    s.plannedPence > 0 ? [{ party: 'other', year: 0, pence: s.plannedPence, label: 'Not yet funded' }] : [];
  for (const s of schemes) if (s.fundingSource === null) costs.set(s.id, unfunded(s));
  const sources = [...new Set(schemes.flatMap((s) => (s.fundingSource === null ? [] : [s.fundingSource])))];
  for (const source of sources) {
    const group = schemes.filter((s) => s.fundingSource === source);
    const divided = divideAsPlanned(
      group.map((s) => s.plannedPence),
      source,
      members,
      plan,
    );
    group.forEach((s, i) => {
      if (!divided) return costs.set(s.id, unfunded(s));
      const pence = divided.byCost[i] ?? [];
      costs.set(
        s.id,
        members.map((m, mi) => ({ party: `org:${m.orgId}` as Party, year: 0, pence: pence[mi] ?? 0 })).filter((c) => c.pence > 0),
      );
    });
  }
  return costs;
}

/** A benefit line of the database as the ROI engine takes it: the same activity in each of its years. */
export function benefitLineOf(benefit: RoiBenefit, unitCost: UnitCost | undefined): BenefitLine {
  return {
    label: benefit.label,
    party: benefit.party as Party,
    unitCostPence: unitCost?.pence ?? 0,
    profile: Array.from({ length: benefit.years }, (_, i) => ({ year: benefit.startYear + i, activity: benefit.activityPerYear })),
    healthValue: benefit.healthValue,
    evidenceId: benefit.evidenceId,
    adjustments: {
      deadweightBp: benefit.deadweightBp,
      attributionBp: benefit.attributionBp,
      optimismBiasBenefitBp: benefit.optimismBiasBp,
      dropOffBp: benefit.dropOffBp,
    },
  };
}

export const evidenceRef = ({ version: _version, ...item }: EvidenceItem): EvidenceRef => item;

/** Scale a ratio by the evidence's own range: an evidence figure of £1.20 (£0.80-£1.60) puts a scheme's £0.90 at
 * £0.60-£1.20. Exact in BigInt, rounded half up once. */
function scaled(bp: number, numerator: number, denominator: number): number {
  if (denominator === 0) return bp;
  const n = BigInt(bp) * BigInt(numerator) * 2n + BigInt(denominator);
  return Number(n / (2n * BigInt(denominator)));
}

/**
 * The band of a scheme's savings per £1 from the evidence of its first benefit line that has a range: a per-£1
 * range scales the scheme's own figure; a range of unit costs (in pence) reruns the appraisal at its low and high.
 */
export function bandOf(input: RoiInput, result: RoiResult, evidence: readonly EvidenceItem[]): { lowBp: number | null; highBp: number | null } {
  const central = result.savingsPerPound.undiscountedBp;
  for (const [index, line] of input.benefits.entries()) {
    const item = evidence.find((e) => e.id === line.evidenceId);
    if (!item || item.low === null || item.high === null || central === null) continue;
    if (item.valueKind === 'per_pound') return { lowBp: scaled(central, item.low, item.value), highBp: scaled(central, item.high, item.value) };
    const band = unitCostBand(input, { benefitIndex: index, lowPence: item.low, highPence: item.high, evidenceId: item.id });
    return { lowBp: band.lowBp, highBp: band.highBp };
  }
  return { lowBp: null, highBp: null };
}

export interface AppraisedScheme {
  scheme: SchemeForReturn;
  input: RoiInput;
  result: RoiResult;
  summary: SchemeReturn;
}

/** Appraise one scheme that has benefit lines. */
export function appraiseScheme(
  scheme: SchemeForReturn,
  benefits: readonly RoiBenefit[],
  unitCosts: readonly UnitCost[],
  evidence: readonly EvidenceItem[],
  costs: readonly CostLine[],
): AppraisedScheme {
  const input: RoiInput = {
    costs: [...costs],
    benefits: benefits.map((b) =>
      benefitLineOf(
        b,
        unitCosts.find((u) => u.id === b.unitCostId),
      ),
    ),
  };
  const result = appraise(input);
  const band = bandOf(input, result, evidence);
  return {
    scheme,
    input,
    result,
    summary: {
      schemeId: scheme.id,
      code: scheme.code,
      name: scheme.name,
      costPence: result.cost.adjustedPence,
      netBenefitPence: result.benefit.netPence,
      savedPerPoundBp: result.savingsPerPound.undiscountedBp,
      lowBp: band.lowBp,
      highBp: band.highBp,
      netPresentValuePence: result.netPresentValuePence,
      benefitCostRatioBp: result.benefitCostRatioBp,
      paybackYear: result.paybackYear,
      evidence: evidence.filter((e) => result.evidenceIds.includes(e.id)).map(evidenceRef),
    },
  };
}

/** A party as a board reads it: an organisation's name, or the sector's. */
export function partyName(party: string, members: readonly Member[]): string {
  if (party.startsWith('org:')) return members.find((m) => `org:${m.orgId}` === party)?.name ?? party;
  return SECTOR_LABELS[party as Sector] ?? party;
}

/**
 * Who invests vs who benefits across appraised schemes: each party's cost and net benefit, exact sums. A sector that
 * saves (health, social care) is the partnership's one member of that sector when there is one, so a partner's money
 * in and its savings meet on one line; a sector with no member, or several, stays a sector.
 */
export function investsVsBenefits(appraised: readonly AppraisedScheme[], members: readonly Member[]): PartyBalance[] {
  const byParty = new Map<string, { investsPence: number; benefitsPence: number }>();
  for (const a of appraised) {
    for (const p of a.result.parties) {
      const orgId = memberOfParty(p.party, members);
      const key = orgId === null ? p.party : `org:${orgId}`;
      const entry = byParty.get(key) ?? { investsPence: 0, benefitsPence: 0 };
      entry.investsPence += p.cost.adjustedPence;
      entry.benefitsPence += p.benefit.netPence;
      byParty.set(key, entry);
    }
  }
  return [...byParty].map(([party, v]) => ({ party, name: partyName(party, members), ...v }));
}

/** Savings per £1 across appraised schemes: all their net benefit over all their cost. */
export function fundSavedPerPound(appraised: readonly AppraisedScheme[]): number | null {
  return savedPerPound(
    sumPence(appraised.map((a) => a.result.benefit.netPence)),
    sumPence(appraised.map((a) => a.result.cost.adjustedPence)),
  );
}
