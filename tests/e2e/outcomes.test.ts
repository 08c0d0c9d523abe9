// End to end in Chromium (issue 7): the Outcomes page. A finance officer types the missing Q4 actual of a metric in
// the outcomes grid and its status turns from "Data not available" to "On track" (lower is better); a board member
// reads the page, with each scheme's savings per £1 and its evidence, and cannot change anything.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EvidenceItem, Outcome, Metric } from '../../shared/outcome-types';
import type { Fund } from '../../shared/types';
import { formatPerPound } from '../../shared/roi';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('the Outcomes page', () => {
  let server: RunningServer;
  let browser: Browser;
  let fund: Fund;
  let api: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'finance@demo.test');
    fund = (await demoBcfFund(api)).fund;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, server.url, email);
    return page;
  }

  test('typing an actual turns the status from "Data not available" to "On track"', async () => {
    const { metrics, outcomes } = await api.query<{ metrics: Metric[]; outcomes: Outcome[] }>('outcomes.list', { fundId: fund.id });
    const delays = metrics.find((m) => m.code === 'discharge_delay_days');
    const q4 = outcomes.find((o) => o.metricId === delays?.id && o.quarter === 4 && o.schemeId === null);
    if (!q4) throw new Error('no Q4 row');
    const page = await pageAs('finance@demo.test');
    await page.goto(`${server.url}/funds/${fund.id}/outcomes`);
    const status = page.locator(`[row-id="${q4.id}"] [col-id="status"]`).first();
    await expect.poll(() => status.textContent()).toBe('Data not available');
    await page.locator(`[row-id="${q4.id}"] [col-id="actual"]`).first().click();
    await page.keyboard.type('0.9', { delay: 15 });
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe('On track');
    const saved = (await api.query<{ outcomes: Outcome[] }>('outcomes.list', { fundId: fund.id })).outcomes.find((o) => o.id === q4.id);
    expect(saved?.actual).toBe(90);
    // A value the metric cannot hold is marked at the cell and nothing is saved.
    await page.locator(`[row-id="${q4.id}"] [col-id="actual"]`).first().click();
    await page.keyboard.type('-3', { delay: 15 });
    await page.keyboard.press('Enter');
    await page.getByText(/Actual must be a number of 0 or more/).first().waitFor();
    const still = (await api.query<{ outcomes: Outcome[] }>('outcomes.list', { fundId: fund.id })).outcomes.find((o) => o.id === q4.id);
    expect(still?.actual).toBe(90);
  });

  test('a commissioner adds evidence with a range; a range with low above high is refused and nothing is added', async () => {
    const commissioner = await apiAs(server.url, 'commissioner@demo.test');
    const before = await commissioner.query<EvidenceItem[]>('evidence.list');
    const page = await pageAs('commissioner@demo.test');
    await page.goto(`${server.url}/funds/${fund.id}/outcomes`);
    const form = page.getByRole('form', { name: 'Add an evidence item' });
    await form.getByLabel('Claim').fill('Falls service: £2.10 saved per £1 (illustrative test)');
    await form.getByLabel('Value (£)').fill('2.10');
    await form.getByLabel('Low (£, optional)').fill('3.00');
    await form.getByLabel('High (£, optional)').fill('2.50');
    await form.getByLabel('Publication').fill('A local evaluation (test)');
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByText(/Low value must be at most the high value/).first().waitFor();
    expect((await commissioner.query<EvidenceItem[]>('evidence.list')).length).toBe(before.length);

    await form.getByLabel('Low (£, optional)').fill('1.50');
    await form.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByText(/Added the evidence/).waitFor();
    const added = (await commissioner.query<EvidenceItem[]>('evidence.list')).find((e) => e.claim.startsWith('Falls service'));
    expect(added).toMatchObject({ valueKind: 'per_pound', value: 21_000, low: 15_000, high: 25_000 });
    await page.getByTestId('evidence').getByRole('row', { name: /Falls service/ }).waitFor();
  });

  test('a board member reads savings per £1 with the evidence, and the grids are read only', async () => {
    const board = await apiAs(server.url, 'board@demo.test');
    const roi = await board.query<{ schemes: { summary: { name: string; savedPerPoundBp: number | null } }[] }>('roi.fund', { fundId: fund.id });
    const bridging = roi.schemes.find((s) => s.summary.name === 'Bridging service')?.summary;
    const page = await pageAs('board@demo.test');
    await page.goto(`${server.url}/funds/${fund.id}/outcomes`);
    const row = page.getByTestId('scheme-returns').getByRole('row', { name: /Bridging service/ });
    await expect.poll(() => row.textContent()).toContain(formatPerPound(bridging?.savedPerPoundBp ?? 0));
    expect(await row.textContent()).toContain('POPP');
    await page.locator('.ag-row').first().waitFor();
    expect(await page.locator('.ag-cell.cell-input').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add outcome row' }).count()).toBe(0);
  });
});
