// A batch of 100 new contributions (issue 18: checked with set queries, written in multi-row statements) records exactly
// the audit events 100 single creates record, field by field, and is all or nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { STREAMS_2025_26 } from '../support/streams';

let api: TestApi;
let partnershipId: number;
let orgIds: number[] = [];
let outsiderId: number;

const STREAMS = STREAMS_2025_26;

/** The i-th of 100 distinct rows over four partners: every stream and quarter of each, figures and a note that vary. */
function valuesAt(i: number) {
  return {
    orgId: orgIds[Math.floor(i / 32)] ?? 0,
    source: STREAMS[Math.floor(i / 4) % STREAMS.length] ?? 'other',
    quarter: (i % 4) + 1,
    plannedPence: 10_000 + i,
    actualPence: i % 3 === 0 ? 0 : 5_000 + i,
    note: i % 5 === 0 ? `line ${i}` : '',
  };
}
/** Made once the partners exist. */
const all = () => Array.from({ length: 100 }, (_, i) => valuesAt(i));

async function newFund(name: string): Promise<number> {
  return (await api.caller.funds.create({ partnershipId, name, financialYear: '2025/26' })).id;
}

/** A fund's audit events, each named by its row's partner, source and quarter rather than ids the two funds differ in. */
async function eventsOf(fundId: number) {
  const rows = await api.caller.contributions.list({ fundId });
  const keyOf = new Map(rows.map((r) => [r.id, `${r.orgId}|${r.source}|${r.quarter}`]));
  const events = await api.db
    .selectFrom('auditEvent')
    .selectAll()
    .where('fundId', '=', fundId)
    .where('entity', '=', 'contribution')
    .execute();
  return events
    .map((e) => ({
      row: keyOf.get(e.entityId),
      entity: e.entity,
      action: e.action,
      field: e.field,
      oldValue: e.oldValue,
      newValue: e.field === 'fundId' ? null : e.newValue,
      versionBefore: e.versionBefore,
      versionAfter: e.versionAfter,
      userId: e.userId,
      partnershipId: e.partnershipId,
      fundValue: e.field === 'fundId' ? e.newValue === String(fundId) : null,
    }))
    .sort((a, b) => `${a.row}|${a.field}`.localeCompare(`${b.row}|${b.field}`));
}

beforeAll(async () => {
  api = await openTestApi();
  orgIds = [];
  for (const name of ['Alpha Council', 'Beta ICB', 'Gamma Trust', 'Delta Council']) {
    orgIds.push((await api.caller.orgs.create({ name: `${name} (batch audit)`, sector: 'health' })).id);
  }
  outsiderId = (await api.caller.orgs.create({ name: 'Outside Trust (batch audit)', sector: 'health' })).id;
  partnershipId = (await api.caller.partnerships.create({ name: 'Batch audit BCF', arrangement: 'pooled_fund', memberOrgIds: orgIds })).id;
});
afterAll(async () => {
  await api.close();
});

describe('a batch of 100 new rows', () => {
  it('records the same audit events, field by field, as 100 single creates', async () => {
    const batched = await newFund('Batched');
    const single = await newFund('One by one');
    const { batchId, rows } = await api.caller.contributions.applyBatch({
      fundId: batched,
      changes: all().map((values) => ({ op: 'create', values })),
    });
    for (const values of all()) await api.caller.contributions.create({ fundId: single, ...values });

    // The rows come back in the order asked, as written, each version 1 with its own id.
    expect(
      rows.map(({ orgId, source, quarter, plannedPence, actualPence, note, version }) => ({
        orgId,
        source,
        quarter,
        plannedPence,
        actualPence,
        note,
        version,
      })),
    ).toEqual(all().map((v) => ({ ...v, version: 1 })));
    expect(new Set(rows.map((r) => r.id)).size).toBe(100);
    const fromBatch = await eventsOf(batched);
    expect(fromBatch).toHaveLength(700);
    expect(fromBatch).toEqual(await eventsOf(single));
    // One batch: every event of it carries its id.
    const inBatch = await api.db
      .selectFrom('auditEvent')
      .select('batchId')
      .where('fundId', '=', batched)
      .where('entity', '=', 'contribution')
      .execute();
    expect(new Set(inBatch.map((e) => e.batchId))).toEqual(new Set([batchId]));
  });

  it('clashing with a row already in the fund at its 100th change writes nothing, and says which change', async () => {
    const fundId = await newFund('Clash');
    await api.caller.contributions.create({ fundId, ...valuesAt(99), plannedPence: 1 });
    const before = await counts(api.db);
    const changes = all().map((values) => ({ op: 'create' as const, values }));
    const error = await expectTrpcError(api.caller.contributions.applyBatch({ fundId, changes }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)).toEqual([{ path: 'changes.99.values.quarter', message: expect.stringContaining('already has a') }]);
    expect(await counts(api.db)).toEqual(before);
  });

  it('naming a partner outside the partnership at its 51st change writes nothing, and says which change', async () => {
    const fundId = await newFund('Outsider');
    const before = await counts(api.db);
    const changes = all().map((values, i) => ({ op: 'create' as const, values: i === 50 ? { ...values, orgId: outsiderId } : values }));
    const error = await expectTrpcError(api.caller.contributions.applyBatch({ fundId, changes }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)).toEqual([
      { path: 'changes.50.values.orgId', message: `Partner ${outsiderId} is not a member of this fund's partnership` },
    ]);
    expect(await counts(api.db)).toEqual(before);
  });

  it('moving a row onto a key another row holds is refused, though the batch names only the moved row', async () => {
    const fundId = await newFund('Move');
    const [a, b] = (
      await api.caller.contributions.applyBatch({ fundId, changes: [valuesAt(0), valuesAt(1)].map((values) => ({ op: 'create', values })) })
    ).rows;
    if (!a || !b) throw new Error('two rows expected');
    const error = await expectTrpcError(
      api.caller.contributions.applyBatch({
        fundId,
        changes: [{ op: 'update', id: b.id, version: b.version, values: { quarter: a.quarter } }],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)).toEqual([{ path: 'changes.0.values.quarter', message: expect.stringContaining('already has a') }]);
  });
});
