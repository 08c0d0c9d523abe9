// national.*: the national view (issue 8) of every scheme line a person can see, across partnerships and years: a
// page at a time for the /national grid (ag-grid's infinite row model), and the totals by scheme type. Anyone signed
// in reads it; each sees only the partnerships their organisations belong to (an admin sees all).
import { nationalLinesInput, nationalRollupInput } from '../../shared/national';
import { nationalLines, nationalRollup, visibleTo } from '../services/national';
import { procedureFor, router } from '../trpc';

export const nationalRouter = router({
  lines: procedureFor('fund', 'read')
    .input(nationalLinesInput)
    .query(({ ctx, input }) => nationalLines(ctx.db, visibleTo(ctx.user, ctx.partnershipIds), input)),
  rollup: procedureFor('fund', 'read')
    .input(nationalRollupInput)
    .query(({ ctx, input }) => nationalRollup(ctx.db, visibleTo(ctx.user, ctx.partnershipIds), input)),
});
