// End to end in Chromium (issue 6): a commissioner takes a scenario from the demo BCF fund on the Splits page, changes
// one cost line's split in the grid (pasted, as from Excel), sees the comparison table and chart move, promotes the
// scenario, and the Contributions page shows the new figures.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPence } from '../../shared/money';
import type { ScenarioDetail } from '../../shared/scenario-schemas';
import type { Fund } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('scenarios on the Splits page', () => {
  let server: RunningServer;
  let browser: Browser;
  let fund: Fund;
  let partnershipId: number;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let ruleId: number;
  let icbId: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'commissioner@demo.test');
    const demo = await demoBcfFund(api);
    fund = demo.fund;
    partnershipId = demo.partnership.id;
    const rule = await api.mutate<{ id: number }>('splits.rules.create', {
      partnershipId,
      name: 'Standard formula normalised',
      shares: [
        { party: 'social_care', basisPoints: 3000 },
        { party: 'health', basisPoints: 2000 },
      ],
      remainder: 'normalise',
    });
    ruleId = rule.id;
    const orgs = await api.query<{ id: number; name: string }[]>('orgs.list');
    icbId = orgs.find((o) => o.name === 'NHS Northbridge and Vale ICB')?.id ?? 0;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function paste(page: Page, text: string): Promise<void> {
    await page.evaluate((data) => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', data);
      (document.activeElement ?? document.body).dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  /** The drawn bars of one chart series, as their SVG paths: they change when the figures behind them do. */
  const seriesPaths = (page: Page, series: number) =>
    page
      .getByTestId('scenario-chart')
      .locator('.recharts-bar')
      .nth(series)
      .locator('path')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));

  /** Every planned contribution of the fund, as the API has it: what a promotion writes, or a cancel does not. */
  const plannedContributions = async () =>
    (
      await api.query<{ id: number; orgId: number; version: number; plannedPence: number }[]>('contributions.list', { fundId: fund.id })
    ).map((c) => ({ id: c.id, orgId: c.orgId, version: c.version, plannedPence: c.plannedPence }));

  test('a scenario just taken from the plan says why the ICB is £20,000 down, and promoting it asks first (issue 22, item 6)', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, server.url, 'commissioner@demo.test');
    await page.goto(`${server.url}/partnerships/${partnershipId}/splits?fund=${fund.id}`);
    await page.getByLabel('New scenario').fill('Just taken');
    await page.getByRole('button', { name: 'Take scenario' }).click();
    await page.getByRole('heading', { name: 'Scenario ‘Just taken’' }).waitFor();

    // Not "In step with the plan": the plan's schemes spend £20,000 less than the ICB pays into the NHS minimum.
    const icb = 'NHS Northbridge and Vale ICB';
    const row = page.getByTestId('scenario-list').getByRole('row', { name: /Just taken/ });
    await expect
      .poll(() => row.textContent())
      .toContain(`Differs from the plan for ${icb} (${formatPence(-20_000_00)}): open it to see why`);
    expect(await row.textContent()).not.toContain('In step with the plan');
    const differences = page.getByTestId('scenario-differences');
    await expect
      .poll(() => differences.textContent())
      .toContain(
        `${icb}: £20,000.00 less than its planned contribution, because the plan’s schemes spend £20,000.00 less than it pays into the NHS minimum contribution.`,
      );
    expect(await differences.textContent()).not.toContain('Northbridge Borough Council:');
    // The comparison with the committed plan (the scenario is ticked when taken) says why too.
    await expect
      .poll(() => page.getByTestId('comparison-reasons').textContent())
      .toContain(`Why ‘Just taken’ differs from the committed plan:${icb}: £20,000.00 less than its planned contribution`);

    // Promote asks first, naming the partner, the source and the amount; Cancel writes nothing.
    const before = await plannedContributions();
    await page.getByRole('button', { name: 'Promote to plan…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Promote ‘Just taken’ to the plan?' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('promote-lowered').textContent()).toContain(`${icb}, NHS minimum contribution: £20,000.00 less`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await plannedContributions()).toEqual(before);

    // Promote writes: the ICB's planned contributions fall by exactly £20,000 and the scenario is then in step.
    await page.getByRole('button', { name: 'Promote to plan…' }).click();
    await dialog.getByRole('button', { name: 'Promote', exact: true }).click();
    await page.getByText(/Promoted ‘Just taken’: \d+ planned contributions changed/).waitFor();
    const after = await plannedContributions();
    const total = (rows: typeof after, orgId: number) => rows.filter((c) => c.orgId === orgId).reduce((t, c) => t + c.plannedPence, 0);
    expect(total(before, icbId) - total(after, icbId)).toBe(20_000_00);
    await expect.poll(() => differences.textContent()).toContain('In step with the plan');
    await context.close();
  });

  test('take, change a split, see the comparison move, promote; the Contributions page shows the new figures', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, server.url, 'commissioner@demo.test');
    // The 2025/26 fund has the demo plan's schemes; a link can name the fund (the newest is shown otherwise).
    await page.goto(`${server.url}/partnerships/${partnershipId}/splits?fund=${fund.id}`);
    await page.getByRole('heading', { name: 'Scenarios', level: 2 }).waitFor();

    await page.getByLabel('New scenario').fill('Reablement 60/40');
    await page.getByRole('button', { name: 'Take scenario' }).click();
    await page.getByRole('heading', { name: 'Scenario ‘Reablement 60/40’' }).waitFor();
    await page.getByTestId('scenario-chart').locator('.recharts-bar path').first().waitFor();
    // The URL names the open scenario, so the view can be shared and survives reload.
    expect(new URL(page.url()).searchParams.get('scenario')).toMatch(/^\d+$/);
    const before = await seriesPaths(page, 1);

    const [listed] = await api.query<{ id: number }[]>('scenarios.list', { fundId: fund.id });
    const detail = await api.query<ScenarioDetail>('scenarios.get', { id: listed?.id });
    const reablement = detail.lines.find((l) => l.label.includes('6-week reablement'));
    if (!reablement) throw new Error('no reablement line');
    await page.locator(`[row-id="${reablement.id}"] [col-id="split"]`).first().click();
    await paste(page, 'Standard formula normalised');

    // The server has the new split, and the page shows what it works out for each partner.
    await expect
      .poll(
        async () => (await api.query<ScenarioDetail>('scenarios.get', { id: listed?.id })).lines.find((l) => l.id === reablement.id)?.split,
      )
      .toBe(`rule:${ruleId}`);
    const after = await api.query<ScenarioDetail>('scenarios.get', { id: listed?.id });
    const council = after.result.partners.find((p) => p.name === 'Northbridge Borough Council');
    if (!council) throw new Error('no council');
    expect(council.changePence).toBe(2_520_000_00);
    const comparisonRow = page.getByTestId('scenario-comparison').getByRole('row', { name: /Northbridge Borough Council/ });
    await expect.poll(() => comparisonRow.textContent()).toContain(formatPence(council.scenarioPence));
    await expect.poll(() => seriesPaths(page, 1)).not.toEqual(before);

    await page.getByRole('button', { name: 'Promote to plan…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Promote', exact: true }).click();
    await page.getByText(/Promoted ‘Reablement 60\/40’: \d+ planned contributions changed/).waitFor();

    await page.goto(`${server.url}/funds/${fund.id}/contributions`);
    const shares = page.getByRole('region', { name: 'Headline figures' });
    await expect.poll(() => shares.textContent()).toContain(formatPence(council.scenarioPence));
    const icb = after.result.partners.find((p) => p.name === 'NHS Northbridge and Vale ICB');
    expect(await shares.textContent()).toContain(formatPence(icb?.scenarioPence ?? -1));
    await context.close();
  });
});
