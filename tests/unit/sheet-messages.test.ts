// What the status line under a grid says when a key does nothing (client/components/sheet/block.ts): typing into the
// totals row, a computed cell or a locked row; a fill or a clear with nothing to change; the first refusal of a plan.
import { describe, expect, it } from 'vitest';
import {
  clearBlock,
  fillDown,
  firstRefusal,
  planPaste,
  typingRefusal,
  whyNothingChanged,
  type SheetModel,
} from '../../client/components/sheet/block';
import type { SheetColumn } from '../../client/components/sheet/cells';

interface Row {
  id: number;
  orgId: number;
  plannedPence: number;
  note: string;
}

const columns: SheetColumn<Row>[] = [
  {
    field: 'orgId',
    header: 'Partner',
    kind: 'choice',
    choices: [
      { value: 1, label: 'Council' },
      { value: 2, label: 'ICB' },
    ],
  },
  { field: 'plannedPence', header: 'Planned (£)', kind: 'money' },
  { field: 'variancePence', header: 'Variance (£)', kind: 'computed', compute: (r) => -r.plannedPence },
  { field: 'note', header: 'Note', kind: 'text' },
];
const locked = 'Only the ICB’s finance officers can change its figures';
const model: SheetModel<Row> = {
  columns,
  rows: [
    { id: 1, orgId: 1, plannedPence: 500, note: '' },
    { id: 2, orgId: 1, plannedPence: 500, note: '' },
    { id: 3, orgId: 2, plannedPence: 700, note: 'x' },
  ],
  editBlock: (row) => (row.orgId === 2 ? locked : null),
  validate: () => null,
};
const [council, , icb] = model.rows;
const rect = (top: number, bottom: number, left: number, right: number) => ({ top, bottom, left, right });

describe('why a key does nothing', () => {
  it('typing: the totals row, a computed column, a locked row; an input cell of an open row takes it', () => {
    expect(typingRefusal(columns[1], null, model.editBlock)).toMatch(/^The totals row adds up the rows above it/);
    expect(typingRefusal(columns[2], council ?? null, model.editBlock)).toBe(
      'Variance (£) is worked out by the tool and cannot be typed in',
    );
    expect(typingRefusal(columns[1], icb ?? null, model.editBlock)).toBe(locked);
    expect(typingRefusal(columns[1], council ?? null, model.editBlock)).toBeNull();
  });

  it('a clear over computed cells or a choice that cannot be empty says which; over empty cells, that they are empty', () => {
    expect(clearBlock(model, rect(0, 0, 2, 2)).changes).toEqual([]);
    expect(whyNothingChanged(model, rect(0, 0, 2, 2), 'clear')).toBe('Nothing to clear: Variance (£) is worked out by the tool');
    expect(whyNothingChanged(model, rect(0, 0, 0, 0), 'clear')).toBe('Nothing to clear: Partner cannot be left empty');
    expect(clearBlock(model, rect(0, 0, 3, 3)).changes).toEqual([]);
    expect(whyNothingChanged(model, rect(0, 0, 3, 3), 'clear')).toBe('Nothing to clear: the selected cells are already empty');
  });

  it('a fill that changes nothing says the cells already hold the values', () => {
    expect(fillDown(model, rect(0, 1, 1, 1)).changes).toEqual([]);
    expect(whyNothingChanged(model, rect(0, 1, 1, 1), 'fill')).toBe('Nothing to fill: the cells below already hold the top row’s values');
    expect(whyNothingChanged(model, rect(0, 1, 2, 2), 'fill')).toBe('Nothing to fill: Variance (£) is worked out by the tool');
  });

  it('the first refusal of a plan: a locked row, or rows past the end of a grid that cannot add them', () => {
    expect(firstRefusal(fillDown(model, rect(1, 2, 1, 1)))).toBe(locked);
    expect(firstRefusal(planPaste(model, rect(3, 3, 1, 1), '100'))).toBe(
      'Row 1 of the pasted block runs past the last row, and this grid cannot add rows',
    );
    expect(firstRefusal(planPaste({ ...model, newRow: () => ({ orgId: 1 }) }, rect(3, 3, 1, 1), '100'))).toBeNull();
  });
});
