// contributions.import (issue 4, item 7): a spreadsheet's rows are previewed (new, changed cells, unchanged, errors)
// and applied as ONE audited batch that one undo reverses; any bad row and nothing at all is written, and the error
// names the spreadsheet row and the column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_HEADER, type ContributionImportInput, type ImportMapping } from '../../shared/import';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { makeFund, valuesOf, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let councilName: string;
let icbName: string;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'import');
  const orgs = await api.caller.orgs.list();
  councilName = orgs.find((o) => o.id === f.councilId)?.name ?? '';
  icbName = orgs.find((o) => o.id === f.icbId)?.name ?? '';
});
afterAll(async () => {
  await api.close();
});

const HEADER = [...EXPORT_HEADER];
/** The export's own mapping: Partner, Funding source, Quarter, Planned, Actual, (Variance), Note. */
const MAPPING: ImportMapping = { partner: 0, source: 1, quarter: 2, planned: 3, actual: 4, note: 6 };

function importInput(fundId: number, rows: string[][], extra: Partial<ContributionImportInput> = {}): ContributionImportInput {
  return { fundId, header: HEADER, rows, mapping: MAPPING, mode: 'update', dryRun: false, fileName: 'contributions.csv', ...extra };
}

async function newFund(name: string): Promise<number> {
  return (await api.caller.funds.create({ partnershipId: f.partnershipId, name, financialYear: '2025/26' })).id;
}

describe('an import of 10,000 rows', () => {
  let fundId: number;
  let rows: string[][];

  beforeAll(async () => {
    // 10,000 distinct rows need 313 partners (the 8 funding streams of BCF year 2025/26 x 4 quarters each, the last
    // partner's cut short). A partnership may name at most 100
    // members through the API, so these are inserted directly: set-up, not the behaviour under test.
    const partnership = await api.caller.partnerships.create({ name: 'Big pool', arrangement: 'pooled_fund', memberOrgIds: [f.councilId] });
    const orgs = await api.db
      .insertInto('organisation')
      .values(
        Array.from({ length: 313 }, (_, i) => ({
          name: `Big Partner ${String(i).padStart(3, '0')}`,
          sector: 'other' as const,
          version: 1,
        })),
      )
      .returning(['id', 'name'])
      .execute();
    await api.db
      .insertInto('partnershipMember')
      .values(orgs.map((o) => ({ partnershipId: partnership.id, orgId: o.id })))
      .execute();
    fundId = (await api.caller.funds.create({ partnershipId: partnership.id, name: 'Big fund', financialYear: '2025/26' })).id;
    const sources = await api.caller.sources.list({ fundId });
    rows = [];
    for (const org of orgs) {
      for (const source of sources) {
        for (const quarter of [1, 2, 3, 4]) {
          const n = rows.length;
          rows.push([org.name, source.name, `Q${quarter}`, `${n}.${String(n % 100).padStart(2, '0')}`, '0', '', `row ${n}`]);
        }
      }
    }
    rows = rows.slice(0, 10_000);
    expect(rows).toHaveLength(10_000);
  });

  it('with one bad row writes nothing, and reports the spreadsheet row and the column', async () => {
    const bad = rows.map((r) => [...r]);
    const badRow = bad[7_344];
    if (!badRow) throw new Error('no row 7,344');
    badRow[3] = 'twelve';
    const before = await counts(api.db);

    const error = await expectTrpcError(api.caller.contributions.import(importInput(fundId, bad)), 'BAD_REQUEST');
    const fieldErrors = fieldErrorsOf(error);
    expect(fieldErrors).toEqual([
      {
        // rows[7344] is spreadsheet row 7,346: the header is row 1 and the first data row is row 2.
        path: 'rows.7344.3',
        message:
          "Row 7346, column 'Planned (£)': Planned (£) must be an amount in pounds and pence, like 1234.56 or £1,234.56, got 'twelve'",
      },
    ]);
    expect(error.message).toMatch(/^Nothing was imported: 1 row has errors\. Row 7346, column 'Planned \(£\)'/);
    expect(await counts(api.db)).toEqual(before);

    // The preview says the same without throwing: every other row would be new.
    const preview = await api.caller.contributions.import(importInput(fundId, bad, { dryRun: true }));
    expect(preview.counts).toEqual({ new: 9_999, changed: 0, unchanged: 0, error: 1 });
    expect(preview.rows.find((r) => r.status === 'error')).toMatchObject({
      row: 7_346,
      errors: [{ column: 'Planned (£)', message: expect.stringContaining("got 'twelve'") }],
    });
    expect(preview.batchId).toBeNull();
    expect(await counts(api.db)).toEqual(before);
  });

  it('fixed, applies all 10,000 as one batch, and one undo takes them all away', async () => {
    const before = await counts(api.db);
    const result = await api.caller.contributions.import(importInput(fundId, rows, { fileName: 'big.csv' }));
    expect(result.counts).toEqual({ new: 10_000, changed: 0, unchanged: 0, error: 0 });
    expect(result.batchId).toEqual(expect.any(String));
    const after = await counts(api.db);
    expect(after.contribution).toBe((before.contribution ?? 0) + 10_000);
    expect(after.batch).toBe((before.batch ?? 0) + 1);
    const batch = await api.db
      .selectFrom('batch')
      .selectAll()
      .where('id', '=', result.batchId ?? '')
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ kind: 'import', label: 'Imported 10,000 rows from big.csv (10,000 new, 0 changed)', fundId });
    const listed = await api.caller.contributions.list({ fundId });
    expect(listed.find((r) => r.note === 'row 9999')).toMatchObject({ plannedPence: 999_999, actualPence: 0 });

    await api.caller.audit.undo({ batchId: result.batchId ?? '' });
    expect(await api.caller.contributions.list({ fundId })).toEqual([]);
  });
});

describe('previewing and applying', () => {
  it('update mode changes only the cells that changed, as one batch that audit.undo restores', async () => {
    const fundId = await newFund('Update mode');
    const a = await api.caller.contributions.create({
      fundId,
      orgId: f.councilId,
      source: 'la_better_care_grant',
      quarter: 1,
      plannedPence: 10_000,
      actualPence: 5_000,
      note: 'kept',
    });
    const b = await api.caller.contributions.create({ fundId, orgId: f.icbId, source: 'nhs_minimum', quarter: 2, plannedPence: 20_000 });
    const rows = [
      // a: planned changes (£100.00 -> £1,234.56); actual and note are the same as stored.
      [councilName, 'Local Authority Better Care Grant', 'Q1', '£1,234.56', '50.00', '', 'kept'],
      // b: every cell as it is: unchanged.
      [icbName, 'NHS minimum contribution', 'Q2 (Jul-Sep)', '200', '0', '', ''],
      // new: partner by name in another case, source by its code, quarter as a number, an empty actual.
      [councilName.toUpperCase(), 'dfg', '3', '99.5', '', '', 'a new row'],
    ];
    const preview = await api.caller.contributions.import(importInput(fundId, rows, { dryRun: true }));
    expect(preview.counts).toEqual({ new: 1, changed: 1, unchanged: 1, error: 0 });
    expect(preview.rows).toEqual([
      {
        row: 2,
        status: 'changed',
        partner: councilName,
        source: 'Local Authority Better Care Grant',
        quarter: 1,
        changes: { plannedPence: { old: 10_000, new: 123_456 } },
        errors: [],
      },
      { row: 3, status: 'unchanged', partner: icbName, source: 'NHS minimum contribution', quarter: 2, changes: {}, errors: [] },
      {
        row: 4,
        status: 'new',
        partner: councilName,
        source: 'Disabled Facilities Grant',
        quarter: 3,
        changes: { plannedPence: { old: null, new: 9_950 }, actualPence: { old: null, new: 0 }, note: { old: null, new: 'a new row' } },
        errors: [],
      },
    ]);

    const before = await counts(api.db);
    const result = await api.caller.contributions.import(importInput(fundId, rows));
    expect((await counts(api.db)).batch).toBe((before.batch ?? 0) + 1);
    const events = await api.caller.audit.list({ batchId: result.batchId ?? '' });
    // One update event (planned of a) and the new row's fields; nothing for b, nothing for a's unchanged cells.
    expect(events.filter((e) => e.action === 'update').map((e) => [e.entityId, e.field])).toEqual([[a.id, 'plannedPence']]);
    expect(new Set(events.map((e) => e.entityId)).has(b.id)).toBe(false);
    const listed = await api.caller.contributions.list({ fundId });
    expect(listed.find((r) => r.id === a.id)).toMatchObject({ plannedPence: 123_456, actualPence: 5_000, note: 'kept', version: 2 });
    expect(listed.find((r) => r.id === b.id)).toMatchObject({ version: 1 });
    expect(listed.find((r) => r.source === 'dfg')).toMatchObject({
      orgId: f.councilId,
      quarter: 3,
      plannedPence: 9_950,
      actualPence: 0,
      note: 'a new row',
    });

    await api.caller.audit.undo({ batchId: result.batchId ?? '' });
    const restored = (await api.caller.contributions.list({ fundId })).map(valuesOf).sort((x, y) => x.id - y.id);
    expect(restored).toEqual([valuesOf(a), valuesOf(b)]);
  });

  it('a dry run writes nothing, however many rows it would change', async () => {
    const fundId = await newFund('Dry run');
    const before = await counts(api.db);
    const preview = await api.caller.contributions.import(
      importInput(
        fundId,
        [
          [councilName, 'dfg', 'Q1', '1', '2', '', 'x'],
          [icbName, 'dfg', 'Q1', '3', '4', '', ''],
        ],
        { dryRun: true },
      ),
    );
    expect(preview.counts).toEqual({ new: 2, changed: 0, unchanged: 0, error: 0 });
    expect(await counts(api.db)).toEqual(before);
  });

  it('add mode refuses a row that already exists, naming the row and the quarter column', async () => {
    const fundId = await newFund('Add mode');
    await api.caller.contributions.create({ fundId, orgId: f.councilId, source: 'dfg', quarter: 1, plannedPence: 100 });
    const before = await counts(api.db);
    const rows = [
      [icbName, 'dfg', 'Q1', '1', '', '', ''],
      [councilName, 'dfg', 'Q1', '2', '', '', ''],
    ];
    const error = await expectTrpcError(api.caller.contributions.import(importInput(fundId, rows, { mode: 'add' })), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)).toEqual([
      {
        path: 'rows.1.2',
        message: `Row 3, column 'Quarter': ${councilName} already has a Disabled Facilities Grant contribution for Q1 (Apr-Jun): choose “update existing rows” to change it`,
      },
    ]);
    expect(await counts(api.db)).toEqual(before);
  });

  it('reports every bad cell of every row, and a repeated key, with rows counted below a title', async () => {
    const fundId = await newFund('Errors');
    const rows = [
      ['Nobody Council', 'Pocket money', 'Q9', '-5', '1.234', '', ''],
      [],
      [councilName, 'dfg', 'Q1', '1', '', '', ''],
      [councilName, 'Disabled Facilities Grant', '1', '2', '', '', ''],
      [`Elsewhere Trust import1`, 'dfg', 'Q2', '', '', '', ''],
    ];
    // The header is on row 3 (a title and a subtitle above, as the Excel export writes), so rows[0] is row 4.
    const preview = await api.caller.contributions.import(importInput(fundId, rows, { dryRun: true, headerRow: 3 }));
    expect(preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0, error: 3 });
    const [first, , repeated, outsider] = preview.rows;
    expect(preview.rows.map((r) => r.row)).toEqual([4, 6, 7, 8]);
    expect(first?.errors.map((e) => e.column)).toEqual(['Partner', 'Funding source', 'Quarter', 'Planned (£)', 'Actual (£)']);
    expect(first?.errors.map((e) => e.message)).toEqual([
      `Partner 'Nobody Council' is not a partner in this fund (its partners are ${icbName} and ${councilName})`,
      expect.stringMatching(
        /^Funding source 'Pocket money' is not a funding stream of BCF year 2025\/26: choose one of NHS minimum contribution, /,
      ),
      "Quarter must be a quarter: 1 to 4 or Q1 to Q4, got 'Q9'",
      "Planned (£) must not be negative, got '-5'",
      "Actual (£) has more than two decimal places (pounds and pence only), got '1.234'",
    ]);
    expect(repeated?.errors).toEqual([
      { column: 'Quarter', message: 'Row 7 repeats the partner, funding source and quarter of row 6: a fund has one row for each' },
    ]);
    expect(outsider?.errors).toEqual([
      { column: 'Partner', message: "Partner 'Elsewhere Trust import1' is not a member of this fund’s partnership" },
    ]);
  });

  it('a finance officer may re-import other partners’ rows unchanged, but not change them', async () => {
    const fundId = await newFund('Finance officer');
    await api.caller.contributions.create({ fundId, orgId: f.icbId, source: 'dfg', quarter: 1, plannedPence: 500 });
    const { caller } = await api.userWith('finance_officer', [f.councilId]);
    const unchangedIcb = [icbName, 'dfg', 'Q1', '5.00', '0.00', '', ''];
    const ok = await caller.contributions.import(importInput(fundId, [unchangedIcb, [councilName, 'dfg', 'Q1', '7', '', '', '']]));
    expect(ok.counts).toEqual({ new: 1, changed: 0, unchanged: 1, error: 0 });

    const before = await counts(api.db);
    const error = await expectTrpcError(
      caller.contributions.import(importInput(fundId, [[icbName, 'dfg', 'Q1', '6', '', '', '']])),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)[0]).toEqual({
      path: 'rows.0.0',
      message: expect.stringMatching(/^Row 2, column 'Partner': Only .* own finance officers/),
    });
    expect(await counts(api.db)).toEqual(before);
  });

  it('a note exported as neutralised text comes back as it was; an empty cell leaves a value as it is', async () => {
    const fundId = await newFund('Neutralised');
    const row = await api.caller.contributions.create({
      fundId,
      orgId: f.councilId,
      source: 'dfg',
      quarter: 1,
      plannedPence: 700,
      actualPence: 300,
    });
    const result = await api.caller.contributions.import(importInput(fundId, [[councilName, 'dfg', 'Q1', '', '', '', `'=HYPERLINK("x")`]]));
    expect(result.counts).toEqual({ new: 0, changed: 1, unchanged: 0, error: 0 });
    const [after] = await api.caller.contributions.list({ fundId });
    expect(after).toMatchObject({ id: row.id, plannedPence: 700, actualPence: 300, note: '=HYPERLINK("x")' });
  });

  it('an import that changes nothing writes no batch', async () => {
    const fundId = await newFund('Nothing to do');
    await api.caller.contributions.create({ fundId, orgId: f.councilId, source: 'dfg', quarter: 1, plannedPence: 100 });
    const before = await counts(api.db);
    const result = await api.caller.contributions.import(importInput(fundId, [[councilName, 'dfg', 'Q1', '1.00', '0', '', '']]));
    expect(result).toMatchObject({ counts: { new: 0, changed: 0, unchanged: 1, error: 0 }, batchId: null });
    expect(await counts(api.db)).toEqual(before);
  });

  it('people outside the partnership are refused before anything is read', async () => {
    const { caller } = await api.userWith('finance_officer', [f.outsiderId]);
    const error = await expectTrpcError(caller.contributions.import(importInput(f.fundId, [], { dryRun: true })), 'FORBIDDEN');
    expect(error.message).toMatch(/not a member/);
    await expectTrpcError(api.caller.contributions.import(importInput(999_999, [], { dryRun: true })), 'NOT_FOUND');
  });
});
