// End to end in a real Chromium, with a real SMTP server (the "must show"): a board member asks a question on a
// contribution figure by keyboard (Shift+F2, "Ask as a question"); the council's finance officer, who keeps that row,
// sees it in the header's count and list and receives it by email, with a link to the thread; they follow the link
// and answer; the board member is told of the answer, reads it in the thread and resolves it, and the cell's mark goes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ThreadView } from '../../shared/schema/comment';
import type { Contribution, ContributionListRow, Fund, Organisation } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';
import { freePort, startSmtp, type TestSmtp } from '../support/smtp';

const run = browserAvailable();
/** Waits for a condition with room for a loaded machine (two cores shared with other servers and browsers). */
const poll = <T>(read: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(read, { timeout: 15_000, ...options });
const QUESTION = 'Why is the Q1 actual under plan?';
const ANSWER = 'Two invoices were paid in Q2; the year total is on plan.';

describe.runIf(run)('a board member’s question on a figure, answered', () => {
  let smtp: TestSmtp;
  let server: RunningServer;
  let browser: Browser;
  let board: Page;
  let finance: Page;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let fund: Fund;
  let row: ContributionListRow;

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    server = await startServer({
      PORT: String(port),
      BCF_SMTP_URL: smtp.url,
      BCF_PUBLIC_URL: `http://localhost:${port}`,
      BCF_MAIL_POLL_MS: '200',
    });
    browser = await launchBrowser();
    admin = await apiAs(server.url, 'admin@demo.test');
    ({ fund } = await demoBcfFund(admin));
    const council = (await admin.query<Organisation[]>('orgs.list')).find((o) => o.name === 'Northbridge Borough Council');
    const councilRow = (await admin.query<ContributionListRow[]>('contributions.list', { fundId: fund.id })).find(
      (r) => r.orgId === council?.id,
    );
    if (!councilRow) throw new Error('the demo fund has no contribution of the council');
    row = councilRow;
    const page = async (email: string) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB' });
      const p = await context.newPage();
      await signIn(p, server.url, email);
      return p;
    };
    board = await page('board@demo.test');
    finance = await page('council.finance@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  const cell = (page: Page) => page.locator(`[row-id="${row.id}"] [col-id="actualPence"]`).first();
  const dialog = (page: Page) => page.getByTestId('thread-dialog');
  const unreadLabel = (page: Page) => page.getByTestId('notifications-link').getAttribute('aria-label');
  const thread = async () => (await admin.query<ThreadView[]>('comments.list', { fundId: fund.id }))[0];

  test('the board member asks by keyboard: Shift+F2, the question, "Ask as a question"', async () => {
    await board.goto(`${server.url}/funds/${fund.id}/contributions`);
    await cell(board).click();
    await board.keyboard.press('Shift+F2');
    await dialog(board).waitFor();
    await board.keyboard.type(QUESTION);
    await board.keyboard.press('Tab');
    await poll(() => board.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('checkbox');
    await board.keyboard.press('Space');
    await board.keyboard.press('Tab');
    await board.keyboard.press('Enter');
    await poll(() => dialog(board).getByTestId('thread-status').textContent()).toBe('Question · Open');
    await board.keyboard.press('Escape');
    await poll(() => cell(board).getAttribute('class')).toContain('cell-thread');
    const asked = await thread();
    expect(asked?.isQuestion).toBe(true);
    expect(asked?.target).toEqual({ entity: 'contribution', id: row.id, field: 'actualPence' });
  });

  test('the council’s finance officer sees it in the header and the list, and receives it by email with the link', async () => {
    await finance.goto(`${server.url}/partnerships`);
    await poll(() => unreadLabel(finance), { timeout: 20_000 }).toBe('Notifications, 1 unread');
    await finance.getByTestId('notifications-link').click();
    const item = finance.getByTestId('notification').first();
    await item.waitFor();
    expect(await item.textContent()).toContain(`Bea Board-Member (demo) asked a question on`);
    expect(await item.textContent()).toContain(QUESTION);

    const mail = await smtp.waitFor((m) => m.to.includes('council.finance@demo.test'), 20_000);
    expect(mail.text).toContain(QUESTION);
    const asked = await thread();
    const link = /https?:\/\/\S+/.exec(mail.text)?.[0] ?? '';
    expect(new URL(link).pathname + new URL(link).search).toBe(asked?.link);
    expect(new URL(link).searchParams.get('thread')).toBe(String(asked?.id));
  });

  test('they follow the email’s link to the thread and answer', async () => {
    const mail = await smtp.waitFor((m) => m.to.includes('council.finance@demo.test'));
    const link = /https?:\/\/\S+/.exec(mail.text)?.[0] ?? '';
    await finance.goto(link);
    await dialog(finance).waitFor();
    expect(await dialog(finance).getByTestId('comment-body').first().textContent()).toBe(QUESTION);
    await dialog(finance).getByLabel('Reply').fill(ANSWER);
    await finance.keyboard.press('Control+Enter');
    await poll(() => dialog(finance).getByTestId('comment').count()).toBe(2);
  });

  test('the board member is told of the answer, reads it and resolves the question; the mark goes', async () => {
    // A page opened now reads the count (an open page rereads it on its own every little while).
    await board.goto(`${server.url}/partnerships`);
    await poll(() => unreadLabel(board), { timeout: 20_000 }).toBe('Notifications, 1 unread');
    await board.getByTestId('notifications-link').click();
    const answer = board.getByTestId('notification').filter({ hasText: ANSWER });
    await answer.waitFor();
    expect(await answer.textContent()).toContain(ANSWER);
    await answer.getByRole('link').click();
    await dialog(board).waitFor();
    await poll(() => dialog(board).getByTestId('comment-body').nth(1).textContent()).toBe(ANSWER);
    await dialog(board).getByRole('button', { name: 'Resolve' }).click();
    await poll(() => dialog(board).getByTestId('thread-status').textContent()).toBe('Question · Resolved');
    await board.keyboard.press('Escape');
    await dialog(board).waitFor({ state: 'detached' });
    await poll(() => cell(board).getAttribute('class')).not.toContain('cell-thread');
    expect((await thread())?.status).toBe('resolved');
  });
});
