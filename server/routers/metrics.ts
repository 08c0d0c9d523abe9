// metrics.*: metric definitions per BCF year (issue 7). Everyone signed in reads them; administrators change them.
import { metricDefinitionCreateInput, metricDefinitionUpdateInput } from '../../shared/outcome-schemas';
import { referenceListInput } from '../../shared/schemas';
import { listMetrics } from '../../db/repositories/outcome.repository';
import { createMetric, updateMetric } from '../services/outcomes';
import { asActor, procedureFor, router } from '../trpc';

export const metricsRouter = router({
  list: procedureFor('metric', 'read')
    .input(referenceListInput)
    .query(({ ctx, input }) => listMetrics(ctx.db, input?.bcfYear)),
  create: procedureFor('metric', 'change').input(metricDefinitionCreateInput).mutation(asActor(createMetric)),
  update: procedureFor('metric', 'change').input(metricDefinitionUpdateInput).mutation(asActor(updateMetric)),
});
