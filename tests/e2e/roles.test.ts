// End to end in Chromium: what each role can do on the contributions page. A board member reads and finds no way to
// edit; a finance officer edits their own organisation's rows only and sees their name in a cell's history; two
// people editing one cell: the second sees the conflict with the first one's value and chooses.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence } from '../../shared/money';
import type { ContributionListRow, Fund, Organisation } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('roles on the contributions page', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let fund: Fund;
  let councilId: number;
  let icbId: number;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'admin@demo.test');
    ({ fund } = await demoBcfFund(api));
    const orgs = await api.query<Organisation[]>('orgs.list');
    councilId = orgs.find((o) => o.name === 'Northbridge Borough Council')?.id ?? 0;
    icbId = orgs.find((o) => o.name === 'NHS Northbridge and Vale ICB')?.id ?? 0;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  const rowsNow = () => api.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
  const firstRowOf = async (orgId: number) => {
    const row = (await rowsNow()).find((r) => r.orgId === orgId);
    if (!row) throw new Error(`no row for org ${orgId}`);
    return row;
  };

  async function pageAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server.url, email);
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    await page.locator('.ag-row').first().waitFor();
    return page;
  }
  const cell = (page: Page, rowId: number, colId: string) => page.locator(`[row-id="${rowId}"] [col-id="${colId}"]`).first();

  test('a board member sees the figures and finds no way to edit them', async () => {
    const page = await pageAs('board@demo.test');
    const before = await rowsNow();
    const row = before[0];
    if (!row) throw new Error('no rows');
    expect(await cell(page, row.id, 'plannedPence').textContent()).toBe(formatPence(row.plannedPence));
    expect(await page.getByTestId('permission-note').textContent()).toContain(
      'board member: you can read these figures but not change them',
    );
    expect(await page.getByRole('button', { name: 'Add contribution' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    expect(await page.locator('.ag-cell.cell-input').count()).toBe(0);

    // Neither typing, F2, Enter nor a double click opens an editor.
    await cell(page, row.id, 'plannedPence').click();
    await page.keyboard.type('999', { delay: 20 });
    await page.keyboard.press('Enter');
    await page.keyboard.press('F2');
    await cell(page, row.id, 'actualPence').dblclick();
    expect(await page.locator('.money-editor').count()).toBe(0);
    expect(await rowsNow()).toEqual(before);
  });

  test("a council finance officer edits the council's rows, not the ICB's, and sees their name in the cell history", async () => {
    const page = await pageAs('council.finance@demo.test');
    expect(await page.getByTestId('permission-note').textContent()).toContain('You can change the figures of Northbridge Borough Council');
    const icbRow = await firstRowOf(icbId);
    const councilRow = await firstRowOf(councilId);

    expect(await cell(page, icbRow.id, 'plannedPence').getAttribute('class')).toContain('cell-locked');
    await cell(page, icbRow.id, 'plannedPence').click();
    await page.keyboard.type('1', { delay: 20 });
    await page.keyboard.press('Enter');
    expect(await page.locator('.money-editor').count()).toBe(0);
    expect((await firstRowOf(icbId)).plannedPence).toBe(icbRow.plannedPence);

    expect(await cell(page, councilRow.id, 'plannedPence').getAttribute('class')).toContain('cell-input');
    await cell(page, councilRow.id, 'plannedPence').click();
    await page.keyboard.type('2468001.5', { delay: 20 });
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, councilRow.id, 'plannedPence').textContent()).toBe('£2,468,001.50');

    await cell(page, councilRow.id, 'plannedPence').click();
    await page.getByRole('button', { name: 'History of selected cell' }).click();
    const panel = page.getByTestId('history-panel');
    await panel.waitFor();
    await expect.poll(() => panel.textContent()).toContain('Cal Council-Finance (demo)');
    // The name shows in the panel's heading before its list of changes has loaded: wait for the change itself.
    await expect.poll(() => panel.textContent()).toContain(`${formatPence(councilRow.plannedPence)} → £2,468,001.50`);
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('Planned (£)');
    expect(text).toContain(`${formatPence(councilRow.plannedPence)} → £2,468,001.50`);
  });

  test('two people edit one cell: the second sees the first one’s value and name, and chooses', async () => {
    const first = await pageAs('finance@demo.test');
    const second = await pageAs('council.finance@demo.test');
    const row = (await rowsNow()).filter((r) => r.orgId === councilId)[1];
    if (!row) throw new Error('no second council row');

    // The second is typing in the cell when the first saves it: the second's open edit holds the row as it was (the
    // first's value reaches every other grid at once, client/live), so the second's Enter meets the first's save.
    await cell(second, row.id, 'actualPence').click();
    await second.keyboard.type('200', { delay: 20 });
    await cell(first, row.id, 'actualPence').click();
    await first.keyboard.type('100', { delay: 20 });
    await first.keyboard.press('Enter');
    await expect.poll(async () => (await rowsNow()).find((r) => r.id === row.id)?.actualPence).toBe(10_000);

    await second.bringToFront();
    await second.keyboard.press('Enter');
    const dialog = second.getByTestId('conflict-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Fin Officer (demo)');
    expect(await second.getByTestId('conflict-theirs').textContent()).toBe('£100.00');
    expect(await second.getByTestId('conflict-mine').textContent()).toBe('£200.00');
    // Nothing was overwritten while the question is open.
    expect((await rowsNow()).find((r) => r.id === row.id)?.actualPence).toBe(10_000);

    await second.getByRole('button', { name: /Take theirs/ }).click();
    await expect.poll(() => cell(second, row.id, 'actualPence').textContent()).toBe('£100.00');
    expect((await rowsNow()).find((r) => r.id === row.id)?.actualPence).toBe(10_000);

    // Again, and this time the second keeps theirs, knowingly.
    await cell(second, row.id, 'actualPence').click();
    await second.keyboard.type('400', { delay: 20 });
    await first.bringToFront();
    await cell(first, row.id, 'actualPence').click();
    await first.keyboard.type('300', { delay: 20 });
    await first.keyboard.press('Enter');
    await expect.poll(async () => (await rowsNow()).find((r) => r.id === row.id)?.actualPence).toBe(30_000);
    await second.bringToFront();
    await second.keyboard.press('Enter');
    await second.getByTestId('conflict-dialog').waitFor();
    expect(await second.getByTestId('conflict-theirs').textContent()).toBe('£300.00');
    await second.getByRole('button', { name: /Keep mine/ }).click();
    await expect.poll(async () => (await rowsNow()).find((r) => r.id === row.id)?.actualPence).toBe(40_000);
    await expect.poll(() => cell(second, row.id, 'actualPence').textContent()).toBe('£400.00');
  });

  test('a signed-out visitor is sent to sign in and comes back to the page they asked for', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Email').fill('board@demo.test');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('Email or password is incorrect');
    await page.getByLabel('Password').fill('demo-password-for-tests');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.ag-row').first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/funds/${fund.id}/contributions`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(`${server.url}/partnerships`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
