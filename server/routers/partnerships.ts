// partnerships.*: Section 75 arrangements and their member organisations.
import { listPartnerships } from '../../db/repositories/partnership.repository';
import { byIdInput, partnershipCreateInput } from '../../shared/schemas';
import { createPartnership, getPartnership } from '../services/partnerships';
import { publicProcedure, router } from '../trpc';

export const partnershipsRouter = router({
  list: publicProcedure.query(({ ctx }) => listPartnerships(ctx.db)),
  get: publicProcedure.input(byIdInput).query(({ ctx, input }) => getPartnership(ctx.db, input.id)),
  create: publicProcedure.input(partnershipCreateInput).mutation(({ ctx, input }) => createPartnership(ctx.db, ctx.actor, input)),
});
