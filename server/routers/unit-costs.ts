// unitCosts.*: the unit-cost table an appraisal prices activity with (issue 7). Everyone signed in reads it;
// commissioners and admins keep it.
import { unitCostCreateInput, unitCostUpdateInput } from '../../shared/outcome-schemas';
import { createUnitCost, unitCosts, updateUnitCost } from '../services/roi';
import { authedProcedure, roiProcedure, router } from '../trpc';

export const unitCostsRouter = router({
  list: authedProcedure.query(({ ctx }) => unitCosts(ctx.db)),
  create: roiProcedure.input(unitCostCreateInput).mutation(({ ctx, input }) => createUnitCost(ctx.db, ctx.actor, input)),
  update: roiProcedure.input(unitCostUpdateInput).mutation(({ ctx, input }) => updateUnitCost(ctx.db, ctx.actor, input)),
});
