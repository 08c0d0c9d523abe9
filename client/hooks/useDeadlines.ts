// Each BCF year's deadlines (plan, section 75 agreement, the quarterly returns, year end), set by administrators on
// /admin: the list, the writes, and what a change makes stale (the status board's days left).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useDeadlines(bcfYear: string) {
  const trpc = useTRPC();
  return useQuery(trpc.deadlines.list.queryOptions({ bcfYear }));
}

/** Refetch the deadlines and every submission, whose days left come from them. */
export function useDeadlinesRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all(
      [trpc.deadlines.pathKey(), trpc.submissions.pathKey()].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  }, [queryClient, trpc]);
}

export function useDeadlineWrites() {
  const trpc = useTRPC();
  const set = useMutation(trpc.deadlines.set.mutationOptions());
  const remove = useMutation(trpc.deadlines.remove.mutationOptions());
  return { set, remove };
}
