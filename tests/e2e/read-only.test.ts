// End to end in Chromium: a board member reads everything and changes nothing, so sees no enabled control that would
// change something, on any page. Each page's enabled buttons, inputs, selects and button-styled links are listed and
// compared with an allow-list of reading controls (export, print, keyboard, filters, history, reset columns...): a new
// editing button that forgets the permissions table fails here. And a council finance officer, who may change only the
// council's rows, is told why when a fill is aimed at the ICB's.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

/** One enabled control as a person meets it: its kind and its accessible name. */
async function enabledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nameOf = (el: HTMLElement): string => {
      const labelled = el.getAttribute('aria-labelledby');
      const byId = labelled ? document.getElementById(labelled)?.textContent : null;
      const label = 'labels' in el ? (el as HTMLInputElement).labels?.[0]?.textContent : null;
      const text = el.tagName === 'SELECT' ? null : el.textContent;
      return (
        el.getAttribute('aria-label') ??
        byId ??
        label ??
        (text?.trim() || null) ??
        el.getAttribute('title') ??
        el.getAttribute('placeholder') ??
        ''
      )
        .replace(/\s+/g, ' ')
        .trim();
    };
    const selector = 'button, input, select, textarea, a.button-link, a.button, [role="button"], summary';
    return (
      [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((el) => !(el as HTMLButtonElement).disabled && el.getAttribute('aria-disabled') !== 'true')
        .filter((el) => (el as HTMLInputElement).type !== 'hidden' && el.getClientRects().length > 0)
        // The grids' own header controls sort and filter: reading, and ag-grid's.
        .filter((el) => !el.closest('.ag-header, .ag-popup, .ag-tab-guard'))
        .map((el) => {
          const kind = el.tagName === 'INPUT' ? `input[${(el as HTMLInputElement).type}]` : el.tagName.toLowerCase();
          return `${kind}: ${nameOf(el)}`;
        })
    );
  });
}

/** A disabled control without a title: a person cannot tell why it is disabled. */
async function disabledWithoutReason(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button:disabled, input:disabled, select:disabled, textarea:disabled')]
      .filter((el) => el.getClientRects().length > 0 && !el.closest('.ag-header, .ag-popup') && !el.title)
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim()}`),
  );
}

/**
 * The controls a reader may use: each reads, downloads, filters, navigates or shows something, and changes nothing.
 * Anything else enabled for a board member is an editing control that should be hidden or disabled with its reason.
 */
const READING_CONTROLS: readonly RegExp[] = [
  /^button: Sign out$/,
  /^button: Keyboard$/,
  /^button: Reset columns$/, // the person's own column layout
  /^button: History of /, // a cell's or a row's history
  /^button: Go to cell$/, // the plan checklist's link to a cell
  // Comments on the figures: every member of the partnership, board members included, asks and answers (issue
  // "Conversation on the figures"); a comment changes no figure.
  /^button: Comment$/, // the grid's "Comment" on the selected cell
  /^button: Comments? on /, // a board-pack figure's comments
  /^button: Print$/,
  /^button: Download ‘.+’ as (PNG|SVG)$/, // a chart as a picture
  /^button: Clear filters$/,
  /^button: Show (all \d+ changes in this batch|fewer changes)$/,
  /^a: Export (CSV|Excel|workbook)$/,
  /^a: Board pack \((PDF|print)\)$/,
  /^a: Download (PDF|Excel workbook) of the board pack$/,
  /^summary: /, // a folded section (a chart's table view, the plan's checklist, why two figures differ) opens to read
  /^input\[radio\]: (Planned|Actual paid)$/, // the dashboard's view of contributions
  /^input\[text\]: (From|To \(inclusive\))$/, // the history's date filter (dd/mm/yyyy, DateField)
  /^button: Choose the (From|To \(inclusive\)) date from a calendar$/,
  /^select: (Fund|From|To|Basis|Changed by|Partnership|What changed)\b/, // filters and the fund switcher
  /^select: Year of the totals/,
  /^select: (Compare|with the plan now|Group by)/, // the plan's version comparison and subtotals
];

const editingControls = (controls: readonly string[]) => controls.filter((c) => !READING_CONTROLS.some((re) => re.test(c)));

describe.runIf(run)('read-only users see no editing controls', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the allow-list catches an editing control (so the test below can fail)', () => {
    expect(editingControls(['button: Add contribution', 'button: Fill down', 'a: Import…', 'button: Undo', 'button: Keyboard'])).toEqual([
      'button: Add contribution',
      'button: Fill down',
      'a: Import…',
      'button: Undo',
    ]);
  });

  test('a board member sees no enabled editing control on any page, and every disabled one says why', async () => {
    const board = await apiAs(server.url, 'board@demo.test');
    const { partnership, fund } = await demoBcfFund(board);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'board@demo.test');
    const pages: [string, string, string][] = [
      // name, address, a text the page shows once it has loaded its data
      ['partnerships', '/partnerships', 'Northbridge Better Care Fund'],
      ['partnership dashboard', `/partnerships/${partnership.id}`, 'Spend against plan'],
      ['contributions', `/funds/${fund.id}/contributions`, 'Export CSV'],
      ['plan', `/funds/${fund.id}/plan`, 'Export workbook'],
      ['outcomes', `/funds/${fund.id}/outcomes`, 'Keyboard'],
      ['splits', `/partnerships/${partnership.id}/splits`, 'Split rules'],
      ['board pack', `/partnerships/${partnership.id}/board-pack`, 'Print'],
      ['national', '/national', 'Year of the totals'],
      ['history', '/history', 'batches of changes'],
    ];
    const editing: Record<string, string[]> = {};
    const unexplained: Record<string, string[]> = {};
    const seen: Record<string, number> = {};
    for (const [name, url, loaded] of pages) {
      await page.goto(`${server.url}${url}`);
      await page.getByText(loaded).first().waitFor();
      await page.waitForLoadState('networkidle');
      const controls = await enabledControls(page);
      seen[name] = controls.length;
      editing[name] = editingControls(controls);
      unexplained[name] = await disabledWithoutReason(page);
    }
    // Every page was looked at with its controls in it (a page that failed to load would pass with none).
    for (const [name] of pages) expect(seen[name], name).toBeGreaterThan(0);
    expect(editing).toEqual(Object.fromEntries(pages.map(([name]) => [name, []])));
    expect(unexplained).toEqual(Object.fromEntries(pages.map(([name]) => [name, []])));

    // On the grid the fills are there but disabled, with the reason.
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    const fill = page.getByRole('button', { name: 'Fill down' });
    expect(await fill.isDisabled()).toBe(true);
    expect(await fill.getAttribute('title')).toBe('Board members can read contributions but not change them');
    expect(await page.getByRole('button', { name: 'Copy previous quarter' }).isDisabled()).toBe(true);

    // A paste on the totals row cannot add rows for a reader: the status line says so, and nothing is written.
    await page.locator('[row-id="total"] [col-id="plannedPence"]').first().click();
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', '100');
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    });
    await expect
      .poll(() => page.getByTestId('sheet-message').textContent())
      .toBe('Not saved: Row 1 of the pasted block runs past the last row, and this grid cannot add rows');
  });

  test('a council finance officer is told why a fill aimed at the ICB’s rows does nothing', async () => {
    const finance = await apiAs(server.url, 'council.finance@demo.test');
    const { fund } = await demoBcfFund(finance);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, 'council.finance@demo.test');
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    // The ICB's first two rows as the grid shows them: the fills stay enabled (the council's rows can change).
    const icbRows = page.locator('.ag-row:has([col-id="orgId"]:has-text("NHS Northbridge and Vale ICB"))');
    await icbRows.first().waitFor();
    const ids = await icbRows.evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('row-id')))].slice(0, 2));
    const [first, second] = ids;
    if (!first || !second) throw new Error('fewer than two ICB rows');
    await page.locator(`[row-id="${first}"] [col-id="actualPence"]`).first().click();
    await page
      .locator(`[row-id="${second}"] [col-id="actualPence"]`)
      .first()
      .click({ modifiers: ['Shift'] });
    const fillEmpty = page.getByRole('button', { name: 'Fill only empty cells' });
    expect(await fillEmpty.isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Fill down' }).click();
    await expect.poll(() => page.getByTestId('sheet-message').textContent()).toMatch(/^Not saved: .*NHS Northbridge and Vale ICB/);
    expect(await page.getByTestId('grid-errors').textContent()).toContain('NHS Northbridge and Vale ICB');
  });
});
