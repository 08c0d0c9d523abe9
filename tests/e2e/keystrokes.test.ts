// End to end in Chromium (issue 21, item 4 and "Must show"): how many keys a finance officer presses, counted.
// - The grid is one key away: on every page with a grid the first Tab stop is "Skip to grid", which lands in the grid's
//   first cell (at most 3 presses; it took 19 Tabs before).
// - A standard entry task by keyboard only (open a fund from its partnership's fund list, type eight figures, paste a
//   6x2 block, fill down, undo), every key press counted, against LibreOffice Calc's count for the same task worked
//   out by hand below. The tracker must need no more presses than Calc.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence } from '../../shared/money';
import type { ContributionListRow, Fund } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

/** The page's keyboard, counting: a press is one (a chord such as Control+V is one press, as a person presses it), a
 * typed text one per character. The test presses keys only through this, so the count is every key it sends. */
function countingKeyboard(page: Page) {
  let presses = 0;
  return {
    get count() {
      return presses;
    },
    async press(key: string, times = 1) {
      for (let i = 0; i < times; i++) {
        presses++;
        await page.keyboard.press(key);
      }
    },
    async type(text: string) {
      presses += [...text].length;
      await page.keyboard.type(text, { delay: 15 });
    },
    /** Ctrl+V: one press. The clipboard's content arrives as a real paste event carrying the text, as sheet.test.ts does
     * (headless Chromium has no system clipboard to press Ctrl+V against). */
    async paste(tsv: string) {
      presses++;
      await page.evaluate((data) => {
        const transfer = new DataTransfer();
        transfer.setData('text/plain', data);
        (document.activeElement ?? document.body).dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
      }, tsv);
    },
  };
}

/** Where the keyboard focus is: "row-index/col-id" of a grid cell, or the focused element's text. */
const focusIs = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const cell = el?.closest('.ag-cell');
    const row = cell?.closest('[row-index]');
    return cell ? `${row?.getAttribute('row-index')}/${cell.getAttribute('col-id')}` : (el?.textContent ?? '').trim();
  });

/**
 * LibreOffice Calc, the same task on the same sheet laid out as the grid (row 1 the headings Partner, Funding source,
 * Quarter, Planned, Actual, Variance, Note; the rows from row 2), counted by hand, one chord = one press. Calc is open
 * at its Start Center, as the tracker is open at the partnership's page.
 */
const CALC = [
  // File menu (Alt+F), Recent Documents (its mnemonic U), the first document in the list (1).
  { step: 'open the workbook from the recent documents', presses: 3 },
  // The cell cursor opens where the workbook was last saved, so go to D2 (Planned, first row): Ctrl+Shift+F5 puts the
  // cursor in the Name Box, type "D2", Enter. (Ctrl+Home, Down, Right, Right, Right is 5.)
  { step: 'go to the first cell (Planned, first row)', presses: 4 },
  // Eight four-digit figures, each followed by Enter, which moves down: 8 x (4 + 1).
  { step: 'type eight figures with Enter', presses: 40 },
  // The cursor is on D10; the 6x2 block copied from another spreadsheet pastes with Ctrl+V. (Plain text pasted from
  // elsewhere would open Calc's Text Import dialog: one more Enter. Not counted.)
  { step: 'paste a 6x2 block', presses: 1 },
  // Ctrl+Up goes to the top of the column's data, which is the heading in D1 (D1:D15 are all filled), Down to D2,
  // Shift+Down twice selects D2:D4, Ctrl+D fills down.
  { step: 'select and fill down (Ctrl+D)', presses: 5 },
  { step: 'undo (Ctrl+Z)', presses: 1 },
];
const CALC_TOTAL = CALC.reduce((sum, s) => sum + s.presses, 0);

describe.runIf(run)('key presses', () => {
  let server: RunningServer;
  let browser: Browser;
  let fund: Fund;
  let partnershipId: number;
  let admin: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiAs(server.url, 'admin@demo.test');
    const demo = await demoBcfFund(admin);
    fund = demo.fund;
    partnershipId = demo.partnership.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every page with a grid: the first Tab stop is "Skip to grid", and the grid’s first cell is reached in at most 3 presses', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'finance@demo.test');
    for (const path of [`/funds/${fund.id}/contributions`, `/funds/${fund.id}/plan`, `/funds/${fund.id}/outcomes`]) {
      await page.goto(`${server.url}${path}`);
      await page.locator('.sheet-grid .ag-row').first().waitFor();
      await page.getByRole('link', { name: 'Skip to grid' }).waitFor({ state: 'attached' });
      const keys = countingKeyboard(page);
      await keys.press('Tab');
      expect(await focusIs(page)).toBe('Skip to grid');
      await keys.press('Enter');
      const firstColumn = await page.locator('.sheet-grid').first().locator('.ag-header-cell').first().getAttribute('col-id');
      await expect.poll(() => focusIs(page)).toBe(`0/${firstColumn}`);
      console.log(`${path}: the grid's first cell in ${keys.count} presses`);
      expect(keys.count).toBeLessThanOrEqual(3);
    }
    // A page without a grid keeps "Skip to content".
    await page.goto(`${server.url}/history`);
    await page.getByRole('link', { name: 'Skip to content' }).waitFor({ state: 'attached' });
    await page.close();
  });

  test('a standard entry task by keyboard only needs no more presses than LibreOffice Calc', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'finance@demo.test');
    // The partnership's page, as the finance officer finds it (loading a page is not a key press, as Calc's Start
    // Center being open is not). The focus is at the top of the document.
    await page.goto(`${server.url}/partnerships/${partnershipId}`);
    const fundLinks = page.getByRole('list', { name: 'Funds' }).getByRole('link');
    await fundLinks.first().waitFor();
    const fundIndex = (await fundLinks.allTextContents()).findIndex((t) => t.includes(fund.name) && t.includes(fund.financialYear));
    expect(fundIndex).toBeGreaterThanOrEqual(0);

    const keys = countingKeyboard(page);
    const steps: { step: string; presses: number }[] = [];
    let before = 0;
    const stepDone = (step: string) => {
      steps.push({ step, presses: keys.count - before });
      before = keys.count;
    };

    // 1. Open the fund from the fund list: Tab to "Skip to funds", Enter lands on the first fund's link, Tab to ours,
    //    Enter opens it with the grid's first cell focused.
    await keys.press('Tab');
    expect(await focusIs(page)).toBe('Skip to funds');
    await keys.press('Enter');
    await keys.press('Tab', fundIndex);
    expect(await focusIs(page)).toContain(fund.financialYear);
    await keys.press('Enter');
    await page.waitForURL(`**/funds/${fund.id}/contributions`);
    await expect.poll(() => focusIs(page)).toBe('0/orgId');
    stepDone('open the fund from its partnership’s fund list');

    // 2. To the first Planned cell: three columns right.
    await keys.press('ArrowRight', 3);
    await expect.poll(() => focusIs(page)).toBe('0/plannedPence');
    stepDone('go to the first cell (Planned, first row)');

    const rowIdAt = (index: number) =>
      page.locator(`.sheet-grid .ag-row:not(.ag-row-pinned)[row-index="${index}"]`).first().getAttribute('row-id');
    const ids: number[] = [];
    for (let i = 0; i < 14; i++) ids.push(Number(await rowIdAt(i)));
    const planned = (i: number) => page.locator(`[row-id="${ids[i]}"] [col-id="plannedPence"]`).first();

    // 3. Eight figures, each typed and entered; Enter moves down.
    for (let i = 0; i < 8; i++) {
      await keys.type(String(1001 + i));
      await keys.press('Enter');
      await expect.poll(() => planned(i).textContent()).toBe(formatPence((1001 + i) * 100));
    }
    stepDone('type eight figures with Enter');

    // 4. A 6x2 block (Planned and Actual of the next six rows), pasted from the focused cell.
    await expect.poll(() => focusIs(page)).toBe('8/plannedPence');
    const block = [0, 1, 2, 3, 4, 5].map((i) => `${2001 + i}\t${3001 + i}`).join('\r\n') + '\r\n';
    await keys.paste(block);
    await expect.poll(() => planned(13).textContent()).toBe('£2,006.00');
    stepDone('paste a 6x2 block');

    // 5. Fill down the first figure over the next two rows: Ctrl+Up to the first row, Shift+Down twice, Ctrl+D.
    await keys.press('Control+ArrowUp');
    await expect.poll(() => focusIs(page)).toBe('0/plannedPence');
    await keys.press('Shift+ArrowDown', 2);
    await keys.press('Control+d');
    await expect.poll(() => planned(2).textContent()).toBe('£1,001.00');
    stepDone('select and fill down (Ctrl+D)');

    // 6. Undo the fill.
    await keys.press('Control+z');
    await expect.poll(() => planned(2).textContent()).toBe('£1,003.00');
    stepDone('undo (Ctrl+Z)');

    // The figures are saved: the eight typed, the pasted block, and the fill undone.
    const saved = new Map((await admin.query<ContributionListRow[]>('contributions.list', { fundId: fund.id })).map((r) => [r.id, r]));
    for (let i = 0; i < 8; i++) expect(saved.get(ids[i] ?? 0)?.plannedPence).toBe((1001 + i) * 100);
    for (let i = 0; i < 6; i++) {
      expect(saved.get(ids[8 + i] ?? 0)?.plannedPence).toBe((2001 + i) * 100);
      expect(saved.get(ids[8 + i] ?? 0)?.actualPence).toBe((3001 + i) * 100);
    }

    const table = CALC.map((calc, i) => ({ tracker: `${steps[i]?.step}: ${steps[i]?.presses}`, calc: `${calc.step}: ${calc.presses}` }));
    console.log('Key presses of the standard entry task: the tracker against LibreOffice Calc');
    console.table(table);
    console.log(`total: tracker ${keys.count}, LibreOffice Calc ${CALC_TOTAL}`);
    expect(steps).toHaveLength(CALC.length);
    expect(keys.count).toBeLessThanOrEqual(CALC_TOTAL);
    await page.close();
  });
});
