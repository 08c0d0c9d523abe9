// Dates as a UK user writes and reads them (issue 22 item 3), in a browser set to US English in New York: History's
// date filters take 5/12/2026 as 5 December (the link keeps 2026-12-05), refuse 31/02/2026 and 12/25/2026 with the
// reason tied to the field, pick from a calendar by keyboard, and every date on History, the board pack page, its PDF
// and its Excel reads dd/mm/yyyy or "5 December 2026", times in UK time.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatDateTime, formatLongDate, ukDayOf } from '../../shared/dates';
import type { AuditEvent, ContributionListRow } from '../../shared/types';
import { pdfPages, pdftotextAvailable } from '../support/pdf-text';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable() && pdftotextAvailable();

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?';
const MONTHS_FULL = /^(January|February|March|April|May|June|July|August|September|October|November|December)$/;
/** Anything a reader would take for a date: 5/12/2026, 12-05-26, 2026-12-05, 5 Dec 2026, December 5, 2026. */
const DATE_LIKE = new RegExp(
  [
    `\\b\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)? ${MONTH},? \\d{2,4}\\b`,
    `\\b${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}\\b`,
  ].join('|'),
  'g',
);

/** Every date-like text that is neither dd/mm/yyyy nor "5 December 2026": what a UK reader must never meet. */
function foreignDates(text: string): string[] {
  return [...text.matchAll(DATE_LIKE)]
    .map((m) => m[0])
    .filter((found) => {
      const numeric = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(found);
      if (numeric) return Number(numeric[2]) > 12 || Number(numeric[1]) > 31;
      const named = /^([1-9]|[12]\d|3[01]) (\w+) (\d{4})$/.exec(found);
      return !(named && MONTHS_FULL.test(named[2] ?? ''));
    });
}

/** The UK days a test may meet as "today": the one it started in and the one it ends in (a run across midnight). */
const today = () => ukDayOf(new Date()) ?? '';

describe.runIf(run)('dates in a US-English browser in New York', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let partnershipId = 0;
  let fundId = 0;
  let changedAt = '';
  const startDay = today();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const finance = await apiAs(server.url, 'finance@demo.test');
    const { partnership, fund } = await demoBcfFund(finance);
    partnershipId = partnership.id;
    fundId = fund.id;
    const [row] = await finance.query<ContributionListRow[]>('contributions.list', { fundId });
    if (!row) throw new Error('no contribution rows');
    await finance.mutate('contributions.update', { id: row.id, version: row.version, patch: { note: 'Dated in New York' } });
    const [event] = await finance.query<AuditEvent[]>('audit.list', { entity: 'contribution', entityId: row.id });
    changedAt = event?.at ?? '';
    context = await americanContext();
    page = await context.newPage();
  });

  /** A browser set to US English in New York, where a native date input would read mm/dd/yyyy. */
  const americanContext = () =>
    browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York', acceptDownloads: true, viewport: { width: 1280, height: 1000 } });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  test('the browser really is American: its own date format is month first, its clock New York', async () => {
    expect(await page.evaluate(() => new Date(2026, 11, 5).toLocaleDateString())).toBe('12/5/2026');
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
  });

  test('History: 5/12/2026 typed in From is 5 December 2026, kept as 2026-12-05 in the link, and every date reads the UK way', async () => {
    await signIn(page, server.url, 'finance@demo.test');
    await page.goto(`${server.url}/history?partnership=${partnershipId}`);
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
    const from = page.getByLabel('From', { exact: true });
    expect(await from.getAttribute('type')).toBe('text');

    await from.fill('5/12/2026');
    await from.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('2026-12-05');
    expect(await from.inputValue()).toBe('05/12/2026');
    // What was read, in words, beside the label and in the box's description: the check on an ambiguous 5/12.
    const hintId = ((await from.getAttribute('aria-describedby')) ?? '').split(' ')[0];
    expect(await page.locator(`[id="${hintId}"]`).textContent()).toBe('5 December 2026');

    // Today is on or after 5 December 2026, so the change made for this test is listed, at its UK time.
    const when = page.locator('.history-batch time').first();
    await when.waitFor();
    expect(await page.locator('.history-batch time', { hasText: formatDateTime(changedAt) }).count()).toBeGreaterThan(0);
    const times = await page
      .locator('.history-batch time')
      .evaluateAll((els) => els.map((el) => [el.getAttribute('datetime') ?? '', el.textContent ?? '']));
    expect(times.length).toBeGreaterThan(0);
    for (const [iso, shown] of times) expect(shown).toBe(formatDateTime(iso ?? ''));

    const text = await page.locator('main').innerText();
    expect(foreignDates(text)).toEqual([]);
    expect(text).toMatch(/\b\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\b/);
  });

  test('History: an impossible day and the month written first are refused, the reason tied to the field, the link unchanged', async () => {
    const to = page.getByLabel('To (inclusive)');
    await to.fill('31/02/2026');
    await to.press('Enter');
    const refusal = "To (inclusive) must be a real date: February 2026 has 28 days, got '31/02/2026'";
    await page.getByText(refusal).waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    const described = (await to.getAttribute('aria-describedby')) ?? '';
    const errorId = await page.getByText(refusal).getAttribute('id');
    expect(described.split(' ')).toContain(errorId);
    expect(new URL(page.url()).searchParams.get('to')).toBeNull();

    await to.fill('12/25/2026');
    await to.press('Tab');
    await page
      .getByText(
        "To (inclusive) must be written day first (dd/mm/yyyy), not month first as in the US: for 25 December 2026 write 25/12/2026, got '12/25/2026'",
      )
      .waitFor();
    expect(new URL(page.url()).searchParams.get('to')).toBeNull();

    await to.fill('25/12/2026');
    await to.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe('2026-12-25');
    expect(await to.getAttribute('aria-invalid')).toBeNull();
  });

  test('History: the calendar opens on the chosen month, weeks from Monday, picks a day by keyboard, closes on Esc or Tab', async () => {
    await page.getByRole('button', { name: 'Choose the From date from a calendar' }).click();
    const calendar = page.getByRole('dialog', { name: 'Choose the From date' });
    await calendar.getByText('December 2026').waitFor();
    const firstDay = await calendar.locator('thead th').first().getAttribute('aria-label');
    expect(firstDay).toBe('Monday');
    // The chosen day (5 December) has the focus: the next day along, then Enter.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe('2026-12-06');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('06/12/2026');
    expect(await calendar.count()).toBe(0);

    await page.getByRole('button', { name: 'Choose the From date from a calendar' }).click();
    await calendar.waitFor();
    await page.keyboard.press('Escape');
    expect(await calendar.count()).toBe(0);
    // Tabbing on from the day leaves the calendar, which closes.
    await page.getByRole('button', { name: 'Choose the From date from a calendar' }).click();
    await calendar.waitFor();
    await page.keyboard.press('Tab');
    await expect.poll(() => calendar.count()).toBe(0);
  });

  test('the board pack page, PDF and Excel give their date as "5 December 2026", UK style, and no other kind', async () => {
    const board = await americanContext();
    const page = await board.newPage();
    await signIn(page, server.url, 'board@demo.test');
    await page.goto(`${server.url}/partnerships/${partnershipId}/board-pack?fund=${fundId}&from=1&to=4`);
    await page.getByRole('heading', { level: 1, name: /^Board pack: / }).waitFor();
    const days = () => [...new Set([startDay, today()])].map((d) => formatLongDate(d));
    const mentionsToday = (text: string) => days().some((d) => text.includes(d));

    const pageText = await page.locator('main').innerText();
    expect(mentionsToday(pageText)).toBe(true);
    expect(foreignDates(pageText)).toEqual([]);

    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download PDF/ }).click()]);
    const pdfText = (await pdfPages(fs.readFileSync(await pdfDownload.path()))).join('\n');
    expect(mentionsToday(pdfText)).toBe(true);
    expect(foreignDates(pdfText)).toEqual([]);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download Excel/ }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsxDownload.path());
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          // A date stored as a date is shown by its cell format, which must be the UK one.
          if (cell.value instanceof Date)
            expect(`${sheet.name}!${cell.address} ${cell.numFmt}`).toBe(`${sheet.name}!${cell.address} dd/mm/yyyy`);
          else texts.push(cell.text);
        }),
      ),
    );
    const xlsxText = texts.join('\n');
    expect(mentionsToday(xlsxText)).toBe(true);
    expect(foreignDates(xlsxText)).toEqual([]);
    await board.close();
  });

  test('the checker finds what it must: US order, short months, ISO days', () => {
    expect(foreignDates('12/25/2026 5 Dec 2026 December 5, 2026 2026-12-05 5/12/2026')).toEqual([
      '12/25/2026',
      '5 Dec 2026',
      'December 5, 2026',
      '2026-12-05',
      '5/12/2026',
    ]);
    expect(foreignDates('05/12/2026 14:03, 5 December 2026, 2025/26, Q1 to Q4, £1,234.56')).toEqual([]);
  });
});
