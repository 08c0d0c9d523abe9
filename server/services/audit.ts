// Undo of a whole batch, run as a new batch so the undo is itself audited (and can be undone: that is redo).
import type { DB } from '../../db/connection';
import { findBatch, undoBatch } from '../../db/repositories/audit.repository';
import { runBatch, type Actor } from '../../db/unit-of-work';
import { ForbiddenError, NotFoundError } from '../../shared/errors';
import type { SignedInUser } from '../../shared/types';

/** Undo a batch: your own changes (an admin may undo anyone's). Every row is still checked by the write path's
 * row-level rules, so an undo can never do what the user could not do by hand. */
export async function undo(db: DB, actor: Actor, user: SignedInUser, batchId: string) {
  const original = await findBatch(db, batchId);
  if (!original) throw new NotFoundError(`No batch with id '${batchId}'`);
  if (user.role !== 'admin' && original.userId !== user.id) {
    throw new ForbiddenError('You can undo only your own changes; ask an administrator to undo someone else’s');
  }
  const { batchId: undoBatchId, result } = await runBatch(
    db,
    actor,
    { kind: 'undo', label: `Undid: ${original.label}`, fundId: original.fundId, undoesBatchId: original.id },
    (writer) => undoBatch(writer, original.id),
  );
  return { batchId: undoBatchId, restored: result };
}
