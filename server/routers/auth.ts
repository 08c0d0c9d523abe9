// auth.*: sign in, sign out, and who is signed in.
import { loginInput } from '../../shared/schemas';
import { login, logout } from '../services/auth';
import { publicProcedure, router } from '../trpc';

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => login(ctx, input)),
  logout: publicProcedure.mutation(({ ctx }) => logout(ctx)),
  /** The signed-in user, or null: the client asks this first to decide whether to show the sign-in page. */
  me: publicProcedure.query(({ ctx }) => ({ user: ctx.user })),
});
