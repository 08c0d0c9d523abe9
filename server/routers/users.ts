// users.*: user management, for administrators only.
import { userCreateInput, userResetPasswordInput, userUpdateInput } from '../../shared/schemas';
import { createUser, listUsers, resetPassword, updateUser } from '../services/users';
import { procedureFor, router } from '../trpc';

export const usersRouter = router({
  list: procedureFor('app_user', 'list').query(({ ctx }) => listUsers(ctx.db)),
  create: procedureFor('app_user', 'change')
    .input(userCreateInput)
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input)),
  update: procedureFor('app_user', 'change')
    .input(userUpdateInput)
    .mutation(({ ctx, input }) => updateUser(ctx.db, ctx.actor, input)),
  resetPassword: procedureFor('app_user', 'change')
    .input(userResetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.actor, input.id)),
});
