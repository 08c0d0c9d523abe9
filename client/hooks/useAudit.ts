// The audit trail: the changes that match a filter, who made them, and undoing a whole batch (with what an undo makes
// stale: any list of changes, contributions and fund totals).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AuditListInput } from '../../shared/schemas';
import { useTRPC } from '../trpc';

export function useAuditEvents(filter: AuditListInput, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.audit.list.queryOptions(filter), enabled });
}

/** The people who changed anything in a partnership (all partnerships: undefined). */
export function useAuditPeople(partnershipId: number | undefined, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.audit.people.queryOptions(partnershipId ? { partnershipId } : undefined), enabled });
}

export function useUndoBatch() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const undo = useMutation(trpc.audit.undo.mutationOptions());
  const refreshAfterUndo = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.audit.pathFilter()),
        queryClient.invalidateQueries(trpc.contributions.pathFilter()),
        queryClient.invalidateQueries(trpc.funds.pathFilter()),
      ]),
    [queryClient, trpc],
  );
  return { undo, refreshAfterUndo };
}
