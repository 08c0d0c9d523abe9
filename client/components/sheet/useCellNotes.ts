// What others have put on the grid's cells, apart from the figures: comment threads (a corner mark, opened by Shift+F2
// or the toolbar's "Comment") and the cells colleagues have selected (outlined). Both are read through refs, so a new
// list redraws the cells' classes without new column definitions (which would end an edit in progress).
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { SheetColumn } from './cells';
import type { GridRow } from './column-defs';
import { refreshCellsBesideEdits } from './refresh-cells';

/** Comment threads on the grid's cells (conversation on the figures): which cells carry the corner mark (and "has
 * comments" for screen readers), and opening the thread of a cell (Shift+F2, the toolbar's "Comment"). */
export interface SheetThreads<Row> {
  has: (row: Row, field: string) => boolean;
  /** `label` names the cell in words; `returnFocus` puts the keyboard back on the cell when the thread closes. */
  open: (row: Row, field: string, how: { label: string; returnFocus: () => void }) => void;
}

interface Options<Row extends { id: number }> {
  api: RefObject<GridApi<GridRow<Row>> | null>;
  threads: SheetThreads<Row> | undefined;
  /** A class for a cell a colleague has selected, or null. */
  cellMark: ((row: Row, field: string) => string | null) | undefined;
  columns: readonly SheetColumn<Row>[];
  displayedRow: (index: number) => Row | null;
  describeRow: (row: Row) => string;
}

export function useCellNotes<Row extends { id: number }>({ api, threads, cellMark, columns, displayedRow, describeRow }: Options<Row>) {
  const threadsRef = useRef(threads);
  threadsRef.current = threads;
  const hasThread = useCallback((row: Row, field: string) => threadsRef.current?.has(row, field) ?? false, []);
  useEffect(() => {
    refreshCellsBesideEdits(api.current, { force: true });
  }, [api, threads]);

  const markRef = useRef(cellMark);
  markRef.current = cellMark;
  const markOf = useCallback((row: Row, field: string) => markRef.current?.(row, field) ?? null, []);
  useEffect(() => refreshCellsBesideEdits(api.current), [api, cellMark]);

  /** Open the thread of the cell at this displayed row and field (or start one); false when there is no such cell. */
  const openThread = useCallback(
    (rowIndex: number, field: string): boolean => {
      const row = displayedRow(rowIndex);
      const column = columns.find((c) => c.field === field);
      if (!row || !column || !threadsRef.current) return false;
      const returnFocus = () => {
        const index = api.current?.getRowNode(String(row.id))?.rowIndex;
        if (index === null || index === undefined) return;
        api.current?.ensureIndexVisible(index);
        api.current?.setFocusedCell(index, field);
      };
      const label = field === columns[0]?.field ? describeRow(row) : `${column.header} of ${describeRow(row)}`;
      threadsRef.current.open(row, field, { label, returnFocus });
      return true;
    },
    [api, displayedRow, columns, describeRow],
  );

  /** The toolbar's "Comment": the focused cell's thread; false when no cell of a row is focused. */
  const openFocusedThread = useCallback((): boolean => {
    const focused = api.current?.getFocusedCell();
    return !!focused && !focused.rowPinned && openThread(focused.rowIndex, focused.column.getColId());
  }, [api, openThread]);

  return { hasThread, markOf, openThread, openFocusedThread };
}
