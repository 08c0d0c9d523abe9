// One wording for each idea (issue 22, item 2), end to end on the demo data: the Outcomes page, the board pack page, its
// PDF (read with pdftotext) and its Excel (read with exceljs: values and number formats) say payback the same way, show
// a ratio and a metric value with the same decimals, and a negative variance is red on National as on the board pack.
// Every expected text comes from shared/wording.ts, the table all of them draw on.
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BoardReport, MetricTrend, SchemeReturn } from '../../shared/board-report';
import type { Outcome } from '../../shared/outcome-types';
import type { NationalRollup } from '../../shared/national';
import { formatPence } from '../../shared/money';
import { EXCEL_FORMATS, metricValueText, NEGATIVE_CLASS, paybackText, ratioText, WORDS } from '../../shared/wording';
import { BOARD_PACK_HEADER_ROW } from '../../server/board-pack/workbook';
import { pdfPages, pdftotextAvailable } from '../support/pdf-text';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable() && pdftotextAvailable();

/** A PDF page's lines with their runs of spaces made one, as pdftotext -layout lays a table row on one line. */
const flatLines = (page: string) => page.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));

describe.runIf(run)('one wording for each idea, on the page, in the PDF and in the Excel', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let report: BoardReport;
  let fundId = 0;
  let packPath = '';
  let pdfLines: string[] = [];
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const api = await apiAs(server.url, 'board@demo.test');
    const { partnership, fund } = await demoBcfFund(api);
    fundId = fund.id;
    report = await api.query<BoardReport>('reports.board', {
      partnershipId: partnership.id,
      fundId: fund.id,
      fromQuarter: 1,
      toQuarter: 4,
    });
    packPath = `/partnerships/${partnership.id}/board-pack?fund=${fund.id}&from=1&to=4`;
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    page = await context.newPage();
    await signIn(page, server.url, 'board@demo.test');
    // The files as the board pack's links give them, with the board member's session.
    const files = `${server.url}/export/partnerships/${partnership.id}/board-pack`;
    const query = `?fund=${fund.id}&from=1&to=4`;
    const pdf = await page.request.get(`${files}.pdf${query}`);
    expect(pdf.status()).toBe(200);
    pdfLines = (await pdfPages(await pdf.body(), { layout: true })).flatMap(flatLines);
    const xlsx = await page.request.get(`${files}.xlsx${query}`);
    expect(xlsx.status()).toBe(200);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  const sheet = (name: string) => {
    const found = workbook.getWorksheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };
  /** The data row of a sheet whose first cells are `cells` (the header row and the titles above it skipped). */
  const sheetRow = (name: string, match: (row: ExcelJS.Row) => boolean): ExcelJS.Row => {
    const s = sheet(name);
    for (let r = BOARD_PACK_HEADER_ROW + 1; r <= s.rowCount; r += 1) if (match(s.getRow(r))) return s.getRow(r);
    throw new Error(`no such row on ${name}`);
  };
  const returnRow = (s: SchemeReturn) => sheetRow('Return on investment', (r) => r.getCell(2).value === s.name);
  /** The PDF's table row of a scheme (its code and name lead the line). */
  const pdfRow = (s: SchemeReturn) => {
    const at = pdfLines.findIndex((l) => l.startsWith(`${s.code} ${s.name}`));
    expect(at, `${s.code} in the PDF`).toBeGreaterThanOrEqual(0);
    // A payback in words may wrap in its narrow column: the rest is on the next line, on its own at the line's end.
    return { line: pdfLines[at] ?? '', next: pdfLines[at + 1] ?? '' };
  };

  test('payback: "Year n" or "Not within the years appraised" on Outcomes, the board pack page, its PDF and its Excel', async () => {
    const schemes = report.schemeReturns;
    expect(schemes.length, 'the demo fund has appraised schemes').toBeGreaterThan(0);
    expect(
      schemes.some((s) => s.paybackYear !== null),
      'the demo has a scheme that pays back',
    ).toBe(true);

    // Outcomes.
    await page.goto(`${server.url}/funds/${fundId}/outcomes`);
    const outcomes = page.getByTestId('scheme-returns');
    await outcomes.waitFor();
    for (const s of schemes) {
      const row = outcomes.locator('tbody tr', { hasText: `${s.code} ${s.name}` });
      expect(await row.getByTestId('payback').textContent(), `${s.code} on Outcomes`).toBe(paybackText(s.paybackYear));
    }
    // The board pack page: the Payback column's cell of each scheme's row.
    await page.goto(`${server.url}${packPath}`);
    const pack = page.getByTestId('board-pack-returns');
    await pack.waitFor();
    const column = (await pack.locator('thead th').allTextContents()).indexOf(WORDS.payback);
    expect(column, 'the pack names the column as Outcomes does').toBeGreaterThan(0);
    for (const s of schemes) {
      const words = paybackText(s.paybackYear);
      const row = pack.locator('tbody tr', { hasText: s.name }).first();
      expect(await row.locator('th, td').nth(column).textContent(), `${s.code} on the pack`).toBe(words);
      // The PDF: the same words at the row's end (words may wrap in the narrow column onto the next line).
      const { line, next } = pdfRow(s);
      expect(line.endsWith(words) ? line : `${line} ${next}`, `${s.code} in the PDF`).toMatch(new RegExp(`${words}$`));
      // The Excel: a year is the number itself, formatted to read "Year n"; none is the same words.
      const cell = returnRow(s).getCell(column + 1);
      if (s.paybackYear === null) expect(cell.value).toBe(WORDS.notPaidBack);
      else {
        expect(cell.value).toBe(s.paybackYear);
        expect(cell.numFmt).toBe(EXCEL_FORMATS.payback);
      }
    }
    // Neither the old pack words nor the old dashboard words are left anywhere.
    expect(pdfLines.join('\n')).not.toContain('Not paid back');
    await page.goto(`${server.url}/partnerships/${report.partnership.id}?fund=${fundId}`);
    await page.getByTestId('chart-savings-table').waitFor({ state: 'attached' });
    const dashboard = (await page.getByTestId('chart-savings-table').textContent()) ?? '';
    expect(dashboard).not.toContain('Not within the appraisal');
    for (const s of schemes) expect(dashboard).toContain(paybackText(s.paybackYear));
  });

  test('a ratio has two decimals on Outcomes, the pack, the PDF, and under a 2-decimal format in Excel at full precision', async () => {
    const withRatio = report.schemeReturns.filter((s) => s.benefitCostRatioBp !== null);
    expect(withRatio.length, 'the demo has a benefit-cost ratio').toBeGreaterThan(0);
    await page.goto(`${server.url}/funds/${fundId}/outcomes`);
    const outcomes = page.getByTestId('scheme-returns');
    await outcomes.waitFor();
    const outcomesHeaders = await outcomes.locator('thead th').allTextContents();
    const outcomesColumn = outcomesHeaders.indexOf(WORDS.benefitCostRatio);
    expect(outcomesColumn, 'Outcomes names the column as the pack does').toBeGreaterThan(0);
    for (const s of withRatio) {
      const text = ratioText(s.benefitCostRatioBp);
      expect(text).toMatch(/^-?[\d,]+\.\d\d$/);
      const row = outcomes.locator('tbody tr', { hasText: `${s.code} ${s.name}` });
      expect(await row.locator('th, td').nth(outcomesColumn).textContent(), `${s.code} on Outcomes`).toBe(text);
      expect(pdfRow(s).line, `${s.code} in the PDF`).toContain(` ${text} `);
      const cell = returnRow(s).getCell(9);
      expect(cell.value).toBe((s.benefitCostRatioBp ?? 0) / 10_000);
      expect(cell.numFmt).toBe(EXCEL_FORMATS.ratio);
      expect(EXCEL_FORMATS.ratio.split(';')[0]).toBe('0.00');
    }
    await page.goto(`${server.url}${packPath}`);
    const pack = page.getByTestId('board-pack-returns');
    await pack.waitFor();
    const packColumn = (await pack.locator('thead th').allTextContents()).indexOf(WORDS.benefitCostRatio);
    expect(packColumn, 'the pack names the column as Outcomes does').toBeGreaterThan(0);
    for (const s of withRatio) {
      const row = pack.locator('tbody tr', { hasText: s.name }).first();
      expect(await row.locator('th, td').nth(packColumn).textContent(), `${s.code} on the pack`).toBe(ratioText(s.benefitCostRatioBp));
    }
  });

  test("a metric value has its unit's fixed decimals on the pack page, the dashboard, the PDF and the Excel", async () => {
    const points = report.metricTrends.flatMap((t: MetricTrend) =>
      t.points.filter((p) => p.targetHundredths !== null).map((p) => ({ trend: t, point: p, target: p.targetHundredths ?? 0 })),
    );
    expect(points.length).toBeGreaterThan(0);
    // A value whose last decimal is 0 is the one a trimmed format would cut short ("1" beside "1.10").
    const round = points.find((p) => p.target % 10 === 0) ?? points[0];
    if (!round) throw new Error('no metric target');
    const text = metricValueText(round.target, round.trend.unit);
    expect(text).toMatch(/\.\d\d( per 100,000|%)?$/);

    await page.goto(`${server.url}${packPath}`);
    const row = page
      .getByTestId('board-pack-outcomes')
      .locator('tbody tr', { hasText: round.trend.name })
      .filter({ hasText: `Q${round.point.quarter}` })
      .first();
    expect(await row.locator('td').nth(2).textContent(), 'target on the pack').toBe(text);
    expect(
      pdfLines.some((l) => l.includes(` Q${round.point.quarter} ${text} `)),
      `the PDF has Q${round.point.quarter}'s target as ${text}`,
    ).toBe(true);
    const cell = sheetRow(
      'Outcomes against targets',
      (r) => r.getCell(1).value === round.trend.name && r.getCell(3).value === `Q${round.point.quarter}`,
    ).getCell(4);
    expect(cell.numFmt).toBe(EXCEL_FORMATS.metric[round.trend.unit]);
    expect(cell.value).toBe(round.trend.unit === 'percent' ? round.target / 10_000 : round.target / 100);

    await page.goto(`${server.url}/partnerships/${report.partnership.id}?fund=${fundId}`);
    const table = page.getByTestId(`chart-metric-${round.trend.code}-table`);
    await table.waitFor({ state: 'attached' });
    const dashboardRow = table.locator(`tr[data-quarter="${round.point.quarter}"]`);
    expect(await dashboardRow.locator('td').first().textContent(), 'target on the dashboard').toBe(text);
  });

  test('a negative variance is red on National, with the same class and colour as on the board pack', async () => {
    const admin = await apiAs(server.url, 'admin@demo.test');
    const rollup = await admin.query<NationalRollup>('national.rollup', {});
    const negative = rollup.rows.find((r) => r.actualPence < r.plannedPence);
    const positive = rollup.rows.find((r) => r.actualPence >= r.plannedPence);
    expect(negative, 'the demo has a scheme type under plan').toBeDefined();

    await page.goto(`${server.url}${packPath}`);
    const packNegative = page.getByTestId('board-pack-contributions').locator(`td.${NEGATIVE_CLASS}`).first();
    await packNegative.waitFor();
    const red = await packNegative.evaluate((el) => getComputedStyle(el).color);

    const adminContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const national = await adminContext.newPage();
      await signIn(national, server.url, 'admin@demo.test');
      await national.goto(`${server.url}/national`);
      const table = national.getByTestId('national-rollup');
      await table.waitFor();
      const varianceOf = (name: string) => table.locator('tbody tr', { hasText: name }).first().locator('td').nth(4);
      if (!negative) return;
      const cell = varianceOf(negative.name);
      expect(await cell.textContent()).toBe(formatPence(negative.actualPence - negative.plannedPence));
      expect(await cell.getAttribute('class')).toContain(NEGATIVE_CLASS);
      expect(await cell.evaluate((el) => getComputedStyle(el).color)).toBe(red);
      if (positive) expect(await varianceOf(positive.name).getAttribute('class')).not.toContain(NEGATIVE_CLASS);
    } finally {
      await adminContext.close();
    }
  });

  test('a whole-fund row on Outcomes says "Whole fund" in its Scheme column, and a Scheme cleared makes a row whole-fund', async () => {
    const api = await apiAs(server.url, 'board@demo.test');
    const { outcomes } = await api.query<{ outcomes: Outcome[] }>('outcomes.list', { fundId });
    const wholeFund = outcomes.find((o) => o.schemeId === null);
    if (!wholeFund) throw new Error('the demo has whole-fund outcome rows');
    await page.goto(`${server.url}/funds/${fundId}/outcomes`);
    const scheme = page.locator(`[row-id="${wholeFund.id}"] [col-id="schemeId"]`).first();
    await expect.poll(() => scheme.textContent()).toBe(WORDS.wholeFund);
    // A row of one scheme (the demo's are all whole-fund) names its scheme.
    const financeApi = await apiAs(server.url, 'finance@demo.test');
    const [scheme1] = await financeApi.query<{ id: number; code: string; name: string }[]>('schemes.list', { fundId });
    if (!scheme1) throw new Error('the demo fund has schemes');
    // A fund has one whole-fund row per metric and quarter: the last one goes, so the scheme row may take its place.
    const last = outcomes.filter((o) => o.schemeId === null).at(-1) ?? wholeFund;
    await financeApi.mutate('outcomes.applyBatch', {
      fundId,
      changes: [
        { op: 'delete', id: last.id, version: last.version },
        { op: 'create', values: { metricId: last.metricId, schemeId: scheme1.id, quarter: last.quarter } },
      ],
    });
    const listed = (await financeApi.query<{ outcomes: Outcome[] }>('outcomes.list', { fundId })).outcomes;
    const ofScheme = listed.find((o) => o.schemeId === scheme1.id);
    if (!ofScheme) throw new Error('the scheme row was not added');

    // A finance officer clears a scheme row's Scheme (Delete): it is a whole-fund row, saved as no scheme, and says so.
    const financeContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const finance = await financeContext.newPage();
      await signIn(finance, server.url, 'finance@demo.test');
      await finance.goto(`${server.url}/funds/${fundId}/outcomes`);
      const cell = finance.locator(`[row-id="${ofScheme.id}"] [col-id="schemeId"]`).first();
      await expect.poll(() => cell.textContent()).toBe(`${scheme1.code} ${scheme1.name}`);
      await cell.click();
      await finance.keyboard.press('Delete');
      await expect.poll(() => cell.textContent()).toBe(WORDS.wholeFund);
      await expect
        .poll(
          async () =>
            (await financeApi.query<{ outcomes: Outcome[] }>('outcomes.list', { fundId })).outcomes.find((o) => o.id === ofScheme.id)
              ?.schemeId,
        )
        .toBeNull();
    } finally {
      await financeContext.close();
    }
  });
});
