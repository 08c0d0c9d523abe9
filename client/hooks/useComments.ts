// A fund's conversation: its threads (each with its comments), the people who can be mentioned on it, and every change
// to a thread (start, reply, edit, delete, resolve, reopen). Each change refreshes the threads, the history and the
// notifications (a change to a thread can notify the person who made it of nothing, but the list is cheap to read).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useComments(fundId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const threads = useQuery(trpc.comments.list.queryOptions({ fundId }));
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.comments.list.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() }),
    ]);
  }, [queryClient, trpc, fundId]);
  const settle = { onSettled: refresh };
  const start = useMutation(trpc.comments.start.mutationOptions(settle));
  const reply = useMutation(trpc.comments.reply.mutationOptions(settle));
  const edit = useMutation(trpc.comments.edit.mutationOptions(settle));
  const remove = useMutation(trpc.comments.delete.mutationOptions(settle));
  const resolve = useMutation(trpc.comments.resolve.mutationOptions(settle));
  const reopen = useMutation(trpc.comments.reopen.mutationOptions(settle));
  return { threads, refresh, start, reply, edit, remove, resolve, reopen };
}

/** The people who can be mentioned on a fund (on a scenario's lines: who can see the scenario); asked only once a
 * composer is open. */
export function useMentionable(fundId: number, enabled: boolean, scenarioId?: number) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.comments.mentionable.queryOptions({ fundId, ...(scenarioId ? { scenarioId } : {}) }),
    enabled,
    staleTime: 60_000,
  });
}

export type CommentsApi = ReturnType<typeof useComments>;
