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
