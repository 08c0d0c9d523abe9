// audit.*: the append-only history of every change (scoped to the caller's partnerships), and undo of a whole batch
// (itself a new, audited batch).
import { listAuditEvents, listAuditPeople } from '../../db/repositories/audit.repository';
import { auditListInput, auditPeopleInput, auditUndoInput } from '../../shared/schemas';
import { undo } from '../services/audit';
import { authedProcedure, editorProcedure, router } from '../trpc';

export const auditRouter = router({
  list: authedProcedure
    .input(auditListInput)
    .query(({ ctx, input }) =>
      listAuditEvents(ctx.db, { ...input, ...(ctx.user.role === 'admin' ? {} : { withinPartnerships: [...ctx.partnershipIds] }) }),
    ),
  /** Who has made changes, for the history page's user filter (scoped like list). */
  people: authedProcedure
    .input(auditPeopleInput)
    .query(({ ctx, input }) =>
      listAuditPeople(ctx.db, input?.partnershipId, ctx.user.role === 'admin' ? undefined : [...ctx.partnershipIds]),
    ),
  undo: editorProcedure.input(auditUndoInput).mutation(({ ctx, input }) => undo(ctx.db, ctx.actor, ctx.user, input.batchId)),
});
