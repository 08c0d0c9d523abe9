// Stale versions are CONFLICT with the current row and write nothing; applyBatch is all-or-nothing, one batch id,
// and every change it makes is in the audit log with its old and new values.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorDetails } from '../../server/trpc';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { bad, makeFund, valuesOf, type Fixture } from './fixtures';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(async () => {
  await api.close();
});

type Row = Awaited<ReturnType<TestApi['caller']['contributions']['create']>>;
type BatchInput = Parameters<TestApi['caller']['contributions']['applyBatch']>[0];

let f: Fixture;
let rows: Row[];

/** A fresh fund with three rows for each test. */
beforeEach(async () => {
  f = await makeFund(api);
  rows = [];
  for (const [orgId, source, quarter, plannedPence] of [
    [f.councilId, 'la_better_care_grant', 1, 10_000],
    [f.councilId, 'la_better_care_grant', 2, 20_000],
    [f.icbId, 'nhs_minimum', 1, 30_000],
  ] as const) {
    rows.push(await api.caller.contributions.create({ fundId: f.fundId, orgId, source, quarter, plannedPence }));
  }
});

function row(i: number): Row {
  const r = rows[i];
  if (!r) throw new Error(`no row ${i}`);
  return r;
}

async function snapshot() {
  return {
    counts: await counts(api.db),
    rows: (await api.caller.contributions.list({ fundId: f.fundId })).map((r) => ({ ...valuesOf(r), version: r.version })),
  };
}

describe('stale versions', () => {
  it('update with a stale version is CONFLICT, writes nothing, and data.current is the row as it is now', async () => {
    const first = row(0);
    // Someone else saves first: version 1 -> 2.
    const theirs = await api.caller.contributions.update({ id: first.id, version: 1, patch: { plannedPence: 11_111 } });
    expect(theirs.version).toBe(2);
    const before = await snapshot();
    const error = await expectTrpcError(
      api.caller.contributions.update({ id: first.id, version: 1, patch: { plannedPence: 99_999 } }),
      'CONFLICT',
    );
    const current = errorDetails(error).current;
    expect(current).toMatchObject({ id: first.id, version: 2, plannedPence: 11_111, orgId: f.councilId, quarter: 1 });
    expect(error.message).toContain('version 1');
    expect(error.message).toContain('version 2');
    expect(await snapshot()).toEqual(before);
  });

  it('delete with a stale version is CONFLICT and the row stays', async () => {
    const second = row(1);
    await api.caller.contributions.update({ id: second.id, version: 1, patch: { actualPence: 5 } });
    const before = await snapshot();
    const error = await expectTrpcError(api.caller.contributions.delete({ id: second.id, version: 1 }), 'CONFLICT');
    expect(errorDetails(error).current).toMatchObject({ id: second.id, version: 2, actualPence: 5 });
    expect(await snapshot()).toEqual(before);
  });

  it('a batch with a stale version in its third change writes nothing, not even the first two', async () => {
    await api.caller.contributions.update({ id: row(2).id, version: 1, patch: { plannedPence: 31_000 } });
    const before = await snapshot();
    const error = await expectTrpcError(
      api.caller.contributions.applyBatch({
        fundId: f.fundId,
        changes: [
          { op: 'update', id: row(0).id, version: 1, values: { plannedPence: 1 } },
          { op: 'create', values: { orgId: f.icbId, source: 'dfg', quarter: 3, plannedPence: 2 } },
          { op: 'update', id: row(2).id, version: 1, values: { plannedPence: 3 } },
        ],
      }),
      'CONFLICT',
    );
    expect(errorDetails(error).current).toMatchObject({ id: row(2).id, version: 2, plannedPence: 31_000 });
    expect(await snapshot()).toEqual(before);
  });
});

describe('applyBatch', () => {
  it('one bad change among good ones writes nothing and says which change and field', async () => {
    const before = await snapshot();
    const error = await expectTrpcError(
      api.caller.contributions.applyBatch(
        bad<BatchInput>({
          fundId: f.fundId,
          changes: [
            { op: 'update', id: row(0).id, version: 1, values: { plannedPence: 1 } },
            { op: 'create', values: { orgId: f.icbId, source: 'dfg', quarter: 3, plannedPence: 2 } },
            { op: 'update', id: row(1).id, version: 1, values: { plannedPence: -7 } },
            { op: 'delete', id: row(2).id, version: 1 },
          ],
        }),
      ),
      'BAD_REQUEST',
    );
    const fieldErrors = fieldErrorsOf(error);
    expect(fieldErrors).toHaveLength(1);
    expect(fieldErrors[0]?.path).toBe('changes.2.values.plannedPence');
    expect(fieldErrors[0]?.message).toContain('Planned (£)');
    expect(fieldErrors[0]?.message).toContain('-7');
    expect(await snapshot()).toEqual(before);
  });

  it('a change that breaks a database rule (unknown partner) writes nothing and names its change', async () => {
    const before = await snapshot();
    const error = await expectTrpcError(
      api.caller.contributions.applyBatch({
        fundId: f.fundId,
        changes: [
          { op: 'update', id: row(0).id, version: 1, values: { plannedPence: 1 } },
          { op: 'create', values: { orgId: f.outsiderId, source: 'dfg', quarter: 3 } },
          { op: 'create', values: { orgId: f.icbId, source: 'no_such_source', quarter: 3 } },
        ],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error).map((e) => e.path)).toEqual(['changes.1.values.orgId', 'changes.2.values.source']);
    expect(await snapshot()).toEqual(before);
  });

  it('two creates of the same partner + source + quarter in one batch are refused at the second', async () => {
    const before = await snapshot();
    const error = await expectTrpcError(
      api.caller.contributions.applyBatch({
        fundId: f.fundId,
        changes: [
          { op: 'create', values: { orgId: f.icbId, source: 'dfg', quarter: 4, plannedPence: 1 } },
          { op: 'create', values: { orgId: f.icbId, source: 'dfg', quarter: 4, plannedPence: 2 } },
        ],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error).map((e) => e.path)).toEqual(['changes.1.values.quarter']);
    expect(await snapshot()).toEqual(before);
  });

  it('a change to a row of another fund is refused and writes nothing', async () => {
    const other = await makeFund(api, 'other');
    const foreign = await api.caller.contributions.create({ fundId: other.fundId, orgId: other.councilId, source: 'dfg', quarter: 1 });
    const before = await snapshot();
    const error = await expectTrpcError(
      api.caller.contributions.applyBatch({
        fundId: f.fundId,
        changes: [
          { op: 'update', id: row(0).id, version: 1, values: { plannedPence: 1 } },
          { op: 'delete', id: foreign.id, version: 1 },
        ],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error).map((e) => e.path)).toEqual(['changes.1.id']);
    expect(await snapshot()).toEqual(before);
  });

  it('a good batch of creates, updates and deletes is applied as one batch, audited with old and new values', async () => {
    const before = await counts(api.db);
    const { batchId, rows: returned } = await api.caller.contributions.applyBatch({
      fundId: f.fundId,
      changes: [
        { op: 'create', values: { orgId: f.icbId, source: 'additional_icb', quarter: 2, plannedPence: 40_000, note: 'new line' } },
        { op: 'update', id: row(0).id, version: 1, values: { plannedPence: 12_345, note: 'revised' } },
        { op: 'delete', id: row(1).id, version: 1 },
        // Re-use the deleted row's partner + source + quarter in the same batch: allowed, the old row is gone by then.
        { op: 'create', values: { orgId: f.councilId, source: 'la_better_care_grant', quarter: 2, actualPence: 999 } },
        { op: 'update', id: row(2).id, version: 1, values: { actualPence: 29_000 } },
      ],
    });
    expect(batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(returned).toHaveLength(4); // creates and updates return their rows; deletes do not

    const after = await counts(api.db);
    expect(after.batch).toBe((before.batch ?? 0) + 1);
    expect(after.contribution).toBe((before.contribution ?? 0) + 1);

    const list = await api.caller.contributions.list({ fundId: f.fundId });
    expect(list.map((r) => [r.orgId, r.source, r.quarter, r.plannedPence, r.actualPence]).sort()).toEqual(
      [
        [f.councilId, 'la_better_care_grant', 1, 12_345, 0],
        [f.councilId, 'la_better_care_grant', 2, 0, 999],
        [f.icbId, 'nhs_minimum', 1, 30_000, 29_000],
        [f.icbId, 'additional_icb', 2, 40_000, 0],
      ].sort(),
    );
    expect(list.find((r) => r.id === row(0).id)?.version).toBe(2);

    const events = await api.caller.audit.list({ batchId });
    expect(events.length).toBe((after.auditEvent ?? 0) - (before.auditEvent ?? 0));
    expect(events.every((e) => e.batchId === batchId && e.entity === 'contribution' && e.fundId === f.fundId)).toBe(true);

    const created = returned.filter((r) => r.version === 1);
    expect(created).toHaveLength(2);
    for (const c of created) {
      const own = events.filter((e) => e.entityId === c.id);
      expect(own.every((e) => e.action === 'create' && e.oldValue === null)).toBe(true);
      expect(own.map((e) => e.field).sort()).toEqual(['actualPence', 'fundId', 'note', 'orgId', 'plannedPence', 'quarter', 'source']);
    }
    const discharge = created.find((c) => c.source === 'additional_icb');
    expect(events.find((e) => e.entityId === discharge?.id && e.field === 'note')?.newValue).toBe('new line');
    expect(events.find((e) => e.entityId === discharge?.id && e.field === 'plannedPence')?.newValue).toBe(40_000);

    const updatedFirst = events.filter((e) => e.entityId === row(0).id);
    expect(updatedFirst.map((e) => ({ action: e.action, field: e.field, oldValue: e.oldValue, newValue: e.newValue }))).toEqual(
      expect.arrayContaining([
        { action: 'update', field: 'plannedPence', oldValue: 10_000, newValue: 12_345 },
        { action: 'update', field: 'note', oldValue: '', newValue: 'revised' },
      ]),
    );
    expect(updatedFirst).toHaveLength(2); // unchanged fields are not audited

    const updatedThird = events.filter((e) => e.entityId === row(2).id);
    expect(updatedThird.map((e) => [e.field, e.oldValue, e.newValue])).toEqual([['actualPence', 0, 29_000]]);

    const deleted = events.filter((e) => e.entityId === row(1).id);
    expect(deleted).toHaveLength(7);
    expect(deleted.every((e) => e.action === 'delete' && e.newValue === null)).toBe(true);
    expect(deleted.find((e) => e.field === 'plannedPence')?.oldValue).toBe(20_000);
    expect(deleted.find((e) => e.field === 'source')?.oldValue).toBe('la_better_care_grant');
    expect(deleted.find((e) => e.field === 'quarter')?.oldValue).toBe(2);
  });

  it('an empty batch and an unknown op are BAD_REQUEST', async () => {
    const before = await snapshot();
    const empty = await expectTrpcError(api.caller.contributions.applyBatch({ fundId: f.fundId, changes: [] }), 'BAD_REQUEST');
    expect(fieldErrorsOf(empty)[0]?.path).toBe('changes');
    const unknownOp = await expectTrpcError(
      api.caller.contributions.applyBatch(bad<BatchInput>({ fundId: f.fundId, changes: [{ op: 'upsert', values: {} }] })),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(unknownOp)[0]?.path).toBe('changes.0.op');
    expect(fieldErrorsOf(unknownOp)[0]?.message).toContain("'upsert'");
    expect(await snapshot()).toEqual(before);
  });

  it('a batch for an unknown fund is NOT_FOUND and writes nothing', async () => {
    const before = await counts(api.db);
    await expectTrpcError(
      api.caller.contributions.applyBatch({
        fundId: 987_654,
        changes: [{ op: 'create', values: { orgId: f.icbId, source: 'dfg', quarter: 1 } }],
      }),
      'NOT_FOUND',
    );
    expect(await counts(api.db)).toEqual(before);
  });
});
