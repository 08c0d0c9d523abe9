// End to end in Chromium (issue "Conversation on the figures", Live, must show): two people on one fund's
// contributions grid. A saves a cell and B's grid shows it without a reload, while B is typing in another cell, which
// B keeps and then saves; B's page shows A as here, with the cell A has selected named and outlined.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ContributionListRow, Fund, Organisation } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('others’ work, live', () => {
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

  test("A's saved cell reaches B's grid while B types in another cell, which B keeps; B sees A here and A's cell", async () => {
    const a = await pageAs('finance@demo.test');
    const b = await pageAs('council.finance@demo.test');
    const rows = await rowsNow();
    const icbRow = rows.find((r) => r.orgId === icbId);
    const councilRow = rows.find((r) => r.orgId === councilId);
    if (!icbRow || !councilRow) throw new Error('the demo fund has no ICB or council row');

    // A selects a cell: B's page names A and the cell, and outlines it.
    await cell(a, icbRow.id, 'plannedPence').click();
    const bar = b.getByTestId('presence-bar');
    await expect
      .poll(() => bar.textContent(), { timeout: 10_000 })
      .toMatch(/Also here: Fin Officer \(demo\) \(Planned \(£\) of NHS Northbridge and Vale ICB .+ Q\d\)/);
    await expect.poll(() => cell(b, icbRow.id, 'plannedPence').getAttribute('class')).toContain('cell-presence');

    // B starts typing in a council cell and leaves the editor open.
    await cell(b, councilRow.id, 'actualPence').click();
    await b.keyboard.type('777.25', { delay: 20 });
    const editor = b.locator('.money-editor');
    expect(await editor.inputValue()).toBe('777.25');

    // A saves; B's grid shows the saved value without a reload.
    // A's page is behind B's window, where the browser may hold back animation frames: open the editor with F2 and wait
    // for it rather than racing the first typed key against it.
    await cell(a, icbRow.id, 'plannedPence').click();
    await a.keyboard.press('F2');
    const aEditor = a.locator('.money-editor');
    await aEditor.waitFor();
    await aEditor.fill('4321');
    await aEditor.press('Enter');
    await expect.poll(async () => (await rowsNow()).find((r) => r.id === icbRow.id)?.plannedPence).toBe(432_100);
    const saved = Date.now();
    await expect.poll(() => cell(b, icbRow.id, 'plannedPence').textContent(), { timeout: 10_000 }).toBe('£4,321.00');
    console.log(`live: A's saved cell showed in B's grid ${Date.now() - saved} ms after the save was read back`);

    // B's editor is still open with what B typed, and B's Enter saves it.
    expect(await editor.count()).toBe(1);
    expect(await editor.inputValue()).toBe('777.25');
    await b.keyboard.press('Enter');
    await expect.poll(async () => (await rowsNow()).find((r) => r.id === councilRow.id)?.actualPence).toBe(77_725);
    await expect.poll(() => cell(b, councilRow.id, 'actualPence').textContent()).toBe('£777.25');
    // A's grid shows B's save in turn, and B is here for A (A's tab to the front: a background tab draws nothing).
    await a.bringToFront();
    await expect.poll(() => cell(a, councilRow.id, 'actualPence').textContent(), { timeout: 10_000 }).toBe('£777.25');
    await expect.poll(() => a.getByTestId('presence-bar').textContent()).toContain('Cal Council-Finance (demo)');
  });
});
