// The mail worker (issue "Conversation on the figures"): runs in the server process when BCF_SMTP_URL is set, on its
// own timer and woken by every change (db/change-signal.ts), never inside a request, so email never blocks or fails a
// write. Each pass queues new notifications' mail (outbox.ts) and sends the outbox rows that are due.
// Sending is safe with several workers (processes) on one database: a worker takes a row by setting `lease_until` with
// an UPDATE that succeeds only where no live lease holds and the row is unsent, so exactly one of them reports the row
// updated and sends it. A failure puts the row back with a later `next_attempt_at` (30 s, 1 min, 2 min, ... up to an
// hour) and its error; after MAX_ATTEMPTS it is left, unsent, with the error, and logged. All state is in the tables,
// so a restarted server sends what is due, once; only a crash in the instant between the mail server's acceptance and
// `sent_at` being written can send a mail twice (after the lease runs out), never none.
import { onLocalChange } from '../../db/change-signal';
import type { DB } from '../../db/connection';
import { now as clockNow } from '../clock';
import { silentLogger, type Logger } from '../log';
import { queueMail, type OutboxConfig } from './outbox';
import type { SendMail } from './sender';

/** After this many failed attempts a mail is no longer tried (about 14 hours of retries). */
export const MAX_ATTEMPTS = 20;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** How long a worker holds a row it is sending: longer than the sender's timeouts (sender.ts), so a slow mail server
 * never lets a second worker send the same mail; a worker that died holding it lets it go after this. */
export const LEASE_MS = 5 * 60_000;
/** How many due rows one pass sends. */
const ROWS_PER_PASS = 50;
const ERROR_LENGTH = 1_000;

/** The wait before the next attempt, after `attempts` failed ones: 30 s, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

export interface MailWorkerOptions extends OutboxConfig {
  db: DB;
  send: SendMail;
  /** The clock (server/clock.ts unless a test passes its own). */
  now?: () => Date;
  log?: Logger;
  /** How often it looks for work besides being woken by a change. */
  intervalMs?: number;
}

export interface MailWorker {
  /** One pass now (or, if one is running, wait for it and one more). */
  tick: () => Promise<void>;
  /** Stop the timer and wait for a pass under way to end. */
  stop: () => Promise<void>;
}

let runningWorkers = 0;

/** Whether this server sends email (a mail worker runs in it: BCF_SMTP_URL is set); the notifications page says so. */
export function sendsEmail(): boolean {
  return runningWorkers > 0;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, ERROR_LENGTH);
}

/** Send the outbox rows that are due, each taken under a lease first; returns how many were sent. */
export async function sendDue(db: DB, send: SendMail, now: () => Date, log: Logger = silentLogger): Promise<number> {
  const at = now().toISOString();
  const due = await db
    .selectFrom('mailOutbox')
    .select('id')
    .where('sentAt', 'is', null)
    .where('attempts', '<', MAX_ATTEMPTS)
    .where('nextAttemptAt', '<=', at)
    .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', at)]))
    .orderBy('id')
    .limit(ROWS_PER_PASS)
    .execute();
  let sent = 0;
  for (const { id } of due) {
    if (await sendOne(db, id, send, now, log)) sent += 1;
  }
  return sent;
}

async function sendOne(db: DB, id: number, send: SendMail, now: () => Date, log: Logger): Promise<boolean> {
  const takenAt = now();
  const lease = await db
    .updateTable('mailOutbox')
    .set({ leaseUntil: new Date(takenAt.getTime() + LEASE_MS).toISOString() })
    .where('id', '=', id)
    .where('sentAt', 'is', null)
    .where('attempts', '<', MAX_ATTEMPTS)
    .where('nextAttemptAt', '<=', takenAt.toISOString())
    .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', takenAt.toISOString())]))
    .executeTakeFirst();
  // Another worker holds it, or sent it since we looked.
  if (Number(lease.numUpdatedRows) !== 1) return false;
  const row = await db.selectFrom('mailOutbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  try {
    await send({ to: row.toAddress, subject: row.subject, text: row.bodyText, messageId: row.messageId });
  } catch (error) {
    const attempts = row.attempts + 1;
    const failedAt = now();
    await db
      .updateTable('mailOutbox')
      .set({
        attempts,
        lastError: message(error),
        leaseUntil: null,
        nextAttemptAt: new Date(failedAt.getTime() + retryDelayMs(attempts)).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    const fields = { outboxId: id, attempts, error: message(error) };
    if (attempts >= MAX_ATTEMPTS) log.error('mail not sent: giving up', fields);
    else log.error('mail not sent: will retry', fields);
    return false;
  }
  await db.updateTable('mailOutbox').set({ sentAt: now().toISOString(), leaseUntil: null, lastError: null }).where('id', '=', id).execute();
  log.info('mail sent', { outboxId: id });
  return true;
}

/** Start the worker: a pass at once (what was due before a restart goes now), then on every change and every
 * `intervalMs`. Errors are logged, never thrown: a pass that fails is simply tried again on the next. */
export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const { db, send, publicUrl } = options;
  const now = options.now ?? clockNow;
  const log = options.log ?? silentLogger;
  const intervalMs = options.intervalMs ?? 10_000;
  let current: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let wakeTimer: NodeJS.Timeout | null = null;

  const pass = async () => {
    try {
      await queueMail(db, { publicUrl }, now(), log);
      await sendDue(db, send, now, log);
    } catch (error) {
      log.error('mail pass failed', { error: message(error) });
    }
  };
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !stopped);
      current = null;
    })();
    return current;
  };
  // Woken by a change: a moment later, so a burst of edits makes one pass, not one each.
  const wake = () => {
    if (wakeTimer || stopped) return;
    wakeTimer = setTimeout(() => {
      wakeTimer = null;
      void tick();
    }, 100);
    wakeTimer.unref();
  };
  const unsubscribe = onLocalChange((notice) => {
    if (notice.kind === 'changes') wake();
  });
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  runningWorkers += 1;
  void tick();

  return {
    tick,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      runningWorkers -= 1;
      clearInterval(timer);
      if (wakeTimer) clearTimeout(wakeTimer);
      unsubscribe();
      await current;
    },
  };
}
