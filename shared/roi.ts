// The return-on-investment engine (domain.md "Return on investment"): what a scheme or fund costs, what it saves and
// for whom, savings per £1, net present value, benefit-cost ratio and payback, by the HM Treasury Green Book. Pure.
//
// The rules, in full:
// Representation
// - Money is integer pence (design rule 1), never a float. Adjustments are whole basis points (10000 = 100%). Ratios
//   (savings per £1, benefit-cost ratio) are whole basis points of £1: 7300 = £0.73 saved for each £1 spent. A ratio
//   is computed exactly in BigInt from the pence and rounded once, half up; it is null when there is no cost to divide
//   by.
// - Years are whole numbers from 0 (the first year of the appraisal, undiscounted) to 75, where the Green Book's
//   second band of rates ends.
// Benefits
// - A benefit line is activity avoided (a whole number: bed-days, admissions) x a unit cost in pence, for each year of
//   its profile: the gross benefit. The line names the agency or partner that saves it (a cashable fiscal benefit,
//   GMCA cost-benefit model / HM Treasury "Supporting public service transformation: cost benefit analysis guidance
//   for local partnerships", 2014) and the evidence it rests on.
// - The gross benefit is adjusted in this fixed order (research/bcf-domain.md section 8.10, after the GMCA model's
//   deadweight, attribution, optimism bias and drop-off; displacement is not modelled yet):
//     1. deadweight: remove what would have happened anyway, x (10000 - deadweightBp) / 10000;
//     2. attribution: keep the share of the change that is due to this scheme, x attributionBp / 10000 (10000, the
//        default, credits the scheme with all of it; note that some SROI guides state attribution the other way
//        round, as the share due to others);
//     3. optimism bias: reduce the benefit, x (10000 - optimismBiasBenefitBp) / 10000 (Green Book: appraisers
//        systematically overstate benefits and understate costs);
//     4. drop-off: the benefit falls by dropOffBp a year after the line's first year with any activity, compounding:
//        x ((10000 - dropOffBp) / 10000)^n in the n-th year after that first year.
//   Every step is a multiplication, so the net benefit does not depend on the order; the order fixes what a board is
//   shown each step removing (the waterfall: gross, after deadweight, after attribution, after optimism bias, net).
//   The appraisal's adjustments apply to every line; a line may override any of the four with its own.
// Costs
// - Cost lines are pence by year and by the partner that pays (who invests). Optimism bias raises them,
//   x (10000 + optimismBiasCostBp) / 10000 (Green Book supplementary guidance on optimism bias).
// Discounting (HM Treasury, The Green Book, 2022, Annex A6: the social time preference rate)
// - Standard values: 3.5% a year for years 1-30, 3.0% for years 31-75. Health values (a flag per benefit line, for
//   values of health itself): 1.5% for years 1-30, 1.29% for years 31-75. Costs are always standard.
// - Each year's rate discounts it from the year before, so the factor of year t is the product of 1 / (1 + r) over
//   years 1..t: year 0 is 1, year 30 is 1 / 1.035^30, year 31 is 1 / (1.035^30 x 1.03). Factors are exact fractions
//   (1.035 = 207/200, 1.03 = 103/100, 1.015 = 203/200, 1.0129 = 10129/10000) held in BigInt.
// Rounding
// - Each line-year figure (a cost as uplifted and its present value; a benefit after each adjustment step and its
//   present value) is rounded to whole pence ONCE, half up, from its exact value, never from another rounded figure.
//   Totals (per line, per year, per party, the whole appraisal) are exact sums of those pence, so every table adds up
//   to its total. Rounding half up is monotone, so a present value never exceeds its undiscounted figure.
// Outputs
// - Savings per £1: net benefit / cost as uplifted, undiscounted (as POPP reported it), and discounted (present value
//   of benefits / present value of costs). Net present value = PV benefits - PV costs. Benefit-cost ratio = PV
//   benefits / PV costs (Green Book); while every benefit line is a fiscal saving it equals the discounted savings
//   per £1.
// - Payback year: the first year, from the first year in which money is spent, in which the cumulative discounted net
//   benefit (PV benefits - PV costs, summed from year 0) is zero or more; null if that never happens within the years
//   appraised, or if nothing is spent.
// - Who invests vs who benefits: per party, its costs against the benefits it receives, exact sums of the line-years.
// - Every output carries the evidence ids of the benefit lines behind it, ascending and once each.
//
// The code is in shared/roi/: numbers.ts (discounting, ratios), input.ts (what an appraisal is given and its checks),
// appraise.ts (the appraisal), sensitivity.ts (bands from the evidence's ranges). This module is their public face.
export {
  LAST_APPRAISAL_YEAR,
  exactDiscountFactor,
  discountFactor,
  savedPerPound,
  savingsAtPerPound,
  formatPerPound,
  formatRatio,
  MAX_PER_POUND_BP,
} from './roi/numbers';
export type { DiscountKind, Fraction } from './roi/numbers';
export { DEFAULT_ADJUSTMENTS, ADJUSTMENT_LABELS, ATTRIBUTION_HELP, BASIS_POINTS_RULE, MAX_ACTIVITY, roiInputProblems } from './roi/input';
export type { CostLine, ActivityYear, BenefitAdjustments, Adjustments, BenefitLine, RoiInput, FullAdjustments } from './roi/input';
export { costFigures, benefitFigures, appraise } from './roi/appraise';
export type {
  CostFigures,
  BenefitFigures,
  SavingsPerPound,
  BenefitYearResult,
  BenefitLineResult,
  YearResult,
  PartyResult,
  RoiResult,
} from './roi/appraise';
export { rangeProblems, perPoundBand, unitCostBand } from './roi/sensitivity';
export type { SensitivityBand, PerPoundRange, UnitCostRange, RangeField } from './roi/sensitivity';
