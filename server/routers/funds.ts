// funds.*: pooled budgets, one per partnership and financial year, and their summary figures.
import { listFunds } from '../../db/repositories/fund.repository';
import { byFundInput, byIdInput, byPartnershipInput, fundCreateInput } from '../../shared/schemas';
import { assertPartnershipVisible } from '../policy';
import { createFund, fundSummary, getFund } from '../services/partnerships';
import { asActor, ofFund, ofPartnership, procedureFor, router } from '../trpc';

export const fundsRouter = router({
  list: procedureFor('fund', 'read', 'partnership').input(byPartnershipInput).query(ofPartnership(listFunds)),
  get: procedureFor('fund', 'read')
    .input(byIdInput)
    .query(async ({ ctx, input }) => {
      const fund = await getFund(ctx.db, input.id);
      assertPartnershipVisible(ctx.partnershipIds, fund.partnershipId);
      return fund;
    }),
  create: procedureFor('fund', 'change').input(fundCreateInput).mutation(asActor(createFund)),
  summary: procedureFor('fund', 'read', 'fund').input(byFundInput).query(ofFund(fundSummary)),
});
