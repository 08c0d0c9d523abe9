// End to end in Chromium: reference data and plan settings. An administrator renames a scheme type on /admin and the
// Plan grid shows the new name; a commissioner tightens the amber and red variance thresholds and the subtotals'
// status follows; a minimum that is not an amount is refused with the field and value named, and nothing is saved.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FundPlan, ReferenceItem } from '../../shared/plan-types';
import type { Fund } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('reference data and plan settings', () => {
  let server: RunningServer;
  let browser: Browser;
  let fund: Fund;
  let api: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'admin@demo.test');
    ({ fund } = await demoBcfFund(api));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const plan = () => api.query<FundPlan>('schemes.plan', { fundId: fund.id });

  /** A fresh browser context (its own cookies), signed in as `email`. */
  async function pageAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1100 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, server.url, email);
    return page;
  }

  async function openPlan(page: Page): Promise<void> {
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    await page.locator('.ag-row').first().waitFor();
    await page.getByRole('heading', { name: 'Plan settings' }).waitFor();
  }

  /** The Status cell of the subtotals row named `name` (grouped by scheme type, the default). */
  const statusOf = (page: Page, name: string) =>
    page
      .getByTestId('subtotals')
      .locator('tbody tr')
      .filter({ has: page.getByRole('cell', { name, exact: true }) })
      .locator('td')
      .last();

  test('an admin renames a scheme type on /admin and the Plan grid shows the new name', async () => {
    const before = await plan();
    const scheme = before.schemes.find((s) => s.schemeType === 'home_care');
    const item = before.reference.find((r) => r.list === 'scheme_type' && r.code === 'home_care');
    if (!scheme || !item) throw new Error('demo plan has no home care scheme');
    const newName = 'Home care (domiciliary), renamed';
    const otherYearBefore = (await api.query<ReferenceItem[]>('reference.list')).find(
      (r) => r.bcfYear !== before.bcfYear && r.list === 'scheme_type' && r.code === 'home_care',
    )?.name;
    expect(otherYearBefore).toBeDefined();

    const admin = await pageAs('admin@demo.test');
    await admin.goto(`${server.url}/admin`);
    const section = admin.locator('section[aria-labelledby="reference-heading"]');
    await section.getByRole('heading', { name: 'Reference data' }).waitFor();
    await section.getByLabel('BCF year', { exact: true }).selectOption(before.bcfYear);
    await section.getByLabel('List', { exact: true }).selectOption({ label: 'Scheme types' });
    await section.getByRole('button', { name: `Rename home_care: ${item.name}` }).click();
    const input = section.getByLabel('New name for home_care');
    await input.fill(newName);
    await input.press('Enter');
    expect(await section.getByRole('status').textContent()).toContain(newName);
    await expect
      .poll(
        async () => (await api.query<ReferenceItem[]>('reference.list', { bcfYear: before.bcfYear })).find((r) => r.id === item.id)?.name,
      )
      .toBe(newName);
    // The other year's list is its own data: a rename in one year leaves the other year's item as it was.
    const otherYear = (list: ReferenceItem[]) =>
      list.find((r) => r.bcfYear !== before.bcfYear && r.list === 'scheme_type' && r.code === 'home_care')?.name;
    expect(otherYear(await api.query<ReferenceItem[]>('reference.list'))).toBe(otherYearBefore);
    await admin.context().close();

    const commissioner = await pageAs('commissioner@demo.test');
    await openPlan(commissioner);
    const cell = commissioner.locator(`.ag-row[row-id="${scheme.id}"] .ag-cell[col-id="schemeType"]`).first();
    await expect.poll(() => cell.textContent()).toBe(newName);
    await commissioner.context().close();
  });

  test('a commissioner sets amber to 1% and red to 2% and the subtotals’ status changes', async () => {
    const before = await plan();
    expect(before.settings.amberThresholdBp).toBe(500);
    expect(before.settings.redThresholdBp).toBe(1000);
    const nameOf = (code: string) => before.reference.find((r) => r.list === 'scheme_type' && r.code === code)?.name ?? code;
    // In the demo plan to Q3: home-based intermediate care is 1.27% over its plan and prevention 2.57% under.
    const homeBased = nameOf('home_based_ic');
    const prevention = nameOf('prevention');

    const page = await pageAs('commissioner@demo.test');
    await openPlan(page);
    expect(await statusOf(page, homeBased).textContent()).toBe('Green');
    expect(await statusOf(page, prevention).textContent()).toBe('Green');

    await page.getByLabel('Amber variance threshold (%)').fill('1');
    await page.getByLabel('Red variance threshold (%)').fill('2%');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved the plan settings').waitFor();

    const after = await plan();
    expect(after.settings).toEqual({ ...before.settings, amberThresholdBp: 100, redThresholdBp: 200 });
    expect(after.settingsVersion).toBeGreaterThan(before.settingsVersion);
    await expect.poll(() => statusOf(page, homeBased).textContent()).toBe('Amber');
    await expect.poll(() => statusOf(page, prevention).textContent()).toBe('Red');
    // The form shows what was saved, as percentages.
    expect(await page.getByLabel('Amber variance threshold (%)').inputValue()).toBe('1%');
    expect(await page.getByLabel('Red variance threshold (%)').inputValue()).toBe('2%');
    await page.context().close();
  });

  test('a minimum that is not an amount is refused with the field and value named, and nothing is saved', async () => {
    const before = await plan();
    const page = await pageAs('commissioner@demo.test');
    await openPlan(page);

    // In 2025/26 the minimum is worked out from the typed 2024/25 baseline (the demo has no 2024/25 fund).
    const label = 'Baseline of the NHS minimum contribution to adult social care (£)';
    const minimum = page.getByLabel(label);
    await minimum.fill('abc');
    // A valid change in the same form is not saved either: the settings are saved together or not at all.
    await page.getByLabel('Amber variance threshold (%)').fill('1.5');
    await page.getByRole('button', { name: 'Save settings' }).click();

    const alert = page.locator('.plan-settings [role="alert"]');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Nothing was saved');
    expect(text).toContain(label);
    expect(text).toContain("'abc'");
    expect(await minimum.getAttribute('aria-invalid')).toBe('true');
    // The error is read out with the field, and the field has the focus so it can be corrected at once.
    const describedBy = ((await minimum.getAttribute('aria-describedby')) ?? '').split(' ')[0] ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain("got 'abc'");
    expect(await minimum.evaluate((el) => el === document.activeElement)).toBe(true);

    const after = await plan();
    expect(after.settings).toEqual(before.settings);
    expect(after.settingsVersion).toBe(before.settingsVersion);
    await page.context().close();
  });

  test('the demo 2025/26 checklist and settings show the NHS minimum to adult social care as baseline x 1.039, with the working', async () => {
    const page = await pageAs('board@demo.test');
    await openPlan(page);
    // £8,565,929.00 x 1.039 = £8,900,000.231 exactly, rounded to the penny half up: £8,900,000.23.
    const check = page.locator('[data-check="ring_fence:nhs_minimum_social_care"]');
    await expect
      .poll(() => check.textContent())
      .toContain('at least £8,900,000.23 = 2024/25 baseline £8,565,929.00 x 1.039 (rounded to the penny, half up)');
    const working = page.getByTestId('nhs-minimum-working');
    const text = (await working.textContent()) ?? '';
    expect(text).toContain('£8,565,929.00');
    expect(text).toContain('typed in these settings');
    expect(text).toContain('£8,900,000.23 (exactly £8,900,000.231');
    // The 2026/27 fund takes the 2025/26 requirement as its baseline: no typing.
    const next = (await api.query<Fund[]>('funds.list', { partnershipId: fund.partnershipId })).find((f) => f.financialYear === '2026/27');
    if (!next) throw new Error('the demo has a 2026/27 fund');
    await page.goto(`${server.url}/funds/${next.id}/plan`);
    const nextWorking = page.getByTestId('nhs-minimum-working');
    await expect.poll(() => nextWorking.textContent()).toContain('the requirement of Better Care Fund 2025/26');
    expect(await nextWorking.textContent()).toContain('£8,900,000.23');
    await page.context().close();
  });

  test('a board member reads the settings and has no form to change them', async () => {
    const page = await pageAs('board@demo.test');
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    const settings = page.getByTestId('plan-settings');
    await settings.waitFor();
    expect(await settings.textContent()).toContain('Amber variance threshold (%)');
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    await page.context().close();
  });
});
