// End to end in a real Chromium, with a real SMTP server (issue "Conversation on the figures"): notifications written
// into the server's database show as the header's count ("Notifications, 2 unread") and on /notifications, newest
// first, markup in them shown as text; opening one goes to its page and marks it read; "Mark all as read" clears the
// count; the email choice is saved; and with BCF_SMTP_URL set each notification is also emailed, once.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type DB } from '../../db/connection';
import { notify } from '../../db/repositories/notification.repository';
import { seriousViolations } from '../support/axe';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';
import { startSmtp, type TestSmtp } from '../support/smtp';

const run = browserAvailable();

describe.runIf(run)('notifications in Chromium', () => {
  let server: RunningServer;
  let smtp: TestSmtp;
  let db: DB;
  let browser: Browser;
  let page: Page;
  let fundId = 0;

  async function notifyFinance(text: string, link: string): Promise<void> {
    const finance = await db.selectFrom('appUser').select('id').where('email', '=', 'finance@demo.test').executeTakeFirstOrThrow();
    const board = await db.selectFrom('appUser').select('id').where('email', '=', 'board@demo.test').executeTakeFirstOrThrow();
    const fund = await db.selectFrom('fund').select(['id', 'partnershipId']).where('id', '=', fundId).executeTakeFirstOrThrow();
    await db
      .transaction()
      .execute((tx) =>
        notify(
          tx,
          [{ userId: finance.id, kind: 'question', partnershipId: fund.partnershipId, fundId: fund.id, actorId: board.id, text, link }],
          new Date().toISOString(),
        ),
      );
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({ BCF_SMTP_URL: smtp.url, BCF_MAIL_POLL_MS: '200' });
    db = openDatabase(path.join(server.dir, 'bcf.sqlite'));
    fundId = (await demoBcfFund(await apiAs(server.url, 'finance@demo.test'))).fund.id;
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB', bypassCSP: true });
    page = await context.newPage();
    await signIn(page, server.url, 'finance@demo.test');
  });
  afterAll(async () => {
    await browser?.close();
    await db?.destroy();
    await server?.stop();
    await smtp?.close();
  });

  test('the header counts the unread, the page lists them newest first as text, and each is emailed once', async () => {
    await expect.poll(() => page.getByTestId('notifications-link').getAttribute('aria-label')).toBe('Notifications');
    await notifyFinance('Bea asked: why is Q3 actual £12,430 under plan?', `/funds/${fundId}/contributions?thread=1`);
    await notifyFinance('Bea mentioned you: <img src=x onerror=alert(1)> which evidence?', `/funds/${fundId}/outcomes?thread=2`);

    await page.goto(`${server.url}/notifications`);
    await page.getByRole('link', { name: 'Notifications, 2 unread' }).waitFor();
    await expect.poll(() => page.getByTestId('notifications-badge').textContent()).toBe('2');
    // The two of this test (the demo's own past conversation is listed too, read).
    const items = page.getByTestId('notification').filter({ hasText: /Bea (asked: why is Q3|mentioned you)/ });
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).getByRole('link').textContent()).toBe('Bea mentioned you: <img src=x onerror=alert(1)> which evidence?');
    expect(await page.locator('.notification-list img').count()).toBe(0);
    expect(await items.nth(1).textContent()).toContain('Unread');
    expect(await seriousViolations(page)).toEqual([]);

    const first = await smtp.waitFor((m) => m.subject === 'BCF tracker: Bea asked: why is Q3 actual £12,430 under plan?');
    expect(first.to).toEqual(['finance@demo.test']);
    expect(first.text).toContain(`/funds/${fundId}/contributions?thread=1`);
    await smtp.waitFor((m) => m.subject.startsWith('BCF tracker: Bea mentioned you'));
    // The demo's people named to sign its plan get their own mails; finance@ gets exactly these two.
    expect(smtp.messages.filter((m) => m.to.includes('finance@demo.test'))).toHaveLength(2);
  });

  test('opening one goes to its page and marks it read; Mark all as read clears the count', async () => {
    await page.goto(`${server.url}/notifications`);
    await page.getByRole('link', { name: 'Bea asked: why is Q3 actual £12,430 under plan?' }).click();
    await page.waitForURL((url) => url.pathname === `/funds/${fundId}/contributions` && url.searchParams.get('thread') === '1');
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();

    await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    expect(await page.getByTestId('notifications-badge').count()).toBe(0);
    await expect.poll(() => page.getByText('Unread', { exact: true }).count()).toBe(0);
  });

  test('the email choice is a radio group, saved and kept after reload', async () => {
    await page.goto(`${server.url}/notifications`);
    const daily = page.getByRole('radio', { name: 'One email a day with everything new' });
    expect(await page.getByRole('radio', { name: 'Email each notification as it happens' }).isChecked()).toBe(true);
    expect(await page.getByTestId('no-email').count()).toBe(0);
    await daily.check();
    await page.getByRole('status').filter({ hasText: 'Email: One email a day with everything new.' }).waitFor();
    await page.reload();
    await page.getByRole('radio', { name: 'One email a day with everything new' }).waitFor();
    expect(await page.getByRole('radio', { name: 'One email a day with everything new' }).isChecked()).toBe(true);
  });
});
