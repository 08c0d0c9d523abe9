// snapshots.*: named versions of a fund's plan ("Submitted plan", "Q2 return"): save, list, compare any two (or one
// with the current plan), and restore one as an audited, undoable batch. Saving and restoring are plan changes.
import { byFundInput, snapshotCompareInput, snapshotCreateInput, snapshotRestoreInput } from '../../shared/schemas';
import { compareSnapshots, createSnapshot, listSnapshots, restoreSnapshot } from '../services/snapshots';
import { asActor, ofFund, procedureFor, router } from '../trpc';

export const snapshotsRouter = router({
  create: procedureFor('plan_snapshot', 'change', 'fund').input(snapshotCreateInput).mutation(asActor(createSnapshot)),
  list: procedureFor('plan_snapshot', 'read', 'fund').input(byFundInput).query(ofFund(listSnapshots)),
  compare: procedureFor('plan_snapshot', 'read', 'fund')
    .input(snapshotCompareInput)
    .query(({ ctx, input }) => compareSnapshots(ctx.db, input)),
  restore: procedureFor('plan_snapshot', 'change')
    .input(snapshotRestoreInput)
    .mutation(({ ctx, input }) => restoreSnapshot(ctx.db, ctx.actor, ctx.partnershipIds, input.snapshotId)),
});
