// Locked cells in the grid's block logic, without a browser (client/components/sheet/locks.ts and block.ts's cellBlock):
// a plan's lock holds the planned figures and a return's lock its quarter's actuals, so a paste, a fill, a clear or a
// toolbar action that reaches a locked cell is refused at that cell with the lock's reason, and nothing is sent; the
// cells no lock covers still take values.
import { describe, expect, it } from 'vitest';
import {
  blockOfCell,
  clearBlock,
  fillDown,
  lockedCells,
  planEdit,
  planPaste,
  typingRefusal,
  type SheetModel,
} from '../../client/components/sheet/block';
import type { SheetColumn } from '../../client/components/sheet/cells';
import { actualLockOf, contributionCellLock, planLockOf, schemeCellLock } from '../../client/components/sheet/locks';
import type { Rect } from '../../client/components/sheet/selection';
import { checkWith } from '../../client/components/sheet/validate';
import { contributionPatch } from '../../shared/schemas';
import type { FundLock } from '../../shared/schema/submission';

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

const PLAN: FundLock = { kind: 'plan', covers: { plan: true, actualQuarters: [] }, reason: 'Locked by the 2025/26 plan' };
const Q1: FundLock = { kind: 'q1', covers: { plan: false, actualQuarters: [1] }, reason: 'Locked by the 2025/26 Q1 return' };

const columns: SheetColumn<Row>[] = [
  { field: 'quarter', header: 'Quarter', kind: 'choice', choices: [1, 2, 3, 4].map((q) => ({ value: q, label: `Q${q}` })) },
  { field: 'plannedPence', header: 'Planned (£)', kind: 'money' },
  { field: 'actualPence', header: 'Actual (£)', kind: 'money' },
  { field: 'note', header: 'Note', kind: 'text', maxLength: 2000 },
];
const PLANNED = 1;
const ACTUAL = 2;
const NOTE = 3;

const row = (id: number, quarter: number): Row => ({
  id,
  version: 1,
  orgId: 1,
  source: 'la_bcf',
  quarter,
  plannedPence: 100_00,
  actualPence: 0,
  note: '',
});
const ROWS = [row(1, 1), row(2, 2)];

function model(locks: readonly FundLock[], editBlock: (r: Row) => string | null = () => null): SheetModel<Row> {
  return { columns, rows: ROWS, editBlock, cellBlock: contributionCellLock(locks), validate: checkWith(contributionPatch) };
}
const at = (top: number, left: number, bottom = top, right = left): Rect => ({ top, left, bottom, right });

describe('which cells a fund’s locks hold', () => {
  it('the plan holds planned figures and what names them; a quarter’s return its actuals; the note is never locked', () => {
    const cell = contributionCellLock([PLAN, Q1]);
    expect(cell(row(1, 1), 'plannedPence')).toBe(PLAN.reason);
    expect(cell(row(1, 1), 'actualPence')).toBe(Q1.reason);
    expect(cell(row(2, 2), 'actualPence')).toBeNull();
    expect(cell(row(2, 2), 'quarter')).toBe(PLAN.reason);
    expect(cell(row(1, 1), 'note')).toBeNull();
    // Partner, source and quarter are held by whichever lock holds a figure the row carries: a Q1 row with an actual
    // cannot move out of Q1 while its return is approved; with no actual it can (as the server's rule says).
    expect(contributionCellLock([Q1])({ ...row(1, 1), actualPence: 5_00 }, 'quarter')).toBe(Q1.reason);
    expect(contributionCellLock([Q1])(row(1, 1), 'quarter')).toBeNull();
    expect(contributionCellLock([])(row(1, 1), 'plannedPence')).toBeNull();
    expect(planLockOf([Q1])).toBeNull();
    expect(actualLockOf([PLAN, Q1], 1)).toBe(Q1.reason);
  });

  it('a scheme: every field under the plan, a quarter’s actual under its return only', () => {
    const cell = schemeCellLock([PLAN, Q1]);
    expect(cell(null, 'name')).toBe(PLAN.reason);
    expect(cell(null, 'q3PlannedPence')).toBe(PLAN.reason);
    expect(cell(null, 'q1ActualPence')).toBe(Q1.reason);
    expect(cell(null, 'q2ActualPence')).toBeNull();
    expect(schemeCellLock([Q1])(null, 'name')).toBeNull();
  });

  it('the row’s own refusal (another partner’s row) comes before the cell’s lock', () => {
    const m = model([PLAN], () => 'Only the ICB’s finance officers can change its figures');
    expect(blockOfCell(m, row(1, 1), 'plannedPence')).toBe('Only the ICB’s finance officers can change its figures');
    expect(blockOfCell(model([PLAN]), row(1, 1), 'plannedPence')).toBe(PLAN.reason);
    expect(blockOfCell(model([PLAN]), row(1, 1), 'note')).toBeNull();
  });
});

describe('every path into a locked cell is refused at that cell, with nothing to send', () => {
  it('typing', () => {
    const m = model([PLAN, Q1]);
    expect(typingRefusal(columns[PLANNED], row(2, 2), (r, f) => blockOfCell(m, r, f))).toBe(PLAN.reason);
    expect(typingRefusal(columns[ACTUAL], row(2, 2), (r, f) => blockOfCell(m, r, f))).toBeNull();
    const edit = planEdit(m, { row: 0, col: PLANNED }, '5');
    expect(edit).toEqual({ changes: [], cellErrors: [{ rowId: 1, field: 'plannedPence', message: PLAN.reason }], newRowErrors: [] });
  });

  it('a paste over planned and actual cells: the locked ones marked, nothing sent; over the actuals of Q2 only, saved', () => {
    const m = model([PLAN, Q1]);
    const refused = planPaste(m, at(0, PLANNED), '1\t2\n3\t4');
    expect(refused.changes).toEqual([]);
    expect(refused.cellErrors).toEqual([
      { rowId: 1, field: 'plannedPence', message: PLAN.reason },
      { rowId: 1, field: 'actualPence', message: Q1.reason },
      { rowId: 2, field: 'plannedPence', message: PLAN.reason },
    ]);
    const saved = planPaste(m, at(1, ACTUAL), '4\tpaid');
    expect(saved.cellErrors).toEqual([]);
    expect(saved.changes).toEqual([{ kind: 'update', row: ROWS[1], values: { actualPence: 400, note: 'paid' } }]);
  });

  it('a fill and a clear reaching a locked cell', () => {
    const m = model([PLAN]);
    expect(fillDown(m, at(0, PLANNED, 1, PLANNED)).cellErrors).toEqual([{ rowId: 2, field: 'plannedPence', message: PLAN.reason }]);
    const cleared = clearBlock(m, at(0, ACTUAL, 1, NOTE));
    expect(cleared.cellErrors).toEqual([]);
    expect(clearBlock(m, at(0, PLANNED)).cellErrors).toEqual([{ rowId: 1, field: 'plannedPence', message: PLAN.reason }]);
  });

  it('a toolbar action (copy previous quarter) setting planned figures', () => {
    const m = model([PLAN]);
    const changes = [{ kind: 'update' as const, row: ROWS[1] ?? row(2, 2), values: { plannedPence: 1 } }];
    expect(lockedCells(changes, (r, f) => blockOfCell(m, r, f))).toEqual([{ rowId: 2, field: 'plannedPence', message: PLAN.reason }]);
    expect(lockedCells(changes, (r, f) => blockOfCell(model([Q1]), r, f))).toEqual([]);
  });

  it('a paste past the last row while the plan is locked: no row is added, the lock named', () => {
    const m = { ...model([PLAN]), newRow: () => ({ orgId: 1, source: 'la_bcf', quarter: 3 }), newRowBlock: PLAN.reason };
    const plan = planPaste(m, at(1, NOTE), 'a\nb');
    expect(plan.changes).toEqual([]);
    expect(plan.newRowErrors).toEqual([`Row 2 of the pasted block runs past the last row, and no row can be added: ${PLAN.reason}`]);
  });
});
