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
import { asActor, ofFund, procedureFor, router } from '../trpc';

export const contributionsRouter = router({
  list: procedureFor('contribution', 'read', 'fund').input(byFundInput).query(ofFund(listContributions)),
  create: procedureFor('contribution', 'change').input(contributionCreateInput).mutation(asActor(createContribution)),
  update: procedureFor('contribution', 'change').input(contributionUpdateInput).mutation(asActor(updateContribution)),
  delete: procedureFor('contribution', 'change').input(contributionDeleteInput).mutation(asActor(deleteContribution)),
  // Scoped to the fund first (a fund the caller cannot see is refused before any of its rows is looked at); a change's
  // id that is not a row of this fund is "not in fund", whether it exists elsewhere or not.
  applyBatch: procedureFor('contribution', 'change', 'fund').input(applyBatchInput).mutation(asActor(applyContributionBatch)),
  /** A spreadsheet's rows: a preview (dryRun) or one audited batch; any bad row and nothing is written. */
  import: procedureFor('contribution', 'change', 'fund')
    .input(contributionImportInput)
    .mutation(({ ctx, input }) => importContributions(ctx.db, ctx.actor, ctx.user, input)),
});
