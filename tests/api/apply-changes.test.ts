// The one batch-write loop (db/unit-of-work/apply-changes.ts) on its own: every problem of a batch at once and nothing
// written; every write passes the write rules (the caller's permissions first), undo included; rows come back in the
// order of the changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contributionTable, type ContributionValuesRow } from '../../db/repositories/contribution.repository';
import { applyChanges, runBatch, type Actor, type Change, type ChangeSpec } from '../../db/unit-of-work';
import { ForbiddenError, ValidationError } from '../../shared/errors';
import type { Contribution } from '../../shared/types';
import { counts, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api);
});
afterAll(async () => {
  await api.close();
});

type Cells = Omit<ContributionValuesRow, 'fundId'>;

/** A bare spec over a fund's contributions: no partner may plan more than £1,000 a row; one row per source and quarter. */
function spec(rows: Map<number, Cells>): ChangeSpec<Contribution, ContributionValuesRow, Cells> {
  return {
    table: contributionTable,
    rows,
    notInScope: (id) => `Contribution ${id} is not in this fund`,
    empty: { plannedPence: 0, actualPence: 0, note: '' },
    problems: ({ after, at }) => (after.plannedPence > 100_000 ? [{ path: at('plannedPence'), message: 'too much' }] : []),
    unique: { key: (r) => `${r.orgId}|${r.source}|${r.quarter}`, clash: ({ at }) => ({ path: at('quarter'), message: 'taken' }) },
    toValues: (after) => ({ ...after, fundId: f.fundId }),
  };
}

const create = (orgId: number, quarter: number, plannedPence: number): Change<Cells> => ({
  op: 'create',
  values: { orgId, source: 'la_bcf', quarter, plannedPence, actualPence: 0, note: '' },
});

const system: Actor = { userId: null };

describe('applyChanges', () => {
  it('reports every problem of the batch at once, at its path, and writes nothing', async () => {
    const before = await counts(api.db);
    const changes = [
      create(f.councilId, 1, 5_000),
      create(f.councilId, 1, 6_000),
      create(f.icbId, 2, 500_000),
      { op: 'delete', id: 999_999, version: 1 } as const,
    ];
    const error = await runBatch(api.db, system, { kind: 'batch', label: 'test', fundId: f.fundId }, (writer) =>
      applyChanges(writer, spec(new Map()), changes),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.map((e) => e.path)).toEqual([
      'changes.1.values.quarter',
      'changes.2.values.plannedPence',
      'changes.3.id',
    ]);
    expect(await counts(api.db)).toEqual(before);
  });

  it('passes every write through the write rules, and one refusal rolls the whole batch back', async () => {
    const before = await counts(api.db);
    const seen: (object | null)[] = [];
    const actor: Actor = {
      userId: null,
      authorise: async (_tx, entity, _before, after) => {
        expect(entity).toBe('contribution');
        seen.push(after);
        if (seen.length === 2) throw new ForbiddenError('not this one');
      },
    };
    const changes = [create(f.councilId, 3, 1_000), create(f.icbId, 3, 2_000)];
    await expect(
      runBatch(api.db, actor, { kind: 'batch', label: 'test', fundId: f.fundId }, (writer) =>
        applyChanges(writer, spec(new Map()), changes),
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(seen).toHaveLength(2);
    expect(await counts(api.db)).toEqual(before);
  });

  it('returns the rows created and updated in the order of the changes', async () => {
    const { result: [first] = [] } = await runBatch(api.db, system, { kind: 'batch', label: 'test', fundId: f.fundId }, (writer) =>
      applyChanges(writer, spec(new Map()), [create(f.councilId, 4, 100)]),
    );
    if (!first) throw new Error('no row');
    const rows = new Map<number, Cells>([[first.id, contributionTable.pick(first)]]);
    const { result } = await runBatch(api.db, system, { kind: 'batch', label: 'test', fundId: f.fundId }, (writer) =>
      applyChanges(writer, spec(rows), [
        create(f.icbId, 4, 200),
        { op: 'update', id: first.id, version: first.version, values: { plannedPence: 300 } },
        create(f.icbId, 1, 400),
      ]),
    );
    expect(result.map((r) => [r.orgId, r.quarter, r.plannedPence])).toEqual([
      [f.icbId, 4, 200],
      [f.councilId, 4, 300],
      [f.icbId, 1, 400],
    ]);
  });
});
