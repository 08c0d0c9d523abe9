// Each person's notifications (issue "Conversation on the figures"): written by the change that causes them, in its
// own transaction, so a notification exists exactly when its cause does. Not audited: a person's own inbox, like their
// session. The mail outbox (server/mail/) takes unemailed ones for those who want email.
import type { NotificationKind } from '../../shared/schema/comment';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  partnershipId: number | null;
  fundId: number | null;
  threadId?: number | null;
  commentId?: number | null;
  /** Who caused it; never notified of their own doing. */
  actorId: number | null;
  text: string;
  link: string;
}

/** The order in which one cause's notifications to one person win: a person mentioned in an answer to their own
 * question hears of it once, as the answer. */
const PRECEDENCE: readonly NotificationKind[] = ['answer', 'question', 'mention', 'reply', 'conflict', 'signature_requested'];

/**
 * Write notifications, at most one per person per call (the most specific kind wins), never to the person who caused
 * them. Call it inside the transaction of the change it is about.
 */
export async function notify(tx: Tx | DB, items: readonly NewNotification[], at: string): Promise<number> {
  const byUser = new Map<number, NewNotification>();
  for (const item of items) {
    if (item.actorId !== null && item.userId === item.actorId) continue;
    const known = byUser.get(item.userId);
    if (!known || PRECEDENCE.indexOf(item.kind) < PRECEDENCE.indexOf(known.kind)) byUser.set(item.userId, item);
  }
  const rows = [...byUser.values()].map((n) => ({
    userId: n.userId,
    kind: n.kind,
    partnershipId: n.partnershipId,
    fundId: n.fundId,
    threadId: n.threadId ?? null,
    commentId: n.commentId ?? null,
    actorId: n.actorId,
    text: n.text,
    link: n.link,
    createdAt: at,
    readAt: null,
    emailedAt: null,
  }));
  if (rows.length) await tx.insertInto('notification').values(rows).execute();
  return rows.length;
}
