// The grid's rectangular selection (ag-grid Community has none): a click selects one cell, Shift+click and
// Shift+arrows extend it from its anchor, moving without Shift collapses it. Positions are displayed ones (after sort
// and filter); the rectangle itself is pure (selection.ts).
import type { GridApi } from 'ag-grid-community';
import { useCallback, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { isSingleCell, rectOf, type CellPos, type Rect, type Selection } from './selection';

export interface SheetSelection {
  /** The selected rectangle, or the focused cell alone when nothing is selected; null when no cell has the focus. */
  currentRect: () => Rect | null;
  /** The selected rectangle when it holds more than one cell. */
  block: () => Rect | null;
  /** How many cells are selected (0 for one cell or none), for the status line to say. */
  size: number;
  /** The selected rectangle when it holds more than one cell, as state: the status line's Sum follows it live. */
  rect: Rect | null;
  /** The style rule that paints the selection. */
  css: string;
  /** Back to the focused cell alone. */
  collapse: () => void;
  /** Shift+arrow: move the selection's free corner one cell, and the focus with it. */
  extend: (key: string) => void;
  /** Ctrl+A: every cell shown (the focus stays where it is, as in a spreadsheet); false when the grid has no rows. */
  selectAll: () => boolean;
  onMouseDownCapture: (event: MouseEvent<HTMLDivElement>) => void;
}

const STEPS: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };

export function useSelection<T>(api: RefObject<GridApi<T> | null>, displayedColumns: () => string[]): SheetSelection {
  const selection = useRef<Selection | null>(null);
  const [shownRect, setShownRect] = useState<Rect | null>(null);
  const [css, setCss] = useState('');

  /** The focused cell as a displayed position (not the totals row). */
  const focusedPos = useCallback((): CellPos | null => {
    const focused = api.current?.getFocusedCell();
    if (!focused || focused.rowPinned) return null;
    const col = displayedColumns().indexOf(focused.column.getColId());
    return col < 0 ? null : { row: focused.rowIndex, col };
  }, [api, displayedColumns]);

  /** The selection is drawn with a style rule naming its cells by row-index and col-id, not by re-rendering cells: a
   * re-render would take the browser's focus away from the cell in the middle of Shift+arrows. */
  const repaint = useCallback(() => {
    const sel = selection.current;
    const rect = sel && !isSingleCell(sel) ? rectOf(sel) : null;
    setShownRect((prev) => (sameRect(prev, rect) ? prev : rect));
    if (!rect) {
      setCss('');
      return;
    }
    const cols = displayedColumns()
      .slice(rect.left, rect.right + 1)
      .map((c) => `[col-id="${CSS.escape(c)}"]`)
      .join(',');
    const rows = Array.from(
      { length: rect.bottom - rect.top + 1 },
      (_, i) => `.sheet-grid .ag-row[row-index="${rect.top + i}"] :is(${cols})`,
    );
    setCss(`${rows.join(',\n')} { background: #d2e2f1 !important; box-shadow: inset 0 0 0 1px #1d70b8; }`);
  }, [displayedColumns]);

  const currentRect = useCallback((): Rect | null => {
    if (selection.current) return rectOf(selection.current);
    const here = focusedPos();
    return here ? { top: here.row, bottom: here.row, left: here.col, right: here.col } : null;
  }, [focusedPos]);

  const block = useCallback(
    (): Rect | null => (selection.current && !isSingleCell(selection.current) ? rectOf(selection.current) : null),
    [],
  );

  const collapse = useCallback(() => {
    if (!selection.current) return;
    selection.current = null;
    repaint();
  }, [repaint]);

  const extend = useCallback(
    (key: string) => {
      const grid = api.current;
      const here = focusedPos();
      const step = STEPS[key];
      if (!grid || !here || !step) return;
      const cols = displayedColumns();
      const sel = selection.current ?? { anchor: here, focus: here };
      // ag-grid focuses the cell itself; we move the focus with the selection's moving corner.
      const next = {
        row: Math.max(0, Math.min(grid.getDisplayedRowCount() - 1, sel.focus.row + step[0])),
        col: Math.max(0, Math.min(cols.length - 1, sel.focus.col + step[1])),
      };
      selection.current = { anchor: sel.anchor, focus: next };
      grid.setFocusedCell(next.row, cols[next.col] ?? '');
      repaint();
    },
    [api, focusedPos, displayedColumns, repaint],
  );

  const selectAll = useCallback((): boolean => {
    const rowCount = api.current?.getDisplayedRowCount() ?? 0;
    const colCount = displayedColumns().length;
    if (rowCount === 0 || colCount === 0) return false;
    selection.current = { anchor: { row: 0, col: 0 }, focus: { row: rowCount - 1, col: colCount - 1 } };
    repaint();
    return true;
  }, [api, displayedColumns, repaint]);

  /** Clicks set the selection on mousedown, synchronously (ag-grid's cellClicked event arrives later, after keys
   * pressed straight after the click): a click selects one cell, Shift+click extends from the anchor (or from the
   * focused cell when nothing was selected yet). */
  const onMouseDownCapture = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const target = event.target as HTMLElement;
      const cellEl = target.closest('[col-id]');
      const rowEl = target.closest('[row-index]');
      const rowIndex = Number(rowEl?.getAttribute('row-index'));
      if (!cellEl || !rowEl || !Number.isInteger(rowIndex) || target.closest('.ag-header')) return;
      const col = displayedColumns().indexOf(cellEl.getAttribute('col-id') ?? '');
      if (col < 0) return;
      const here = { row: rowIndex, col };
      const anchor = selection.current?.anchor ?? focusedPos();
      selection.current = event.shiftKey && anchor ? { anchor, focus: here } : { anchor: here, focus: here };
      repaint();
    },
    [displayedColumns, focusedPos, repaint],
  );

  const size = shownRect ? (shownRect.bottom - shownRect.top + 1) * (shownRect.right - shownRect.left + 1) : 0;
  return { currentRect, block, size, rect: shownRect, css, collapse, extend, selectAll, onMouseDownCapture };
}

function sameRect(a: Rect | null, b: Rect | null): boolean {
  if (!a || !b) return a === b;
  return a.top === b.top && a.bottom === b.bottom && a.left === b.left && a.right === b.right;
}
