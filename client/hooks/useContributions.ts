// A fund's contributions (income): the rows, the fund's totals, the one batch write, and what a write makes stale.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useContributions(fundId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rows = useQuery(trpc.contributions.list.queryOptions({ fundId }));
  const summary = useQuery(trpc.funds.summary.queryOptions({ fundId }));
  const batch = useMutation(trpc.contributions.applyBatch.mutationOptions());
  /** After any write (a batch, an import, an undo): the rows, the totals, the undo stack and the history. */
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.contributions.list.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.funds.summary.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.stack.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() }),
    ]);
  }, [queryClient, trpc, fundId]);
  return { rows, summary, batch, refresh };
}

/** Reading a spreadsheet of contributions into the fund (checked first, then written as one batch by the server). */
export function useContributionImport() {
  const trpc = useTRPC();
  return useMutation(trpc.contributions.import.mutationOptions());
}
