// audit.*: the append-only history of every change (scoped to the caller's partnerships), undo of a whole batch
// (itself a new, audited batch), and the signed-in user's own undo and redo stacks in a fund (Ctrl+Z / Ctrl+Y).
import { listAuditEvents, listAuditPeople } from '../../db/repositories/audit.repository';
import { auditListInput, auditPeopleInput, auditUndoInput, undoScopeInput } from '../../shared/schemas';
import { redoLast, undo, undoLast, undoRedoStack } from '../services/audit';
import { procedureFor, router } from '../trpc';

/** A scenario's stack is only ever its owner's own batches, so naming another person's scenario shows an empty stack. */
const scopeOf = (input: { fundId: number; scenarioId?: number }) => ({ fundId: input.fundId, scenarioId: input.scenarioId ?? null });

export const auditRouter = router({
  list: procedureFor('audit_event', 'read')
    .input(auditListInput)
    .query(({ ctx, input }) =>
      listAuditEvents(ctx.db, {
        ...input,
        ...(ctx.user.role === 'admin' ? {} : { withinPartnerships: [...ctx.partnershipIds], privateTo: ctx.user.id }),
      }),
    ),
  /** Who has made changes, for the history page's user filter (scoped like list). */
  people: procedureFor('audit_event', 'read')
    .input(auditPeopleInput)
    .query(({ ctx, input }) =>
      ctx.user.role === 'admin'
        ? listAuditPeople(ctx.db, input?.partnershipId, undefined)
        : listAuditPeople(ctx.db, input?.partnershipId, [...ctx.partnershipIds], ctx.user.id),
    ),
  undo: procedureFor('audit_event', 'undo')
    .input(auditUndoInput)
    .mutation(({ ctx, input }) => undo(ctx.db, ctx.actor, ctx.user, input.batchId)),
  /** The next undo and redo steps and the depths of both stacks (empty for someone who has changed nothing here). */
  stack: procedureFor('audit_event', 'read', 'fund')
    .input(undoScopeInput)
    .query(({ ctx, input }) => undoRedoStack(ctx.db, ctx.user.id, scopeOf(input))),
  undoLast: procedureFor('audit_event', 'undo', 'fund')
    .input(undoScopeInput)
    .mutation(({ ctx, input }) => undoLast(ctx.db, ctx.actor, ctx.user, scopeOf(input))),
  redoLast: procedureFor('audit_event', 'undo', 'fund')
    .input(undoScopeInput)
    .mutation(({ ctx, input }) => redoLast(ctx.db, ctx.actor, ctx.user, scopeOf(input))),
});
