// End to end in Chromium: the spreadsheet habits of the shared grid, with real keyboard events and real clipboard
// events (a paste event carrying text/plain TSV; a copy event whose clipboardData is read back).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence } from '../../shared/money';
import type { AuditEvent, ContributionListRow, Fund, Organisation, Partnership } from '../../shared/types';
import { apiAs, browserAvailable, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('spreadsheet habits in the contributions grid', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let fund: Fund;
  let councilId: number;
  let icbId: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiAs(server.url, 'admin@demo.test');
    const bcf = (await admin.query<Partnership[]>('partnerships.list')).find((p) => p.name === 'Northbridge Better Care Fund');
    if (!bcf) throw new Error('demo BCF missing');
    // A small fund of our own, so each habit's effect is easy to see: the council's four quarters of the LA BCF.
    fund = await admin.mutate<Fund>('funds.create', { partnershipId: bcf.id, name: 'Sheet habits test', financialYear: '2027/28' });
    const orgs = await admin.query<Organisation[]>('orgs.list');
    councilId = orgs.find((o) => o.name === 'Northbridge Borough Council')?.id ?? 0;
    icbId = orgs.find((o) => o.name === 'NHS Northbridge and Vale ICB')?.id ?? 0;
    await admin.mutate('contributions.applyBatch', {
      fundId: fund.id,
      changes: [1, 2, 3, 4].map((quarter) => ({
        op: 'create',
        values: { orgId: councilId, source: 'la_better_care_grant', quarter, plannedPence: 100_000 * quarter, actualPence: 0 },
      })),
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page, server.url, 'finance@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rowsNow = async () =>
    (await admin.query<ContributionListRow[]>('contributions.list', { fundId: fund.id })).sort(
      (a, b) => a.orgId - b.orgId || a.quarter - b.quarter,
    );
  const cell = (rowId: number, colId: string) => page.locator(`[row-id="${rowId}"] [col-id="${colId}"]`).first();
  const text = (rowId: number, colId: string) => cell(rowId, colId).textContent();
  const councilRows = async () => (await rowsNow()).filter((r) => r.orgId === councilId);

  async function open(): Promise<void> {
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    await page.locator('.ag-row').first().waitFor();
  }

  /** Dispatch a real paste event carrying `tsv` as text/plain on the focused cell. */
  async function paste(tsv: string): Promise<void> {
    await page.evaluate((data) => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', data);
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, tsv);
  }

  /** Press Ctrl+C and return what the grid put on the clipboard (read from the copy event's clipboardData). */
  async function copy(): Promise<string> {
    await page.evaluate(() => {
      const w = window as unknown as { copied?: string };
      w.copied = undefined;
      document.addEventListener('copy', (e) => (w.copied = e.clipboardData?.getData('text/plain')), { once: true });
    });
    await page.keyboard.press('Control+c');
    return page.evaluate(() => (window as unknown as { copied?: string }).copied ?? '');
  }

  async function typeAt(rowId: number, colId: string, value: string, key = 'Enter'): Promise<void> {
    await cell(rowId, colId).click();
    await page.keyboard.type(value, { delay: 15 });
    await page.keyboard.press(key);
  }

  /** Notes open a pop-up text editor: wait for it, so a slow machine never types into the cell before it opens. */
  async function typeNote(rowId: number, value: string): Promise<void> {
    await cell(rowId, 'note').click();
    await page.keyboard.press('F2');
    const editor = page.locator('.ag-popup-editor textarea');
    await editor.waitFor();
    await editor.fill(value);
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'detached' });
  }

  test('keyboard: arithmetic in a money cell, Tab moves right, Esc cancels, F2 edits, Delete clears', async () => {
    await open();
    const [q1] = await councilRows();
    if (!q1) throw new Error('no rows');

    await typeAt(q1.id, 'plannedPence', '=1200*4');
    await expect.poll(() => text(q1.id, 'plannedPence')).toBe('£4,800.00');
    await typeAt(q1.id, 'plannedPence', '+250');
    await expect.poll(() => text(q1.id, 'plannedPence')).toBe('£5,050.00');

    // Tab commits and moves right: the focus lands on Actual of the same row.
    await typeAt(q1.id, 'plannedPence', '5100', 'Tab');
    await expect.poll(() => text(q1.id, 'plannedPence')).toBe('£5,100.00');
    expect(await page.evaluate(() => document.activeElement?.closest('[col-id]')?.getAttribute('col-id'))).toBe('actualPence');

    // Shift reverses: Shift+Tab commits and moves left, Shift+Enter commits and moves up.
    const q2 = (await councilRows())[1];
    if (!q2) throw new Error('no second row');
    const focusedCell = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return `${el?.closest('[row-id]')?.getAttribute('row-id')}/${el?.closest('[col-id]')?.getAttribute('col-id')}`;
      });
    await typeAt(q2.id, 'plannedPence', '2100', 'Shift+Tab');
    await expect.poll(() => text(q2.id, 'plannedPence')).toBe('£2,100.00');
    expect(await focusedCell()).toBe(`${q2.id}/quarter`);
    await typeAt(q2.id, 'plannedPence', '2200', 'Shift+Enter');
    await expect.poll(() => text(q2.id, 'plannedPence')).toBe('£2,200.00');
    await expect.poll(focusedCell).toBe(`${q1.id}/plannedPence`);

    // Esc cancels: nothing saved.
    const before = await rowsNow();
    await typeAt(q1.id, 'actualPence', '999', 'Escape');
    await expect.poll(() => text(q1.id, 'actualPence')).toBe('£0.00');
    expect(await rowsNow()).toEqual(before);

    // F2 edits the value in place (the editor opens with the amount as plain pounds).
    await cell(q1.id, 'actualPence').click();
    await page.keyboard.press('F2');
    await expect.poll(() => page.locator('.money-editor').inputValue()).toBe('0.00');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('77.5', { delay: 15 });
    await page.keyboard.press('Enter');
    await expect.poll(() => text(q1.id, 'actualPence')).toBe('£77.50');

    // Delete clears an editable money cell to £0.00.
    await cell(q1.id, 'actualPence').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => text(q1.id, 'actualPence')).toBe('£0.00');
  });

  test('select a rectangle with Shift+click and Shift+arrows, and copy it as tab-separated text', async () => {
    await open();
    const rows = await councilRows();
    const [q1, , q3] = rows;
    if (!q1 || !q3) throw new Error('no rows');
    await cell(q1.id, 'quarter').click();
    await cell(q3.id, 'actualPence').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-size').textContent()).toBe('9 cells selected');
    const expected = rows
      .slice(0, 3)
      .map((r) =>
        [
          `Q${r.quarter} (${['Apr-Jun', 'Jul-Sep', 'Oct-Dec'][r.quarter - 1]})`,
          formatPence(r.plannedPence).replace(/[£,]/g, ''),
          formatPence(r.actualPence).replace(/[£,]/g, ''),
        ].join('\t'),
      )
      .join('\r\n');
    expect(await copy()).toBe(`${expected}\r\n`);

    await cell(q1.id, 'plannedPence').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.getByTestId('selection-size').textContent()).toBe('4 cells selected');
    const [a, b] = rows;
    if (!a || !b) throw new Error('no rows');
    const plain = (p: number) => formatPence(p).replace(/[£,]/g, '');
    expect(await copy()).toBe(`${plain(a.plannedPence)}\t${plain(a.actualPence)}\r\n${plain(b.plannedPence)}\t${plain(b.actualPence)}\r\n`);
  });

  test('paste a 3x4 block: one bad cell saves nothing and is marked; fixed, it saves as one batch; undo, redo, reload', async () => {
    await open();
    const before = await councilRows();
    const [q1] = before;
    if (!q1) throw new Error('no rows');
    // Planned, Actual and Variance, as copied from a sheet: the variance is worked out here, so it is not pasted.
    const good = ['1000\t900\t-100', '2000\t1800\t-200', '3000\t2700\t-300', '4000\t3600\t-400'];
    const bad = [...good];
    bad[2] = '3000\tabc\t-300';

    await cell(q1.id, 'plannedPence').click();
    await paste(bad.join('\r\n') + '\r\n');
    await page.getByTestId('grid-errors').waitFor();
    expect(await page.getByTestId('grid-errors').textContent()).toContain(
      "Actual (£) must be an amount in pounds and pence, like 1234.56 or £1,234.56, got 'abc'",
    );
    const third = before[2];
    if (!third) throw new Error('no third row');
    await expect.poll(() => cell(third.id, 'actualPence').getAttribute('class')).toContain('cell-error');
    expect(await councilRows()).toEqual(before);

    await cell(q1.id, 'plannedPence').click();
    await paste(good.join('\r\n'));
    await expect
      .poll(async () => (await councilRows()).map((r) => [r.plannedPence, r.actualPence]))
      .toEqual([
        [100_000, 90_000],
        [200_000, 180_000],
        [300_000, 270_000],
        [400_000, 360_000],
      ]);
    await expect.poll(() => text(q1.id, 'variancePence')).toBe('-£100.00');
    expect(await page.getByTestId('grid-errors').count()).toBe(0);
    // One batch for the whole block.
    const events = await admin.query<AuditEvent[]>('audit.list', { fundId: fund.id, limit: 50 });
    const newest = events[0]?.batchId;
    expect(new Set(events.filter((e) => e.batchId === newest).map((e) => e.entityId)).size).toBe(4);

    // Undo (Ctrl+Z) brings all four rows back in one step; redo (Ctrl+Y) puts the paste back.
    await cell(q1.id, 'note').click();
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await councilRows()).map((r) => [r.plannedPence, r.actualPence, r.note]))
      .toEqual(before.map((r) => [r.plannedPence, r.actualPence, r.note]));
    await page.keyboard.press('Control+y');
    await expect.poll(async () => (await councilRows()).map((r) => r.plannedPence)).toEqual([100_000, 200_000, 300_000, 400_000]);

    await page.reload();
    await page.locator('.ag-row').first().waitFor();
    await expect.poll(() => text(q1.id, 'plannedPence')).toBe('£1,000.00');
    // The undo stack survived the reload: the button undoes the redone paste.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await councilRows()).map((r) => r.plannedPence)).toEqual(before.map((r) => r.plannedPence));
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(async () => (await councilRows()).map((r) => r.plannedPence)).toEqual([100_000, 200_000, 300_000, 400_000]);
  });

  test('Ctrl+D fills down, "fill only empty cells" leaves filled ones, "copy previous quarter" copies the plan', async () => {
    await open();
    const [q1, q2, q3, q4] = await councilRows();
    if (!q1 || !q2 || !q3 || !q4) throw new Error('no rows');
    await cell(q1.id, 'plannedPence').click();
    await cell(q4.id, 'plannedPence').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+d');
    await expect
      .poll(async () => (await councilRows()).map((r) => r.plannedPence))
      .toEqual([q1.plannedPence, q1.plannedPence, q1.plannedPence, q1.plannedPence]);

    await typeNote(q1.id, 'Agreed at board');
    await expect.poll(async () => (await councilRows())[0]?.note).toBe('Agreed at board');
    await typeNote(q3.id, 'Keep me');
    await expect.poll(async () => (await councilRows())[2]?.note).toBe('Keep me');
    await cell(q1.id, 'note').click();
    await cell(q4.id, 'note').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Fill only empty cells' }).click();
    await expect
      .poll(async () => (await councilRows()).map((r) => r.note))
      .toEqual(['Agreed at board', 'Agreed at board', 'Keep me', 'Agreed at board']);

    await typeAt(q1.id, 'plannedPence', '1234.56');
    await expect.poll(() => text(q1.id, 'plannedPence')).toBe('£1,234.56');
    await cell(q2.id, 'plannedPence').click();
    await cell(q2.id, 'plannedPence').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Copy previous quarter' }).click();
    await expect.poll(async () => (await councilRows())[1]?.plannedPence).toBe(123_456);
  });

  test('pasting past the last row adds rows', async () => {
    await open();
    const rows = await councilRows();
    const last = rows[rows.length - 1];
    if (!last) throw new Error('no rows');
    await cell(last.id, 'orgId').click();
    // The last row again (unchanged), then two new rows for the ICB.
    await paste(
      [
        `Northbridge Borough Council\tLocal Authority Better Care Grant\tQ4 (Jan-Mar)\t${formatPence(last.plannedPence).replace(/[£,]/g, '')}`,
        'nhs northbridge and vale icb\tNHS minimum contribution\tQ1\t500',
        'NHS Northbridge and Vale ICB\tnhs minimum contribution\t2\t600',
      ].join('\n'),
    );
    await expect
      .poll(async () => (await rowsNow()).filter((r) => r.orgId === icbId).map((r) => [r.source, r.quarter, r.plannedPence]))
      .toEqual([
        ['nhs_minimum', 1, 50_000],
        ['nhs_minimum', 2, 60_000],
      ]);
  });

  test('an undo that would overwrite someone else’s later change is refused, naming them', async () => {
    await open();
    const [q1] = await councilRows();
    if (!q1) throw new Error('no rows');
    await typeAt(q1.id, 'actualPence', '111');
    await expect.poll(() => text(q1.id, 'actualPence')).toBe('£111.00');
    // Someone else changes the same row afterwards.
    const other = await apiAs(server.url, 'council.finance@demo.test');
    const row = (await councilRows())[0];
    await other.mutate('contributions.update', { id: q1.id, version: row?.version, patch: { actualPence: 22_200 } });
    await cell(q1.id, 'note').click();
    await page.keyboard.press('Control+z');
    const alert = page.getByRole('alert').filter({ hasText: 'Cal Council-Finance (demo)' });
    await alert.waitFor();
    expect((await councilRows())[0]?.actualPence).toBe(22_200);
  });
});
