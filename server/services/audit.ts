// Undo of a whole batch, run as a new batch so the undo is itself audited (and can be undone: that is redo); and the
// per-user, per-fund undo and redo stacks (issue "Spreadsheet habits"), read from the database on every call so they
// survive reloads and restarts (design rule 7). The stack rules are written out in db/repositories/audit.repository.ts.
import type { DB } from '../../db/connection';
import { findBatch, redoStack, reversalOf, undoBatch, undoStack, type StackEntry, type UndoScope } from '../../db/repositories/audit.repository';
import type { BatchRow } from '../../db/schema';
import { runBatch, type Actor, type BatchWriter } from '../../db/unit-of-work';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import type { SignedInUser } from '../../shared/types';

/** What the grid's Undo and Redo buttons need: the next step each way ("Undo: Changed Planned (£)") and how many. */
export interface UndoRedoStack {
  undo: StackEntry | null;
  redo: StackEntry | null;
  undoDepth: number;
  redoDepth: number;
}

/** Reverse `original` as a new batch (an undo, or a redo when `original` is an undo). `check` runs first, inside the
 * same transaction, so a decision taken before the transaction can be confirmed against the data as it is. */
async function reverse(db: DB, actor: Actor, original: BatchRow, check?: (writer: BatchWriter) => Promise<void>) {
  const { kind, label } = reversalOf(original);
  const { batchId, result } = await runBatch(
    db,
    actor,
    { kind, label, fundId: original.fundId, undoesBatchId: original.id, scenarioId: original.scenarioId },
    async (writer) => {
      await check?.(writer);
      return undoBatch(writer, original.id);
    },
  );
  return { batchId, restored: result };
}

/** Undo a batch: your own changes (an admin may undo anyone's). Every row is still checked by the write path's
 * row-level rules, so an undo can never do what the user could not do by hand. */
export async function undo(db: DB, actor: Actor, user: SignedInUser, batchId: string) {
  const original = await findBatch(db, batchId);
  if (!original) throw new NotFoundError(`No batch with id '${batchId}'`);
  if (user.role !== 'admin' && original.userId !== user.id) {
    throw new ForbiddenError('You can undo only your own changes; ask an administrator to undo someone else’s');
  }
  return reverse(db, actor, original);
}

/** The signed-in user's undo and redo stacks in a fund (or in one scenario of it). */
export async function undoRedoStack(db: DB, userId: number, scope: UndoScope): Promise<UndoRedoStack> {
  const [undos, redos] = await Promise.all([undoStack(db, userId, scope), redoStack(db, userId, scope)]);
  return { undo: undos[0] ?? null, redo: redos[0] ?? null, undoDepth: undos.length, redoDepth: redos.length };
}

export interface StepResult {
  /** The new undo or redo batch; null when the stack was empty and nothing was done. */
  batchId: string | null;
  /** The batch that was reversed (for redo, the undo batch that was undone); null when nothing was done. */
  reversedBatchId: string | null;
  /** The change that was undone or redone ("Changed Planned (£)"); null when nothing was done. */
  label: string | null;
  /** Each row the step touched, as it is now (null for a row it removed). */
  restored: { entity: string; id: number; row: unknown }[];
  /** The stacks after the step, so the buttons can be updated without another call. */
  stack: UndoRedoStack;
}

/**
 * Undo (or redo) the top of the user's own stack in a fund. An empty stack is not an error: like Ctrl+Z in a
 * spreadsheet with nothing to undo, nothing happens and the (empty) stack is returned.
 */
async function step(db: DB, actor: Actor, user: SignedInUser, scope: UndoScope, which: 'undo' | 'redo'): Promise<StepResult> {
  const stackOf = which === 'undo' ? undoStack : redoStack;
  const [top] = await stackOf(db, user.id, scope);
  const original = top ? await findBatch(db, top.batchId) : undefined;
  if (!top || !original)
    return { batchId: null, reversedBatchId: null, label: null, restored: [], stack: await undoRedoStack(db, user.id, scope) };
  const { batchId, restored } = await reverse(db, actor, original, async (writer) => {
    // Another window of the same user may have undone or changed something between the read above and this
    // transaction: then the top has moved, and undoing the old top would not be what the person pressed Ctrl+Z for.
    const [stillTop] = await stackOf(writer.tx, user.id, scope);
    if (stillTop?.batchId !== top.batchId) {
      throw new ConflictError(
        `Your ${which} history in this fund changed in another window; nothing was ${which === 'undo' ? 'undone' : 'redone'}, please try again`,
        null,
      );
    }
  });
  return { batchId, reversedBatchId: top.batchId, label: top.label, restored, stack: await undoRedoStack(db, user.id, scope) };
}

export const undoLast = (db: DB, actor: Actor, user: SignedInUser, scope: UndoScope) => step(db, actor, user, scope, 'undo');
export const redoLast = (db: DB, actor: Actor, user: SignedInUser, scope: UndoScope) => step(db, actor, user, scope, 'redo');
