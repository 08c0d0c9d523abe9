// Hostile users in a real Chromium (issue 9, item 4): a partner, partnership, fund, note and scheme named with markup
// (`<img src=x onerror=alert(1)>` and friends) show as text on every page that names them (lists, the grid, the
// charts, history): no dialog, no element made from the markup, no CSP violation. And another site's page cannot make
// the signed-in browser change anything: an auto-submitting cross-site form and a no-CORS fetch write nothing.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organisation } from '../../shared/types';
import { apiAs, browserAvailable, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>Partnership';
const SVG = '"><svg onload=alert(3)>';
const PARTNER = `${IMG} Council`;

describe.runIf(run)('markup in names renders as text in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let partnershipId: number;
  let fundId: number;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiAs(server.url, 'admin@demo.test');
    const xssOrg = await admin.mutate<Organisation>('orgs.create', { name: PARTNER, sector: 'social_care', kind: SVG });
    const other = await admin.mutate<Organisation>('orgs.create', { name: `${SVG} ICB`, sector: 'health' });
    const partnership = await admin.mutate<{ id: number }>('partnerships.create', {
      name: SCRIPT,
      area: IMG,
      notes: SVG,
      arrangement: 'pooled_fund',
      hostOrgId: xssOrg.id,
      memberOrgIds: [xssOrg.id, other.id],
    });
    partnershipId = partnership.id;
    const fund = await admin.mutate<{ id: number }>('funds.create', { partnershipId, name: `Fund ${IMG}`, financialYear: '2025/26' });
    fundId = fund.id;
    await admin.mutate('contributions.applyBatch', {
      fundId,
      changes: [
        {
          op: 'create',
          values: {
            orgId: xssOrg.id,
            source: 'la_better_care_grant',
            quarter: 1,
            plannedPence: 500_000_00,
            actualPence: 120_000_00,
            note: IMG,
          },
        },
        { op: 'create', values: { orgId: other.id, source: 'nhs_minimum', quarter: 1, plannedPence: 300_000_00, note: SVG } },
      ],
    });
    await admin.mutate('schemes.applyBatch', {
      fundId,
      changes: [
        {
          op: 'create',
          values: {
            code: '1',
            name: IMG,
            schemeType: 'home_based_ic',
            subType: 'reablement_at_home',
            areaOfSpend: 'social_care',
            commissioner: 'la',
            providerType: 'la',
            fundingSource: 'nhs_minimum',
            q1PlannedPence: 100_000_00,
          },
        },
      ],
    });

    context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB' });
    // Every CSP violation the page sees is recorded: markup that reached the DOM as HTML would try to run and be
    // blocked, so a violation means an injection the CSP caught, and the test fails on it as on a dialog.
    await context.addInitScript(() => {
      const seen: string[] = [];
      Object.defineProperty(window, '__cspViolations', { value: seen });
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, server.url, 'admin@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** No element was made from the markup, nothing tried to run, and the text is there as text. */
  async function expectInert(p: Page): Promise<void> {
    const injected = await p.evaluate(() => ({
      imgs: document.querySelectorAll('img[src="x"]').length,
      svgs: document.querySelectorAll('svg[onload]').length,
      handlers: [...document.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name === 'onerror' || a.name === 'onload'),
      ).length,
      scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('alert')).length,
      // zod 4 probes once whether `new Function` is allowed (to compile its parsers) and falls back when the CSP says
      // no: that probe comes from our own bundle and is not an injection.
      violations: (window as unknown as { __cspViolations: string[] }).__cspViolations.filter((v) => v !== 'script-src eval'),
    }));
    expect(injected).toEqual({ imgs: 0, svgs: 0, handlers: 0, scripts: 0, violations: [] });
    expect(dialogs).toEqual([]);
  }

  test('the partnerships list and the partnership page show the names as text', async () => {
    await page.goto(`${server.url}/partnerships`);
    await expect.poll(() => page.getByText(SCRIPT).count()).toBeGreaterThan(0);
    await expectInert(page);
    await page.goto(`${server.url}/partnerships/${partnershipId}`);
    await expect.poll(() => page.getByText(SCRIPT).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(`Fund ${IMG}`).count()).toBeGreaterThan(0);
    await expectInert(page);
  });

  test('the contributions grid and its chart show the partner and the note as text', async () => {
    await page.goto(`${server.url}/funds/${fundId}/contributions`);
    const grid = page.locator('.ag-root');
    await grid.waitFor();
    await expect.poll(() => grid.getByText(PARTNER).count()).toBeGreaterThan(0);
    await expect.poll(() => grid.getByText(IMG, { exact: true }).count()).toBeGreaterThan(0);
    // The chart names partners in SVG text (or its table view): the markup is a text node there too.
    await expect.poll(() => page.locator('svg text, table').filter({ hasText: '<img src=x' }).count()).toBeGreaterThan(0);
    await expectInert(page);
  });

  test('the plan, splits and history pages show the names as text', async () => {
    await page.goto(`${server.url}/funds/${fundId}/plan`);
    await expect.poll(() => page.getByText(IMG, { exact: true }).count()).toBeGreaterThan(0);
    await expectInert(page);
    await page.goto(`${server.url}/partnerships/${partnershipId}/splits`);
    await expect.poll(() => page.getByText(SCRIPT).count()).toBeGreaterThan(0);
    await expectInert(page);
    await page.goto(`${server.url}/history?partnership=${partnershipId}`);
    await expect.poll(() => page.getByText(IMG).count()).toBeGreaterThan(0);
    await expectInert(page);
  });

  test('a cross-site form and a no-CORS fetch from another site change nothing', async () => {
    const before = (await admin.query<Organisation[]>('orgs.list')).length;
    const target = `${server.url}/trpc/orgs.create`;
    // The classic CSRF page: a form that posts JSON-looking text/plain on load, and a fetch with the user's cookies.
    await context.route('http://evil.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><body>
          <form id="f" method="POST" action="${target}" enctype="text/plain">
            <input name='{"name":"CSRF form org","sector":"health","x":"' value='"}'>
          </form>
          <script>
            fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include',
              headers: { 'Content-Type': 'text/plain' }, body: '{"name":"CSRF fetch org","sector":"health"}' })
              .finally(() => document.getElementById('f').submit());
          </script></body>`,
      }),
    );
    const evil = await context.newPage();
    const posted = evil.waitForResponse((res) => res.url() === target && res.request().method() === 'POST');
    await evil.goto('http://evil.example/');
    const response = await posted;
    expect(response.status()).toBeGreaterThanOrEqual(400);
    await evil.waitForLoadState();
    await evil.close();
    const after = await admin.query<Organisation[]>('orgs.list');
    expect(after.length).toBe(before);
    expect(after.map((o) => o.name).filter((n) => n.startsWith('CSRF'))).toEqual([]);
  });
});
