// Where the keyboard is sent in the grid from outside it: a cell asked for by another part of the page (a checklist
// item's link to its cell), and the first cell (the page's "Skip to grid" link, and a fund opened from its list by
// keyboard).
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import { registerSkipTarget } from '../SkipLink';

export function useFocusRequests<T>(
  api: RefObject<GridApi<T> | null>,
  request: { rowId: number; field: string; seq: number } | null | undefined,
  collapse: () => void,
) {
  useEffect(() => {
    const grid = api.current;
    if (!request || !grid) return;
    const node = grid.getRowNode(String(request.rowId));
    if (!node || node.rowIndex === null) return;
    grid.ensureIndexVisible(node.rowIndex);
    grid.ensureColumnVisible(request.field);
    grid.setFocusedCell(node.rowIndex, request.field);
    collapse();
  }, [api, request, collapse]);

  const wrapper = useRef<HTMLDivElement | null>(null);
  const focusFirstCell = useCallback(() => {
    const grid = api.current;
    const first = grid?.getAllDisplayedColumns()[0];
    if (!grid || !first) return;
    grid.ensureColumnVisible(first);
    if (grid.getDisplayedRowCount() > 0) {
      grid.ensureIndexVisible(0);
      grid.setFocusedCell(0, first);
    } else {
      grid.setFocusedHeader(first);
    }
    collapse();
  }, [api, collapse]);
  useEffect(() => registerSkipTarget({ kind: 'grid', element: () => wrapper.current, focus: focusFirstCell }), [focusFirstCell]);

  return { wrapper, focusFirstCell };
}
