// End to end in Chromium: one look (issue 22, items 4 and 5). A board member's dashboard is read at a glance (the demo
// banner once, tiles of a figure, a one-line label and an evidence link, no stray "Period" heading), Outcomes opens on
// its figures with the explanations folded, each page's actions are in one named toolbar above its first grid or
// table, and primary and secondary buttons each have one look on every page (measured in the page).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

/** The look that tells a button's kind: its background and its border (hover is kept off by parking the mouse). */
async function looksOf(page: Page, selector: string): Promise<string[]> {
  await page.mouse.move(0, 0);
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const style = getComputedStyle(el);
        return `background ${style.backgroundColor} ${style.backgroundImage}; border ${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`;
      }),
  );
}

const PRIMARY = 'button.button-primary:not(:disabled)';
const SECONDARY = 'button.button-secondary:not(:disabled), button.secondary-button:not(:disabled)';

describe.runIf(run)('one look: the board’s screen and controls where people look', () => {
  let server: RunningServer;
  let browser: Browser;
  let partnershipId: number;
  let fundId: number;
  const pages: Partial<Record<string, Page>> = {};

  /** A page signed in as this person, 1280 px wide (the narrower of the widths the issue names). */
  async function pageAs(email: string): Promise<Page> {
    const existing = pages[email];
    if (existing) return existing;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, email);
    pages[email] = page;
    return page;
  }

  async function open(page: Page, path: string, loaded: string): Promise<void> {
    await page.goto(`${server.url}${path}`);
    await page.getByText(loaded).first().waitFor();
    await page.waitForLoadState('networkidle');
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const { partnership, fund } = await demoBcfFund(await apiAs(server.url, 'board@demo.test'));
    partnershipId = partnership.id;
    fundId = fund.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the dashboard says once that its data is illustrative, as every page does', async () => {
    const page = await pageAs('board@demo.test');
    const checked: [string, string][] = [
      [`/partnerships/${partnershipId}`, 'Spend against plan'],
      [`/funds/${fundId}/contributions`, 'Export CSV'],
      [`/funds/${fundId}/plan`, 'Export workbook'],
      [`/funds/${fundId}/outcomes`, 'Outcomes against targets'],
      [`/partnerships/${partnershipId}/splits`, 'Split rules'],
    ];
    for (const [path, loaded] of checked) {
      await open(page, path, loaded);
      // Banners that say so, shown (a scheme's name in a grid may say "illustrative" too: only banners count).
      const banners = await page
        .locator('main .banner', { hasText: /illustrative/i })
        .evaluateAll((els) => els.filter((el) => el.checkVisibility()).length);
      expect(banners, path).toBe(1);
    }
  });

  test('each tile is a figure, a one-line label and a link to its evidence, measured at 1280 px', async () => {
    const page = await pageAs('board@demo.test');
    await open(page, `/partnerships/${partnershipId}`, 'Spend against plan');
    await page.getByTestId('tile-pooled').waitFor();
    const tiles = await page
      .getByTestId('board-tiles')
      .locator('.tile')
      .evaluateAll((els) =>
        els.map((tile) => {
          const label = tile.querySelector('dt');
          const dds = [...tile.querySelectorAll('dd')];
          const links = [...tile.querySelectorAll('a')];
          const labelStyle = label ? getComputedStyle(label) : null;
          return {
            children: [...tile.children].map((c) => c.tagName.toLowerCase()),
            label: label?.textContent ?? '',
            // One line: the label's box is no taller than one line of its text (it is free to wrap, so a longer label fails).
            labelLines: label && labelStyle ? Math.round(label.getBoundingClientRect().height / parseFloat(labelStyle.lineHeight)) : 0,
            figure: dds[0]?.textContent ?? '',
            linkText: links.map((a) => a.textContent ?? ''),
            linkHref: links.map((a) => a.getAttribute('href') ?? ''),
            linkInLastDd: links.length === 1 && dds[1]?.contains(links[0] ?? null) === true,
          };
        }),
      );
    expect(tiles.map((t) => t.label)).toEqual(['Pooled total', 'Spent to date (Q1–Q3 actual)', 'Savings per £1', 'Metrics on track']);
    for (const tile of tiles) {
      expect(tile.children, tile.label).toEqual(['dt', 'dd', 'dd']);
      expect(tile.labelLines, `${tile.label} is one line`).toBe(1);
      expect(tile.figure, tile.label).toMatch(/^(£[\d,]+\.\d\d|£\d\.\d\d per £1 spent|\d+ of \d+)$/);
      expect(tile.linkInLastDd, tile.label).toBe(true);
      expect(tile.linkHref[0], tile.label).toMatch(/^(\/funds\/\d+\/(contributions|plan|outcomes)|#board-evidence)$/);
    }
    // The savings tile's link leads to the evidence on the page, and the citations are no longer in the tile.
    expect(tiles[2]?.linkHref).toEqual(['#board-evidence']);
    expect(await page.locator('#board-evidence').count()).toBe(1);
    expect(await page.getByTestId('board-tiles').textContent()).not.toContain('PSSRU');
    // What each tile covers is one fold away.
    const about = page.getByTestId('board-dashboard').getByTestId('about-figures');
    expect(await about.getAttribute('open')).toBeNull();
    expect(await page.getByTestId('tile-spent-note').isVisible()).toBe(false);
    await about.locator('summary').click();
    await page.getByTestId('tile-spent-note').waitFor({ state: 'visible' });
  });

  test('no "Period" heading sits above the fund selector: only the dashboard’s title is above it', async () => {
    const page = await pageAs('board@demo.test');
    await open(page, `/partnerships/${partnershipId}`, 'Spend against plan');
    const fund = page.getByTestId('board-dashboard').getByLabel('Fund', { exact: true });
    await fund.waitFor();
    const above = await fund.evaluate((select) => {
      const top = select.getBoundingClientRect().top;
      const dashboard = select.closest('[data-testid="board-dashboard"]');
      if (!dashboard) return ['no dashboard'];
      return [...dashboard.querySelectorAll<HTMLElement>('*')]
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== ''))
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 2 && box.height > 2 && box.bottom <= top + 1;
        })
        .map((el) => (el.textContent ?? '').trim());
    });
    expect(above).toEqual(['Board dashboard']);
    expect(await page.getByTestId('board-dashboard').getByText('Period', { exact: true }).count()).toBe(0);
  });

  test('Outcomes opens on its figures: the explanations are folded under "About these figures"', async () => {
    const page = await pageAs('board@demo.test');
    await open(page, `/funds/${fundId}/outcomes`, 'Outcomes against targets');
    const folds = page.getByTestId('about-figures');
    expect(await folds.count()).toBeGreaterThanOrEqual(3);
    for (const fold of await folds.all()) {
      expect(await fold.locator('summary').textContent()).toBe('About these figures');
      expect(await fold.getAttribute('open')).toBeNull();
    }
    const explanation = page.getByText(/^Savings per £1 = net benefit ÷ cost/);
    expect(await explanation.isVisible()).toBe(false);
    // No paragraph of more than two short lines is shown until asked for.
    const longParagraphs = await page
      .locator('main p')
      .evaluateAll((els) => els.filter((el) => el.checkVisibility() && (el.textContent ?? '').length > 160).map((el) => el.textContent));
    expect(longParagraphs).toEqual([]);
    await folds.nth(1).locator('summary').click();
    await explanation.waitFor({ state: 'visible' });
  });

  test('on Plan, Contributions, Outcomes, Splits and History the actions are in one named toolbar above the first grid or table', async () => {
    const cases: [email: string, path: string, loaded: string, toolbar: string, firstAction: string][] = [
      ['commissioner@demo.test', `/funds/${fundId}/plan`, 'Export workbook', 'Plan actions', 'Add scheme'],
      ['finance@demo.test', `/funds/${fundId}/contributions`, 'Export CSV', 'Contributions actions', 'Add contribution'],
      ['commissioner@demo.test', `/funds/${fundId}/outcomes`, 'Outcomes against targets', 'Outcomes actions', 'Return on investment'],
      ['commissioner@demo.test', `/partnerships/${partnershipId}/splits`, 'Split rules', 'Splits actions', 'New rule'],
      ['finance@demo.test', '/history', 'batches of changes', 'History filters', 'Partnership'],
    ];
    for (const [email, path, loaded, name, firstAction] of cases) {
      const page = await pageAs(email);
      await open(page, path, loaded);
      const toolbar = page.getByRole('toolbar', { name, exact: true });
      expect(await toolbar.count(), `${path}: one toolbar named ${name}`).toBe(1);
      expect(await toolbar.isVisible(), path).toBe(true);
      expect(await toolbar.getByText(firstAction).first().isVisible(), `${path}: ${firstAction}`).toBe(true);
      const placement = await toolbar.evaluate((bar) => {
        const first = document.querySelector('main .ag-root-wrapper, main table');
        if (!first) return { found: false, before: false, above: false };
        return {
          found: true,
          before: (bar.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
          above: bar.getBoundingClientRect().bottom <= first.getBoundingClientRect().top,
        };
      });
      expect(placement, path).toEqual({ found: true, before: true, above: true });
    }
    // The plan's workbook buttons are in its toolbar, no longer at the foot of the page under the chart.
    const commissioner = await pageAs('commissioner@demo.test');
    await open(commissioner, `/funds/${fundId}/plan`, 'Export workbook');
    const planBar = commissioner.getByRole('toolbar', { name: 'Plan actions', exact: true });
    expect(await planBar.getByTestId('export-plan-xlsx').count()).toBe(1);
    expect(await planBar.getByText('Import workbook…').count()).toBe(1);
    // Primary first: the toolbar's first control is its one primary button.
    expect(await planBar.locator('button, a, label').first().textContent()).toBe('Add scheme');
  });

  test('primary buttons share one look and secondary buttons another, on every page; a disabled one looks so and says why', async () => {
    const visits: [email: string, path: string, loaded: string][] = [
      ['finance@demo.test', `/funds/${fundId}/contributions`, 'Export CSV'],
      ['finance@demo.test', '/history', 'batches of changes'],
      ['commissioner@demo.test', `/funds/${fundId}/plan`, 'Export workbook'],
      ['commissioner@demo.test', `/funds/${fundId}/outcomes`, 'Outcomes against targets'],
      ['commissioner@demo.test', `/partnerships/${partnershipId}/splits`, 'Split rules'],
      ['board@demo.test', `/partnerships/${partnershipId}`, 'Spend against plan'],
      ['admin@demo.test', '/admin', 'Add a user'],
    ];
    const primary = new Map<string, string[]>();
    const secondary = new Map<string, string[]>();
    const note = (into: Map<string, string[]>, looks: string[], where: string) => {
      for (const look of looks) into.set(look, [...(into.get(look) ?? []), where]);
    };
    for (const [email, path, loaded] of visits) {
      const page = await pageAs(email);
      await open(page, path, loaded);
      note(primary, await looksOf(page, PRIMARY), path);
      note(secondary, await looksOf(page, SECONDARY), path);
    }
    // The split rule editor's buttons, opened.
    const commissioner = await pageAs('commissioner@demo.test');
    await open(commissioner, `/partnerships/${partnershipId}/splits`, 'Split rules');
    await commissioner.getByRole('button', { name: 'New rule' }).click();
    await commissioner.getByRole('button', { name: 'Save rule' }).waitFor();
    note(primary, await looksOf(commissioner, PRIMARY), 'split rule editor');
    note(secondary, await looksOf(commissioner, SECONDARY), 'split rule editor');

    expect([...primary.values()].flat().length, 'primary buttons were measured').toBeGreaterThan(5);
    expect([...secondary.values()].flat().length, 'secondary buttons were measured').toBeGreaterThan(5);
    expect(Object.fromEntries(primary), 'one primary look').toSatisfy((looks: object) => Object.keys(looks).length === 1);
    expect(Object.fromEntries(secondary), 'one secondary look').toSatisfy((looks: object) => Object.keys(looks).length === 1);
    expect([...primary.keys()][0]).not.toBe([...secondary.keys()][0]);

    // "Freeze the plan as a version" is primary; disabled until the version has a name, it looks disabled and says why.
    await open(commissioner, `/funds/${fundId}/plan`, 'Export workbook');
    const freeze = commissioner.getByRole('button', { name: 'Freeze the plan as a version' });
    expect(await freeze.isDisabled()).toBe(true);
    expect(await freeze.getAttribute('title')).toBe('Type a name for the version first');
    const disabledLook = await looksOf(commissioner, 'button.button-primary:disabled');
    expect(disabledLook.length).toBeGreaterThan(0);
    expect(disabledLook).not.toContain([...primary.keys()][0]);
    await commissioner.getByLabel('Name', { exact: true }).fill('Submitted plan');
    expect(await freeze.isEnabled()).toBe(true);
    expect(await looksOf(commissioner, 'button.button-primary:not(:disabled)')).toContain([...primary.keys()][0]);
  });
});
