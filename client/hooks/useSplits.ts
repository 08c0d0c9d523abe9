// A partnership's split rules: the list, creating and changing a rule, and what a change makes stale.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useSplitRules(partnershipId: number) {
  const trpc = useTRPC();
  return useQuery(trpc.splits.rules.list.queryOptions({ partnershipId }));
}

export function useSplitRuleMutations(partnershipId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.splits.rules.create.mutationOptions());
  const update = useMutation(trpc.splits.rules.update.mutationOptions());
  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.splits.rules.list.queryKey({ partnershipId }) }),
    [queryClient, trpc, partnershipId],
  );
  return { create, update, refresh };
}
