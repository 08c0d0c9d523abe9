// History: every change records who made it; undo is itself an audited batch by the person undoing; the history can
// be filtered by user, date, entity and partnership; undo is limited to your own changes (an admin may undo anyone's)
// and can never do what you could not do by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDetails } from '../../server/trpc';
import type { SignedInUser } from '../../shared/types';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type Caller, type TestApi } from '../support/api';
import { makeFund, valuesOf, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let g: Fixture;
let officer: { user: SignedInUser; caller: Caller };
let otherOfficer: { user: SignedInUser; caller: Caller };

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'hist');
  g = await makeFund(api, 'hist-other');
  officer = await api.userWith('finance_officer', [f.councilId], 'history.officer@test.example');
  otherOfficer = await api.userWith('finance_officer', [f.councilId], 'history.colleague@test.example');
});
afterAll(async () => {
  await api.close();
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('who changed what', () => {
  it('records the signed-in user on every event, and audit.list names them', async () => {
    const row = await officer.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'la_better_care_grant',
      quarter: 1,
      plannedPence: 1000,
    });
    const changed = await officer.caller.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: 2500 } });
    const events = await officer.caller.audit.list({ entity: 'contribution', entityId: row.id });
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((e) => e.userId === officer.user.id && e.userName === officer.user.name)).toBe(true);
    const update = events.find((e) => e.action === 'update');
    expect(update).toEqual(
      expect.objectContaining({ field: 'plannedPence', oldValue: 1000, newValue: 2500, partnershipId: f.partnershipId, fundId: f.fundId }),
    );
    // The list carries the grid's fields only (issue 18); who changed the row last, and when, is its newest event,
    // which the history panel shows.
    const listed = (await officer.caller.contributions.list({ fundId: f.fundId })).find((r) => r.id === row.id);
    expect(listed).toEqual({ ...valuesOf(changed), version: changed.version });
    const [newest] = await officer.caller.audit.list({ entity: 'contribution', entityId: row.id, limit: 1 });
    expect(newest).toEqual(
      expect.objectContaining({ userId: officer.user.id, userName: officer.user.name, action: 'update', newValue: 2500 }),
    );
    // Admin changes are recorded under the admin.
    const fund = await api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Admin-made', financialYear: '2026/27' });
    const fundEvents = await api.caller.audit.list({ entity: 'fund', entityId: fund.id });
    expect(fundEvents.length).toBeGreaterThan(0);
    expect(fundEvents.every((e) => e.userId === api.admin.id && e.userName === api.admin.name)).toBe(true);
  });

  it('audit.people lists who changed things (scoped to the partnership when asked)', async () => {
    await otherOfficer.caller.contributions.create({ fundId: f.fundId, orgId: f.councilId, source: 'dfg', quarter: 2, plannedPence: 7 });
    const people = await api.caller.audit.people({ partnershipId: f.partnershipId });
    const ids = people.map((p) => p.userId);
    expect(ids).toEqual(expect.arrayContaining([api.admin.id, officer.user.id, otherOfficer.user.id]));
    expect(people.find((p) => p.userId === officer.user.id)?.userName).toBe(officer.user.name);
    expect(new Set(ids).size).toBe(ids.length);
    // Nobody changed the other partnership but the admin.
    expect((await api.caller.audit.people({ partnershipId: g.partnershipId })).map((p) => p.userId)).toEqual([api.admin.id]);
    // A finance officer sees the same people for their partnership.
    expect((await officer.caller.audit.people({ partnershipId: f.partnershipId })).map((p) => p.userId).sort()).toEqual([...ids].sort());
  });
});

describe('two people editing the same cell', () => {
  it("the second save gets CONFLICT with the first person's value and name, and nothing is overwritten", async () => {
    const row = await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'partner_contribution',
      quarter: 1,
      plannedPence: 100,
    });
    await officer.caller.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: 111 } });
    const before = await counts(api.db);
    const error = await expectTrpcError(
      otherOfficer.caller.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: 222 } }),
      'CONFLICT',
    );
    expect(errorDetails(error).current).toEqual(
      expect.objectContaining({ id: row.id, plannedPence: 111, updatedBy: officer.user.id, updatedByName: officer.user.name }),
    );
    // Nothing is written but the first person's notice that a save collided with theirs (issue "Conversation on the
    // figures"): the figures, the batches and the audit log are as they were.
    expect(await counts(api.db)).toEqual({ ...before, notification: (before.notification ?? 0) + 1 });
    const notice = await officer.caller.notifications.list({});
    expect(notice[0]).toEqual(expect.objectContaining({ kind: 'conflict', actor: expect.objectContaining({ id: otherOfficer.user.id }) }));
    expect((await api.caller.contributions.list({ fundId: f.fundId })).find((r) => r.id === row.id)?.plannedPence).toBe(111);
  });
});

describe('filters', () => {
  it('by user, from/to, entity and partnership', async () => {
    const { user: filterer, caller } = await api.userWith('finance_officer', [f.councilId, g.councilId], 'filterer@test.example');
    const t0 = new Date().toISOString();
    await tick();
    const first = await caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'carry_forward',
      quarter: 1,
      plannedPence: 1,
    });
    await tick();
    const t1 = new Date().toISOString();
    await tick();
    const second = await caller.contributions.create({
      fundId: g.fundId,
      orgId: g.councilId,
      source: 'carry_forward',
      quarter: 1,
      plannedPence: 2,
    });
    await tick();
    const t2 = new Date().toISOString();

    const mine = await api.caller.audit.list({ userId: filterer.id });
    expect(new Set(mine.map((e) => e.entityId))).toEqual(new Set([first.id, second.id]));
    expect(mine.every((e) => e.userId === filterer.id)).toBe(true);

    const early = await api.caller.audit.list({ userId: filterer.id, from: t0, to: t1 });
    expect(new Set(early.map((e) => e.entityId))).toEqual(new Set([first.id]));
    const late = await api.caller.audit.list({ userId: filterer.id, from: t1, to: t2 });
    expect(new Set(late.map((e) => e.entityId))).toEqual(new Set([second.id]));
    expect(await api.caller.audit.list({ userId: filterer.id, from: t2 })).toEqual([]);
    expect(late.every((e) => e.at >= t1 && e.at < t2)).toBe(true);

    const inG = await api.caller.audit.list({ partnershipId: g.partnershipId });
    expect(inG.length).toBeGreaterThan(0);
    expect(inG.every((e) => e.partnershipId === g.partnershipId)).toBe(true);
    expect(inG.some((e) => e.entityId === second.id && e.entity === 'contribution')).toBe(true);
    expect(inG.some((e) => e.entityId === first.id && e.entity === 'contribution')).toBe(false);

    const funds = await api.caller.audit.list({ entity: 'fund', limit: 1000 });
    expect(funds.length).toBeGreaterThan(0);
    expect(funds.every((e) => e.entity === 'fund')).toBe(true);
    const orgs = await api.caller.audit.list({ entity: 'organisation', limit: 1000 });
    expect(orgs.every((e) => e.entity === 'organisation')).toBe(true);
    expect(new Set(orgs.map((e) => e.entityId))).toEqual(new Set([f.councilId, f.icbId, f.outsiderId, g.councilId, g.icbId, g.outsiderId]));

    // Combined: the user's contribution events in f's partnership only.
    const combined = await caller.audit.list({ userId: filterer.id, entity: 'contribution', partnershipId: f.partnershipId });
    expect(new Set(combined.map((e) => e.entityId))).toEqual(new Set([first.id]));
  });

  it('refuses a malformed filter, naming the field', async () => {
    const error = await expectTrpcError(api.caller.audit.list({ from: 'last tuesday' }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error).map((e) => e.path)).toEqual(['from']);
  });
});

describe('undo', () => {
  it('is itself audited, as a new batch by the person undoing, linked to the batch it undid', async () => {
    const row = await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'additional_la',
      quarter: 1,
      plannedPence: 500,
    });
    const { batchId } = await officer.caller.contributions.applyBatch({
      fundId: f.fundId,
      changes: [{ op: 'update', id: row.id, version: row.version, values: { plannedPence: 900 } }],
    });
    const undone = await officer.caller.audit.undo({ batchId });
    expect(undone.batchId).not.toBe(batchId);
    const undoEvents = await api.caller.audit.list({ batchId: undone.batchId });
    expect(undoEvents).toHaveLength(1);
    expect(undoEvents[0]).toEqual(
      expect.objectContaining({
        userId: officer.user.id,
        userName: officer.user.name,
        entity: 'contribution',
        entityId: row.id,
        field: 'plannedPence',
        oldValue: 900,
        newValue: 500,
        undoesBatchId: batchId,
      }),
    );
    expect(undoEvents[0]?.batchLabel).toMatch(/^Undid: /);
    const original = await api.caller.audit.list({ batchId });
    expect(original.every((e) => e.undoneByBatchId === undone.batchId)).toBe(true);
    const batchRow = await api.db.selectFrom('batch').selectAll().where('id', '=', undone.batchId).executeTakeFirstOrThrow();
    expect(batchRow).toEqual(expect.objectContaining({ userId: officer.user.id, kind: 'undo', undoesBatchId: batchId }));
  });

  it("a finance officer cannot undo someone else's batch; an admin can, and the undo is recorded under the admin", async () => {
    const row = await otherOfficer.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'carry_forward',
      quarter: 3,
      plannedPence: 42,
    });
    const [event] = await api.caller.audit.list({ entity: 'contribution', entityId: row.id });
    if (!event) throw new Error('no event for the new row');
    const before = await counts(api.db);
    const error = await expectTrpcError(officer.caller.audit.undo({ batchId: event.batchId }), 'FORBIDDEN');
    expect(error.message).toMatch(/only your own changes/);
    expect(await counts(api.db)).toEqual(before);

    const undone = await api.caller.audit.undo({ batchId: event.batchId });
    expect(await api.db.selectFrom('contribution').select('id').where('id', '=', row.id).executeTakeFirst()).toBeUndefined();
    const undoEvents = await api.caller.audit.list({ batchId: undone.batchId });
    expect(undoEvents.length).toBeGreaterThan(0);
    expect(undoEvents.every((e) => e.userId === api.admin.id && e.action === 'delete')).toBe(true);
  });

  it('a board member can undo nothing, not even a batch that names them (they make none)', async () => {
    const { caller: board } = await api.userWith('board_member', [f.councilId, f.icbId]);
    const row = await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.icbId,
      source: 'nhs_minimum',
      quarter: 4,
      plannedPence: 3,
    });
    const [event] = await api.caller.audit.list({ entity: 'contribution', entityId: row.id });
    const before = await counts(api.db);
    await expectTrpcError(board.audit.undo({ batchId: event?.batchId ?? '' }), 'FORBIDDEN');
    expect(await counts(api.db)).toEqual(before);
  });

  it('undo of your own batch is still checked row by row: after losing the organisation, you cannot undo its rows', async () => {
    const { user, caller } = await api.userWith('finance_officer', [f.councilId], 'moved.on@test.example');
    const { batchId } = await caller.contributions.applyBatch({
      fundId: f.fundId,
      changes: [{ op: 'create', values: { orgId: f.councilId, source: 'other', quarter: 2, plannedPence: 11 } }],
    });
    const [current] = (await api.caller.users.list()).filter((u) => u.id === user.id);
    if (!current) throw new Error('user not listed');
    const moved = await api.caller.users.update({ id: user.id, version: current.version, patch: { orgIds: [f.icbId] } });
    const movedCaller = api.as({ ...user, orgIds: moved.orgIds });
    const before = await counts(api.db);
    const error = await expectTrpcError(movedCaller.audit.undo({ batchId }), 'FORBIDDEN');
    expect(error.message).toMatch(/own finance officers/);
    expect(await counts(api.db)).toEqual(before);
  });

  it('a change to users cannot be undone from history: a clear BAD_REQUEST naming the batch, nothing written', async () => {
    const { user } = await api.caller.users.create({ email: 'undo.me@test.example', name: 'Undo Me', role: 'board_member', orgIds: [] });
    const [event] = await api.caller.audit.list({ entity: 'app_user', entityId: user.id });
    if (!event) throw new Error('no event for the new user');
    const before = await counts(api.db);
    const error = await expectTrpcError(api.caller.audit.undo({ batchId: event.batchId }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)).toEqual([
      { path: 'batchId', message: expect.stringMatching(/cannot be undone from history: changes to users/) },
    ]);
    expect(await counts(api.db)).toEqual(before);
  });
});
