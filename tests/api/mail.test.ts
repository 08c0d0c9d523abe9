// Email of notifications (issue "Conversation on the figures"): the mail worker (server/mail/) against a real SMTP
// server started here and the real migrated database. Each person's choice: a mail each ('immediate', the default),
// one digest a day ('daily', at 07:00 UTC, moving the worker's clock), none ('off'). A mail server refusing (451) is
// retried later and the mail sent once; two workers at once (two connections on PostgreSQL, like two processes; two
// instances on SQLite's one connection) never send a mail twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgresUrl, openDatabase, type DB } from '../../db/connection';
import { notify, type NewNotification } from '../../db/repositories/notification.repository';
import { readEnv } from '../../server/env';
import { digestSlot } from '../../server/mail/outbox';
import { smtpSender } from '../../server/mail/sender';
import { MAX_ATTEMPTS, retryDelayMs, sendDue, startMailWorker, type MailWorker } from '../../server/mail/worker';
import { openTestApi, type TestApi } from '../support/api';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { makeFund, type Fixture } from './fixtures';

const PUBLIC_URL = 'https://bcf.example.org';
let api: TestApi;
let f: Fixture;
let smtp: TestSmtp;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'mail');
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
  await api.close();
});

/** The worker's clock, which each test moves by hand. */
function testClock(start: string) {
  let at = new Date(start);
  return { now: () => at, set: (iso: string) => (at = new Date(iso)), advance: (ms: number) => (at = new Date(at.getTime() + ms)) };
}

function worker(now: () => Date, server: TestSmtp = smtp, db: DB = api.db): MailWorker {
  const sender = smtpSender(server.url, 'BCF tracker <bcf@example.org>');
  // A long interval: the test ticks it by hand, so what is sent is decided by the clock the test sets.
  return startMailWorker({ db, send: sender.send, publicUrl: PUBLIC_URL, now, intervalMs: 3_600_000 });
}

async function person(preference?: 'immediate' | 'daily' | 'off') {
  const made = await api.userWith('finance_officer', [f.councilId]);
  if (preference) await made.caller.notifications.setEmailPreference({ email: preference });
  return made.user;
}

async function notifyAt(userId: number, text: string, at: string, threadId = 7): Promise<void> {
  const item: NewNotification = {
    userId,
    kind: 'mention',
    partnershipId: f.partnershipId,
    fundId: f.fundId,
    actorId: api.admin.id,
    text,
    link: `/funds/${f.fundId}/contributions?thread=${threadId}`,
  };
  await api.db.transaction().execute((tx) => notify(tx, [item], at));
}

const mailsTo = (email: string, server: TestSmtp = smtp): ReceivedMail[] => server.messages.filter((m) => m.to.includes(email));

describe('immediate', () => {
  it('send one mail per notification, with its text, the absolute link and how to change the preference', async () => {
    const clock = testClock('2026-12-07T10:00:00.000Z');
    const ann = await person();
    await notifyAt(
      ann.id,
      'Test admin mentioned you on Q2 Planned (£) of Testshire Council: "why is it under plan?"',
      clock.now().toISOString(),
    );
    const w = worker(clock.now);
    try {
      await w.tick();
      const mail = await smtp.waitFor((m) => m.to.includes(ann.email));
      expect(mail.subject).toBe('BCF tracker: Test admin mentioned you on Q2 Planned (£) of Testshire Council: "why…');
      expect(mail.from).toContain('bcf@example.org');
      expect(mail.text).toContain('Test admin mentioned you on Q2 Planned (£) of Testshire Council: "why is it under plan?"');
      expect(mail.text).toContain(`Open it: ${PUBLIC_URL}/funds/${f.fundId}/contributions?thread=7`);
      expect(mail.text).toContain(`choose "Email" on ${PUBLIC_URL}/notifications`);

      const row = await api.db.selectFrom('mailOutbox').selectAll().where('userId', '=', ann.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        toAddress: ann.email,
        attempts: 0,
        sentAt: clock.now().toISOString(),
        lastError: null,
        leaseUntil: null,
      });
      expect(mail.messageId).toBe(row.messageId);
      const marked = await api.db.selectFrom('notification').select('emailedAt').where('userId', '=', ann.id).execute();
      expect(marked).toEqual([{ emailedAt: clock.now().toISOString() }]);

      // Another pass sends nothing again.
      await w.tick();
      expect(mailsTo(ann.email)).toHaveLength(1);
    } finally {
      await w.stop();
    }
  });
});

describe('daily', () => {
  it('send one digest a day at 07:00 UTC listing everything new since the last, and nothing between', async () => {
    const clock = testClock('2026-12-08T06:00:00.000Z');
    const bea = await person('daily');
    await notifyAt(bea.id, 'First of the day before', '2026-12-07T10:00:00.000Z', 1);
    await notifyAt(bea.id, 'Second, early this morning', '2026-12-08T05:00:00.000Z', 2);
    const w = worker(clock.now);
    try {
      await w.tick();
      expect(mailsTo(bea.email)).toHaveLength(0);

      clock.set('2026-12-08T07:00:05.000Z');
      await w.tick();
      const digests = mailsTo(bea.email);
      expect(digests).toHaveLength(1);
      expect(digests[0]?.subject).toBe('BCF tracker: 2 new notifications since your last daily email');
      expect(digests[0]?.text).toContain('First of the day before');
      expect(digests[0]?.text).toContain('Second, early this morning');
      expect(digests[0]?.text).toContain(`${PUBLIC_URL}/funds/${f.fundId}/contributions?thread=2`);
      expect(digests[0]?.text).toContain('You receive one email a day');

      // Later that day: something new waits for tomorrow's digest, however often the worker runs.
      await notifyAt(bea.id, 'Third, after the digest', '2026-12-08T08:00:00.000Z', 3);
      clock.set('2026-12-08T12:00:00.000Z');
      await w.tick();
      clock.set('2026-12-09T06:59:59.000Z');
      await w.tick();
      expect(mailsTo(bea.email)).toHaveLength(1);

      clock.set('2026-12-09T07:01:00.000Z');
      await w.tick();
      await w.tick();
      const [, second] = mailsTo(bea.email);
      expect(mailsTo(bea.email)).toHaveLength(2);
      expect(second?.subject).toBe('BCF tracker: 1 new notification since your last daily email');
      expect(second?.text).toContain('Third, after the digest');
      expect(second?.text).not.toContain('First of the day before');
    } finally {
      await w.stop();
    }
  });

  it('have their hour at 07:00 UTC: before it, the day before’s', () => {
    expect(digestSlot(new Date('2026-12-08T06:59:59.999Z')).toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(digestSlot(new Date('2026-12-08T07:00:00.000Z')).toISOString()).toBe('2026-12-08T07:00:00.000Z');
    expect(digestSlot(new Date('2027-01-01T03:00:00.000Z')).toISOString()).toBe('2026-12-31T07:00:00.000Z');
  });
});

describe('off', () => {
  it('send nothing, and mark the notifications done so they are never mailed later', async () => {
    const clock = testClock('2026-12-10T09:00:00.000Z');
    const cal = await person('off');
    const dee = await person();
    await notifyAt(cal.id, 'Cal would not be emailed', clock.now().toISOString());
    const w = worker(clock.now);
    try {
      await w.tick();
      // A mail to someone else in the same pass, so the pass has certainly run past Cal's.
      await notifyAt(dee.id, 'Dee is emailed', clock.now().toISOString());
      await w.tick();
      await smtp.waitFor((m) => m.to.includes(dee.email));
      expect(mailsTo(cal.email)).toHaveLength(0);
      expect(await api.db.selectFrom('mailOutbox').select('id').where('userId', '=', cal.id).execute()).toEqual([]);
      const marked = await api.db.selectFrom('notification').select('emailedAt').where('userId', '=', cal.id).executeTakeFirstOrThrow();
      expect(marked.emailedAt).toBe(clock.now().toISOString());

      // Choosing email later does not send the old ones.
      const calCaller = api.as(cal);
      await calCaller.notifications.setEmailPreference({ email: 'immediate' });
      await w.tick();
      expect(mailsTo(cal.email)).toHaveLength(0);
    } finally {
      await w.stop();
    }
  });

  it('are not sent for a notification already read in the app before its mail was due', async () => {
    const clock = testClock('2026-12-10T10:00:00.000Z');
    const eve = await person('immediate');
    await notifyAt(eve.id, 'Eve read this in the app', clock.now().toISOString());
    await api.as(eve).notifications.markRead({});
    await notifyAt(eve.id, 'Eve has not read this', clock.now().toISOString());
    const w = worker(clock.now);
    try {
      await w.tick();
      await smtp.waitFor((m) => m.to.includes(eve.email));
      expect(mailsTo(eve.email).map((m) => m.text)).toEqual([expect.stringContaining('Eve has not read this')]);
      const left = await api.db
        .selectFrom('notification')
        .select('id')
        .where('userId', '=', eve.id)
        .where('emailedAt', 'is', null)
        .execute();
      expect(left).toEqual([]);
    } finally {
      await w.stop();
    }
  });
});

describe('a mail server that refuses', () => {
  it('is retried with backoff (30 s, then doubling, at most an hour) and the mail sent once', async () => {
    const busy = await startSmtp({ refuseFirst: 1 });
    const clock = testClock('2026-12-11T09:00:00.000Z');
    const eli = await person();
    await notifyAt(eli.id, 'Eli, after one refusal', clock.now().toISOString());
    const w = worker(clock.now, busy);
    try {
      await w.tick();
      expect(busy.refused()).toBe(1);
      const failed = await api.db.selectFrom('mailOutbox').selectAll().where('userId', '=', eli.id).executeTakeFirstOrThrow();
      expect(failed).toMatchObject({ attempts: 1, sentAt: null, leaseUntil: null, nextAttemptAt: '2026-12-11T09:00:30.000Z' });
      expect(failed.lastError).toContain('451');

      // Not yet due: nothing is tried.
      clock.advance(29_000);
      await w.tick();
      expect(busy.refused()).toBe(1);
      expect(busy.messages).toHaveLength(0);

      clock.advance(1_000);
      await w.tick();
      const mail = await busy.waitFor((m) => m.to.includes(eli.email));
      expect(mail.messageId).toBe(failed.messageId);
      const sent = await api.db.selectFrom('mailOutbox').selectAll().where('userId', '=', eli.id).executeTakeFirstOrThrow();
      expect(sent).toMatchObject({ attempts: 1, sentAt: '2026-12-11T09:00:30.000Z', lastError: null });

      clock.advance(3_600_000);
      await w.tick();
      expect(mailsTo(eli.email, busy)).toHaveLength(1);
    } finally {
      await w.stop();
      await busy.close();
    }
  });

  it('waits 30 s, 1 min, 2 min ... at most an hour, and gives up after the last attempt, keeping the error', async () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000]);

    const clock = testClock('2026-12-12T09:00:00.000Z');
    const fay = await person();
    await notifyAt(fay.id, 'Fay, never delivered', clock.now().toISOString());
    const refusing = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    };
    const w = startMailWorker({ db: api.db, send: refusing, publicUrl: PUBLIC_URL, now: clock.now, intervalMs: 3_600_000 });
    try {
      await w.tick();
      const row = await api.db.selectFrom('mailOutbox').select(['id', 'attempts']).where('userId', '=', fay.id).executeTakeFirstOrThrow();
      await api.db
        .updateTable('mailOutbox')
        .set({ attempts: MAX_ATTEMPTS - 1 })
        .where('id', '=', row.id)
        .execute();
      clock.advance(3_600_000);
      await w.tick();
      const last = await api.db.selectFrom('mailOutbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(last).toMatchObject({ attempts: MAX_ATTEMPTS, sentAt: null, lastError: 'connect ECONNREFUSED 127.0.0.1:1' });
      clock.advance(24 * 3_600_000);
      let tried = false;
      expect(
        await sendDue(
          api.db,
          async () => {
            tried = true;
          },
          clock.now,
        ),
      ).toBe(0);
      expect(tried).toBe(false);
    } finally {
      await w.stop();
    }
  });
});

describe('two workers at once', () => {
  it('never send a mail twice', async () => {
    const many = await startSmtp();
    const clock = testClock('2026-12-13T09:00:00.000Z');
    const people = await Promise.all([person(), person(), person()]);
    const texts: string[] = [];
    for (let i = 0; i < 12; i++) {
      const who = people[i % people.length];
      if (!who) throw new Error('no person');
      texts.push(`Race ${i}`);
      await notifyAt(who.id, `Race ${i}`, clock.now().toISOString());
    }
    // On PostgreSQL, a second pool of connections: as a second server process would be. On SQLite (one writer, one
    // connection per process) two workers on the same connection.
    const second = isPostgresUrl(api.file) ? openDatabase(api.file) : api.db;
    const a = worker(clock.now, many);
    const b = worker(clock.now, many, second);
    try {
      for (let round = 0; round < 5; round++) await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      for (const text of texts) await many.waitFor((m) => m.subject === `BCF tracker: ${text}`);
      const subjects = many.messages.map((m) => m.subject).sort();
      expect(subjects).toEqual(texts.map((t) => `BCF tracker: ${t}`).sort());
      expect(new Set(many.messages.map((m) => m.messageId)).size).toBe(texts.length);
    } finally {
      await a.stop();
      await b.stop();
      if (second !== api.db) await second.destroy();
      await many.close();
    }
  });
});

describe('the mail settings of the environment', () => {
  it('are checked at start-up: an SMTP URL, an http(s) public URL; without BCF_SMTP_URL no email', () => {
    expect(readEnv({}).BCF_SMTP_URL).toBeUndefined();
    expect(readEnv({}).BCF_MAIL_FROM).toBe('BCF tracker <bcf-tracker@localhost>');
    expect(readEnv({ BCF_SMTP_URL: 'smtps://user:secret@mail.example.org:465' }).BCF_SMTP_URL).toBe(
      'smtps://user:secret@mail.example.org:465',
    );
    expect(() => readEnv({ BCF_SMTP_URL: 'mail.example.org' })).toThrow(/BCF_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => readEnv({ BCF_PUBLIC_URL: 'bcf.example.org' })).toThrow(/BCF_PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/);
    expect(() => readEnv({ BCF_MAIL_POLL_MS: '0' })).toThrow(/BCF_MAIL_POLL_MS/);
  });
});
