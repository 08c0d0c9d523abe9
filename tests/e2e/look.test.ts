// End to end in Chromium (issue 22, "Must show"): every main page at 1280 and 1920 px as a finance officer, a
// commissioner and a board member, (1) its viewport screenshot compared with a committed baseline in
// tests/e2e/baselines/<page>-<role>-<width>.png within a small tolerance, so every change to the look is seen in review,
// and (2) the page check (tests/support/layout-check.ts): no text over text, no chart label or marker outside its chart,
// no text cut by its box. `BCF_UPDATE_BASELINES=1 npx vitest run tests/e2e/look.test.ts` rewrites the baselines.
// On a difference the test writes <name>.actual.png and <name>.diff.png beside the baseline (gitignored).
import fs from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { layoutProblemsOn } from '../support/layout-check';
import { describeProblems, type ReadingProblem } from '../support/reading';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';
import { mainPages, type MainPage } from '../support/main-pages';

const run = browserAvailable();
const BASELINES = path.join(import.meta.dirname, 'baselines');
const UPDATE = process.env.BCF_UPDATE_BASELINES === '1';
const WIDTHS = [1280, 1920] as const;
const HEIGHT = 900;
const ROLES = { finance: 'finance@demo.test', commissioner: 'commissioner@demo.test', board: 'board@demo.test' } as const;
/** pixelmatch's per-pixel colour threshold (0 to 1): anti-aliasing noise passes, a changed colour does not. */
const PIXEL_THRESHOLD = 0.1;
/** The share of pixels that may differ before the page is said to have changed: a moved or recoloured button fails. */
const MAX_CHANGED_SHARE = 0.001;

/** Open a page and wait until it has loaded its data (as reading.test.ts does), with the text caret hidden. */
async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((s) => /^Loading\b/.test(s.textContent ?? '')));
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Marks what changes with the clock (the dashboard's "Figures as at", History's times, the board pack's date, the
 * history filters' default dates) so the screenshot masks it: any element whose own text, or an input whose value,
 * holds a time (14:05), a dd/mm/yyyy date or a "5 December 2026" date. */
async function markTimeDependent(page: Page): Promise<void> {
  await page.evaluate(() => {
    const DATE =
      /\b\d{1,2}:\d{2}\b|\b\d{2}\/\d{2}\/\d{4}\b|\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (DATE.test((node as Text).data)) node.parentElement?.setAttribute('data-look-mask', '');
    }
    for (const input of document.querySelectorAll('input')) if (DATE.test(input.value)) input.setAttribute('data-look-mask', '');
  });
}

/** A screenshot once the page has stopped moving: two in a row the same (as Playwright's own toHaveScreenshot waits),
 * since a grid refits its columns to their figures a frame after its cells are drawn. */
async function settledScreenshot(page: Page): Promise<Buffer> {
  const mask = [page.locator('[data-look-mask]')];
  const take = () => page.screenshot({ animations: 'disabled', caret: 'hide', mask });
  let last = await take();
  for (let tries = 0; tries < 20; tries++) {
    await page.waitForTimeout(250);
    const next = await take();
    if (next.equals(last)) return next;
    last = next;
  }
  throw new Error('the page kept changing for 5 seconds: nothing stable to compare');
}

/** Compares a screenshot with its baseline; returns null when within tolerance, else why (and writes actual and diff). */
function compare(name: string, shot: Buffer): string | null {
  const baselinePath = path.join(BASELINES, `${name}.png`);
  const actualPath = path.join(BASELINES, `${name}.actual.png`);
  const diffPath = path.join(BASELINES, `${name}.diff.png`);
  fs.rmSync(actualPath, { force: true });
  fs.rmSync(diffPath, { force: true });
  if (UPDATE) {
    fs.writeFileSync(baselinePath, shot);
    return null;
  }
  if (!fs.existsSync(baselinePath)) {
    fs.writeFileSync(actualPath, shot);
    return `${name}: no baseline (run with BCF_UPDATE_BASELINES=1 to write one; actual in ${actualPath})`;
  }
  const expected = PNG.sync.read(fs.readFileSync(baselinePath));
  const actual = PNG.sync.read(shot);
  if (expected.width !== actual.width || expected.height !== actual.height) {
    fs.writeFileSync(actualPath, shot);
    return `${name}: size ${actual.width}x${actual.height}, baseline ${expected.width}x${expected.height} (actual in ${actualPath})`;
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const changed = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: PIXEL_THRESHOLD });
  const share = changed / (actual.width * actual.height);
  if (share <= MAX_CHANGED_SHARE) return null;
  fs.writeFileSync(actualPath, shot);
  fs.writeFileSync(diffPath, PNG.sync.write(diff));
  return `${name}: ${(share * 100).toFixed(2)}% of pixels changed (more than ${MAX_CHANGED_SHARE * 100}%): see ${actualPath} and ${diffPath}`;
}

describe.runIf(run)('the look of every main page, and its layout', () => {
  let server: RunningServer;
  let browser: Browser;
  let pages: MainPage[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const commissioner = await apiAs(server.url, 'commissioner@demo.test');
    const { partnership, fund } = await demoBcfFund(commissioner);
    pages = mainPages(partnership.id, fund.id);
    fs.mkdirSync(BASELINES, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the page check finds text drawn over text and a marker outside its chart, and not a tooltip or screen-reader text', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.setContent(`
      <div style="position:relative;height:40px">
        <span style="position:absolute;left:0;top:0">Planned spend</span>
        <span style="position:absolute;left:20px;top:4px">£40,324,000.00</span>
      </div>
      <div style="position:relative;height:40px">
        <span>Actual to date</span>
        <span role="tooltip" style="position:absolute;left:0;top:0">£1,213,040.00</span>
        <span style="position:absolute;left:0;top:0;width:1px;height:1px;overflow:hidden">Actual to date in full</span>
      </div>
      <p>Side by side</p><p>and not over each other</p>
      <svg width="100" height="40"><circle name="Q4 target" cx="98" cy="20" r="6" /></svg>`);
    const found = (await layoutProblemsOn(page)).map((p) => `${p.text}: ${p.why}`);
    expect(found).toContainEqual('Planned spend / £40,324,000.00: text drawn over other text');
    expect(found).toContainEqual('Q4 target: chart marker outside its chart');
    expect(found.join('\n')).not.toMatch(/Actual to date|Side by side/);
    expect(found).toHaveLength(2);
    await page.close();
  });

  for (const [role, email] of Object.entries(ROLES)) {
    for (const width of WIDTHS) {
      test(`as ${role} at ${width} px, every main page looks as its baseline and passes the page check`, { timeout: 300_000 }, async () => {
        const context = await browser.newContext({ viewport: { width, height: HEIGHT }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await signIn(page, server.url, email);
        const changed: string[] = [];
        const offenders: ReadingProblem[] = [];
        for (const { name, url } of pages) {
          await openReady(page, `${server.url}${url}`);
          await markTimeDependent(page);
          const shot = await settledScreenshot(page);
          const why = compare(`${name}-${role}-${width}`, shot);
          if (why) changed.push(why);
          offenders.push(...(await layoutProblemsOn(page)).map((p) => ({ ...p, page: `${name} (${role}, ${width} px)` })));
        }
        await context.close();
        expect(changed).toEqual([]);
        expect(describeProblems(offenders)).toEqual([]);
      });
    }
  }
});
