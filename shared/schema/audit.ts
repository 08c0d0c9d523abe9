// The history: every change is an audit event of a batch, and a batch can be undone (and the undo redone).
import type { z } from 'zod';
import { wellFormedString } from '../unicode';
import { id, oneOf, rule, strict, wholeNumber } from './fields';

export const AUDITED_ENTITIES = [
  'contribution',
  'fund',
  'organisation',
  'partnership',
  'app_user',
  'scheme',
  'fund_plan_settings',
  'reference_item',
  'plan_snapshot',
  'split_rule',
  'fund_risk_share',
  'scenario',
  'scenario_item',
  'metric',
  'outcome',
  'unit_cost',
  'evidence_item',
  'roi_benefit',
  'bcf_year',
  'funding_stream',
  'year_mapping',
  'condition_answer',
  'submission',
  'signatory',
  'signature',
  'return_answer',
  'bcf_deadline',
  'comment_thread',
  'comment',
] as const;

const isoDateTime = (label: string) =>
  wellFormedString(label, rule(label, 'must be a date like 2026-04-01 or a date and time like 2026-04-01T09:00:00Z')).regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/,
    rule(label, 'must be a date like 2026-04-01 or a date and time like 2026-04-01T09:00:00Z'),
  );

export const auditListInput = strict(
  {
    entity: oneOf('Entity', AUDITED_ENTITIES).optional(),
    entityId: id('Entity id').optional(),
    field: wellFormedString('Field', rule('Field', 'must be a field name')).max(64, rule('Field', 'must be a field name')).optional(),
    fundId: id('Fund').optional(),
    partnershipId: id('Partnership').optional(),
    userId: id('User').optional(),
    from: isoDateTime('From').optional(),
    to: isoDateTime('To').optional(),
    batchId: wellFormedString('Batch', rule('Batch', 'must be a batch id')).max(64, rule('Batch', 'must be a batch id')).optional(),
    limit: wholeNumber('Limit', 1, 1000).optional(),
  },
  'Input',
).optional();

/** Whose undo stack: the fund's own, or (with scenarioId) one scenario's inside it. */
export const undoScopeInput = strict({ fundId: id('Fund'), scenarioId: id('Scenario').optional() }, 'Input');

export const auditPeopleInput = strict({ partnershipId: id('Partnership').optional() }, 'Input').optional();

export const auditUndoInput = strict(
  {
    batchId: wellFormedString('Batch', rule('Batch', 'must be a batch id'))
      .min(1, rule('Batch', 'must be a batch id'))
      .max(64, rule('Batch', 'must be a batch id')),
  },
  'Input',
);

export type AuditListInput = z.infer<typeof auditListInput>;

/** What every audit event records: its batch, when, who, and which field of which row (of which fund or partnership). */
export interface AuditEventFields {
  batchId: string;
  at: string;
  userId: number | null;
  entity: string;
  entityId: number;
  action: 'create' | 'update' | 'delete';
  field: string | null;
  fundId: number | null;
  partnershipId: number | null;
}

/** An audit event as audit.list returns it: its values parsed, with its batch's label and undo links. */
export interface AuditEvent extends AuditEventFields {
  id: number;
  /** What the batch was ("Changed plannedPence", "Applied 12 changes", "Undid: ..."). */
  batchLabel: string;
  /** Set when the batch has been undone, to the undo's batch id. */
  undoneByBatchId: string | null;
  /** Set when the batch is itself an undo, to the batch it undid. */
  undoesBatchId: string | null;
  oldValue: unknown;
  newValue: unknown;
  userName: string | null;
}
