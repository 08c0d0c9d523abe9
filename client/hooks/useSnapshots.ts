// A fund plan's snapshots (frozen copies): the list, freezing and restoring one.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

export function useSnapshots(fundId: number) {
  const trpc = useTRPC();
  const snapshots = useQuery(trpc.snapshots.list.queryOptions({ fundId }));
  const create = useMutation(trpc.snapshots.create.mutationOptions());
  const restore = useMutation(trpc.snapshots.restore.mutationOptions());
  return { snapshots, create, restore };
}

/** Two versions of the plan side by side (a snapshot or 'current'); asks nothing until the first is chosen. */
export function useSnapshotComparison(fundId: number, a: number | 'current' | null, b: number | 'current') {
  const trpc = useTRPC();
  return useQuery({ ...trpc.snapshots.compare.queryOptions({ fundId, a: a ?? 'current', b }), enabled: a !== null });
}
