// The rules every audited write obeys, whatever the noun: the one extension point of the write path. Each rule sees the
// row before and after the write (null when it does not exist) and throws to refuse; the batch then rolls back whole.
import { ForbiddenError, LockedError } from '../../shared/errors';
import type { FundLock } from '../../shared/schema/submission';
import { lockedFieldOf } from '../../shared/submission';
import { fundLocks } from '../repositories/submission.repository';
import type { Actor, AuditedTable, BatchContext, Tx, VersionedRow } from '../unit-of-work';

/** One row about to be written by a batch: created (before is null), changed, or deleted (after is null). */
export interface PendingWrite {
  tx: Tx;
  actor: Actor;
  table: AuditedTable<VersionedRow, object>;
  before: object | null;
  after: object | null;
  batch: BatchContext;
}

/** A rule about whether a row may be written at all; throws (ForbiddenError, ValidationError, ...) to refuse. */
export type WriteRule = (write: PendingWrite) => Promise<void>;

/** The caller's row-level permissions (server/policy.ts): a finance officer changes only their own figures. */
const callerMayWrite: WriteRule = async ({ tx, actor, table, before, after, batch }) => {
  await actor.authorise?.(tx, table.entity, before, after, batch);
};

/** A fund's locks, read once per batch (a paste of 500 cells asks 500 times); a batch never both changes a submission's
 * status and writes figures, so what it read at its start holds to its end. */
const locksOfBatch = new WeakMap<BatchContext, Map<number, Promise<FundLock[]>>>();

function locksFor(tx: Tx, batch: BatchContext, fundId: number): Promise<FundLock[]> {
  let known = locksOfBatch.get(batch);
  if (!known) locksOfBatch.set(batch, (known = new Map()));
  let locks = known.get(fundId);
  if (!locks) known.set(fundId, (locks = fundLocks(tx, fundId)));
  return locks;
}

/**
 * Issue "Sign-off and returns": a figure covered by an approved or submitted plan or return (shared/submission.ts
 * lockedFieldOf) is refused whatever path writes it: a cell edit, a paste, a fill, an import, undo and redo, a
 * scenario's promotion, a snapshot's restore, a roll-over, a workbook import. An administrator reopens the submission
 * (with a reason) to unlock it.
 */
const notLocked: WriteRule = async ({ tx, table, before, after, batch }) => {
  const row = (after ?? before) as { fundId?: unknown } | null;
  if (!row || typeof row.fundId !== 'number' || !LOCKABLE.has(table.entity)) return;
  const locked = lockedFieldOf(table.entity, before, after, await locksFor(tx, batch, row.fundId));
  if (!locked) return;
  const field = table.fieldLabels?.[locked.field] ?? locked.field;
  const what = table.describe
    ? await table.describe(tx, { ...(after ?? before), id: 0, version: 0 } as VersionedRow)
    : `this ${table.noun}`;
  throw new LockedError(`${field} of ${what} cannot be changed. ${locked.lock.reason}`, locked.field, locked.lock.reason);
};
const LOCKABLE = new Set(['contribution', 'scheme', 'condition_answer', 'fund_plan_settings']);

/**
 * Records of what people did are never undone from History: a step of sign-off (a send, a signature, an approval or a
 * submission; an administrator reopens the submission instead, which voids the signatures) and a step of conversation
 * on the figures (a thread started, a comment, an edit, a resolution; its author edits or deletes a comment instead).
 * Their batches are never on an undo stack (kinds sign_off and comment); this refuses an undo or redo named by its id.
 * A thread removed with its scenario (server/services/comments.ts removeScenarioThreads) comes back when the scenario's
 * deletion is undone: that batch is a change to the scenario, not a step of conversation.
 */
const SIGN_OFF_REFUSAL = 'A step of sign-off cannot be undone: an administrator can reopen the submission with a reason';
const COMMENT_REFUSAL =
  'A comment cannot be undone: its author can edit or delete it, and anyone who sees the thread can reopen or resolve it';
const RECORDS_OF_WHAT_PEOPLE_DID: Readonly<Record<string, { refusal: string; always: boolean }>> = {
  submission: { refusal: SIGN_OFF_REFUSAL, always: true },
  signature: { refusal: SIGN_OFF_REFUSAL, always: true },
  comment_thread: { refusal: COMMENT_REFUSAL, always: false },
  comment: { refusal: COMMENT_REFUSAL, always: false },
};

const recordsNotUndone: WriteRule = async ({ table, batch }) => {
  const record = RECORDS_OF_WHAT_PEOPLE_DID[table.entity];
  if (!record || (batch.kind !== 'undo' && batch.kind !== 'redo')) return;
  if (record.always || batch.rootKind === 'comment') throw new ForbiddenError(record.refusal);
};

/**
 * Every write of every noun, in every kind of batch (an edit, a pasted block, an import, a promotion, an undo or a
 * redo), passes these rules in order before the row is written: BatchWriter calls them from its create, createMany,
 * update, remove and restore, and nothing writes an audited row any other way. A rule that must hold for every noun
 * is added here, once (as the locks of sign-off are). A rule that belongs to one noun only (a partner must be a member
 * of the fund's partnership) stays in that noun's service, in the `problems` of its ChangeSpec
 * (db/unit-of-work/apply-changes.ts).
 */
export const WRITE_RULES: readonly WriteRule[] = [callerMayWrite, recordsNotUndone, notLocked];
