// Starting next year's plan from a fund: the preview of what it would write (re-read as the uplift or a mapping
// changes, so the figures shown are the figures written) and the start itself.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { RolloverMapping } from '../../shared/schema/rollover';
import { useTRPC } from '../trpc';

export function useRollover(fundId: number, upliftBp: number | undefined, mappings: RolloverMapping[], enabled: boolean) {
  const trpc = useTRPC();
  const preview = useQuery({
    ...trpc.rollover.preview.queryOptions({ fundId, upliftBp, mappings }, { enabled, placeholderData: keepPreviousData }),
    retry: false,
  });
  const start = useMutation(trpc.rollover.start.mutationOptions());
  return { preview, start };
}
