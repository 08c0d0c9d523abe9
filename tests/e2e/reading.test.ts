// End to end in Chromium (issue 21, items 7, 8 and 11): on every page with figures, at 1280 px and 1920 px, as a board
// member and as a commissioner, on the demo's main BCF fund, no figure wraps or is cut, no name is cut without a way to
// read it in full, and no chart label leaves its chart, measured in the page (tests/support/reading.ts). The checker is
// first shown to catch what it looks for on a page made for it, so this test can fail. Each page's screenshot at
// 1280 px is saved into tests/e2e/screenshots/ on every run (the README shows them).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfPages, pdftotextAvailable } from '../support/pdf-text';
import { describeProblems, readingProblemsOn, type ReadingProblem } from '../support/reading';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';
import { mainPages, type MainPage } from '../support/main-pages';

const run = browserAvailable();
const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');
const WIDTHS = [1280, 1920] as const;
const HEIGHT = 900;

/** Each page with figures, by the name its screenshot gets, its address, and the heading its screenshot starts at
 * when the page's top is not what it is about. */

/** Open a page and wait until it has loaded its data: no request in flight and no "Loading …" status left. */
async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((s) => /^Loading\b/.test(s.textContent ?? '')));
  await page.waitForLoadState('networkidle');
  // Two frames: the grids and charts lay out what they were just given.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

describe.runIf(run)('every figure and name can be read in full', () => {
  let server: RunningServer;
  let browser: Browser;
  let pages: MainPage[];
  let boardPackPath: string;
  let fundId: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const commissioner = await apiAs(server.url, 'commissioner@demo.test');
    const { partnership, fund } = await demoBcfFund(commissioner);
    // Two scenarios, one open and both compared, so the splits page shows a scenario grid and the comparison.
    const take = (name: string) => commissioner.mutate<{ scenario: { id: number } }>('scenarios.create', { fundId: fund.id, name });
    const first = (await take('As planned')).scenario.id;
    const second = (await take('Health pays more')).scenario.id;
    const p = `/partnerships/${partnership.id}`;
    boardPackPath = `${p}/board-pack`;
    fundId = fund.id;
    pages = mainPages(partnership.id, fund.id, `&scenario=${first}&compare=${first},${second}`).map((page) =>
      page.name === 'splits' ? { ...page, shotFrom: 'Scenarios' } : page,
    );
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the checker finds a wrapped negative figure, a cut figure, a cut name, a figure drawn out of its box and a label outside its chart', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.setContent(`
      <table><tr><td style="width:60px">-£1,213,040.00</td></tr></table>
      <div style="width:60px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">£40,344,000.00</div>
      <div style="width:60px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">NHS Northbridge and Vale ICB</div>
      <div style="width:60px;overflow:hidden;white-space:nowrap" title="Northbridge Borough Council">Northbridge Borough Council</div>
      <svg width="100" height="40"><text x="90" y="20">Northbridge Borough</text></svg>
      <svg width="100" height="40"><g><title>NHS Northbridge and Vale ICB</title><text x="0" y="20">NHS Northb…</text></g></svg>
      <div style="width:80px"><span style="white-space:nowrap">against £40,324,000.00 planned</span></div>
      <p style="width:300px">-£5.00 fits, and so does 12.5%</p>`);
    const problems = await readingProblemsOn(page);
    const found = problems.map((p) => `${p.text}: ${p.why}`);
    expect(found).toContainEqual('-£1,213,040.00: figure wraps onto two lines');
    expect(found).toContainEqual(expect.stringMatching(/^£40,344,000\.00: figure cut by div$/));
    expect(found).toContainEqual('NHS Northbridge and Vale ICB: cut with no title or aria-label');
    expect(found).toContainEqual('Northbridge Borough: chart label outside its chart');
    expect(found).toContainEqual('£40,324,000.00: figure runs out of its box');
    // A cut name with its full name on hover, an abbreviation with an SVG <title>, and figures that fit are not problems.
    expect(found.join('\n')).not.toMatch(/Northbridge Borough Council|NHS Northb…|-£5\.00|12\.5%/);
    expect(found).toHaveLength(5);
    await page.close();
  });

  test('the Plan grid has the page’s width at 1280 px, with the checklist folded to a bar above it; at 1920 px it stands open beside', async () => {
    const plan = pages.find((p) => p.name === 'plan')?.url ?? '';
    const context = await browser.newContext({ viewport: { width: 1280, height: HEIGHT } });
    const page = await context.newPage();
    await signIn(page, server.url, 'commissioner@demo.test');
    await openReady(page, `${server.url}${plan}`);
    const checklist = page.getByTestId('checklist');
    const summary = checklist.locator('summary');
    await expect.poll(() => summary.textContent()).toMatch(/Checklist: (Complete|Not complete \(\d+ to fix\))\d+ of \d+ checks pass/);
    expect(await checklist.locator('details').getAttribute('open')).toBeNull();
    const width = async (selector: string) => (await page.locator(selector).first().boundingBox())?.width ?? 0;
    const grid = await width('.plan-layout .sheet-grid');
    expect(grid).toBeGreaterThan(0);
    expect(grid).toBeCloseTo(await width('.plan-layout'), -1);
    // The bar sits above the grid, and opens to the list with its links to the cells.
    const bar = await summary.boundingBox();
    const gridBox = await page.locator('.plan-layout .sheet-grid').first().boundingBox();
    expect((bar?.y ?? Infinity) < (gridBox?.y ?? 0)).toBe(true);
    await summary.click();
    await expect.poll(() => checklist.locator('li').first().isVisible()).toBe(true);

    await page.setViewportSize({ width: 1920, height: HEIGHT });
    await expect.poll(() => checklist.locator('details').getAttribute('open')).not.toBeNull();
    const side = await checklist.boundingBox();
    const wideGrid = await page.locator('.plan-layout .sheet-grid').first().boundingBox();
    expect((side?.x ?? 0) > (wideGrid?.x ?? 0) + (wideGrid?.width ?? 0) - 1).toBe(true);
    await context.close();
  });

  test('in the board pack PDF every money figure is whole on one line', async () => {
    if (!pdftotextAvailable()) return;
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, server.url, 'board@demo.test');
    const response = await context.request.get(`${server.url}/export${boardPackPath}.pdf?fund=${fundId}`);
    expect(response.status()).toBe(200);
    const text = (await pdfPages(await response.body(), { layout: true })).join('\n');
    await context.close();
    // A figure broken in a table cell leaves a part that is no figure: "-" alone at a cell's end, or "£1,213," over
    // "040.00". Each £ token must be a whole en-GB figure (£1,234.56, £1, or an axis's £12.5m).
    const tokens = (text.match(/[-−]?£[\d,.]*[kmbn]*/g) ?? []).filter((t) => /\d/.test(t));
    expect(tokens.length).toBeGreaterThan(20);
    const broken = tokens.filter((t) => !/^[-−]?£\d{1,3}(,\d{3})*(\.\d+)?(k|m|bn)?\.?$/.test(t));
    expect(broken).toEqual([]);
    expect(text.split('\n').filter((line) => /(^|\s)[-−£](\s{2,}|$)/.test(line))).toEqual([]);
    expect(text).toContain('£40,344,000.00');
    expect(text).toContain('-£1,213,040.00');
  });

  for (const email of ['board@demo.test', 'commissioner@demo.test']) {
    for (const width of WIDTHS) {
      test(`as ${email} at ${width} px, on every page with figures`, { timeout: 240_000 }, async () => {
        const context = await browser.newContext({ viewport: { width, height: HEIGHT } });
        const page = await context.newPage();
        await signIn(page, server.url, email);
        const offenders: ReadingProblem[] = [];
        for (const { name, url, shotFrom } of pages) {
          await openReady(page, `${server.url}${url}`);
          // The screenshots are a reader's view as the page opens: the board member's, but the splits page with
          // scenarios is a commissioner's.
          const shoot = width === 1280 && (email === 'commissioner@demo.test') === (name === 'splits');
          if (shoot && shotFrom) {
            await page.getByRole('heading', { name: shotFrom, exact: true }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
          }
          if (shoot) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
          offenders.push(...(await readingProblemsOn(page)).map((p) => ({ ...p, page: `${name} (${width} px)` })));
        }
        await context.close();
        // The page's layout first (tables, tiles, charts, headings), then the grids' cells, whose columns size themselves.
        expect(describeProblems(offenders.filter((p) => !p.inGridCell))).toEqual([]);
        expect(describeProblems(offenders.filter((p) => p.inGridCell))).toEqual([]);
      });
    }
  }
});
