// contributions.*: each partner's planned and actual money into a fund, by funding source and quarter. Reading needs
// membership of the fund's partnership; writing needs the finance role, and the write path checks each row's partner.
import { listContributions } from '../../db/repositories/contribution.repository';
import {
  applyBatchInput,
  byFundInput,
  contributionCreateInput,
  contributionDeleteInput,
  contributionUpdateInput,
} from '../../shared/schemas';
import { contributionImportInput } from '../../shared/import';
import { importContributions } from '../services/contribution-import';
import { applyContributionBatch, createContribution, deleteContribution, updateContribution } from '../services/contributions';
import { financeProcedure, fundFinanceProcedure, fundProcedure, router } from '../trpc';

export const contributionsRouter = router({
  list: fundProcedure.input(byFundInput).query(({ ctx, input }) => listContributions(ctx.db, input.fundId)),
  create: financeProcedure.input(contributionCreateInput).mutation(({ ctx, input }) => createContribution(ctx.db, ctx.actor, input)),
  update: financeProcedure.input(contributionUpdateInput).mutation(({ ctx, input }) => updateContribution(ctx.db, ctx.actor, input)),
  delete: financeProcedure.input(contributionDeleteInput).mutation(({ ctx, input }) => deleteContribution(ctx.db, ctx.actor, input)),
  // Scoped to the fund first (a fund the caller cannot see is refused before any of its rows is looked at); a change's
  // id that is not a row of this fund is "not in fund", whether it exists elsewhere or not.
  applyBatch: fundFinanceProcedure.input(applyBatchInput).mutation(({ ctx, input }) => applyContributionBatch(ctx.db, ctx.actor, input)),
  /** A spreadsheet's rows: a preview (dryRun) or one audited batch; any bad row and nothing is written. */
  import: fundFinanceProcedure
    .input(contributionImportInput)
    .mutation(({ ctx, input }) => importContributions(ctx.db, ctx.actor, ctx.user, input)),
});
