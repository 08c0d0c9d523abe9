// funds.*: pooled budgets, one per partnership and financial year, and their summary figures.
import { listFunds } from '../../db/repositories/fund.repository';
import { byFundInput, byIdInput, byPartnershipInput, fundCreateInput } from '../../shared/schemas';
import { createFund, fundSummary, getFund, getPartnership } from '../services/partnerships';
import { publicProcedure, router } from '../trpc';

export const fundsRouter = router({
  list: publicProcedure.input(byPartnershipInput).query(async ({ ctx, input }) => {
    await getPartnership(ctx.db, input.partnershipId);
    return listFunds(ctx.db, input.partnershipId);
  }),
  get: publicProcedure.input(byIdInput).query(({ ctx, input }) => getFund(ctx.db, input.id)),
  create: publicProcedure.input(fundCreateInput).mutation(({ ctx, input }) => createFund(ctx.db, ctx.actor, input)),
  summary: publicProcedure.input(byFundInput).query(({ ctx, input }) => fundSummary(ctx.db, input.fundId)),
});
