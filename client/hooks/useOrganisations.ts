// The lists every page names things by: the organisations (partners) and the funding sources (streams).
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

export function useOrganisations() {
  const trpc = useTRPC();
  return useQuery(trpc.orgs.list.queryOptions());
}

/** The funding sources: with a fund, the streams of its BCF year under the year's names (what its grids offer and
 * its writes accept); without, every source of the catalogue (for naming codes of any year, as the history does). */
export function useSources(fundId?: number) {
  const trpc = useTRPC();
  return useQuery(trpc.sources.list.queryOptions(fundId === undefined ? undefined : { fundId }));
}
