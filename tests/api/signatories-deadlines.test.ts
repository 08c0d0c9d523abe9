// Naming signatories and setting a BCF year's deadlines (issue "Sign-off and returns", items 2 and 5): the rules of
// each, refused at the field in words with nothing written, and every change audited so history shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { bad, makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let serial = 0;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'named');
});
afterAll(async () => {
  await api.close();
});

async function person() {
  serial += 1;
  return (await api.userWith('board_member', [f.councilId, f.icbId], `person.${serial}@test.example`)).user;
}

/** A call that must be refused at its fields, writing nothing; returns the field errors. */
async function refusedAt(call: () => Promise<unknown>) {
  const before = await counts(api.db);
  const error = await expectTrpcError(call(), 'BAD_REQUEST');
  expect(await counts(api.db)).toEqual(before);
  return fieldErrorsOf(error);
}

describe('naming signatories', () => {
  it('names a chief executive, a section 151 officer and a board approver, each listed with their names and audited', async () => {
    const ceo = await person();
    const officer = await person();
    const chair = await person();
    const a = await api.caller.signatories.create({
      userId: ceo.id,
      capacity: 'chief_executive',
      orgId: f.icbId,
      jobTitle: 'Chief Executive',
    });
    const b = await api.caller.signatories.create({ userId: officer.id, capacity: 'section_151', orgId: f.councilId });
    const c = await api.caller.signatories.create({ userId: chair.id, capacity: 'hwb_approval', partnershipId: f.partnershipId });
    const list = await api.caller.signatories.list();
    expect(list.find((s) => s.id === a.id)).toMatchObject({
      userName: ceo.name,
      userEmail: ceo.email,
      capacity: 'chief_executive',
      orgName: expect.stringMatching(/^NHS Testshire ICB/),
      partnershipName: null,
      jobTitle: 'Chief Executive',
    });
    expect(list.find((s) => s.id === b.id)).toMatchObject({
      capacity: 'section_151',
      orgName: expect.stringMatching(/^Testshire Council/),
      jobTitle: '',
    });
    expect(list.find((s) => s.id === c.id)).toMatchObject({
      capacity: 'hwb_approval',
      orgId: null,
      partnershipName: expect.stringMatching(/^Testshire BCF/),
    });

    // One event per field written, all in one batch by the administrator.
    const events = await api.caller.audit.list({ entity: 'signatory', entityId: a.id });
    expect(new Set(events.map((e) => `${e.action} by ${e.userId}: ${e.batchLabel}`))).toEqual(
      new Set([`create by ${api.admin.id}: Named a signatory (chief executive)`]),
    );
    expect(events.find((e) => e.field === 'orgId')?.newValue).toBe(f.icbId);
  });

  it('a board approval needs a partnership and no organisation', async () => {
    const user = await person();
    expect(await refusedAt(() => api.caller.signatories.create({ userId: user.id, capacity: 'hwb_approval' }))).toEqual([
      { path: 'partnershipId', message: 'Partnership must be given for a Health and Wellbeing Board approval' },
    ]);
    const both = await refusedAt(() =>
      api.caller.signatories.create({ userId: user.id, capacity: 'hwb_approval', partnershipId: f.partnershipId, orgId: f.councilId }),
    );
    expect(both).toEqual([{ path: 'orgId', message: expect.stringMatching(/^Organisation must be left out for a board approval/) }]);
  });

  it('a chief executive or section 151 officer needs an organisation and no partnership', async () => {
    const user = await person();
    expect(await refusedAt(() => api.caller.signatories.create({ userId: user.id, capacity: 'chief_executive' }))).toEqual([
      { path: 'orgId', message: 'Organisation must be given for a chief executive' },
    ]);
    const both = await refusedAt(() =>
      api.caller.signatories.create({ userId: user.id, capacity: 'section_151', orgId: f.councilId, partnershipId: f.partnershipId }),
    );
    expect(both).toEqual([
      { path: 'partnershipId', message: expect.stringMatching(/^Partnership must be left out for a section 151 officer/) },
    ]);
  });

  it('an unknown person, organisation or partnership is refused, naming the id', async () => {
    const user = await person();
    expect(
      await refusedAt(() => api.caller.signatories.create({ userId: 987_654, capacity: 'chief_executive', orgId: f.councilId })),
    ).toEqual([{ path: 'userId', message: 'Person must be an existing user, got id 987654' }]);
    expect(await refusedAt(() => api.caller.signatories.create({ userId: user.id, capacity: 'chief_executive', orgId: 987_655 }))).toEqual([
      { path: 'orgId', message: 'Organisation must be an existing organisation, got id 987655' },
    ]);
    expect(
      await refusedAt(() => api.caller.signatories.create({ userId: user.id, capacity: 'hwb_approval', partnershipId: 987_656 })),
    ).toEqual([{ path: 'partnershipId', message: 'Partnership must be an existing partnership, got id 987656' }]);
  });

  it('a capacity that is not one, and a job title too long, are refused at their fields', async () => {
    const user = await person();
    const capacity = await refusedAt(() => api.caller.signatories.create(bad({ userId: user.id, capacity: 'deputy', orgId: f.councilId })));
    expect(capacity.map((e) => e.path)).toEqual(['capacity']);
    expect(capacity[0]?.message).toMatch(/^Signs as must be one of/);
    const title = await refusedAt(() =>
      api.caller.signatories.create({ userId: user.id, capacity: 'chief_executive', orgId: f.councilId, jobTitle: 'x'.repeat(201) }),
    );
    expect(title.map((e) => e.path)).toEqual(['jobTitle']);
  });

  it('a disabled user cannot be named', async () => {
    const user = await person();
    const row = (await api.caller.users.list()).find((u) => u.id === user.id);
    await api.caller.users.update({ id: user.id, version: row?.version ?? 0, patch: { disabled: true } });
    expect(
      await refusedAt(() => api.caller.signatories.create({ userId: user.id, capacity: 'chief_executive', orgId: f.councilId })),
    ).toEqual([{ path: 'userId', message: `Person must be an active user: user ${user.id} is disabled` }]);
  });

  it('the same person named twice for the same thing is refused; for another organisation it is not', async () => {
    const user = await person();
    await api.caller.signatories.create({ userId: user.id, capacity: 'chief_executive', orgId: f.councilId });
    expect(
      await refusedAt(() => api.caller.signatories.create({ userId: user.id, capacity: 'chief_executive', orgId: f.councilId })),
    ).toEqual([{ path: 'userId', message: 'Person is already named as chief executive there' }]);
    await expect(api.caller.signatories.create({ userId: user.id, capacity: 'chief_executive', orgId: f.icbId })).resolves.toBeDefined();
  });

  it('removing: audited, and a stale version or an unknown id is refused with nothing written', async () => {
    const user = await person();
    const named = await api.caller.signatories.create({ userId: user.id, capacity: 'section_151', orgId: f.councilId });
    const before = await counts(api.db);
    await expectTrpcError(api.caller.signatories.remove({ id: named.id, version: named.version + 1 }), 'CONFLICT');
    await expectTrpcError(api.caller.signatories.remove({ id: 987_657, version: 1 }), 'NOT_FOUND');
    expect(await counts(api.db)).toEqual(before);

    await api.caller.signatories.remove({ id: named.id, version: named.version });
    expect((await api.caller.signatories.list()).some((s) => s.id === named.id)).toBe(false);
    const events = await api.caller.audit.list({ entity: 'signatory', entityId: named.id });
    expect([...new Set(events.map((e) => e.action))].sort()).toEqual(['create', 'delete']);
    expect(events.find((e) => e.action === 'delete')?.batchLabel).toBe('Removed a signatory');
  });

  it('only administrators name or remove signatories', async () => {
    const user = await person();
    const { caller: commissioner } = await api.userWith('commissioner', [f.councilId]);
    const before = await counts(api.db);
    const error = await expectTrpcError(
      commissioner.signatories.create({ userId: user.id, capacity: 'chief_executive', orgId: f.councilId }),
      'FORBIDDEN',
    );
    expect(error.message).toMatch(/cannot name signatories/);
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('deadlines', () => {
  it('sets a year’s deadline, lists it in the year’s order, and setting it again changes it (both audited)', async () => {
    const q1 = await api.caller.deadlines.set({ bcfYear: '2025/26', kind: 'q1', dueOn: '2025-07-18', note: 'Illustrative' });
    const plan = await api.caller.deadlines.set({ bcfYear: '2025/26', kind: 'plan', dueOn: '2025-03-31' });
    expect((await api.caller.deadlines.list({ bcfYear: '2025/26' })).map((d) => [d.kind, d.dueOn])).toEqual([
      ['plan', '2025-03-31'],
      ['q1', '2025-07-18'],
    ]);
    const before = await counts(api.db);
    const moved = await api.caller.deadlines.set({ bcfYear: '2025/26', kind: 'q1', dueOn: '2025-07-25' });
    expect(moved).toMatchObject({ id: q1.id, dueOn: '2025-07-25', note: 'Illustrative', version: q1.version + 1 });
    const after = await counts(api.db);
    expect(after.bcfDeadline).toBe(before.bcfDeadline);

    const events = await api.caller.audit.list({ entity: 'bcf_deadline', entityId: q1.id });
    expect([...new Set(events.map((e) => e.action))].sort()).toEqual(['create', 'update']);
    expect(events.find((e) => e.action === 'update')).toMatchObject({
      field: 'dueOn',
      oldValue: '2025-07-18',
      newValue: '2025-07-25',
      batchLabel: 'Set the 2025/26 deadline: Q1 return',
    });
    expect(plan.note).toBe('');
  });

  it('an unknown year is refused at bcfYear, naming it', async () => {
    expect(await refusedAt(() => api.caller.deadlines.set({ bcfYear: '2031/32', kind: 'plan', dueOn: '2031-03-31' }))).toEqual([
      { path: 'bcfYear', message: 'BCF year must be a year in the tool, got "2031/32"' },
    ]);
  });

  it('a date that is not one, and a kind that is not one, are refused at their fields', async () => {
    for (const dueOn of ['2026-02-29', '31/03/2026', '2026-3-31', '']) {
      const errors = await refusedAt(() => api.caller.deadlines.set({ bcfYear: '2025/26', kind: 'q2', dueOn }));
      expect(errors).toEqual([{ path: 'dueOn', message: expect.stringMatching(/^Due on must be a date written like 2026-04-14/) }]);
    }
    const kind = await refusedAt(() => api.caller.deadlines.set(bad({ bcfYear: '2025/26', kind: 'q4', dueOn: '2026-04-30' })));
    expect(kind.map((e) => e.path)).toEqual(['kind']);
  });

  it('removing: audited, and it no longer lists', async () => {
    const set = await api.caller.deadlines.set({ bcfYear: '2025/26', kind: 'year_end', dueOn: '2026-05-22' });
    await api.caller.deadlines.remove({ id: set.id, version: set.version });
    expect((await api.caller.deadlines.list({ bcfYear: '2025/26' })).some((d) => d.kind === 'year_end')).toBe(false);
    const events = await api.caller.audit.list({ entity: 'bcf_deadline', entityId: set.id });
    expect(events.find((e) => e.action === 'delete')?.batchLabel).toBe('Removed a deadline');
  });

  it('only administrators set them; everyone signed in reads them', async () => {
    const { caller: finance } = await api.userWith('finance_officer', [f.councilId]);
    const before = await counts(api.db);
    const error = await expectTrpcError(finance.deadlines.set({ bcfYear: '2025/26', kind: 's75', dueOn: '2025-09-30' }), 'FORBIDDEN');
    expect(error.message).toMatch(/cannot set the deadlines of a BCF year/);
    expect(await counts(api.db)).toEqual(before);
    await expect(finance.deadlines.list()).resolves.toBeDefined();
  });
});
