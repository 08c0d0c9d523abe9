// audit.undo: a batch is reversed exactly, as a new audited batch; undoing the undo redoes; refusals write nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, openTestApi, type TestApi } from '../support/api';
import { makeFund, valuesOf, type Fixture } from './fixtures';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(async () => {
  await api.close();
});

type Row = Awaited<ReturnType<TestApi['caller']['contributions']['create']>>;

let f: Fixture;
let a: Row;
let b: Row;
let c: Row;

beforeEach(async () => {
  f = await makeFund(api);
  a = await api.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 1,
    plannedPence: 10_000,
    note: 'a',
  });
  b = await api.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.councilId,
    source: 'dfg',
    quarter: 2,
    plannedPence: 20_000,
    actualPence: 19_999,
  });
  c = await api.caller.contributions.create({ fundId: f.fundId, orgId: f.icbId, source: 'nhs_minimum', quarter: 3, plannedPence: 30_000 });
});

/** The fund's rows without versions and stamps, sorted by id: what a person sees. */
async function values() {
  return (await api.caller.contributions.list({ fundId: f.fundId })).map(valuesOf).sort((x, y) => x.id - y.id);
}

/** A batch that updates a, deletes b and creates d. */
async function mixedBatch() {
  const result = await api.caller.contributions.applyBatch({
    fundId: f.fundId,
    changes: [
      { op: 'update', id: a.id, version: a.version, values: { plannedPence: 55_555, note: 'changed' } },
      { op: 'delete', id: b.id, version: b.version },
      { op: 'create', values: { orgId: f.icbId, source: 'additional_icb', quarter: 4, plannedPence: 40_000 } },
    ],
  });
  const created = result.rows.find((r) => r.source === 'additional_icb');
  if (!created) throw new Error('the batch created no row');
  return { batchId: result.batchId, createdId: created.id };
}

describe('audit.undo', () => {
  it('restores a batch exactly: values back, deleted rows back with the same id, created rows gone', async () => {
    const original = await values();
    const { batchId, createdId } = await mixedBatch();
    const afterBatch = await values();
    expect(afterBatch).not.toEqual(original);

    const undone = await api.caller.audit.undo({ batchId });
    expect(undone.batchId).not.toBe(batchId);
    expect(await values()).toEqual(original);
    const list = await api.caller.contributions.list({ fundId: f.fundId });
    expect(list.some((r) => r.id === createdId)).toBe(false);
    const restoredB = list.find((r) => r.id === b.id);
    expect(restoredB).toMatchObject({ plannedPence: 20_000, actualPence: 19_999, source: 'dfg', quarter: 2 });
    // Versions move on (never back), so a client holding the pre-undo version of a row now conflicts.
    expect(list.find((r) => r.id === a.id)?.version).toBe(3);
    expect(restoredB?.version).toBeGreaterThan(b.version);
    await expectTrpcError(api.caller.contributions.update({ id: a.id, version: 2, patch: { note: 'stale' } }), 'CONFLICT');
    // The restored rows are in the result.
    expect(undone.restored.map((r) => r.id).sort()).toEqual([a.id, b.id, createdId].sort());
  });

  it('is itself audited as a new batch that reverses each change', async () => {
    const { batchId, createdId } = await mixedBatch();
    const before = await counts(api.db);
    const undone = await api.caller.audit.undo({ batchId });
    const after = await counts(api.db);
    expect(after.batch).toBe((before.batch ?? 0) + 1);

    const batch = await api.db.selectFrom('batch').selectAll().where('id', '=', undone.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ kind: 'undo', undoesBatchId: batchId, fundId: f.fundId });
    const originalBatch = await api.db.selectFrom('batch').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
    expect(originalBatch.undoneByBatchId).toBe(undone.batchId);

    const events = await api.caller.audit.list({ batchId: undone.batchId });
    expect(events.length).toBe((after.auditEvent ?? 0) - (before.auditEvent ?? 0));
    expect(events.every((e) => e.entity === 'contribution')).toBe(true);
    const aEvents = events.filter((e) => e.entityId === a.id).map((e) => [e.action, e.field, e.oldValue, e.newValue]);
    expect(aEvents.sort()).toEqual(
      [
        ['update', 'note', 'changed', 'a'],
        ['update', 'plannedPence', 55_555, 10_000],
      ].sort(),
    );
    const bEvents = events.filter((e) => e.entityId === b.id);
    expect(bEvents.every((e) => e.action === 'create' && e.oldValue === null)).toBe(true);
    expect(bEvents.find((e) => e.field === 'actualPence')?.newValue).toBe(19_999);
    const dEvents = events.filter((e) => e.entityId === createdId);
    expect(dEvents.every((e) => e.action === 'delete' && e.newValue === null)).toBe(true);
    expect(dEvents.find((e) => e.field === 'plannedPence')?.oldValue).toBe(40_000);
  });

  it('undoing the undo redoes the batch', async () => {
    const { batchId, createdId } = await mixedBatch();
    const afterBatch = await values();
    const undo = await api.caller.audit.undo({ batchId });
    const redo = await api.caller.audit.undo({ batchId: undo.batchId });
    expect(redo.batchId).not.toBe(undo.batchId);
    expect(await values()).toEqual(afterBatch);
    const list = await api.caller.contributions.list({ fundId: f.fundId });
    expect(list.some((r) => r.id === b.id)).toBe(false);
    expect(list.find((r) => r.id === createdId)).toMatchObject({ plannedPence: 40_000 });
    // And the redo can be undone again, back to the original.
    await api.caller.audit.undo({ batchId: redo.batchId });
    expect((await values()).map((r) => r.id).sort()).toEqual([a.id, b.id, c.id].sort());
  });

  it('undoing the same batch twice is CONFLICT and writes nothing', async () => {
    const { batchId } = await mixedBatch();
    await api.caller.audit.undo({ batchId });
    const before = await counts(api.db);
    const rowsBefore = await values();
    await expectTrpcError(api.caller.audit.undo({ batchId }), 'CONFLICT');
    expect(await counts(api.db)).toEqual(before);
    expect(await values()).toEqual(rowsBefore);
  });

  it('undo after someone else changed a row is CONFLICT and writes nothing', async () => {
    const { batchId } = await mixedBatch();
    // Someone else edits row a, which the batch changed.
    const aNow = (await api.caller.contributions.list({ fundId: f.fundId })).find((r) => r.id === a.id);
    if (!aNow) throw new Error('row a is missing');
    await api.caller.contributions.update({ id: a.id, version: aNow.version, patch: { actualPence: 1 } });
    const before = await counts(api.db);
    const rowsBefore = await values();
    await expectTrpcError(api.caller.audit.undo({ batchId }), 'CONFLICT');
    expect(await counts(api.db)).toEqual(before);
    expect(await values()).toEqual(rowsBefore);
    // The batch is still not undone, so it stays available for undo once resolved.
    const batch = await api.db.selectFrom('batch').select('undoneByBatchId').where('id', '=', batchId).executeTakeFirstOrThrow();
    expect(batch.undoneByBatchId).toBeNull();
  });

  it('undo after someone else deleted a row the batch created is CONFLICT and writes nothing', async () => {
    const { batchId, createdId } = await mixedBatch();
    await api.caller.contributions.delete({ id: createdId, version: 1 });
    const before = await counts(api.db);
    const rowsBefore = await values();
    await expectTrpcError(api.caller.audit.undo({ batchId }), 'CONFLICT');
    expect(await counts(api.db)).toEqual(before);
    expect(await values()).toEqual(rowsBefore);
  });

  it('undo of a single update restores the value', async () => {
    const updated = await api.caller.contributions.update({ id: c.id, version: c.version, patch: { plannedPence: 1 } });
    const [event] = await api.caller.audit.list({ entity: 'contribution', entityId: c.id, limit: 1 });
    expect(event?.newValue).toBe(1);
    await api.caller.audit.undo({ batchId: event?.batchId ?? '' });
    const now = (await api.caller.contributions.list({ fundId: f.fundId })).find((r) => r.id === c.id);
    expect(now).toMatchObject({ plannedPence: 30_000, version: updated.version + 1 });
  });

  it('an unknown batch is NOT_FOUND and writes nothing', async () => {
    const before = await counts(api.db);
    await expectTrpcError(api.caller.audit.undo({ batchId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
    expect(await counts(api.db)).toEqual(before);
  });
});
