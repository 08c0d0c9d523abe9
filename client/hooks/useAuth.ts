// Who is signed in, signing in and signing out. Signing either way clears the query cache, so nothing one person
// could see is shown to the next.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

/** auth.me: `data.user` is null when no one is signed in. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions());
}

export function useSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const login = useMutation(trpc.auth.login.mutationOptions());
  const signIn = async (email: string, password: string) => {
    await login.mutateAsync({ email, password });
    queryClient.clear();
  };
  return { signIn, isPending: login.isPending };
}

export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const logout = useMutation(trpc.auth.logout.mutationOptions());
  return async () => {
    await logout.mutateAsync();
    queryClient.clear();
  };
}
