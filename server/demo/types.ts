// The shapes of the illustrative demo (server/demo/*): plain data, typed by the same shared input types a person's request
// is checked against, with organisations, schemes, metrics, unit costs and evidence named by key, code or text (their
// ids exist only once server/demo/seed.ts has created them).
import type { z } from 'zod';
import type { SpendField } from '../../shared/plan-types';
import type { RiskShareUpdateInput } from '../../shared/risk-share-schemas';
import type { Role } from '../../shared/roles';
import type { Arrangement, OrgCreateInput, SchemeValuesInput } from '../../shared/schemas';
import type { splitRuleCreateInput } from '../../shared/split-schemas';

/** A demo organisation, named in the other demo modules by its key ("council"). */
export type DemoOrganisation = OrgCreateInput;

/** Basis points of the planned amount paid (or spent) in each quarter so far, Q1 first; a quarter not listed has no
 * actual yet. 10000 is exactly as planned. */
export type ActualBp = readonly number[];

/** One income line of a fund: a partner's annual amount from one funding stream, paid in four equal instalments. */
export type DemoIncomeLine = readonly [partner: string, source: string, annualPounds: number, actualBp: ActualBp];

/** A scheme of the expenditure plan as the Plan grid takes it, with its annual amount split into four instalments. */
export type DemoScheme = Omit<SchemeValuesInput, SpendField> & { annualPounds: number; actualBp: ActualBp };

/** An outcome row in hundredths of the metric's unit (shared/metric-status.ts); a rate's actual may be given as its
 * counts [numerator, denominator], from which the service computes the rate. */
export type DemoOutcome = readonly [
  metric: string,
  quarter: number,
  baseline: number,
  target: number,
  actual: number | readonly [number, number] | null,
  narrative: string,
];

/** A benefit line of a scheme's appraisal; the unit cost and evidence are named by the start of their text. */
export type DemoBenefit = readonly [
  scheme: string,
  label: string,
  party: 'health' | 'social_care',
  unitCost: string,
  activityPerYear: number,
  years: number,
  evidence: string | null,
  deadweightBp: number,
  attributionBp: number,
  optimismBiasBp: number,
  dropOffBp: number,
];

/** The expenditure plan, outcomes and appraisal of a fund (the borough BCF has one). */
export interface DemoPlan {
  schemes: readonly DemoScheme[];
  /** Ring-fence minimums in pounds. */
  /** nhsToSocialCareBaselinePounds: the typed 2024/25 baseline of the NHS minimum to adult social care, which the
   * year's uplift works the requirement out from (nhsToSocialCarePounds is the typed minimum of a year without one). */
  ringFences: { nhsToSocialCarePounds: number; nhsToSocialCareBaselinePounds: number; outOfHospitalPounds: number };
  outcomes: readonly DemoOutcome[];
  benefits: readonly DemoBenefit[];
}

export interface DemoFund {
  name: string;
  financialYear: string;
  /** The BCF year the fund names; left out, the one funds.create gives for its financial year. */
  bcfYear?: string;
  income: readonly DemoIncomeLine[];
  plan?: DemoPlan;
}

export interface DemoPartnership {
  name: string;
  area: string;
  arrangement: Arrangement;
  host: string;
  members: readonly string[];
  funds: readonly DemoFund[];
}

/** A split rule every demo partnership holds. */
export type DemoSplitRule = Omit<z.input<typeof splitRuleCreateInput>, 'partnershipId'>;

/** The risk share every demo fund agrees. */
export type DemoRiskShare = RiskShareUpdateInput['patch'];

/** A demo sign-in; `orgs` are organisation keys, or every demo organisation. */
export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  orgs: 'all' | readonly string[];
}
