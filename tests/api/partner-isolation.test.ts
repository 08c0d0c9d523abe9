// A finance officer of partner A cannot change partner B's contributions by any route (update, delete, a batch,
// creating a row for B, or moving A's row to B), is told which rule stopped them, and nothing is written; A's own
// figures they can change.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, openTestApi, type Caller, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let officerA: Caller;
let icbName: string;

type Row = Awaited<ReturnType<Caller['contributions']['create']>>;
let rowA: Row;
let rowB: Row;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'iso');
  ({ caller: officerA } = await api.userWith('finance_officer', [f.councilId], 'officer.a@test.example'));
  icbName = (await api.caller.orgs.list()).find((o) => o.id === f.icbId)?.name ?? '';
  expect(icbName).not.toBe('');
});
afterAll(async () => {
  await api.close();
});

let quarter = 0;
beforeEach(async () => {
  // Fresh rows for each test, in quarters not used before, so tests do not depend on each other.
  quarter = (quarter % 4) + 1;
  const fund = await api.caller.funds.create({
    partnershipId: f.partnershipId,
    name: `Isolation ${Date.now()}-${quarter}`,
    financialYear: '2025/26',
  });
  rowA = await api.caller.contributions.create({
    fundId: fund.id,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter,
    plannedPence: 100_00,
  });
  rowB = await api.caller.contributions.create({ fundId: fund.id, orgId: f.icbId, source: 'nhs_minimum', quarter, plannedPence: 200_00 });
});

const RULE = /Only NHS Testshire ICB iso\d+'s own finance officers \(or an administrator\) can change its figures/;

async function expectForbidden(call: () => Promise<unknown>): Promise<void> {
  const before = await counts(api.db);
  const error = await expectTrpcError(call(), 'FORBIDDEN');
  expect(error.message).toMatch(RULE);
  expect(error.message).toContain(icbName);
  expect(await counts(api.db)).toEqual(before);
  const rows = await api.caller.contributions.list({ fundId: rowA.fundId });
  expect(rows.find((r) => r.id === rowA.id)).toEqual(
    expect.objectContaining({ orgId: f.councilId, plannedPence: 100_00, version: rowA.version }),
  );
  expect(rows.find((r) => r.id === rowB.id)).toEqual(
    expect.objectContaining({ orgId: f.icbId, plannedPence: 200_00, version: rowB.version }),
  );
}

describe("a finance officer of partner A and partner B's contributions", () => {
  it("cannot update B's row", async () => {
    await expectForbidden(() => officerA.contributions.update({ id: rowB.id, version: rowB.version, patch: { plannedPence: 1 } }));
  });

  it("cannot delete B's row", async () => {
    await expectForbidden(() => officerA.contributions.delete({ id: rowB.id, version: rowB.version }));
  });

  it('cannot create a row for B', async () => {
    await expectForbidden(() =>
      officerA.contributions.create({ fundId: rowA.fundId, orgId: f.icbId, source: 'additional_icb', quarter: 1, plannedPence: 5 }),
    );
  });

  it("cannot move A's row to B", async () => {
    await expectForbidden(() => officerA.contributions.update({ id: rowA.id, version: rowA.version, patch: { orgId: f.icbId } }));
  });

  it("cannot touch B's rows in a batch, and the batch's changes to A's rows are not written either", async () => {
    for (const changeToB of [
      { op: 'update' as const, id: rowB.id, version: rowB.version, values: { actualPence: 7 } },
      { op: 'delete' as const, id: rowB.id, version: rowB.version },
      { op: 'create' as const, values: { orgId: f.icbId, source: 'additional_icb', quarter: 2 } },
      { op: 'update' as const, id: rowA.id, version: rowA.version, values: { orgId: f.icbId } },
    ]) {
      await expectForbidden(() =>
        officerA.contributions.applyBatch({
          fundId: rowA.fundId,
          changes: [{ op: 'create', values: { orgId: f.councilId, source: 'dfg', quarter: 3, plannedPence: 9 } }, changeToB],
        }),
      );
    }
  });

  it("can change A's own row, in every way", async () => {
    const updated = await officerA.contributions.update({
      id: rowA.id,
      version: rowA.version,
      patch: { plannedPence: 150_00, actualPence: 75_00 },
    });
    expect(updated).toEqual(expect.objectContaining({ plannedPence: 150_00, actualPence: 75_00, version: rowA.version + 1 }));
    const { rows } = await officerA.contributions.applyBatch({
      fundId: rowA.fundId,
      changes: [
        { op: 'update', id: rowA.id, version: updated.version, values: { note: 'checked' } },
        { op: 'create', values: { orgId: f.councilId, source: 'additional_la', quarter: 4, plannedPence: 10 } },
      ],
    });
    expect(rows).toHaveLength(2);
    const created = rows.find((r) => r.source === 'additional_la');
    if (!created) throw new Error('no row created');
    await expect(officerA.contributions.delete({ id: created.id, version: created.version })).resolves.toEqual({ ok: true });
    // B's row is untouched throughout.
    const b = (await api.caller.contributions.list({ fundId: rowB.fundId })).find((r) => r.id === rowB.id);
    expect(b).toEqual(expect.objectContaining({ plannedPence: 200_00, version: rowB.version }));
  });

  it('an officer of both partners, and an admin, can change B', async () => {
    const { caller: both } = await api.userWith('finance_officer', [f.councilId, f.icbId]);
    const changed = await both.contributions.update({ id: rowB.id, version: rowB.version, patch: { plannedPence: 1 } });
    await expect(api.caller.contributions.update({ id: rowB.id, version: changed.version, patch: { plannedPence: 2 } })).resolves.toEqual(
      expect.objectContaining({ plannedPence: 2 }),
    );
  });

  it('an officer of an organisation outside the partnership cannot even read the fund, let alone write to it', async () => {
    const { caller: outsider } = await api.userWith('finance_officer', [f.outsiderId]);
    await expectTrpcError(outsider.contributions.list({ fundId: rowA.fundId }), 'FORBIDDEN');
    const before = await counts(api.db);
    // A row of a partnership the caller is not in is answered as a row that does not exist (issue 20): nothing of it.
    const error = await expectTrpcError(
      outsider.contributions.update({ id: rowA.id, version: rowA.version, patch: { plannedPence: 1 } }),
      'NOT_FOUND',
    );
    expect(error.message).toBe(`No contribution with id ${rowA.id}: it may have been deleted by someone else`);
    expect(await counts(api.db)).toEqual(before);
  });
});
