// End to end in Chromium: the /national page (issue 8). Its grid loads scheme lines from the server a block at a time,
// a click on a header sorts them on the server, a column filter narrows them there, and the totals by scheme type
// follow the year chosen, which the link keeps; axe-core finds nothing serious on the page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence } from '../../shared/money';
import type { NationalLinesPage, NationalRollup } from '../../shared/national';
import { apiAs, browserAvailable, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';
import { seriousViolations } from '../support/axe';

const run = browserAvailable();

describe.runIf(run)('the national view', () => {
  let server: RunningServer;
  let browser: Browser;
  let lines: NationalLinesPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await apiAs(server.url, 'admin@demo.test');
    lines = await admin.query<NationalLinesPage>('national.lines', { offset: 0, limit: 1000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function nationalPage(): Promise<Page> {
    // bypassCSP: only so the test can inject axe-core; the app's own scripts never need it.
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, server.url, 'admin@demo.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'National' }).click();
    await page.getByRole('heading', { name: 'National view', level: 1 }).waitFor();
    await page.locator('[data-testid="national-grid"] .ag-row[row-index="0"]').waitFor();
    return page;
  }
  const count = (page: Page) => page.getByTestId('national-count').textContent();
  const firstRowId = (page: Page) => page.locator('[data-testid="national-grid"] .ag-row[row-index="0"]').getAttribute('row-id');

  test('shows every line the server has, and sorts by a header on the server', async () => {
    const page = await nationalPage();
    expect(lines.total).toBeGreaterThan(0);
    await expect.poll(() => count(page)).toBe(`${lines.total.toLocaleString('en-GB')} scheme lines match.`);
    expect(await firstRowId(page)).toBe(String(lines.rows[0]?.id));

    const header = page.locator('[data-testid="national-grid"] .ag-header-cell[col-id="plannedPence"] .ag-header-cell-text');
    await header.click();
    const smallest = [...lines.rows].sort((a, b) => a.plannedPence - b.plannedPence || a.id - b.id)[0];
    await expect.poll(() => firstRowId(page)).toBe(String(smallest?.id));
    await header.click();
    const largest = [...lines.rows].sort((a, b) => b.plannedPence - a.plannedPence || b.id - a.id)[0];
    await expect.poll(() => firstRowId(page)).toBe(String(largest?.id));
    await expect
      .poll(() => page.locator('[data-testid="national-grid"] .ag-row[row-index="0"] [col-id="plannedPence"]').textContent())
      .toBe(formatPence(largest?.plannedPence ?? 0));
    await page.context().close();
  });

  test('a column filter narrows the lines on the server', async () => {
    const page = await nationalPage();
    const partnership = lines.rows[0]?.partnership ?? '';
    const expected = lines.rows.filter((r) => r.partnership.toLowerCase().includes(partnership.slice(0, 8).toLowerCase()));
    await page.locator('[data-testid="national-grid"] .ag-header-cell[col-id="partnership"] .ag-header-cell-filter-button').click();
    await page.locator('.ag-filter-body input').first().fill(partnership.slice(0, 8).toUpperCase());
    const shown = expected.length;
    await expect.poll(() => count(page)).toBe(`${shown.toLocaleString('en-GB')} scheme line${shown === 1 ? '' : 's'} match.`);
    const cells = await page.locator('[data-testid="national-grid"] .ag-row [col-id="partnership"]').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.toLowerCase().includes(partnership.slice(0, 8).toLowerCase()))).toBe(true);
    await page.context().close();
  });

  test('the totals by scheme type follow the year chosen, and the link keeps it', async () => {
    const page = await nationalPage();
    const admin = await apiAs(server.url, 'admin@demo.test');
    const year = lines.rows[0]?.financialYear ?? '2025/26';
    const rollup = await admin.query<NationalRollup>('national.rollup', { financialYear: year });
    await page.getByLabel('Year of the totals').selectOption(year);
    const table = page.getByTestId('national-rollup');
    await expect.poll(() => table.locator('caption').textContent()).toContain(year);
    await expect.poll(() => table.locator('tfoot td').nth(1).textContent()).toBe(formatPence(rollup.plannedPence));
    expect(new URL(page.url()).searchParams.get('year')).toBe(year);
    await page.reload();
    await expect.poll(() => page.getByTestId('national-rollup').locator('caption').textContent()).toContain(year);
    // The rollup by BCF year: one row per year held with lines, each named by its label, its planned total exact.
    const byYear = page.getByTestId('national-by-bcf-year');
    for (const [i, y] of rollup.byBcfYear.entries()) {
      await expect.poll(() => byYear.locator('tbody tr').nth(i).locator('td').first().textContent()).toBe(y.label);
      expect(await byYear.locator('tbody tr').nth(i).locator('td').nth(3).textContent()).toBe(formatPence(y.plannedPence));
    }
    expect(rollup.byBcfYear.length).toBeGreaterThan(0);
    await page.locator('[data-testid="national-grid"] .ag-row[row-index="0"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
