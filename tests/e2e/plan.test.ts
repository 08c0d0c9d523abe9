// End to end in Chromium: the expenditure plan. A new scheme's missing fields show red in the checklist; "Go to cell"
// focuses the cell to fill; filling the fields in the grid turns the checklist green for that scheme.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatBasisPoints, formatPence } from '../../shared/money';
import { spendVariance } from '../../shared/plan-variance';
import type { Fund } from '../../shared/types';
import type { FundPlan, ReferenceItem } from '../../shared/plan-types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('the plan page', () => {
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
    page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
    await signIn(page, server.url, 'commissioner@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const plan = () => api.query<FundPlan>('schemes.plan', { fundId: fund.id });
  const check = (id: string) => page.locator(`[data-check="${id}"]`);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return `${el?.closest('[row-id]')?.getAttribute('row-id')}/${el?.closest('[col-id]')?.getAttribute('col-id')}`;
    });
  async function pasteIntoFocused(text: string): Promise<void> {
    await page.evaluate((data) => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', data);
      (document.activeElement ?? document.body).dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  test('the checklist turns green as a new scheme’s missing fields are filled in the grid; a red item focuses its cell', async () => {
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    await page.locator('.ag-row').first().waitFor();
    const before = await plan();
    await page.getByRole('button', { name: 'Add scheme' }).click();
    await expect.poll(async () => (await plan()).schemes.length).toBe(before.schemes.length + 1);
    const added = (await plan()).schemes.find((s) => !before.schemes.some((b) => b.id === s.id));
    if (!added) throw new Error('no new scheme');

    // Red: the new scheme's scheme type is missing, and its "Go to cell" puts the focus on that very cell.
    await check(`required:${added.id}:schemeType`).waitFor();
    expect(await check(`required:${added.id}:schemeType`).textContent()).toContain('No');
    expect(await page.getByTestId('checklist-status').textContent()).toContain('Not complete');
    await check(`required:${added.id}:schemeType`).getByRole('button', { name: 'Go to cell' }).click();
    await expect.poll(focused).toBe(`${added.id}/schemeType`);

    // Fill each missing field where the checklist sends us, by pasting a value as from Excel.
    const reference: ReferenceItem[] = before.reference;
    const type = reference.find(
      (r) => r.list === 'scheme_type' && reference.some((s) => s.list === 'sub_type' && s.parentCode === r.code && s.code !== 'other'),
    );
    const subType = reference.find((r) => r.list === 'sub_type' && r.parentCode === type?.code && r.code !== 'other');
    const nameOf = (list: string, code?: string) =>
      reference.find((r) => r.list === list && (code === undefined || r.code === code))?.name ?? '';
    const values: Record<string, string> = {
      schemeType: type?.name ?? '',
      subType: subType?.name ?? '',
      areaOfSpend: nameOf('area_of_spend', 'social_care'),
      commissioner: nameOf('commissioner', 'la'),
      providerType: nameOf('provider_type'),
      fundingSource: 'Local Authority Better Care Grant',
    };
    for (const [field, value] of Object.entries(values)) {
      const item = check(`required:${added.id}:${field}`);
      await item.getByRole('button', { name: 'Go to cell' }).click();
      await expect.poll(focused).toBe(`${added.id}/${field}`);
      await pasteIntoFocused(value);
      await expect.poll(() => item.count()).toBe(0);
    }
    // Green: one line says every required field of the new scheme is filled in.
    await expect.poll(() => check(`required:${added.id}`).textContent()).toContain('Yes');
    const saved = (await plan()).schemes.find((s) => s.id === added.id);
    expect(saved?.schemeType).toBe(type?.code);
    expect(saved?.fundingSource).toBe('la_better_care_grant');
  });

  test('typing one share of a joint scheme fills in the other, so they always add up to 100%', async () => {
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    await page.locator('.ag-row').first().waitFor();
    const joint = (await plan()).schemes.find((s) => s.commissioner === 'joint');
    if (!joint) throw new Error('no joint scheme in the demo plan');
    await page.locator(`[row-id="${joint.id}"] [col-id="nhsShareBp"]`).first().click();
    await page.keyboard.type('70', { delay: 15 });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await plan()).schemes.find((s) => s.id === joint.id)?.laShareBp).toBe(3_000);
    expect((await plan()).schemes.find((s) => s.id === joint.id)?.nhsShareBp).toBe(7_000);
    await expect.poll(() => page.locator(`[row-id="${joint.id}"] [col-id="laShareBp"]`).first().textContent()).toBe('30%');
  });

  test('each line shows its forecast outturn, forecast variance and status, worked out by the shared rules', async () => {
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    await page.locator('.ag-row').first().waitFor();
    const current = await plan();
    let last = 0;
    for (const s of current.schemes) for (const q of s.spend) if (q.actualPence > 0) last = Math.max(last, q.quarter);
    for (const scheme of current.schemes.slice(0, 3)) {
      const expected = spendVariance(scheme.spend, last, current.settings);
      const cellText = (col: string) => page.locator(`[row-id="${scheme.id}"] [col-id="${col}"]`).first().textContent();
      await expect.poll(() => cellText('forecastPence')).toBe(formatPence(expected.forecastPence));
      expect(await cellText('forecastVarianceBp')).toBe(
        expected.forecastVarianceBp === null ? '' : formatBasisPoints(expected.forecastVarianceBp),
      );
      expect(await cellText('rag')).toBe({ green: 'Green', amber: 'Amber', red: 'Red' }[expected.rag]);
      // Variance to date: actual against the plan of the same (reported) quarters, never the year's whole plan.
      expect(await cellText('variancePence')).toBe(formatPence(expected.actualToDatePence - expected.plannedToDatePence));
    }
    // The demo fund has a quarter still to report, so its totals row's variance is that of the reported quarters.
    expect(last).toBeLessThan(4);
    const toDate = current.schemes.map((s) => spendVariance(s.spend, last, current.settings));
    const variance = toDate.reduce((sum, v) => sum + v.actualToDatePence - v.plannedToDatePence, 0);
    const yearVariance = toDate.reduce((sum, v) => sum + v.actualPence - v.plannedPence, 0);
    expect(variance).not.toBe(yearVariance);
    await expect.poll(() => page.locator('.ag-row-pinned [col-id="variancePence"]').first().textContent()).toBe(formatPence(variance));
  });

  test('a scheme edit that clashes with someone else’s gets the keep-mine / take-theirs dialog, as contributions do', async () => {
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    await page.locator('.ag-row').first().waitFor();
    const scheme = (await plan()).schemes.at(-1);
    if (!scheme) throw new Error('no schemes in the demo plan');
    const q1 = () => page.locator(`[row-id="${scheme.id}"] [col-id="q1PlannedPence"]`).first();
    const savedQ1 = async () => (await plan()).schemes.find((s) => s.id === scheme.id)?.spend.find((q) => q.quarter === 1)?.plannedPence;
    /** Someone else saves Q1 while this page is typing in it (its open edit holds the row as it was; without an open
     * edit, their save would reach this page's grid at once, client/live). */
    const theyChange = async (pence: number) => {
      const now = (await plan()).schemes.find((s) => s.id === scheme.id);
      await api.mutate('schemes.applyBatch', {
        fundId: fund.id,
        changes: [{ op: 'update', id: scheme.id, version: now?.version, values: { q1PlannedPence: pence } }],
      });
    };
    const iType = async (text: string) => {
      await q1().click();
      await page.keyboard.type(text, { delay: 15 });
    };

    await iType('200');
    await theyChange(12_345);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('conflict-dialog');
    await dialog.waitFor();
    const who = (await plan()).schemes.find((s) => s.id === scheme.id)?.updatedByName ?? '';
    expect(await dialog.textContent()).toContain(who);
    expect(await dialog.textContent()).toContain('Q1 planned (£)');
    expect(await page.getByTestId('conflict-theirs').textContent()).toBe('£123.45');
    expect(await page.getByTestId('conflict-mine').textContent()).toBe('£200.00');
    expect(await savedQ1()).toBe(12_345);
    await page.getByRole('button', { name: /Take theirs/ }).click();
    await expect.poll(() => q1().textContent()).toBe('£123.45');
    expect(await savedQ1()).toBe(12_345);

    // Again, and this time keep mine, knowingly.
    await iType('400');
    await theyChange(30_000);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await page.getByTestId('conflict-theirs').textContent()).toBe('£300.00');
    await page.getByRole('button', { name: /Keep mine/ }).click();
    await expect.poll(savedQ1).toBe(40_000);
    await expect.poll(() => q1().textContent()).toBe('£400.00');
  });

  test('a board member reads the plan and cannot change it', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1100 } });
    const board = await context.newPage();
    await signIn(board, server.url, 'board@demo.test');
    await board.goto(`${server.url}/funds/${fund.id}/plan`);
    await board.locator('.ag-row').first().waitFor();
    expect(await board.getByRole('button', { name: 'Add scheme' }).count()).toBe(0);
    expect(await board.locator('.ag-cell.cell-input').count()).toBe(0);
    await context.close();
  });
});
