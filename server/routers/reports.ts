// reports.*: what a board reads (issue 7): `board` is the dashboard's and the board pack's figures for one fund and a
// range of quarters. Anyone who can see the partnership reads it.
import { boardReportInput } from '../../shared/outcome-schemas';
import { boardReport } from '../services/reports';
import { procedureFor, router } from '../trpc';

export const reportsRouter = router({
  board: procedureFor('partnership', 'read', 'partnership')
    .input(boardReportInput)
    .query(({ ctx, input }) => boardReport(ctx.db, input)),
});
