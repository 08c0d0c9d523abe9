// Undo of a whole batch, run as a new batch so the undo is itself audited (and can be undone: that is redo).
import type { DB } from '../../db/connection';
import { findBatch, undoBatch } from '../../db/repositories/audit.repository';
import { runBatch, type Actor } from '../../db/unit-of-work';
import { NotFoundError } from '../../shared/errors';

export async function undo(db: DB, actor: Actor, batchId: string) {
  const original = await findBatch(db, batchId);
  if (!original) throw new NotFoundError(`No batch with id '${batchId}'`);
  const { batchId: undoBatchId, result } = await runBatch(
    db,
    actor,
    { kind: 'undo', label: `Undid: ${original.label}`, fundId: original.fundId, undoesBatchId: original.id },
    (writer) => undoBatch(writer, original.id),
  );
  return { batchId: undoBatchId, restored: result };
}
