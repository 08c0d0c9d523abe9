// reference.*: the reference lists of each BCF year (scheme types, sub-types, areas of spend, commissioners, provider
// types, national conditions, metrics). Everyone signed in reads them; only admins add or correct them.
import { referenceCreateInput, referenceListInput, referenceUpdateInput } from '../../shared/schemas';
import { createReferenceItem, listReferenceItems, updateReferenceItem } from '../services/reference';
import { asActor, procedureFor, router } from '../trpc';

export const referenceRouter = router({
  list: procedureFor('reference_item', 'read')
    .input(referenceListInput)
    .query(({ ctx, input }) => listReferenceItems(ctx.db, input?.bcfYear)),
  create: procedureFor('reference_item', 'change').input(referenceCreateInput).mutation(asActor(createReferenceItem)),
  update: procedureFor('reference_item', 'change').input(referenceUpdateInput).mutation(asActor(updateReferenceItem)),
});
