// The grid's block logic without a browser (client/components/sheet/block.ts): what a paste, a fill, a clear and
// "copy previous quarter" do to a block of contributions, checked with the same zod schema the server uses. Money is
// exact: what is pasted is read to the penny, and copy then paste of any amount gives back the same pence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_PENCE } from '../../shared/money';
import { contributionPatch, NOTE_MAX_LENGTH } from '../../shared/schemas';
import {
  clearBlock,
  copyBlock,
  copyPreviousQuarter,
  fillDown,
  fillEmpty,
  lockedCells,
  planEdit,
  planPaste,
  rowsOf,
  type SheetModel,
} from '../../client/components/sheet/block';
import type { SheetColumn } from '../../client/components/sheet/cells';
import type { Rect } from '../../client/components/sheet/selection';
import { checkWith } from '../../client/components/sheet/validate';

interface Row {
  id: number;
  version: number;
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
  actualPence: number;
  note: string;
}

const COUNCIL = 1;
const ICB = 2;

/** The contributions grid's columns, in its order: partner, source, quarter, planned, actual, variance, note. */
const columns: SheetColumn<Row>[] = [
  {
    field: 'orgId',
    header: 'Partner',
    kind: 'choice',
    choices: [
      { value: COUNCIL, label: 'Northbridge Borough Council' },
      { value: ICB, label: 'NHS Northbridge and Vale ICB' },
    ],
  },
  {
    field: 'source',
    header: 'Funding source',
    kind: 'choice',
    choices: [
      { value: 'la_bcf', label: 'Local Authority BCF (iBCF)' },
      { value: 'nhs_min', label: 'NHS minimum contribution' },
    ],
  },
  {
    field: 'quarter',
    header: 'Quarter',
    kind: 'choice',
    choices: [1, 2, 3, 4].map((q) => ({ value: q, label: `Q${q}`, aliases: [String(q)] })),
  },
  { field: 'plannedPence', header: 'Planned (£)', kind: 'money' },
  { field: 'actualPence', header: 'Actual (£)', kind: 'money' },
  { field: 'variancePence', header: 'Variance (£)', kind: 'computed', compute: (r) => r.actualPence - r.plannedPence },
  { field: 'note', header: 'Note', kind: 'text', maxLength: NOTE_MAX_LENGTH },
];
const col = (field: string) => columns.findIndex((c) => c.field === field);
const PLANNED = col('plannedPence');
const NOTE = col('note');

function row(id: number, quarter: number, plannedPence: number, actualPence = 0, note = '', orgId = COUNCIL): Row {
  return { id, version: 1, orgId, source: 'la_bcf', quarter, plannedPence, actualPence, note };
}

/** Four quarters of the council's iBCF, as the grid shows them. */
const ROWS = [row(1, 1, 100_000), row(2, 2, 200_000), row(3, 3, 0), row(4, 4, 400_000, 0, 'kept')];

function model(overrides: Partial<SheetModel<Row>> = {}): SheetModel<Row> {
  return {
    columns,
    rows: ROWS,
    editBlock: (r) => (r.orgId === ICB ? 'Only the ICB’s finance officers can change its figures' : null),
    validate: checkWith(contributionPatch),
    newRow: () => ({ orgId: COUNCIL, source: 'la_bcf', quarter: 1 }),
    ...overrides,
  };
}

const at = (top: number, left: number, bottom = top, right = left): Rect => ({ top, left, bottom, right });
const updates = (plan: { changes: { kind: string; values: Record<string, unknown>; row?: Row }[] }) =>
  plan.changes.map((c) => (c.kind === 'update' ? { id: c.row?.id, ...c.values } : { new: true, ...c.values }));

describe('planPaste: a block copied from Excel', () => {
  it('reads tab-separated lines from the top-left cell, as one list of changes', () => {
    const plan = planPaste(model(), at(0, PLANNED), '1,234.56\t£2,000\n3\t(0)\n');
    expect(plan.cellErrors).toEqual([]);
    expect(updates(plan)).toEqual([
      { id: 1, plannedPence: 123_456, actualPence: 200_000 },
      { id: 2, plannedPence: 300 },
    ]);
  });

  it('reads CRLF line ends, and quoted cells holding tabs, line ends and doubled quotes', () => {
    const plan = planPaste(model(), at(0, NOTE), '"a\tb"\r\n"two\r\nlines"\r\n"say ""hi"""\r\n');
    expect(updates(plan)).toEqual([
      { id: 1, note: 'a\tb' },
      { id: 2, note: 'two\r\nlines' },
      { id: 3, note: 'say "hi"' },
    ]);
  });

  it('adds rows past the last one, from the grid’s defaults and the pasted cells', () => {
    const plan = planPaste(model(), at(3, PLANNED), '5\n6\n7');
    expect(updates(plan)).toEqual([
      { id: 4, plannedPence: 500 },
      { new: true, orgId: COUNCIL, source: 'la_bcf', quarter: 1, plannedPence: 600 },
      { new: true, orgId: COUNCIL, source: 'la_bcf', quarter: 1, plannedPence: 700 },
    ]);
  });

  it('refuses a block past the last row when the grid cannot add rows', () => {
    const plan = planPaste(model({ newRow: undefined }), at(3, PLANNED), '5\n6');
    expect(plan.changes).toEqual([]);
    expect(plan.newRowErrors).toEqual(['Row 2 of the pasted block runs past the last row, and this grid cannot add rows']);
  });

  it('matches drop-downs by name or alias, in any case and with spaces around', () => {
    const plan = planPaste(model(), at(0, 0), '  nhs northbridge and vale icb \tLOCAL AUTHORITY BCF (IBCF)\tq3\n');
    expect(updates(plan)).toEqual([{ id: 1, orgId: ICB, quarter: 3 }]);
  });

  it('one invalid cell marks that cell, with column, value and rule, and yields no changes at all', () => {
    const plan = planPaste(model(), at(0, PLANNED), '10\t20\nabc\t30\n40\t-5');
    expect(plan.changes).toEqual([]);
    expect(plan.cellErrors).toEqual([
      { rowId: 2, field: 'plannedPence', message: expect.stringMatching(/^Planned \(£\) .*abc/) },
      { rowId: 3, field: 'actualPence', message: 'Actual (£) cannot be negative, got -£5.00' },
    ]);
  });

  it('a bad cell in a new row is named by its place in the block', () => {
    const plan = planPaste(model(), at(3, PLANNED), '1\nnot money');
    expect(plan.changes).toEqual([]);
    expect(plan.newRowErrors).toEqual([expect.stringMatching(/^New row 2: Planned \(£\)/)]);
  });

  it('a drop-down value that is not in the list is refused, naming the choices', () => {
    const plan = planPaste(model(), at(0, 0), 'Somewhere Else');
    expect(plan.cellErrors[0]?.message).toBe(
      "Partner must be one of Northbridge Borough Council, NHS Northbridge and Vale ICB, got 'Somewhere Else'",
    );
  });

  it('refuses every cell of a row this person may not change', () => {
    const rows = [...ROWS.slice(0, 1), row(9, 1, 0, 0, '', ICB)];
    const plan = planPaste(model({ rows }), at(0, PLANNED), '1\n2');
    expect(plan.changes).toEqual([]);
    expect(plan.cellErrors).toEqual([
      { rowId: 9, field: 'plannedPence', message: 'Only the ICB’s finance officers can change its figures' },
    ]);
  });

  it('skips computed columns and cells past the last column, and sends only what changes', () => {
    const plan = planPaste(model(), at(0, PLANNED), '1000\t0\t999\tnew note\textra');
    expect(updates(plan)).toEqual([{ id: 1, note: 'new note' }]);
  });

  it('one value pasted over a larger selection fills the selection, as in Excel', () => {
    const plan = planPaste(model(), at(0, PLANNED, 1, PLANNED + 1), '7.5');
    expect(updates(plan)).toEqual([
      { id: 1, plannedPence: 750, actualPence: 750 },
      { id: 2, plannedPence: 750, actualPence: 750 },
    ]);
  });

  it('nothing pasted is nothing to send', () => {
    expect(planPaste(model(), at(0, PLANNED), '')).toEqual({ changes: [], cellErrors: [], newRowErrors: [] });
  });

  it('completes each row’s change with the values that go with it', () => {
    const completeChange = (_row: Row | null, values: Record<string, unknown>) =>
      typeof values.plannedPence === 'number' ? { ...values, actualPence: values.plannedPence } : values;
    expect(updates(planPaste(model({ completeChange }), at(0, PLANNED), '12'))).toEqual([{ id: 1, plannedPence: 1200, actualPence: 1200 }]);
  });
});

describe('money is exact to the penny', () => {
  it.each([
    ['0.1', 10],
    ['0.29', 29],
    ['1234.56', 123_456],
    ['£1,234,567.89', 123_456_789],
    ['=1200*4', 480_000],
    ['=(0.1+0.2)*3', 90],
    ['=10/3', 333],
  ])('%j is %i pence', (text, pence) => {
    expect(updates(planEdit(model(), { row: 2, col: PLANNED }, text))).toEqual([{ id: 3, plannedPence: pence }]);
  });

  it('"+250" adds to the cell', () => {
    expect(updates(planEdit(model(), { row: 0, col: PLANNED }, '+250.01'))).toEqual([{ id: 1, plannedPence: 125_001 }]);
  });

  it('a fraction of a penny is refused, never rounded', () => {
    const plan = planEdit(model(), { row: 0, col: PLANNED }, '12.345');
    expect(plan.changes).toEqual([]);
    expect(plan.cellErrors[0]?.message).toMatch(/^Planned \(£\) .*12\.345/);
  });

  it('copy then paste of any amount gives back the same pence, and so changes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_PENCE }), fc.integer({ min: 0, max: MAX_AMOUNT_PENCE }), (planned, actual) => {
        const rows = [row(1, 1, planned, actual)];
        const text = copyBlock(model({ rows }), at(0, PLANNED, 0, PLANNED + 1));
        const pasted = planPaste(model({ rows: [row(1, 1, 0, 0)] }), at(0, PLANNED), text);
        expect(updates(pasted)).toEqual(
          [{ id: 1, ...(planned ? { plannedPence: planned } : {}), ...(actual ? { actualPence: actual } : {}) }].filter(
            (u) => Object.keys(u).length > 1,
          ),
        );
        expect(planPaste(model({ rows }), at(0, PLANNED), text).changes).toEqual([]);
      }),
    );
  });
});

describe('copyBlock', () => {
  it('copies the selection as tab-separated text Excel reads: money as plain numbers, choices by name, quoted text', () => {
    const rows = [row(1, 1, 123_456, 7, 'a\tb')];
    expect(copyBlock(model({ rows }), at(0, 0, 0, NOTE))).toBe(
      'Northbridge Borough Council\tLocal Authority BCF (iBCF)\tQ1\t1234.56\t0.07\t-1234.49\t"a\tb"\r\n',
    );
  });
});

describe('fill down and fill only empty cells', () => {
  it('Ctrl+D copies the top row of the selection into the rows below it', () => {
    const plan = fillDown(model(), at(0, PLANNED, 3, PLANNED));
    expect(updates(plan)).toEqual([
      { id: 2, plannedPence: 100_000 },
      { id: 3, plannedPence: 100_000 },
      { id: 4, plannedPence: 100_000 },
    ]);
  });

  it('"fill only empty cells" leaves the filled ones (empty is blank text or £0.00)', () => {
    const plan = fillEmpty(model(), at(0, PLANNED, 3, NOTE));
    expect(updates(plan)).toEqual([{ id: 3, plannedPence: 100_000 }]);
    const noted = [row(1, 1, 0, 0, 'from Q1'), ...ROWS.slice(1)];
    expect(updates(fillEmpty(model({ rows: noted }), at(0, NOTE, 3, NOTE)))).toEqual([
      { id: 2, note: 'from Q1' },
      { id: 3, note: 'from Q1' },
    ]);
  });

  it('a one-row selection has nothing below it to fill', () => {
    expect(fillDown(model(), at(1, PLANNED, 1, NOTE)).changes).toEqual([]);
  });

  it('a fill into a row this person may not change is refused as a whole', () => {
    const rows = [ROWS[0] ?? row(1, 1, 1), row(9, 2, 0, 0, '', ICB)];
    const plan = fillDown(model({ rows }), at(0, PLANNED, 1, PLANNED));
    expect(plan.changes).toEqual([]);
    expect(plan.cellErrors.map((e) => e.rowId)).toEqual([9]);
  });
});

describe('clearBlock', () => {
  it('clears money to £0.00 and text to empty; a drop-down cannot be cleared and is left as it is', () => {
    const plan = clearBlock(model(), at(3, 0, 3, NOTE));
    expect(updates(plan)).toEqual([{ id: 4, plannedPence: 0, note: '' }]);
  });

  it('an optional cell clears to "not given"', () => {
    const optional = columns.map((c) => (c.field === 'source' ? { ...c, optional: true } : c));
    const validate = () => null;
    expect(updates(clearBlock(model({ columns: optional, validate }), at(0, 1)))).toEqual([{ id: 1, source: null }]);
  });
});

describe('copyPreviousQuarter', () => {
  it('sets each row’s plan to the same partner and source’s plan in the quarter before; Q1 and equal rows are left', () => {
    const all = [...ROWS, row(5, 2, 100_000, 0, '', ICB), row(6, 1, 50, 0, '', ICB)];
    const changes = copyPreviousQuarter(all, all);
    expect(changes.map((c) => (c.kind === 'update' ? [c.row.id, c.values] : null))).toEqual([
      [2, { plannedPence: 100_000 }],
      [3, { plannedPence: 200_000 }],
      [4, { plannedPence: 0 }],
      [5, { plannedPence: 50 }],
    ]);
    expect(copyPreviousQuarter(all, all.slice(1, 2)).length).toBe(1);
  });
});

describe('toolbar helpers', () => {
  it('rowsOf gives the selected rows, or every row shown when no block is selected', () => {
    expect(rowsOf(model(), at(1, 0, 2, 3)).map((r) => r.id)).toEqual([2, 3]);
    expect(rowsOf(model(), null).map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it('lockedCells refuses a change to a row this person may not change', () => {
    const icb = row(9, 2, 0, 0, '', ICB);
    const changes = [
      { kind: 'update' as const, row: icb, values: { plannedPence: 5 } },
      { kind: 'update' as const, row: row(1, 1, 0), values: { plannedPence: 5 } },
    ];
    expect(lockedCells(changes, model().editBlock)).toEqual([
      { rowId: 9, field: 'plannedPence', message: 'Only the ICB’s finance officers can change its figures' },
    ]);
  });
});
