// A fund's data for its pages: the fund, its partnership (for the breadcrumb and who is a partner) and its siblings.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

/** A fund and the partnership it belongs to; the partnership loads once the fund says which it is. */
export function useFund(fundId: number) {
  const trpc = useTRPC();
  const fund = useQuery(trpc.funds.get.queryOptions({ id: fundId }));
  const partnershipId = fund.data?.partnershipId ?? 0;
  const partnership = useQuery({ ...trpc.partnerships.get.queryOptions({ id: partnershipId }), enabled: partnershipId > 0 });
  return { fund, partnership, partnershipId };
}

/** The funds of a partnership (0: none yet, nothing is asked). */
export function useFunds(partnershipId: number) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.funds.list.queryOptions({ partnershipId }), enabled: partnershipId > 0 });
}
