// Mail survives a crash (issue "Conversation on the figures", must show): the real server process emails through
// BCF_SMTP_URL where no mail server listens yet, so a notification's mail sits in the outbox, failing; the server is
// killed with SIGKILL; the mail server starts; the server starts again on the same database, and the mail arrives,
// exactly once, with its outbox row marked sent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../db/connection';
import { notify } from '../../db/repositories/notification.repository';
import { startApp, type AppProcess } from '../support/app-process';
import { freePort, startSmtp, type TestSmtp } from '../support/smtp';

let dir: string;
let file: string;
let db: DB | null = null;
let app: AppProcess | null = null;
let smtp: TestSmtp | null = null;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-mail-'));
  file = path.join(dir, 'bcf.sqlite');
});
afterAll(async () => {
  await app?.kill();
  await db?.destroy();
  await smtp?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Wait for a condition read from the database (the server writes it), up to `ms`. */
async function until<T>(what: string, read: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function notifyFinance(database: DB, text: string): Promise<void> {
  const finance = await database.selectFrom('appUser').select('id').where('email', '=', 'finance@demo.test').executeTakeFirstOrThrow();
  await database
    .transaction()
    .execute((tx) =>
      notify(
        tx,
        [{ userId: finance.id, kind: 'question', partnershipId: null, fundId: null, actorId: null, text, link: '/partnerships' }],
        new Date().toISOString(),
      ),
    );
}

describe('a mail in the outbox when the server is killed', () => {
  it('is sent after the restart, exactly once', async () => {
    const port = await freePort();
    const mailEnv = { BCF_SMTP_URL: `smtp://127.0.0.1:${port}`, BCF_MAIL_POLL_MS: '200', BCF_PUBLIC_URL: 'https://bcf.example.org' };
    app = await startApp(file, mailEnv);
    db = openDatabase(file);
    await notifyFinance(db, 'Why is Q3 actual £12,430 under plan?');

    // The worker takes it into the outbox and fails to send it: nobody listens on the port.
    const failing = await until('a failed attempt', async () => {
      // (The demo's people named to sign its plan have mails of their own in the outbox too.)
      const row = await db
        ?.selectFrom('mailOutbox')
        .selectAll()
        .where('toAddress', '=', 'finance@demo.test')
        .where('attempts', '>=', 1)
        .executeTakeFirst();
      return row ?? undefined;
    });
    expect(failing.sentAt).toBeNull();
    expect(failing.lastError).toMatch(/ECONNREFUSED|connect/i);
    app.signal('SIGKILL');
    await app.exited;

    smtp = await startSmtp({ port });
    // Started "an hour later" (BCF_CLOCK), past the retry's backoff, so the mail is due at once.
    app = await startApp(file, { ...mailEnv, BCF_CLOCK: new Date(Date.now() + 3_600_000).toISOString() });
    const mail = await smtp.waitFor((m) => m.subject === 'BCF tracker: Why is Q3 actual £12,430 under plan?');
    expect(mail.to).toEqual(['finance@demo.test']);
    expect(mail.text).toContain('Open it: https://bcf.example.org/partnerships');
    expect(mail.messageId).toBe(failing.messageId);

    // The worker runs on: another notification's mail arrives after, and the first is still there once.
    await notifyFinance(db, 'A later question');
    await smtp.waitFor((m) => m.subject === 'BCF tracker: A later question');
    expect(smtp.messages.filter((m) => m.subject.includes('under plan'))).toHaveLength(1);
    const sent = await db.selectFrom('mailOutbox').selectAll().where('id', '=', failing.id).executeTakeFirstOrThrow();
    expect(sent.sentAt).not.toBeNull();
    expect(sent.attempts).toBe(failing.attempts);
    // The later one is marked sent just after the mail server accepts it.
    await until('every outbox row sent', async () => {
      const unsent = await db?.selectFrom('mailOutbox').select('id').where('sentAt', 'is', null).execute();
      return unsent?.length === 0 ? true : undefined;
    });
    expect(await db.selectFrom('mailOutbox').select('id').where('toAddress', '=', 'finance@demo.test').execute()).toHaveLength(2);
  });
});
