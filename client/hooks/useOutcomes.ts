// A fund's outcomes and return on investment: outcome rows, benefit rows, the fund's ROI, their batch writes, and
// what a write makes stale.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useOutcomes(fundId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const outcomes = useQuery(trpc.outcomes.list.queryOptions({ fundId }));
  const benefits = useQuery(trpc.roi.benefits.list.queryOptions({ fundId }));
  const roi = useQuery(trpc.roi.fund.queryOptions({ fundId }));
  const outcomeBatch = useMutation(trpc.outcomes.applyBatch.mutationOptions());
  const benefitBatch = useMutation(trpc.roi.benefits.applyBatch.mutationOptions());
  /** After any write: both grids, the ROI worked out from them, and the undo stack. */
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.outcomes.list.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.roi.benefits.list.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.roi.fund.queryKey({ fundId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.stack.queryKey({ fundId }) }),
    ]);
  }, [queryClient, trpc, fundId]);
  return { outcomes, benefits, roi, outcomeBatch, benefitBatch, refresh };
}
