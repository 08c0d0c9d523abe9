// End to end in a real Chromium (issue "Sign-off and returns", items 2 and 5): on /admin an administrator names a
// signatory and sets a BCF year's deadline, and both are still there after a reload (and in the API); a second naming
// of the same person is refused at the Person field in the server's words, a date that is not one at its date field,
// and nothing is written; a cleared date removes the deadline; a naming is removed after asking.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Deadline } from '../../shared/schema/submission';
import { apiAs, browserAvailable, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

interface SignatoryRow {
  id: number;
  userEmail: string;
  capacity: string;
  orgName: string | null;
  partnershipName: string | null;
  jobTitle: string;
}

describe.runIf(run)('signatories and deadlines on /admin in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiAs(server.url, 'admin@demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openAdmin(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, server.url, 'admin@demo.test');
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { name: 'Signatories' }).waitFor();
    return page;
  }

  const signatories = () => admin.query<SignatoryRow[]>('signatories.list');
  const deadlines = (bcfYear: string) => admin.query<Deadline[]>('deadlines.list', { bcfYear });

  test('names a signatory, kept after a reload; naming them again is refused at Person; removing asks first', async () => {
    const page = await openAdmin();
    const form = page.getByRole('form', { name: 'Name a signatory' });
    const person = form.getByLabel('Person');
    const personOption = (await person.locator('option').allInnerTexts()).find((t) => t.includes('commissioner@demo.test'));
    if (!personOption) throw new Error('the commissioner is not among the people to choose');
    await person.selectOption({ label: personOption });
    await form.getByLabel('Signs as').selectOption({ label: 'Chief executive' });
    await form.getByLabel('Organisation').selectOption({ label: 'Northbridge Older People’s Forum' });
    await form.getByLabel('Job title').fill('Chief Officer');
    await form.getByRole('button', { name: 'Name signatory' }).click();
    await expect.poll(() => page.locator('section.admin-signatories').getByRole('status').innerText()).toMatch(/Named Cam Commissioner/);

    const table = page.getByTestId('signatories');
    const row = table.locator('tr', { hasText: 'commissioner@demo.test' });
    await expect.poll(() => row.innerText()).toMatch(/Chief executive\s+Northbridge Older People’s Forum\s+Chief Officer/);
    await page.reload();
    await expect
      .poll(() => page.getByTestId('signatories').locator('tr', { hasText: 'commissioner@demo.test' }).innerText())
      .toMatch(/Chief executive\s+Northbridge Older People’s Forum\s+Chief Officer/);
    const named = (await signatories()).filter((s) => s.userEmail === 'commissioner@demo.test');
    expect(named).toEqual([
      expect.objectContaining({ capacity: 'chief_executive', orgName: 'Northbridge Older People’s Forum', jobTitle: 'Chief Officer' }),
    ]);

    // The same naming again: refused at the Person field, in the server's words, and nothing written.
    const before = (await signatories()).length;
    const again = page.getByRole('form', { name: 'Name a signatory' });
    await again.getByLabel('Person').selectOption({ label: personOption });
    await again.getByLabel('Organisation').selectOption({ label: 'Northbridge Older People’s Forum' });
    await again.getByRole('button', { name: 'Name signatory' }).click();
    const personBox = again.getByLabel('Person');
    await expect.poll(() => personBox.getAttribute('aria-invalid')).toBe('true');
    const described = (await personBox.getAttribute('aria-describedby')) ?? '';
    const errorId = described.split(' ').find((id) => id.endsWith('-error')) ?? '';
    expect(await page.locator(`[id="${errorId}"]`).innerText()).toBe('Person is already named as chief executive there');
    // A board's approval without a partnership: refused at Partnership.
    await again.getByLabel('Signs as').selectOption({ label: 'Health and Wellbeing Board approval' });
    await again.getByRole('button', { name: 'Name signatory' }).click();
    const partnershipBox = again.getByLabel('Partnership');
    await expect.poll(() => partnershipBox.getAttribute('aria-invalid')).toBe('true');
    expect((await signatories()).length).toBe(before);

    // Remove asks first; "Keep" keeps it, the confirmation removes it.
    const rowNow = page.getByTestId('signatories').locator('tr', { hasText: 'commissioner@demo.test' });
    await rowNow.getByRole('button', { name: /^Remove Cam Commissioner/ }).click();
    await rowNow.getByRole('button', { name: 'Keep' }).click();
    expect((await signatories()).length).toBe(before);
    await rowNow.getByRole('button', { name: /^Remove Cam Commissioner/ }).click();
    await rowNow.getByRole('button', { name: 'Remove Cam Commissioner (demo)' }).click();
    await expect.poll(async () => (await signatories()).filter((s) => s.userEmail === 'commissioner@demo.test')).toEqual([]);
    await page.reload();
    await page.getByTestId('signatories').waitFor();
    expect(await page.getByTestId('signatories').innerText()).not.toContain('commissioner@demo.test');
  });

  test('sets a year’s deadline, kept after a reload; a date that is not one is refused at its field; a cleared date removes it', async () => {
    const page = await openAdmin();
    const years = page.locator('section.admin-streams').getByLabel('BCF year');
    await years.selectOption('2025/26');
    const section = page.locator('section.admin-deadlines');
    await section.getByRole('heading', { name: 'Deadlines of 2025/26' }).waitFor();

    const q2 = section.getByLabel('Q2 return due on', { exact: true });
    await q2.fill('14/11/2025');
    await q2.press('Enter');
    await section.getByLabel('Note on the Q2 return deadline').fill('Moved by the national team (test)');
    await section.getByRole('button', { name: 'Save the Q2 return deadline' }).click();
    await expect
      .poll(async () => (await deadlines('2025/26')).find((d) => d.kind === 'q2'))
      .toMatchObject({ dueOn: '2025-11-14', note: 'Moved by the national team (test)' });

    await page.reload();
    await page.locator('section.admin-streams').getByLabel('BCF year').selectOption('2025/26');
    const reloaded = page.locator('section.admin-deadlines');
    await reloaded.getByRole('heading', { name: 'Deadlines of 2025/26' }).waitFor();
    await expect.poll(() => reloaded.getByLabel('Q2 return due on', { exact: true }).inputValue()).toBe('14/11/2025');
    expect(await reloaded.getByLabel('Note on the Q2 return deadline').inputValue()).toBe('Moved by the national team (test)');

    // 31 February: refused at the field, and the saved date is unchanged.
    const q1Before = (await deadlines('2025/26')).find((d) => d.kind === 'q1');
    const q1 = reloaded.getByLabel('Q1 return due on', { exact: true });
    await q1.fill('31/02/2026');
    await q1.press('Enter');
    await expect.poll(() => q1.getAttribute('aria-invalid')).toBe('true');
    const q1Error = ((await q1.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-error')) ?? '';
    expect(await page.locator(`[id="${q1Error}"]`).innerText()).toMatch(/Q1 return due on/);
    expect((await deadlines('2025/26')).find((d) => d.kind === 'q1')).toEqual(q1Before);

    // Clearing a date and saving removes that deadline.
    const q3 = reloaded.getByLabel('Q3 return due on', { exact: true });
    await q3.fill('');
    await q3.press('Enter');
    await reloaded.getByRole('button', { name: 'Save the Q3 return deadline' }).click();
    await expect.poll(async () => (await deadlines('2025/26')).some((d) => d.kind === 'q3')).toBe(false);
  });
});
