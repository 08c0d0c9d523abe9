// End to end in Chromium: the national conditions on the Plan page. A commissioner answers a condition No without
// commentary (refused at the field, nothing saved), adds commentary and saves; the checklist's "National conditions
// answered" follows and the plan reads "Complete" only once every condition is answered. A board member reads the
// answers and cannot change them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { NationalCondition } from '../../shared/national-conditions';
import type { Fund } from '../../shared/types';
import { pdfPages, pdftotextAvailable } from '../support/pdf-text';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('national conditions on the Plan page', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let fund: Fund;
  let partnershipId: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'admin@demo.test');
    const { partnership } = await demoBcfFund(api);
    partnershipId = partnership.id;
    // A new 2025/26 fund of the demo partnership: no schemes, and its four conditions not yet answered.
    fund = await api.mutate<Fund>('funds.create', {
      partnershipId: partnership.id,
      name: 'Conditions test fund',
      financialYear: '2025/26',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const conditions = () => api.query<NationalCondition[]>('conditions.list', { fundId: fund.id });

  async function planAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1100 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, server.url, email);
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    await page.getByRole('heading', { name: 'National conditions' }).waitFor();
    return page;
  }

  const conditionsCheck = (page: Page) => page.locator('[data-check="national_conditions"]');
  const block = (page: Page, code: string) => page.locator(`[data-condition="${code}"]`);

  test('a commissioner answers No without commentary (refused at the field), adds commentary, and the checklist follows', async () => {
    const page = await planAs('commissioner@demo.test');
    await expect
      .poll(() => conditionsCheck(page).textContent())
      .toMatch(/^NoNational conditions answered · Not answered: NC1, NC2, NC3, NC4Go to condition$/);
    await expect.poll(() => page.getByTestId('checklist-status').textContent()).toBe('Not complete (1 to fix)');

    // "Go to condition" puts the focus on the first condition still to answer.
    await conditionsCheck(page).getByRole('button', { name: 'Go to condition' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-condition]')?.getAttribute('data-condition')))
      .toBe('nc1');

    // By keyboard: the radios of NC1 (arrow keys move between Yes and No), then Save with no commentary.
    const nc1 = block(page, 'nc1');
    await nc1.getByRole('radio', { name: 'Yes' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await nc1.getByRole('radio', { name: 'No' }).isChecked()).toBe(true);
    const commentary = nc1.getByRole('textbox', { name: /Commentary for NC1 \(required for No\)/ });
    await nc1.getByRole('button', { name: 'Save NC1' }).click();
    await expect.poll(() => nc1.locator('.field-error').textContent()).toBe('Commentary is required when the answer is No');
    expect(await commentary.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect((await conditions())[0]).toMatchObject({ answer: null, id: null });

    await commentary.fill('Sign-off moved to the July Health and Wellbeing Board');
    await nc1.getByRole('button', { name: 'Save NC1' }).click();
    await expect
      .poll(async () => (await conditions())[0])
      .toMatchObject({
        answer: 'no',
        commentary: 'Sign-off moved to the July Health and Wellbeing Board',
      });
    await expect
      .poll(() => conditionsCheck(page).textContent())
      .toMatch(/^NoNational conditions answered · Not answered: NC2, NC3, NC4Go to condition$/);
    expect(await nc1.locator('.field-error').count()).toBe(0);

    for (const code of ['nc2', 'nc3', 'nc4']) {
      await block(page, code).getByRole('radio', { name: 'Yes' }).check();
      await block(page, code)
        .getByRole('button', { name: `Save ${code.toUpperCase()}` })
        .click();
      await expect.poll(async () => (await conditions()).find((c) => c.code === code)?.answer).toBe('yes');
    }
    await expect.poll(() => conditionsCheck(page).textContent()).toBe('YesNational conditions answered');
    await expect.poll(() => page.getByTestId('checklist-status').textContent()).toBe('Complete');
    await page.context().close();
  });

  test('the answers given in the page are in the exported workbook; edited there and imported, the page shows them', async () => {
    const page = await planAs('commissioner@demo.test');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-plan-xlsx').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.getWorksheet('National conditions');
    if (!sheet) throw new Error('the workbook has no National conditions sheet');
    const rowOf = (code: string) => {
      for (let row = 1; row <= sheet.rowCount; row += 1) if (sheet.getCell(`A${row}`).value === code) return row;
      throw new Error(`no row for ${code}`);
    };
    expect(sheet.getCell(`C${rowOf('NC1')}`).value).toBe('No');
    expect(sheet.getCell(`D${rowOf('NC1')}`).value).toBe('Sign-off moved to the July Health and Wellbeing Board');
    expect(sheet.getCell(`C${rowOf('NC4')}`).value).toBe('Yes');

    // Changed in Excel and imported back through the page: one condition changed, shown in the form and the checklist.
    sheet.getCell(`C${rowOf('NC4')}`).value = 'No';
    sheet.getCell(`D${rowOf('NC4')}`).value = 'Oversight meetings resume in Q2';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-conditions-')), 'plan.xlsx');
    await workbook.xlsx.writeFile(file);
    await page.getByTestId('import-plan-xlsx').setInputFiles(file);
    await page.getByText('1 national condition answered or changed').waitFor();
    await page.getByRole('button', { name: 'Replace the plan' }).click();
    await expect
      .poll(async () => (await conditions()).find((c) => c.code === 'nc4'))
      .toMatchObject({
        answer: 'no',
        commentary: 'Oversight meetings resume in Q2',
      });
    const nc4 = block(page, 'nc4');
    await expect.poll(() => nc4.getByRole('radio', { name: 'No' }).isChecked()).toBe(true);
    await expect.poll(() => nc4.getByRole('textbox').inputValue()).toBe('Oversight meetings resume in Q2');
    await expect.poll(() => conditionsCheck(page).textContent()).toBe('YesNational conditions answered');
    await page.context().close();
  });

  test.runIf(pdftotextAvailable())('the board pack PDF lists each condition with its answer and commentary', async () => {
    const page = await planAs('board@demo.test');
    const res = await page.request.get(`${server.url}/export/partnerships/${partnershipId}/board-pack.pdf?fund=${fund.id}`);
    expect(res.status()).toBe(200);
    const text = (await pdfPages(Buffer.from(await res.body()))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('National conditions');
    expect(text).toContain('Sign-off moved to the July Health and Wellbeing Board');
    expect(text).toContain('Oversight meetings resume in Q2');
    await page.context().close();
  });

  test('a board member reads the answers and commentary, with no way to change them', async () => {
    const page = await planAs('board@demo.test');
    await page.getByText('you can read the answers but not change them').waitFor();
    const nc1 = block(page, 'nc1');
    await expect.poll(() => nc1.getByTestId('condition-answer').textContent()).toBe('No');
    expect(await nc1.getByTestId('condition-commentary').textContent()).toBe('Sign-off moved to the July Health and Wellbeing Board');
    expect(await page.getByTestId('national-conditions').getByRole('radio').count()).toBe(0);
    expect(await page.getByTestId('national-conditions').getByRole('textbox').count()).toBe(0);
    expect(await page.getByTestId('national-conditions').getByRole('button').count()).toBe(0);
    await page.context().close();
  });
});
