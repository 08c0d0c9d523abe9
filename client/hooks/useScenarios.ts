// A fund's scenarios (private working copies of its plan): the list, one open scenario with its writes, and what
// each write makes stale.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useScenarios(fundId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.scenarios.list.queryOptions({ fundId }));
  const create = useMutation(trpc.scenarios.create.mutationOptions());
  const refreshList = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.scenarios.list.queryKey({ fundId }) }),
    [queryClient, trpc, fundId],
  );
  return { list, create, refreshList };
}

/** One scenario: its lines, the batch write to them, promote, refresh from the plan and delete. `onChanged` is the
 * caller's own refresh (the list), run with this scenario's. */
export function useScenario(id: number, fundId: number, onChanged: () => Promise<unknown>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.scenarios.get.queryOptions({ id }));
  const applyLines = useMutation(trpc.scenarios.applyLines.mutationOptions());
  const promote = useMutation(trpc.scenarios.promote.mutationOptions());
  const refreshFromPlan = useMutation(trpc.scenarios.refresh.mutationOptions());
  const remove = useMutation(trpc.scenarios.delete.mutationOptions());
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.scenarios.get.queryKey({ id }) }),
      queryClient.invalidateQueries({ queryKey: trpc.scenarios.compare.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.stack.queryKey({ fundId, scenarioId: id }) }),
      onChanged(),
    ]);
  }, [queryClient, trpc, id, fundId, onChanged]);
  return { detail, applyLines, promote, refreshFromPlan, remove, refresh };
}

/** Each partner's planned total under the committed plan and under each of these scenarios. */
export function useScenarioComparison(fundId: number, scenarioIds: number[]) {
  const trpc = useTRPC();
  return useQuery(trpc.scenarios.compare.queryOptions({ fundId, scenarioIds }));
}
