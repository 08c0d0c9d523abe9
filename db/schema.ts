// The one typed schema of the database (Kysely). Names are camelCase here; CamelCasePlugin maps them to the
// snake_case columns the migrations create. Money columns are integer pence.
// Where a table's columns are a noun's fields, they are that noun's row type from shared/schema/ with the system's
// columns (id, version, stamps) added, so a field is declared once.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AuditEventFields } from '../shared/schema/audit';
import type { BcfYearValues, ConditionAnswerValues, FundingStreamValues, YearMappingValues } from '../shared/schema/bcf-year';
import type { CommentThreadValues, CommentValues, NotificationKind } from '../shared/schema/comment';
import type { ContributionValuesRow } from '../shared/schema/contribution';
import type { EvidenceItemValues } from '../shared/schema/evidence';
import type { FundValues, PlanSettings } from '../shared/schema/fund';
import type { MetricValues } from '../shared/schema/metric';
import type { OrganisationValues } from '../shared/schema/organisation';
import type { OutcomeRowValues } from '../shared/schema/outcome';
import type { PartnershipValues } from '../shared/schema/partnership';
import type { ReferenceItemValues } from '../shared/schema/reference';
import type { RoiBenefitValues } from '../shared/schema/roi-benefit';
import type { Scenario, ScenarioLineRowValues } from '../shared/schema/scenario';
import type { SchemeFields } from '../shared/schema/scheme';
import type { SplitRuleValues } from '../shared/schema/split-rule';
import type { DeadlineValues, ReturnAnswerValues, SignatoryValues, SignatureValues, SubmissionValues } from '../shared/schema/submission';
import type { UnitCostValues } from '../shared/schema/unit-cost';
import type { User } from '../shared/schema/user';

/** A column the database fills in on insert when it is left out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** Each field of T as a column with a default. */
type AllDefaulted<T> = { [K in keyof T]: Defaulted<T[K]> };

/** The system's columns of a row that is numbered, versioned from 1 and stamped when created. */
interface Created {
  id: Generated<number>;
  version: Defaulted<number>;
  createdAt: ColumnType<string, string | undefined, never>;
}

/** The system's columns of an audited row the write path keeps: its id, version and who last changed it. */
interface Stamped {
  id: Generated<number>;
  version: number;
  updatedAt: string;
  updatedBy: number | null;
}

export interface OrganisationTable extends OrganisationValues, Created {}

export interface PartnershipTable extends PartnershipValues, Created {
  /** 1 for the illustrative demo partnerships the seed creates, so the UI can label them. */
  isDemo: Defaulted<number>;
}

export interface PartnershipMemberTable {
  partnershipId: number;
  orgId: number;
}

/** The plan settings (minimum contributions, variance thresholds) are columns of the fund, each with a default. */
export interface FundTable extends Omit<FundValues, 'bcfYear'>, AllDefaulted<PlanSettings>, Created {
  /** The Section 75 risk share as JSON (shared/schema/risk-share.ts RiskShareConfig); the column default, the bare
   * word 'pro_rata_planned', means pro rata to planned contributions both ways (db/repositories/risk-share.repository). */
  riskShare: Defaulted<string>;
  /** The BCF year (bcf_year.code) whose streams, lists and rules the fund uses. The column is nullable, but the
   * migration set it for every fund and funds.create always sets it, so it is read as text. */
  bcfYear: Defaulted<string>;
  /** The NHS minimum to adult social care by the year's rule: the previous year's baseline when no previous fund
   * holds it, and an override of the worked-out figure with its reason (null: none). */
  nhsAscBaselinePence: Defaulted<number | null>;
  nhsAscOverridePence: Defaulted<number | null>;
  nhsAscOverrideReason: Defaulted<string | null>;
}

/** A BCF year (shared/schema/bcf-year.ts). */
export interface BcfYearTable extends BcfYearValues, Stamped {}

/** A funding stream of a BCF year; `isMinimum` is 1 or 0. */
export interface FundingStreamTable extends Omit<FundingStreamValues, 'isMinimum'>, Stamped {
  isMinimum: number;
}

/** Where one year's code goes in the next year's lists, used by the roll-over. */
export interface YearMappingTable extends YearMappingValues, Stamped {}

/** A fund's answer to a national condition of its year. */
export interface ConditionAnswerTable extends ConditionAnswerValues, Stamped {}

/** Sign-off and returns: a fund's submissions, the people named to sign, their signatures, a return's answers and
 * each BCF year's deadlines (shared/schema/submission.ts). */
export interface SubmissionTable extends SubmissionValues, Stamped {}
export interface SignatoryTable extends SignatoryValues, Stamped {}
export interface SignatureTable extends SignatureValues, Stamped {}
export interface ReturnAnswerTable extends ReturnAnswerValues, Stamped {}
export interface BcfDeadlineTable extends DeadlineValues, Stamped {}

/** A thread on a figure or row (shared/schema/comment.ts); `isQuestion` is 0/1. */
export interface CommentThreadTable extends Omit<CommentThreadValues, 'isQuestion'>, Stamped {
  isQuestion: number;
}
/** A comment; `mentions` is the JSON text of a list of user ids. */
export interface CommentTable extends Omit<CommentValues, 'mentions'>, Stamped {
  mentions: string;
}

/** One person's notification (not audited: their own inbox). */
export interface NotificationTable {
  id: Generated<number>;
  userId: number;
  kind: NotificationKind;
  partnershipId: number | null;
  fundId: number | null;
  threadId: number | null;
  commentId: number | null;
  actorId: number | null;
  text: string;
  link: string;
  createdAt: string;
  readAt: string | null;
  emailedAt: string | null;
}

/** A mail to send, or sent (server/mail/). */
export interface MailOutboxTable {
  id: Generated<number>;
  userId: number;
  toAddress: string;
  subject: string;
  bodyText: string;
  messageId: string;
  createdAt: string;
  attempts: Defaulted<number>;
  nextAttemptAt: string;
  leaseUntil: string | null;
  sentAt: string | null;
  lastError: string | null;
}

/** One open page of a fund, and the cell selected there. */
export interface PresenceTable {
  connectionId: string;
  userId: number;
  fundId: number;
  /** JSON of the selected cell ({entity, id, field}), or null. */
  cell: string | null;
  seenAt: string;
}

export interface FundingSourceTable {
  code: string;
  name: string;
  description: string;
  sortOrder: number;
}

export interface ContributionTable extends ContributionValuesRow, Stamped {}

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
export interface AuditEventTable extends AuditEventFields {
  id: Generated<number>;
  oldValue: string | null;
  newValue: string | null;
  versionBefore: number | null;
  versionAfter: number | null;
}

export interface AppUserTable extends Pick<User, 'email' | 'name' | 'role' | 'passwordSetAt'>, Created {
  passwordHash: string;
  disabled: Defaulted<number>;
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
export interface ReferenceItemTable extends ReferenceItemValues {
  id: Generated<number>;
  version: Defaulted<number>;
}

/** A line of a fund's expenditure plan. Its spend by quarter is in `expenditure`, versioned with the scheme. */
export interface SchemeTable extends Omit<SchemeFields, 'isNew'>, Stamped {
  fundId: number;
  /** 1 for a new scheme, 0 for an existing one. */
  isNew: number;
  /** The sums of its four expenditure rows, kept by db/repositories/scheme.repository.ts whenever it writes them. */
  plannedTotalPence: Defaulted<number>;
  actualTotalPence: Defaulted<number>;
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
  version: Defaulted<number>;
}

/** A named split rule of a partnership (shared/split.ts); `fixed` and `shares` are JSON arrays of its parts. */
export interface SplitRuleTable extends Omit<SplitRuleValues, 'fixed' | 'shares' | 'remainder'>, Stamped {
  fixed: string;
  shares: string;
  remainder: string;
}

/** A commissioner's private working copy of a fund's cost lines (shared/scenario.ts). */
export interface ScenarioTable extends Pick<Scenario, 'fundId' | 'name' | 'description' | 'ownerId' | 'takenAt' | 'promotedAt'>, Stamped {
  /** The fingerprint of the plan the scenario was taken from (db/repositories/scenario.repository.ts). */
  baseFingerprint: string;
}

/** A cost line of a scenario: its cost by quarter and how it is split ('plan' or 'rule:<id>'). */
export interface ScenarioItemTable extends ScenarioLineRowValues, Stamped {}

/** A metric of a BCF year (shared/metric-status.ts): values are hundredths of its unit. */
export interface MetricTable extends MetricValues, Stamped {}

/** One quarter of one metric for a fund (or one of its schemes). */
export interface OutcomeTable extends OutcomeRowValues, Stamped {}

export interface UnitCostTable extends UnitCostValues, Stamped {}

export interface EvidenceItemTable extends EvidenceItemValues, Stamped {}

/** A benefit line of a scheme's appraisal (shared/roi.ts). */
export interface RoiBenefitTable extends Omit<RoiBenefitValues, 'healthValue'>, Stamped {
  /** 1 when its savings are discounted at the health rate. */
  healthValue: number;
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
  bcfYear: BcfYearTable;
  fundingStream: FundingStreamTable;
  yearMapping: YearMappingTable;
  conditionAnswer: ConditionAnswerTable;
  submission: SubmissionTable;
  signatory: SignatoryTable;
  signature: SignatureTable;
  returnAnswer: ReturnAnswerTable;
  bcfDeadline: BcfDeadlineTable;
  commentThread: CommentThreadTable;
  comment: CommentTable;
  notification: NotificationTable;
  mailOutbox: MailOutboxTable;
  presence: PresenceTable;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type PartnershipRow = Selectable<PartnershipTable>;
export type FundRow = Selectable<FundTable>;
export type ContributionRow = Selectable<ContributionTable>;
export type NewContribution = Insertable<ContributionTable>;
export type ContributionUpdate = Updateable<ContributionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type BatchRow = Selectable<BatchTable>;
