// The grid's block actions as keys and buttons reach them (fill, clear, copy, cut, paste), each saying on the status
// line why when it does nothing: nothing selected, one row to fill down, the totals row, a refused cell. On the totals
// row a paste goes below the last row (adding rows, as pasting past the end does) and a copy takes the total. What each
// action does to the cells is block.ts; this hook finds where it applies and reports.
import type { GridApi } from 'ag-grid-community';
import { useCallback, useState, type ClipboardEvent, type RefObject } from 'react';
import { clearBlock, copyBlock, firstRefusal, planPaste, whyNothingChanged, type BlockPlan, type SheetModel } from './block';
import { cellTextOf, type SheetColumn } from './cells';
import type { GridRow } from './column-defs';
import type { Rect } from './selection';
import { useClipboard } from './useClipboard';
import type { SheetSelection } from './useSelection';

type Plan<Row extends { id: number }> = (model: SheetModel<Row>, rect: Rect) => BlockPlan<Row>;

interface Options<Row extends { id: number }> {
  api: RefObject<GridApi<GridRow<Row>> | null>;
  model: () => SheetModel<Row>;
  displayedColumns: () => string[];
  columnByField: ReadonlyMap<string, SheetColumn<Row>>;
  /** The totals row's values, by field (undefined: the grid has no totals row). */
  totals: Record<string, unknown> | undefined;
  selection: Pick<SheetSelection, 'currentRect'>;
  isEditing: () => boolean;
  /** Save a plan (useSheetSave's run): all of it, or nothing with the refused cells marked. */
  run: (plan: BlockPlan<Row>) => Promise<boolean>;
}

export function useSheetActions<Row extends { id: number }>(options: Options<Row>) {
  const { api, model, displayedColumns, columnByField, totals, selection, isEditing, run } = options;
  const { currentRect } = selection;

  /** Why the last key or button did nothing, for the status line. */
  const [message, setMessage] = useState<string | null>(null);
  const say = useCallback((text: string | null) => setMessage(text), []);

  /** Send a plan, saying why it sends nothing (each refused cell is also listed in the banner above the grid). */
  const runPlan = useCallback(
    (plan: BlockPlan<Row>, nothing: () => string) => {
      const refusal = firstRefusal(plan);
      say(refusal ? `Not saved: ${refusal}` : plan.changes.length === 0 ? nothing() : null);
      void run(plan);
    },
    [run, say],
  );

  /** The focused cell when it is on the totals row (pinned at the bottom), else null. */
  const focusedTotal = useCallback(() => {
    const focused = api.current?.getFocusedCell();
    return focused?.rowPinned ? focused : null;
  }, [api]);

  const totalsRect = useCallback((): Rect | null => {
    const focused = focusedTotal();
    const col = focused ? displayedColumns().indexOf(focused.column.getColId()) : -1;
    if (col < 0) return null;
    const below = model().rows.length;
    return { top: below, bottom: below, left: col, right: col };
  }, [focusedTotal, displayedColumns, model]);

  const copyTotal = useCallback((): string | null => {
    const focused = focusedTotal();
    const column = focused ? columnByField.get(focused.column.getColId()) : undefined;
    if (!focused || !column) return null;
    const total = totals?.[column.field];
    return total === undefined || total === null ? '' : cellTextOf(total, column);
  }, [focusedTotal, columnByField, totals]);

  /** A block action on the current selection (fill down, fill empty, clear), saying why when it does nothing. */
  const onSelection = useCallback(
    (plan: Plan<Row>, action: 'fill' | 'clear') => {
      const rect = currentRect();
      if (!rect) {
        say(
          focusedTotal()
            ? `The totals row adds up the rows above it: select cells above it to ${action}`
            : `Select the cells to ${action} first (click a cell, then Shift+click or Shift+arrows)`,
        );
        return;
      }
      if (action === 'fill' && rect.top === rect.bottom) {
        say('Fill down copies the top row of the selection into the rows below it: select two rows or more first (Shift+Down)');
        return;
      }
      const m = model();
      runPlan(plan(m, rect), () => whyNothingChanged(m, rect, action));
    },
    [currentRect, focusedTotal, model, runPlan, say],
  );

  const copy = useCallback((rect: Rect) => copyBlock(model(), rect), [model]);
  const paste = useCallback(
    (rect: Rect, text: string) => runPlan(planPaste(model(), rect, text), () => 'Nothing to paste: the cells already hold those values'),
    [model, runPlan],
  );
  const { onCopy, onPaste } = useClipboard({ isEditing, currentRect, totalsRect, copy, copyTotal, paste, say });

  /** Ctrl+X: copy the selection, then clear it (one save), as a spreadsheet cuts. */
  const onCut = useCallback(
    (event: ClipboardEvent<HTMLDivElement>) => {
      if (isEditing()) return;
      onCopy(event);
      if (focusedTotal()) say('The totals row adds up the rows above it and cannot be cut: its total was copied');
      else onSelection(clearBlock, 'clear');
    },
    [isEditing, onCopy, focusedTotal, say, onSelection],
  );

  return { message, say, runPlan, onSelection, focusedTotal, onCopy, onPaste, onCut };
}
