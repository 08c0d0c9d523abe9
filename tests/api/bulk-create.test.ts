// New contributions in a run (a paste past the last row, an import) are written by the write path's createMany in
// multi-row statements (issue 8). They must come out exactly as one-by-one creates do: the rows in the order asked,
// seven audit events each with the values written, the row-level rules applied to every row, and order kept with the
// deletes around them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'bulk');
});
afterAll(async () => {
  await api.close();
});

describe('a run of new rows', () => {
  it('returns the rows in the order asked, each audited field by field', async () => {
    const sources = ['la_better_care_grant', 'dfg', 'other', 'additional_la', 'carry_forward'];
    const { batchId, rows } = await api.caller.contributions.applyBatch({
      fundId: f.fundId,
      changes: sources.map((source, i) => ({
        op: 'create' as const,
        values: { orgId: f.councilId, source, quarter: 4 - (i % 4), plannedPence: 1_000 * (i + 1), note: `line ${i}` },
      })),
    });
    expect(rows.map((r) => [r.source, r.quarter, r.plannedPence, r.note, r.version, r.updatedByName])).toEqual(
      sources.map((source, i) => [source, 4 - (i % 4), 1_000 * (i + 1), `line ${i}`, 1, api.admin.name]),
    );
    const events = await api.caller.audit.list({ batchId });
    expect(events).toHaveLength(sources.length * 7);
    for (const row of rows) {
      const own = events.filter((e) => e.entityId === row.id);
      expect(own.every((e) => e.action === 'create' && e.oldValue === null && e.partnershipId === f.partnershipId)).toBe(true);
      expect(Object.fromEntries(own.map((e) => [e.field, e.newValue]))).toEqual({
        fundId: f.fundId,
        orgId: f.councilId,
        source: row.source,
        quarter: row.quarter,
        plannedPence: row.plannedPence,
        actualPence: 0,
        note: row.note,
      });
    }
    await api.caller.audit.undo({ batchId });
    expect(await api.caller.contributions.list({ fundId: f.fundId })).toEqual([]);
  });

  it('keeps order with a delete before it: the freed cell can be filled again in the same batch', async () => {
    const [first] = (
      await api.caller.contributions.applyBatch({
        fundId: f.fundId,
        changes: [{ op: 'create', values: { orgId: f.icbId, source: 'nhs_minimum', quarter: 1, plannedPence: 5 } }],
      })
    ).rows;
    if (!first) throw new Error('no row');
    const { rows } = await api.caller.contributions.applyBatch({
      fundId: f.fundId,
      changes: [
        { op: 'create', values: { orgId: f.icbId, source: 'nhs_minimum', quarter: 2, plannedPence: 6 } },
        { op: 'delete', id: first.id, version: first.version },
        { op: 'create', values: { orgId: f.icbId, source: 'nhs_minimum', quarter: 1, plannedPence: 7 } },
        { op: 'create', values: { orgId: f.icbId, source: 'nhs_minimum', quarter: 3, plannedPence: 8 } },
      ],
    });
    expect(rows.map((r) => [r.quarter, r.plannedPence])).toEqual([
      [2, 6],
      [1, 7],
      [3, 8],
    ]);
    const listed = await api.caller.contributions.list({ fundId: f.fundId });
    expect(listed.map((r) => r.plannedPence).sort()).toEqual([6, 7, 8]);
  });

  it('applies the row-level rules to every row: one row of another partner and nothing is written', async () => {
    const { caller } = await api.userWith('finance_officer', [f.councilId]);
    const before = await counts(api.db);
    await expectTrpcError(
      caller.contributions.applyBatch({
        fundId: f.fundId,
        changes: [
          { op: 'create', values: { orgId: f.councilId, source: 'dfg', quarter: 1, plannedPence: 1 } },
          { op: 'create', values: { orgId: f.councilId, source: 'dfg', quarter: 2, plannedPence: 1 } },
          { op: 'create', values: { orgId: f.icbId, source: 'additional_icb', quarter: 1, plannedPence: 1 } },
        ],
      }),
      'FORBIDDEN',
    );
    expect(await counts(api.db)).toEqual(before);
  });
});
