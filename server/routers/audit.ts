// audit.*: the append-only history of every change, and undo of a whole batch (itself a new, audited batch).
import { listAuditEvents } from '../../db/repositories/audit.repository';
import { auditListInput, auditUndoInput } from '../../shared/schemas';
import { undo } from '../services/audit';
import { publicProcedure, router } from '../trpc';

export const auditRouter = router({
  list: publicProcedure.input(auditListInput).query(({ ctx, input }) => listAuditEvents(ctx.db, input ?? {})),
  undo: publicProcedure.input(auditUndoInput).mutation(({ ctx, input }) => undo(ctx.db, ctx.actor, input.batchId)),
});
