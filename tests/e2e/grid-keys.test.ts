// End to end in Chromium: keys that never go silent (each says on the status line under the grid why it did nothing),
// paste on the totals row (adds rows in one save and one undo step), a selection's Sum, Average and Count, and the
// list of shortcuts opened with `?`, which must match the README's table row for row.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readmeShortcutRows } from '../../client/components/sheet/shortcuts';
import { formatPence } from '../../shared/money';
import type { ContributionListRow, Fund, Organisation, Partnership } from '../../shared/types';
import { apiAs, browserAvailable, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();
const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md');

describe.runIf(run)('keys in the grid', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let fund: Fund;
  let councilId: number;
  let icbId: number;

  // Planned and actual of the council's four quarters: odd pence, so an average that is not exact must be rounded.
  const PLANNED = [123_456, 234_567, 345_678, 456_789];
  const ACTUAL = [1, 2, 4, 8];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiAs(server.url, 'admin@demo.test');
    const bcf = (await admin.query<Partnership[]>('partnerships.list')).find((p) => p.name === 'Northbridge Better Care Fund');
    if (!bcf) throw new Error('demo BCF missing');
    fund = await admin.mutate<Fund>('funds.create', { partnershipId: bcf.id, name: 'Grid keys test', financialYear: '2027/28' });
    const orgs = await admin.query<Organisation[]>('orgs.list');
    councilId = orgs.find((o) => o.name === 'Northbridge Borough Council')?.id ?? 0;
    icbId = orgs.find((o) => o.name === 'NHS Northbridge and Vale ICB')?.id ?? 0;
    await admin.mutate('contributions.applyBatch', {
      fundId: fund.id,
      changes: [
        ...[1, 2, 3, 4].map((quarter) => ({
          op: 'create',
          values: {
            orgId: councilId,
            source: 'la_better_care_grant',
            quarter,
            plannedPence: PLANNED[quarter - 1],
            actualPence: ACTUAL[quarter - 1],
          },
        })),
        { op: 'create', values: { orgId: icbId, source: 'nhs_minimum', quarter: 1, plannedPence: 900_000, actualPence: 0 } },
        { op: 'create', values: { orgId: icbId, source: 'nhs_minimum', quarter: 2, plannedPence: 800_000, actualPence: 0 } },
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rowsNow = async () =>
    (await admin.query<ContributionListRow[]>('contributions.list', { fundId: fund.id })).sort(
      (a, b) => a.orgId - b.orgId || a.source.localeCompare(b.source) || a.quarter - b.quarter,
    );
  const cell = (rowId: number, colId: string) => page.locator(`[row-id="${rowId}"] [col-id="${colId}"]`).first();
  const totalCell = (colId: string) => page.locator(`[row-id="total"] [col-id="${colId}"]`).first();
  const status = () => page.getByTestId('sheet-status').textContent();
  const message = () => page.getByTestId('sheet-message').textContent();

  async function openAs(email: string): Promise<void> {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page, server.url, email);
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    await page.locator('.ag-row').first().waitFor();
  }

  async function paste(tsv: string): Promise<void> {
    await page.evaluate((data) => {
      const transfer = new DataTransfer();
      if (data !== '') transfer.setData('text/plain', data);
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, tsv);
  }

  test('the status line sums a 3x2 block exactly, live as the selection grows, and is a polite live region', async () => {
    await openAs('finance@demo.test');
    const council = (await rowsNow()).filter((r) => r.orgId === councilId);
    const [q1, , q3] = council;
    if (!q1 || !q3) throw new Error('no rows');
    expect(await page.getByTestId('sheet-status').getAttribute('aria-live')).toBe('polite');
    expect(await page.getByTestId('sheet-status').getAttribute('role')).toBe('status');

    // Planned and actual of Q1 to Q3, worked out by hand:
    // 1,234.56 + 2,345.67 + 3,456.78 + 0.01 + 0.02 + 0.04 = 7,037.08; its sixth is 1,172.8466… -> £1,172.85.
    await cell(q1.id, 'plannedPence').click();
    await cell(q3.id, 'actualPence').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-stats').textContent()).toBe('Sum: £7,037.08  Average: £1,172.85  Count: 6');
    expect(await page.getByTestId('selection-size').textContent()).toBe('6 cells selected');

    // Shift+Down takes in Q4 (4,567.89 and 0.08): 11,605.05 over 8 is 1,450.63125 -> £1,450.63.
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.getByTestId('selection-stats').textContent()).toBe('Sum: £11,605.05  Average: £1,450.63  Count: 8');

    // Shift+Right into the computed variance: it is money too. Variance = actual - planned, so the third column adds
    // (0.01+0.02+0.04+0.08) - (1,234.56+2,345.67+3,456.78+4,567.89) = -11,604.75; the total is 0.30 over 12 cells.
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.getByTestId('selection-stats').textContent()).toBe('Sum: £0.30  Average: £0.03  Count: 12');

    // One cell alone: no sum (as Excel), and moving without Shift collapses the selection.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('selection-stats').count()).toBe(0);

    // Ctrl+A: every cell shown. Planned + variance = actual on each row, so the money adds up to twice the actuals;
    // every row has a partner, source, quarter, planned, actual and variance, and no note.
    const all = await rowsNow();
    const twiceActual = all.reduce((sum, r) => sum + 2 * r.actualPence, 0);
    expect(all.every((r) => r.note === '')).toBe(true);
    await page.keyboard.press('Control+a');
    await expect
      .poll(() => page.getByTestId('selection-stats').textContent())
      .toMatch(new RegExp(`^Sum: ${formatPence(twiceActual).replace(/[.$£]/g, '\\$&')} .* Count: ${all.length * 6}$`));
  });

  test('keys that cannot act say why on the status line', async () => {
    await openAs('council.finance@demo.test');
    const rows = await rowsNow();
    const q1 = rows.find((r) => r.orgId === councilId && r.quarter === 1);
    const icb1 = rows.find((r) => r.orgId === icbId && r.quarter === 1);
    if (!q1 || !icb1) throw new Error('no rows');

    // Nothing of this person's to undo or redo in this fund.
    await cell(q1.id, 'plannedPence').click();
    await page.keyboard.press('Control+z');
    await expect.poll(message).toBe('Nothing of yours to undo here');
    await page.keyboard.press('Control+y');
    await expect.poll(message).toBe('Nothing to redo');

    // Typing into a computed cell.
    await cell(q1.id, 'variancePence').click();
    await page.keyboard.press('5');
    await expect.poll(message).toBe('Variance (£) is worked out by the tool and cannot be typed in');

    // Typing into, and Delete on, the ICB's row, which this council officer may read but not change.
    await cell(icb1.id, 'plannedPence').click();
    await page.keyboard.press('7');
    await expect.poll(message).toMatch(/NHS Northbridge and Vale ICB/);
    await page.keyboard.press('Delete');
    await expect.poll(message).toMatch(/^Not saved: .*NHS Northbridge and Vale ICB/);
    await page.getByTestId('grid-errors').waitFor();

    // Ctrl+D with one row selected.
    await cell(q1.id, 'plannedPence').click();
    await page.keyboard.press('Control+d');
    await expect
      .poll(message)
      .toBe('Fill down copies the top row of the selection into the rows below it: select two rows or more first (Shift+Down)');

    // Fill down aimed at the ICB's rows: the council's Q4 down into the ICB's rows below it, refused with the reason.
    const q4 = rows.find((r) => r.orgId === councilId && r.quarter === 4);
    if (!q4) throw new Error('no Q4');
    await cell(q4.id, 'plannedPence').click();
    await cell(icb1.id, 'plannedPence').click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Fill down' }).click();
    await expect.poll(message).toMatch(/^Not saved: .*NHS Northbridge and Vale ICB/);
    expect(await rowsNow()).toEqual(rows);

    // Ctrl+S, from the habit of saving a spreadsheet: nothing to save, and no browser dialog.
    await cell(q1.id, 'plannedPence').click();
    await page.keyboard.press('Control+s');
    await expect.poll(message).toBe('Nothing to save: each change is saved when you press Enter, paste or fill');

    // Ctrl+V with nothing on the clipboard.
    await paste('');
    await expect.poll(message).toMatch(/^Nothing to paste/);

    // Delete on the totals row.
    await totalCell('plannedPence').click();
    await page.keyboard.press('Delete');
    await expect.poll(message).toMatch(/^The totals row adds up the rows above it/);

    // The next key that works clears the message.
    await cell(q1.id, 'plannedPence').click();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('sheet-message').count()).toBe(0);
    expect(await rowsNow()).toEqual(rows);
  });

  test('Ctrl+V on the totals row adds the rows, in one save and one undo step', async () => {
    await openAs('finance@demo.test');
    const before = await rowsNow();
    await totalCell('orgId').click();
    await paste(
      [
        'NHS Northbridge and Vale ICB\tNHS minimum contribution\tQ3\t700\t70',
        'NHS Northbridge and Vale ICB\tNHS minimum contribution\tQ4\t800\t80',
      ].join('\r\n'),
    );
    const added = async () =>
      (await rowsNow())
        .filter((r) => !before.some((b) => b.id === r.id))
        .map((r) => [r.orgId, r.source, r.quarter, r.plannedPence, r.actualPence]);
    await expect.poll(added).toEqual([
      [icbId, 'nhs_minimum', 3, 70_000, 7_000],
      [icbId, 'nhs_minimum', 4, 80_000, 8_000],
    ]);
    // One undo step takes both rows away.
    await expect.poll(() => page.getByRole('button', { name: 'Undo', exact: true }).isEnabled()).toBe(true);
    await totalCell('plannedPence').click();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await rowsNow()).map((r) => r.id)).toEqual(before.map((r) => r.id));
  });

  test('Ctrl+X copies the cell and clears it in one save, which one undo puts back', async () => {
    await openAs('finance@demo.test');
    const q4 = (await rowsNow()).find((r) => r.orgId === councilId && r.quarter === 4);
    if (!q4) throw new Error('no Q4');
    await cell(q4.id, 'plannedPence').click();
    await page.evaluate(() => {
      const w = window as unknown as { cut?: string };
      document.addEventListener('cut', (e) => (w.cut = e.clipboardData?.getData('text/plain')), { once: true });
    });
    await page.keyboard.press('Control+x');
    await expect.poll(async () => (await rowsNow()).find((r) => r.id === q4.id)?.plannedPence).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { cut?: string }).cut)).toBe('4567.89\r\n');
    await expect.poll(() => page.getByRole('button', { name: 'Undo', exact: true }).isEnabled()).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await rowsNow()).find((r) => r.id === q4.id)?.plannedPence).toBe(456_789);
  });

  test('`?` opens the list of every shortcut, the same rows as the README; Esc closes it and the focus comes back', async () => {
    await openAs('finance@demo.test');
    const [first] = await rowsNow();
    if (!first) throw new Error('no rows');
    await cell(first.id, 'plannedPence').click();
    await page.keyboard.press('?');
    const dialog = page.getByTestId('shortcuts-dialog');
    await dialog.waitFor();
    // `?` opened the list, not an editor with "?" in it.
    expect(await page.locator('.money-editor').count()).toBe(0);
    const shown = await dialog
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    const readme = readmeShortcutRows(fs.readFileSync(README, 'utf8'));
    expect(readme.length).toBeGreaterThan(8);
    expect(shown).toEqual(readme);
    // The list is a modal dialog holding the focus.
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(
      await page.evaluate(() => {
        const el = document.activeElement;
        return `${el?.closest('[row-id]')?.getAttribute('row-id')}/${el?.closest('[col-id]')?.getAttribute('col-id')}`;
      }),
    ).toBe(`${first.id}/plannedPence`);

    // From outside the grid too (the page's body), and from the toolbar's "Keyboard" button, which gets the focus back.
    await page.locator('h1').click();
    await page.keyboard.press('?');
    await dialog.waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    const button = page.getByRole('button', { name: 'Keyboard' });
    await button.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keyboard');

    // In a field, `?` is typed, not taken: a cell's editor keeps it.
    await cell(first.id, 'note').click();
    await page.keyboard.press('F2');
    const editor = page.locator('.ag-popup-editor textarea');
    await editor.waitFor();
    await page.keyboard.type('why?');
    expect(await editor.inputValue()).toBe('why?');
    expect(await dialog.count()).toBe(0);
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });

    // On a note cell this person can type in, `?` starts the note, as typing any letter does (the list is one
    // "Keyboard" click away); on a figure it opens the list, as above.
    await cell(first.id, 'note').click();
    await page.keyboard.press('?');
    await editor.waitFor();
    expect(await editor.inputValue()).toBe('?');
    expect(await dialog.count()).toBe(0);
    await page.keyboard.press('Escape');
  });
});
