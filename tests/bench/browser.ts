// The bench's browser figures, in Debian Chromium on the real server and the built client: opening the Plan page of
// a big fund (first rows, then the totals row with the whole fund's total), and the /national list (first rows, then
// rows after jumping to the middle of 200,000).
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { formatPence } from '../../shared/money';
import { browserAvailable, launchBrowser, signIn } from '../support/server';
import { percentiles } from './stats';

export interface BrowserFigures {
  planFirstRowsMs: number;
  planTotalsMs: number;
  nationalFirstRowsMs: number;
  nationalMiddleMs: number;
  nationalTotal: number;
}

/** From the start of a navigation to the moment `ready` holds in the page. */
async function timeUntil(
  page: Page,
  url: string,
  steps: { name: string; ready: () => Promise<unknown> }[],
): Promise<Record<string, number>> {
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  const times: Record<string, number> = {};
  for (const step of steps) {
    await step.ready();
    times[step.name] = performance.now() - start;
  }
  return times;
}

const PLAN_ROW = '.sheet-grid [role="row"][row-index="0"] [col-id="name"]';
const PLAN_TOTAL = '.sheet-grid [row-index="b-0"] [col-id="plannedTotal"]';
const NATIONAL = '[data-testid="national-grid"]';

/** Opens each page once to warm the server and the browser's cache of the built assets (as for anyone who has used
 * the app before), then `runs` times more, each a fresh navigation with the session signed in; the median of those. */
export async function browserFigures(
  base: string,
  user: { email: string; password: string },
  plan: { fundId: number; plannedPence: number },
  runs = 5,
): Promise<BrowserFigures | string> {
  if (!browserAvailable()) return 'no Chromium at /usr/bin/chromium';
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, base, user.email, user.password);
    const total = formatPence(plan.plannedPence);

    const planRuns: Record<string, number>[] = [];
    for (let i = 0; i <= runs; i++) {
      planRuns.push(
        await timeUntil(page, `${base}/funds/${plan.fundId}/plan`, [
          { name: 'firstRows', ready: () => page.locator(PLAN_ROW).filter({ hasText: /\S/ }).waitFor({ timeout: 60_000 }) },
          {
            name: 'totals',
            ready: () =>
              page.waitForFunction(
                ([selector, text]) => document.querySelector(selector ?? '')?.textContent?.includes(text ?? '') ?? false,
                [PLAN_TOTAL, total],
                { timeout: 60_000 },
              ),
          },
        ]),
      );
    }

    const nationalRuns: Record<string, number>[] = [];
    let nationalTotal = 0;
    for (let i = 0; i <= runs; i++) {
      const first = await timeUntil(page, `${base}/national`, [
        {
          name: 'firstRows',
          ready: () =>
            page
              .locator(`${NATIONAL} [role="row"][row-index="0"] [col-id="partnership"]`)
              .filter({ hasText: /\S/ })
              .waitFor({ timeout: 60_000 }),
        },
      ]);
      const count = (await page.getByTestId('national-count').textContent()) ?? '';
      nationalTotal = Number(/([\d,]+) scheme line/.exec(count)?.[1]?.replace(/,/g, '') ?? 0);
      // Drag the scroll bar to the middle: the grid asks the server for the block there, and nothing before it.
      const start = performance.now();
      await page.evaluate((selector) => {
        const viewport = document.querySelector(`${selector} .ag-body-vertical-scroll-viewport`);
        if (viewport) viewport.scrollTop = (viewport.scrollHeight - viewport.clientHeight) / 2;
      }, NATIONAL);
      await page.waitForFunction(
        ([selector, middle]) =>
          [...document.querySelectorAll(`${selector} [role="row"][row-index]`)].some((row) => {
            const index = Number(row.getAttribute('row-index'));
            const text = row.querySelector('[col-id="partnership"]')?.textContent ?? '';
            return Math.abs(index - (middle ?? 0)) < (middle ?? 0) * 0.2 && text.trim() !== '';
          }),
        [NATIONAL, Math.floor(nationalTotal / 2)] as const,
        { timeout: 60_000 },
      );
      nationalRuns.push({ ...first, middle: performance.now() - start });
    }
    // The first of each is the warm-up.
    const median = (list: Record<string, number>[], key: string) => percentiles(list.slice(1).map((r) => r[key] ?? Number.NaN)).p50;
    return {
      planFirstRowsMs: median(planRuns, 'firstRows'),
      planTotalsMs: median(planRuns, 'totals'),
      nationalFirstRowsMs: median(nationalRuns, 'firstRows'),
      nationalMiddleMs: median(nationalRuns, 'middle'),
      nationalTotal,
    };
  } finally {
    await browser.close();
  }
}
