// presence.*: where a person is on a fund's page (the cell they have selected), shown to the others with the fund
// open. Only one's own connection (the event stream of one's own page); presence is not a figure, so not audited.
import { presenceSelectInput } from '../../shared/schema/presence';
import { selectPresenceCell } from '../live/presence';
import { procedureFor, router } from '../trpc';

export const presenceRouter = router({
  select: procedureFor('presence', 'change')
    .input(presenceSelectInput)
    .mutation(({ ctx, input }) => selectPresenceCell(ctx.db, ctx.user, input, ctx.now())),
});
