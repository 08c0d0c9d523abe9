// What to email, from notifications not yet emailed (issue "Conversation on the figures"): one mail each for a person
// who chose 'immediate', one digest a day for 'daily', none for 'off'. Each person's mails are queued in ONE
// transaction with the `emailed_at` marks of the notifications they carry, so a notification is queued exactly once,
// whatever crashes or how many server processes run (on PostgreSQL a per-person advisory lock serialises them; SQLite
// has one writer). The worker (worker.ts) then sends the outbox rows.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { dialectOf, type DB } from '../../db/connection';
import type { Tx } from '../../db/unit-of-work';
import type { EmailPreference } from '../../shared/schema/comment';
import { formatDateTime } from '../../shared/dates';
import { silentLogger, type Logger } from '../log';
import { EMAIL_PREFERENCE_KEY, emailPreferenceOf } from '../services/notifications';
import { visiblePartnershipIds } from '../policy';

/** The daily digest goes out at this hour, UTC (07:00: before the working day, in winter and summer alike). */
export const DIGEST_HOUR_UTC = 7;
/** At most this many people's notifications are queued in one pass, and this many notifications a person: a backlog
 * is worked through pass by pass rather than in one long transaction. */
const PEOPLE_PER_PASS = 100;
const NOTIFICATIONS_PER_MAIL = 200;
/** The first number of the PostgreSQL advisory locks held while queueing one person's mail (the second is their id). */
const QUEUE_LOCK = 17_0001;
/** Subjects are cut to this many characters of the notification's text. */
const SUBJECT_TEXT_LENGTH = 70;

export interface OutboxConfig {
  /** Where the app is reached from a mail (BCF_PUBLIC_URL): links are this plus the notification's link. */
  publicUrl: string;
}

/** The most recent digest hour at or before `now`: a daily person's digest covers what came before it. */
export function digestSlot(now: Date): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
  if (slot.getTime() > now.getTime()) slot.setUTCDate(slot.getUTCDate() - 1);
  return slot;
}

function oneLine(text: string, most: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > most ? `${flat.slice(0, most - 1)}…` : flat;
}

function absolute(config: OutboxConfig, link: string): string {
  return new URL(link, config.publicUrl).toString();
}

function messageId(config: OutboxConfig, what: string): string {
  return `<bcf.${what}.${randomUUID()}@${new URL(config.publicUrl).hostname || 'localhost'}>`;
}

function preferenceLine(config: OutboxConfig, preference: EmailPreference): string {
  const how = preference === 'daily' ? 'one email a day with everything new' : 'an email for each notification';
  return `You receive ${how}. To change this (each as it happens, once a day, or none), choose "Email" on ${absolute(config, '/notifications')}`;
}

interface Pending {
  id: number;
  text: string;
  link: string;
  partnershipId: number | null;
  createdAt: string;
}

export function immediateMail(config: OutboxConfig, n: Pending): { subject: string; text: string } {
  return {
    subject: `BCF tracker: ${oneLine(n.text, SUBJECT_TEXT_LENGTH)}`,
    text: `${n.text}\n\nOpen it: ${absolute(config, n.link)}\n\n--\n${preferenceLine(config, 'immediate')}\n`,
  };
}

export function digestMail(config: OutboxConfig, items: readonly Pending[]): { subject: string; text: string } {
  const count = items.length === 1 ? '1 new notification' : `${items.length.toLocaleString('en-GB')} new notifications`;
  const lines = items.map((n) => `- ${formatDateTime(n.createdAt)}: ${n.text}\n  ${absolute(config, n.link)}`);
  return {
    subject: `BCF tracker: ${count} since your last daily email`,
    text: `${count} in the BCF tracker since your last daily email:\n\n${lines.join('\n\n')}\n\n--\n${preferenceLine(config, 'daily')}\n`,
  };
}

/** Queue the mail of every person with notifications not yet emailed; returns how many mails were queued. One
 * person's failure (logged) leaves their notifications for the next pass and does not hold up anyone else's. */
export async function queueMail(db: DB, config: OutboxConfig, now: Date, log: Logger = silentLogger): Promise<number> {
  const people = await db
    .selectFrom('notification')
    .select('userId')
    .where('emailedAt', 'is', null)
    .groupBy('userId')
    .orderBy('userId')
    .limit(PEOPLE_PER_PASS)
    .execute();
  let queued = 0;
  for (const { userId } of people) {
    try {
      queued += await db.transaction().execute((tx) => queueForPerson(tx, userId, config, now));
    } catch (error) {
      log.error('mail not queued', { userId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return queued;
}

async function queueForPerson(tx: Tx, userId: number, config: OutboxConfig, now: Date): Promise<number> {
  if (dialectOf(tx) === 'postgres') await sql`select pg_advisory_xact_lock(${QUEUE_LOCK}, ${userId})`.execute(tx);
  const person = await tx
    .selectFrom('appUser')
    .select(['id', 'name', 'email', 'role', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!person) return 0;
  const setting = await tx
    .selectFrom('userSetting')
    .select('value')
    .where('userId', '=', userId)
    .where('key', '=', EMAIL_PREFERENCE_KEY)
    .executeTakeFirst();
  const preference = emailPreferenceOf(setting ? (JSON.parse(setting.value) as unknown) : null);
  const slot = digestSlot(now);

  let pendingQuery = tx
    .selectFrom('notification')
    .select(['id', 'text', 'link', 'partnershipId', 'createdAt', 'readAt'])
    .where('userId', '=', userId)
    .where('emailedAt', 'is', null);
  // A daily digest lists what came before the digest hour; what comes after waits for tomorrow's.
  if (preference === 'daily') pendingQuery = pendingQuery.where('createdAt', '<', slot.toISOString());
  const pending = await pendingQuery.orderBy('id').limit(NOTIFICATIONS_PER_MAIL).execute();
  if (pending.length === 0) return 0;
  if (preference === 'daily' && (await hasDigestSince(tx, userId, slot))) return 0;

  const taken = await tx
    .updateTable('notification')
    .set({ emailedAt: now.toISOString() })
    .where(
      'id',
      'in',
      pending.map((n) => n.id),
    )
    .where('emailedAt', 'is', null)
    .executeTakeFirst();
  // Someone else took them meanwhile (only possible without the lock): leave it to them.
  if (Number(taken.numUpdatedRows) !== pending.length) throw new Error(`notifications of user ${userId} were taken by another sender`);
  if (preference === 'off' || person.disabled) return 0;

  // Only what the person may still see: a notification about a partnership they have left is not mailed.
  const orgIds = (await tx.selectFrom('userOrg').select('orgId').where('userId', '=', userId).execute()).map((r) => r.orgId);
  const visible = await visiblePartnershipIds(tx, { id: person.id, name: person.name, email: person.email, role: person.role, orgIds });
  // Nor one already read in the app before its mail was due: the person has seen it.
  const mailable = pending.filter((n) => n.readAt === null && (n.partnershipId === null || visible.has(n.partnershipId)));
  if (mailable.length === 0) return 0;

  const at = now.toISOString();
  const row = (what: string, mail: { subject: string; text: string }) => ({
    userId,
    toAddress: person.email,
    subject: mail.subject,
    bodyText: mail.text,
    messageId: messageId(config, what),
    createdAt: at,
    nextAttemptAt: at,
  });
  const rows =
    preference === 'daily'
      ? [row(`digest.${userId}.${slot.toISOString().slice(0, 10)}`, digestMail(config, mailable))]
      : mailable.map((n) => row(`n${n.id}`, immediateMail(config, n)));
  await tx.insertInto('mailOutbox').values(rows).execute();
  return rows.length;
}

/** Whether this person's digest for the day of `slot` is already queued (its Message-ID names the person and day). */
async function hasDigestSince(tx: Tx, userId: number, slot: Date): Promise<boolean> {
  const found = await tx
    .selectFrom('mailOutbox')
    .select('id')
    .where('userId', '=', userId)
    .where('messageId', 'like', `<bcf.digest.${userId}.%`)
    .where('createdAt', '>=', slot.toISOString())
    .executeTakeFirst();
  return found !== undefined;
}
