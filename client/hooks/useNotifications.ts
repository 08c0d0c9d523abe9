// The signed-in person's notifications: the unread count (the header's badge), the list, marking read, and their choice
// of email. The live event stream invalidates the `notifications` queries when one arrives; the count is also fetched
// every 30 s, so the badge catches up even without the stream (a proxy that cuts it, an older server).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc';

/** How often the unread count is fetched again without being told. */
export const UNREAD_REFETCH_MS = 30_000;

export function useUnreadCount() {
  const trpc = useTRPC();
  return useQuery(trpc.notifications.unreadCount.queryOptions(undefined, { refetchInterval: UNREAD_REFETCH_MS }));
}

export function useNotificationList(unreadOnly: boolean) {
  const trpc = useTRPC();
  return useQuery(trpc.notifications.list.queryOptions({ unreadOnly, limit: 100 }));
}

/** Fetch every notifications query again (the count, the list, the preference). */
export function useNotificationsRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }), [queryClient, trpc]);
}

/** Mark some (ids) or all (no ids) read; the count and the list follow. */
export function useMarkRead() {
  const trpc = useTRPC();
  const refresh = useNotificationsRefresh();
  return useMutation(trpc.notifications.markRead.mutationOptions({ onSettled: () => void refresh() }));
}

export function useEmailPreference() {
  const trpc = useTRPC();
  const preference = useQuery(trpc.notifications.emailPreference.queryOptions());
  const refresh = useNotificationsRefresh();
  const save = useMutation(trpc.notifications.setEmailPreference.mutationOptions({ onSettled: () => void refresh() }));
  return { preference, save };
}
