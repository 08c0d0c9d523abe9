// A benefit line of a scheme's appraisal (shared/roi.ts): `activityPerYear` of a unit cost avoided in each of `years`
// years from `startYear` (0 is the fund's own year), saved by `party`, adjusted in basis points.
import { z } from 'zod';
import { ADJUSTMENT_LABELS, BASIS_POINTS_RULE } from '../roi';
import { isParty } from '../split';
import { wellFormedString } from '../unicode';
import { id, rule, strict, text, wholeNumber, yesNo } from './fields';
import { batchOf, labelsOf, optionalShape, patchOf, type RowOf, type Versioned } from './shape';

/** A share in basis points, 0 to 10000 (100%): deadweight, attribution, optimism bias, drop-off. */
export const basisPoints = (label: string) => wholeNumber(label, 0, 10_000, BASIS_POINTS_RULE);

/** The adjustments of an appraisal (shared/roi.ts), each optional and defaulted there. */
export const roiAdjustmentsInput = strict(
  optionalShape({
    deadweightBp: basisPoints(ADJUSTMENT_LABELS.deadweightBp),
    attributionBp: basisPoints(ADJUSTMENT_LABELS.attributionBp),
    optimismBiasBenefitBp: basisPoints(ADJUSTMENT_LABELS.optimismBiasBenefitBp),
    dropOffBp: basisPoints(ADJUSTMENT_LABELS.dropOffBp),
    optimismBiasCostBp: basisPoints(ADJUSTMENT_LABELS.optimismBiasCostBp),
  }),
  'Adjustments',
);

/** What a person calls each field of a benefit line, as the benefits grid names its columns. */

function partyText(label: string) {
  return wellFormedString(label, rule(label, 'must be a sector code or org:<id>'))
    .refine((value): boolean => isParty(value), rule(label, 'must be a sector code (social_care, health, ...) or org:<id>'))
    .describe(label);
}

const benefitFields = {
  schemeId: id('Scheme'),
  label: text('Benefit', 1, 300),
  party: partyText('Saved by'),
  unitCostId: id('Unit cost'),
  startYear: wholeNumber('First year', 0, 75, 'must be a whole number of years from 0 (the fund’s year) to 75'),
  years: wholeNumber('Years', 1, 76, 'must be a whole number of years from 1 to 76'),
  activityPerYear: wholeNumber('Activity avoided a year', 0, 1_000_000_000, 'must be a whole number from 0 to 1,000,000,000'),
  healthValue: yesNo('Health value', 'must be true (discounted at the health rate) or false'),
  evidenceId: id('Evidence').nullable(),
  deadweightBp: basisPoints(ADJUSTMENT_LABELS.deadweightBp),
  attributionBp: basisPoints(ADJUSTMENT_LABELS.attributionBp),
  optimismBiasBp: basisPoints(ADJUSTMENT_LABELS.optimismBiasBenefitBp),
  dropOffBp: basisPoints(ADJUSTMENT_LABELS.dropOffBp),
};

/** What a person calls each field of a benefit line, as the benefits grid names its columns. */
export const BENEFIT_FIELD_LABELS = labelsOf(benefitFields);

/** The stored fields of a benefit line. */
export type RoiBenefitValues = { fundId: number } & RowOf<typeof benefitFields>;

/** A benefit line as the API returns it. */
export interface RoiBenefit extends RoiBenefitValues, Versioned {}

export const benefitValues = strict(
  {
    ...optionalShape(benefitFields),
    schemeId: benefitFields.schemeId,
    label: benefitFields.label,
    party: benefitFields.party,
    unitCostId: benefitFields.unitCostId,
  },
  'Benefit line',
);
export const benefitPatch = patchOf(benefitFields);
export const benefitsBatchInput = batchOf(benefitValues, benefitPatch);

export type BenefitValues = z.infer<typeof benefitValues>;
export type BenefitPatch = z.infer<typeof benefitPatch>;
export type BenefitsBatchInput = z.infer<typeof benefitsBatchInput>;
