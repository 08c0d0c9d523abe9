// End to end in Chromium (issue 21, items 1 and 6): every figure of every sheet grid of the demo's main BCF fund is
// shown whole at 1280 and 1920 px, the largest totals included; names are whole or, past their column's cap, marked
// as cut with the full name to read; a column narrowed by dragging marks a cut figure as `####` and shows the figure
// in full on hover and focus; the columns refit when a figure grows. Measured in the page, never by eye.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence } from '../../shared/money';
import type { ContributionListRow, Fund, Organisation } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

interface CellFit {
  grid: number;
  col: string;
  text: string;
  figure: boolean;
  /** The text fits its cell on one line. */
  whole: boolean;
  /** Marked as cut (`####` or an ellipsis) with the full text as its title. */
  marked: boolean;
}

/** Every drawn cell of every sheet grid on the page: is its text whole (its scroll width within the cell, one line)? */
function measureCells(page: Page): Promise<CellFit[]> {
  return page.evaluate(() => {
    const out: CellFit[] = [];
    document.querySelectorAll('.sheet-grid').forEach((grid, index) => {
      for (const cell of grid.querySelectorAll<HTMLElement>('.ag-cell')) {
        const box = cell.querySelector<HTMLElement>('.fit');
        const value = box?.querySelector<HTMLElement>('.fit-value');
        const text = value?.textContent ?? '';
        if (!box || !value || text === '') continue;
        const range = document.createRange();
        range.selectNodeContents(value);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        out.push({
          grid: index,
          col: cell.getAttribute('col-id') ?? '',
          text,
          figure: box.classList.contains('fit-figure'),
          whole: value.scrollWidth <= box.clientWidth && cell.scrollWidth <= cell.clientWidth && lines === 1,
          marked: box.classList.contains('fit-cut') && box.title === text,
        });
      }
    });
    return out;
  });
}

describe.runIf(run)('every figure in full in every grid', () => {
  let server: RunningServer;
  let browser: Browser;
  let fund: Fund;
  let partnershipId: number;
  let totals: { planned: string; actual: string };
  let scenarioPath: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await apiAs(server.url, 'admin@demo.test');
    const demo = await demoBcfFund(admin);
    fund = demo.fund;
    partnershipId = demo.partnership.id;
    const rows = await admin.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
    totals = {
      planned: formatPence(rows.reduce((sum, r) => sum + r.plannedPence, 0)),
      actual: formatPence(rows.reduce((sum, r) => sum + r.actualPence, 0)),
    };
    // A scenario of the fund for the commissioner, so the Splits page has a scenario grid.
    const commissioner = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(commissioner, server.url, 'commissioner@demo.test');
    await commissioner.goto(`${server.url}/partnerships/${partnershipId}/splits?fund=${fund.id}`);
    await commissioner.getByLabel('New scenario').fill('Fit check');
    await commissioner.getByRole('button', { name: 'Take scenario' }).click();
    await commissioner.getByRole('heading', { name: 'Scenario ‘Fit check’' }).waitFor();
    const url = new URL(commissioner.url());
    scenarioPath = `${url.pathname}${url.search}`;
    await commissioner.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Open a page and wait until its grids have drawn and fitted every figure (or give up and show what is cut). */
  async function openAndMeasure(page: Page, path: string, grids: number): Promise<CellFit[]> {
    await page.goto(`${server.url}${path}`);
    await expect.poll(() => page.locator('.sheet-grid').count()).toBe(grids);
    for (let i = 0; i < grids; i++) await page.locator('.sheet-grid').nth(i).locator('.ag-row .fit-value').first().waitFor();
    let cells: CellFit[] = [];
    await expect
      .poll(
        async () => {
          cells = await measureCells(page);
          return cells.filter((c) => c.figure && !c.whole).map((c) => `${c.col}: ${c.text}`);
        },
        { timeout: 10_000 },
      )
      .toEqual([]);
    return cells;
  }

  /** Nothing cut without a mark: a name past its column's cap may be cut, but then says so and has its full text. */
  function expectNothingCutSilently(cells: CellFit[], where: string) {
    expect(cells.length, `${where}: no cells measured`).toBeGreaterThan(0);
    expect(cells.filter((c) => c.figure && !c.whole).map((c) => `${where} ${c.col}: ${c.text}`)).toEqual([]);
    expect(cells.filter((c) => !c.whole && !c.marked).map((c) => `${where} ${c.col}: ${c.text}`)).toEqual([]);
  }

  for (const width of [1280, 1920]) {
    for (const email of ['board@demo.test', 'commissioner@demo.test']) {
      test(`at ${width} px as ${email}: contributions (largest totals included), plan, outcomes and benefit lines`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await signIn(page, server.url, email);

        const contributions = await openAndMeasure(page, `/funds/${fund.id}/contributions`, 1);
        expectNothingCutSilently(contributions, 'contributions');
        // The fund's totals (£40,344,000.00 planned in the demo) are drawn whole in the totals row.
        for (const [col, text] of [
          ['plannedPence', totals.planned],
          ['actualPence', totals.actual],
        ] as const) {
          expect(contributions.find((c) => c.col === col && c.text === text)?.whole, `${col} total ${text}`).toBe(true);
        }

        const plan = await openAndMeasure(page, `/funds/${fund.id}/plan`, 1);
        expectNothingCutSilently(plan, 'plan');
        // Every scheme name is whole (the cap is for free text such as descriptions).
        expect(plan.filter((c) => c.col === 'name' && !c.whole).map((c) => c.text)).toEqual([]);

        const outcomes = await openAndMeasure(page, `/funds/${fund.id}/outcomes`, 2);
        expectNothingCutSilently(outcomes, 'outcomes');
        expect(outcomes.filter((c) => c.col === 'metricId' && !c.whole).map((c) => c.text)).toEqual([]);

        if (email === 'commissioner@demo.test') {
          const scenario = await openAndMeasure(page, scenarioPath, 1);
          expectNothingCutSilently(scenario, 'scenario lines');
          expect(scenario.some((c) => c.figure)).toBe(true);
        }
        await page.close();
      });
    }
  }

  test('a column narrowed by dragging marks its cut figures as ####, shows them in full on hover and focus, and keeps the width after reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'finance@demo.test');
    await openAndMeasure(page, `/funds/${fund.id}/contributions`, 1);
    const total = page.locator('.ag-row-pinned [col-id="plannedPence"]');
    const box = total.locator('.fit');
    await expect.poll(() => total.textContent()).toBe(totals.planned);

    // Drag the right edge of the Planned column's header 80 px to the left.
    const handle = page.locator('.ag-header-cell[col-id="plannedPence"] .ag-header-cell-resize');
    const at = await handle.boundingBox();
    if (!at) throw new Error('no resize handle');
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.mouse.move(at.x - 40, at.y + at.height / 2, { steps: 5 });
    await page.mouse.move(at.x - 80, at.y + at.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.mouse.move(5, 5);

    // Cut: marked `####` (drawn over the figure, which is kept as the cell's text for screen readers), full figure as
    // the title; never a clipped figure that reads as another amount.
    await expect.poll(() => box.getAttribute('class')).toContain('fit-cut');
    expect(await box.getAttribute('title')).toBe(totals.planned);
    expect(await box.evaluate((el) => getComputedStyle(el, '::after').content)).toContain('####');
    expect(await box.locator('.fit-value').evaluate((el) => getComputedStyle(el).color)).toBe('rgba(0, 0, 0, 0)');
    expect(await total.textContent()).toBe(totals.planned);
    await page.getByRole('gridcell', { name: totals.planned, exact: true }).first().waitFor();
    // Other figures in the column are cut too, and marked the same way; none is shown clipped.
    const cells = await measureCells(page);
    const planned = cells.filter((c) => c.col === 'plannedPence');
    expect(planned.some((c) => !c.whole)).toBe(true);
    expect(planned.filter((c) => !c.whole && !c.marked)).toEqual([]);

    /** The figure is drawn whole: visible, and as wide as its text. */
    const shownInFull = () =>
      box.locator('.fit-value').evaluate((el) => {
        const style = getComputedStyle(el);
        return style.color !== 'rgba(0, 0, 0, 0)' && el.getBoundingClientRect().width >= el.scrollWidth - 1;
      });
    await total.hover();
    await expect.poll(shownInFull).toBe(true);
    await page.mouse.move(5, 5);
    await expect.poll(shownInFull).toBe(false);
    // Focus by keyboard: from the last body row's Planned cell, down into the totals row.
    await page.locator('.ag-row:not(.ag-row-pinned) [col-id="plannedPence"]').last().click();
    await page.mouse.move(5, 5);
    await page.keyboard.press('Control+ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => total.getAttribute('class')).toContain('ag-cell-focus');
    await expect.poll(shownInFull).toBe(true);

    // The narrowed width is this person's: it is kept across a reload, and the figure is still marked, not refitted.
    await page.waitForTimeout(600); // the layout is saved 400 ms after the last change
    await page.reload();
    await total.locator('.fit').waitFor();
    await expect.poll(() => box.getAttribute('class')).toContain('fit-cut');
    // "Reset columns" gives the column back to the fitting: whole again.
    await page.getByRole('button', { name: 'Reset columns' }).click();
    await expect.poll(() => box.getAttribute('class')).not.toContain('fit-cut');
    expect((await measureCells(page)).filter((c) => c.figure && !c.whole)).toEqual([]);
    await page.close();
  });

  test('the columns refit when a figure grows: a larger amount and the larger total are whole at once', async () => {
    const admin = await apiAs(server.url, 'admin@demo.test');
    const orgs = await admin.query<Organisation[]>('orgs.list');
    const council = orgs.find((o) => o.name === 'Northbridge Borough Council');
    const row = (await admin.query<ContributionListRow[]>('contributions.list', { fundId: fund.id })).find((r) => r.orgId === council?.id);
    if (!row) throw new Error('no council row');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'finance@demo.test');
    await openAndMeasure(page, `/funds/${fund.id}/contributions`, 1);
    const widthBefore = await page.locator('.ag-header-cell[col-id="actualPence"]').evaluate((el) => el.getBoundingClientRect().width);

    await page.locator(`[row-id="${row.id}"] [col-id="actualPence"]`).click();
    await page.keyboard.type('987654321.99', { delay: 10 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`[row-id="${row.id}"] [col-id="actualPence"]`).textContent()).toBe('£987,654,321.99');

    const grown = await admin.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
    const newTotal = formatPence(grown.reduce((sum, r) => sum + r.actualPence, 0));
    await expect.poll(() => page.locator('.ag-row-pinned [col-id="actualPence"]').textContent()).toBe(newTotal);
    await expect
      .poll(async () => (await measureCells(page)).filter((c) => c.figure && !c.whole).map((c) => `${c.col}: ${c.text}`))
      .toEqual([]);
    const cells = await measureCells(page);
    expect(cells.find((c) => c.col === 'actualPence' && c.text === newTotal)?.whole).toBe(true);
    expect(await page.locator('.ag-header-cell[col-id="actualPence"]').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(
      widthBefore,
    );
    await page.close();
  });
});
