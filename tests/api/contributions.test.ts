// contributions.create / list / update / delete over the real routers, and funds.summary checked against the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, openTestApi, type TestApi } from '../support/api';
import { makeFund, valuesOf, type Fixture } from './fixtures';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(async () => {
  await api.close();
});

type Row = Awaited<ReturnType<TestApi['caller']['contributions']['list']>>[number];
type Summary = Awaited<ReturnType<TestApi['caller']['funds']['summary']>>;

interface Sums {
  plannedPence: number;
  actualPence: number;
}

/** Group rows by a key and add planned and actual with plain integer addition. */
function sumBy<K>(rows: Row[], key: (r: Row) => K): Map<K, Sums> {
  const out = new Map<K, Sums>();
  for (const r of rows) {
    const s = out.get(key(r)) ?? { plannedPence: 0, actualPence: 0 };
    s.plannedPence += r.plannedPence;
    s.actualPence += r.actualPence;
    out.set(key(r), s);
  }
  return out;
}

/** Recompute the fund summary from the rows, independently of shared/fund-summary.ts, and compare. */
function expectSummaryAgrees(summary: Summary, rows: Row[], memberIds: number[]): void {
  let planned = 0;
  let actual = 0;
  for (const r of rows) {
    planned += r.plannedPence;
    actual += r.actualPence;
  }
  expect(summary.plannedPence).toBe(planned);
  expect(summary.actualPence).toBe(actual);
  expect(summary.variancePence).toBe(actual - planned);
  for (const n of [summary.plannedPence, summary.actualPence, summary.variancePence]) expect(Number.isInteger(n)).toBe(true);

  const byPartner = sumBy(rows, (r) => r.orgId);
  // Every member appears (with zeros if it has no rows), and every contributing organisation appears.
  const expectedPartners = new Set([...memberIds, ...byPartner.keys()]);
  expect(new Set(summary.byPartner.map((p) => p.orgId))).toEqual(expectedPartners);
  expect(summary.byPartner).toHaveLength(expectedPartners.size);
  for (const p of summary.byPartner) {
    const s = byPartner.get(p.orgId) ?? { plannedPence: 0, actualPence: 0 };
    expect(p.plannedPence).toBe(s.plannedPence);
    expect(p.actualPence).toBe(s.actualPence);
    expect(p.variancePence).toBe(s.actualPence - s.plannedPence);
  }

  // Shares: whole basis points summing to exactly 10000, each the floor or the ceiling of the exact share.
  const shareTotal = summary.byPartner.reduce((acc, p) => acc + p.shareBp, 0);
  if (planned === 0) {
    expect(summary.byPartner.every((p) => p.shareBp === 0)).toBe(true);
  } else {
    expect(shareTotal).toBe(10_000);
    for (const p of summary.byPartner) {
      expect(Number.isInteger(p.shareBp)).toBe(true);
      const exactTimesTotal = BigInt(p.plannedPence) * 10_000n;
      const floor = Number(exactTimesTotal / BigInt(planned));
      expect([floor, floor + 1]).toContain(p.shareBp);
    }
  }

  const bySource = sumBy(rows, (r) => r.source);
  expect(new Set(summary.bySource.map((s) => s.source))).toEqual(new Set(bySource.keys()));
  expect(summary.bySource).toHaveLength(bySource.size);
  for (const s of summary.bySource) {
    const e = bySource.get(s.source);
    expect(e).toBeDefined();
    expect(s.plannedPence).toBe(e?.plannedPence);
    expect(s.actualPence).toBe(e?.actualPence);
    expect(s.variancePence).toBe((e?.actualPence ?? 0) - (e?.plannedPence ?? 0));
  }

  const byQuarter = sumBy(rows, (r) => r.quarter);
  expect(summary.byQuarter.map((q) => q.quarter)).toEqual([1, 2, 3, 4]);
  for (const q of summary.byQuarter) {
    const e = byQuarter.get(q.quarter) ?? { plannedPence: 0, actualPence: 0 };
    expect(q.plannedPence).toBe(e.plannedPence);
    expect(q.actualPence).toBe(e.actualPence);
    expect(q.variancePence).toBe(e.actualPence - e.plannedPence);
  }
}

describe('contributions CRUD', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFund(api, 'crud');
  });

  it('create returns the row with version 1 and defaults, and writes one batch with audit events', async () => {
    const before = await counts(api.db);
    const row = await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'la_better_care_grant',
      quarter: 1,
      plannedPence: 123_456,
    });
    expect(row).toMatchObject({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'la_better_care_grant',
      quarter: 1,
      plannedPence: 123_456,
      actualPence: 0,
      note: '',
      version: 1,
    });
    expect(row.id).toBeGreaterThan(0);
    const after = await counts(api.db);
    expect(after.contribution).toBe((before.contribution ?? 0) + 1);
    expect(after.batch).toBe((before.batch ?? 0) + 1);
    // One event per audited field of the new row.
    const events = await api.caller.audit.list({ entity: 'contribution', entityId: row.id });
    expect(events.map((e) => e.field).sort()).toEqual(['actualPence', 'fundId', 'note', 'orgId', 'plannedPence', 'quarter', 'source']);
    expect(events.every((e) => e.action === 'create' && e.oldValue === null)).toBe(true);
    expect(events.find((e) => e.field === 'plannedPence')?.newValue).toBe(123_456);
  });

  it('list returns the fund rows in the contract shape', async () => {
    const created = await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.icbId,
      source: 'nhs_minimum',
      quarter: 2,
      plannedPence: 500_000,
      actualPence: 480_001,
      note: 'Q2 instalment',
    });
    const rows = await api.caller.contributions.list({ fundId: f.fundId });
    const found = rows.find((r) => r.id === created.id);
    expect(found).toMatchObject({
      id: created.id,
      orgId: f.icbId,
      source: 'nhs_minimum',
      quarter: 2,
      plannedPence: 500_000,
      actualPence: 480_001,
      note: 'Q2 instalment',
      version: 1,
    });
    // Another fund's rows never leak into this list.
    const other = await makeFund(api, 'crud-other');
    await api.caller.contributions.create({ fundId: other.fundId, orgId: other.councilId, source: 'dfg', quarter: 1, plannedPence: 1 });
    const again = await api.caller.contributions.list({ fundId: f.fundId });
    expect(again.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('update changes only the patched fields, bumps the version and audits old and new values', async () => {
    const row = await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'dfg',
      quarter: 3,
      plannedPence: 10_000,
    });
    const updated = await api.caller.contributions.update({
      id: row.id,
      version: row.version,
      patch: { plannedPence: 25_050, note: 'revised' },
    });
    expect(updated).toMatchObject({
      id: row.id,
      version: 2,
      plannedPence: 25_050,
      note: 'revised',
      actualPence: 0,
      source: 'dfg',
      quarter: 3,
    });
    const listed = (await api.caller.contributions.list({ fundId: f.fundId })).find((r) => r.id === row.id);
    expect(listed?.plannedPence).toBe(25_050);
    expect(listed?.version).toBe(2);
    const events = (await api.caller.audit.list({ entity: 'contribution', entityId: row.id })).filter((e) => e.action === 'update');
    expect(events.map((e) => [e.field, e.oldValue, e.newValue]).sort()).toEqual([
      ['note', '', 'revised'],
      ['plannedPence', 10_000, 25_050],
    ]);
  });

  it('delete removes the row and audits every field with its old value', async () => {
    const row = await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.icbId,
      source: 'additional_icb',
      quarter: 4,
      plannedPence: 777,
    });
    const before = await counts(api.db);
    await expect(api.caller.contributions.delete({ id: row.id, version: 1 })).resolves.toEqual({ ok: true });
    const after = await counts(api.db);
    expect(after.contribution).toBe((before.contribution ?? 0) - 1);
    const rows = await api.caller.contributions.list({ fundId: f.fundId });
    expect(rows.some((r) => r.id === row.id)).toBe(false);
    const deletes = (await api.caller.audit.list({ entity: 'contribution', entityId: row.id })).filter((e) => e.action === 'delete');
    expect(deletes).toHaveLength(7);
    expect(deletes.find((e) => e.field === 'plannedPence')).toMatchObject({ oldValue: 777, newValue: null });
    // The row is gone: updating or deleting it again is NOT_FOUND.
    await expectTrpcError(api.caller.contributions.delete({ id: row.id, version: 1 }), 'NOT_FOUND');
    await expectTrpcError(api.caller.contributions.update({ id: row.id, version: 1, patch: { plannedPence: 1 } }), 'NOT_FOUND');
  });

  it('list and summary of an unknown fund are NOT_FOUND', async () => {
    await expectTrpcError(api.caller.contributions.list({ fundId: 987_654 }), 'NOT_FOUND');
    await expectTrpcError(api.caller.funds.summary({ fundId: 987_654 }), 'NOT_FOUND');
    await expectTrpcError(api.caller.contributions.create({ fundId: 987_654, orgId: f.councilId, source: 'dfg', quarter: 1 }), 'NOT_FOUND');
  });
});

describe('funds.summary agrees with contributions.list', () => {
  it('is all zeros, with every member listed and shares all 0, for a fund with no rows', async () => {
    const f = await makeFund(api, 'empty');
    const summary = await api.caller.funds.summary({ fundId: f.fundId });
    expect(summary).toMatchObject({ plannedPence: 0, actualPence: 0, variancePence: 0, bySource: [] });
    expect(summary.byPartner.map((p) => p.orgId).sort()).toEqual([f.councilId, f.icbId].sort());
    expectSummaryAgrees(summary, [], [f.councilId, f.icbId]);
  });

  it('totals, variance, byPartner, bySource, byQuarter and shares match the rows after creates, updates and deletes', async () => {
    const f = await makeFund(api, 'sum');
    const members = [f.councilId, f.icbId];
    // Odd amounts, so the partner shares need largest-remainder rounding to reach exactly 10000.
    const specs: [number, string, number, number, number][] = [
      [f.councilId, 'la_better_care_grant', 1, 246_800_001, 246_800_001],
      [f.councilId, 'la_better_care_grant', 2, 246_800_001, 240_000_000],
      [f.councilId, 'dfg', 3, 72_950_000, 81_000_033],
      [f.icbId, 'nhs_minimum', 1, 540_850_000, 540_850_000],
      [f.icbId, 'nhs_minimum', 4, 540_850_003, 0],
      [f.icbId, 'additional_icb', 2, 62_150_000, 61_000_000],
    ];
    const created = [];
    for (const [orgId, source, quarter, plannedPence, actualPence] of specs) {
      created.push(await api.caller.contributions.create({ fundId: f.fundId, orgId, source, quarter, plannedPence, actualPence }));
    }
    let rows = await api.caller.contributions.list({ fundId: f.fundId });
    expect(rows).toHaveLength(specs.length);
    let summary = await api.caller.funds.summary({ fundId: f.fundId });
    expectSummaryAgrees(summary, rows, members);
    // A concrete figure too, so a summary that merely mirrors a broken list cannot pass.
    expect(summary.plannedPence).toBe(246_800_001 * 2 + 72_950_000 + 540_850_000 + 540_850_003 + 62_150_000);

    const first = created[0];
    const last = created[5];
    if (!first || !last) throw new Error('rows were not created');
    await api.caller.contributions.update({ id: first.id, version: first.version, patch: { plannedPence: 3, actualPence: 7 } });
    await api.caller.contributions.delete({ id: last.id, version: last.version });
    rows = await api.caller.contributions.list({ fundId: f.fundId });
    expect(rows).toHaveLength(specs.length - 1);
    summary = await api.caller.funds.summary({ fundId: f.fundId });
    expectSummaryAgrees(summary, rows, members);
    expect(summary.bySource.some((s) => s.source === 'additional_icb')).toBe(false);
  });

  it('shares split three equal partners 3334/3333/3333 and still sum to 10000', async () => {
    const a = await api.caller.orgs.create({ name: 'Equal A', sector: 'social_care' });
    const b = await api.caller.orgs.create({ name: 'Equal B', sector: 'health' });
    const c = await api.caller.orgs.create({ name: 'Equal C', sector: 'education' });
    const p = await api.caller.partnerships.create({ name: 'Equal thirds', arrangement: 'pooled_fund', memberOrgIds: [a.id, b.id, c.id] });
    const fund = await api.caller.funds.create({ partnershipId: p.id, name: 'Thirds', financialYear: '2025/26' });
    for (const org of [a, b, c]) {
      await api.caller.contributions.create({
        fundId: fund.id,
        orgId: org.id,
        source: 'partner_contribution',
        quarter: 1,
        plannedPence: 100,
      });
    }
    const summary = await api.caller.funds.summary({ fundId: fund.id });
    expectSummaryAgrees(summary, await api.caller.contributions.list({ fundId: fund.id }), [a.id, b.id, c.id]);
    expect(summary.byPartner.map((x) => x.shareBp).sort((x, y) => y - x)).toEqual([3334, 3333, 3333]);
  });
});

it('rows keep their values through list (no float drift on large pence)', async () => {
  const f = await makeFund(api, 'large');
  const big = 9_999_999_999_999; // £99,999,999,999.99
  const row = await api.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.icbId,
    source: 'other',
    quarter: 2,
    plannedPence: big,
    actualPence: big - 1,
  });
  const [listed] = await api.caller.contributions.list({ fundId: f.fundId });
  expect(listed && valuesOf(listed)).toEqual(valuesOf(row));
  expect(listed?.plannedPence).toBe(big);
  const summary = await api.caller.funds.summary({ fundId: f.fundId });
  expect(summary.variancePence).toBe(-1);
});
