// sources.*: the funding streams (reference data) a contribution can come from.
import { listFundingSources } from '../../db/repositories/fund.repository';
import { authedProcedure, router } from '../trpc';

export const sourcesRouter = router({
  list: authedProcedure.query(({ ctx }) => listFundingSources(ctx.db)),
});
