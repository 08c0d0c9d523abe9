// The user accounts (administrators only): the list and what a change to an account makes stale.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useUsers() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }), [queryClient, trpc]);
  return { users, refresh };
}

/** Adding an account, changing one (role, organisations, disabled) and resetting its password. */
export function useUserMutations() {
  const trpc = useTRPC();
  const create = useMutation(trpc.users.create.mutationOptions());
  const update = useMutation(trpc.users.update.mutationOptions());
  const resetPassword = useMutation(trpc.users.resetPassword.mutationOptions());
  return { create, update, resetPassword };
}
