// The BCF years held and their funding streams: the queries, the administrator's writes, and what a write makes stale
// (every page that reads a year's streams or lists: the reference editor, the plan, the partnership's years).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

export function useBcfYears() {
  const trpc = useTRPC();
  return useQuery(trpc.bcfYears.list.queryOptions());
}

/** One year's streams (none asked for while `bcfYear` is null). */
export function useFundingStreams(bcfYear: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.bcfYears.streams.queryOptions({ bcfYear: bcfYear ?? undefined }), enabled: bcfYear !== null });
}

/** Refetch everything a change to a year or a stream can change. */
export function useBcfYearsRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all(
      [trpc.bcfYears.pathKey(), trpc.reference.pathKey(), trpc.metrics.pathKey(), trpc.partnerships.pathKey()].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
  }, [queryClient, trpc]);
}

/** The administrator's writes: open a year, change one, and add, change or remove a stream. */
export function useBcfYearWrites() {
  const trpc = useTRPC();
  const open = useMutation(trpc.bcfYears.open.mutationOptions());
  const update = useMutation(trpc.bcfYears.update.mutationOptions());
  const createStream = useMutation(trpc.bcfYears.createStream.mutationOptions());
  const updateStream = useMutation(trpc.bcfYears.updateStream.mutationOptions());
  const removeStream = useMutation(trpc.bcfYears.removeStream.mutationOptions());
  return { open, update, createStream, updateStream, removeStream };
}
