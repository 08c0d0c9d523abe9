// The Must-show of issue 15 end to end in Chromium, on a server WITHOUT the demo (BCF_DEMO=0), so nothing the demo
// seeds can make it pass: an administrator opens 2026/27 by copying 2025/26; a commissioner starts 2026/27's plan from
// a 2025/26 fund with a 3.9% uplift, mapping the one item 2026/27 does not list; the new fund's contributions grid,
// plan grid, checklist and exported workbook show the uplifted figures worked out by hand; undo (History) removes it.
//
// The figures, by hand (half up to the penny per stream, then largest remainder on the old cells):
//   NHS minimum from the ICB: Q1 £250,000.00, Q2 £250,000.00, Q3 £250,000.01 = £750,000.01
//     x 1.039 = £779,250.010389 -> £779,250.01: Q1 £259,750.00, Q2 £259,750.00, Q3 £259,750.01.
//   The scheme spending it: Q1 £375,000.00, Q2 £375,000.01 -> Q1 £389,625.00, Q2 £389,625.01 (also £779,250.01).
//   The council's Better Care Grant: Q1 £10.01 x 1.039 = £10.40039 -> £10.40 (no scheme spends it: £10.40 short).
//   Out-of-hospital minimum £800,000.00 (a setting carried over) against £779,250.01 planned: £20,749.99 short.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FundPlan } from '../../shared/plan-types';
import type { Fund } from '../../shared/types';
import { apiAs, browserAvailable, DEMO_PASSWORD, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();
const exec = promisify(execFile);

type Api = Awaited<ReturnType<typeof apiAs>>;

describe.runIf(run)('BCF years: start next year’s plan (issue 15 Must-show)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let admin: Api;
  let commissioner: Api;
  let partnershipId = 0;
  let councilId = 0;
  let icbId = 0;
  let fund: Fund;

  beforeAll(async () => {
    server = await startServer({ BCF_DEMO: '0' });
    // The first administrator, as a new deployment makes one (npm run user:add), on the server's own database.
    const added = await exec('node_modules/.bin/tsx', ['server/cli.ts', 'user:add', '--email', 'admin@roll.test', '--role', 'admin'], {
      env: { ...process.env, DATABASE_URL: path.join(server.dir, 'bcf.sqlite'), BCF_DEMO: '0' },
    });
    const password = /Password \(shown once\): (\S+)/.exec(added.stdout)?.[1];
    if (!password) throw new Error(`user:add printed no password:\n${added.stdout}\n${added.stderr}`);
    admin = await apiAs(server.url, 'admin@roll.test', password);

    councilId = (
      await admin.mutate<{ id: number }>('orgs.create', { name: 'Rollshire Council', sector: 'social_care', kind: 'Unitary authority' })
    ).id;
    icbId = (await admin.mutate<{ id: number }>('orgs.create', { name: 'NHS Rollshire ICB', sector: 'health' })).id;
    partnershipId = (
      await admin.mutate<{ id: number }>('partnerships.create', {
        name: 'Rollshire Better Care Fund',
        arrangement: 'pooled_fund',
        hostOrgId: councilId,
        memberOrgIds: [councilId, icbId],
      })
    ).id;
    await admin.mutate('users.create', {
      email: 'commissioner@roll.test',
      name: 'Cora Commissioner',
      role: 'commissioner',
      orgIds: [councilId],
      password: DEMO_PASSWORD,
    });
    commissioner = await apiAs(server.url, 'commissioner@roll.test');
    fund = await admin.mutate<Fund>('funds.create', { partnershipId, name: 'Better Care Fund', financialYear: '2025/26' });

    // The administrator opens 2026/27 on /admin as a copy of 2025/26: no code change, only the form's defaults (the year
    // after the latest held, copied from it, with its uplift).
    browser = await launchBrowser();
    const adminContext = await browser.newContext({ viewport: { width: 1600, height: 1100 }, locale: 'en-GB' });
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, server.url, 'admin@roll.test', password);
    await adminPage.goto(`${server.url}/admin`);
    await adminPage.getByRole('heading', { name: 'BCF years' }).waitFor();
    await adminPage.getByRole('button', { name: 'Open a new year…' }).click();
    const form = adminPage.getByTestId('open-year-form');
    await form.waitFor();
    expect(await form.getByLabel('Copy lists from').inputValue()).toBe('2025/26');
    expect(await form.getByLabel('Code').inputValue()).toBe('2026/27');
    expect(await form.getByLabel('Uplift of the NHS minimum to adult social care (%)').inputValue()).toBe('3.9');
    await form.getByRole('button', { name: 'Open year' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'Opened BCF year 2026/27' }).waitFor();
    await adminContext.close();
    expect((await admin.query<{ code: string; status: string }[]>('bcfYears.list')).map((y) => [y.code, y.status])).toEqual([
      ['2023-25', 'closed'],
      ['2025/26', 'open'],
      ['2026/27', 'open'],
    ]);

    // After 2026/27 was opened, 2025/26's list gains a sub-type, so 2026/27 does not list it: the one item to map.
    await admin.mutate('reference.create', {
      bcfYear: '2025/26',
      list: 'sub_type',
      code: 'virtual_ward_pilot',
      name: 'Virtual ward pilot',
      parentCode: 'home_based_ic',
    });
    const contribution = (orgId: number, source: string, quarter: number, plannedPence: number, actualPence = 0) =>
      admin.mutate('contributions.create', { fundId: fund.id, orgId, source, quarter, plannedPence, actualPence });
    await contribution(icbId, 'nhs_minimum', 1, 25_000_000, 24_000_000);
    await contribution(icbId, 'nhs_minimum', 2, 25_000_000);
    await contribution(icbId, 'nhs_minimum', 3, 25_000_001);
    await contribution(councilId, 'la_better_care_grant', 1, 1001, 1001);
    await admin.mutate('schemes.applyBatch', {
      fundId: fund.id,
      changes: [
        {
          op: 'create',
          values: {
            code: '1',
            name: 'Virtual wards',
            schemeType: 'home_based_ic',
            subType: 'virtual_ward_pilot',
            areaOfSpend: 'community_health',
            commissioner: 'icb',
            providerType: 'nhs_community',
            fundingSource: 'nhs_minimum',
            q1PlannedPence: 37_500_000,
            q2PlannedPence: 37_500_001,
            q1ActualPence: 20_000_000,
          },
        },
      ],
    });
    await admin.mutate('schemes.settings.update', { fundId: fund.id, patch: { minOutOfHospitalPence: 80_000_000 } });
    const metric = (await admin.query<{ id: number }[]>('metrics.list', { bcfYear: '2025/26' }))[0];
    await admin.mutate('outcomes.applyBatch', {
      fundId: fund.id,
      changes: [{ op: 'create', values: { metricId: metric?.id, quarter: 1, baseline: 12_000, target: 11_000, actual: 11_500 } }],
    });

    page = await browser.newPage({ viewport: { width: 1600, height: 1100 }, locale: 'en-GB' });
    await signIn(page, server.url, 'commissioner@roll.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const cell = (rowId: number | string, colId: string) => page.locator(`[row-id="${rowId}"] [col-id="${colId}"]`).first();
  const fundsNow = () => commissioner.query<Fund[]>('funds.list', { partnershipId });
  let newFundId = 0;

  test('a commissioner starts 2026/27 from the 2025/26 fund at 3.9%, mapping the one unlisted item', async () => {
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    await page.locator('.ag-row').first().waitFor();
    await page.getByRole('button', { name: 'Start next year’s plan…' }).click();
    const dialog = page.getByTestId('rollover-dialog');
    await dialog.getByRole('heading', { name: 'Start the 2026/27 plan from Better Care Fund 2025/26' }).waitFor();
    // The uplift defaults to 2026/27's (copied from 2025/26: 3.9%), and the table shows next year's exact pence.
    expect(await dialog.getByLabel('Uplift (%)').inputValue()).toBe('3.9');
    const nhsRow = dialog.getByTestId('rollover-streams').getByRole('row', { name: /NHS minimum contribution/ });
    await expect.poll(() => nhsRow.textContent()).toContain('£750,000.01£779,250.01£750,000.01£779,250.01');
    const start = dialog.getByRole('button', { name: 'Start 2026/27 plan' });
    expect(await start.isDisabled()).toBe(true);
    await dialog.getByLabel(/Sub-type ‘Virtual ward pilot’ becomes/).selectOption({ label: 'Reablement at home (to support discharge)' });
    await expect.poll(() => start.isDisabled()).toBe(false);
    await start.click();

    await page.getByRole('status').filter({ hasText: 'Started the 2026/27 plan (2026/27) from Better Care Fund 2025/26' }).waitFor();
    const created = (await fundsNow()).find((f) => f.financialYear === '2026/27');
    if (!created) throw new Error('no 2026/27 fund');
    newFundId = created.id;
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/funds/${newFundId}/plan`);
  });

  test('the new fund’s plan grid and checklist show the uplifted figures', async () => {
    await page.goto(`${server.url}/funds/${newFundId}/plan`);
    const plan = await commissioner.query<FundPlan>('schemes.plan', { fundId: newFundId });
    expect(plan.bcfYear).toBe('2026/27');
    const scheme = plan.schemes[0];
    if (!scheme) throw new Error('no scheme carried over');
    await expect.poll(() => cell(scheme.id, 'q1PlannedPence').textContent()).toBe('£389,625.00');
    expect(await cell(scheme.id, 'q2PlannedPence').textContent()).toBe('£389,625.01');
    expect(await cell(scheme.id, 'q1ActualPence').textContent()).toBe('£0.00');
    expect(scheme.subType).toBe('reablement_at_home');
    const checklist = page.locator('[data-check]');
    await checklist.first().waitFor();
    expect(await page.locator('[data-check="balance:nhs_minimum"]').getAttribute('class')).toContain('check-ok');
    expect(await page.locator('[data-check="balance:la_better_care_grant"]').textContent()).toContain(
      '£10.40 short: planned spend £0.00 against income £10.40',
    );
    expect(await page.locator('[data-check="ring_fence:out_of_hospital"]').textContent()).toContain(
      '£20,749.99 short: planned £779,250.01 against a minimum of £800,000.00',
    );
  });

  test('the new fund’s contributions grid shows the planned figures uplifted and no actuals', async () => {
    await page.goto(`${server.url}/funds/${newFundId}/contributions`);
    await page.locator('.ag-row').first().waitFor();
    const rows = await commissioner.query<{ id: number; orgId: number; source: string; quarter: number }[]>('contributions.list', {
      fundId: newFundId,
    });
    const row = (orgId: number, source: string, quarter: number) =>
      rows.find((r) => r.orgId === orgId && r.source === source && r.quarter === quarter);
    const expected: [number, string, number, string][] = [
      [icbId, 'nhs_minimum', 1, '£259,750.00'],
      [icbId, 'nhs_minimum', 2, '£259,750.00'],
      [icbId, 'nhs_minimum', 3, '£259,750.01'],
      [councilId, 'la_better_care_grant', 1, '£10.40'],
    ];
    for (const [orgId, source, quarter, text] of expected) {
      const id = row(orgId, source, quarter)?.id ?? 0;
      await expect.poll(() => cell(id, 'plannedPence').textContent()).toBe(text);
      expect(await cell(id, 'actualPence').textContent()).toBe('£0.00');
    }
    expect(rows).toHaveLength(4);
  });

  test('the exported workbook holds the uplifted figures', async () => {
    const response = await page.context().request.get(`${server.url}/export/funds/${newFundId}/plan.xlsx`);
    expect(response.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.body()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const numbersIn = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no ${name} sheet`);
      const values: number[] = [];
      sheet.eachRow((r) => r.eachCell((c) => typeof c.value === 'number' && values.push(c.value)));
      return values;
    };
    // Money as numbers in £ (pence / 100).
    expect(numbersIn('Expenditure')).toEqual(expect.arrayContaining([389_625, 389_625.01]));
    expect(numbersIn('Income')).toEqual(expect.arrayContaining([779_250.01, 10.4]));
  });

  test('undo from History removes the new fund and everything in it', async () => {
    const [event] = await commissioner.query<{ batchId: string }[]>('audit.list', { entity: 'fund', entityId: newFundId });
    if (!event) throw new Error('no audit event for the new fund');
    await page.goto(`${server.url}/history?partnership=${partnershipId}`);
    const batch = page.locator(`[data-batch-id="${event.batchId}"]`);
    await batch.waitFor();
    expect(await batch.textContent()).toContain('Started next year’s plan');
    await batch.getByRole('button', { name: /^Undo/ }).click();
    await page.getByRole('status').filter({ hasText: 'Undone' }).waitFor();
    await expect.poll(async () => (await fundsNow()).map((f) => f.financialYear)).toEqual(['2025/26']);
  });
});
