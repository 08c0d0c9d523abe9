// End to end in a real Chromium against the real server on a temporary database: a finance officer opens the demo
// fund, types amounts with the keyboard, sees them saved and totalled, and sees bad input refused at the cell.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence } from '../../shared/money';
import type { ContributionListRow, Fund } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('contributions page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let fund: Fund;
  let api: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'admin@demo.test');
    ({ fund } = await demoBcfFund(api));
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // A finance officer of every demo partner: may change every row of the demo fund.
    await signIn(page, server.url, 'finance@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rowsNow = () => api.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
  const cell = (rowId: number | string, colId: string) => page.locator(`[row-id="${rowId}"] [col-id="${colId}"]`).first();
  const totalCell = (colId: string) =>
    page.locator(`.ag-floating-bottom [col-id="${colId}"], [row-id="total"] [col-id="${colId}"]`).first();

  async function openFund(): Promise<void> {
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    await page.locator('.ag-row').first().waitFor();
  }

  async function typeInto(rowId: number, colId: string, text: string): Promise<void> {
    await cell(rowId, colId).click();
    await page.keyboard.type(text, { delay: 20 });
    await page.keyboard.press('Enter');
  }

  test('typing a planned amount and pressing Enter saves it, formats it and moves the totals; reload keeps it', async () => {
    await openFund();
    const rows = await rowsNow();
    const target = rows[0];
    if (!target) throw new Error('no contribution rows');
    const plannedTotal = rows.reduce((sum, r) => sum + r.plannedPence, 0);
    await expect.poll(() => totalCell('plannedPence').textContent()).toBe(formatPence(plannedTotal));

    const newPence = 550_012_345; // typed as 5,500,123.45
    await typeInto(target.id, 'plannedPence', '5500123.45');

    await expect.poll(() => cell(target.id, 'plannedPence').textContent()).toBe('£5,500,123.45');
    const expectedTotal = plannedTotal - target.plannedPence + newPence;
    await expect.poll(() => totalCell('plannedPence').textContent()).toBe(formatPence(expectedTotal));
    await expect.poll(() => page.getByTestId('total-planned').textContent()).toBe(formatPence(expectedTotal));
    // The computed variance follows the new plan.
    expect(await cell(target.id, 'variancePence').textContent()).toBe(formatPence(target.actualPence - newPence));

    const saved = (await rowsNow()).find((r) => r.id === target.id);
    expect(saved?.plannedPence).toBe(newPence);
    expect(saved?.version).toBe(target.version + 1);

    await page.reload();
    await page.locator('.ag-row').first().waitFor();
    await expect.poll(() => cell(target.id, 'plannedPence').textContent()).toBe('£5,500,123.45');
    await expect.poll(() => totalCell('plannedPence').textContent()).toBe(formatPence(expectedTotal));
  });

  test('typing abc shows an error at the cell, keeps the old value and saves nothing, also after reload', async () => {
    await openFund();
    const before = await rowsNow();
    const target = before[1];
    if (!target) throw new Error('no second contribution row');
    const oldText = formatPence(target.actualPence);

    await typeInto(target.id, 'actualPence', 'abc');

    const errors = page.getByTestId('grid-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('Actual (£) must be an amount in pounds and pence');
    expect(await errors.textContent()).toContain("'abc'");
    await expect.poll(() => cell(target.id, 'actualPence').getAttribute('class')).toContain('cell-error');
    expect(await cell(target.id, 'actualPence').textContent()).toBe(oldText);

    const after = await rowsNow();
    expect(after).toEqual(before);

    await page.reload();
    await page.locator('.ag-row').first().waitFor();
    await expect.poll(() => cell(target.id, 'actualPence').textContent()).toBe(oldText);
    expect(await rowsNow()).toEqual(before);
  });

  test('a negative amount is refused at the cell with the rule', async () => {
    await openFund();
    const before = await rowsNow();
    const target = before[2];
    if (!target) throw new Error('no third contribution row');
    await typeInto(target.id, 'plannedPence', '-5');
    const errors = page.getByTestId('grid-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('Planned (£) cannot be negative, got -£5.00');
    expect(await rowsNow()).toEqual(before);
  });

  test('add a row, edit it, delete it, and undo the delete', async () => {
    await openFund();
    const before = await rowsNow();
    await page.getByRole('button', { name: 'Add contribution' }).click();
    await expect.poll(async () => (await rowsNow()).length).toBe(before.length + 1);
    const added = (await rowsNow()).find((r) => !before.some((b) => b.id === r.id));
    if (!added) throw new Error('no new row');
    await cell(added.id, 'plannedPence').waitFor();
    await typeInto(added.id, 'plannedPence', '£1,250');
    await expect.poll(() => cell(added.id, 'plannedPence').textContent()).toBe('£1,250.00');

    await cell(added.id, 'actions')
      .getByRole('button', { name: /^Delete / })
      .click();
    await expect.poll(async () => (await rowsNow()).some((r) => r.id === added.id)).toBe(false);
    await expect.poll(() => page.locator(`[row-id="${added.id}"]`).count()).toBe(0);

    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await rowsNow()).find((r) => r.id === added.id)?.plannedPence).toBe(125_000);
    await expect.poll(() => cell(added.id, 'plannedPence').textContent()).toBe('£1,250.00');
  });

  test('the partnerships page lists the demo partnerships and links to a fund', async () => {
    await page.goto(`${server.url}/partnerships`);
    await page.getByRole('heading', { name: 'Northbridge Better Care Fund' }).waitFor();
    expect(await page.getByText('Demo data:').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Better Care Fund 2025/26' }).first().click();
    await page.locator('.ag-row').first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/funds/${fund.id}/contributions`);
  });
});
