// The BCF reference lists (scheme types, areas of spend...) by year, and what a change to them makes stale.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

/** `enabled`: only administrators may read the whole set; no one else asks. */
export function useReferenceData(enabled: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const all = useQuery({ ...trpc.reference.list.queryOptions(), enabled });
  // Every page that shows reference names (the Plan grid reads them from schemes.plan) must see a change at once.
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.reference.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.schemes.plan.pathKey() }),
    ]);
  }, [queryClient, trpc]);
  return { all, refresh };
}

/** Adding and changing one reference item (administrators). */
export function useReferenceItemWrites() {
  const trpc = useTRPC();
  const create = useMutation(trpc.reference.create.mutationOptions());
  const update = useMutation(trpc.reference.update.mutationOptions());
  return { create, update };
}
