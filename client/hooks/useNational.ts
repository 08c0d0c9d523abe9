// The national view: totals by scheme type for a year, and pages of every plan's lines for the grid.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { NationalLinesInput } from '../../shared/national';
import { useTRPC } from '../trpc';

export function useNationalRollup(year: string | null) {
  const trpc = useTRPC();
  return useQuery(trpc.national.rollup.queryOptions(year ? { financialYear: year } : {}));
}

/** Fetches one page of lines through the query client (batched with other requests) without keeping it: the grid
 * keeps its own block cache. */
export function useNationalLines() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (input: NationalLinesInput) => queryClient.fetchQuery({ ...trpc.national.lines.queryOptions(input), staleTime: 0, gcTime: 0 }),
    [queryClient, trpc],
  );
}
