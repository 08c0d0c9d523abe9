// The rows this grid has a cell editor open (or opening) in, told to live changes from others while the grid is on the
// page (client/live/editing-rows.ts): a colleague's change to such a row waits for the edit to end.
import type { GridApi } from 'ag-grid-community';
import { useEffect, type RefObject } from 'react';
import { registerEditingRows } from '../../live/editing-rows';
import type { GridRow } from './column-defs';

export function useEditingRows<Row extends { id: number }>(api: RefObject<GridApi<GridRow<Row>> | null>): void {
  useEffect(
    () =>
      registerEditingRows(() =>
        (api.current?.getEditingCells() ?? []).flatMap((cell) => {
          const node = cell.rowPinned ? null : api.current?.getDisplayedRowAtIndex(cell.rowIndex);
          return node?.data && !node.data.isTotal ? [node.data.data.id] : [];
        }),
      ),
    [api],
  );
}
