// funds.*: pooled budgets, one per partnership and financial year, and their summary figures.
import { listFunds } from '../../db/repositories/fund.repository';
import { byFundInput, byIdInput, byPartnershipInput, fundCreateInput } from '../../shared/schemas';
import { assertPartnershipVisible } from '../policy';
import { createFund, fundSummary, getFund } from '../services/partnerships';
import { procedureFor, router } from '../trpc';

export const fundsRouter = router({
  list: procedureFor('fund', 'read', 'partnership')
    .input(byPartnershipInput)
    .query(({ ctx, input }) => listFunds(ctx.db, input.partnershipId)),
  get: procedureFor('fund', 'read')
    .input(byIdInput)
    .query(async ({ ctx, input }) => {
      const fund = await getFund(ctx.db, input.id);
      assertPartnershipVisible(ctx.partnershipIds, fund.partnershipId);
      return fund;
    }),
  create: procedureFor('fund', 'change')
    .input(fundCreateInput)
    .mutation(({ ctx, input }) => createFund(ctx.db, ctx.actor, input)),
  summary: procedureFor('fund', 'read', 'fund')
    .input(byFundInput)
    .query(({ ctx, input }) => fundSummary(ctx.db, input.fundId)),
});
