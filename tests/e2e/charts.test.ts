// End to end in Chromium: every chart is drawn by the one chart kit (client/components/chart/). On each page with a
// chart (dashboard, contributions, plan, scenarios compared), measured in the page: the legend lists the series in the
// order the SVG draws them, with the same fill; a series name has one colour on every page; the value axis has round
// ticks (1, 2, 2.5 or 5 times a power of ten apart) and its lowest label clears the category labels; and no marker,
// bar or label lies outside its <svg> (tests/support/reading.ts's check for labels outside their chart, reused).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeProblems, readingProblemsOn } from '../support/reading';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

/** What one chart looks like, read from its figure in the page. */
interface ChartReading {
  title: string;
  testId: string | null;
  kind: 'bar' | 'line';
  legend: { name: string; fill: string }[];
  /** The colour or fill of each drawn series, in SVG order (bars, lines, error bars, reference lines), each once. */
  drawn: string[];
  /** The value axis's tick labels, bottom to top. */
  valueTicks: string[];
  /** Marks, bars and labels that reach outside their <svg>. */
  outside: string[];
  /** Whether a value-axis label overlaps a category-axis label. */
  ticksCollide: boolean;
}

/** Runs in the page: every kit chart (a figure with a recharts drawing) as a ChartReading. */
function readCharts(): ChartReading[] {
  const SLACK = 1;
  return [...document.querySelectorAll('figure.chart')].flatMap((figure) => {
    const svg = figure.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
    if (!svg) return [];
    const box = svg.getBoundingClientRect();
    const drawn: string[] = [];
    for (const el of svg.querySelectorAll('.recharts-bar, .recharts-line, .recharts-errorBar, .recharts-reference-line')) {
      let colour: string | null = null;
      if (el.classList.contains('recharts-bar')) colour = el.querySelector('path.recharts-rectangle')?.getAttribute('fill') ?? null;
      else if (el.classList.contains('recharts-line'))
        colour = el.querySelector('path.recharts-line-curve')?.getAttribute('stroke') ?? null;
      else colour = el.querySelector('line')?.getAttribute('stroke') ?? el.getAttribute('stroke');
      if (colour && !drawn.includes(colour)) drawn.push(colour);
    }
    const outside: string[] = [];
    for (const el of svg.querySelectorAll('circle.recharts-dot, .recharts-line-dots circle, path.recharts-rectangle, text')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < box.left - SLACK || r.right > box.right + SLACK || r.top < box.top - SLACK || r.bottom > box.bottom + SLACK)
        outside.push(
          `${el.tagName} ${el.textContent ?? ''} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`,
        );
    }
    const vertical = figure.getAttribute('data-testid') === 'chart-savings'; // bars lie along the x axis
    // Recharts 3 draws each axis's tick labels in a layer of their own: recharts-xAxis-tick-labels, -yAxis-.
    const valueAxis = vertical ? 'xAxis' : 'yAxis';
    const categoryAxis = vertical ? 'yAxis' : 'xAxis';
    const tickTexts = (axis: string) => [...svg.querySelectorAll(`.recharts-${axis}-tick-labels text`)];
    const valueLabels = tickTexts(valueAxis);
    const rects = (els: Element[]) => els.map((el) => el.getBoundingClientRect());
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const categoryRects = rects(tickTexts(categoryAxis));
    const ticksCollide = rects(valueLabels).some((v) => categoryRects.some((c) => overlap(v, c)));
    const ordered = valueLabels
      .map((el) => ({ text: (el.textContent ?? '').trim(), at: el.getBoundingClientRect() }))
      .sort((a, b) => (vertical ? a.at.left - b.at.left : b.at.top - a.at.top))
      .map((t) => t.text);
    return [
      {
        title: (figure.querySelector('figcaption')?.firstChild?.textContent ?? '').trim(),
        testId: figure.getAttribute('data-testid'),
        kind: svg.querySelector('.recharts-bar') ? ('bar' as const) : ('line' as const),
        legend: [...figure.querySelectorAll('.chart-legend li')].map((li) => ({
          name: (li.textContent ?? '').trim(),
          fill: li.getAttribute('data-fill') ?? '',
        })),
        drawn,
        valueTicks: ordered,
        outside,
        ticksCollide,
      },
    ];
  });
}

/** An axis label as a number: "£1.25m" 1250000, "-£500k" -500000, "13.5%" 13.5, "£0.50" 0.5. */
function tickValue(label: string): number {
  const m = /^(-?)£?([\d,]+(?:\.\d+)?)(k|m)?%?$/.exec(label.replace('−', '-'));
  if (!m) throw new Error(`not a figure: ${label}`);
  const scale = m[3] === 'm' ? 1e6 : m[3] === 'k' ? 1e3 : 1;
  return (m[1] ? -1 : 1) * Number((m[2] ?? '').replace(/,/g, '')) * scale;
}

/** Whether the ticks are evenly spaced by 1, 2, 2.5 or 5 times a power of ten. */
function roundlySpaced(labels: readonly string[]): boolean {
  const values = labels.map(tickValue);
  if (values.length < 2) return false;
  const step = (values[1] ?? 0) - (values[0] ?? 0);
  if (!(step > 0)) return false;
  const even = values.every((v, i) => i === 0 || Math.abs(v - (values[i - 1] ?? 0) - step) < step * 1e-6);
  const power = 10 ** Math.floor(Math.log10(step) + 1e-9);
  return even && [1, 2, 2.5, 5, 10].some((m) => Math.abs(step - m * power) < power * 1e-6);
}

describe.runIf(run)('one chart kit on every page', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const urls: { name: string; url: string; charts: number }[] = [];
  const seen = new Map<string, { fill: string; where: string }>();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const commissioner = await apiAs(server.url, 'commissioner@demo.test');
    const { partnership, fund } = await demoBcfFund(commissioner);
    const take = (name: string) => commissioner.mutate<{ scenario: { id: number } }>('scenarios.create', { fundId: fund.id, name });
    const first = (await take('As planned')).scenario.id;
    const second = (await take('Health pays more')).scenario.id;
    const p = `/partnerships/${partnership.id}`;
    urls.push(
      // The dashboard: spend, contributions, balance, savings and one chart per metric.
      { name: 'dashboard', url: `${p}?fund=${fund.id}`, charts: 5 },
      { name: 'contributions', url: `/funds/${fund.id}/contributions`, charts: 1 },
      { name: 'plan', url: `/funds/${fund.id}/plan`, charts: 1 },
      { name: 'scenarios', url: `${p}/splits?fund=${fund.id}&scenario=${first}&compare=${first},${second}`, charts: 1 },
    );
    page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await signIn(page, server.url, 'commissioner@demo.test');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function chartsOn(url: string, atLeast: number): Promise<ChartReading[]> {
    await page.goto(`${server.url}${url}`);
    await expect
      .poll(async () => (await page.evaluate(readCharts)).filter((c) => c.drawn.length > 0).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(atLeast);
    await page.waitForLoadState('networkidle');
    return page.evaluate(readCharts);
  }

  test.each(['dashboard', 'contributions', 'plan', 'scenarios'])(
    '%s: legend order is drawing order, ticks are round, nothing drawn outside its chart',
    async (pageName) => {
      const { name, url, charts: atLeast } = urls.find((u) => u.name === pageName) ?? { name: pageName, url: '', charts: 1 };
      const charts = await chartsOn(url, atLeast);
      expect(charts.length, name).toBeGreaterThanOrEqual(atLeast);
      for (const chart of charts) {
        const where = `${name}: ${chart.title}`;
        if (chart.testId === 'chart-savings') {
          // Bars, their evidence bands and the break-even line: three kinds of mark, each in the legend with its colour.
          expect(new Set(chart.drawn), where).toEqual(new Set(chart.legend.map((l) => l.fill)));
        } else {
          expect(chart.drawn, `${where}: series drawn in the legend's order`).toEqual(chart.legend.map((l) => l.fill));
          for (const item of chart.legend) {
            // One colour per name on every chart, bar or line; bars of a name also share a pattern. Patterned fills are
            // per chart (url(#<chart>-stripes-f47738)): compared from the pattern on.
            const colour = `#${(/([0-9a-f]{6})\)?$/i.exec(item.fill) ?? ['', ''])[1]}`;
            const checks: [string, string][] = [[`colour of ${item.name}`, colour]];
            if (chart.kind === 'bar') checks.push([`bar fill of ${item.name}`, item.fill.replace(/^url\(#[^-]+-/, 'url(#')]);
            for (const [key, value] of checks) {
              const before = seen.get(key);
              if (before) expect(value, `${key} on ${where} as on ${before.where}`).toBe(before.fill);
              else seen.set(key, { fill: value, where });
            }
          }
        }
        expect(chart.valueTicks.length, where).toBeGreaterThanOrEqual(2);
        expect(roundlySpaced(chart.valueTicks), `${where}: ${chart.valueTicks.join(', ')}`).toBe(true);
        expect(chart.ticksCollide, `${where}: a value label on a category label`).toBe(false);
        expect(chart.outside, where).toEqual([]);
      }
      const labelsOutside = (await readingProblemsOn(page)).filter((p) => p.why === 'chart label outside its chart');
      expect(describeProblems(labelsOutside)).toEqual([]);
      if (name === 'dashboard' || name === 'contributions' || name === 'plan') {
        expect(seen.get('bar fill of Planned')?.fill, 'Planned is drawn on every page').toBe('#1d70b8');
        expect(seen.get('bar fill of Actual')?.fill).toBe('url(#stripes-f47738)');
      }
    },
  );

  test('the metric charts fit their ticks to the data: the lowest at or below the smallest figure, the highest at or above the largest', async () => {
    await chartsOn(urls[0]?.url ?? '', 5);
    const metrics = await page.locator('[data-testid^="chart-metric-"]:not([data-testid$="-table"])').evaluateAll((figures) =>
      figures.map((f) => ({
        id: f.getAttribute('data-testid') ?? '',
        ticks: [...f.querySelectorAll('.recharts-yAxis-tick-labels text')]
          .map((t) => ({ text: (t.textContent ?? '').trim(), y: t.getBoundingClientRect().top }))
          .sort((a, b) => b.y - a.y)
          .map((t) => t.text),
        figures: [...f.querySelectorAll('tbody td.num')].map((td) => (td.textContent ?? '').trim()).filter((t) => /^-?[\d,.]+/.test(t)),
      })),
    );
    expect(metrics.length).toBeGreaterThan(0);
    for (const m of metrics) {
      const values = m.figures.map((t) => tickValue((/^-?[\d,.]+%?/.exec(t) ?? [''])[0]));
      const ticks = m.ticks.map(tickValue);
      expect(roundlySpaced(m.ticks), `${m.id}: ${m.ticks.join(', ')}`).toBe(true);
      expect(ticks[0], m.id).toBeLessThanOrEqual(Math.min(...values));
      expect(ticks.at(-1), m.id).toBeGreaterThanOrEqual(Math.max(...values));
    }
  });
});
