// A fund's data for its pages: the fund, its partnership (for the breadcrumb and who is a partner) and its siblings.
import { useQueries, useQuery } from '@tanstack/react-query';
import type { RiskShareBasis } from '../../shared/risk-share-schemas';
import type { ContributionListRow, Fund } from '../../shared/types';
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

/** A fund's risk-share statement: the outturn (actual, or forecast) and who pays or receives what. */
export function useRiskShareStatement(fundId: number, basis: RiskShareBasis) {
  const trpc = useTRPC();
  return useQuery(trpc.riskshare.statement.queryOptions({ fundId, basis }));
}

/** The funds of these partnerships and their contributions, to name the rows a list of changes touched. */
export function useFundsAndContributions(partnershipIds: readonly number[]) {
  const trpc = useTRPC();
  const fundLists = useQueries({ queries: partnershipIds.map((partnershipId) => trpc.funds.list.queryOptions({ partnershipId })) });
  const funds: Fund[] = fundLists.flatMap((q) => q.data ?? []);
  const contributionLists = useQueries({ queries: funds.map((f) => trpc.contributions.list.queryOptions({ fundId: f.id })) });
  const contributions: ContributionListRow[] = contributionLists.flatMap((q) => q.data ?? []);
  return { funds, contributions };
}
