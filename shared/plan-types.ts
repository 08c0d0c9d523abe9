// The shapes of a fund's expenditure plan (issue "The BCF plan"): schemes, their spend by quarter, the reference lists
// of the fund's BCF year, and the settings the template's checks use. Shared by the server (which stores them), the
// checks in shared/plan-checks.ts and the client's Plan page, so all three agree.

/** The lists held as data for each BCF year (never as code enums), editable by admins. */
export const REFERENCE_LISTS = [
  'scheme_type',
  'sub_type',
  'area_of_spend',
  'commissioner',
  'provider_type',
  'national_condition',
  'metric',
] as const;
export type ReferenceList = (typeof REFERENCE_LISTS)[number];

export interface ReferenceItem {
  id: number;
  /** The BCF planning year the item belongs to: '2023-25' (a two-year plan) or '2025/26'. */
  bcfYear: string;
  list: ReferenceList;
  code: string;
  name: string;
  /** For a sub-type: the code of its scheme type. */
  parentCode: string | null;
  sortOrder: number;
  /** Bumped on each change (reference.update checks it). */
  version: number;
}

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

export interface QuarterSpend {
  quarter: number;
  plannedPence: number;
  actualPence: number;
}

export interface Scheme {
  id: number;
  fundId: number;
  /** The scheme ID people use ("1", "2a", "DFG-01"); unique in its fund. */
  code: string;
  name: string;
  description: string;
  schemeType: string | null;
  subType: string | null;
  /** "Please specify" when the sub-type (or type) is Other. */
  subTypeOther: string;
  areaOfSpend: string | null;
  commissioner: string | null;
  /** Joint commissioning split in basis points; both null unless commissioner is joint. */
  nhsShareBp: number | null;
  laShareBp: number | null;
  providerType: string | null;
  providerName: string;
  /** The income stream that pays for it (a funding_source code). */
  fundingSource: string | null;
  outputQuantity: number | null;
  outputUnit: string;
  isNew: boolean;
  /** Always four entries, Q1..Q4. */
  spend: QuarterSpend[];
  version: number;
  updatedAt: string;
  updatedByName: string | null;
}

/** Per-fund settings for the checks and the variance colours. */
export interface PlanSettings {
  /** The required minimum of the NHS minimum contribution spent on adult social care, in pence (0: no requirement). */
  minNhsToSocialCarePence: number;
  /** The required minimum spend on NHS-commissioned out-of-hospital services, in pence (0: no requirement). */
  minOutOfHospitalPence: number;
  /** Variance beyond these (absolute, in basis points of plan) is amber, then red. */
  amberThresholdBp: number;
  redThresholdBp: number;
}

/** Everything the Plan page and the checks need about one fund. */
export interface FundPlan {
  fundId: number;
  bcfYear: string;
  settings: PlanSettings;
  schemes: Scheme[];
  /** Planned income per funding source, from the fund's contributions (what the spend must balance). */
  incomeBySource: { source: string; name: string; plannedPence: number }[];
  reference: ReferenceItem[];
  /** The fund row's version, for schemes.settings.update. */
  settingsVersion: number;
}

/** The per-quarter spend fields of a scheme as a grid row edits them (schemes.applyBatch values). */
export const SPEND_FIELDS = [
  'q1PlannedPence',
  'q1ActualPence',
  'q2PlannedPence',
  'q2ActualPence',
  'q3PlannedPence',
  'q3ActualPence',
  'q4PlannedPence',
  'q4ActualPence',
] as const;
export type SpendField = (typeof SPEND_FIELDS)[number];

/** A scheme as a snapshot keeps it (and as snapshots.compare reads it): every edited field, spend flattened. */
export type PlanLine = Omit<Scheme, 'id' | 'fundId' | 'spend' | 'version' | 'updatedAt' | 'updatedByName'> & Record<SpendField, number>;

/** A named, frozen version of a fund's plan ("Submitted plan", "Q2 return"). */
export interface PlanSnapshot {
  id: number;
  fundId: number;
  name: string;
  createdAt: string;
  createdByName: string | null;
  schemeCount: number;
  plannedPence: number;
  actualPence: number;
}

/** One scheme added or removed between two versions; deltaPence is the change in planned spend (b - a). */
export interface PlanLineChange {
  code: string;
  name: string;
  plannedPence: number;
  deltaPence: number;
}

/** The difference between two versions of a plan (a and b: snapshot ids or 'current'), keyed by scheme code. */
export interface PlanComparison {
  a: { id: number | 'current'; name: string };
  b: { id: number | 'current'; name: string };
  added: PlanLineChange[];
  removed: PlanLineChange[];
  changed: {
    code: string;
    name: string;
    fields: Record<string, { old: unknown; new: unknown }>;
    /** Planned spend in b minus planned spend in a, in pence. */
    deltaPence: number;
  }[];
  /** Total planned spend of a and b, and b - a. */
  aPlannedPence: number;
  bPlannedPence: number;
  deltaPence: number;
}

/** One template check: what it checks, whether it passes, and where to go to fix it. */
export interface PlanCheck {
  id: string;
  /** 'balance' | 'ring_fence' | 'joint_split' | 'required_field' */
  kind: string;
  label: string;
  ok: boolean;
  /** What is wrong, in words and £ ("£1,000.00 short"), when not ok. */
  detail: string;
  /** The cell to jump to: a scheme and a field (or null for a fund-level check). */
  target: { schemeId: number; field: string } | null;
}
