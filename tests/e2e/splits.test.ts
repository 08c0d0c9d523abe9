// End to end in Chromium: the Splits page. A commissioner reads the seeded rule, builds a 30% social care / 20% health
// rule normalised, sees £10,000.00 split £6,000.00 / £4,000.00 live, saves it and the API lists it; the risk-share
// statement of the 2025/26 fund shows what each partner pays and receives as the API says. A board member reads the
// rules but sees no editor.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SplitRule } from '../../shared/split-schemas';
import type { RiskShareStatement } from '../../shared/risk-share-statement';
import { formatPence } from '../../shared/money';
import type { Fund } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('the Splits page', () => {
  let server: RunningServer;
  let browser: Browser;
  let fund: Fund;
  let partnershipId: number;
  let api: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'commissioner@demo.test');
    const demo = await demoBcfFund(api);
    fund = demo.fund;
    partnershipId = demo.partnership.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, server.url, email);
    return page;
  }

  test('a commissioner builds a rule with a live sample split, saves it, and reads the risk-share statement', async () => {
    const page = await pageAs('commissioner@demo.test');
    await page.goto(`${server.url}/partnerships/${partnershipId}`);
    await page.getByRole('link', { name: 'Splits and risk share' }).click();
    await page.getByRole('heading', { name: 'Splits and risk share', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'Standard formula 30/20 (transitions)' }).waitFor();

    await page.getByRole('button', { name: 'New rule' }).click();
    await page.getByLabel('Rule name').fill('Test 30/20 normalised');
    await page.getByLabel('Source of the rule').fill('Board minute 12');
    await page.getByRole('button', { name: 'Add share' }).click();
    await page.getByLabel('Party for share 1').selectOption('social_care');
    await page.getByLabel('Percentage for share 1').fill('30');
    await page.getByRole('button', { name: 'Add share' }).click();
    await page.getByLabel('Party for share 2').selectOption('health');
    await page.getByLabel('Percentage for share 2').fill('20');
    await page.getByLabel('If the shares come to less than 100%').selectOption('normalise');
    await page.getByLabel('Sample amount (£)').fill('10,000.00');

    const sample = page.getByTestId('split-sample');
    const amountOf = (name: string) =>
      sample
        .locator('tr')
        .filter({ has: page.getByRole('cell', { name, exact: true }) })
        .locator('td')
        .last();
    await expect.poll(() => amountOf('Social care').textContent()).toBe('£6,000.00');
    expect(await amountOf('Health').textContent()).toBe('£4,000.00');
    expect(await amountOf('Unfunded gap').textContent()).toBe('£0.00');

    // Over 100% is shown live, not saved.
    await page.getByLabel('Percentage for share 2').fill('80');
    await page.getByTestId('split-problems').waitFor();
    await page.getByLabel('Percentage for share 2').fill('20');
    await sample.waitFor();

    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the new rule' }).waitFor();
    await page.getByRole('rowheader', { name: 'Test 30/20 normalised' }).waitFor();
    const rules = await api.query<SplitRule[]>('splits.rules.list', { partnershipId });
    const saved = rules.find((r) => r.name === 'Test 30/20 normalised');
    expect(saved).toMatchObject({
      sourceOfRule: 'Board minute 12',
      fixed: [],
      shares: [
        { party: 'social_care', basisPoints: 3000 },
        { party: 'health', basisPoints: 2000 },
      ],
      remainder: 'normalise',
    });

    // The risk-share statement for the 2025/26 fund, on the forecast basis and on actuals.
    for (const basis of ['forecast', 'actual'] as const) {
      await page.getByLabel('Fund', { exact: true }).selectOption(String(fund.id));
      await page.getByLabel('Basis').selectOption(basis);
      const statement = await api.query<RiskShareStatement>('riskshare.statement', { fundId: fund.id, basis });
      const partners = page.getByTestId('risk-partners');
      for (const p of statement.partners) {
        const cells = partners
          .locator('tbody tr')
          .filter({ has: page.getByRole('rowheader', { name: p.name, exact: true }) })
          .locator('td');
        await expect.poll(() => cells.nth(0).textContent()).toBe(formatPence(p.paysPence));
        expect(await cells.nth(1).textContent()).toBe(formatPence(p.receivesPence));
      }
      expect(await page.getByTestId('risk-sum').textContent()).toContain(formatPence(statement.variancePence));
    }
    await page.context().close();
  });

  test('a board member reads the rules but sees no editor', async () => {
    const page = await pageAs('board@demo.test');
    await page.goto(`${server.url}/partnerships/${partnershipId}/splits`);
    await page.getByRole('rowheader', { name: 'Standard formula 30/20 (transitions)' }).waitFor();
    expect(await page.getByRole('button', { name: 'New rule' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
    await page.getByTestId('risk-statement').waitFor();
    await page.context().close();
  });
});
