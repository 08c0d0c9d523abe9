// sources.*: the funding streams (reference data) a contribution or a scheme can come from. With no input, every source
// of the catalogue (the contract's first form); with `{ fundId }`, the streams of that fund's BCF year under the year's
// names, which is what a fund's grids offer and its writes accept.
import { listFundingSources, listFundStreams } from '../../db/repositories/fund.repository';
import { byFundInput } from '../../shared/schemas';
import { assertPartnershipVisible } from '../policy';
import { getFund } from '../services/partnerships';
import { procedureFor, router } from '../trpc';

export const sourcesRouter = router({
  list: procedureFor('reference_item', 'read')
    .input(byFundInput.optional())
    .query(async ({ ctx, input }) => {
      if (!input) return listFundingSources(ctx.db);
      // A fund the caller may not see is refused as funds.get refuses it.
      assertPartnershipVisible(ctx.partnershipIds, (await getFund(ctx.db, input.fundId)).partnershipId);
      return listFundStreams(ctx.db, input.fundId);
    }),
});
