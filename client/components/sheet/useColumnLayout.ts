// A sheet's column widths and its person's saved layout. Columns are fitted to their widest figure (fit-columns.ts)
// whenever the rows, the totals or the columns change, except the columns this person sized themselves (by dragging,
// or in their saved layout): those keep their width, and a figure too wide for it shows as cut (fit-cell.ts). The
// layout (order, sort, visibility, and widths only of the columns the person sized) is saved a moment after a change.
import type { ColumnResizedEvent, ColumnState, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import type { SheetColumn } from './cells';
import { fitStrategyOf, layoutToSave, sizedIn } from './fit-columns';

export interface SavedLayout {
  saved: ColumnState[] | null;
  onChange: (state: ColumnState[] | null) => void;
}

export interface ColumnLayout {
  /** Fit the columns nobody sized to their cells (ag-grid's autoSizeColumns). */
  fit: () => void;
  /** Save the layout soon (a sort, a move, a column shown or hidden). */
  saveLayout: () => void;
  /** A resize finished: the person's own is theirs to keep (the fitting's resizes are redone on each load). */
  onColumnResized: (event: ColumnResizedEvent) => void;
  /** "Reset columns": forget the person's layout and fit every column again. */
  reset: () => void;
}

export function useColumnLayout<T, Row>(
  api: RefObject<GridApi<T> | null>,
  columns: readonly SheetColumn<Row>[],
  layout: SavedLayout | undefined,
): ColumnLayout {
  const userSized = useRef(new Set(sizedIn(layout?.saved)));
  const strategy = useMemo(() => fitStrategyOf(columns), [columns]);
  // ag-grid's own continuous fitting re-sized a person's saved width when the column definitions were made again, so
  // the grid is asked to fit, by name, only the columns nobody sized, after each change of rows, totals or columns.
  const fit = useCallback(() => {
    const grid = api.current;
    if (!grid || grid.isDestroyed()) return;
    const colIds = (strategy.colIds ?? []).filter((id) => !userSized.current.has(id) && grid.getColumn(id));
    if (colIds.length > 0) grid.autoSizeColumns({ colIds, columnLimits: strategy.columnLimits });
  }, [api, strategy]);
  useEffect(fit, [fit]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveLayout = useCallback(() => {
    if (!layout) return;
    if (timer.current) clearTimeout(timer.current);
    const onChange = layout.onChange;
    timer.current = setTimeout(() => {
      const state = api.current?.getColumnState();
      if (state) onChange(layoutToSave(state, userSized.current));
    }, 400);
  }, [api, layout]);

  const onColumnResized = useCallback(
    (event: ColumnResizedEvent) => {
      if (!event.finished || event.source !== 'uiColumnResized') return;
      for (const c of event.columns ?? []) userSized.current.add(c.getColId());
      saveLayout();
    },
    [saveLayout],
  );

  const reset = useCallback(() => {
    api.current?.resetColumnState();
    userSized.current.clear();
    fit();
    layout?.onChange(null);
  }, [api, fit, layout]);

  return { fit, saveLayout, onColumnResized, reset };
}
