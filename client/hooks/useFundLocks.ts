// A fund's sign-off locks (issue "Sign-off and returns"): which figures an approved or submitted plan or return holds,
// with the reason each grid and form shows at a locked cell; and the way a page learns of a lock taken while it was
// open (a save refused with `lockedField`), so it reloads them.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useCallback, useMemo } from 'react';
import type { FundLock } from '../../shared/schema/submission';
import { contributionCellLock, planLockOf, schemeCellLock } from '../components/sheet/locks';
import { useTRPC } from '../trpc';

const NO_LOCKS: readonly FundLock[] = [];

export function useFundLocks(fundId: number) {
  const trpc = useTRPC();
  const query = useQuery(trpc.submissions.locks.queryOptions({ fundId }));
  const locks = query.data ?? NO_LOCKS;
  return useMemo(
    () => ({
      locks,
      /** Why the plan (planned figures, schemes, conditions, settings) is read-only, or null. */
      planLock: planLockOf(locks),
      /** The contributions grid's and the plan grid's `cellBlock`. */
      contributionCell: contributionCellLock(locks),
      schemeCell: schemeCellLock(locks),
    }),
    [locks],
  );
}

/** Reload every fund's locks: after the server refused a save because a figure was locked meanwhile. */
export function useReloadLocks(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: trpc.submissions.locks.queryKey() }), [queryClient, trpc]);
}

/** The locked figure a refusal names (server/trpc.ts errorDetails), with the lock's reason; null for any other error. */
export function lockedFieldOfError(error: unknown): { field: string; lock: string } | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error.data ?? {}) as { lockedField?: unknown; lock?: unknown };
  return typeof data.lockedField === 'string' ? { field: data.lockedField, lock: typeof data.lock === 'string' ? data.lock : '' } : null;
}
