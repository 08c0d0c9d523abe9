// sources.*: the funding streams (reference data) a contribution can come from.
import { listFundingSources } from '../../db/repositories/fund.repository';
import { publicProcedure, router } from '../trpc';

export const sourcesRouter = router({
  list: publicProcedure.query(({ ctx }) => listFundingSources(ctx.db)),
});
