// End to end in Chromium: a plan goes from draft to submitted on the Sign-off page (issue "Sign-off and returns", Must
// show). A finance officer sends it; a person not named sees no Sign button; a signature on figures changed since they
// were sent is refused with the server's CONFLICT message and the way on ("Send a new version"); the two partners'
// chief executives and the host's section 151 officer sign on three different days (the server restarted on the same
// database with BCF_CLOCK set to each day); the board's named person records its approval; a plan editor records it
// as submitted; and the partnership's status board says "Submitted".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Submission } from '../../shared/schema/submission';
import type { ContributionListRow, Fund } from '../../shared/types';
import { apiAs, browserAvailable, demoBcfFund, launchBrowser, signIn, startServer, type RunningServer } from '../support/server';
import { seriousViolations } from '../support/axe';

const run = browserAvailable();

/** The password of the people this test creates (long, and not a common one). */
const PASSWORD = 'Signing-round-for-tests-2026';
const PEOPLE = {
  ceoCouncil: { email: 'ceo.council@signoff.test', name: 'Ann Lee', role: 'board_member' },
  ceoIcb: { email: 'ceo.icb@signoff.test', name: 'Raj Patel', role: 'board_member' },
  s151: { email: 's151@signoff.test', name: 'Sam Okafor', role: 'finance_officer' },
  chair: { email: 'chair@signoff.test', name: 'Jo Green', role: 'board_member' },
  outsider: { email: 'reader@signoff.test', name: 'Pat Reader', role: 'board_member' },
} as const;

describe.runIf(run)('a plan from draft to submitted on the Sign-off page', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-sign-off-'));
  let server: RunningServer;
  let browser: Browser;
  let fund: Fund;
  let partnershipId: number;
  let councilId: number;

  /** (Re)start the server on the same database, its clock set to `clock`. */
  async function serverOn(clock: string) {
    await server?.stop();
    server = await startServer({ BCF_CLOCK: clock }, { dir });
  }
  const admin = () => apiAs(server.url, 'admin@demo.test');

  beforeAll(async () => {
    await serverOn('2026-03-31T10:00:00Z');
    browser = await launchBrowser();
    const api = await admin();
    const { partnership } = await demoBcfFund(api);
    partnershipId = partnership.id;
    const orgs = await api.query<{ id: number; name: string }[]>('orgs.list');
    const orgId = (name: string) => {
      const org = orgs.find((o) => o.name === name);
      if (!org) throw new Error(`the demo organisation ${name} is missing`);
      return org.id;
    };
    councilId = orgId('Northbridge Borough Council');
    const icbId = orgId('NHS Northbridge and Vale ICB');
    // A fund of its own, so the demo's submissions (if any) do not matter: the council and the ICB both pay into it.
    fund = await api.mutate<Fund>('funds.create', { partnershipId, name: 'Sign-off test fund', financialYear: '2025/26' });
    await api.mutate('contributions.create', {
      fundId: fund.id,
      orgId: councilId,
      source: 'la_better_care_grant',
      quarter: 1,
      plannedPence: 100_000_00,
    });
    await api.mutate('contributions.create', {
      fundId: fund.id,
      orgId: icbId,
      source: 'nhs_minimum',
      quarter: 1,
      plannedPence: 200_000_00,
    });
    const orgsOf = { ceoCouncil: [councilId], ceoIcb: [icbId], s151: [councilId], chair: [councilId, icbId], outsider: [councilId] };
    const ids: Record<string, number> = {};
    for (const [key, person] of Object.entries(PEOPLE)) {
      const { user } = await api.mutate<{ user: { id: number } }>('users.create', {
        ...person,
        orgIds: orgsOf[key as keyof typeof PEOPLE],
        password: PASSWORD,
      });
      ids[key] = user.id;
    }
    await api.mutate('signatories.create', {
      userId: ids.ceoCouncil,
      capacity: 'chief_executive',
      orgId: councilId,
      jobTitle: 'Chief Executive',
    });
    await api.mutate('signatories.create', { userId: ids.ceoIcb, capacity: 'chief_executive', orgId: icbId });
    await api.mutate('signatories.create', { userId: ids.s151, capacity: 'section_151', orgId: councilId });
    await api.mutate('signatories.create', { userId: ids.chair, capacity: 'hwb_approval', partnershipId });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The plan's sign-off page, signed in as `email`. */
  async function signOffAs(email: string, password?: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      locale: 'en-GB',
      timezoneId: 'America/New_York',
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, server.url, email, password);
    await page.goto(`${server.url}/funds/${fund.id}/sign-off?kind=plan`);
    await page.getByRole('heading', { name: 'Plan', exact: true }).waitFor();
    return page;
  }
  const status = (page: Page) => page.getByTestId('sign-off-status').textContent();
  const signedCell = (page: Page, label: string) =>
    page
      .getByTestId('signatures')
      .getByRole('row', { name: new RegExp(label) })
      .locator('td')
      .nth(1);
  const notice = (page: Page) => page.locator('.banner-info[role=status], .banner-error[role=alert]').first().textContent();
  const plan = async () => (await admin()).query<Submission>('submissions.get', { fundId: fund.id, kind: 'plan' });

  test('31 March: sent; a person not named sees no Sign button; a signature on changed figures is refused; a new version is signed', async () => {
    const finance = await signOffAs('finance@demo.test');
    expect(await status(finance)).toBe('Draft');
    await finance.getByRole('button', { name: 'Send for sign-off' }).click();
    await expect.poll(() => status(finance)).toBe('Awaiting signatures');
    expect(await notice(finance)).toMatch(/Sent version 1 of the plan for sign-off/);
    const sent = await plan();
    // The page shows the version's digest in short, the whole of it on hover.
    expect(await finance.getByTestId('sign-off-facts').textContent()).toContain(sent.digest?.slice(0, 12));

    const outsider = await signOffAs(PEOPLE.outsider.email, PASSWORD);
    expect(await status(outsider)).toBe('Awaiting signatures');
    expect(await outsider.getByRole('button', { name: /^Sign as/ }).count()).toBe(0);
    expect(await outsider.getByTestId('sign-off-actions').textContent()).toMatch(/there is nothing for you to sign/);

    // The council's chief executive opens the statement to sign; meanwhile a planned figure changes.
    const ceo = await signOffAs(PEOPLE.ceoCouncil.email, PASSWORD);
    await ceo.getByRole('button', { name: 'Sign as chief executive of Northbridge Borough Council' }).click();
    const dialog = ceo.getByTestId('sign-dialog');
    expect(await dialog.textContent()).toContain('I confirm, for the organisation I sign for, the plan of Sign-off test fund');
    expect(await dialog.getByTestId('sign-digest').textContent()).toBe(sent.digest);
    expect(await seriousViolations(ceo)).toEqual([]);
    const api = await admin();
    const [row] = (await api.query<ContributionListRow[]>('contributions.list', { fundId: fund.id })).filter((c) => c.orgId === councilId);
    await api.mutate('contributions.update', { id: row?.id, version: row?.version, patch: { plannedPence: 100_500_00 } });
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect
      .poll(() => notice(ceo))
      .toMatch(
        /The figures of the plan changed since version 1 was sent .*a new version must be sent for sign-off\. The page has been reloaded/,
      );
    await ceo.getByTestId('changed-since-sent').waitFor();
    expect(await ceo.getByRole('button', { name: /^Sign as/ }).count()).toBe(0);
    expect((await plan()).signatures.every((s) => s.signed === null)).toBe(true);

    // The way on: a plan editor sends a new version, and the chief executive signs that.
    await finance.reload();
    await finance.getByTestId('changed-since-sent').waitFor();
    await finance.getByRole('button', { name: 'Send a new version' }).click();
    await expect.poll(() => finance.getByTestId('sign-off-facts').textContent()).toContain('Version 2');
    await ceo.reload();
    await ceo.getByRole('button', { name: 'Sign as chief executive of Northbridge Borough Council' }).click();
    await ceo.getByTestId('sign-dialog').getByRole('button', { name: 'Sign', exact: true }).click();
    // 10:00 UTC is 11:00 in London (British Summer Time from 29 March 2026), whatever the browser's own time zone.
    await expect
      .poll(() => signedCell(ceo, 'Chief executive of Northbridge Borough Council').textContent())
      .toMatch(/^Signed by Ann Lee on 31\/03\/2026 11:0\d$/);
    expect(await signedCell(ceo, 'Chief executive of NHS Northbridge and Vale ICB').textContent()).toBe('Not signed yet');
    expect(await ceo.getByRole('button', { name: /^Sign as/ }).count()).toBe(0);
  });

  test('2 April: the ICB’s chief executive signs', async () => {
    await serverOn('2026-04-02T10:00:00Z');
    const ceo = await signOffAs(PEOPLE.ceoIcb.email, PASSWORD);
    await ceo.getByRole('button', { name: 'Sign as chief executive of NHS Northbridge and Vale ICB' }).click();
    await ceo.getByTestId('sign-dialog').getByRole('button', { name: 'Sign', exact: true }).click();
    await expect
      .poll(() => signedCell(ceo, 'Chief executive of NHS Northbridge and Vale ICB').textContent())
      .toMatch(/^Signed by Raj Patel on 02\/04\/2026 11:0\d$/);
    expect(await signedCell(ceo, 'Chief executive of Northbridge Borough Council').textContent()).toMatch(/on 31\/03\/2026/);
    expect(await status(ceo)).toBe('Awaiting signatures');
    // The button pressed is gone; the focus is on the plan's heading, not lost to the page's body.
    await expect.poll(() => ceo.evaluate(() => document.activeElement?.textContent)).toBe('Plan');
  });

  test('14 April: the section 151 officer signs, the board’s approval is recorded, the plan is submitted', async () => {
    await serverOn('2026-04-14T10:00:00Z');
    const s151 = await signOffAs(PEOPLE.s151.email, PASSWORD);
    await s151.getByRole('button', { name: 'Sign as section 151 officer of Northbridge Borough Council' }).click();
    await s151.getByTestId('sign-dialog').getByRole('button', { name: 'Sign', exact: true }).click();
    await expect.poll(() => status(s151)).toBe('Signed');
    expect(await signedCell(s151, 'Section 151 officer of Northbridge Borough Council').textContent()).toMatch(
      /^Signed by Sam Okafor on 14\/04\/2026 11:0\d$/,
    );
    expect(await signedCell(s151, 'Chief executive of Northbridge Borough Council').textContent()).toMatch(/on 31\/03\/2026/);
    expect(await signedCell(s151, 'Chief executive of NHS Northbridge and Vale ICB').textContent()).toMatch(/on 02\/04\/2026/);

    const chair = await signOffAs(PEOPLE.chair.email, PASSWORD);
    await chair.getByRole('button', { name: 'Record the board’s approval' }).click();
    const approve = chair.getByTestId('approve-dialog');
    // Without a minute reference the server refuses it, at the field, and nothing changes.
    await approve.getByLabel('Board meeting date').fill('14/04/2026');
    await approve.getByLabel('Board meeting date').press('Tab');
    await approve.getByRole('button', { name: 'Record the approval' }).click();
    await expect.poll(() => approve.locator('.field-error').first().textContent()).toMatch(/Minute reference/);
    expect((await plan()).status).toBe('signed');
    await approve.getByLabel('Minute reference').fill('HWB/26/07');
    await approve.getByRole('button', { name: 'Record the approval' }).click();
    await expect.poll(() => status(chair)).toBe('Approved by the board');
    expect(await chair.getByTestId('approval').textContent()).toMatch(
      /Approved by the Health and Wellbeing Board at its meeting on 14 April 2026, minute HWB\/26\/07; recorded by Jo Green on 14\/04\/2026/,
    );

    const finance = await signOffAs('finance@demo.test');
    await finance.getByRole('button', { name: 'Record as submitted' }).click();
    const submit = finance.getByTestId('submit-dialog');
    await submit.getByLabel('Submitted on').fill('14/04/2026');
    await submit.getByLabel('Submitted on').press('Tab');
    await submit.getByRole('button', { name: 'Record as submitted' }).click();
    await expect.poll(() => status(finance)).toBe('Submitted');
    expect(await finance.getByTestId('submitted-on').textContent()).toBe('Submitted: 14 April 2026');

    // The partnership's status board: the plan submitted, with who signed; its row opens the sign-off page.
    await finance.goto(`${server.url}/partnerships/${partnershipId}`);
    const row = finance.getByTestId('status-board').locator(`[data-fund="${fund.id}"] tr[data-kind="plan"]`);
    await expect.poll(() => row.getByTestId('board-status').textContent()).toBe('Submitted');
    const text = await row.textContent();
    expect(text).toContain('Ann Lee (Chief executive of Northbridge Borough Council)');
    expect(text).toContain('Raj Patel (Chief executive of NHS Northbridge and Vale ICB)');
    expect(text).toContain('Sam Okafor (Section 151 officer of Northbridge Borough Council)');
    expect(text).toContain('Submitted on 14 April 2026');
    expect(await seriousViolations(finance)).toEqual([]);
    await row.getByRole('link', { name: 'Plan' }).click();
    await finance.waitForURL(`${server.url}/funds/${fund.id}/sign-off?kind=plan`);
    expect(await status(finance)).toBe('Submitted');
  });
});
