// End to end in a real Chromium: the demo's Northbridge partnership (funds for 2025/26 and 2026/27) shows its years
// side by side: each year's pooled planned total, by stream and by partner, equal to the funds' own contributions to
// the penny, with the change from 2025/26 in £ and % (one decimal) and a chart with one series per year.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence, parsePounds } from '../../shared/money';
import { changeBetween, perMilleText } from '../../shared/partnership-years';
import type { ContributionListRow } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('years side by side on the partnership page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a board member reads each year’s planned total and the change from the year before, by stream and by partner', async () => {
    const api = await apiAs(server.url, 'board@demo.test');
    const { partnership, fund: thisYear } = await demoBcfFund(api, '2025/26');
    const { fund: nextYear } = await demoBcfFund(api, '2026/27');
    const plannedOf = async (fundId: number) =>
      (await api.query<ContributionListRow[]>('contributions.list', { fundId })).reduce((sum, c) => sum + c.plannedPence, 0);
    const [before, after] = [await plannedOf(thisYear.id), await plannedOf(nextYear.id)];

    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, server.url, 'board@demo.test');
    await page.goto(`${server.url}/partnerships/${partnership.id}`);
    const section = page.getByTestId('partnership-years');
    await section.getByRole('heading', { name: 'Years side by side' }).waitFor();
    expect(await section.getByTestId('years-nothing-to-compare').count()).toBe(0);

    for (const testId of ['years-by-stream', 'years-by-partner']) {
      const table = section.getByTestId(testId);
      const headings = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
      expect(headings[1]).toMatch(/^2025\/26 \(BCF .+\)$/);
      expect(headings[2]).toMatch(/^2026\/27 \(BCF .+\)$/);
      expect(headings.slice(3)).toEqual(['Change from 2025/26 (£)', 'Change (%)']);
      const total = (await table.locator('tr.total-row td').allInnerTexts()).map((t) => t.trim());
      const change = changeBetween(before, after);
      expect(total).toEqual([formatPence(before), formatPence(after), formatPence(change.pence), perMilleText(change.perMille)]);
      // Every row's change is its own two figures' difference.
      for (const row of await table.locator('tbody tr').all()) {
        const [a = '', b = '', delta = ''] = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
        const pence = (text: string) => {
          const parsed = parsePounds(text);
          if (!parsed.ok) throw new Error(`not an amount: ${text}`);
          return parsed.pence;
        };
        expect(pence(b) - pence(a)).toBe(pence(delta));
      }
    }

    // The chart draws one series per year, named by the financial year.
    const chart = section.getByTestId('chart-years');
    const legend = (await chart.locator('.chart-legend li').allInnerTexts()).map((t) => t.trim());
    expect(legend).toEqual(['2025/26', '2026/27']);
  });
});
