// The board's report of a partnership for one fund and period: what the dashboard draws and the board pack prints.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BoardView } from '../components/BoardFilters';
import { useTRPC } from '../trpc';

/** `keepPrevious`: the last report stays on screen while the next period loads, so the page does not jump. */
export function useBoardReport(partnershipId: number, view: BoardView, { keepPrevious = false } = {}) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.reports.board.queryOptions({ partnershipId, ...view }),
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}
