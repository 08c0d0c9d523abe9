// Issue 20, items 2 and 3: a refusal reveals nothing of an object the caller may not read, and every read path keeps
// a private scenario private. Over the real routers on a migrated database (SQLite, or PostgreSQL in test:postgres).
// - An id of another partnership's row, sent with a stale version to update, delete or a batch, is answered exactly
//   as an id that does not exist: NOT_FOUND, no data, the same message; nothing written. A CONFLICT still carries the
//   current row when the caller may read it (the API contract).
// - A commissioner's scenario (its name, description and lines) is in no one else's history but an administrator's.
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

/** The same refusal for a real id the caller may not read and for an id that does not exist, with nothing written. */
async function expectSameAsMissing(send: (id: number) => Promise<unknown>, noun: string): Promise<void> {
  const before = await counts(api.db);
  const real = wire(await expectTrpcError(send(-1), 'NOT_FOUND'));
  const missing = wire(await expectTrpcError(send(MISSING), 'NOT_FOUND'));
  const asMissing = (text: string) => text.replace(String(MISSING), '<id>');
  expect(real.current).toBeUndefined();
  expect(JSON.stringify(real)).not.toMatch(/confidential|secret|123456|223456/i);
  expect({ ...real, message: asMissing(real.message.replace(/id \d+/, `id ${MISSING}`)) }).toEqual({ ...missing, message: asMissing(missing.message) });
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
    await expectSameAsMissing((id) => ourFinance.caller.contributions.delete({ id: id === -1 ? theirRow.id : id, version: 1 }), 'contribution');
  });

  it('contributions.applyBatch naming their row in our fund: "not in fund" as for a missing id; naming their fund: refused', async () => {
    const before = await counts(api.db);
    const send = (id: number) =>
      ourFinance.caller.contributions.applyBatch({ fundId: ours.fundId, changes: [{ op: 'update', id, version: 1, values: { plannedPence: 1 } }] });
    const real = wire(await expectTrpcError(send(theirRow.id), 'BAD_REQUEST'));
    const missing = wire(await expectTrpcError(send(MISSING), 'BAD_REQUEST'));
    expect(real.message.replace(String(theirRow.id), '<id>')).toBe(missing.message.replace(String(MISSING), '<id>'));
    expect(JSON.stringify(real)).not.toMatch(/confidential|123456|223456/i);
    // Their fund itself: refused before any of its rows is looked at, with no row in the answer.
    for (const change of [
      { op: 'update' as const, id: theirRow.id, version: 1, values: { plannedPence: 1 } },
      { op: 'delete' as const, id: theirRow.id, version: 1 },
    ]) {
      const error = wire(await expectTrpcError(ourFinance.caller.contributions.applyBatch({ fundId: theirs.fundId, changes: [change] }), 'FORBIDDEN'));
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
    await expectSameAsMissing((id) => ourCommissioner.caller.splits.rules.delete({ id: id === -1 ? theirRule.id : id, version: 1 }), 'split rule');
  });

  it('a CONFLICT on a row the caller may read still carries it (the contract)', async () => {
    const error = wire(await expectTrpcError(ourFinance.caller.contributions.update({ id: ourRow.id, version: 1, patch: { plannedPence: 7 } }), 'CONFLICT'));
    expect(error.current).toMatchObject({ id: ourRow.id, plannedPence: 5_00 });
  });
});

describe('a private scenario stays private in the history', () => {
  const NAME = 'Private modelling of cuts';
  const DESCRIPTION = 'Only for my eyes';
  let owner: { user: SignedInUser; caller: Caller };
  let scenarioId = 0;

  beforeAll(async () => {
    owner = await api.userWith('commissioner', [ours.councilId, ours.icbId]);
    const detail = await owner.caller.scenarios.create({ fundId: ours.fundId, name: NAME, description: DESCRIPTION, from: 'empty' });
    scenarioId = detail.scenario.id;
    await owner.caller.scenarios.applyLines({
      scenarioId,
      changes: [{ op: 'create', values: { label: 'Secret care package', source: 'additional_la', q1Pence: 42_000_00 } }],
    });
  });

  const leaks = (events: unknown) => /Private modelling|Only for my eyes|Secret care package|4200000/.test(JSON.stringify(events));

  it('is in the owner’s history and an administrator’s', async () => {
    expect(leaks(await owner.caller.audit.list({ limit: 1000 }))).toBe(true);
    expect(leaks(await api.caller.audit.list({ limit: 1000 }))).toBe(true);
  });

  it('is in no one else’s: a board member, and another commissioner of the same partnership', async () => {
    const board = await api.userWith('board_member', [ours.councilId, ours.icbId]);
    for (const reader of [board, ourCommissioner]) {
      expect(leaks(await reader.caller.audit.list({ limit: 1000 }))).toBe(false);
      expect(leaks(await reader.caller.audit.list({ entity: 'scenario', entityId: scenarioId }))).toBe(false);
      expect(leaks(await reader.caller.audit.list({ entity: 'scenario_item', limit: 1000 }))).toBe(false);
      expect(leaks(await reader.caller.audit.list({ fundId: ours.fundId, limit: 1000 }))).toBe(false);
      // Nor does the person appear as someone who changed anything here, having changed only their own scenario.
      const people = await reader.caller.audit.people({ partnershipId: ours.partnershipId });
      expect(people.map((p) => p.userId)).not.toContain(owner.user.id);
    }
    // And their refusals say nothing of it either: not its name, its lines, nor whose it is.
    for (const attempt of [
      ourCommissioner.caller.scenarios.get({ id: scenarioId }),
      ourCommissioner.caller.scenarios.delete({ id: scenarioId, version: 1 }),
      ourCommissioner.caller.scenarios.update({ id: scenarioId, version: 1, patch: { name: 'Mine now' } }),
    ]) {
      const error = wire(await expectTrpcError(attempt, 'FORBIDDEN'));
      expect(JSON.stringify(error)).not.toMatch(/Private modelling|Only for my eyes|Secret care|commissioner \d/i);
      expect(error.current).toBeUndefined();
    }
  });
});
