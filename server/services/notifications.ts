// A person's own notifications (issue "Conversation on the figures"): their list, the unread count, marking read, and
// how they want to hear of them by email. Notifications are NOT audited, on purpose: they are a person's own inbox
// (like their session), written by the change that causes them (db/repositories/notification.repository.ts notify),
// so marking one read is a plain update of one's own rows, with no batch, version or audit event.
// A notification about a partnership the person can no longer see (they left the organisation) is hidden from them,
// as the figure it is about is: visibility of a notification = visibility of what it is on.
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/connection';
import type { Database } from '../../db/schema';
import { NotFoundError } from '../../shared/errors';
import { EMAIL_PREFERENCES, type EmailPreference, type NotificationView } from '../../shared/schema/comment';
import { someNames } from '../../shared/schema/fields';
import { getSetting, putSetting } from './settings';

/** The user setting that holds a person's choice of email (shared/schema/comment.ts EMAIL_PREFERENCES); a key the
 * settings' own rule accepts (lower case), so settings.get reads it too. */
export const EMAIL_PREFERENCE_KEY = 'notifications:email';
/** Until a person chooses, each notification is emailed as it happens (when the server sends email at all). */
export const DEFAULT_EMAIL_PREFERENCE: EmailPreference = 'immediate';

/** Who is reading: their id and the partnerships they can see now (from the session, never from the input). */
export interface Reader {
  userId: number;
  partnershipIds: ReadonlySet<number>;
}

/** A person's own notifications that they may still see: none about a partnership outside their sight. */
function visibleTo(reader: Reader) {
  const partnerships = [...reader.partnershipIds];
  return (eb: ExpressionBuilder<Database, 'notification'>) =>
    eb.and([
      eb('notification.userId', '=', reader.userId),
      partnerships.length
        ? eb.or([eb('notification.partnershipId', 'is', null), eb('notification.partnershipId', 'in', partnerships)])
        : eb('notification.partnershipId', 'is', null),
    ]);
}

/** Newest first, with the name of who caused each. */
export async function listNotifications(
  db: DB,
  reader: Reader,
  input: { unreadOnly: boolean; limit: number },
): Promise<NotificationView[]> {
  let query = db
    .selectFrom('notification')
    .leftJoin('appUser as actor', 'actor.id', 'notification.actorId')
    .select([
      'notification.id',
      'notification.kind',
      'notification.text',
      'notification.link',
      'notification.fundId',
      'notification.threadId',
      'notification.actorId',
      'actor.name as actorName',
      'notification.createdAt',
      'notification.readAt',
    ])
    .where(visibleTo(reader));
  if (input.unreadOnly) query = query.where('notification.readAt', 'is', null);
  const rows = await query.orderBy('notification.id', 'desc').limit(input.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    text: r.text,
    link: r.link,
    fundId: r.fundId,
    threadId: r.threadId,
    actor: r.actorId !== null && r.actorName !== null ? { id: r.actorId, name: r.actorName } : null,
    createdAt: r.createdAt,
    readAt: r.readAt,
  }));
}

export async function unreadCount(db: DB, reader: Reader): Promise<{ unread: number }> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(visibleTo(reader))
    .where('notification.readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return { unread: Number(row.n) };
}

/**
 * Mark the reader's notifications read: those named, or (without ids) all of them. An id that is not one of the
 * reader's own (another person's, or none at all: the same answer, so it reveals nothing) refuses the whole call,
 * naming it, and nothing is marked. Marking one already read again is not an error; `marked` counts those newly read.
 */
export async function markRead(db: DB, reader: Reader, input: { ids?: number[] | undefined }, at: Date): Promise<{ marked: number }> {
  return db.transaction().execute(async (tx) => {
    if (input.ids) {
      const ids = [...new Set(input.ids)];
      if (ids.length === 0) return { marked: 0 };
      const own = await tx.selectFrom('notification').select('id').where(visibleTo(reader)).where('notification.id', 'in', ids).execute();
      const ownIds = new Set(own.map((r) => r.id));
      const missing = ids.filter((id) => !ownIds.has(id));
      if (missing.length) {
        throw new NotFoundError(
          `No notification of yours with id ${someNames(missing.map(String))}: you can mark only your own notifications read; nothing was marked`,
        );
      }
    }
    let update = tx.updateTable('notification').set({ readAt: at.toISOString() }).where(visibleTo(reader)).where('readAt', 'is', null);
    if (input.ids) update = update.where('id', 'in', input.ids);
    const result = await update.executeTakeFirst();
    return { marked: Number(result.numUpdatedRows) };
  });
}

function isEmailPreference(value: unknown): value is EmailPreference {
  return typeof value === 'string' && (EMAIL_PREFERENCES as readonly string[]).includes(value);
}

/** A stored value that is not a preference (written by hand, or by an older version) counts as the default. */
export function emailPreferenceOf(stored: unknown): EmailPreference {
  return isEmailPreference(stored) ? stored : DEFAULT_EMAIL_PREFERENCE;
}

/** The person's choice, and whether this server sends email at all (without BCF_SMTP_URL it does not: in-app only). */
export async function getEmailPreference(
  db: DB,
  userId: number,
  sendsEmail: boolean,
): Promise<{ email: EmailPreference; sendsEmail: boolean }> {
  return { email: emailPreferenceOf(await getSetting(db, userId, EMAIL_PREFERENCE_KEY)), sendsEmail };
}

/** Saved as one of the person's own settings, through the settings' write path (and within their caps). */
export async function setEmailPreference(
  db: DB,
  userId: number,
  email: EmailPreference,
  at: Date,
  sendsEmail: boolean,
): Promise<{ email: EmailPreference; sendsEmail: boolean }> {
  await putSetting(db, userId, EMAIL_PREFERENCE_KEY, JSON.stringify(email), at);
  return { email, sendsEmail };
}
