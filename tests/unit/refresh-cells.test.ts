// Redrawing the grid's cells never touches a cell being edited (client/components/sheet/refresh-cells.ts): ag-grid's
// refreshCells re-opens the editor of an editing cell that React has not drawn yet, without the key that opened it.
// A stand-in for the grid's API records which cells each refreshCells call reaches, as ag-grid picks them: the drawn
// rows (or those named) and the pinned rows, crossed with every column (or those named).
import type { GridApi } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import { refreshCellsBesideEdits } from '../../client/components/sheet/refresh-cells';

interface FakeNode {
  rowIndex: number;
  rowPinned: 'top' | 'bottom' | null;
}
interface FakeColumn {
  getColId: () => string;
}

function fakeGrid(editing: { row: number; col: string }[]) {
  const columns: FakeColumn[] = ['orgId', 'plannedPence', 'actualPence'].map((id) => ({ getColId: () => id }));
  const drawn: FakeNode[] = [0, 1, 2, 3].map((rowIndex) => ({ rowIndex, rowPinned: null }));
  const totals: FakeNode = { rowIndex: 0, rowPinned: 'bottom' };
  const reached: string[] = [];
  const calls: { force?: boolean }[] = [];
  const name = (node: FakeNode, column: FakeColumn) => `${node.rowPinned ?? 'body'}:${node.rowIndex}:${column.getColId()}`;
  const api = {
    getEditingCells: () => editing.map((e) => ({ rowIndex: e.row, rowPinned: null, column: columns.find((c) => c.getColId() === e.col) })),
    getColumns: () => columns,
    getRenderedNodes: () => drawn,
    getPinnedTopRowCount: () => 0,
    getPinnedTopRow: () => undefined,
    getPinnedBottomRowCount: () => 1,
    getPinnedBottomRow: (i: number) => (i === 0 ? totals : undefined),
    refreshCells: (params: { rowNodes?: FakeNode[]; columns?: FakeColumn[]; force?: boolean } = {}) => {
      calls.push({ force: params.force });
      for (const node of params.rowNodes ?? [...drawn, totals])
        for (const column of params.columns ?? columns) reached.push(name(node, column));
    },
  };
  const every = [...drawn, totals].flatMap((node) => columns.map((column) => name(node, column)));
  return { api: api as unknown as GridApi, reached, calls, every };
}

describe('refreshCellsBesideEdits', () => {
  it('with no cell being edited, redraws every cell in one call, as asked (forced or not)', () => {
    const grid = fakeGrid([]);
    refreshCellsBesideEdits(grid.api, { force: true });
    expect(grid.calls).toEqual([{ force: true }]);
    expect(grid.reached.sort()).toEqual([...grid.every].sort());
  });

  it('with a cell being edited, redraws every other cell exactly once (the totals row too), and never that one', () => {
    const grid = fakeGrid([{ row: 2, col: 'plannedPence' }]);
    refreshCellsBesideEdits(grid.api, { force: true });
    expect(grid.reached).not.toContain('body:2:plannedPence');
    expect(grid.reached.sort()).toEqual(grid.every.filter((c) => c !== 'body:2:plannedPence').sort());
    expect(grid.calls.every((c) => c.force === true)).toBe(true);
  });

  it('does nothing before the grid is ready', () => {
    expect(() => refreshCellsBesideEdits(null)).not.toThrow();
  });
});
