// Partnerships: the ones the signed-in person can see, and one of them.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

export function usePartnerships() {
  const trpc = useTRPC();
  return useQuery(trpc.partnerships.list.queryOptions());
}

export function usePartnership(id: number) {
  const trpc = useTRPC();
  return useQuery(trpc.partnerships.get.queryOptions({ id }));
}
