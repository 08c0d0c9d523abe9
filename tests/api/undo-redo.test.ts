// Per-user undo and redo stacks in a fund (issue "Spreadsheet habits", item 5): audit.undoLast, audit.redoLast and
// audit.stack step through the signed-in user's own batches one at a time, restore exactly, are refused with a clear
// CONFLICT when someone else has changed a row since, and live in the database, so a restart loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createCaller } from '../../server/router';
import { errorDetails } from '../../server/trpc';
import type { SignedInUser } from '../../shared/types';
import { counts, expectTrpcError, openTestApi, testContext, type Caller, type TestApi } from '../support/api';
import { makeFund, valuesOf, type Fixture } from './fixtures';

let api: TestApi;
let officer: { user: SignedInUser; caller: Caller };
let colleague: { user: SignedInUser; caller: Caller };

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(async () => {
  await api.close();
});

/** A fresh fund, with the officer and a colleague both finance officers of its council. */
async function freshFund(): Promise<Fixture> {
  const f = await makeFund(api, 'undo-redo');
  officer = await api.userWith('finance_officer', [f.councilId]);
  colleague = await api.userWith('finance_officer', [f.councilId]);
  return f;
}

/** The fund's rows as a person sees them (no versions or stamps), by id. */
async function state(fundId: number) {
  return (await api.caller.contributions.list({ fundId })).map(valuesOf).sort((x, y) => x.id - y.id);
}

async function seedRows(f: Fixture) {
  const make = (source: string, quarter: number, plannedPence: number) =>
    api.caller.contributions.create({ fundId: f.fundId, orgId: f.councilId, source, quarter, plannedPence });
  return [
    await make('la_better_care_grant', 1, 1000),
    await make('la_better_care_grant', 2, 2000),
    await make('dfg', 1, 3000),
    await make('dfg', 2, 4000),
  ];
}

async function rowNow(fundId: number, id: number) {
  const row = (await api.caller.contributions.list({ fundId })).find((r) => r.id === id);
  if (!row) throw new Error(`row ${id} is missing`);
  return row;
}

describe('undoLast and redoLast over several batches', () => {
  it('restore exactly and in order, one step (one new batch) per batch, and redo replays them in order', async () => {
    const f = await freshFund();
    const [a, b, c, d] = await seedRows(f);
    if (!a || !b || !c || !d) throw new Error('rows were not made');
    const s0 = await state(f.fundId);

    // 1: a cell edit.
    await officer.caller.contributions.update({ id: a.id, version: a.version, patch: { plannedPence: 1111 } });
    const s1 = await state(f.fundId);
    // 2: a 4-row batch (two updates, two new rows), as a paste would send.
    await officer.caller.contributions.applyBatch({
      fundId: f.fundId,
      changes: [
        { op: 'update', id: b.id, version: b.version, values: { plannedPence: 2222, note: 'pasted' } },
        { op: 'update', id: c.id, version: c.version, values: { actualPence: 3333 } },
        { op: 'create', values: { orgId: f.councilId, source: 'la_better_care_grant', quarter: 3, plannedPence: 5555 } },
        { op: 'create', values: { orgId: f.councilId, source: 'additional_la', quarter: 1, plannedPence: 6666 } },
      ],
    });
    const s2 = await state(f.fundId);
    // 3: a delete.
    await officer.caller.contributions.delete({ id: d.id, version: d.version });
    const s3 = await state(f.fundId);

    expect(await officer.caller.audit.stack({ fundId: f.fundId })).toEqual({
      undo: { batchId: expect.any(String), label: 'Deleted a contribution', at: expect.any(String) },
      redo: null,
      undoDepth: 3,
      redoDepth: 0,
    });

    const expectedAfterUndo = [s2, s1, s0];
    const labels = ['Deleted a contribution', 'Applied 4 changes', 'Changed Planned (£)'];
    for (const [i, expected] of expectedAfterUndo.entries()) {
      const before = await counts(api.db);
      const result = await officer.caller.audit.undoLast({ fundId: f.fundId });
      expect((await counts(api.db)).batch).toBe((before.batch ?? 0) + 1);
      expect(result.label).toBe(labels[i]);
      expect(result.batchId).toEqual(expect.any(String));
      expect(await state(f.fundId)).toEqual(expected);
      expect(result.stack).toEqual(await officer.caller.audit.stack({ fundId: f.fundId }));
      expect(result.stack.undoDepth).toBe(2 - i);
      expect(result.stack.redoDepth).toBe(i + 1);
      expect(result.stack.redo?.label).toBe(labels[i]);
    }
    // The deleted row came back under its old id.
    expect((await state(f.fundId)).some((r) => r.id === d.id)).toBe(true);

    // Nothing left to undo: nothing happens, nothing is written.
    const before = await counts(api.db);
    const nothing = await officer.caller.audit.undoLast({ fundId: f.fundId });
    expect(nothing).toMatchObject({ batchId: null, reversedBatchId: null, label: null, restored: [] });
    expect(nothing.stack).toMatchObject({ undo: null, undoDepth: 0, redoDepth: 3 });
    expect(await counts(api.db)).toEqual(before);

    // Redo replays the steps in the order they were made.
    for (const [i, expected] of [s1, s2, s3].entries()) {
      const result = await officer.caller.audit.redoLast({ fundId: f.fundId });
      expect(result.label).toBe(labels[2 - i]);
      expect(await state(f.fundId)).toEqual(expected);
      expect(result.stack).toMatchObject({ undoDepth: i + 1, redoDepth: 2 - i });
      const batch = await api.db
        .selectFrom('batch')
        .selectAll()
        .where('id', '=', result.batchId ?? '')
        .executeTakeFirstOrThrow();
      expect(batch).toMatchObject({ kind: 'redo', userId: officer.user.id, fundId: f.fundId, label: `Redid: ${labels[2 - i]}` });
    }
    expect((await officer.caller.audit.redoLast({ fundId: f.fundId })).batchId).toBeNull();

    // A redo is a normal step: it can be undone again, and redone again.
    const undoRedo = await officer.caller.audit.undoLast({ fundId: f.fundId });
    expect(undoRedo.label).toBe('Deleted a contribution');
    expect(await state(f.fundId)).toEqual(s2);
    await officer.caller.audit.redoLast({ fundId: f.fundId });
    expect(await state(f.fundId)).toEqual(s3);
    expect(await officer.caller.audit.stack({ fundId: f.fundId })).toMatchObject({
      undo: { label: 'Deleted a contribution' },
      undoDepth: 3,
      redoDepth: 0,
    });
  });

  it('a new edit clears the redo stack', async () => {
    const f = await freshFund();
    const [a, b] = await seedRows(f);
    if (!a || !b) throw new Error('rows were not made');
    await officer.caller.contributions.update({ id: a.id, version: a.version, patch: { plannedPence: 7 } });
    await officer.caller.audit.undoLast({ fundId: f.fundId });
    expect(await officer.caller.audit.stack({ fundId: f.fundId })).toMatchObject({ undoDepth: 0, redoDepth: 1 });

    await officer.caller.contributions.update({ id: b.id, version: b.version, patch: { note: 'new work' } });
    expect(await officer.caller.audit.stack({ fundId: f.fundId })).toMatchObject({
      undo: { label: 'Changed Note' },
      redo: null,
      undoDepth: 1,
      redoDepth: 0,
    });
    const before = await counts(api.db);
    expect((await officer.caller.audit.redoLast({ fundId: f.fundId })).batchId).toBeNull();
    expect(await counts(api.db)).toEqual(before);
    expect((await rowNow(f.fundId, a.id)).plannedPence).toBe(1000);
  });

  it('an edit in another fund does not clear this fund’s redo, and each fund has its own stack', async () => {
    const f = await freshFund();
    const g = await makeFund(api, 'undo-redo-other');
    const [a] = await seedRows(f);
    if (!a) throw new Error('rows were not made');
    const { caller: both } = await api.userWith('finance_officer', [f.councilId, g.councilId]);
    await both.contributions.update({ id: a.id, version: a.version, patch: { plannedPence: 8 } });
    await both.audit.undoLast({ fundId: f.fundId });
    await both.contributions.create({ fundId: g.fundId, orgId: g.councilId, source: 'dfg', quarter: 4, plannedPence: 9 });
    expect(await both.audit.stack({ fundId: f.fundId })).toMatchObject({ undoDepth: 0, redoDepth: 1 });
    expect(await both.audit.stack({ fundId: g.fundId })).toMatchObject({
      undo: { label: 'Added a contribution' },
      undoDepth: 1,
      redoDepth: 0,
    });
  });
});

describe('other people', () => {
  it('someone else’s later change makes undoLast CONFLICT, naming them and what they changed, and writes nothing', async () => {
    const f = await freshFund();
    const [a] = await seedRows(f);
    if (!a) throw new Error('rows were not made');
    const mine = await officer.caller.contributions.update({ id: a.id, version: a.version, patch: { plannedPence: 1500 } });
    await colleague.caller.contributions.update({ id: a.id, version: mine.version, patch: { actualPence: 900 } });

    const before = await counts(api.db);
    const rowsBefore = await state(f.fundId);
    const stackBefore = await officer.caller.audit.stack({ fundId: f.fundId });
    const error = await expectTrpcError(officer.caller.audit.undoLast({ fundId: f.fundId }), 'CONFLICT');
    expect(error.message).toMatch(
      new RegExp(
        `^Actual \\(£\\) of the Testshire Council .* Q1 \\(Apr-Jun\\) contribution was changed by ${colleague.user.name} at \\d\\d:\\d\\d after your change; nothing was undone$`,
      ),
    );
    expect(errorDetails(error).current).toMatchObject({ id: a.id, actualPence: 900, updatedByName: colleague.user.name });
    expect(await counts(api.db)).toEqual(before);
    expect(await state(f.fundId)).toEqual(rowsBefore);
    expect(await officer.caller.audit.stack({ fundId: f.fundId })).toEqual(stackBefore);
  });

  it('a row someone else deleted since makes undoLast CONFLICT, naming who deleted it', async () => {
    const f = await freshFund();
    const [a] = await seedRows(f);
    if (!a) throw new Error('rows were not made');
    const mine = await officer.caller.contributions.update({ id: a.id, version: a.version, patch: { note: 'mine' } });
    await colleague.caller.contributions.delete({ id: a.id, version: mine.version });
    const before = await counts(api.db);
    const error = await expectTrpcError(officer.caller.audit.undoLast({ fundId: f.fundId }), 'CONFLICT');
    expect(error.message).toMatch(
      new RegExp(
        `^The Testshire Council .* contribution was deleted by ${colleague.user.name} at .* after your change; nothing was undone$`,
      ),
    );
    expect(await counts(api.db)).toEqual(before);
  });

  it('someone else’s change after an undo makes redoLast CONFLICT and writes nothing', async () => {
    const f = await freshFund();
    const [a] = await seedRows(f);
    if (!a) throw new Error('rows were not made');
    await officer.caller.contributions.update({ id: a.id, version: a.version, patch: { plannedPence: 1500 } });
    await officer.caller.audit.undoLast({ fundId: f.fundId });
    const now = await rowNow(f.fundId, a.id);
    await colleague.caller.contributions.update({ id: a.id, version: now.version, patch: { plannedPence: 1700 } });
    const before = await counts(api.db);
    const error = await expectTrpcError(officer.caller.audit.redoLast({ fundId: f.fundId }), 'CONFLICT');
    expect(error.message).toContain(`Planned (£) of the Testshire Council`);
    expect(error.message).toContain(`was changed by ${colleague.user.name}`);
    expect(await counts(api.db)).toEqual(before);
    expect((await rowNow(f.fundId, a.id)).plannedPence).toBe(1700);
  });

  it('undoLast never undoes another user’s batch: it skips them, each person’s stack is their own', async () => {
    const f = await freshFund();
    const [a, b] = await seedRows(f);
    if (!a || !b) throw new Error('rows were not made');
    await officer.caller.contributions.update({ id: a.id, version: a.version, patch: { plannedPence: 11 } });
    await colleague.caller.contributions.update({ id: b.id, version: b.version, patch: { plannedPence: 22 } });

    const result = await officer.caller.audit.undoLast({ fundId: f.fundId });
    expect(result.restored.map((r) => r.id)).toEqual([a.id]);
    expect((await rowNow(f.fundId, a.id)).plannedPence).toBe(1000);
    expect((await rowNow(f.fundId, b.id)).plannedPence).toBe(22);
    // The officer has nothing more to undo; the colleague's edit is still on the colleague's own stack.
    expect(await officer.caller.audit.stack({ fundId: f.fundId })).toMatchObject({ undo: null, undoDepth: 0, redoDepth: 1 });
    expect(await colleague.caller.audit.stack({ fundId: f.fundId })).toMatchObject({ undoDepth: 1, redoDepth: 0 });
    // The admin who made the rows has them on the admin's stack, not anyone else's.
    expect((await api.caller.audit.stack({ fundId: f.fundId })).undoDepth).toBe(4);
    // The colleague's later edit did not clear the officer's redo either.
    await officer.caller.audit.redoLast({ fundId: f.fundId });
    expect((await rowNow(f.fundId, a.id)).plannedPence).toBe(11);
  });

  it('an administrator’s undo of someone else’s batch from history is not on the administrator’s redo stack', async () => {
    const f = await freshFund();
    const [a] = await seedRows(f);
    if (!a) throw new Error('rows were not made');
    const { batchId } = await officer.caller.contributions.applyBatch({
      fundId: f.fundId,
      changes: [{ op: 'update', id: a.id, version: a.version, values: { plannedPence: 5 } }],
    });
    const adminBefore = await api.caller.audit.stack({ fundId: f.fundId });
    await api.caller.audit.undo({ batchId });
    expect(await api.caller.audit.stack({ fundId: f.fundId })).toMatchObject({ redoDepth: adminBefore.redoDepth, redo: adminBefore.redo });
    expect(await officer.caller.audit.stack({ fundId: f.fundId })).toMatchObject({ undoDepth: 0, redoDepth: 0 });
  });

  it('a board member, who changes nothing, sees empty stacks', async () => {
    const f = await freshFund();
    const { caller: board } = await api.userWith('board_member', [f.councilId]);
    expect(await board.audit.stack({ fundId: f.fundId })).toEqual({ undo: null, redo: null, undoDepth: 0, redoDepth: 0 });
  });

  it('stack, undoLast and redoLast refuse a fund the caller cannot see', async () => {
    const f = await freshFund();
    const elsewhere = await makeFund(api, 'undo-redo-hidden');
    await expectTrpcError(officer.caller.audit.stack({ fundId: elsewhere.fundId }), 'FORBIDDEN');
    await expectTrpcError(officer.caller.audit.undoLast({ fundId: elsewhere.fundId }), 'FORBIDDEN');
    await expectTrpcError(officer.caller.audit.redoLast({ fundId: 999_999 }), 'NOT_FOUND');
    await expectTrpcError(officer.caller.audit.stack({ fundId: 0 }), 'BAD_REQUEST');
    expect(f.fundId).toBeGreaterThan(0);
  });
});

describe('lives in the database', () => {
  it('survives a restart: a new connection and caller on the same file see the same stacks and can undo and redo', async () => {
    const f = await freshFund();
    const [a, b] = await seedRows(f);
    if (!a || !b) throw new Error('rows were not made');
    await officer.caller.contributions.update({ id: a.id, version: a.version, patch: { plannedPence: 31 } });
    await officer.caller.contributions.update({ id: b.id, version: b.version, patch: { plannedPence: 32 } });
    await officer.caller.audit.undoLast({ fundId: f.fundId });
    const stack = await officer.caller.audit.stack({ fundId: f.fundId });
    expect(stack).toMatchObject({ undoDepth: 1, redoDepth: 1 });

    const db = openDatabase(api.file);
    try {
      const restarted = createCaller(testContext(db, officer.user));
      expect(await restarted.audit.stack({ fundId: f.fundId })).toEqual(stack);
      await restarted.audit.redoLast({ fundId: f.fundId });
      expect((await rowNow(f.fundId, b.id)).plannedPence).toBe(32);
      await restarted.audit.undoLast({ fundId: f.fundId });
      await restarted.audit.undoLast({ fundId: f.fundId });
      expect((await rowNow(f.fundId, a.id)).plannedPence).toBe(1000);
      expect((await rowNow(f.fundId, b.id)).plannedPence).toBe(2000);
    } finally {
      await db.destroy();
    }
    expect(await officer.caller.audit.stack({ fundId: f.fundId })).toMatchObject({ undoDepth: 0, redoDepth: 2 });
  });
});

describe('audit.undo from history', () => {
  it('undoing an undo is recorded as a redo, which can be undone as a normal step', async () => {
    const f = await freshFund();
    const [a] = await seedRows(f);
    if (!a) throw new Error('rows were not made');
    const { batchId } = await officer.caller.contributions.applyBatch({
      fundId: f.fundId,
      changes: [{ op: 'update', id: a.id, version: a.version, values: { plannedPence: 77 } }],
    });
    const undone = await officer.caller.audit.undo({ batchId });
    const redone = await officer.caller.audit.undo({ batchId: undone.batchId });
    const batch = await api.db.selectFrom('batch').selectAll().where('id', '=', redone.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ kind: 'redo', label: 'Redid: Changed Planned (£)', undoesBatchId: undone.batchId });
    expect(await officer.caller.audit.stack({ fundId: f.fundId })).toMatchObject({
      undo: { batchId: redone.batchId, label: 'Changed Planned (£)' },
      undoDepth: 1,
      redoDepth: 0,
    });
  });
});
