// A fund's plan (its schemes and their spend): the plan, the one batch write, and what a write makes stale.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useSchemes(fundId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plan = useQuery(trpc.schemes.plan.queryOptions({ fundId }));
  const batch = useMutation(trpc.schemes.applyBatch.mutationOptions());
  /** After any write (a batch, settings, an import, a snapshot restored, an undo): the plan, undo stack, snapshots. */
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.schemes.plan.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.stack.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.snapshots.list.queryKey({ fundId }) }),
    ]);
  }, [queryClient, trpc, fundId]);
  return { plan, batch, refresh };
}

/** The plan's own settings (the minimum spends and the like) and reading a whole plan workbook back in. */
export function usePlanWrites() {
  const trpc = useTRPC();
  const updateSettings = useMutation(trpc.schemes.settings.update.mutationOptions());
  const importWorkbook = useMutation(trpc.schemes.importWorkbook.mutationOptions());
  return { updateSettings, importWorkbook };
}

/** The fund's schemes alone (codes and names), for choosing one. */
export function useSchemeList(fundId: number) {
  const trpc = useTRPC();
  return useQuery(trpc.schemes.list.queryOptions({ fundId }));
}
