// rollover.*: start next year's plan from a fund. Both need the fund 'change' rule (commissioners and administrators)
// in the fund's partnership: the preview shows what the start would write.
import { rolloverPreviewInput, rolloverStartInput } from '../../shared/schema/rollover';
import { previewRollover, startRollover } from '../services/rollover';
import { asActor, procedureFor, router } from '../trpc';

export const rolloverRouter = router({
  preview: procedureFor('fund', 'change', 'fund')
    .input(rolloverPreviewInput)
    .query(({ ctx, input }) => previewRollover(ctx.db, input)),
  start: procedureFor('fund', 'change', 'fund').input(rolloverStartInput).mutation(asActor(startRollover)),
});
