// The return-on-investment reference data shared by every fund: unit costs and published evidence, adding to them,
// and what an addition makes stale.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useRoiReference() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const unitCosts = useQuery(trpc.unitCosts.list.queryOptions());
  const evidence = useQuery(trpc.evidence.list.queryOptions());
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.unitCosts.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.evidence.list.queryKey() }),
    ]);
  }, [queryClient, trpc]);
  return { unitCosts, evidence, refresh };
}

export function useRoiReferenceMutations() {
  const trpc = useTRPC();
  const createUnitCost = useMutation(trpc.unitCosts.create.mutationOptions());
  const createEvidence = useMutation(trpc.evidence.create.mutationOptions());
  return { createUnitCost, createEvidence };
}
