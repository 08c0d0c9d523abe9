// End to end in a real Chromium: a finance officer's change (made through the API) shows on /history with their name
// and old -> new in pounds; the user and date filters narrow the list and live in the URL; undo from the page restores
// the value, marks the batch undone and lists the undo; someone else's batch is refused with the server's reason.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatShortDate, ukDayOf } from '../../shared/dates';
import { formatPence } from '../../shared/money';
import type { AuditEvent, Contribution, ContributionListRow, Fund, Partnership } from '../../shared/types';
import { apiAs, browserAvailable, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

/** A UK calendar day as the link keeps it ("2026-12-05"), `offset` days from today. */
function day(offset = 0): string {
  return ukDayOf(new Date(Date.now() + offset * 86_400_000)) ?? '';
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.runIf(run)('history page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let finance: Awaited<ReturnType<typeof apiAs>>;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let bcf: Partnership;
  let fundId: number;
  let target: ContributionListRow;
  let financeBatch: string;
  let adminBatch: string;
  const newPence = 1_234_567; // £12,345.67

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    finance = await apiAs(server.url, 'finance@demo.test');
    admin = await apiAs(server.url, 'admin@demo.test');
    const partnerships = await finance.query<Partnership[]>('partnerships.list');
    const found = partnerships.find((p) => p.name === 'Northbridge Better Care Fund');
    if (!found) throw new Error('demo BCF partnership missing');
    bcf = found;
    const funds = await finance.query<Fund[]>('funds.list', { partnershipId: bcf.id });
    const fund = funds.find((f) => f.financialYear === '2025/26');
    if (!fund) throw new Error('demo BCF 2025/26 fund missing');
    fundId = fund.id;
    const rows = await finance.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
    const [first, second] = rows;
    if (!first || !second) throw new Error('too few contribution rows');
    target = first;

    await finance.mutate('contributions.update', { id: target.id, version: target.version, patch: { plannedPence: newPence } });
    await admin.mutate('contributions.update', { id: second.id, version: second.version, patch: { note: 'Checked by the administrator' } });
    const batchOf = async (id: number) =>
      (await finance.query<AuditEvent[]>('audit.list', { entity: 'contribution', entityId: id }))[0]?.batchId ?? '';
    financeBatch = await batchOf(target.id);
    adminBatch = await batchOf(second.id);

    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB' });
    page = await context.newPage();
    await signIn(page, server.url, 'finance@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const batch = (id: string) => page.locator(`[data-batch-id="${id}"]`);
  const query = () => new URL(page.url()).searchParams;

  async function openHistory(search = `?partnership=${bcf.id}`): Promise<void> {
    await page.goto(`${server.url}/history${search}`);
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
    await page.locator('.history-batch, .history-empty').first().waitFor();
  }

  test('the change shows with who made it and old -> new in pounds; the partnership is in the URL', async () => {
    await openHistory('');
    // With no partnership in the link, the first one is chosen and written into the URL so the link can be shared.
    const firstId = (await finance.query<Partnership[]>('partnerships.list'))[0]?.id;
    await expect.poll(() => query().get('partnership')).toBe(String(firstId));
    await page.getByLabel('Partnership').selectOption({ label: bcf.name });
    await expect.poll(() => query().get('partnership')).toBe(String(bcf.id));

    const mine = batch(financeBatch);
    await mine.waitFor();
    const text = (await mine.textContent()) ?? '';
    expect(text).toContain('Changed Planned (£)');
    expect(text).toContain('Fin Officer (demo)');
    expect(text).toContain('Planned (£)');
    expect(text).toMatch(new RegExp(`${escape(formatPence(target.plannedPence))} →.*${escape(formatPence(newPence))}`));
    expect(text).toContain('Q1 (Apr-Jun)');
    expect(await mine.getByRole('button', { name: /^Undo/ }).count()).toBe(1);
    expect(await batch(adminBatch).textContent()).toContain('Ada Admin (demo)');
    expect(await page.getByText('System (demo data)').count()).toBeGreaterThan(0);
  });

  test('filtering by user keeps only their batches, and survives a reload', async () => {
    await openHistory();
    await page.getByLabel('Changed by').selectOption({ label: 'Fin Officer (demo)' });
    await expect.poll(() => batch(adminBatch).count()).toBe(0);
    await batch(financeBatch).waitFor();
    expect(await page.getByText('System (demo data)').count()).toBe(0);
    expect(query().get('user')).not.toBeNull();

    await page.reload();
    await batch(financeBatch).waitFor();
    expect(await page.getByLabel('Changed by').inputValue()).toBe(query().get('user'));
    expect(await batch(adminBatch).count()).toBe(0);

    await page.getByLabel('Changed by').selectOption({ label: 'Ada Admin (demo)' });
    await batch(adminBatch).waitFor();
    await expect.poll(() => batch(financeBatch).count()).toBe(0);
  });

  test('filtering by date: today includes the change, from tomorrow shows nothing', async () => {
    await openHistory();
    // The date fields read what is typed as dd/mm/yyyy when Enter is pressed (or the field is left).
    const typeDays = async (offset: number) => {
      await page.getByLabel('From').fill(formatShortDate(day(offset)));
      await page.getByLabel('From').press('Enter');
      await page.getByLabel('To (inclusive)').fill(formatShortDate(day(offset)));
      await page.getByLabel('To (inclusive)').press('Enter');
    };
    await typeDays(0);
    await batch(financeBatch).waitFor();
    expect(query().get('from')).toBe(day(0));

    await typeDays(1);
    await page.getByText('No changes match these filters.').waitFor();
    expect(await batch(financeBatch).count()).toBe(0);

    await typeDays(-1);
    await page.getByText('No changes match these filters.').waitFor();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await batch(financeBatch).waitFor();
    expect(query().get('from')).toBeNull();
  });

  test('a link to this same page with another query is followed: the header’s History link drops the filters', async () => {
    const me = await finance.query<{ user: { id: number } | null }>('auth.me');
    const financeId = me.user?.id;
    if (!financeId) throw new Error('the finance officer is not signed in');
    await openHistory(`?partnership=${bcf.id}&user=${financeId}`);
    await batch(financeBatch).waitFor();
    expect(await page.getByLabel('Changed by').inputValue()).toBe(String(financeId));
    expect(await batch(adminBatch).count()).toBe(0);

    // Same path, another query (none): the page must follow the link, not keep showing the old filter.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    await expect.poll(() => query().get('user')).toBeNull();
    await expect.poll(() => page.getByLabel('Changed by').inputValue()).toBe('');
    await batch(adminBatch).waitFor();
    await expect.poll(() => query().get('partnership')).not.toBeNull();
  });

  test('someone else’s change cannot be undone: its Undo is disabled with the server’s reason', async () => {
    await openHistory();
    const button = batch(adminBatch).getByRole('button', { name: /^Undo/ });
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('title')).toContain('You can undo only your own changes');
    expect(await batch(adminBatch).textContent()).not.toContain('Undone');
  });

  test('undo from the page restores the value, marks the batch undone and lists the undo', async () => {
    await openHistory();
    await batch(financeBatch).getByRole('button', { name: /^Undo/ }).click();
    await page.getByRole('status').filter({ hasText: 'Undone: Changed Planned (£)' }).waitFor();

    const fundRows = await finance.query<ContributionListRow[]>('contributions.list', { fundId });
    expect(fundRows.find((r) => r.id === target.id)?.plannedPence).toBe(target.plannedPence);

    const undone = batch(financeBatch);
    await expect.poll(() => undone.locator('.history-tag').textContent()).toBe('Undone');
    expect(await undone.getByRole('button', { name: /^Undo/ }).count()).toBe(0);

    const newest = page.locator('.history-batch').first();
    await expect.poll(() => newest.locator('h3').textContent()).toBe('Undid: Changed Planned (£)');
    const text = (await newest.textContent()) ?? '';
    expect(text).toContain('Fin Officer (demo)');
    expect(text).toMatch(new RegExp(`${escape(formatPence(newPence))} →.*${escape(formatPence(target.plannedPence))}`));
  });
});
