// Bad input and misuse of sign-off (issue "Sign-off and returns", item 6): each call below is refused with the code
// and a message that names the field, the value and the rule, and nothing is written (the row counts of every table,
// the audit and the signatures included, are the same before and after).
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDetails } from '../../server/trpc';
import type { Submission } from '../../shared/schema/submission';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type Caller, type TestApi } from '../support/api';
import { bad, makeFund, nameSignOffPeople, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let ceoCouncil: Caller;
let ceoIcb: Caller;
let s151: Caller;
let chair: Caller;
let finance: Caller;
let serial = 0;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'misuse');
  ({ ceoCouncil, ceoIcb, s151, chair } = await nameSignOffPeople(api, f, 'misuse'));
  ({ caller: finance } = await api.userWith('finance_officer', [f.councilId, f.icbId], 'finance.misuse@test.example'));
});
afterAll(async () => {
  await api.close();
});

/** A new fund of the partnership with a council row and an ICB row: its plan needs both chief executives and the
 * council's (the host's) section 151 officer. */
async function newFund() {
  serial += 1;
  const fund = await api.caller.funds.create({ partnershipId: f.partnershipId, name: `Misuse fund ${serial}`, financialYear: '2025/26' });
  const council = await api.caller.contributions.create({
    fundId: fund.id,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 1,
    plannedPence: 100_00,
  });
  await api.caller.contributions.create({ fundId: fund.id, orgId: f.icbId, source: 'nhs_minimum', quarter: 1, plannedPence: 200_00 });
  return { fundId: fund.id, councilRow: council };
}

async function sentPlan() {
  const fund = await newFund();
  const sent = await finance.submissions.send({ fundId: fund.fundId, kind: 'plan' });
  return { ...fund, ref: { fundId: fund.fundId, kind: 'plan' as const }, sent };
}

async function signedPlan() {
  const plan = await sentPlan();
  const digest = plan.sent.digest!;
  await ceoCouncil.submissions.sign({ ...plan.ref, digest, capacity: 'chief_executive', orgId: f.councilId });
  await ceoIcb.submissions.sign({ ...plan.ref, digest, capacity: 'chief_executive', orgId: f.icbId });
  const signed = await s151.submissions.sign({ ...plan.ref, digest, capacity: 'section_151', orgId: f.councilId });
  expect(signed.status).toBe('signed');
  return { ...plan, signed };
}

async function approvedPlan() {
  const plan = await signedPlan();
  const approved = await chair.submissions.approve({
    ...plan.ref,
    digest: plan.sent.digest!,
    meetingDate: '2026-04-20',
    minuteReference: 'HWB/25/14',
  });
  expect(approved.status).toBe('approved');
  return { ...plan, approved };
}

/** Run a call that must be refused with `code`, and check that it wrote nothing. */
async function refused(call: () => Promise<unknown>, code: TRPCError['code']): Promise<TRPCError> {
  const before = await counts(api.db);
  const error = await expectTrpcError(call(), code);
  expect(await counts(api.db)).toEqual(before);
  return error;
}

describe('signing', () => {
  it('a version whose figures changed since it was opened: CONFLICT, with the current digest', async () => {
    const plan = await sentPlan();
    const row = plan.councilRow;
    await finance.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: 150_00 } });
    const error = await refused(
      () => ceoCouncil.submissions.sign({ ...plan.ref, digest: plan.sent.digest!, capacity: 'chief_executive', orgId: f.councilId }),
      'CONFLICT',
    );
    const current = errorDetails(error).current as Submission;
    expect(current.digest).toBe(plan.sent.digest);
    expect(current.changedSinceSent).toBe(true);
    expect(current.liveDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(current.liveDigest).not.toBe(plan.sent.digest);
    expect(error.message).toContain(`the current digest is ${current.liveDigest}`);
    expect(error.message).toMatch(/a new version must be sent for sign-off/);
    expect((await api.caller.submissions.get(plan.ref)).signatures.every((s) => s.signed === null)).toBe(true);
  });

  it('with the digest of an old version after a new one was sent: CONFLICT, naming the version sent', async () => {
    const plan = await sentPlan();
    const row = plan.councilRow;
    await finance.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: 175_00 } });
    const second = await finance.submissions.send({ ...plan.ref, version: plan.sent.version! });
    expect(second.round).toBe(2);
    expect(second.digest).not.toBe(plan.sent.digest);
    const error = await refused(
      () => ceoIcb.submissions.sign({ ...plan.ref, digest: plan.sent.digest!, capacity: 'chief_executive', orgId: f.icbId }),
      'CONFLICT',
    );
    expect(error.message).toContain(`Version 2 of the`);
    expect(error.message).toContain(second.digest!);
    const current = errorDetails(error).current as Submission;
    expect(current).toMatchObject({ round: 2, digest: second.digest, liveDigest: second.digest });
  });

  it('for an organisation one is not named for: FORBIDDEN', async () => {
    const plan = await sentPlan();
    const error = await refused(
      () => ceoCouncil.submissions.sign({ ...plan.ref, digest: plan.sent.digest!, capacity: 'chief_executive', orgId: f.icbId }),
      'FORBIDDEN',
    );
    expect(error.message).toMatch(/You are not named to sign as chief executive of NHS Testshire ICB/);
    // Named as chief executive does not make one the section 151 officer either.
    const asOfficer = await refused(
      () => ceoCouncil.submissions.sign({ ...plan.ref, digest: plan.sent.digest!, capacity: 'section_151', orgId: f.councilId }),
      'FORBIDDEN',
    );
    expect(asOfficer.message).toMatch(/not named to sign as section 151 officer of Testshire Council/);
  });

  it('for an organisation that pays nothing into the fund: refused at orgId', async () => {
    const plan = await sentPlan();
    const error = await refused(
      () => ceoCouncil.submissions.sign({ ...plan.ref, digest: plan.sent.digest!, capacity: 'chief_executive', orgId: f.outsiderId }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)).toEqual([
      { path: 'orgId', message: expect.stringMatching(/does not need a signature from the chief executive of Elsewhere Trust/) },
    ]);
  });

  it('twice: refused, naming the version already signed', async () => {
    const plan = await sentPlan();
    const input = { ...plan.ref, digest: plan.sent.digest!, capacity: 'chief_executive' as const, orgId: f.councilId };
    await ceoCouncil.submissions.sign(input);
    const error = await refused(() => ceoCouncil.submissions.sign(input), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)).toEqual([
      { path: 'orgId', message: expect.stringMatching(/chief executive of Testshire Council misuse\d+ has already signed version 1/) },
    ]);
  });

  it('a plan never sent: NOT_FOUND', async () => {
    const { fundId } = await newFund();
    const error = await refused(
      () => ceoCouncil.submissions.sign({ fundId, kind: 'plan', digest: 'a'.repeat(64), capacity: 'chief_executive', orgId: f.councilId }),
      'NOT_FOUND',
    );
    expect(error.message).toMatch(/has not been sent for sign-off/);
  });
});

describe('approving and submitting', () => {
  it('approving before every signature is in: refused, naming who is missing', async () => {
    const plan = await sentPlan();
    await ceoIcb.submissions.sign({ ...plan.ref, digest: plan.sent.digest!, capacity: 'chief_executive', orgId: f.icbId });
    const error = await refused(
      () => chair.submissions.approve({ ...plan.ref, digest: plan.sent.digest!, meetingDate: '2026-04-20', minuteReference: 'HWB/1' }),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/before every signature is in/);
    expect(error.message).toContain('Chief executive of Testshire Council');
    expect(error.message).toContain('Section 151 officer of Testshire Council');
    // The ICB's chief executive has signed, so is not named as missing.
    expect(error.message).not.toContain('Chief executive of NHS Testshire ICB');
  });

  it('approving by someone not named for the board: FORBIDDEN', async () => {
    const plan = await signedPlan();
    const error = await refused(
      () => ceoCouncil.submissions.approve({ ...plan.ref, digest: plan.sent.digest!, meetingDate: '2026-04-20', minuteReference: 'HWB/2' }),
      'FORBIDDEN',
    );
    expect(error.message).toMatch(/not named to record this Health and Wellbeing Board’s approval/);
    // Not even an administrator, unless named.
    await refused(
      () => api.caller.submissions.approve({ ...plan.ref, digest: plan.sent.digest!, meetingDate: '2026-04-20', minuteReference: 'HWB/2' }),
      'FORBIDDEN',
    );
  });

  it('a meeting date that is not a date: refused at meetingDate', async () => {
    const plan = await signedPlan();
    for (const meetingDate of ['2026-02-30', '20/04/2026', 'next Tuesday', '']) {
      const error = await refused(
        () => chair.submissions.approve({ ...plan.ref, digest: plan.sent.digest!, meetingDate, minuteReference: 'HWB/3' }),
        'BAD_REQUEST',
      );
      expect(fieldErrorsOf(error)).toContainEqual({
        path: 'meetingDate',
        message: expect.stringMatching(/^Board meeting date must be a date written like 2026-04-14/),
      });
    }
    expect((await api.caller.submissions.get(plan.ref)).status).toBe('signed');
  });

  it('submitting before the board’s approval: refused, saying what it must be', async () => {
    const plan = await signedPlan();
    const error = await refused(
      () => finance.submissions.submit({ ...plan.ref, version: plan.signed.version!, submittedOn: '2026-04-21' }),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/Cannot record the submission: the plan is signed; it must be approved by the board/);
  });

  it('submitting with a date before the board’s meeting: refused at submittedOn, naming both dates', async () => {
    const plan = await approvedPlan();
    const error = await refused(
      () => finance.submissions.submit({ ...plan.ref, version: plan.approved.version!, submittedOn: '2026-04-19' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)).toEqual([
      { path: 'submittedOn', message: 'Submitted on must be on or after the board’s approval (2026-04-20), got "2026-04-19"' },
    ]);
  });

  it('submitting on a version seen before the approval: CONFLICT with the submission as it is', async () => {
    const plan = await approvedPlan();
    const error = await refused(
      () => finance.submissions.submit({ ...plan.ref, version: plan.signed.version!, submittedOn: '2026-04-21' }),
      'CONFLICT',
    );
    expect(errorDetails(error).current).toMatchObject({ status: 'approved', version: plan.approved.version });
  });
});

describe('returning for changes and reopening', () => {
  it('without a reason: BAD_REQUEST naming the field', async () => {
    const plan = await approvedPlan();
    const version = plan.approved.version!;
    for (const reason of ['', undefined]) {
      const returned = await refused(
        () => finance.submissions.returnForChanges(bad({ ...plan.ref, version, ...(reason === undefined ? {} : { reason }) })),
        'BAD_REQUEST',
      );
      expect(fieldErrorsOf(returned)).toEqual([{ path: 'reason', message: expect.stringMatching(/^Reason returned /) }]);
      const reopened = await refused(
        () => api.caller.submissions.reopen(bad({ ...plan.ref, version, ...(reason === undefined ? {} : { reason }) })),
        'BAD_REQUEST',
      );
      expect(fieldErrorsOf(reopened)).toEqual([{ path: 'reason', message: expect.stringMatching(/^Reason reopened /) }]);
    }
    expect((await api.caller.submissions.get(plan.ref)).status).toBe('approved');
  });

  it('reopening by anyone but an administrator: FORBIDDEN', async () => {
    const plan = await approvedPlan();
    for (const caller of [finance, chair, s151]) {
      const error = await refused(
        () => caller.submissions.reopen({ ...plan.ref, version: plan.approved.version!, reason: 'A typo in Q1' }),
        'FORBIDDEN',
      );
      expect(error.message).toMatch(/cannot reopen a plan or return after approval/);
    }
  });

  it('returning for changes by someone neither named nor a plan editor: FORBIDDEN', async () => {
    const plan = await sentPlan();
    const { caller: stranger } = await api.userWith('board_member', [f.councilId]);
    const error = await refused(
      () => stranger.submissions.returnForChanges({ ...plan.ref, version: plan.sent.version!, reason: 'I do not like it' }),
      'FORBIDDEN',
    );
    expect(error.message).toMatch(/Only a signatory, the board’s approver or a plan editor can return the plan/);
  });

  it('reopening a draft: refused, saying it must be approved or submitted', async () => {
    const plan = await sentPlan();
    const draft = await finance.submissions.returnForChanges({ ...plan.ref, version: plan.sent.version!, reason: 'Wrong ICB total' });
    expect(draft.status).toBe('draft');
    const error = await refused(
      () => api.caller.submissions.reopen({ ...plan.ref, version: draft.version!, reason: 'Why not' }),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/Cannot reopen it: the plan is draft; it must be approved by the board or submitted/);
  });
});

describe('returns', () => {
  it('answering an approved return: refused until an administrator reopens it', async () => {
    const { fundId } = await newFund();
    const ref = { fundId, kind: 'q2' as const };
    await finance.submissions.answer({ ...ref, item: 'condition', code: 'nc1', answer: 'yes' });
    const sent = await finance.submissions.send({ ...ref, version: (await api.caller.submissions.get(ref)).version! });
    expect(sent.missing).toEqual([expect.stringMatching(/^Section 151 officer of Testshire Council/)]);
    await s151.submissions.sign({ ...ref, digest: sent.digest!, capacity: 'section_151', orgId: f.councilId });
    const approved = await chair.submissions.approve({
      ...ref,
      digest: sent.digest!,
      meetingDate: '2026-10-20',
      minuteReference: 'HWB/Q2',
    });
    const [answer] = await api.caller.submissions.answers(ref);
    const error = await refused(
      () =>
        finance.submissions.answer({
          ...ref,
          item: 'condition',
          code: 'nc1',
          answer: 'no',
          commentary: 'Changed',
          version: answer!.version,
        }),
      'BAD_REQUEST',
    );
    expect(error.message).toBe('The Q2 return is approved by the board: an administrator must reopen it first');

    await api.caller.submissions.reopen({ ...ref, version: approved.version!, reason: 'NC1 was misread' });
    const changed = await finance.submissions.answer({
      ...ref,
      item: 'condition',
      code: 'nc1',
      answer: 'no',
      commentary: 'Changed',
      version: answer!.version,
    });
    expect(changed.answer).toBe('no');
  });

  it('a kind that is not one: refused at kind', async () => {
    const { fundId } = await newFund();
    for (const call of [
      () => finance.submissions.send(bad({ fundId, kind: 'q4' })),
      () => finance.submissions.answer(bad({ fundId, kind: 'plan', item: 'condition', code: 'nc1', answer: 'yes' })),
      () => api.caller.submissions.get(bad({ fundId, kind: 'Plan' })),
    ]) {
      const error = await refused(() => call(), 'BAD_REQUEST');
      expect(fieldErrorsOf(error).map((e) => e.path)).toEqual(['kind']);
    }
  });

  it('a malformed digest: refused at digest, saying what it must be', async () => {
    const plan = await sentPlan();
    for (const digest of ['abc', plan.sent.digest!.toUpperCase(), `${plan.sent.digest}0`, '']) {
      const error = await refused(
        () => ceoCouncil.submissions.sign({ ...plan.ref, digest, capacity: 'chief_executive', orgId: f.councilId }),
        'BAD_REQUEST',
      );
      expect(fieldErrorsOf(error)).toEqual([
        { path: 'digest', message: expect.stringMatching(/^Digest must be the 64-character digest of the version you opened/) },
      ]);
    }
  });
});
