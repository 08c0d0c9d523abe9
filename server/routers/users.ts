// users.*: user management, for administrators only.
import { userCreateInput, userResetPasswordInput, userUpdateInput } from '../../shared/schemas';
import { createUser, listUsers, resetPassword, updateUser } from '../services/users';
import { adminProcedure, router } from '../trpc';

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure.input(userCreateInput).mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input)),
  update: adminProcedure.input(userUpdateInput).mutation(({ ctx, input }) => updateUser(ctx.db, ctx.actor, input)),
  resetPassword: adminProcedure.input(userResetPasswordInput).mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.actor, input.id)),
});
