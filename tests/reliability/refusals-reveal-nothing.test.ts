// Issue 20, items 2 and 3: a refusal reveals nothing of an object the caller may not read, and every read path keeps
// a private scenario private. Over the real routers on a migrated database (SQLite, or PostgreSQL in test:postgres).
// - An id of another partnership's row (a contribution, a split rule, a snapshot) or of another person's scenario,
//   sent with a stale version, is answered exactly as an id that does not exist: NOT_FOUND, no data, the same
//   message; nothing written. So is an undo that would report a row its maker may no longer read. A CONFLICT still
//   carries the current row when the caller may read it (the API contract).
// - A commissioner's scenario (its name, description and lines) is in no one else's history but an administrator's,
//   nor in the label of its promotion, whose contribution changes the partnership still reads, nor in why another
//   commissioner's scenario is stale.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInUser } from '../../shared/types';
import { errorDetails } from '../../server/trpc';
import { counts, expectTrpcError, openTestApi, type Caller, type TestApi } from '../support/api';
import { makeFund, type Fixture } from '../api/fixtures';

let api: TestApi;
let ours: Fixture;
let theirs: Fixture;
let theirRow: { id: number; version: number };
let ourRow: { id: number; version: number };
let theirRule: { id: number; version: number };
let ourFinance: { user: SignedInUser; caller: Caller };
let ourCommissioner: { user: SignedInUser; caller: Caller };

const MISSING = 987_654;

beforeAll(async () => {
  api = await openTestApi();
  ours = await makeFund(api, 'ours');
  theirs = await makeFund(api, 'theirs');
  const row = await api.caller.contributions.create({
    fundId: theirs.fundId,
    orgId: theirs.councilId,
    source: 'additional_la',
    quarter: 1,
    plannedPence: 123_456_78,
    note: 'Their confidential note',
  });
  // A second version, so the id is known with a stale version 1.
  theirRow = await api.caller.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: 223_456_78 } });
  const mine = await api.caller.contributions.create({ fundId: ours.fundId, orgId: ours.councilId, source: 'additional_la', quarter: 1 });
  ourRow = await api.caller.contributions.update({ id: mine.id, version: mine.version, patch: { plannedPence: 5_00 } });
  const rule = await api.caller.splits.rules.create({
    partnershipId: theirs.partnershipId,
    name: 'Their secret 70/30',
    shares: [
      { party: 'social_care', basisPoints: 7000 },
      { party: 'health', basisPoints: 3000 },
    ],
    remainder: 'normalise',
  });
  theirRule = await api.caller.splits.rules.update({ id: rule.id, version: rule.version, patch: { description: 'v2' } });
  ourFinance = await api.userWith('finance_officer', [ours.councilId, ours.icbId]);
  ourCommissioner = await api.userWith('commissioner', [ours.councilId, ours.icbId]);
});
afterAll(async () => {
  await api.close();
});

/** What a client is told about an error, exactly as it goes over the wire. */
function wire(error: TRPCError) {
  return { code: error.code, ...errorDetails(error) };
}

/** What must never be in a refusal to a caller who may not read the row: the other partnership's figures and words,
 * and the private scenario's (below). */
const SECRETS = /confidential|secret|123456|223456|Private modelling|Only for my eyes/i;

/** The same refusal for a real id the caller may not read (`send(-1)`) and for an id that does not exist, with nothing
 * written. */
async function expectSameAsMissing(send: (id: number) => Promise<unknown>, noun: string): Promise<void> {
  const before = await counts(api.db);
  const real = wire(await expectTrpcError(send(-1), 'NOT_FOUND'));
  const missing = wire(await expectTrpcError(send(MISSING), 'NOT_FOUND'));
  const asMissing = (text: string) => text.replace(String(MISSING), '<id>');
  expect(real.current).toBeUndefined();
  expect(JSON.stringify(real)).not.toMatch(SECRETS);
  expect({ ...real, message: asMissing(real.message.replace(/id \d+/, `id ${MISSING}`)) }).toEqual({
    ...missing,
    message: asMissing(missing.message),
  });
  expect(real.message).toMatch(new RegExp(`No ${noun} with id`));
  expect(await counts(api.db)).toEqual(before);
}

describe('an id of another partnership’s row is answered as an id that does not exist', () => {
  it('contributions.update with a stale version: NOT_FOUND, no row, nothing written', async () => {
    await expectSameAsMissing(
      (id) => ourFinance.caller.contributions.update({ id: id === -1 ? theirRow.id : id, version: 1, patch: { plannedPence: 1 } }),
      'contribution',
    );
  });

  it('contributions.delete with a stale version: NOT_FOUND, no row, nothing written', async () => {
    await expectSameAsMissing(
      (id) => ourFinance.caller.contributions.delete({ id: id === -1 ? theirRow.id : id, version: 1 }),
      'contribution',
    );
  });

  it('contributions.applyBatch naming their row in our fund: "not in fund" as for a missing id; naming their fund: refused', async () => {
    const before = await counts(api.db);
    const send = (id: number) =>
      ourFinance.caller.contributions.applyBatch({
        fundId: ours.fundId,
        changes: [{ op: 'update', id, version: 1, values: { plannedPence: 1 } }],
      });
    const real = wire(await expectTrpcError(send(theirRow.id), 'BAD_REQUEST'));
    const missing = wire(await expectTrpcError(send(MISSING), 'BAD_REQUEST'));
    expect(real.message.replace(String(theirRow.id), '<id>')).toBe(missing.message.replace(String(MISSING), '<id>'));
    expect(JSON.stringify(real)).not.toMatch(/confidential|123456|223456/i);
    // Their fund itself: refused before any of its rows is looked at, with no row in the answer.
    for (const change of [
      { op: 'update' as const, id: theirRow.id, version: 1, values: { plannedPence: 1 } },
      { op: 'delete' as const, id: theirRow.id, version: 1 },
    ]) {
      const error = wire(
        await expectTrpcError(ourFinance.caller.contributions.applyBatch({ fundId: theirs.fundId, changes: [change] }), 'FORBIDDEN'),
      );
      expect(error.current).toBeUndefined();
      expect(JSON.stringify(error)).not.toMatch(/confidential|123456|223456/i);
    }
    expect(await counts(api.db)).toEqual(before);
  });

  it('splits.rules.update and delete of another partnership’s rule: NOT_FOUND, no rule, nothing written', async () => {
    await expectSameAsMissing(
      (id) => ourCommissioner.caller.splits.rules.update({ id: id === -1 ? theirRule.id : id, version: 1, patch: { name: 'Mine now' } }),
      'split rule',
    );
    await expectSameAsMissing(
      (id) => ourCommissioner.caller.splits.rules.delete({ id: id === -1 ? theirRule.id : id, version: 1 }),
      'split rule',
    );
  });

  it('a CONFLICT on a row the caller may read still carries it (the contract)', async () => {
    const error = wire(
      await expectTrpcError(ourFinance.caller.contributions.update({ id: ourRow.id, version: 1, patch: { plannedPence: 7 } }), 'CONFLICT'),
    );
    expect(error.current).toMatchObject({ id: ourRow.id, plannedPence: 5_00 });
    const inBatch = wire(
      await expectTrpcError(
        ourFinance.caller.contributions.applyBatch({ fundId: ours.fundId, changes: [{ op: 'delete', id: ourRow.id, version: 1 }] }),
        'CONFLICT',
      ),
    );
    expect(inBatch.current).toMatchObject({ id: ourRow.id, plannedPence: 5_00 });
  });

  it('snapshots.restore of another partnership’s snapshot: NOT_FOUND as a missing one, nothing written', async () => {
    const snapshot = await api.caller.snapshots.create({ fundId: theirs.fundId, name: 'Their secret plan' });
    await expectSameAsMissing((id) => ourFinance.caller.snapshots.restore({ snapshotId: id === -1 ? snapshot.id : id }), 'plan snapshot');
  });

  it('undo of one’s own change to a row one may no longer read (moved to another partnership): NOT_FOUND, no row', async () => {
    const mover = await api.userWith('finance_officer', [ours.councilId]);
    const { batchId, rows } = await mover.caller.contributions.applyBatch({
      fundId: ours.fundId,
      changes: [{ op: 'create', values: { orgId: ours.councilId, source: 'la_bcf', quarter: 4, plannedPence: 1_00 } }],
    });
    const [row] = rows;
    if (!row) throw new Error('no row');
    // Someone else changes the row since: before, the undo's CONFLICT carried it, note and all.
    await api.caller.contributions.update({ id: row.id, version: row.version, patch: { note: 'A confidential note added later' } });
    const account = (await api.caller.users.list()).find((u) => u.id === mover.user.id);
    if (!account) throw new Error('no account');
    await api.caller.users.update({ id: account.id, version: account.version, patch: { orgIds: [theirs.councilId] } });
    const moved = api.as({ ...mover.user, orgIds: [theirs.councilId] });
    const before = await counts(api.db);
    const error = wire(await expectTrpcError(moved.audit.undo({ batchId }), 'NOT_FOUND'));
    expect(error.current).toBeUndefined();
    expect(error.message).toBe(`No contribution with id ${row.id}: it may have been deleted by someone else`);
    expect(JSON.stringify(error)).not.toMatch(SECRETS);
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('a private scenario is private on every path', () => {
  const NAME = 'Private modelling of cuts';
  const DESCRIPTION = 'Only for my eyes';
  let owner: { user: SignedInUser; caller: Caller };
  let board: { user: SignedInUser; caller: Caller };
  let scenarioId = 0;
  let lineId = 0;

  beforeAll(async () => {
    owner = await api.userWith('commissioner', [ours.councilId, ours.icbId]);
    board = await api.userWith('board_member', [ours.councilId, ours.icbId]);
    // The plan's own row of the source the scenario will promote.
    await api.caller.contributions.create({
      fundId: ours.fundId,
      orgId: ours.councilId,
      source: 'la_bcf',
      quarter: 1,
      plannedPence: 10_00,
    });
    const detail = await owner.caller.scenarios.create({ fundId: ours.fundId, name: NAME, description: DESCRIPTION, from: 'empty' });
    scenarioId = detail.scenario.id;
    const withLine = await owner.caller.scenarios.applyLines({
      scenarioId,
      changes: [{ op: 'create', values: { label: 'Secret care package', source: 'la_bcf', q1Pence: 42_000_00 } }],
    });
    lineId = withLine.lines[0]?.id ?? 0;
  });

  /** Whether anything of the scenario shows: its name, description, its line's label or cost (before promotion). */
  const leaks = (events: unknown) => /Private modelling|Only for my eyes|Secret care package|4200000/.test(JSON.stringify(events));
  /** Whether its words show (after promotion its cost is the plan's, which the partnership reads). */
  const names = (events: unknown) => /Private modelling|Only for my eyes|Secret care package/.test(JSON.stringify(events));

  it('is in the owner’s history and an administrator’s', async () => {
    expect(leaks(await owner.caller.audit.list({ limit: 1000 }))).toBe(true);
    expect(leaks(await api.caller.audit.list({ limit: 1000 }))).toBe(true);
  });

  it('is in no one else’s history: a board member, and another commissioner of the same partnership', async () => {
    for (const reader of [board, ourCommissioner]) {
      expect(leaks(await reader.caller.audit.list({ limit: 1000 }))).toBe(false);
      expect(leaks(await reader.caller.audit.list({ entity: 'scenario', entityId: scenarioId }))).toBe(false);
      expect(leaks(await reader.caller.audit.list({ entity: 'scenario_item', limit: 1000 }))).toBe(false);
      expect(leaks(await reader.caller.audit.list({ entity: 'scenario_item', entityId: lineId, field: 'label' }))).toBe(false);
      expect(leaks(await reader.caller.audit.list({ fundId: ours.fundId, limit: 1000 }))).toBe(false);
      expect(leaks(await reader.caller.audit.list({ userId: owner.user.id, limit: 1000 }))).toBe(false);
      // Nor does the person appear as someone who changed anything here, having changed only their own scenario.
      const people = await reader.caller.audit.people({ partnershipId: ours.partnershipId });
      expect(people.map((p) => p.userId)).not.toContain(owner.user.id);
    }
  });

  it('another commissioner naming it by id is answered as for a scenario that does not exist, with nothing written', async () => {
    const other = ourCommissioner.caller;
    const idOr = (id: number) => (id === -1 ? scenarioId : id);
    await expectSameAsMissing((id) => other.scenarios.get({ id: idOr(id) }), 'scenario');
    await expectSameAsMissing((id) => other.scenarios.update({ id: idOr(id), version: 1, patch: { name: 'Mine now' } }), 'scenario');
    await expectSameAsMissing((id) => other.scenarios.delete({ id: idOr(id), version: 1 }), 'scenario');
    await expectSameAsMissing((id) => other.scenarios.refresh({ id: idOr(id), version: 1 }), 'scenario');
    await expectSameAsMissing((id) => other.scenarios.promote({ id: idOr(id), version: 1 }), 'scenario');
    await expectSameAsMissing((id) => other.scenarios.compare({ fundId: ours.fundId, scenarioIds: [idOr(id)] }), 'scenario');
    await expectSameAsMissing(
      (id) => other.scenarios.applyLines({ scenarioId: idOr(id), changes: [{ op: 'delete', id: lineId, version: 1 }] }),
      'scenario',
    );
  });

  it('its promotion: the plan’s changes are the partnership’s to read, the scenario’s name only its owner’s', async () => {
    // The other commissioner's own scenario, which the promotion will make stale.
    const theirs = await ourCommissioner.caller.scenarios.create({ fundId: ours.fundId, name: 'My own idea', from: 'empty' });
    const current = await owner.caller.scenarios.get({ id: scenarioId });
    const promoted = await owner.caller.scenarios.promote({ id: scenarioId, version: current.scenario.version });
    if (!promoted.batchId) throw new Error('nothing promoted');

    for (const reader of [board, ourCommissioner]) {
      const events = await reader.caller.audit.list({ batchId: promoted.batchId, limit: 1000 });
      // The contribution it changed is the plan's: listed, under a label that does not name the scenario.
      expect(events.some((e) => e.entity === 'contribution' && e.field === 'plannedPence')).toBe(true);
      expect(events.every((e) => e.entity === 'contribution' && e.batchLabel === 'Promoted a scenario to the plan')).toBe(true);
      expect(names(await reader.caller.audit.list({ limit: 1000 }))).toBe(false);
    }
    // Why the other commissioner's scenario is stale: the change is named, the scenario is not.
    const stale = await ourCommissioner.caller.scenarios.get({ id: theirs.scenario.id });
    expect(stale.staleness.stale).toBe(true);
    expect(stale.staleness.reason).toMatch(/Promoted a scenario to the plan/);
    expect(names(stale)).toBe(false);
    // Its owner and an administrator read the label as written.
    for (const reader of [owner.caller, api.caller]) {
      const [event] = await reader.audit.list({ batchId: promoted.batchId, entity: 'contribution' });
      expect(event?.batchLabel).toBe(`Promoted scenario ‘${NAME}’ to the plan`);
    }

    // Undone, and redone: each reversal names the scenario to the same people only.
    const undone = await owner.caller.audit.undo({ batchId: promoted.batchId });
    const redone = await owner.caller.audit.undo({ batchId: undone.batchId });
    for (const [batchId, prefix] of [
      [undone.batchId, 'Undid: '],
      [redone.batchId, 'Redid: '],
    ] as const) {
      const [seen] = await board.caller.audit.list({ batchId, entity: 'contribution' });
      expect(seen?.batchLabel).toBe(`${prefix}Promoted a scenario to the plan`);
      const [own] = await owner.caller.audit.list({ batchId, entity: 'contribution' });
      expect(own?.batchLabel).toBe(`${prefix}Promoted scenario ‘${NAME}’ to the plan`);
    }
    for (const reader of [board, ourCommissioner]) expect(names(await reader.caller.audit.list({ limit: 1000 }))).toBe(false);
  });
});
