// /notifications: the signed-in person's notifications, newest first (unread ones marked in words as well as colour),
// each a link to the thread or page it is about that marks it read; "Mark all as read"; and how they hear of them by
// email. Text people typed (a comment quoted in a notification) is rendered as text, never as HTML.
import { useRouter } from '@tanstack/react-router';
import { useState, type MouseEvent } from 'react';
import { formatDateTime } from '../../shared/dates';
import {
  EMAIL_PREFERENCE_LABELS,
  EMAIL_PREFERENCES,
  type EmailPreference,
  type NotificationKind,
  type NotificationView,
} from '../../shared/schema/comment';
import { LoadError, Loading } from '../components/Loading';
import { NoticeBanner, type Notice } from '../components/NoticeBanner';
import { PageToolbar } from '../components/PageToolbar';
import { useEmailPreference, useMarkRead, useNotificationList, useUnreadCount } from '../hooks/useNotifications';
import { apiError } from '../trpc';
import '../components/notifications.css';

const KIND_LABELS: Record<NotificationKind, string> = {
  mention: 'Mention',
  reply: 'Reply',
  answer: 'Answer',
  question: 'Question',
  conflict: 'Conflict',
  signature_requested: 'Signature',
};

/** Only a path of this app is followed: anything else (a stored link gone wrong) opens this page instead. */
function safeLink(link: string): string {
  return /^\/(?!\/)/.test(link) ? link : '/notifications';
}

export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const list = useNotificationList(unreadOnly);
  const unread = useUnreadCount().data?.unread ?? 0;
  const markRead = useMarkRead();

  const markAll = async () => {
    try {
      const { marked } = await markRead.mutateAsync({});
      setNotice({
        kind: 'info',
        text: marked === 1 ? 'Marked 1 notification as read.' : `Marked ${marked.toLocaleString('en-GB')} notifications as read.`,
      });
    } catch (error) {
      setNotice({ kind: 'error', text: `Nothing was marked read: ${apiError(error).message}` });
    }
  };

  return (
    <section>
      <h1>Notifications</h1>
      <PageToolbar label="Notifications actions">
        <button type="button" className="button-secondary" disabled={unread === 0 || markRead.isPending} onClick={() => void markAll()}>
          Mark all as read
        </button>
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread only
        </label>
        <span className="muted" role="status">
          {unread === 0 ? 'No unread notifications' : unread === 1 ? '1 unread' : `${unread.toLocaleString('en-GB')} unread`}
        </span>
      </PageToolbar>
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      {list.error ? (
        <LoadError error={list.error} what="your notifications" />
      ) : !list.data ? (
        <Loading what="your notifications" />
      ) : list.data.length === 0 ? (
        <p>
          {unreadOnly
            ? 'No unread notifications.'
            : 'No notifications yet. You will hear here when someone mentions you, replies in a thread you are in, or answers your question.'}
        </p>
      ) : (
        <ol className="notification-list" aria-label="Your notifications, newest first">
          {list.data.map((n) => (
            <NotificationItem key={n.id} notification={n} onError={(text) => setNotice({ kind: 'error', text })} />
          ))}
        </ol>
      )}
      <EmailPreferenceForm onNotice={setNotice} />
    </section>
  );
}

function NotificationItem({ notification: n, onError }: { notification: NotificationView; onError: (text: string) => void }) {
  const router = useRouter();
  const markRead = useMarkRead();
  const isUnread = n.readAt === null;
  const link = safeLink(n.link);
  const markThis = () =>
    markRead.mutateAsync({ ids: [n.id] }).catch((error: unknown) => onError(`Not marked read: ${apiError(error).message}`));
  // A plain click opens the thread in this page and marks it read; a click to open a new tab still marks it read.
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (isUnread) void markThis();
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    router.history.push(link);
  };
  return (
    <li className={isUnread ? 'notification notification-unread' : 'notification'} data-testid="notification">
      <span className="notification-state">{isUnread ? 'Unread' : 'Read'}</span>
      <a href={link} className="notification-text" onClick={open}>
        {n.text}
      </a>
      <span>
        {isUnread && (
          <button type="button" className="link-button" onClick={() => void markThis()} aria-label={`Mark as read: ${n.text.slice(0, 80)}`}>
            Mark as read
          </button>
        )}
      </span>
      <span className="notification-meta muted">
        {KIND_LABELS[n.kind]}
        {n.actor ? ` from ${n.actor.name}` : ''} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
      </span>
    </li>
  );
}

function EmailPreferenceForm({ onNotice }: { onNotice: (notice: Notice) => void }) {
  const { preference, save } = useEmailPreference();
  const choose = async (email: EmailPreference) => {
    try {
      await save.mutateAsync({ email });
      onNotice({ kind: 'info', text: `Email: ${EMAIL_PREFERENCE_LABELS[email]}.` });
    } catch (error) {
      onNotice({ kind: 'error', text: `Your email choice was not saved: ${apiError(error).message}` });
    }
  };
  return (
    <section className="email-preference" aria-labelledby="email-preference-heading">
      <h2 id="email-preference-heading">Email</h2>
      {preference.error ? (
        <LoadError error={preference.error} what="your email choice" />
      ) : !preference.data ? (
        <Loading what="your email choice" />
      ) : (
        <>
          {!preference.data.sendsEmail && (
            <p className="banner banner-info" data-testid="no-email">
              This server does not send email; notifications are in the app only. Your choice applies once it does.
            </p>
          )}
          <fieldset disabled={save.isPending}>
            <legend>How you hear of notifications by email</legend>
            {EMAIL_PREFERENCES.map((email) => (
              <label key={email}>
                <input
                  type="radio"
                  name="notification-email"
                  value={email}
                  checked={(save.isPending ? save.variables.email : preference.data.email) === email}
                  onChange={() => void choose(email)}
                />
                {EMAIL_PREFERENCE_LABELS[email]}
              </label>
            ))}
          </fieldset>
        </>
      )}
    </section>
  );
}
