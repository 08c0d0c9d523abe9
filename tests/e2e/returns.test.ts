// A quarterly return end to end (issue "Sign-off and returns", item 4) on the real server in Chromium: a finance officer
// opens the demo fund's Q2 return on its own page, answers a national condition and a metric, reads the spend figures
// on the page, downloads the workbook (read back with exceljs) and the PDF (read with pdftotext), and finds the same
// figures and answers in both.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence, penceToPlain } from '../../shared/money';
import type { ReturnView } from '../../server/services/returns';
import { RETURN_HEADER_ROW } from '../../server/returns/workbook';
import { pdfPages, pdftotextAvailable } from '../support/pdf-text';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';
import { seriousViolations } from '../support/axe';

const run = browserAvailable() && pdftotextAvailable();

describe.runIf(run)('the Q2 return in Chromium, as a finance officer', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let fundId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'finance@demo.test');
    ({
      fund: { id: fundId },
    } = await demoBcfFund(api));
    // bypassCSP only so axe can be injected; the app's own scripts run as always.
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    page = await context.newPage();
    await signIn(page, server.url, 'finance@demo.test');
    await page.goto(`${server.url}/funds/${fundId}/returns/q2`);
    await page.getByRole('heading', { level: 1, name: /^Q2 return/ }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  test('answers a condition and a metric, each saved at once and shown as saved', async () => {
    const nc1 = page.getByRole('form', { name: 'Return: national condition NC1' });
    // A No needs commentary: refused at the field, nothing sent.
    await nc1.getByRole('radio', { name: 'No' }).check();
    await nc1.getByRole('button', { name: 'Save NC1' }).click();
    await expect.poll(() => nc1.getByRole('alert').textContent()).toBe('Commentary is required when the answer is No');
    await nc1.getByRole('radio', { name: 'Yes' }).check();
    await nc1.getByLabel('Commentary for NC1').fill('Plan agreed by the HWB on 14 April');
    await nc1.getByRole('button', { name: 'Save NC1' }).click();
    await expect.poll(() => nc1.getByText(/^Saved: /).textContent()).toBe('Saved: Yes');

    const view = await api.query<ReturnView>('returns.get', { fundId, kind: 'q2' });
    const metric = view.document.metrics[0];
    expect(metric).toBeDefined();
    const form = page.getByRole('form', { name: `Return: metric ${metric?.name ?? ''}` });
    const rating = metric?.derived === 'on_track' ? 'Not on track' : 'On track';
    await form.getByLabel('Rating').selectOption({ label: rating });
    await form.getByLabel('Challenges').fill('Winter pressures');
    await form.getByLabel('Achievements').fill('Zoë’s Care – Bûcher Lodge');
    await form.getByRole('button', { name: `Save ${metric?.name ?? ''}` }).click();

    await expect
      .poll(async () => (await api.query<ReturnView>('returns.get', { fundId, kind: 'q2' })).document.metrics[0]?.challenges)
      .toBe('Winter pressures');
    const after = await api.query<ReturnView>('returns.get', { fundId, kind: 'q2' });
    expect(after.document.conditions[0]).toMatchObject({ met: 'yes', commentary: 'Plan agreed by the HWB on 14 April' });
    expect(after.document.metrics[0]).toMatchObject({ rated: true, rating: rating === 'On track' ? 'on_track' : 'not_on_track' });
    await expect
      .poll(() =>
        page
          .getByRole('form', { name: `Return: metric ${metric?.name ?? ''}` })
          .getByLabel('Rating')
          .inputValue(),
      )
      .toBe(rating === 'On track' ? 'on_track' : 'not_on_track');
  });

  test('the page, the workbook and the PDF hold the same spend figures and answers', async () => {
    const { document } = await api.query<ReturnView>('returns.get', { fundId, kind: 'q2' });
    const total = document.spendTotal;
    const scheme = document.spendByScheme[0];
    const stream = document.spendByStream[0];
    if (!scheme || !stream) throw new Error('the demo fund has no schemes');

    // The page: the totals row and the first scheme's row, as formatPence writes them.
    const byScheme = page.getByTestId('return-spendByScheme');
    const cells = async (row: ReturnType<Page['getByRole']>) => (await row.locator('th, td').allTextContents()).map((t) => t.trim());
    expect(await cells(byScheme.getByRole('row', { name: /^Total/ }))).toEqual([
      'Total',
      '',
      formatPence(total.plannedToDatePence),
      formatPence(total.actualToDatePence),
      formatPence(total.variancePence),
    ]);
    expect(await cells(byScheme.getByRole('row').nth(1))).toEqual([
      scheme.code,
      scheme.name,
      formatPence(scheme.plannedToDatePence),
      formatPence(scheme.actualToDatePence),
      formatPence(scheme.variancePence),
    ]);
    const byStream = page.getByTestId('return-spendByStream');
    expect(await cells(byStream.getByRole('row').nth(1))).toEqual([
      stream.name,
      formatPence(stream.plannedToDatePence),
      formatPence(stream.actualToDatePence),
      formatPence(stream.variancePence),
    ]);

    // The workbook: a sheet per part, the same figures as numbers in £.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download workbook' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('northbridge-better-care-fund-2025-26-q2-return.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Conditions', 'Metrics', 'Spend by scheme', 'Spend by stream']);
    const sheet = workbook.getWorksheet('Spend by scheme');
    const last = RETURN_HEADER_ROW + document.spendByScheme.length + 1;
    const pounds = (pence: number) => Number(penceToPlain(pence));
    expect([3, 4, 5].map((c) => sheet?.getRow(last).getCell(c).value)).toEqual([
      pounds(total.plannedToDatePence),
      pounds(total.actualToDatePence),
      pounds(total.variancePence),
    ]);
    expect([1, 2, 3, 4, 5].map((c) => sheet?.getRow(RETURN_HEADER_ROW + 1).getCell(c).value)).toEqual([
      scheme.code,
      scheme.name,
      pounds(scheme.plannedToDatePence),
      pounds(scheme.actualToDatePence),
      pounds(scheme.variancePence),
    ]);
    const conditions = workbook.getWorksheet('Conditions');
    expect([3, 4].map((c) => conditions?.getRow(RETURN_HEADER_ROW + 1).getCell(c).value)).toEqual([
      'Yes',
      'Plan agreed by the HWB on 14 April',
    ]);

    // The PDF: the same figures as the page writes them, and the answers as typed.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe('northbridge-better-care-fund-2025-26-q2-return.pdf');
    const text = (await pdfPages(fs.readFileSync(await pdf.path()), { layout: true })).join('\n');
    for (const pence of [
      total.plannedToDatePence,
      total.actualToDatePence,
      total.variancePence,
      scheme.actualToDatePence,
      stream.plannedToDatePence,
    ]) {
      expect(text).toContain(formatPence(pence));
    }
    expect(text).toContain('Winter pressures');
    const plain = (await pdfPages(fs.readFileSync(await pdf.path()))).join('\n');
    expect(plain).toContain('Zoë’s Care – Bûcher Lodge');
  });

  test('the page is axe-clean; a board member reads the answers as tables, with no form to change them', async () => {
    expect(await seriousViolations(page)).toEqual([]);

    const boardContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const board = await boardContext.newPage();
      await signIn(board, server.url, 'board@demo.test');
      await board.goto(`${server.url}/funds/${fundId}/returns/q2`);
      const conditions = board.getByTestId('return-conditions');
      await conditions.waitFor();
      expect(await board.getByRole('form').count()).toBe(0);
      const nc1 = conditions.getByRole('row', { name: /^NC1/ });
      expect((await nc1.locator('td').allTextContents()).slice(1)).toEqual(['Yes', 'Plan agreed by the HWB on 14 April']);
      await board.getByTestId('return-metrics').getByText('Winter pressures').waitFor();
    } finally {
      await boardContext.close();
    }
  });
});
