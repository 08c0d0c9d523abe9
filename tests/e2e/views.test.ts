// End to end in Chromium: views of the shared grid. A filter narrows the rows and the pinned totals row follows it;
// a column layout (here, a sort) is saved for the person who made it, survives a reload, and is theirs alone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence } from '../../shared/money';
import type { Contribution, ContributionListRow, Fund, Organisation } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('grid views', () => {
  let server: RunningServer;
  let browser: Browser;
  let fund: Fund;
  let rows: ContributionListRow[];
  let councilId: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await apiAs(server.url, 'admin@demo.test');
    ({ fund } = await demoBcfFund(admin));
    rows = await admin.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
    councilId = (await admin.query<Organisation[]>('orgs.list')).find((o) => o.name === 'Northbridge Borough Council')?.id ?? 0;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, server.url, email);
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    await page.locator('.ag-row').first().waitFor();
    return page;
  }
  const totalPlanned = (page: Page) =>
    page.locator('.ag-floating-bottom [col-id="plannedPence"], [row-id="total"] [col-id="plannedPence"]').first().textContent();
  const firstRowId = (page: Page) => page.locator('.ag-row[row-index="0"]').first().getAttribute('row-id');

  test('a filter narrows the rows and the totals row adds up only the rows shown', async () => {
    const page = await pageAs('finance@demo.test');
    const all = rows.reduce((sum, r) => sum + r.plannedPence, 0);
    await expect.poll(() => totalPlanned(page)).toBe(formatPence(all));

    await page.locator('.ag-header-cell[col-id="orgId"] .ag-header-cell-filter-button').click();
    const input = page.locator('.ag-filter-body input').first();
    await input.fill('borough council');
    const council = rows.filter((r) => r.orgId === councilId).reduce((sum, r) => sum + r.plannedPence, 0);
    await expect.poll(() => totalPlanned(page)).toBe(formatPence(council));
    const icbRow = rows.find((r) => r.orgId !== councilId);
    const councilRow = rows.find((r) => r.orgId === councilId);
    await expect.poll(() => page.locator(`[row-id="${icbRow?.id}"]`).count()).toBe(0);
    expect(await page.locator(`[row-id="${councilRow?.id}"]`).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  test('a sort is saved for the person who made it: it survives a reload, and another person does not get it', async () => {
    const page = await pageAs('finance@demo.test');
    const smallest = [...rows].sort((a, b) => a.plannedPence - b.plannedPence || a.id - b.id)[0];
    await page.locator('.ag-header-cell[col-id="plannedPence"] .ag-header-cell-text').click();
    await expect.poll(() => firstRowId(page)).toBe(String(smallest?.id));
    // The layout is saved a moment after the change; wait for it to reach the server.
    const finance = await apiAs(server.url, 'finance@demo.test');
    await expect
      .poll(async () => JSON.stringify(await finance.query('settings.get', { key: 'layout:contributions-grid' })), { timeout: 5000 })
      .toContain('"sort":"asc"');

    await page.reload();
    await page.locator('.ag-row').first().waitFor();
    await expect.poll(() => firstRowId(page)).toBe(String(smallest?.id));

    const other = await pageAs('board@demo.test');
    expect(await firstRowId(other)).toBe(String(rows[0]?.id));
    await page.context().close();
    await other.context().close();
  });
});
