// contributions.*: each partner's planned and actual money into a fund, by funding source and quarter. Reading needs
// membership of the fund's partnership; writing needs the finance role, and the write path checks each row's partner.
import { listContributionPage } from '../../db/repositories/contribution.repository';
import {
  applyBatchInput,
  contributionCreateInput,
  contributionListInput,
  contributionDeleteInput,
  contributionUpdateInput,
} from '../../shared/schemas';
import { contributionImportInput } from '../../shared/import';
import { importContributions } from '../services/contribution-import';
import { createContribution, deleteContribution, updateContribution, writeContributionBatch } from '../services/contributions';
import { asActor, procedureFor, router } from '../trpc';

export const contributionsRouter = router({
  // The grid's fields only, every row or a page of them (offset, limit).
  list: procedureFor('contribution', 'read', 'fund')
    .input(contributionListInput)
    .query(({ ctx, input }) => listContributionPage(ctx.db, input)),
  create: procedureFor('contribution', 'change').input(contributionCreateInput).mutation(asActor(createContribution)),
  update: procedureFor('contribution', 'change').input(contributionUpdateInput).mutation(asActor(updateContribution)),
  delete: procedureFor('contribution', 'change').input(contributionDeleteInput).mutation(asActor(deleteContribution)),
  // Scoped to the fund first (a fund the caller cannot see is refused before any of its rows is looked at); a change's
  // id that is not a row of this fund is "not in fund", whether it exists elsewhere or not. The scope found the fund,
  // so the service does not look for it again.
  applyBatch: procedureFor('contribution', 'change', 'fund').input(applyBatchInput).mutation(asActor(writeContributionBatch)),
  /** A spreadsheet's rows: a preview (dryRun) or one audited batch; any bad row and nothing is written. */
  import: procedureFor('contribution', 'change', 'fund')
    .input(contributionImportInput)
    .mutation(({ ctx, input }) => importContributions(ctx.db, ctx.actor, ctx.user, input)),
});
