// End to end in Chromium: the board dashboard (issue 7, item 4). A board member opens the demo partnership; every chart
// draws its series from `reports.board`, each table view shows the API's figures, the period filter lives in the URL
// and changes the figures, and charts download as well-formed SVG and as PNG.
import fs from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BoardReport } from '../../shared/board-report';
import { quarterLabel } from '../../shared/financial-year';
import { formatMetricValue, METRIC_STATUS_LABELS } from '../../shared/metric-status';
import { formatPence } from '../../shared/money';
import { formatPerPound } from '../../shared/roi';
import type { Fund } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('the board dashboard', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiAs>>;
  let partnershipId: number;
  let fund: Fund;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiAs(server.url, 'board@demo.test');
    const demo = await demoBcfFund(api);
    partnershipId = demo.partnership.id;
    fund = demo.fund;
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    page = await context.newPage();
    await signIn(page, server.url, 'board@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const report = (input: { fundId?: number; fromQuarter?: number; toQuarter?: number } = {}) =>
    api.query<BoardReport>('reports.board', { partnershipId, ...input });
  const chart = (id: string) => page.getByTestId(id);
  /** The text of each cell of a table view's row, trimmed. */
  const cells = (row: Locator) => row.locator('th, td').evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
  /** Bars drawn with a real shape: recharts draws no rectangle for a zero value. */
  const drawnBars = (series: Locator) =>
    series.locator('path.recharts-rectangle').evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 10).length);

  async function openDashboard(query = ''): Promise<void> {
    await page.goto(`${server.url}/partnerships/${partnershipId}${query}`);
    await chart('chart-contributions').locator('path.recharts-rectangle').first().waitFor();
    await page.getByTestId('chart-metrics').locator('.recharts-line-curve').first().waitFor();
  }

  test('every chart draws its series from reports.board, and each table view shows the same figures as the API', async () => {
    const expected = await report();
    expect(expected.fund.id, 'the demo BCF 2025/26 is the fund a board sees first').toBe(fund.id);
    expect(expected.schemeReturns.length, 'the demo data has appraised schemes').toBeGreaterThan(0);
    expect(expected.metricTrends.length, 'the demo data has metric trends').toBeGreaterThan(0);
    await openDashboard();
    // The page says once that its data is illustrative; the dashboard does not say it again (issue 22, item 4).
    expect(await page.locator('.banner-demo').allTextContents()).toEqual([expect.stringContaining('illustrative')]);

    // Tiles.
    expect(await page.getByTestId('tile-pooled').textContent()).toBe(formatPence(expected.tiles.pooledPence));
    expect(await page.getByTestId('tile-spent').textContent()).toBe(formatPence(expected.tiles.spentToDate.actualPence));
    if (expected.tiles.savedPerPoundBp === null) throw new Error('the demo fund has a savings per £1');
    expect(await page.getByTestId('tile-per-pound').textContent()).toBe(`${formatPerPound(expected.tiles.savedPerPoundBp)} per £1 spent`);
    expect(await page.getByTestId('tile-metrics').textContent()).toBe(`${expected.tiles.metricsOnTrack} of ${expected.tiles.metricsTotal}`);

    // (a) Contributions: one stacked series per partner, each drawing a bar in every quarter it paid something.
    const partners = expected.contributionsByQuarter[0]?.partners ?? [];
    expect(partners.length).toBeGreaterThan(1);
    const contributionSeries = chart('chart-contributions').locator('.recharts-bar');
    expect(await contributionSeries.count()).toBe(partners.length);
    for (const [i, p] of partners.entries()) {
      const paid = expected.contributionsByQuarter.filter((q) => (q.partners.find((c) => c.orgId === p.orgId)?.actualPence ?? 0) > 0);
      expect(await drawnBars(contributionSeries.nth(i)), p.name).toBe(paid.length);
    }
    // "Planned" draws the plan instead: the same series, the bars of the quarters with a plan.
    await chart('chart-contributions').getByLabel('Planned', { exact: true }).check();
    for (const [i, p] of partners.entries()) {
      const planned = expected.contributionsByQuarter.filter((q) => (q.partners.find((c) => c.orgId === p.orgId)?.plannedPence ?? 0) > 0);
      await expect.poll(() => drawnBars(contributionSeries.nth(i)), { message: p.name }).toBe(planned.length);
    }
    expect(await chart('chart-contributions').locator('figcaption').textContent()).toContain('planned, by quarter');
    for (const q of expected.contributionsByQuarter) {
      for (const p of q.partners) {
        const row = chart('chart-contributions-table').locator(`tr[data-quarter="${q.quarter}"][data-org="${p.orgId}"]`);
        const actual = p.actualPence === null ? 'Not yet reported' : formatPence(p.actualPence);
        expect(await cells(row)).toEqual([quarterLabel(q.quarter), p.name, formatPence(p.plannedPence), actual]);
      }
    }

    // (b) Spend against plan: planned and actual series, a bar for each quarter with money in it.
    const spendSeries = chart('chart-spend').locator('.recharts-bar');
    expect(await spendSeries.count()).toBe(2);
    expect(await drawnBars(spendSeries.nth(0))).toBe(expected.spendByQuarter.filter((q) => q.plannedPence > 0).length);
    expect(await drawnBars(spendSeries.nth(1))).toBe(expected.spendByQuarter.filter((q) => (q.actualPence ?? 0) > 0).length);
    for (const q of expected.spendByQuarter) {
      const row = chart('chart-spend-table').locator(`tr[data-quarter="${q.quarter}"]`);
      expect(await cells(row)).toEqual(
        q.actualPence === null
          ? [quarterLabel(q.quarter), formatPence(q.plannedPence), 'Not yet reported', '— (no variance: not yet reported)']
          : [quarterLabel(q.quarter), formatPence(q.plannedPence), formatPence(q.actualPence), formatPence(q.actualPence - q.plannedPence)],
      );
    }

    // (c) Savings per £1: a bar per appraised scheme, an error bar per scheme whose evidence has a range, the evidence
    // listed by claim and publication.
    const savings = chart('chart-savings');
    const appraised = expected.schemeReturns.filter((s) => s.savedPerPoundBp !== null && s.savedPerPoundBp > 0);
    expect(await drawnBars(savings.locator('.recharts-bar'))).toBe(appraised.length);
    const banded = expected.schemeReturns.filter((s) => s.savedPerPoundBp !== null && s.lowBp !== null && s.highBp !== null);
    expect(banded.length, 'the demo data has a scheme with an evidence range').toBeGreaterThan(0);
    expect(await savings.locator('.recharts-errorBar').count()).toBe(banded.length);
    expect(await savings.locator('.recharts-reference-line').count(), 'the break-even line').toBe(1);
    for (const s of expected.schemeReturns) {
      const row = chart('chart-savings-table').locator(`tr[data-scheme="${s.schemeId}"]`);
      const [name, cost, net, perPound, band] = await cells(row);
      expect([name, cost, net, perPound]).toEqual([
        `${s.code} ${s.name}`,
        formatPence(s.costPence),
        formatPence(s.netBenefitPence),
        s.savedPerPoundBp === null ? 'No cost recorded' : formatPerPound(s.savedPerPoundBp),
      ]);
      if (s.lowBp !== null && s.highBp !== null) expect(band).toBe(`${formatPerPound(s.lowBp)} to ${formatPerPound(s.highBp)}`);
      for (const e of s.evidence) {
        const listed = savings.locator('.board-evidence li', { hasText: e.claim }).first();
        expect(await listed.textContent()).toContain(e.publication);
        if (e.url) expect(await listed.getByRole('link', { name: e.publication }).getAttribute('href')).toBe(e.url);
      }
    }

    // (d) Metric trends: a small chart per metric with an actual and a target line, and each quarter's status in words.
    for (const t of expected.metricTrends) {
      const figure = chart(`chart-metric-${t.code}`);
      expect(await figure.locator('.recharts-line').count(), t.code).toBe(2);
      const curves = await figure.locator('path.recharts-line-curve').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
      expect(curves.every((d) => d.length > 0)).toBe(true);
      for (const p of t.points) {
        expect(
          await figure
            .locator('.metric-quarters li')
            .nth(p.quarter - expected.period.fromQuarter)
            .textContent(),
        ).toContain(METRIC_STATUS_LABELS[p.status]);
        const row = chart(`chart-metric-${t.code}-table`).locator(`tr[data-quarter="${p.quarter}"]`);
        const value = (v: number | null) => (v === null ? 'Not set' : formatMetricValue(v, t.unit));
        expect(await cells(row)).toEqual([
          quarterLabel(p.quarter),
          value(p.targetHundredths),
          value(p.actualHundredths),
          METRIC_STATUS_LABELS[p.status],
          p.narrative,
        ]);
      }
    }

    // (e) Who invests and who benefits: invests and benefits series, grouped by party.
    const balanceSeries = chart('chart-balance').locator('.recharts-bar');
    expect(await balanceSeries.count()).toBe(2);
    expect(await drawnBars(balanceSeries.nth(0))).toBe(expected.investsVsBenefits.filter((p) => p.investsPence > 0).length);
    expect(await drawnBars(balanceSeries.nth(1))).toBe(expected.investsVsBenefits.filter((p) => p.benefitsPence > 0).length);
    for (const p of expected.investsVsBenefits) {
      const row = chart('chart-balance-table').locator(`tr[data-party="${p.party}"]`);
      expect(await cells(row)).toEqual([
        p.name,
        formatPence(p.investsPence),
        formatPence(p.benefitsPence),
        formatPence(p.benefitsPence - p.investsPence),
      ]);
    }
  });

  test('where the pool and planned spend differ, a line under the tiles says by how much and why (issue 22, item 6)', async () => {
    await openDashboard();
    expect(await page.getByTestId('tile-pooled').textContent()).toBe('£40,344,000.00');
    const note = page.getByTestId('board-reconcile');
    expect(await note.locator('summary').textContent()).toBe(
      '£20,000.00 of the pool is not yet planned on schemes: NHS minimum contribution.',
    );
    // The detail folds away, and opens to give both figures, the source and who pays into it.
    const detail = note.getByText(
      '£20,000.00 of NHS minimum contribution is not yet planned on schemes (paid in by NHS Northbridge and Vale ICB).',
    );
    expect(await detail.isVisible()).toBe(false);
    await note.locator('summary').click();
    await detail.waitFor({ state: 'visible' });
    expect(await note.textContent()).toContain('Pooled total £40,344,000.00; planned spend on schemes £40,324,000.00 for 2025/26.');
  });

  test('a quarter not yet reported reads so (issue 21): Q4 has no actual bar, no £0.00 and no variance; totals say Q1–Q3', async () => {
    const expected = await report();
    const q4 = expected.spendByQuarter.find((q) => q.quarter === 4);
    if (!q4) throw new Error('the demo report has a Q4');
    expect(q4.actualPence, 'the demo’s Q4 spend is not in yet').toBeNull();
    const wrongVariance = formatPence(-q4.plannedPence);
    const spent = expected.tiles.spentToDate;
    await openDashboard();

    // The tile: Q1–Q3's actual, against Q1–Q3's plan, and says Q4 is not reported.
    expect(await page.locator('[data-testid="board-tiles"] dt', { hasText: 'Spent to date' }).textContent()).toBe(
      'Spent to date (Q1–Q3 actual)',
    );
    expect(await page.getByTestId('tile-spent').textContent()).toBe(formatPence(spent.actualPence));
    const note = (await page.getByTestId('tile-spent-note').textContent()) ?? '';
    expect(note).toContain(`against ${formatPence(spent.plannedPence)} planned for Q1–Q3`);
    expect(note).toContain('Q4 not yet reported');

    // The chart: three actual bars for four planned ones, and its caption says why.
    const spend = chart('chart-spend');
    expect(await drawnBars(spend.locator('.recharts-bar').nth(0))).toBe(4);
    expect(await drawnBars(spend.locator('.recharts-bar').nth(1))).toBe(3);
    expect(await spend.locator('figcaption').textContent()).toContain('Q4 not yet reported: no actual bar');

    // The table view: Q4 not reported, no £0.00 anywhere, no variance of minus Q4's whole plan; the totals name Q1–Q3.
    const table = chart('chart-spend-table');
    const text = (await table.textContent()) ?? '';
    expect(text).not.toContain('£0.00');
    expect(text).not.toContain(wrongVariance);
    expect(await cells(table.locator('tr[data-quarter="total"]'))).toEqual([
      'Q1–Q3 actual',
      formatPence(spent.plannedPence),
      formatPence(spent.actualPence),
      formatPence(spent.variancePence),
    ]);
    expect(await cells(table.locator('tr[data-quarter="period-plan"]'))).toEqual([
      'Planned, Q1 to Q4',
      formatPence(spent.periodPlannedPence),
      'Q4 not yet reported',
      '',
    ]);

    // Who paid what in the 2026/27 fund, half a year in: Q3 and Q4 draw no actual bars and read "Not yet reported".
    const next = expected.funds.find((f) => f.financialYear === '2026/27');
    if (!next) throw new Error('the demo partnership has a 2026/27 fund');
    const half = await report({ fundId: next.id });
    await page.goto(`${server.url}/partnerships/${partnershipId}?fund=${next.id}`);
    const contributions = chart('chart-contributions');
    await contributions.locator('path.recharts-rectangle').first().waitFor();
    expect(await contributions.locator('figcaption').textContent()).toContain('Q3 and Q4 not yet reported: no actual bars');
    for (const q of half.contributionsByQuarter) {
      for (const p of q.partners) {
        const row = chart('chart-contributions-table').locator(`tr[data-quarter="${q.quarter}"][data-org="${p.orgId}"]`);
        expect((await cells(row))[3], `Q${q.quarter} ${p.name}`).toBe(
          q.quarter > 2 ? 'Not yet reported' : formatPence(p.actualPence ?? -1),
        );
      }
    }
    const partnerSeries = contributions.locator('.recharts-bar');
    for (let i = 0; i < (await partnerSeries.count()); i++) expect(await drawnBars(partnerSeries.nth(i))).toBeLessThanOrEqual(2);
  });

  test('the contributions headline of a fund half a year in: actual and variance of Q1–Q2 against their plan, Q3 and Q4 not yet reported', async () => {
    const next = (await report()).funds.find((f) => f.financialYear === '2026/27');
    if (!next) throw new Error('the demo partnership has a 2026/27 fund');
    const rows = await api.query<{ quarter: number; plannedPence: number; actualPence: number }[]>('contributions.list', {
      fundId: next.id,
    });
    const firstHalf = rows.filter((r) => r.quarter <= 2);
    expect(
      rows.filter((r) => r.quarter > 2 && r.actualPence > 0),
      'the demo’s 2026/27 Q3 and Q4 are not in yet',
    ).toEqual([]);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const planned = sum(firstHalf.map((r) => r.plannedPence));
    const actual = sum(firstHalf.map((r) => r.actualPence));
    await page.goto(`${server.url}/funds/${next.id}/contributions`);
    await page.getByTestId('total-actual').waitFor();
    expect(await page.getByTestId('total-planned').textContent()).toBe(formatPence(sum(rows.map((r) => r.plannedPence))));
    expect(await page.getByTestId('total-actual').textContent()).toBe(formatPence(actual));
    expect(await page.getByTestId('total-actual-note').textContent()).toBe(
      `against ${formatPence(planned)} planned for Q1–Q2; Q3 and Q4 not yet reported`,
    );
    // The note is words under the figure, not a second figure.
    expect(await page.getByTestId('total-actual-note').evaluate((el) => getComputedStyle(el).fontWeight)).toBe('400');
    // The variance is Q1–Q2's, not the half-paid year's: no underspend of the two quarters not yet reported.
    expect(await page.getByTestId('total-variance').textContent()).toBe(formatPence(actual - planned));
    expect(await page.locator('.headline dt', { hasText: 'Variance' }).textContent()).toBe('Variance, Q1–Q2 (actual − planned)');

    // The chart by partner sets each partner's Q1–Q2 actual against its Q1–Q2 plan, and says Q3 and Q4 are not in.
    const figure = page.locator('figure.chart', { hasText: 'Planned vs actual by partner' });
    expect(await figure.locator('figcaption').textContent()).toBe('Planned vs actual by partner, Q1–Q2 (Q3 and Q4 not yet reported)');
    await figure.getByText('Show as a table').click();
    const orgs = await api.query<{ id: number; name: string }[]>('orgs.list');
    const byPartner = await figure
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
    expect(byPartner.length).toBeGreaterThan(1);
    for (const [name, plannedText, actualText] of byPartner) {
      const org = orgs.find((o) => o.name === name);
      const own = (
        await api.query<{ orgId: number; quarter: number; plannedPence: number; actualPence: number }[]>('contributions.list', {
          fundId: next.id,
        })
      ).filter((r) => r.orgId === org?.id && r.quarter <= 2);
      expect([plannedText, actualText], name).toEqual([
        formatPence(sum(own.map((r) => r.plannedPence))),
        formatPence(sum(own.map((r) => r.actualPence))),
      ]);
    }
  });

  test('the plan’s chart by quarter: Q4 of the demo plan reads "Not yet reported", not £0.00', async () => {
    await page.goto(`${server.url}/funds/${fund.id}/plan`);
    const figure = page.locator('figure.chart', { hasText: 'Planned vs actual spend by quarter' });
    await figure.getByText('Show as a table').click();
    const q4 = figure.locator('tbody tr', { hasText: 'Q4' });
    expect((await q4.locator('td').allTextContents())[2]).toBe('Not yet reported');
    const q3 = figure.locator('tbody tr', { hasText: 'Q3' });
    expect((await q3.locator('td').allTextContents())[2]).toMatch(/^£[1-9]/);
  });

  test('the period filter is kept in the URL, changes the figures, and survives a reload; the board pack links follow it', async () => {
    await openDashboard();
    await page.getByLabel('From', { exact: true }).selectOption('2');
    await page.getByLabel('To', { exact: true }).selectOption('3');
    await expect.poll(() => new URL(page.url()).search).toBe('?from=2&to=3');
    const q2q3 = await report({ fromQuarter: 2, toQuarter: 3 });
    await expect.poll(() => chart('chart-spend-table').locator('tbody tr').count()).toBe(2);
    await expect.poll(() => page.getByTestId('tile-spent').textContent()).toBe(formatPence(q2q3.tiles.spentToDate.actualPence));
    expect(await page.getByTestId('tile-spent').textContent()).not.toBe(formatPence((await report()).tiles.spentToDate.actualPence));
    const contributions = chart('chart-contributions-table');
    expect(await contributions.locator('tr[data-quarter="1"]').count()).toBe(0);
    // A quarter before the period's start moves the start back with it, so the period is never empty.
    await page.getByLabel('To', { exact: true }).selectOption('1');
    await expect.poll(() => new URL(page.url()).search).toBe('?from=1&to=1');
    await page.getByLabel('To', { exact: true }).selectOption('3');
    await page.getByLabel('From', { exact: true }).selectOption('2');

    const other = q2q3.funds.find((f) => f.id !== fund.id);
    if (!other) throw new Error('the demo partnership has a second fund');
    await page.getByLabel('Fund', { exact: true }).selectOption(String(other.id));
    await expect.poll(() => new URL(page.url()).searchParams.get('fund')).toBe(String(other.id));
    const otherReport = await report({ fundId: other.id, fromQuarter: 2, toQuarter: 3 });
    await expect.poll(() => page.getByTestId('board-showing').textContent()).toContain(other.financialYear);
    await expect.poll(() => page.getByTestId('tile-pooled').textContent()).toBe(formatPence(otherReport.tiles.pooledPence));

    const query = `fund=${other.id}&from=2&to=3`;
    expect(await page.getByTestId('board-pack-link').getAttribute('href')).toBe(`/partnerships/${partnershipId}/board-pack?${query}`);
    expect(await page.getByTestId('board-pack-pdf').getAttribute('href')).toBe(
      `/export/partnerships/${partnershipId}/board-pack.pdf?${query}`,
    );

    await page.reload();
    await page.getByTestId('tile-pooled').waitFor();
    expect(await page.getByLabel('Fund', { exact: true }).inputValue()).toBe(String(other.id));
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('3');
    expect(await page.getByTestId('tile-pooled').textContent()).toBe(formatPence(otherReport.tiles.pooledPence));
  });

  test('each chart downloads as a well-formed SVG with its title and legend, and as a PNG', async () => {
    await openDashboard(`?fund=${fund.id}`);
    const expected = await report({ fundId: fund.id });
    const titles = [
      'Contributions by partner',
      'Spend against plan',
      'Savings per £1 by scheme',
      'Who invests and who benefits',
      ...expected.metricTrends.map((t) => t.name),
    ];
    for (const title of titles) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Download ‘${title}’ as SVG` }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^northbridge-better-care-fund-2025-26-q1-q4-[a-z0-9-]+\.svg$/);
      const svg = await fs.readFile(await download.path(), 'utf8');
      expect(svg.startsWith('<svg'), title).toBe(true);
      // Well-formed XML the browser reads back as an SVG document, with the title, the chart and its legend.
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: doc.documentElement.namespaceURI,
          title: doc.querySelector('svg > title')?.textContent ?? null,
          // The title as drawn, on as many lines as the chart's width needs.
          heading: [...doc.querySelectorAll('svg > text[font-weight="700"]')].map((t) => t.textContent ?? '').join(' '),
          texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
          charts: doc.querySelectorAll('svg > svg').length,
        };
      }, svg);
      expect(parsed.error, title).toBeNull();
      expect(parsed.root).toBe('http://www.w3.org/2000/svg');
      expect(parsed.charts).toBe(1);
      expect(parsed.title).toBe(title);
      expect(parsed.heading).toBe(title);
      expect(parsed.texts.some((t) => t.includes('Illustrative demo data'))).toBe(true);
    }
    const contributionsSvg = await fs.readFile(
      await (
        await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Download ‘Contributions by partner’ as SVG' }).click(),
        ])
      )[0].path(),
      'utf8',
    );
    for (const p of expected.contributionsByQuarter[0]?.partners ?? []) expect(contributionsSvg).toContain(`>${p.name}</text>`);

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download ‘Contributions by partner’ as PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/contributions\.png$/);
    const bytes = await fs.readFile(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The PNG is drawn at twice the chart's size: its IHDR width is well over the figure's.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(800);
  });
  test('who invests is exact to the penny (issue 13): £100.00 and £200.00 planned, a £30,000.00 scheme: £10,000.00 and £20,000.00', async () => {
    const admin = await apiAs(server.url, 'admin@demo.test');
    const orgs = await admin.query<{ id: number; name: string }[]>('orgs.list');
    const council = orgs.find((o) => o.name === 'Northbridge Borough Council');
    const icb = orgs.find((o) => o.name === 'NHS Northbridge and Vale ICB');
    if (!council || !icb) throw new Error('the demo partners are missing');
    // A partnership of the board member's own organisations, so they can read it.
    const partnership = await admin.mutate<{ id: number }>('partnerships.create', {
      name: 'Exact shares (test)',
      arrangement: 'pooled_fund',
      hostOrgId: council.id,
      memberOrgIds: [council.id, icb.id],
    });
    const own = await admin.mutate<{ id: number }>('funds.create', {
      partnershipId: partnership.id,
      name: 'Exact fund',
      financialYear: '2025/26',
    });
    for (const [orgId, plannedPence] of [
      [council.id, 100_00],
      [icb.id, 200_00],
    ] as const) {
      await admin.mutate('contributions.create', { fundId: own.id, orgId, source: 'additional_la', quarter: 1, plannedPence });
    }
    const { rows } = await admin.mutate<{ rows: { id: number }[] }>('schemes.applyBatch', {
      fundId: own.id,
      changes: [{ op: 'create', values: { code: '1', name: 'Reablement', fundingSource: 'additional_la', q1PlannedPence: 30_000_00 } }],
    });
    const bedDay = await admin.mutate<{ id: number }>('unitCosts.create', {
      item: 'Bed-day (exact e2e)',
      pence: 400_00,
      priceYear: '2024/25',
      source: 'Test',
    });
    await admin.mutate('roi.benefits.applyBatch', {
      fundId: own.id,
      changes: [
        {
          op: 'create',
          values: { schemeId: rows[0]?.id, label: 'Bed-days avoided', party: 'health', unitCostId: bedDay.id, activityPerYear: 10 },
        },
      ],
    });

    await page.goto(`${server.url}/partnerships/${partnership.id}?fund=${own.id}`);
    const table = chart('chart-balance-table');
    await table.locator(`tr[data-party="org:${council.id}"]`).waitFor({ state: 'attached' });
    expect((await cells(table.locator(`tr[data-party="org:${council.id}"]`)))[1]).toBe('£10,000.00');
    expect((await cells(table.locator(`tr[data-party="org:${icb.id}"]`)))[1]).toBe('£20,000.00');
  });
});
