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
import { procedureFor, router } from '../trpc';

export const contributionsRouter = router({
  list: procedureFor('contribution', 'read', 'fund')
    .input(byFundInput)
    .query(({ ctx, input }) => listContributions(ctx.db, input.fundId)),
  create: procedureFor('contribution', 'change')
    .input(contributionCreateInput)
    .mutation(({ ctx, input }) => createContribution(ctx.db, ctx.actor, input)),
  update: procedureFor('contribution', 'change')
    .input(contributionUpdateInput)
    .mutation(({ ctx, input }) => updateContribution(ctx.db, ctx.actor, input)),
  delete: procedureFor('contribution', 'change')
    .input(contributionDeleteInput)
    .mutation(({ ctx, input }) => deleteContribution(ctx.db, ctx.actor, input)),
  // Scoped to the fund first (a fund the caller cannot see is refused before any of its rows is looked at); a change's
  // id that is not a row of this fund is "not in fund", whether it exists elsewhere or not.
  applyBatch: procedureFor('contribution', 'change', 'fund')
    .input(applyBatchInput)
    .mutation(({ ctx, input }) => applyContributionBatch(ctx.db, ctx.actor, input)),
  /** A spreadsheet's rows: a preview (dryRun) or one audited batch; any bad row and nothing is written. */
  import: procedureFor('contribution', 'change', 'fund')
    .input(contributionImportInput)
    .mutation(({ ctx, input }) => importContributions(ctx.db, ctx.actor, ctx.user, input)),
});
