// The header's way to one's notifications: a link to /notifications with the unread count as a badge, read out as
// "Notifications, 3 unread". A page rather than a popover: the list, marking read and the email choice all work by
// keyboard and screen reader as any page does, and it survives reload and can be shared as a link.
import { Link } from '@tanstack/react-router';
import { useUnreadCount } from '../hooks/useNotifications';
import './notifications.css';

/** The badge shows at most this; the accessible name says the exact count. */
const BADGE_MOST = 99;

export function notificationsLabel(unread: number): string {
  return unread > 0 ? `Notifications, ${unread.toLocaleString('en-GB')} unread` : 'Notifications';
}

export function NotificationsMenu({ current }: { current: boolean }) {
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <Link
      to="/notifications"
      className="notifications-link"
      aria-label={notificationsLabel(unread)}
      aria-current={current ? 'page' : undefined}
      data-testid="notifications-link"
    >
      <span aria-hidden="true">Notifications</span>
      {unread > 0 && (
        <span className="notification-badge" aria-hidden="true" data-testid="notifications-badge">
          {unread > BADGE_MOST ? `${BADGE_MOST}+` : unread}
        </span>
      )}
    </Link>
  );
}
