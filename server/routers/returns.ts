// returns.*: a fund's quarterly and year-end returns as the return builder reports them (issue "Sign-off and returns",
// item 4). Whoever reads the fund's submissions reads its returns; the answers are written by submissions.answer.
import { returnRefInput } from '../../shared/returns';
import { returnView } from '../services/returns';
import { procedureFor, router } from '../trpc';

export const returnsRouter = router({
  get: procedureFor('submission', 'read', 'fund')
    .input(returnRefInput)
    .query(({ ctx, input }) => returnView(ctx.db, input.fundId, input.kind)),
});
