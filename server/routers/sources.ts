// sources.*: the funding streams (reference data) a contribution can come from.
import { listFundingSources } from '../../db/repositories/fund.repository';
import { procedureFor, router } from '../trpc';

export const sourcesRouter = router({
  list: procedureFor('reference_item', 'read').query(({ ctx }) => listFundingSources(ctx.db)),
});
