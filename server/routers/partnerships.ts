// partnerships.*: Section 75 arrangements and their member organisations; each user sees their own partnerships.
import { listPartnerships } from '../../db/repositories/partnership.repository';
import { byIdInput, byPartnershipInput, partnershipCreateInput } from '../../shared/schemas';
import { assertPartnershipVisible } from '../policy';
import { yearsOfPartnership } from '../services/partnership-years';
import { createPartnership, getPartnership } from '../services/partnerships';
import { asActor, ofPartnership, procedureFor, router } from '../trpc';

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
  /** Every financial year's pooled plan by stream and partner, with the change from the year before. */
  years: procedureFor('partnership', 'read', 'partnership').input(byPartnershipInput).query(ofPartnership(yearsOfPartnership)),
  create: procedureFor('partnership', 'change').input(partnershipCreateInput).mutation(asActor(createPartnership)),
});
