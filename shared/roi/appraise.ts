// The appraisal itself (shared/roi.ts states the rules): each line-year's figures rounded once, totals as exact sums,
// savings per £1, net present value, benefit-cost ratio, payback, and who invests against who benefits.
import { ValidationError } from '../errors';
import { toFieldErrors, type Party } from '../split';
import {
  BP,
  discountFactor,
  type DiscountKind,
  divideHalfUp,
  exactDiscountFactor,
  type Fraction,
  LAST_APPRAISAL_YEAR,
  perPoundBp,
} from './numbers';
import {
  type Adjustments,
  type BenefitLine,
  type CostLine,
  DEFAULT_ADJUSTMENTS,
  type FullAdjustments,
  type RoiInput,
  roiInputProblems,
} from './input';

// ---- the appraisal's output ----

export interface CostFigures {
  /** As entered. */
  spentPence: number;
  /** Raised by optimism bias: the cost every ratio uses. */
  adjustedPence: number;
  presentValuePence: number;
}

/** A benefit through the adjustment waterfall, in the fixed order, then discounted. */
export interface BenefitFigures {
  grossPence: number;
  afterDeadweightPence: number;
  afterAttributionPence: number;
  afterOptimismBiasPence: number;
  /** After drop-off too: the benefit counted (not net of cost: that is the net present value). */
  netPence: number;
  presentValuePence: number;
}

export interface SavingsPerPound {
  /** Net benefit / cost, neither discounted (as POPP reported it). */
  undiscountedBp: number | null;
  /** PV benefits / PV costs. */
  discountedBp: number | null;
}

export interface BenefitYearResult {
  year: number;
  activity: number;
  /** The factor used, for display. */
  discountFactor: number;
  benefit: BenefitFigures;
}

export interface BenefitLineResult {
  index: number;
  label: string;
  party: Party;
  healthValue: boolean;
  evidenceIds: number[];
  benefit: BenefitFigures;
  years: BenefitYearResult[];
}

export interface YearResult {
  year: number;
  cost: CostFigures;
  benefit: BenefitFigures;
  /** PV benefits - PV costs of this year alone. */
  netPresentValuePence: number;
  /** PV benefits - PV costs from year 0 to this year: what the payback year is read from. */
  cumulativeNetPresentValuePence: number;
  evidenceIds: number[];
}

/** One party's side of "who invests vs who benefits". */
export interface PartyResult {
  party: Party;
  cost: CostFigures;
  benefit: BenefitFigures;
  /** What this party saves less what it puts in, both discounted. */
  netPresentValuePence: number;
  evidenceIds: number[];
}

export interface RoiResult {
  cost: CostFigures;
  benefit: BenefitFigures;
  savingsPerPound: SavingsPerPound;
  netPresentValuePence: number;
  benefitCostRatioBp: number | null;
  paybackYear: number | null;
  /** Every year from 0 to the last year of any line, empty years included. */
  years: YearResult[];
  /** Who invests vs who benefits, in order of first mention (cost lines, then benefit lines). */
  parties: PartyResult[];
  benefitLines: BenefitLineResult[];
  evidenceIds: number[];
}

export const zeroCost = (): CostFigures => ({ spentPence: 0, adjustedPence: 0, presentValuePence: 0 });
export const zeroBenefit = (): BenefitFigures => ({
  grossPence: 0,
  afterDeadweightPence: 0,
  afterAttributionPence: 0,
  afterOptimismBiasPence: 0,
  netPence: 0,
  presentValuePence: 0,
});

export function addCost(into: CostFigures, add: CostFigures): void {
  into.spentPence += add.spentPence;
  into.adjustedPence += add.adjustedPence;
  into.presentValuePence += add.presentValuePence;
}

export function addBenefit(into: BenefitFigures, add: BenefitFigures): void {
  into.grossPence += add.grossPence;
  into.afterDeadweightPence += add.afterDeadweightPence;
  into.afterAttributionPence += add.afterAttributionPence;
  into.afterOptimismBiasPence += add.afterOptimismBiasPence;
  into.netPence += add.netPence;
  into.presentValuePence += add.presentValuePence;
}

/** Rounded half up to whole pence: exact figures here are never negative. */
export const pence = (exact: Fraction): number => Number(divideHalfUp(exact.numerator, exact.denominator));

export const times = (f: Fraction, numerator: bigint, denominator: bigint): Fraction => ({
  numerator: f.numerator * numerator,
  denominator: f.denominator * denominator,
});

export const timesFactor = (f: Fraction, factor: Fraction): Fraction => times(f, factor.numerator, factor.denominator);

/** One cost line: uplifted by optimism bias and discounted at the standard rate, each rounded once. */
export function costFigures(line: Pick<CostLine, 'year' | 'pence'>, optimismBiasCostBp: number): CostFigures {
  const adjusted = times({ numerator: BigInt(line.pence), denominator: 1n }, BP + BigInt(optimismBiasCostBp), BP);
  return {
    spentPence: line.pence,
    adjustedPence: pence(adjusted),
    presentValuePence: pence(timesFactor(adjusted, exactDiscountFactor(line.year, 'standard'))),
  };
}

/**
 * One year of one benefit line through the waterfall, in the documented order, then discounted. `yearsAfterFirst` is
 * how many years after the line's first year with activity this one is (the drop-off exponent).
 */
export function benefitFigures(
  grossPence: number,
  adjustments: FullAdjustments,
  yearsAfterFirst: number,
  factor: Fraction,
): BenefitFigures {
  const gross: Fraction = { numerator: BigInt(grossPence), denominator: 1n };
  const afterDeadweight = times(gross, BP - BigInt(adjustments.deadweightBp), BP);
  const afterAttribution = times(afterDeadweight, BigInt(adjustments.attributionBp), BP);
  const afterOptimismBias = times(afterAttribution, BP - BigInt(adjustments.optimismBiasBenefitBp), BP);
  const n = BigInt(yearsAfterFirst);
  const net = times(afterOptimismBias, (BP - BigInt(adjustments.dropOffBp)) ** n, BP ** n);
  return {
    grossPence,
    afterDeadweightPence: pence(afterDeadweight),
    afterAttributionPence: pence(afterAttribution),
    afterOptimismBiasPence: pence(afterOptimismBias),
    netPence: pence(net),
    presentValuePence: pence(timesFactor(net, factor)),
  };
}

/** `given` over `base`: what a line or an appraisal leaves out, it takes from the level above. */
export function withDefaults(given: Adjustments | undefined, base: FullAdjustments): FullAdjustments {
  return {
    deadweightBp: given?.deadweightBp ?? base.deadweightBp,
    attributionBp: given?.attributionBp ?? base.attributionBp,
    optimismBiasBenefitBp: given?.optimismBiasBenefitBp ?? base.optimismBiasBenefitBp,
    dropOffBp: given?.dropOffBp ?? base.dropOffBp,
    optimismBiasCostBp: given?.optimismBiasCostBp ?? base.optimismBiasCostBp,
  };
}

export function appraiseBenefitLine(line: BenefitLine, index: number, base: FullAdjustments): BenefitLineResult {
  const adjustments = withDefaults(line.adjustments, base);
  const kind: DiscountKind = line.healthValue ? 'health' : 'standard';
  const active = line.profile.filter((entry) => entry.activity > 0).map((entry) => entry.year);
  const firstYear = active.reduce((min, year) => Math.min(min, year), LAST_APPRAISAL_YEAR);
  const years = [...line.profile]
    .sort((a, b) => a.year - b.year)
    .map((entry): BenefitYearResult => {
      const gross = entry.activity * line.unitCostPence; // exact: totals were checked to be safe integers
      return {
        year: entry.year,
        activity: entry.activity,
        discountFactor: discountFactor(entry.year, kind),
        benefit: benefitFigures(gross, adjustments, Math.max(0, entry.year - firstYear), exactDiscountFactor(entry.year, kind)),
      };
    });
  const benefit = zeroBenefit();
  for (const year of years) addBenefit(benefit, year.benefit);
  return {
    index,
    label: line.label ?? `Benefit ${index + 1}`,
    party: line.party,
    healthValue: line.healthValue ?? false,
    evidenceIds: line.evidenceId === null ? [] : [line.evidenceId],
    benefit,
    years,
  };
}

export const idsOf = (ids: Iterable<number>): number[] => [...new Set(ids)].sort((a, b) => a - b);

export function paybackYear(years: readonly YearResult[]): number | null {
  const firstSpend = years.find((year) => year.cost.adjustedPence > 0);
  if (!firstSpend) return null;
  const paid = years.find((year) => year.year >= firstSpend.year && year.cumulativeNetPresentValuePence >= 0);
  return paid ? paid.year : null;
}

/**
 * Appraise a scheme, a fund or a partnership's programme: cost, benefit through the adjustments, savings per £1, NPV,
 * benefit-cost ratio, payback year, and who invests vs who benefits (the rules are at the top of this file). Throws a
 * ValidationError naming each broken rule.
 */
export function appraise(input: RoiInput): RoiResult {
  const problems = roiInputProblems(input);
  if (problems.length > 0) throw new ValidationError(toFieldErrors(problems));
  const adjustments = withDefaults(input.adjustments, DEFAULT_ADJUSTMENTS);

  const lastYear = [...input.costs.map((c) => c.year), ...input.benefits.flatMap((b) => b.profile.map((p) => p.year))].reduce(
    (max, year) => Math.max(max, year),
    -1,
  );
  const years: YearResult[] = Array.from({ length: lastYear + 1 }, (_, year) => ({
    year,
    cost: zeroCost(),
    benefit: zeroBenefit(),
    netPresentValuePence: 0,
    cumulativeNetPresentValuePence: 0,
    evidenceIds: [],
  }));
  const parties = new Map<Party, PartyResult>();
  const partyOf = (party: Party): PartyResult => {
    const found = parties.get(party);
    if (found) return found;
    const fresh: PartyResult = { party, cost: zeroCost(), benefit: zeroBenefit(), netPresentValuePence: 0, evidenceIds: [] };
    parties.set(party, fresh);
    return fresh;
  };

  const cost = zeroCost();
  for (const line of input.costs) {
    const figures = costFigures(line, adjustments.optimismBiasCostBp);
    addCost(cost, figures);
    addCost(partyOf(line.party).cost, figures);
    const year = years[line.year];
    if (year) addCost(year.cost, figures);
  }

  const benefit = zeroBenefit();
  const benefitLines = input.benefits.map((line, index) => appraiseBenefitLine(line, index, adjustments));
  for (const line of benefitLines) {
    addBenefit(benefit, line.benefit);
    const party = partyOf(line.party);
    addBenefit(party.benefit, line.benefit);
    party.evidenceIds = idsOf([...party.evidenceIds, ...line.evidenceIds]);
    for (const entry of line.years) {
      const year = years[entry.year];
      if (!year) continue;
      addBenefit(year.benefit, entry.benefit);
      if (entry.benefit.grossPence > 0) year.evidenceIds = idsOf([...year.evidenceIds, ...line.evidenceIds]);
    }
  }

  let cumulative = 0;
  for (const year of years) {
    year.netPresentValuePence = year.benefit.presentValuePence - year.cost.presentValuePence;
    cumulative += year.netPresentValuePence;
    year.cumulativeNetPresentValuePence = cumulative;
  }
  for (const party of parties.values()) party.netPresentValuePence = party.benefit.presentValuePence - party.cost.presentValuePence;

  return {
    cost,
    benefit,
    savingsPerPound: {
      undiscountedBp: perPoundBp(benefit.netPence, cost.adjustedPence, 'costs'),
      discountedBp: perPoundBp(benefit.presentValuePence, cost.presentValuePence, 'costs'),
    },
    netPresentValuePence: benefit.presentValuePence - cost.presentValuePence,
    benefitCostRatioBp: perPoundBp(benefit.presentValuePence, cost.presentValuePence, 'costs'),
    paybackYear: paybackYear(years),
    years,
    parties: [...parties.values()],
    benefitLines,
    evidenceIds: idsOf(benefitLines.flatMap((line) => line.evidenceIds)),
  };
}
