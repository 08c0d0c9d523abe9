// How an audit event reads on the history page: which row it touched, the field's label, and old/new values in the
// words people use (money in £, partners and funding sources by name, quarters with their months, dates dd/mm/yyyy).
import { formatDateTime, ukDayStart } from '../../shared/dates';
import { quarterLabel } from '../../shared/financial-year';
import { formatPence, isPence } from '../../shared/money';
import { ROLE_LABELS, ROLES, type Role } from '../../shared/roles';
import { BENEFIT_FIELD_LABELS } from '../../shared/schema/roi-benefit';
import { COMMENT_FIELD_LABELS, COMMENT_THREAD_FIELD_LABELS } from '../../shared/schema/comment';
import { EVIDENCE_FIELD_LABELS } from '../../shared/schema/evidence';
import { PLAN_SETTINGS_LABELS } from '../../shared/schema/fund';
import { METRIC_FIELD_LABELS } from '../../shared/schema/metric';
import { OUTCOME_FIELD_LABELS } from '../../shared/schema/outcome';
import { REFERENCE_ITEM_FIELD_LABELS } from '../../shared/schema/reference';
import { RISK_SHARE_LABELS } from '../../shared/schema/risk-share';
import { SCENARIO_LINE_LABELS } from '../../shared/schema/scenario';
import { SCHEME_FIELD_LABELS } from '../../shared/schema/scheme';
import { SPLIT_RULE_FIELD_LABELS } from '../../shared/schema/split-rule';
import {
  CAPACITY_LABELS,
  DEADLINE_KIND_LABELS,
  RETURN_ANSWER_FIELD_LABELS,
  SIGNATORY_FIELD_LABELS,
  SIGNATURE_FIELD_LABELS,
  SUBMISSION_FIELD_LABELS,
  SUBMISSION_KIND_LABELS,
  SUBMISSION_STATUS_LABELS,
} from '../../shared/schema/submission';
import { UNIT_COST_FIELD_LABELS } from '../../shared/schema/unit-cost';
import { SECTOR_LABELS } from '../../shared/schema/organisation';
import { ARRANGEMENT_LABELS } from '../../shared/schema/partnership';
import type { AuditEvent } from '../../shared/types';

export const ENTITY_LABELS: Record<string, string> = {
  contribution: 'Contributions',
  fund: 'Funds',
  partnership: 'Partnerships',
  organisation: 'Organisations',
  app_user: 'User accounts',
  scheme: 'Schemes (plan)',
  fund_plan_settings: 'Plan settings',
  reference_item: 'Reference lists',
  plan_snapshot: 'Plan versions',
  split_rule: 'Split rules',
  fund_risk_share: 'Risk share',
  outcome: 'Outcomes',
  roi_benefit: 'Benefit lines',
  unit_cost: 'Unit costs',
  evidence_item: 'Evidence',
  metric: 'Metrics',
  submission: 'Sign-off',
  signature: 'Signatures',
  signatory: 'Signatories',
  return_answer: 'Return answers',
  bcf_deadline: 'Deadlines',
  comment_thread: 'Comment threads',
  comment: 'Comments',
};

/** One row of an entity, as the Row column names it when it has no better name: "Benefit line #6". */
const ROW_NOUNS: Record<string, string> = {
  scheme: 'Scheme',
  fund_plan_settings: 'Plan settings of fund',
  reference_item: 'Reference item',
  plan_snapshot: 'Plan version',
  split_rule: 'Split rule',
  fund_risk_share: 'Risk share of fund',
  outcome: 'Outcome',
  roi_benefit: 'Benefit line',
  unit_cost: 'Unit cost',
  evidence_item: 'Evidence item',
  metric: 'Metric',
  scenario: 'Scenario',
  scenario_item: 'Scenario line',
  submission: 'Submission',
  signature: 'Signature',
  signatory: 'Signatory',
  return_answer: 'Return answer',
  bcf_deadline: 'Deadline',
  comment_thread: 'Comment thread',
  comment: 'Comment',
};

/** What a comment thread is on, in words (its `targetEntity`). */
const THREAD_TARGET_WORDS: Record<string, string> = {
  contribution: 'a contribution',
  scheme: 'a scheme',
  scenario_item: 'a scenario line',
  outcome: 'an outcome',
  roi_benefit: 'a benefit line',
  fund: 'a figure of the fund',
};
const THREAD_STATUS_WORDS: Record<string, string> = { open: 'Open', resolved: 'Resolved' };

// Each noun's own field labels (shared/schema), then the wording the history has always used, which wins.
const FIELD_LABELS: Record<string, string> = {
  ...SCENARIO_LINE_LABELS,
  ...SPLIT_RULE_FIELD_LABELS,
  ...REFERENCE_ITEM_FIELD_LABELS,
  ...METRIC_FIELD_LABELS,
  ...UNIT_COST_FIELD_LABELS,
  ...EVIDENCE_FIELD_LABELS,
  ...BENEFIT_FIELD_LABELS,
  ...OUTCOME_FIELD_LABELS,
  ...RISK_SHARE_LABELS,
  ...PLAN_SETTINGS_LABELS,
  ...SCHEME_FIELD_LABELS,
  ...SUBMISSION_FIELD_LABELS,
  ...SIGNATURE_FIELD_LABELS,
  ...SIGNATORY_FIELD_LABELS,
  ...RETURN_ANSWER_FIELD_LABELS,
  plannedPence: 'Planned (£)',
  actualPence: 'Actual (£)',
  orgId: 'Partner',
  source: 'Funding source',
  quarter: 'Quarter',
  note: 'Note',
  fundId: 'Fund',
  partnershipId: 'Partnership',
  name: 'Name',
  financialYear: 'Financial year',
  area: 'Area',
  arrangement: 'Arrangement',
  hostOrgId: 'Host',
  notes: 'Notes',
  memberOrgIds: 'Partners',
  sector: 'Sector',
  kind: 'Kind',
  onsCode: 'ONS code',
  email: 'Email',
  role: 'Role',
  orgIds: 'Organisations',
  disabled: 'Disabled',
  passwordSetAt: 'Password set',
};

/** An audit event as the API delivers it (a JSON value may be missing rather than null). */
export type HistoryEvent = Omit<AuditEvent, 'oldValue' | 'newValue'> & { oldValue?: unknown; newValue?: unknown };

/** Field labels of nouns whose field names other nouns use in another sense (a thread's `label` is what it is about,
 * a benefit line's is its name): these win for their own rows. */
const ENTITY_FIELD_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  comment_thread: COMMENT_THREAD_FIELD_LABELS,
  comment: COMMENT_FIELD_LABELS,
};

export function fieldLabel(field: string | null, entity?: string): string {
  if (!field) return '';
  return (entity ? ENTITY_FIELD_LABELS[entity]?.[field] : undefined) ?? FIELD_LABELS[field] ?? field;
}

/** Names the page knows: organisations, funding sources, funds and partnerships by id, and each row's latest values. */
export interface HistoryLookups {
  orgName: (id: number) => string;
  sourceName: (code: string) => string;
  fundName: (id: number) => string | null;
  partnershipName: (id: number) => string | null;
  /** A person by their user id, where the history knows them (someone who made a change in view). */
  personName?: (id: number) => string | null;
  /** The row's values as far as they are known (the current row, else what the listed events say), or undefined. */
  rowValues: (entity: string, id: number) => Readonly<Record<string, unknown>> | undefined;
}

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export function formatValue(field: string | null, value: unknown, look: HistoryLookups): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (field?.endsWith('Pence') && isPence(value)) return formatPence(value);
  if (field?.endsWith('At') && typeof value === 'string') return formatDateTime(value);
  if ((field === 'orgId' || field === 'hostOrgId') && typeof value === 'number') return look.orgName(value);
  if ((field === 'orgIds' || field === 'memberOrgIds') && Array.isArray(value)) {
    return value.length ? value.map((id) => (typeof id === 'number' ? look.orgName(id) : String(id))).join(', ') : '(none)';
  }
  if (field === 'source' && typeof value === 'string') return look.sourceName(value);
  if (field === 'quarter' && typeof value === 'number') return quarterLabel(value);
  if (
    (field === 'userId' ||
      field === 'sentBy' ||
      field === 'approvedBy' ||
      field === 'authorId' ||
      field === 'createdBy' ||
      field === 'resolvedBy') &&
    typeof value === 'number'
  ) {
    return look.personName?.(value) ?? `Person #${value}`;
  }
  // A comment's mentions: the people, by name where the history knows them.
  if (field === 'mentions' && Array.isArray(value)) {
    return value.length
      ? value.map((id) => (typeof id === 'number' ? (look.personName?.(id) ?? `Person #${id}`) : String(id))).join(', ')
      : '(none)';
  }
  if (field === 'targetEntity' && typeof value === 'string' && value in THREAD_TARGET_WORDS) return THREAD_TARGET_WORDS[value] ?? value;
  if (field === 'fundId' && typeof value === 'number') return look.fundName(value) ?? `Fund #${value}`;
  if (field === 'partnershipId' && typeof value === 'number') return look.partnershipName(value) ?? `Partnership #${value}`;
  if (field === 'role' && isRole(value)) return ROLE_LABELS[value];
  if (field === 'arrangement' && typeof value === 'string' && value in ARRANGEMENT_LABELS) {
    return ARRANGEMENT_LABELS[value as keyof typeof ARRANGEMENT_LABELS];
  }
  if (field === 'sector' && typeof value === 'string' && value in SECTOR_LABELS) return SECTOR_LABELS[value as keyof typeof SECTOR_LABELS];
  // Sign-off: the frozen figures are the version itself (kept whole in the audit, never printed here); a digest by its
  // first characters, as the sign-off page shows it; statuses, kinds and capacities in words.
  if (field === 'figures' && typeof value === 'string') return 'The figures of this version (kept, not shown)';
  if (field === 'digest' && typeof value === 'string') return `${value.slice(0, 12)}…`;
  if (field === 'status' && typeof value === 'string' && value in SUBMISSION_STATUS_LABELS) {
    return SUBMISSION_STATUS_LABELS[value as keyof typeof SUBMISSION_STATUS_LABELS];
  }
  if (field === 'status' && typeof value === 'string' && value in THREAD_STATUS_WORDS) return THREAD_STATUS_WORDS[value] ?? value;
  if (field === 'capacity' && typeof value === 'string' && value in CAPACITY_LABELS)
    return CAPACITY_LABELS[value as keyof typeof CAPACITY_LABELS];
  if (field === 'kind' && typeof value === 'string' && value in SUBMISSION_KIND_LABELS) {
    return SUBMISSION_KIND_LABELS[value as keyof typeof SUBMISSION_KIND_LABELS];
  }
  if (field === 'kind' && typeof value === 'string' && value in DEADLINE_KIND_LABELS)
    return DEADLINE_KIND_LABELS[value as keyof typeof DEADLINE_KIND_LABELS];
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Which row an event touched, in words: a contribution by its fund, partner, source and quarter where known. */
export function describeRow(event: Pick<AuditEvent, 'entity' | 'entityId' | 'fundId'>, look: HistoryLookups): string {
  const values = look.rowValues(event.entity, event.entityId) ?? {};
  const id = event.entityId;
  switch (event.entity) {
    case 'contribution': {
      const orgId = num(values.orgId);
      const source = str(values.source);
      const quarter = num(values.quarter);
      const parts = [
        orgId === null ? null : look.orgName(orgId),
        source === null ? null : look.sourceName(source),
        quarter === null ? null : quarterLabel(quarter),
      ].filter((p): p is string => p !== null);
      const fund = event.fundId === null ? null : look.fundName(event.fundId);
      const what = parts.length ? parts.join(' · ') : `Contribution #${id}`;
      return fund ? `${fund}: ${what}` : what;
    }
    case 'submission':
    case 'signature': {
      // A plan's or a return's sign-off, by its fund and kind ("Better Care Fund: Plan"), a signature by its capacity.
      const kind = str(values.kind);
      const capacity = str(values.capacity);
      const what =
        event.entity === 'submission'
          ? kind && kind in SUBMISSION_KIND_LABELS
            ? `${SUBMISSION_KIND_LABELS[kind as keyof typeof SUBMISSION_KIND_LABELS]} sign-off`
            : `Submission #${id}`
          : capacity && capacity in CAPACITY_LABELS
            ? `Signature: ${CAPACITY_LABELS[capacity as keyof typeof CAPACITY_LABELS]}`
            : `Signature #${id}`;
      const fund = event.fundId === null ? null : look.fundName(event.fundId);
      return fund ? `${fund}: ${what}` : what;
    }
    case 'comment_thread':
    case 'comment': {
      // A thread by what it is about ("Thread: Q2 Planned (£) of …"), a comment by its thread's.
      const threadId = event.entity === 'comment' ? num(values.threadId) : id;
      const about = str(values.label) ?? (threadId === null ? null : str(look.rowValues('comment_thread', threadId)?.label));
      const noun = event.entity === 'comment' ? 'Comment' : 'Thread';
      const what = about ? `${noun} on ${about}` : `${noun} #${id}`;
      const fund = event.fundId === null ? null : look.fundName(event.fundId);
      return fund ? `${fund}: ${what}` : what;
    }
    case 'fund':
      return `Fund: ${look.fundName(id) ?? str(values.name) ?? `#${id}`}`;
    case 'partnership':
      return `Partnership: ${look.partnershipName(id) ?? str(values.name) ?? `#${id}`}`;
    case 'organisation':
      return `Organisation: ${str(values.name) ?? look.orgName(id)}`;
    case 'app_user':
      return `User: ${str(values.email) ?? str(values.name) ?? `#${id}`}`;
    default:
      return `${ROW_NOUNS[event.entity] ?? event.entity} #${id}`;
  }
}

/** The fields that name a row in describeRow, so a whole added or deleted row need not repeat them. */
export function rowKeyFields(entity: string): readonly string[] {
  if (entity === 'contribution') return ['fundId', 'orgId', 'source', 'quarter'];
  // A thread is named by what it is about, a comment by its thread: where they are is said once, in the row's name.
  if (entity === 'comment_thread') return ['fundId', 'label', 'targetId', 'scenarioId'];
  if (entity === 'comment') return ['fundId', 'threadId'];
  return [];
}

/** The values each row had according to the listed events (newest wins), for rows that no longer exist. */
export function valuesFromEvents(events: readonly HistoryEvent[]): Map<string, Record<string, unknown>> {
  const rows = new Map<string, Record<string, unknown>>();
  // Events come newest first: walk them oldest first so the latest value of each field is the one kept.
  for (const e of [...events].reverse()) {
    if (!e.field) continue;
    const key = `${e.entity}:${e.entityId}`;
    const row = rows.get(key) ?? {};
    row[e.field] = e.action === 'delete' ? e.oldValue : e.newValue;
    rows.set(key, row);
  }
  return rows;
}

/** A batch's label with field names in words: "Changed plannedPence" -> "Changed Planned (£)". */
export function batchTitle(label: string): string {
  return label.replace(
    /Changed ([\w, ]+)$/,
    (_all, fields: string) =>
      `Changed ${fields
        .split(', ')
        .map((field) => fieldLabel(field))
        .join(', ')}`,
  );
}

/** When a change was made, in UK time whatever the browser's zone: "05/12/2026 14:03". */
export function formatWhen(at: string): string {
  return formatDateTime(at);
}

/** The first moment of a UK calendar day ("YYYY-MM-DD", plus `addDays`) as an ISO timestamp for the audit filter. */
export function localDayStart(day: string, addDays = 0): string | undefined {
  return ukDayStart(day, addDays);
}

/** Lookups for one fund's grid, where only partner and funding-source names are needed. */
export function lookups(orgName: (id: number) => string, sourceName: (code: string) => string): HistoryLookups {
  return { orgName, sourceName, fundName: () => null, partnershipName: () => null, rowValues: () => undefined };
}
