// unitCosts.*: the unit-cost table an appraisal prices activity with (issue 7). Everyone signed in reads it;
// commissioners and admins keep it.
import { unitCostCreateInput, unitCostUpdateInput } from '../../shared/outcome-schemas';
import { createUnitCost, unitCosts, updateUnitCost } from '../services/roi';
import { asActor, procedureFor, router } from '../trpc';

export const unitCostsRouter = router({
  list: procedureFor('unit_cost', 'read').query(({ ctx }) => unitCosts(ctx.db)),
  create: procedureFor('unit_cost', 'change').input(unitCostCreateInput).mutation(asActor(createUnitCost)),
  update: procedureFor('unit_cost', 'change').input(unitCostUpdateInput).mutation(asActor(updateUnitCost)),
});
