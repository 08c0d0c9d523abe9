// Sign-off and returns: one submission of a fund (its status, who must sign and who has), its steps, and a
// partnership's status board. After a step, the fund's submissions, its locks and the board are all stale.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { SUBMISSION_KINDS, type SubmissionKind } from '../../shared/schema/submission';
import { useTRPC } from '../trpc';

/** One submission of a fund (a kind never started reads as a draft) and every step it can take. */
export function useSubmission(fundId: number, kind: SubmissionKind) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const submission = useQuery(trpc.submissions.get.queryOptions({ fundId, kind }));
  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.submissions.get.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.submissions.locks.queryKey({ fundId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.submissions.board.pathKey() }),
      ]),
    [queryClient, trpc, fundId],
  );
  const steps = {
    send: useMutation(trpc.submissions.send.mutationOptions()),
    sign: useMutation(trpc.submissions.sign.mutationOptions()),
    approve: useMutation(trpc.submissions.approve.mutationOptions()),
    submit: useMutation(trpc.submissions.submit.mutationOptions()),
    returnForChanges: useMutation(trpc.submissions.returnForChanges.mutationOptions()),
    reopen: useMutation(trpc.submissions.reopen.mutationOptions()),
  };
  return { submission, steps, refresh };
}

/** Every submission of a fund, for the list of kinds at the top of the sign-off page (one batched request). */
export function useFundSubmissions(fundId: number) {
  const trpc = useTRPC();
  return useQueries({ queries: SUBMISSION_KINDS.map((kind) => trpc.submissions.get.queryOptions({ fundId, kind })) });
}

/** The status board of a partnership: every fund's plan and returns, with signatures and deadlines. */
export function useSubmissionBoard(partnershipId: number) {
  const trpc = useTRPC();
  return useQuery(trpc.submissions.board.queryOptions({ partnershipId }));
}
