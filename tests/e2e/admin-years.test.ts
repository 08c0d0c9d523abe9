// End to end in a real Chromium: an administrator opens the year after the latest held on /admin by copying it (the
// form's defaults, read from the page: no code change, whatever years the demo already holds), sees a held code refused
// at its field, adds a funding stream to the new year and sees it listed, edits the year's uplift as a percentage; a
// commissioner sees none of these controls.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nextFinancialYear } from '../../shared/bcf-year';
import type { BcfYear, FundingStream } from '../../shared/schema/bcf-year';
import { apiAs, browserAvailable, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('BCF years on /admin in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiAs(server.url, 'admin@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, server.url, email);
    await page.goto(`${server.url}/admin`);
    return page;
  }

  /** The years table as the page shows it: each row's cells' text. */
  async function yearRows(page: Page): Promise<string[][]> {
    const rows = page.getByTestId('bcf-years').locator('tbody tr');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      out.push((await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()));
    }
    return out;
  }

  test('an administrator opens the year after the latest held by copying it, then adds a stream and edits the uplift', async () => {
    const page = await openAs('admin@demo.test');
    await page.getByRole('heading', { name: 'BCF years' }).waitFor();
    const before = await yearRows(page);
    const latest = before.at(-1);
    if (!latest) throw new Error('the demo holds BCF years');
    const [latestCode = '', , latestSpan = '', , latestUplift = ''] = latest;
    // The year after the latest held, worked out from what the page shows (its last financial year).
    const expected = nextFinancialYear(latestSpan.split(' to ').at(-1) ?? '');

    await page.getByRole('button', { name: 'Open a new year…' }).click();
    const form = page.getByTestId('open-year-form');
    await form.waitFor();
    expect(await form.getByLabel('Copy lists from').inputValue()).toBe(latestCode);
    expect(await form.getByLabel('Code').inputValue()).toBe(expected);
    expect(await form.getByLabel('First financial year').inputValue()).toBe(expected);
    expect(await form.getByLabel('Uplift of the NHS minimum to adult social care (%)').inputValue()).toBe(
      latestUplift.replace('%', '').replace('—', ''),
    );

    // A held code is refused at its field, and nothing is opened.
    await form.getByLabel('Code').fill(latestCode);
    await form.getByRole('button', { name: 'Open year' }).click();
    const codeBox = form.getByLabel('Code');
    await expect.poll(() => codeBox.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await codeBox.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ')[0]}"]`).innerText()).toContain(`BCF year '${latestCode}' is already held`);
    expect((await admin.query<BcfYear[]>('bcfYears.list')).length).toBe(before.length);

    // The defaults as given: the year after the latest, copied from it.
    await form.getByLabel('Code').fill(expected);
    await form.getByRole('button', { name: 'Open year' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Opened BCF year ${expected}` })
      .waitFor();
    const after = await yearRows(page);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)?.slice(0, 5)).toEqual([expected, expect.stringContaining(expected.slice(0, 4)), expected, 'Open', latestUplift]);
    const opened = (await admin.query<BcfYear[]>('bcfYears.list')).find((y) => y.code === expected);
    expect(opened?.status).toBe('open');

    // Its streams are the copied year's, shown under the new year.
    const streams = page.getByTestId('funding-streams');
    await page.getByRole('heading', { name: `Funding streams of ${expected}` }).waitFor();
    const copied = await admin.query<FundingStream[]>('bcfYears.streams', { bcfYear: latestCode });
    await expect.poll(() => streams.locator('tbody tr').count()).toBe(copied.length);

    // Add a stream to the new year; it is listed, and held for that year only.
    const add = page.getByRole('form', { name: `Add a funding stream to ${expected}` });
    await add.getByLabel('Code').fill('neighbourhood_health');
    await add.getByLabel('Name').fill('Neighbourhood health contribution');
    await add.getByLabel('Owner').selectOption({ label: 'NHS' });
    await add.getByRole('button', { name: 'Add stream' }).click();
    const row = streams.locator('tbody tr').filter({ hasText: 'neighbourhood_health' });
    await row.waitFor();
    expect((await row.locator('td').allInnerTexts()).slice(0, 4)).toEqual([
      'neighbourhood_health',
      'Neighbourhood health contribution',
      'NHS',
      'No',
    ]);
    expect((await admin.query<FundingStream[]>('bcfYears.streams', { bcfYear: expected })).map((s) => s.code)).toContain(
      'neighbourhood_health',
    );
    expect((await admin.query<FundingStream[]>('bcfYears.streams', { bcfYear: latestCode })).map((s) => s.code)).not.toContain(
      'neighbourhood_health',
    );

    // Edit the new year's uplift as a percentage: 4.25 is held as 425 basis points exactly.
    await page.getByRole('button', { name: `Edit BCF year ${expected}` }).click();
    await page.getByLabel(`Uplift (%) of BCF year ${expected}`).fill('4.25');
    await page.getByTestId('bcf-years').getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved BCF year ${expected}` })
      .waitFor();
    expect((await yearRows(page)).at(-1)?.[4]).toBe('4.25%');
    expect((await admin.query<BcfYear[]>('bcfYears.list')).find((y) => y.code === expected)?.nhsAscUpliftBp).toBe(425);

    // The reference editor offers the new year at once.
    const referenceYears = await page
      .getByRole('region', { name: 'Reference data' })
      .getByLabel('BCF year')
      .locator('option')
      .allInnerTexts();
    expect(referenceYears).toContain(expected);
  });

  test('a commissioner sees no BCF year controls on /admin, and no Admin link', async () => {
    const page = await openAs('commissioner@demo.test');
    await page.getByRole('alert').filter({ hasText: 'Only administrators' }).waitFor();
    expect(await page.getByRole('heading', { name: 'BCF years' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Open a new year…' }).count()).toBe(0);
    expect(await page.getByTestId('funding-streams').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
  });
});
