// End to end in a real Chromium: an administrator adds a finance officer for one organisation, reads the password shown
// once, and that person then sees only their organisation's partnerships; a disabled user cannot sign in; a password
// reset works; and a non-administrator opening /admin is told it is not for them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organisation, Partnership, User } from '../../shared/types';
import { apiAs, browserAvailable, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';

const run = browserAvailable();

describe.runIf(run)('admin page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  let orgs: Organisation[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiAs(server.url, 'admin@demo.test');
    orgs = await admin.query<Organisation[]>('orgs.list');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh browser context (its own cookies) with one page. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB' });
    return context.newPage();
  }

  async function openAdmin(): Promise<Page> {
    const page = await newPage();
    await signIn(page, server.url, 'admin@demo.test');
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    return page;
  }

  async function addUser(page: Page, email: string, name: string, orgName: string): Promise<string> {
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Role').selectOption({ label: 'Finance officer' });
    await form.getByLabel(orgName).check();
    await form.getByRole('button', { name: 'Add user' }).click();
    const box = page.getByTestId('new-password-box');
    await box.waitFor();
    expect(await box.textContent()).toContain('it will not be shown again');
    expect(await box.textContent()).toContain(email);
    return ((await page.getByTestId('new-password').textContent()) ?? '').trim();
  }

  /** Try to sign in through the page and return the refusal shown. */
  async function refusedSignIn(email: string, password: string): Promise<string> {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    await page.context().close();
    return text;
  }

  test('an admin adds a finance officer for one organisation; they sign in with the shown password and see only its partnerships', async () => {
    const page = await openAdmin();
    const password = await addUser(page, 'wendy.westmoor@demo.test', 'Wendy Westmoor (test)', 'NHS Westmoor ICB');
    expect(password.length).toBeGreaterThanOrEqual(12);

    const row = page.getByRole('row', { name: /Wendy Westmoor \(test\)/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Finance officer');
    expect(await row.textContent()).toContain('NHS Westmoor ICB');
    expect(await row.textContent()).toContain('Active');

    // "I have copied it" removes the password for good.
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('new-password').count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page, server.url, 'wendy.westmoor@demo.test', password);
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Wendy Westmoor (test) · Finance officer');
    await page.goto(`${server.url}/partnerships`);
    await page.getByRole('heading', { name: 'Westmoor Looked-After Children Placements Pool' }).waitFor();
    const headings = await page.locator('.cards h2').allTextContents();
    expect(headings).toEqual(['Westmoor Looked-After Children Placements Pool']);

    const asWendy = await apiAs(server.url, 'wendy.westmoor@demo.test', password);
    const seen = await asWendy.query<Partnership[]>('partnerships.list');
    expect(seen.map((p) => p.name)).toEqual(['Westmoor Looked-After Children Placements Pool']);
    await page.context().close();
  });

  test('changing a user’s organisations in the table saves them (with the row’s version)', async () => {
    const page = await openAdmin();
    const before = (await admin.query<User[]>('users.list')).find((u) => u.email === 'council.finance@demo.test');
    if (!before) throw new Error('demo council finance officer missing');
    await page.getByRole('button', { name: 'Change role or organisations of Cal Council-Finance (demo)' }).click();
    const editor = page.getByRole('form', { name: 'Change Cal Council-Finance (demo)' });
    await editor.getByLabel('NHS Northbridge and Vale ICB').check();
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the changes to Cal Council-Finance (demo)' }).waitFor();

    const icb = orgs.find((o) => o.name === 'NHS Northbridge and Vale ICB');
    const after = (await admin.query<User[]>('users.list')).find((u) => u.id === before.id);
    expect(after?.orgIds.sort()).toEqual([...before.orgIds, icb?.id].sort());
    expect(after?.version).toBe(before.version + 1);
    const row = page.getByRole('row', { name: /Cal Council-Finance \(demo\)/ });
    await expect.poll(() => row.textContent()).toContain('NHS Northbridge and Vale ICB');
    await page.context().close();
  });

  test('a disabled user cannot sign in; enabled again, they can', async () => {
    const page = await openAdmin();
    const password = await addUser(page, 'dan.locked@demo.test', 'Dan Locked (test)', 'Northbridge Borough Council');
    await page.getByRole('button', { name: 'Disable Dan Locked (test)' }).click();
    const status = page
      .getByRole('row', { name: /Dan Locked \(test\)/ })
      .locator('td')
      .nth(3);
    await expect.poll(() => status.textContent()).toBe('Disabled');
    await expect
      .poll(async () => (await admin.query<User[]>('users.list')).find((u) => u.email === 'dan.locked@demo.test')?.disabled)
      .toBe(true);

    expect(await refusedSignIn('dan.locked@demo.test', password)).toContain('This account is disabled');

    await page.getByRole('button', { name: 'Enable Dan Locked (test)' }).click();
    await expect.poll(() => status.textContent()).toBe('Active');
    const again = await newPage();
    await signIn(again, server.url, 'dan.locked@demo.test', password);
    await again.context().close();
    await page.context().close();
  });

  test('reset password shows a new password once; the old one stops working', async () => {
    const page = await openAdmin();
    const first = await addUser(page, 'rita.reset@demo.test', 'Rita Reset (test)', 'Northbridge Borough Council');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('button', { name: 'Reset password of Rita Reset (test)' }).click();
    const box = page.getByTestId('new-password-box');
    await box.waitFor();
    expect(await box.textContent()).toContain('New password for rita.reset@demo.test');
    const second = ((await page.getByTestId('new-password').textContent()) ?? '').trim();
    expect(second).not.toBe(first);

    expect(await refusedSignIn('rita.reset@demo.test', first)).toContain('Email or password is incorrect');
    const fresh = await newPage();
    await signIn(fresh, server.url, 'rita.reset@demo.test', second);
    await fresh.context().close();
    await page.context().close();
  });

  test('the server’s refusal shows in an alert (an email that already has an account)', async () => {
    const page = await openAdmin();
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Email').fill('finance@demo.test');
    await form.getByLabel('Name').fill('Duplicate');
    await form.getByRole('button', { name: 'Add user' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain("'finance@demo.test' already has an account");
    expect(await page.getByTestId('new-password').count()).toBe(0);
    await page.context().close();
  });

  test('a board member opening /admin is refused, and so is the API', async () => {
    const page = await newPage();
    await signIn(page, server.url, 'board@demo.test');
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(`${server.url}/admin`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Only administrators can manage users');
    expect(await page.getByRole('form', { name: 'Add a user' }).count()).toBe(0);
    const board = await apiAs(server.url, 'board@demo.test');
    await expect(board.query('users.list')).rejects.toThrow(/FORBIDDEN/);
    await page.context().close();
  });
});
