// audit.*: the append-only history of every change (scoped to the caller's partnerships), undo of a whole batch
// (itself a new, audited batch), and the signed-in user's own undo and redo stacks in a fund (Ctrl+Z / Ctrl+Y).
import { listAuditEvents, listAuditPeople } from '../../db/repositories/audit.repository';
import { auditListInput, auditPeopleInput, auditUndoInput, byFundInput } from '../../shared/schemas';
import { redoLast, undo, undoLast, undoRedoStack } from '../services/audit';
import { authedProcedure, editorProcedure, fundEditorProcedure, fundProcedure, router } from '../trpc';

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
  /** The next undo and redo steps and the depths of both stacks (empty for someone who has changed nothing here). */
  stack: fundProcedure.input(byFundInput).query(({ ctx, input }) => undoRedoStack(ctx.db, ctx.user.id, input.fundId)),
  undoLast: fundEditorProcedure.input(byFundInput).mutation(({ ctx, input }) => undoLast(ctx.db, ctx.actor, ctx.user, input.fundId)),
  redoLast: fundEditorProcedure.input(byFundInput).mutation(({ ctx, input }) => redoLast(ctx.db, ctx.actor, ctx.user, input.fundId)),
});
