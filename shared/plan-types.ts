// The shapes of a fund's expenditure plan (issue "The BCF plan"): schemes, their spend by quarter, the reference lists
// of the fund's BCF year, and the settings the template's checks use. Shared by the server (which stores them), the
// checks in shared/plan-checks.ts and the client's Plan page, so all three agree. The nouns' own shapes live in
// shared/schema/ and are re-exported here under their old path.
import type { NationalCondition } from './national-conditions';
import type { NhsMinimumWorking } from './nhs-minimum';
import type { PlanSettings } from './schema/fund';
import type { ReferenceItem } from './schema/reference';
import type { Scheme } from './schema/scheme';

export type { PlanSettings } from './schema/fund';
export { REFERENCE_LISTS, type ReferenceItem, type ReferenceList } from './schema/reference';
export { SPEND_FIELDS, type PlanLine, type QuarterSpend, type Scheme, type SpendField } from './schema/scheme';
export type { PlanComparison, PlanLineChange, PlanSnapshot } from './schema/snapshot';

/** Commissioner codes with a meaning the checks rely on: 'joint' needs NHS % + LA % = 100%. */
export const JOINT_COMMISSIONER = 'joint';
/** The area of spend whose NHS money counts towards the "NHS minimum to adult social care" ring-fence. */
export const SOCIAL_CARE_AREA = 'social_care';
/** Commissioners whose out-of-hospital spend counts towards the NHS-commissioned out-of-hospital ring-fence. */
export const NHS_COMMISSIONERS = ['icb', 'nhse'] as const;
/** Areas of spend that are not out of hospital. */
export const HOSPITAL_AREAS = ['acute'] as const;
/** The sub-type code that needs "please specify" text. */
export const OTHER_CODE = 'other';

/** Everything the Plan page and the checks need about one fund. */
export interface FundPlan {
  fundId: number;
  bcfYear: string;
  settings: PlanSettings;
  /** The NHS minimum to adult social care by the fund's BCF year's rule, with its working (shared/nhs-minimum.ts);
   * absent, the typed settings.minNhsToSocialCarePence is the requirement (a plan built without a database). */
  nhsMinimum?: NhsMinimumWorking;
  schemes: Scheme[];
  /** Planned income per funding source, from the fund's contributions (what the spend must balance). */
  incomeBySource: { source: string; name: string; plannedPence: number }[];
  /** The funding streams of the fund's BCF year (code and the year's name): a source outside them is flagged. */
  streams: { code: string; name: string }[];
  reference: ReferenceItem[];
  /** The fund row's version, for schemes.settings.update. */
  settingsVersion: number;
  /** The national conditions of the fund's year with its answers (the checklist's "National conditions answered");
   * absent where a plan is checked without them (a snapshot, a unit test), and then not checked. */
  conditions?: NationalCondition[];
}

/** One template check: what it checks, whether it passes, and where to go to fix it. */
export interface PlanCheck {
  id: string;
  /** 'balance' | 'stream' | 'ring_fence' | 'joint_split' | 'required_field' */
  kind: string;
  label: string;
  ok: boolean;
  /** What is wrong, in words and £ ("£1,000.00 short"), when not ok. */
  detail: string;
  /** The cell to jump to: a scheme and a field (or null for a fund-level check). */
  target: { schemeId: number; field: string } | null;
  /** For the national conditions check: the first condition to answer, on the Plan page's National conditions form. */
  conditionCode?: string;
}
