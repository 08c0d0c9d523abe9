// contributions.*: each partner's planned and actual money into a fund, by funding source and quarter.
import { listContributions } from '../../db/repositories/contribution.repository';
import {
  applyBatchInput,
  byFundInput,
  contributionCreateInput,
  contributionDeleteInput,
  contributionUpdateInput,
} from '../../shared/schemas';
import { applyContributionBatch, createContribution, deleteContribution, updateContribution } from '../services/contributions';
import { getFund } from '../services/partnerships';
import { publicProcedure, router } from '../trpc';

export const contributionsRouter = router({
  list: publicProcedure.input(byFundInput).query(async ({ ctx, input }) => {
    await getFund(ctx.db, input.fundId);
    return listContributions(ctx.db, input.fundId);
  }),
  create: publicProcedure.input(contributionCreateInput).mutation(({ ctx, input }) => createContribution(ctx.db, ctx.actor, input)),
  update: publicProcedure.input(contributionUpdateInput).mutation(({ ctx, input }) => updateContribution(ctx.db, ctx.actor, input)),
  delete: publicProcedure.input(contributionDeleteInput).mutation(({ ctx, input }) => deleteContribution(ctx.db, ctx.actor, input)),
  applyBatch: publicProcedure.input(applyBatchInput).mutation(({ ctx, input }) => applyContributionBatch(ctx.db, ctx.actor, input)),
});
