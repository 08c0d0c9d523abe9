// settings.*: the signed-in user's own settings (a grid's saved column layout). Never anyone else's: the user id comes
// from the session, not the input.
import { settingGetInput, settingPutInput } from '../../shared/schemas';
import { getSetting, putSetting } from '../services/settings';
import { procedureFor, router } from '../trpc';

export const settingsRouter = router({
  get: procedureFor('setting', 'read')
    .input(settingGetInput)
    .query(({ ctx, input }) => getSetting(ctx.db, ctx.user.id, input.key)),
  put: procedureFor('setting', 'change')
    .input(settingPutInput)
    .mutation(({ ctx, input }) => putSetting(ctx.db, ctx.user.id, input.key, input.value, ctx.now())),
});
