// A fund: a pooled budget of one partnership for one financial year, with the settings of its plan's checks.
import { z } from 'zod';
import { bcfYearSchema, financialYearSchema, id, pence, strict, text, version, wholeNumber } from './fields';
import { keysOf, labelsOf, patchOf, type RowOf, type Versioned } from './shape';

const fundFields = {
  partnershipId: id('Partnership'),
  name: text('Name', 1, 200),
  financialYear: financialYearSchema,
  /** The BCF year (bcf_year.code) whose funding streams, lists and rules the fund uses. */
  bcfYear: bcfYearSchema,
};

export const FUND_FIELDS = keysOf(fundFields);

/** The stored fields of a fund a person gives. */
export type FundValues = RowOf<typeof fundFields>;

/** A fund as the API returns it; `riskShare` is the stored JSON of its risk share (shared/schema/risk-share.ts). */
export interface Fund extends FundValues, Versioned {
  riskShare: string;
}

/** `funds.create`: without `bcfYear`, the fund takes the year bcfYearFor() gives for its financial year (the server
 * checks either against the years held). */
export const fundCreateInput = strict({ ...fundFields, bcfYear: fundFields.bcfYear.optional() }, 'Fund');
export type FundCreateInput = z.infer<typeof fundCreateInput>;

export const byFundInput = strict({ fundId: id('Fund') }, 'Input');
/** The fund a call is about, read by the base procedures that check the caller may see it. */
export const fundRef = z.object({ fundId: id('Fund') });

/** A funding stream of a BCF year (reference data). */
export interface FundingSource {
  code: string;
  name: string;
  description: string;
}

// ---- the settings of a fund's plan checks (schemes.settings.*) ----

const thresholdBp = (label: string) => wholeNumber(label, 0, 100_000, 'must be a whole number of basis points from 0 to 100000 (1000%)');

const planSettingsFields = {
  /** The required minimum of the NHS minimum contribution spent on adult social care, in pence (0: no requirement). */
  minNhsToSocialCarePence: pence('Minimum NHS contribution to adult social care (£)'),
  /** The required minimum spend on NHS-commissioned out-of-hospital services, in pence (0: no requirement). */
  minOutOfHospitalPence: pence('Minimum NHS-commissioned out-of-hospital spend (£)'),
  /** Variance beyond these (absolute, in basis points of plan) is amber, then red. */
  amberThresholdBp: thresholdBp('Amber variance threshold'),
  redThresholdBp: thresholdBp('Red variance threshold'),
};

/** The NHS minimum to adult social care by the year's rule (shared/nhs-minimum.ts): the typed baseline (used when no
 * previous year's fund holds it) and an override of the worked figure, which needs its reason. Null: none. */
const nhsMinimumFields = {
  nhsAscBaselinePence: pence('Baseline of the NHS minimum contribution to adult social care (£)').nullable(),
  nhsAscOverridePence: pence('Override of the NHS minimum contribution to adult social care (£)').nullable(),
  nhsAscOverrideReason: text('Reason for the override', 1, 1000).nullable(),
};

export const PLAN_SETTINGS_LABELS = labelsOf({ ...planSettingsFields, ...nhsMinimumFields });

/** Per-fund settings for the checks and the variance colours. */
export type PlanSettings = RowOf<typeof planSettingsFields>;

/** The typed inputs of the NHS minimum to adult social care, kept with the plan settings (and audited with them). */
export type NhsMinimumSettings = RowOf<typeof nhsMinimumFields>;

export const planSettingsUpdateInput = strict(
  {
    fundId: id('Fund'),
    /** The fund version the caller last saw; leave out to overwrite whatever is there. */
    version: version.optional(),
    patch: patchOf({ ...planSettingsFields, ...nhsMinimumFields }, 'Patch must change at least one setting'),
  },
  'Settings',
);
export type PlanSettingsUpdateInput = z.infer<typeof planSettingsUpdateInput>;
