// The reads the write path makes besides the rows it writes: a row named by a caller (answered as "not found" when the
// caller may not read it), the partnership of a fund, and the kind of change an undo or redo chain is about.
import { NotFoundError } from '../../shared/errors';
import type { DB } from '../connection';
import type { Actor, AuditedTable, BatchInfo, BatchKind, Tx, VersionedRow } from '../unit-of-work';

/**
 * The row named by a caller's id, if `actor` may read it; otherwise NOT_FOUND, worded exactly as for a row that does
 * not exist (BatchWriter.read inside a batch; a service calls this directly when it must find a row's fund first).
 */
export async function readableRow<Row extends VersionedRow, Values extends object>(
  tx: Tx | DB,
  actor: Actor,
  table: AuditedTable<Row, Values>,
  id: number,
  partnershipOfFund: (fundId: number | null) => Promise<number | null> = (fundId) => fundPartnership(tx, fundId),
): Promise<Row> {
  const row = await table.find(tx as Tx, id);
  if (row && actor.canRead) {
    const partnershipId = table.partnershipIdOf ? table.partnershipIdOf(row) : await partnershipOfFund(table.fundIdOf(row));
    if (await actor.canRead(tx as Tx, table.entity, row, partnershipId)) return row;
  } else if (row) return row;
  throw new NotFoundError(`No ${table.noun} with id ${id}: it may have been deleted by someone else`);
}

/** A fund's partnership as a transaction has read it: asked by the read check, the row-level rules and the audit
 * events of every row a batch writes, read once. Only inside a transaction (what it read holds to its end; a fund
 * moved to another partnership is a batch of its own); a fund not found is not remembered, so one created later in
 * the same transaction is found. */
const partnershipsReadBy = new WeakMap<Tx, Map<number, number>>();

export async function fundPartnership(db: Tx | DB, fundId: number | null): Promise<number | null> {
  if (fundId === null) return null;
  const known = db.isTransaction ? partnershipsReadBy.get(db as Tx) : undefined;
  const cached = known?.get(fundId);
  if (cached !== undefined) return cached;
  const fund = await db.selectFrom('fund').select('partnershipId').where('id', '=', fundId).executeTakeFirst();
  if (!fund) return null;
  if (db.isTransaction) {
    if (known) known.set(fundId, fund.partnershipId);
    else partnershipsReadBy.set(db as Tx, new Map([[fundId, fund.partnershipId]]));
  }
  return fund.partnershipId;
}

/** The kind of change at the root of an undo/redo chain: an undo of an undo of a promotion is about a promotion. */
export async function rootKindOf(tx: Tx, info: BatchInfo): Promise<BatchKind> {
  let kind = info.kind;
  let next = info.undoesBatchId;
  // A chain is as long as the undos and redos of one change; the bound only guards against a corrupted loop.
  for (let hops = 0; (kind === 'undo' || kind === 'redo') && next && hops < 10_000; hops++) {
    const row = await tx.selectFrom('batch').select(['kind', 'undoesBatchId']).where('id', '=', next).executeTakeFirst();
    if (!row) break;
    kind = row.kind as BatchKind;
    next = row.undoesBatchId ?? undefined;
  }
  return kind;
}
