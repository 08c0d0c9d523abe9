// Accessibility in a real Chromium (issue 4, item 8; WCAG 2.2 AA): every page, as the people who use it, passes
// axe-core with no serious or critical violations, and the contributions grid can be edited with the keyboard alone.
// axe is injected from node_modules, so the test needs no network.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toCsv } from '../../shared/csv';
import { quarterLabel } from '../../shared/financial-year';
import { EXPORT_HEADER } from '../../shared/import';
import { formatPence } from '../../shared/money';
import type { ContributionListRow, Fund, Organisation, Partnership } from '../../shared/types';
import { apiAs, browserAvailable, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';
import { seriousViolations } from '../support/axe';

const run = browserAvailable();

describe.runIf(run)('accessibility (axe-core, WCAG 2.2 AA) in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let partnership: Partnership;
  let fund: Fund;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'admin@demo.test');
    const bcf = (await api.query<Partnership[]>('partnerships.list')).find((p) => p.name === 'Northbridge Better Care Fund');
    if (!bcf) throw new Error('demo BCF partnership missing');
    partnership = bcf;
    const found = (await api.query<Fund[]>('funds.list', { partnershipId: bcf.id })).find((f) => f.financialYear === '2025/26');
    if (!found) throw new Error('demo BCF 2025/26 fund missing');
    fund = found;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  /** A fresh page in its own context (own cookies), signed in as `email` unless null. */
  async function pageAs(email: string | null): Promise<Page> {
    // The app's Content-Security-Policy (script-src 'self') rightly refuses an injected script: the test context
    // bypasses it so axe can be added to the page; the app's own scripts run as they always do.
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    if (email) await signIn(page, server.url, email);
    return page;
  }

  async function openFund(page: Page): Promise<void> {
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    await page.locator('.ag-row').first().waitFor();
    await page.locator('.recharts-wrapper').first().waitFor();
  }

  async function expectClean(page: Page, where: string): Promise<void> {
    expect(await seriousViolations(page), where).toEqual([]);
  }

  test('the sign-in page, signed out', async () => {
    const page = await pageAs(null);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').waitFor();
    await expectClean(page, '/login');
  });

  test('the partnerships list and one partnership', async () => {
    const page = await pageAs('finance@demo.test');
    await page.goto(`${server.url}/partnerships`);
    await page.getByRole('heading', { name: 'Northbridge Better Care Fund' }).first().waitFor();
    await expectClean(page, '/partnerships');
    await page.goto(`${server.url}/partnerships/${partnership.id}`);
    await page.getByRole('heading', { name: 'Northbridge Better Care Fund', level: 1 }).waitFor();
    await expectClean(page, `/partnerships/${partnership.id}`);
  });

  test('the contributions page as a finance officer, with a history panel, and with the import dialog', async () => {
    // A row with a recorded change, so its history panel has an entry (old -> new) to check.
    const [, second] = await api.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
    if (!second) throw new Error('too few demo rows');
    await api.mutate('contributions.update', { id: second.id, version: second.version, patch: { note: 'Checked for accessibility' } });
    const page = await pageAs('finance@demo.test');
    await openFund(page);
    await expectClean(page, 'contributions (finance officer)');

    await page
      .locator(`[row-id="${second.id}"] [col-id="actions"]`)
      .getByRole('button', { name: /^History of / })
      .click();
    await page.getByTestId('history-panel').locator('.history-list li').first().waitFor();
    await expectClean(page, 'contributions with the history panel');
    await page.getByTestId('history-panel').getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: /Import contributions/ });
    await dialog.waitFor();
    await expectClean(page, 'the import dialog');

    // With a file read, its columns matched and a preview of a new row, a changed row and a bad row.
    const rows = await api.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
    const orgs = await api.query<Organisation[]>('orgs.list');
    const sources = await api.query<{ code: string; name: string }[]>('sources.list');
    const nameOf = (id: number) => orgs.find((o) => o.id === id)?.name ?? '';
    const sourceOf = (code: string) => sources.find((s) => s.code === code)?.name ?? '';
    const [first] = rows;
    if (!first) throw new Error('no demo rows');
    const csv = toCsv([
      [...EXPORT_HEADER],
      [nameOf(first.orgId), sourceOf(first.source), quarterLabel(first.quarter), '4321.09', '', '', 'changed'],
      ['Nowhere Council', 'Nothing', 'Q9', 'abc', '', '', 'bad'],
    ]);
    await dialog.getByLabel(/Spreadsheet file/).setInputFiles({ name: 'a11y.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByTestId('import-file-summary').waitFor();
    await expectClean(page, 'the import dialog, columns matched');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByTestId('import-counts').waitFor();
    await expectClean(page, 'the import dialog, preview');
  });

  test('the history page and the admin page', async () => {
    const finance = await pageAs('finance@demo.test');
    await finance.goto(`${server.url}/history`);
    await finance.getByRole('heading', { name: /History/, level: 1 }).waitFor();
    await finance.waitForLoadState('networkidle');
    await expectClean(finance, '/history');
    // A date box refusing what was typed, and the other one's calendar open.
    await finance.getByLabel('To (inclusive)').fill('31/02/2026');
    await finance.getByLabel('To (inclusive)').press('Enter');
    await finance.getByText('must be a real date').waitFor();
    await finance.getByRole('button', { name: 'Choose the From date from a calendar' }).click();
    await finance.getByRole('dialog', { name: 'Choose the From date' }).waitFor();
    await expectClean(finance, '/history with a refused date and a calendar open');

    const admin = await pageAs('admin@demo.test');
    await admin.goto(`${server.url}/admin`);
    await admin.getByRole('heading', { level: 1 }).waitFor();
    await admin.waitForLoadState('networkidle');
    await expectClean(admin, '/admin');
  });

  test('the plan page and the splits page, as a commissioner', async () => {
    const page = await pageAs('commissioner@demo.test');
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    await page.locator('.ag-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectClean(page, `/funds/${fund.id}/plan`);
    await page.goto(`${server.url}/funds/${fund.id}/outcomes`);
    await page.getByTestId('scheme-returns').waitFor();
    await page.locator('.ag-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectClean(page, `/funds/${fund.id}/outcomes`);
    await page.goto(`${server.url}/partnerships/${partnership.id}/splits`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectClean(page, `/partnerships/${partnership.id}/splits`);
    // With a scenario open and compared: its grid, partner table, comparison table and chart.
    await page.goto(`${server.url}/partnerships/${partnership.id}/splits?fund=${fund.id}`);
    await page.getByLabel('New scenario').fill('Accessibility check');
    await page.getByRole('button', { name: 'Take scenario' }).click();
    await page.getByTestId('scenario-chart').locator('.recharts-bar path').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectClean(page, `/partnerships/${partnership.id}/splits (scenario open)`);
  });

  test('the partnership page with the board dashboard drawn, as a board member, with every table view open', async () => {
    const page = await pageAs('board@demo.test');
    await page.goto(`${server.url}/partnerships/${partnership.id}`);
    await page.getByTestId('chart-contributions').locator('path.recharts-rectangle').first().waitFor();
    await page.getByTestId('chart-metrics').locator('.recharts-line-curve').first().waitFor();
    await expectClean(page, `/partnerships/${partnership.id} (board dashboard)`);
    await page
      .getByTestId('board-dashboard')
      .locator('details')
      .evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
    await expectClean(page, `/partnerships/${partnership.id} (board dashboard, table views open)`);
  });

  test('the contributions page as a board member (read only)', async () => {
    const page = await pageAs('board@demo.test');
    await openFund(page);
    await expectClean(page, 'contributions (board member)');
  });

  test('keyboard only: Tab into the grid, arrow to a Planned cell, type an amount, Enter saves it', async () => {
    const page = await pageAs('finance@demo.test');
    await openFund(page);
    const rows = await api.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
    const target = rows[0];
    if (!target) throw new Error('no contribution rows');

    // Tab from the top of the page until the focus is on a grid cell (never the mouse).
    await page.locator('body').focus();
    let inCell = false;
    for (let i = 0; i < 80 && !inCell; i++) {
      await page.keyboard.press('Tab');
      inCell = await page.evaluate(() => document.activeElement?.matches('.sheet-grid [role="gridcell"]') === true);
    }
    expect(inCell, 'Tab reaches a grid cell').toBe(true);

    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return {
          col: el?.closest('[col-id]')?.getAttribute('col-id') ?? null,
          row: el?.closest('[row-index]')?.getAttribute('row-index') ?? null,
        };
      });
    // Up to the first row, then right to Planned (£).
    for (let i = 0; i < 5 && (await focused()).row !== '0'; i++) await page.keyboard.press('ArrowUp');
    for (let i = 0; i < 10 && (await focused()).col !== 'plannedPence'; i++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toEqual({ col: 'plannedPence', row: '0' });
    const rowId = await page.evaluate(() => document.activeElement?.closest('[row-id]')?.getAttribute('row-id'));
    expect(rowId).toBe(String(target.id));

    await page.keyboard.type('2468.10', { delay: 20 });
    await page.keyboard.press('Enter');
    await expect
      .poll(
        async () =>
          (await api.query<ContributionListRow[]>('contributions.list', { fundId: fund.id })).find((r) => r.id === target.id)?.plannedPence,
      )
      .toBe(246_810);
    await expect
      .poll(() => page.locator(`[row-id="${target.id}"] [col-id="plannedPence"]`).first().textContent())
      .toBe(formatPence(246_810));
  });
});
