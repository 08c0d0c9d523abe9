// The rules every audited write obeys, whatever the noun: the one extension point of the write path. Each rule sees the
// row before and after the write (null when it does not exist) and throws to refuse; the batch then rolls back whole.
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

/**
 * Every write of every noun, in every kind of batch (an edit, a pasted block, an import, a promotion, an undo or a
 * redo), passes these rules in order before the row is written: BatchWriter calls them from its create, createMany,
 * update, remove and restore, and nothing writes an audited row any other way. A rule that must hold for every noun
 * is added here, once. For example, locking the figures of a submitted return would be one more entry:
 *
 *   const notInSubmittedReturn: WriteRule = async ({ tx, table, before, after, batch }) => {
 *     // find the fund of `before ?? after` (table.fundIdOf), refuse when its return is submitted, unless
 *     // batch.rootKind says this is the submission being undone
 *   };
 *   export const WRITE_RULES = [callerMayWrite, notInSubmittedReturn];
 *
 * A rule that belongs to one noun only (a partner must be a member of the fund's partnership) stays in that noun's
 * service, in the `problems` of its ChangeSpec (db/unit-of-work/apply-changes.ts).
 */
export const WRITE_RULES: readonly WriteRule[] = [callerMayWrite];
