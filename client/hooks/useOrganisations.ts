// The lists every page names things by: the organisations (partners) and the funding sources (streams).
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

export function useOrganisations() {
  const trpc = useTRPC();
  return useQuery(trpc.orgs.list.queryOptions());
}

/** The funding streams, each with the BCF years it belongs to (design: the streams differ between years). */
export function useSources() {
  const trpc = useTRPC();
  return useQuery(trpc.sources.list.queryOptions());
}
