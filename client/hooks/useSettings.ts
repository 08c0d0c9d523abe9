// One of the signed-in person's own settings (a grid's column layout, say): read it and save it.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

export function useSetting(key: string) {
  const trpc = useTRPC();
  const saved = useQuery(trpc.settings.get.queryOptions({ key }));
  const save = useMutation(trpc.settings.put.mutationOptions());
  return { saved, save };
}
