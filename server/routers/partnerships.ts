// partnerships.*: Section 75 arrangements and their member organisations; each user sees their own partnerships.
import { listPartnerships } from '../../db/repositories/partnership.repository';
import { byIdInput, partnershipCreateInput } from '../../shared/schemas';
import { assertPartnershipVisible } from '../policy';
import { createPartnership, getPartnership } from '../services/partnerships';
import { asActor, procedureFor, router } from '../trpc';

export const partnershipsRouter = router({
  list: procedureFor('partnership', 'read').query(async ({ ctx }) =>
    (await listPartnerships(ctx.db)).filter((p) => ctx.partnershipIds.has(p.id)),
  ),
  get: procedureFor('partnership', 'read')
    .input(byIdInput)
    .query(async ({ ctx, input }) => {
      const partnership = await getPartnership(ctx.db, input.id);
      assertPartnershipVisible(ctx.partnershipIds, partnership.id);
      return partnership;
    }),
  create: procedureFor('partnership', 'change').input(partnershipCreateInput).mutation(asActor(createPartnership)),
});
