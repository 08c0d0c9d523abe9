// users.*: user management, for administrators only.
import { userCreateInput, userResetPasswordInput, userUpdateInput } from '../../shared/schemas';
import { createUser, listUsers, resetPassword, updateUser } from '../services/users';
import { asActor, procedureFor, router } from '../trpc';

export const usersRouter = router({
  list: procedureFor('app_user', 'list').query(({ ctx }) => listUsers(ctx.db)),
  create: procedureFor('app_user', 'change').input(userCreateInput).mutation(asActor(createUser)),
  update: procedureFor('app_user', 'change').input(userUpdateInput).mutation(asActor(updateUser)),
  resetPassword: procedureFor('app_user', 'change')
    .input(userResetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.actor, input.id)),
});
