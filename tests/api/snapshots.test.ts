// snapshots.*: freeze a fund's plan under a name, list versions, compare two (exactly the added, removed and changed
// lines, with £ deltas), and restore one as one audited batch that undo reverses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'snapshots');
});
afterAll(async () => {
  await api.close();
});

const line = (code: string, plannedPence: number) => ({
  code,
  name: `Scheme ${code}`,
  schemeType: 'carers',
  subType: 'respite',
  areaOfSpend: 'social_care',
  commissioner: 'la',
  fundingSource: 'la_better_care_grant',
  q1PlannedPence: plannedPence,
});

async function planWithThreeSchemes() {
  const fund = await api.caller.funds.create({ partnershipId: f.partnershipId, name: `Snap ${Math.random()}`, financialYear: '2025/26' });
  const { rows } = await api.caller.schemes.applyBatch({
    fundId: fund.id,
    changes: [
      { op: 'create', values: line('1', 100_00) },
      { op: 'create', values: line('2', 200_00) },
      { op: 'create', values: line('3', 300_00) },
    ],
  });
  return { fundId: fund.id, rows };
}

type Stamped = { id: number; version: number; updatedAt: string; updatedByName: string | null };
const strip = <T extends Stamped>(list: T[]) => list.map(({ version: _v, updatedAt: _u, updatedByName: _n, ...rest }) => rest);

describe('snapshots', () => {
  it('create and list: a named version with its totals, newest first', async () => {
    const { fundId } = await planWithThreeSchemes();
    const first = await api.caller.snapshots.create({ fundId, name: 'Submitted plan' });
    expect(first).toMatchObject({
      fundId,
      name: 'Submitted plan',
      schemeCount: 3,
      plannedPence: 600_00,
      actualPence: 0,
      createdByName: api.admin.name,
    });
    const second = await api.caller.snapshots.create({ fundId, name: 'Q2 return' });
    expect((await api.caller.snapshots.list({ fundId })).map((s) => s.id)).toEqual([second.id, first.id]);
  });

  it('compare lists exactly the added, removed and changed lines with their £ deltas', async () => {
    const { fundId, rows } = await planWithThreeSchemes();
    const [one, two] = rows;
    if (!one || !two) throw new Error('no schemes');
    const submitted = await api.caller.snapshots.create({ fundId, name: 'Submitted plan' });
    await api.caller.schemes.applyBatch({
      fundId,
      changes: [
        {
          op: 'update',
          id: one.id,
          version: one.version,
          values: { q1PlannedPence: 150_00, q3PlannedPence: 25_00, providerName: 'New provider' },
        },
        { op: 'delete', id: two.id, version: two.version },
        { op: 'create', values: line('4', 400_00) },
      ],
    });
    const q2 = await api.caller.snapshots.create({ fundId, name: 'Q2 return' });

    const comparison = await api.caller.snapshots.compare({ fundId, a: submitted.id, b: q2.id });
    expect(comparison.a).toEqual({ id: submitted.id, name: 'Submitted plan' });
    expect(comparison.added).toEqual([{ code: '4', name: 'Scheme 4', plannedPence: 400_00, deltaPence: 400_00 }]);
    expect(comparison.removed).toEqual([{ code: '2', name: 'Scheme 2', plannedPence: 200_00, deltaPence: -200_00 }]);
    expect(comparison.changed).toEqual([
      {
        code: '1',
        name: 'Scheme 1',
        fields: {
          providerName: { old: '', new: 'New provider' },
          q1PlannedPence: { old: 100_00, new: 150_00 },
          q3PlannedPence: { old: 0, new: 25_00 },
        },
        deltaPence: 75_00,
      },
    ]);
    expect(comparison).toMatchObject({ aPlannedPence: 600_00, bPlannedPence: 875_00, deltaPence: 275_00 });

    // 'current' compares with the plan as it is now; the same version on both sides has no differences.
    const same = await api.caller.snapshots.compare({ fundId, a: q2.id, b: 'current' });
    expect([same.added, same.removed, same.changed]).toEqual([[], [], []]);
    expect(same.b).toEqual({ id: 'current', name: 'Current plan' });
    // The other way round, the signs flip.
    const reverse = await api.caller.snapshots.compare({ fundId, a: q2.id, b: submitted.id });
    expect(reverse.added.map((l) => [l.code, l.deltaPence])).toEqual([['2', 200_00]]);
    expect(reverse.changed[0]?.deltaPence).toBe(-75_00);
  });

  it('a snapshot of another fund is NOT_FOUND in compare', async () => {
    const a = await planWithThreeSchemes();
    const b = await planWithThreeSchemes();
    const snap = await api.caller.snapshots.create({ fundId: b.fundId, name: 'Other fund' });
    await expectTrpcError(api.caller.snapshots.compare({ fundId: a.fundId, a: snap.id, b: 'current' }), 'NOT_FOUND');
  });

  it('restore makes the plan equal to the snapshot in one audited batch, even over later edits, and undo reverses it', async () => {
    const { fundId, rows } = await planWithThreeSchemes();
    const [one, two] = rows;
    if (!one || !two) throw new Error('no schemes');
    const submitted = await api.caller.snapshots.create({ fundId, name: 'Submitted plan' });
    const atSubmission = strip(await api.caller.schemes.list({ fundId }));
    await api.caller.schemes.applyBatch({
      fundId,
      changes: [
        { op: 'update', id: one.id, version: one.version, values: { name: 'Renamed', q2ActualPence: 9_99 } },
        { op: 'delete', id: two.id, version: two.version },
        { op: 'create', values: line('5', 500_00) },
      ],
    });
    const beforeRestore = strip(await api.caller.schemes.list({ fundId }));

    const { batchId, schemes } = await api.caller.snapshots.restore({ snapshotId: submitted.id });
    // Same lines as at submission (scheme 2 comes back under a new id; compare without ids).
    const noIds = (list: ReturnType<typeof strip>) => list.map(({ id: _id, ...rest }) => rest);
    expect(noIds(strip(schemes))).toEqual(noIds(atSubmission));
    const diff = await api.caller.snapshots.compare({ fundId, a: submitted.id, b: 'current' });
    expect([diff.added, diff.removed, diff.changed]).toEqual([[], [], []]);

    const events = await api.caller.audit.list({ batchId, limit: 1000 });
    expect(new Set(events.map((e) => e.batchLabel))).toEqual(new Set(["Restored snapshot 'Submitted plan'"]));
    expect(events.some((e) => e.action === 'delete')).toBe(true);
    expect(events.some((e) => e.action === 'create')).toBe(true);

    await api.caller.audit.undo({ batchId });
    expect(strip(await api.caller.schemes.list({ fundId }))).toEqual(beforeRestore);
  });

  it('board members cannot save or restore snapshots, nor can a finance officer of another partnership; nothing is written', async () => {
    const { fundId } = await planWithThreeSchemes();
    const snap = await api.caller.snapshots.create({ fundId, name: 'Submitted plan' });
    const board = await api.userWith('board_member', [f.councilId]);
    const elsewhere = await makeFund(api, 'else');
    const outsider = await api.userWith('finance_officer', [elsewhere.councilId]);
    const before = await counts(api.db);
    await expectTrpcError(board.caller.snapshots.create({ fundId, name: 'Nope' }), 'FORBIDDEN');
    await expectTrpcError(board.caller.snapshots.restore({ snapshotId: snap.id }), 'FORBIDDEN');
    await expectTrpcError(outsider.caller.snapshots.create({ fundId, name: 'Nope' }), 'FORBIDDEN');
    await expectTrpcError(outsider.caller.snapshots.restore({ snapshotId: snap.id }), 'FORBIDDEN');
    await expectTrpcError(outsider.caller.snapshots.list({ fundId }), 'FORBIDDEN');
    expect(await counts(api.db)).toEqual(before);
    // The board member reads them.
    expect(await board.caller.snapshots.list({ fundId })).toHaveLength(1);
  });
});
