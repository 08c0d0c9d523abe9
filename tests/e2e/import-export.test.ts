// Import and export in a real Chromium (issue 4, item 7): a finance officer downloads the fund as CSV and as Excel,
// re-imports each file unchanged and is told nothing would change (a formula-looking note included), then imports a
// CSV with one changed amount, sees the change in the preview, imports it and sees it in the grid.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDelimited, toCsv } from '../../shared/csv';
import { EXPORT_HEADER } from '../../shared/import';
import { formatPence, penceToPlain } from '../../shared/money';
import type { Contribution, ContributionListRow, Fund } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('import and export in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let fund: Fund;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let noted: Contribution;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'admin@demo.test');
    ({ fund } = await demoBcfFund(api));
    // A note a spreadsheet would run as a formula if it were written out as it is.
    const [first] = await rowsNow();
    if (!first) throw new Error('no demo rows');
    noted = await api.mutate<Contribution>('contributions.update', {
      id: first.id,
      version: first.version,
      patch: { note: '=HYPERLINK("http://example.com","x")' },
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    await signIn(page, server.url, 'finance@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rowsNow = () => api.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
  const cell = (rowId: number, colId: string) => page.locator(`[row-id="${rowId}"] [col-id="${colId}"]`).first();

  async function openFund(): Promise<void> {
    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    await page.locator('.ag-row').first().waitFor();
  }

  /** Click an export link and keep the file it downloads. */
  async function download(name: 'Export CSV' | 'Export Excel'): Promise<{ file: string; suggested: string }> {
    const [event] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    const file = path.join(server.dir, event.suggestedFilename());
    await event.saveAs(file);
    return { file, suggested: event.suggestedFilename() };
  }

  /** Open the import dialog, choose a file and preview it with the guessed column mapping. */
  async function preview(file: string): Promise<void> {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: /Import contributions/ });
    await dialog.waitFor();
    await dialog.getByLabel('Spreadsheet file').setInputFiles(file);
    await dialog.getByTestId('import-file-summary').waitFor();
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByTestId('import-counts').waitFor();
  }

  test('Export CSV downloads the grid as CSV, with the formula-looking note neutralised', async () => {
    await openFund();
    const { file, suggested } = await download('Export CSV');
    expect(suggested).toBe('better-care-fund-2025-26-contributions.csv');
    const rows = parseDelimited(fs.readFileSync(file, 'utf8'));
    expect(rows[0]).toEqual([...EXPORT_HEADER]);
    expect(rows).toHaveLength((await rowsNow()).length + 1);
    expect(rows.some((r) => r[6] === `'=HYPERLINK("http://example.com","x")`)).toBe(true);
    expect(rows.every((r) => !/^[=+@]/.test(r[6] ?? ''))).toBe(true);
  });

  test('the exported CSV, imported unchanged, previews as no changes at all', async () => {
    await openFund();
    const { file } = await download('Export CSV');
    await preview(file);
    const count = (await rowsNow()).length;
    await expect
      .poll(() => page.getByTestId('import-counts').textContent())
      .toBe(`0 new rows0 changed rows${count} unchanged rows0 rows with errors`);
    await expect.poll(() => page.getByTestId('import-no-changes').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  test('Export Excel downloads a workbook of £ numbers that, imported unchanged, previews as no changes', async () => {
    await openFund();
    const { file, suggested } = await download('Export Excel');
    expect(suggested).toBe('better-care-fund-2025-26-contributions.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(String(sheet?.getCell('A2').value)).toMatch(/^Illustrative demo data/);
    expect(typeof sheet?.getCell('D4').value).toBe('number');
    expect(sheet?.getCell('D4').numFmt).toBe('"£"#,##0.00');

    await preview(file);
    const count = (await rowsNow()).length;
    // The header is found under the title, on row 3, and the variance column is left out of the mapping.
    await expect
      .poll(() => page.getByTestId('import-file-summary').textContent())
      .toBe(`Read ${suggested}: ${count} rows below the header on row 3.`);
    await expect
      .poll(() => page.getByTestId('import-counts').textContent())
      .toBe(`0 new rows0 changed rows${count} unchanged rows0 rows with errors`);
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  test('a CSV with one changed amount previews the change, imports as one step and shows in the grid', async () => {
    await openFund();
    const { file } = await download('Export CSV');
    const rows = parseDelimited(fs.readFileSync(file, 'utf8'));
    const before = await rowsNow();
    // The second data row, whatever it is: its planned amount becomes £4,321.09.
    const changedRow = rows[2];
    if (!changedRow) throw new Error('too few exported rows');
    const target = before[1];
    if (!target) throw new Error('too few rows');
    const oldPlanned = changedRow[3];
    changedRow[3] = '4321.09';
    const edited = path.join(server.dir, 'one-change.csv');
    fs.writeFileSync(edited, toCsv(rows));

    await preview(edited);
    await expect
      .poll(() => page.getByTestId('import-counts').textContent())
      .toBe(`0 new rows1 changed row${before.length - 1} unchanged rows0 rows with errors`);
    const change = page.locator('[data-row="3"] [data-field="plannedPence"]');
    expect(await change.textContent()).toBe(`Planned (£): ${formatPence(target.plannedPence)} → £4,321.09`);
    // The exported row is the grid's second row: the file and the fund list rows in the same order.
    expect(oldPlanned).toBe(penceToPlain(target.plannedPence));

    await page.getByRole('button', { name: 'Import 1 row' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Imported one-change.csv: 0 new and 1 changed rows.');
    await expect.poll(() => cell(target.id, 'plannedPence').textContent()).toBe('£4,321.09');
    const after = await rowsNow();
    expect(after.find((r) => r.id === target.id)).toMatchObject({ plannedPence: 432_109, version: target.version + 1 });
    // Every other row, the noted one included, is as it was.
    const others = (list: ContributionListRow[]) =>
      list.filter((r) => r.id !== target.id).map((r) => [r.id, r.version, r.plannedPence, r.note]);
    expect(others(after)).toEqual(others(before));
    expect(after.find((r) => r.id === noted.id)?.note).toBe('=HYPERLINK("http://example.com","x")');
  });
});
