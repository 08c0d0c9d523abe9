// The board pack end to end (issue 7, item 5) on the real server in Chromium: a board member opens the print page of
// the demo partnership (every section, the API's figures, axe-clean), prints it (A4 landscape, a page per section, the
// header on every page), and downloads the PDF (read back with pdftotext) and the Excel workbook.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BOARD_PACK_SECTIONS, type BoardReport } from '../../shared/board-report';
import { formatPence, penceToPlain } from '../../shared/money';
import { formatPerPound } from '../../shared/roi';
import { EXCEL_FORMATS } from '../../shared/wording';
import { BOARD_PACK_HEADER_ROW } from '../../server/board-pack/workbook';
import { linesOf, pdfInfo, pdfPages, pdftotextAvailable } from '../support/pdf-text';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';
import { seriousViolations } from '../support/axe';

const run = browserAvailable() && pdftotextAvailable();
const TITLES: string[] = BOARD_PACK_SECTIONS.map((s) => s.title);

/** The section each page of a PDF starts with: the first line that is a section title (after the running header). */
function sectionsOfPages(pages: string[]): string[] {
  return pages.map((page) => {
    const title = linesOf(page)
      .slice(0, 12)
      .map((l) => l.replace(/ \(continued\)$/, ''))
      .find((l) => TITLES.includes(l));
    return title ?? '';
  });
}

describe.runIf(run)('the board pack in Chromium, as a board member', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let report: BoardReport;
  let packUrl = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const api = await apiAs(server.url, 'board@demo.test');
    const { partnership, fund } = await demoBcfFund(api);
    report = await api.query<BoardReport>('reports.board', {
      partnershipId: partnership.id,
      fundId: fund.id,
      fromQuarter: 1,
      toQuarter: 4,
    });
    packUrl = `${server.url}/partnerships/${partnership.id}/board-pack?fund=${fund.id}&from=1&to=4`;
    // bypassCSP only so axe can be injected; the app's own scripts run as always.
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    page = await context.newPage();
    await signIn(page, server.url, 'board@demo.test');
    await page.goto(packUrl);
    await page.getByRole('heading', { level: 1, name: /^Board pack: / }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  test('the print page shows every section with the figures the API gives, and is axe-clean', async () => {
    expect(report.partnership.isDemo).toBe(true);
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual(TITLES);
    await expect
      .poll(() => page.getByTestId('board-pack-fund').textContent())
      .toBe(`Fund: ${report.fund.name} ${report.fund.financialYear}, Q1 to Q4`);
    await page.getByText('Illustrative demo data:').waitFor();

    const summary = page.getByTestId('board-pack-summary');
    expect(
      await summary
        .getByRole('row', { name: /^Pooled total/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe(formatPence(report.tiles.pooledPence));
    const spent = report.tiles.savedPerPoundBp;
    if (spent !== null) {
      expect(
        await summary
          .getByRole('row', { name: /^Savings per £1/ })
          .getByRole('cell')
          .first()
          .textContent(),
      ).toBe(formatPerPound(spent));
    }
    const planned = report.contributionsByQuarter.flatMap((q) => q.partners.map((p) => p.plannedPence)).reduce((a, b) => a + b, 0);
    const all = page.getByTestId('board-pack-contributions').getByRole('row', { name: /^All partners/ });
    expect(await all.getByRole('cell').nth(1).textContent()).toBe(formatPence(planned));
    const scheme = report.schemeReturns[0];
    if (!scheme) throw new Error('the demo fund has appraised schemes');
    const row = page
      .getByTestId('board-pack-returns')
      .getByRole('row', { name: new RegExp(scheme.name) })
      .first();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe(formatPence(scheme.costPence));
    // Every ROI figure lists its evidence.
    for (const e of scheme.evidence) await page.getByTestId('board-pack-returns').getByText(e.claim).first().waitFor();

    expect(await seriousViolations(page)).toEqual([]);
  });

  test('printed, it is A4 landscape, each section starting a page, with the partnership, fund and date on every page', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const info = await pdfInfo(pdf);
    // A4 is 841.89 x 595.28 points; Chromium rounds to its own pixel grid (841.92 x 594.96).
    const [width = 0, height = 0] = (/^([\d.]+) x ([\d.]+) pts/.exec(info['Page size'] ?? '') ?? []).slice(1).map(Number);
    expect(Math.abs(width - 841.89), `width of ${info['Page size']}`).toBeLessThan(1);
    expect(Math.abs(height - 595.28), `height of ${info['Page size']}`).toBeLessThan(1);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(TITLES.length);
    const starts = sectionsOfPages(pages).filter((t) => t !== '');
    expect([...new Set(starts)]).toEqual(TITLES);
    for (const [i, text] of pages.entries()) {
      const flat = text.replace(/\s+/g, ' ');
      expect(flat, `printed page ${i + 1}`).toContain(
        `${report.partnership.name}: ${report.fund.name} ${report.fund.financialYear}, Q1 to Q4`,
      );
      expect(flat, `printed page ${i + 1}`).toMatch(/Board pack, \d{1,2} [A-Z][a-z]+ \d{4}/);
      expect(flat, `printed page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    }
    // The buttons and the app's header are not printed.
    expect(pages.join('\n')).not.toContain('Download PDF');
    expect(pages.join('\n')).not.toContain('Sign out');
  });

  test('"Download PDF" gives the server-made pack: at least a page per section, each titled, with the figures', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download PDF/ }).click()]);
    expect(download.suggestedFilename()).toBe('northbridge-better-care-fund-better-care-fund-2025-26-q1-q4-board-pack.pdf');
    const file = await download.path();
    const pdf = fs.readFileSync(file);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(TITLES.length);
    const starts = sectionsOfPages(pages);
    expect(
      starts.every((t) => t !== ''),
      'every page starts with a section title',
    ).toBe(true);
    expect([...new Set(starts)]).toEqual(TITLES);
    for (const [i, text] of pages.entries()) {
      expect(text, `page ${i + 1}`).toContain(`Fund: ${report.fund.name} ${report.fund.financialYear}, Q1 to Q4`);
      expect(text, `page ${i + 1}`).toContain('Illustrative demo data');
    }
    const summary = (pages[0] ?? '').replace(/\s+/g, ' ');
    expect(summary).toContain(formatPence(report.tiles.pooledPence));
    expect(summary).toContain(formatPence(report.tiles.spentToDate.actualPence));
  });

  test('"Download Excel" gives a sheet per section with the figures as £ numbers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+-board-pack\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(TITLES);
    const pooled = workbook.getWorksheet('Summary')?.getCell('B4');
    expect(pooled?.value).toBe(Number(penceToPlain(report.tiles.pooledPence)));
    expect(pooled?.numFmt).toBe(EXCEL_FORMATS.money);
  });

  test('Q4 not yet reported (issue 21): the page, the PDF and the Excel say so, with no £0.00 actual and no variance for it', async () => {
    const q4 = report.spendByQuarter.find((q) => q.quarter === 4);
    if (!q4) throw new Error('the demo report has a Q4');
    expect(q4.actualPence, 'the demo’s Q4 spend is not in yet').toBeNull();
    const spent = report.tiles.spentToDate;
    const wrongVariance = formatPence(-q4.plannedPence);
    const q4Planned = formatPence(q4.plannedPence);

    // The page.
    const section = page.getByTestId('board-pack-spend');
    const rowCells = (name: string) =>
      section
        .getByRole('row', { name: new RegExp(`^${name}`) })
        .first()
        .locator('th, td')
        .allTextContents();
    expect(await rowCells('Q4')).toEqual(['Q4', q4Planned, 'Not yet reported', '—']);
    expect(await rowCells('Q1–Q3 actual')).toEqual([
      'Q1–Q3 actual',
      formatPence(spent.plannedPence),
      formatPence(spent.actualPence),
      formatPence(spent.variancePence),
    ]);
    expect(await rowCells('Planned, Q1 to Q4')).toEqual([
      'Planned, Q1 to Q4',
      formatPence(spent.periodPlannedPence),
      'Q4 not yet reported',
      '',
    ]);
    const pageText = (await section.textContent()) ?? '';
    expect(pageText).not.toContain('£0.00');
    expect(pageText).not.toContain(wrongVariance);
    expect(pageText).toContain('Q4 not yet reported: totals of actual cover Q1–Q3 only');
    expect(
      await page
        .getByTestId('board-pack-summary')
        .getByRole('row', { name: /^Spent to date/ })
        .locator('th')
        .textContent(),
    ).toBe('Spent to date (Q1–Q3 actual)');

    // The PDF, read back with pdftotext, its spend page row by row.
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download PDF/ }).click()]);
    const pages = await pdfPages(fs.readFileSync(await pdfDownload.path()), { layout: true });
    const spendPages = pages.filter((_, i) => sectionsOfPages(pages)[i] === 'Spend against plan');
    const lines = spendPages.flatMap((p) => linesOf(p).map((l) => l.replace(/\s+/g, ' ')));
    expect(lines).toContain(`Q4 ${q4Planned} Not yet reported —`);
    expect(lines).toContain(
      `Q1–Q3 actual ${formatPence(spent.plannedPence)} ${formatPence(spent.actualPence)} ${formatPence(spent.variancePence)}`,
    );
    expect(lines).toContain(`Planned, Q1 to Q4 ${formatPence(spent.periodPlannedPence)} Q4 not yet reported`);
    const pdfText = spendPages.join('\n');
    expect(pdfText).not.toContain('£0.00');
    expect(pdfText).not.toContain(wrongVariance);

    // The Excel: Q4's actual and variance are blank cells with a note, never 0.
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download Excel/ }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsxDownload.path());
    const sheet = workbook.getWorksheet('Spend against plan');
    if (!sheet) throw new Error('no spend sheet');
    const rows = Array.from({ length: 6 }, (_, i) => sheet.getRow(BOARD_PACK_HEADER_ROW + 1 + i));
    const values = rows.map((r) => [1, 2, 3, 4].map((c) => r.getCell(c).value));
    expect(values[3]).toEqual(['Q4', Number(penceToPlain(q4.plannedPence)), null, null]);
    const note = rows[3]?.getCell(3).note;
    expect(typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('')).toBe(
      'Q4 actual not yet reported: left blank, not £0',
    );
    expect(values[4]).toEqual([
      'Q1–Q3 actual',
      Number(penceToPlain(spent.plannedPence)),
      Number(penceToPlain(spent.actualPence)),
      Number(penceToPlain(spent.variancePence)),
    ]);
    expect(values[5]).toEqual(['Planned, Q1 to Q4', Number(penceToPlain(spent.periodPlannedPence)), null, null]);
    expect(values.flat()).not.toContain(0);
    expect(values.flat()).not.toContain(-Number(penceToPlain(q4.plannedPence)));
  });

  test('a hostile partnership name is text everywhere: the page, the printed header and the PDF', async () => {
    const admin = await apiAs(server.url, 'admin@demo.test');
    const orgs = await admin.query<{ id: number }[]>('orgs.list');
    const hostile = `<img src=x onerror="document.title='owned'"> "; } body { display: none } @page { size: A5 } /*`;
    const created = await admin.mutate<{ id: number }>('partnerships.create', {
      name: hostile,
      arrangement: 'pooled_fund',
      memberOrgIds: orgs.slice(0, 1).map((o) => o.id),
    });
    const fund = await admin.mutate<{ id: number }>('funds.create', { partnershipId: created.id, name: 'Pool', financialYear: '2025/26' });
    const adminContext = await browser.newContext({ acceptDownloads: true });
    try {
      const adminPage = await adminContext.newPage();
      await signIn(adminPage, server.url, 'admin@demo.test');
      await adminPage.goto(`${server.url}/partnerships/${created.id}/board-pack?fund=${fund.id}`);
      await adminPage.getByRole('heading', { level: 1, name: `Board pack: ${hostile}` }).waitFor();
      expect(await adminPage.locator('img').count()).toBe(0);
      expect(await adminPage.title()).not.toBe('owned');
      await adminPage.emulateMedia({ media: 'print' });
      const printed = await adminPage.pdf({ preferCSSPageSize: true });
      await adminPage.emulateMedia({ media: 'screen' });
      // Still A4 landscape: the name's "@page { size: A5 }" stayed inside a CSS string.
      expect((await pdfInfo(printed))['Page size']).toMatch(/^841\.\d+ x 59\d\.\d+ pts/);
      const printedPages = await pdfPages(printed);
      expect(printedPages.length).toBeGreaterThanOrEqual(TITLES.length);
      for (const text of printedPages) expect(text.replace(/\s+/g, ' ')).toContain(`${hostile}: Pool 2025/26, Q1 to Q4`);

      const [download] = await Promise.all([
        adminPage.waitForEvent('download'),
        adminPage.getByRole('link', { name: /^Download PDF/ }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+-pool-2025-26-q1-q4-board-pack\.pdf$/);
      const pages = await pdfPages(fs.readFileSync(await download.path()));
      expect([...new Set(sectionsOfPages(pages))]).toEqual(TITLES);
      // In the running header of every page, and in full on the summary.
      expect((pages[0] ?? '').replace(/\s+/g, ' ')).toContain(`${hostile}: Pool 2025/26, Q1 to Q4.`);
      for (const text of pages) expect(linesOf(text).slice(0, 4)).toContain(hostile);
    } finally {
      await adminContext.close();
    }
  });

  test('signed out, the download is refused with 401', async () => {
    const res = await fetch(`${server.url}/export/partnerships/${report.partnership.id}/board-pack.pdf`);
    expect(res.status).toBe(401);
  });
});
