// The one typed schema of the database (Kysely). Names are camelCase here; CamelCasePlugin maps them to the
// snake_case columns the migrations create. Money columns are integer pence.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../shared/roles';
import type { Arrangement, Sector } from '../shared/schemas';

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  sector: Sector;
  kind: string | null;
  onsCode: string | null;
  version: ColumnType<number, number | undefined, number>;
  createdAt: ColumnType<string, string | undefined, never>;
}

export interface PartnershipTable {
  id: Generated<number>;
  name: string;
  area: string | null;
  arrangement: Arrangement;
  hostOrgId: number | null;
  notes: string | null;
  /** 1 for the illustrative demo partnerships the seed creates, so the UI can label them. */
  isDemo: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  createdAt: ColumnType<string, string | undefined, never>;
}

export interface PartnershipMemberTable {
  partnershipId: number;
  orgId: number;
}

export interface FundTable {
  id: Generated<number>;
  partnershipId: number;
  name: string;
  financialYear: string;
  /** The Section 75 risk share as JSON (shared/risk-share-schemas.ts RiskShareConfig); the column default, the bare
   * word 'pro_rata_planned', means pro rata to planned contributions both ways (db/repositories/risk-share.repository). */
  riskShare: ColumnType<string, string | undefined, string>;
  /** The BCF planning year whose reference lists the fund uses; null: derived from financialYear (shared/bcf-year). */
  bcfYear: ColumnType<string | null, string | null | undefined, string | null>;
  minNhsToSocialCarePence: ColumnType<number, number | undefined, number>;
  minOutOfHospitalPence: ColumnType<number, number | undefined, number>;
  amberThresholdBp: ColumnType<number, number | undefined, number>;
  redThresholdBp: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  createdAt: ColumnType<string, string | undefined, never>;
}

export interface FundingSourceTable {
  code: string;
  name: string;
  description: string;
  sortOrder: number;
}

export interface ContributionTable {
  id: Generated<number>;
  fundId: number;
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
  actualPence: number;
  note: string;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

/**
 * One unit of change: a cell edit, a pasted block, an import, an undo. Every audit event belongs to one. `kind` is
 * edit | batch | import | seed (changes), undo (reverses a change or a redo) or redo (reverses an undo).
 */
export interface BatchTable {
  id: string;
  at: string;
  userId: number | null;
  kind: string;
  label: string;
  fundId: number | null;
  undoesBatchId: string | null;
  undoneByBatchId: string | null;
  /** The undo scope: null for the fund's own stack, a scenario's id for the edits made inside that scenario. */
  scenarioId: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Append-only (triggers refuse UPDATE and DELETE): one row per field changed. Values are JSON text. */
export interface AuditEventTable {
  id: Generated<number>;
  batchId: string;
  at: string;
  userId: number | null;
  entity: string;
  entityId: number;
  action: 'create' | 'update' | 'delete';
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  versionBefore: number | null;
  versionAfter: number | null;
  fundId: number | null;
  partnershipId: number | null;
}

export interface AppUserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  passwordSetAt: string;
  disabled: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  createdAt: ColumnType<string, string | undefined, never>;
}

export interface UserOrgTable {
  userId: number;
  orgId: number;
}

export interface SessionTable {
  tokenHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  firstFailureAt: string;
  lockedUntil: string | null;
}

/** A person's own preferences (a grid's column layout), by key; `value` is JSON text. Not audited: not money data. */
export interface UserSettingTable {
  userId: number;
  key: string;
  value: string;
  updatedAt: string;
}

/** One item of a reference list of a BCF year (scheme types, areas of spend, ...); see shared/plan-types.ts. */
export interface ReferenceItemTable {
  id: Generated<number>;
  bcfYear: string;
  list: string;
  code: string;
  name: string;
  parentCode: string | null;
  sortOrder: number;
  version: ColumnType<number, number | undefined, number>;
}

/** A line of a fund's expenditure plan. Its spend by quarter is in `expenditure`, versioned with the scheme. */
export interface SchemeTable {
  id: Generated<number>;
  fundId: number;
  code: string;
  name: string;
  description: string;
  schemeType: string | null;
  subType: string | null;
  subTypeOther: string;
  areaOfSpend: string | null;
  commissioner: string | null;
  nhsShareBp: number | null;
  laShareBp: number | null;
  providerType: string | null;
  providerName: string;
  fundingSource: string | null;
  outputQuantity: number | null;
  outputUnit: string;
  /** 1 for a new scheme, 0 for an existing one. */
  isNew: number;
  /** The sums of its four expenditure rows, kept by db/repositories/scheme.repository.ts whenever it writes them. */
  plannedTotalPence: ColumnType<number, number | undefined, number>;
  actualTotalPence: ColumnType<number, number | undefined, number>;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

export interface ExpenditureTable {
  schemeId: number;
  quarter: number;
  plannedPence: number;
  actualPence: number;
}

/** A named, frozen copy of a fund's plan; `data` is JSON text of its schemes with their spend. */
export interface PlanSnapshotTable {
  id: Generated<number>;
  fundId: number;
  name: string;
  createdAt: string;
  createdBy: number | null;
  data: string;
  version: ColumnType<number, number | undefined, number>;
}

/** A named split rule of a partnership (shared/split.ts); `fixed` and `shares` are JSON arrays of its parts. */
export interface SplitRuleTable {
  id: Generated<number>;
  partnershipId: number;
  name: string;
  description: string;
  sourceOfRule: string;
  fixed: string;
  shares: string;
  remainder: string;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

/** A commissioner's private working copy of a fund's cost lines (shared/scenario.ts). */
export interface ScenarioTable {
  id: Generated<number>;
  fundId: number;
  name: string;
  description: string;
  ownerId: number;
  baseFingerprint: string;
  takenAt: string;
  promotedAt: string | null;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

/** A cost line of a scenario: its cost by quarter and how it is split ('plan' or 'rule:<id>'). */
export interface ScenarioItemTable {
  id: Generated<number>;
  scenarioId: number;
  fundId: number;
  schemeId: number | null;
  label: string;
  source: string | null;
  q1Pence: number;
  q2Pence: number;
  q3Pence: number;
  q4Pence: number;
  split: string;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

/** Who last changed an audited row of the outcome and ROI tables, and its version. */
interface Stamped {
  id: Generated<number>;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

/** A metric of a BCF year (shared/metric-status.ts): values are hundredths of its unit. */
export interface MetricTable extends Stamped {
  bcfYear: string;
  code: string;
  name: string;
  unit: string;
  polarity: string;
  dataSource: string;
  lagMonths: number;
}

/** One quarter of one metric for a fund (or one of its schemes). */
export interface OutcomeTable extends Stamped {
  fundId: number;
  schemeId: number | null;
  metricId: number;
  quarter: number;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  actualNumerator: number | null;
  actualDenominator: number | null;
  narrative: string;
}

export interface UnitCostTable extends Stamped {
  item: string;
  pence: number;
  priceYear: string;
  source: string;
}

export interface EvidenceItemTable extends Stamped {
  claim: string;
  valueKind: string;
  value: number;
  low: number | null;
  high: number | null;
  publication: string;
  url: string | null;
}

/** A benefit line of a scheme's appraisal (shared/roi.ts). */
export interface RoiBenefitTable extends Stamped {
  fundId: number;
  schemeId: number;
  label: string;
  party: string;
  unitCostId: number;
  startYear: number;
  years: number;
  activityPerYear: number;
  healthValue: number;
  evidenceId: number | null;
  deadweightBp: number;
  attributionBp: number;
  optimismBiasBp: number;
  dropOffBp: number;
}

export interface Database {
  organisation: OrganisationTable;
  partnership: PartnershipTable;
  partnershipMember: PartnershipMemberTable;
  fund: FundTable;
  fundingSource: FundingSourceTable;
  contribution: ContributionTable;
  batch: BatchTable;
  auditEvent: AuditEventTable;
  appUser: AppUserTable;
  userOrg: UserOrgTable;
  session: SessionTable;
  loginThrottle: LoginThrottleTable;
  userSetting: UserSettingTable;
  referenceItem: ReferenceItemTable;
  scheme: SchemeTable;
  expenditure: ExpenditureTable;
  planSnapshot: PlanSnapshotTable;
  splitRule: SplitRuleTable;
  scenario: ScenarioTable;
  scenarioItem: ScenarioItemTable;
  metric: MetricTable;
  outcome: OutcomeTable;
  unitCost: UnitCostTable;
  evidenceItem: EvidenceItemTable;
  roiBenefit: RoiBenefitTable;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type PartnershipRow = Selectable<PartnershipTable>;
export type FundRow = Selectable<FundTable>;
export type ContributionRow = Selectable<ContributionTable>;
export type NewContribution = Insertable<ContributionTable>;
export type ContributionUpdate = Updateable<ContributionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type BatchRow = Selectable<BatchTable>;
