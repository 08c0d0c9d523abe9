// A sheet's column widths and its person's saved layout. Columns are fitted to their widest figure (fit-columns.ts)
// whenever the rows, the totals or the columns change, and widened when cells draw a wider text (scrolled into view),
// except the columns this person sized themselves (by dragging, or in their saved layout): those keep their width, and
// a figure too wide for it shows as cut (fit-cell.ts). The layout (order, sort, visibility, and widths only of the
// columns the person sized) is saved a moment after a change.
import type { ColumnResizedEvent, ColumnState, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import type { SheetColumn } from './cells';
import { fitColumnsWith, requestFit, type FitKind } from './fit-cell';
import { fitColumnsTo, fitStrategyOf, layoutToSave, sizedIn } from './fit-columns';

export interface SavedLayout {
  saved: ColumnState[] | null;
  onChange: (state: ColumnState[] | null) => void;
}

export interface ColumnLayout {
  /** Fit the columns nobody sized to their cells (ag-grid's autoSizeColumns), in the next frame, once drawn. */
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
  /** The element the grid is drawn in (its cells are measured there). */
  root: RefObject<HTMLElement | null>,
): ColumnLayout {
  const userSized = useRef(new Set(sizedIn(layout?.saved)));
  /** Whether a fit has set the widths since the last full fit: only then may a `grow` fit keep them as a floor. */
  const fitted = useRef(false);
  const strategy = useMemo(() => fitStrategyOf(columns), [columns]);
  // ag-grid's own continuous fitting re-sized a person's saved width when the column definitions were made again, so
  // the grid is asked to fit, by name, only the columns nobody sized: in full after each change of rows, totals or
  // columns, and growing only when cells draw new text (fit-cell.ts runs both once the cells have their text).
  const fitNow = useCallback(
    (kind: FitKind) => {
      const grid = api.current;
      if (!grid || grid.isDestroyed()) return;
      const floor = kind === 'grow' && fitted.current;
      if (kind === 'full') fitted.current = false;
      const colIds = (strategy.colIds ?? []).filter((id) => !userSized.current.has(id) && grid.getColumn(id));
      fitColumnsTo(grid, colIds, strategy.columnLimits ?? [], floor, root.current);
    },
    [api, strategy, root],
  );
  const fit = useCallback(() => {
    const grid = api.current;
    if (!grid || grid.isDestroyed()) return;
    fitColumnsWith(grid, fitNow);
    requestFit(grid, 'full');
  }, [api, fitNow]);
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
      if (event.source === 'autosizeColumns') fitted.current = true;
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
