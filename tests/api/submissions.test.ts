// The sign-off cycle through the API (issue "Sign-off and returns"): a plan sent, signed by each partner's chief
// executive and the host's section 151 officer, approved by the board's named person, submitted; then locked, and
// reopened by an administrator with its signatures void.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, openTestApi, type Caller, type TestApi } from '../support/api';
import { makeFund, nameSignOffPeople, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let ceoCouncil: Caller;
let ceoIcb: Caller;
let s151: Caller;
let chair: Caller;
let finance: Caller;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'signoff');
  ({ ceoCouncil, ceoIcb, s151, chair } = await nameSignOffPeople(api, f, 'signoff'));
  ({ caller: finance } = await api.userWith('finance_officer', [f.councilId], 'finance@test.example'));
  await api.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 1,
    plannedPence: 100_00,
  });
  await api.caller.contributions.create({ fundId: f.fundId, orgId: f.icbId, source: 'nhs_minimum', quarter: 1, plannedPence: 200_00 });
});
afterAll(async () => {
  await api.close();
});

describe('a plan from draft to submitted, then locked', () => {
  it('goes through every step, and a locked figure is refused with nothing written', async () => {
    const ref = { fundId: f.fundId, kind: 'plan' as const };
    const draft = await api.caller.submissions.get(ref);
    expect(draft.status).toBe('draft');
    expect(draft.missing).toHaveLength(3);

    // The finance officer's own figure change is on their undo stack; sending for sign-off never goes on top of it.
    const own = (await finance.contributions.list({ fundId: f.fundId })).find((c) => c.orgId === f.councilId);
    await finance.contributions.update({ id: own!.id, version: own!.version, patch: { note: 'Checked before sending' } });
    const stackBefore = await finance.audit.stack({ fundId: f.fundId });
    const sent = await finance.submissions.send(ref);
    expect(await finance.audit.stack({ fundId: f.fundId })).toEqual(stackBefore);
    expect(stackBefore.undo?.label).toMatch(/Note/);
    expect(sent.status).toBe('awaiting_signatures');
    expect(sent.digest).toMatch(/^[0-9a-f]{64}$/);

    const early = await expectTrpcError(
      chair.submissions.approve({ ...ref, digest: sent.digest!, meetingDate: '2026-04-20', minuteReference: 'HWB/25/14' }),
      'BAD_REQUEST',
    );
    expect(early.message).toMatch(/still to sign: Chief executive of Testshire Council/);

    await expectTrpcError(
      ceoCouncil.submissions.sign({ ...ref, digest: sent.digest!, capacity: 'chief_executive', orgId: f.icbId }),
      'FORBIDDEN',
    );
    await ceoCouncil.submissions.sign({ ...ref, digest: sent.digest!, capacity: 'chief_executive', orgId: f.councilId });
    await ceoIcb.submissions.sign({ ...ref, digest: sent.digest!, capacity: 'chief_executive', orgId: f.icbId });
    const signed = await s151.submissions.sign({ ...ref, digest: sent.digest!, capacity: 'section_151', orgId: f.councilId });
    expect(signed.status).toBe('signed');
    expect(signed.missing).toEqual([]);

    const approved = await chair.submissions.approve({
      ...ref,
      digest: sent.digest!,
      meetingDate: '2026-04-20',
      minuteReference: 'HWB/25/14',
    });
    expect(approved.status).toBe('approved');
    const submitted = await finance.submissions.submit({ ...ref, version: approved.version!, submittedOn: '2026-04-21' });
    expect(submitted.status).toBe('submitted');

    const [row] = await api.caller.contributions.list({ fundId: f.fundId });
    const before = await counts(api.db);
    const refused = await expectTrpcError(
      api.caller.contributions.update({ id: row!.id, version: row!.version, patch: { plannedPence: 1 } }),
      'FORBIDDEN',
    );
    expect(refused.message).toMatch(/cannot be changed\. Locked by the 2025\/26 plan, submitted on/);
    expect(await counts(api.db)).toEqual(before);

    const reopened = await api.caller.submissions.reopen({ ...ref, version: submitted.version!, reason: 'Typo in Q1' });
    expect(reopened.status).toBe('draft');
    expect(reopened.voided).toHaveLength(3);
    await api.caller.contributions.update({ id: row!.id, version: row!.version, patch: { plannedPence: 1 } });
  });
});
