// A fund's quarterly or year-end return: the return as the builder reports it (returns.get: the version sent while
// there is one, else the draft's live figures), its answers with their versions (submissions.answers), the one write
// (submissions.answer), and what an answer makes stale (the return, its answers, the submission and its digest).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ReturnKind } from '../../shared/returns';
import { useTRPC } from '../trpc';

export function useReturn(fundId: number, kind: ReturnKind) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const view = useQuery(trpc.returns.get.queryOptions({ fundId, kind }));
  const answers = useQuery(trpc.submissions.answers.queryOptions({ fundId, kind }));
  const answer = useMutation(trpc.submissions.answer.mutationOptions());
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.returns.get.queryKey({ fundId, kind }) }),
      queryClient.invalidateQueries({ queryKey: trpc.submissions.answers.queryKey({ fundId, kind }) }),
      queryClient.invalidateQueries({ queryKey: trpc.submissions.get.queryKey({ fundId, kind }) }),
    ]);
  }, [queryClient, trpc, fundId, kind]);
  return { view, answers, answer, refresh };
}
