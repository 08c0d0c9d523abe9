// scenarios.*: a commissioner's private working copies of a fund's cost lines (issue 6, item 3): take one from the
// plan, change its lines and splits, compare scenarios with the committed plan, and promote one to the plan.
// Commissioners and admins only; a scenario is seen and changed by its owner (and admins), checked in the service for
// reads and row by row in the write path for writes.
import {
  scenarioCompareInput,
  scenarioCreateInput,
  scenarioGetInput,
  scenarioLinesInput,
  scenarioRefInput,
  scenarioUpdateInput,
} from '../../shared/scenario-schemas';
import { byFundInput } from '../../shared/schemas';
import {
  applyScenarioLines,
  compareScenarios,
  createScenario,
  deleteScenario,
  getScenario,
  listFundScenarios,
  promoteScenario,
  refreshScenario,
  updateScenario,
} from '../services/scenarios';
import { procedureFor, router } from '../trpc';

export const scenariosRouter = router({
  list: procedureFor('scenario', 'read', 'fund')
    .input(byFundInput)
    .query(({ ctx, input }) => listFundScenarios(ctx.db, ctx, input.fundId)),
  get: procedureFor('scenario', 'read')
    .input(scenarioGetInput)
    .query(({ ctx, input }) => getScenario(ctx.db, ctx, input.id)),
  create: procedureFor('scenario', 'change', 'fund')
    .input(scenarioCreateInput)
    .mutation(({ ctx, input }) => createScenario(ctx.db, ctx.actor, ctx, input)),
  update: procedureFor('scenario', 'change')
    .input(scenarioUpdateInput)
    .mutation(({ ctx, input }) => updateScenario(ctx.db, ctx.actor, ctx, input)),
  delete: procedureFor('scenario', 'change')
    .input(scenarioRefInput)
    .mutation(({ ctx, input }) => deleteScenario(ctx.db, ctx.actor, ctx, input)),
  applyLines: procedureFor('scenario', 'change')
    .input(scenarioLinesInput)
    .mutation(({ ctx, input }) => applyScenarioLines(ctx.db, ctx.actor, ctx, input)),
  refresh: procedureFor('scenario', 'change')
    .input(scenarioRefInput)
    .mutation(({ ctx, input }) => refreshScenario(ctx.db, ctx.actor, ctx, input)),
  promote: procedureFor('contribution', 'promote')
    .input(scenarioRefInput)
    .mutation(({ ctx, input }) => promoteScenario(ctx.db, ctx.actor, ctx, input)),
  compare: procedureFor('scenario', 'read', 'fund')
    .input(scenarioCompareInput)
    .query(({ ctx, input }) => compareScenarios(ctx.db, ctx, input)),
});
