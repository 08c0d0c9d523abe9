// Who signs for which organisation, and who records each board's approval (administrators name them on /admin): the
// list, the writes, and what a change makes stale (the submissions pages show who may sign).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/router';
import { useTRPC } from '../trpc';

/** A naming as signatories.list returns it: with the person's, organisation's and partnership's names. */
export type SignatoryView = inferRouterOutputs<AppRouter>['signatories']['list'][number];

export function useSignatories() {
  const trpc = useTRPC();
  return useQuery(trpc.signatories.list.queryOptions());
}

/** Refetch the signatories and every submission, whose required signatures name them. */
export function useSignatoriesRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all(
      [trpc.signatories.pathKey(), trpc.submissions.pathKey()].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  }, [queryClient, trpc]);
}

export function useSignatoryWrites() {
  const trpc = useTRPC();
  const create = useMutation(trpc.signatories.create.mutationOptions());
  const remove = useMutation(trpc.signatories.remove.mutationOptions());
  return { create, remove };
}
