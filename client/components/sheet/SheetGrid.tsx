// The one spreadsheet-like grid every table of figures uses (contributions, schemes, scenario lines, outcomes, benefit
// lines). ag-grid-community draws it; the habits Community lacks are built on its public API:
// - keyboard: arrows, typing starts an edit, Enter/Tab commit and move (Shift reverses), Esc, F2, Delete clears;
//   "=1200*4" and "+250" in money cells;
// - a rectangular selection (Shift+click, Shift+arrows), Ctrl+C as tab-separated text Excel reads;
// - Ctrl+V of a block copied from Excel, from the focused cell, adding rows past the end;
// - Ctrl+D fill down and "fill only empty cells";
// - Ctrl+Z / Ctrl+Y undo and redo through the server (ag-grid's own undo is wiped by sort, filter and new data);
// - sort and filter on every column, a frozen key column, a totals row that follows the filter, and a column layout
//   saved per person;
// - every figure in full: columns fit their widest figure, totals included, and refit when figures change
//   (useColumnLayout.ts, fit-columns.ts); a column the person narrowed marks a cut figure as `####` (fit-cell.ts);
// - the page's "Skip to grid" link lands in the first cell, as does opening the fund from its list by keyboard;
// - a cell someone else saved meanwhile: their value, and the choice to keep mine or take theirs;
// - a status line under the grid: why a key did nothing (never silently ignored), and a selection's Sum, Average and
//   Count; `?` or "Keyboard" lists every shortcut (shortcuts.ts, the same table as the README's).
// This file only wires keys and the grid's events to the rest: what a paste, fill or clear does is block.ts (pure,
// unit-tested), the selection and the clipboard are hooks, saving is useSheetSave. Every change, from one cell to a
// pasted block, goes to `onApply` as ONE list: the page sends it as one batch, so it is saved all or nothing and undone
// in one step. A block with any bad cell sends nothing and marks each bad cell.
//
// The grid runs with readOnlyEdit: ag-grid never writes into row objects; what it shows is what the server saved.
import type { CellEditRequestEvent, GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import './ag-grid-modules';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ConflictDialog } from '../ConflictDialog';
import {
  blockOfCell,
  clearBlock,
  fillDown,
  fillEmpty,
  lockedCells,
  planEdit,
  rowsOf,
  typingRefusal,
  type SheetChange,
  type SheetModel,
} from './block';
import { conflictText, type SheetColumn } from './cells';
import { columnDefsOf, type GridRow } from './column-defs';
import { DEFAULT_COL_DEF, rowIdOf, SHEET_THEME } from './grid-options';
import { selectionStats } from './selection-stats';
import { takeGridArrival } from '../SkipLink';
import { SheetErrors, SheetToolbar, type UndoState } from './SheetToolbar';
import { SheetStatus } from './SheetStatus';
import { ShortcutsDialog, useShortcutsKey } from './ShortcutsDialog';
import { useColumnLayout, type SavedLayout } from './useColumnLayout';
import type { ApplyOutcome } from './useGridApply';
import { useSelection } from './useSelection';
import { useTotalsRow } from './useTotalsRow';
import { useSheetActions } from './useSheetActions';
import { useSheetSave } from './useSheetSave';
import { useCellNotes, type SheetThreads } from './useCellNotes';
import { useFocusRequests } from './useFocusRequests';
import { refreshCellsBesideEdits } from './refresh-cells';
import { useEditingRows } from './useEditingRows';
import type { CellCheck } from './validate';

export type { SheetColumn } from './cells';
export type { SheetChange } from './block';
export type { ApplyOutcome } from './useGridApply';
export type { UndoState } from './SheetToolbar';
export type { SheetThreads } from './useCellNotes';
/** What the toolbar's extra actions (e.g. "copy previous quarter") can use. */
export interface SheetTools<Row> {
  /** The rows in the selection, or every row shown when nothing is selected. */
  selectedRows: () => Row[];
  apply: (changes: SheetChange<Row>[], what: string) => Promise<void>;
  /** Why this person can change none of the grid's rows (disable the action with it as the title), or null. */
  readOnly: string | null;
}

interface Props<Row extends { id: number }> {
  rows: readonly Row[];
  columns: readonly SheetColumn<Row>[];
  /** Why this person may not change the row, or null when they may. */
  editBlock: (row: Row) => string | null;
  /** Why one cell of a row this person may change is still read-only (a figure locked by sign-off), or null: shown at
   * the cell as a row's refusal is (grey, with the reason on hover and on the status line), and typing, paste, fill and
   * clear into it are refused there, with nothing sent. */
  cellBlock?: (row: Row, field: string) => string | null;
  /** The domain's check of one value (validate.ts: the shared zod schema), or null when it is fine. */
  validate: CellCheck;
  /** Defaults for a row created by pasting past the end; without it, pasting past the end is refused. */
  newRow?: () => Record<string, unknown>;
  /** Why no row may be added now (the plan locked by sign-off): a paste past the last row is refused with it. */
  newRowBlock?: string | null;
  onApply: (changes: SheetChange<Row>[]) => Promise<ApplyOutcome<Row>>;
  /** Complete a row's change with the values that must change with it (e.g. LA % = 100% − NHS % on a joint scheme). */
  completeChange?: (row: Row | null, values: Record<string, unknown>) => Record<string, unknown>;
  totals?: (rows: Row[]) => Record<string, unknown>;
  totalsLabel?: string;
  /** The column that shows the totals row's label (the first column unless said). */
  totalsLabelField?: string;
  rowActions?: (row: Row) => ReactNode;
  describeRow: (row: Row) => string;
  undo?: UndoState;
  /** Saved column layout (ag-grid column state) and where to save a changed one. */
  layout?: SavedLayout;
  toolbar?: (tools: SheetTools<Row>) => ReactNode;
  onShowHistory?: (row: Row, field: string | null) => void;
  /** Comment threads on the cells: their corner marks, and Shift+F2 or "Comment" to open one. */
  threads?: SheetThreads<Row>;
  /** What the grid holds, for its toolbar's accessible name ("Contributions"). */
  label: string;
  /** Move the keyboard focus to this cell (e.g. from a checklist's "go to the cell"); a new `seq` asks again. */
  focusRequest?: { rowId: number; field: string; seq: number } | null;
  /** The first rows are drawn (a page can then draw what it put off so they came first). */
  onFirstRows?: () => void;
  /** Who else has this cell selected, in words (client/live presence), or null: outlined, with the words on hover. */
  cellMark?: (row: Row, field: string) => string | null;
}

const AUTO_HEIGHT_ROWS = 100;
const NAVIGATION_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Tab', 'Enter', 'Home', 'End', 'PageUp', 'PageDown']);

export function SheetGrid<Row extends { id: number }>(props: Props<Row>) {
  const { rows, columns, editBlock, cellBlock, validate, describeRow, newRow, newRowBlock, completeChange } = props;
  const blockOf = useCallback((row: Row, field: string) => blockOfCell({ editBlock, cellBlock }, row, field), [editBlock, cellBlock]);
  const api = useRef<GridApi<GridRow<Row>> | null>(null);
  const save = useSheetSave(props.onApply);
  const columnByField = useMemo(() => new Map(columns.map((c) => [c.field, c])), [columns]);

  // ---- rows: the grid gets its own wrappers, never the query cache's objects (see research/stack.md) ----
  const gridRows = useMemo<GridRow<Row>[]>(() => rows.map((r) => ({ data: r, isTotal: false, id: String(r.id) })), [rows]);
  const { shown, refreshShown, pinnedBottom } = useTotalsRow(api, rows, props.totals);

  // ---- the grid as it is shown, for the block logic ----
  const displayedColumns = useCallback(() => (api.current?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()), []);
  const displayedRow = useCallback((index: number): Row | null => {
    const node = api.current?.getDisplayedRowAtIndex(index);
    return node?.data && !node.data.isTotal ? node.data.data : null;
  }, []);
  const model = useCallback((): SheetModel<Row> => {
    const shownRows: Row[] = [];
    for (let i = 0; i < (api.current?.getDisplayedRowCount() ?? 0); i++) {
      const row = displayedRow(i);
      if (row) shownRows.push(row);
    }
    return {
      columns: displayedColumns().map((field) => columnByField.get(field)),
      rows: shownRows,
      editBlock,
      cellBlock,
      validate,
      newRow,
      newRowBlock,
      completeChange,
    };
  }, [displayedColumns, displayedRow, columnByField, editBlock, cellBlock, validate, newRow, newRowBlock, completeChange]);

  const selection = useSelection(api, displayedColumns);
  const { collapse, extend, selectAll } = selection;
  const isEditing = useCallback(() => (api.current?.getEditingCells().length ?? 0) > 0, []);
  useEditingRows(api);
  const { run } = save;

  useEffect(() => {
    refreshCellsBesideEdits(api.current, { force: true });
    // A lock taken or lifted while the page is open changes which cells are grey and editable: redraw them.
  }, [save.errors, blockOf]);

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<GridRow<Row>>) => {
      const field = event.colDef.colId ?? event.colDef.field;
      if (!event.data || event.data.isTotal || !field || !columnByField.has(field)) return;
      void run(planEdit(model(), { row: event.node.rowIndex ?? 0, col: displayedColumns().indexOf(field) }, event.newValue));
    },
    [columnByField, displayedColumns, model, run],
  );

  // ---- fills, clears and the clipboard, each saying on the status line why when it does nothing ----
  const { message, say, runPlan, onSelection, onCopy, onPaste, onCut } = useSheetActions({
    api,
    model,
    displayedColumns,
    columnByField,
    totals: pinnedBottom[0]?.data as Record<string, unknown> | undefined,
    selection,
    isEditing,
    run,
  });

  // ---- the list of shortcuts: `?` anywhere on the page outside a field, or the toolbar's "Keyboard" button ----
  const [showKeys, setShowKeys] = useShortcutsKey();

  // ---- comment threads and colleagues' selected cells (useCellNotes.ts) ----
  const { hasThread, markOf, openThread, openFocusedThread } = useCellNotes({
    api,
    threads: props.threads,
    cellMark: props.cellMark,
    columns,
    displayedRow,
    describeRow,
  });

  const showHistory = useCallback(
    (rowIndex: number, field: string) => {
      const row = displayedRow(rowIndex);
      const column = columnByField.get(field);
      if (row && props.onShowHistory) props.onShowHistory(row, column && column.kind !== 'computed' ? field : null);
    },
    [displayedRow, columnByField, props],
  );

  // ---- keyboard: our shortcuts run before ag-grid's (capture phase); everything else is ag-grid's ----
  const onKeyDownCapture = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (isEditing()) return;
      const focused = api.current?.getFocusedCell();
      const inBody = !!focused && !focused.rowPinned;
      const ctrl = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const stop = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      // Each key says why when it does nothing; the next key starts with a clean status line.
      if (event.key !== 'Shift' && event.key !== 'Control' && event.key !== 'Alt' && event.key !== 'Meta') say(null);
      // `?` opens the list of keys, except on a text cell this person can type in, where it starts the text (as in
      // a spreadsheet): the "Keyboard" button opens the list from there.
      const focusedColumn = focused ? columnByField.get(focused.column.getColId()) : undefined;
      const typesText =
        focusedColumn?.kind === 'text' && inBody && !typingRefusal(focusedColumn, displayedRow(focused?.rowIndex ?? -1), blockOf);
      if (event.key === '?' && !ctrl && !event.altKey && !typesText) {
        stop();
        setShowKeys(true);
      } else if (ctrl && key === 'z' && !event.shiftKey) {
        stop();
        // The server holds the stack (the toolbar's label may lag a change just made): ask it, and say when it had none.
        if (!props.undo) say('This grid has no undo');
        else void props.undo.onUndo()?.then((done) => done || say('Nothing of yours to undo here'));
      } else if (ctrl && (key === 'y' || (key === 'z' && event.shiftKey))) {
        stop();
        if (!props.undo) say('This grid has no redo');
        else void props.undo.onRedo()?.then((done) => done || say('Nothing to redo'));
      } else if (ctrl && !event.shiftKey && (key === 's' || key === 'b' || key === 'i' || key === 'u')) {
        // Habits from a spreadsheet that have no meaning here: say so rather than open the browser's save dialog.
        stop();
        say(
          key === 's'
            ? 'Nothing to save: each change is saved when you press Enter, paste or fill'
            : 'This grid holds figures and text, not formatting',
        );
      } else if (ctrl && key === 'a') {
        stop();
        if (!selectAll()) say('Nothing to select: the grid shows no rows');
      } else if (ctrl && key === 'd') {
        stop();
        onSelection(fillDown, 'fill');
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && focused) {
        stop();
        if (inBody) onSelection(clearBlock, 'clear');
        else say('The totals row adds up the rows above it and cannot be cleared: clear cells above it instead');
      } else if (event.altKey && key === 'h' && focused) {
        stop();
        if (!props.onShowHistory) say('This grid keeps no history of its cells');
        else if (!inBody || !displayedRow(focused.rowIndex)) say('The totals row has no history of its own: Alt+H on a cell above it');
        else showHistory(focused.rowIndex, focused.column.getColId());
      } else if (event.key === 'F2' && event.shiftKey && !ctrl && !event.altKey && focused) {
        // Shift+F2 opens the cell's comments, as in Excel.
        stop();
        if (!props.threads) say('This grid takes no comments');
        else if (!inBody || !displayedRow(focused.rowIndex)) say('The totals row takes no comments: Shift+F2 on a cell above it');
        else openThread(focused.rowIndex, focused.column.getColId());
      } else if (focused && !ctrl && !event.altKey && (event.key.length === 1 || event.key === 'F2')) {
        // Typing into a cell that takes no typing: ag-grid does nothing, so say why.
        const refusal = typingRefusal(
          columnByField.get(focused.column.getColId()),
          inBody ? displayedRow(focused.rowIndex) : null,
          blockOf,
        );
        if (refusal) say(refusal);
      } else if (!event.shiftKey && NAVIGATION_KEYS.has(event.key)) {
        // Moving without Shift collapses the selection; ag-grid then moves the focus, which is the new single cell.
        collapse();
      } else if (event.shiftKey && event.key.startsWith('Arrow') && inBody) {
        stop();
        extend(event.key);
      }
    },
    [
      isEditing,
      say,
      props.undo,
      props.onShowHistory,
      props.threads,
      openThread,
      onSelection,
      selectAll,
      displayedRow,
      showHistory,
      columnByField,
      blockOf,
      collapse,
      extend,
    ],
  );

  const columnDefs = useMemo(
    () =>
      columnDefsOf({
        markOf,
        columns,
        blockOf,
        errors: save.errors,
        rowActions: props.rowActions,
        totalsLabel: props.totalsLabel,
        totalsLabelField: props.totalsLabelField,
        hasThread,
      }),
    [columns, blockOf, save.errors, props.rowActions, props.totalsLabel, props.totalsLabelField, hasThread, markOf],
  );

  // ---- focus from outside: a cell asked for (a checklist's link), the first cell (the skip link) ----
  const { wrapper, focusFirstCell } = useFocusRequests(api, props.focusRequest, collapse);

  // ---- widths fitted to the figures, and the person's saved layout (useColumnLayout.ts) ----
  const { fit, saveLayout, onColumnResized, reset: resetColumns } = useColumnLayout(api, columns, props.layout, wrapper);

  /** Why this person can change no row of the grid (every row refuses them): the fills are disabled with it. */
  const firstRow = rows[0];
  const readOnly = firstRow && rows.every((r) => editBlock(r) !== null) ? editBlock(firstRow) : null;
  // How many times the grid has taken new rows: `model` reads the rows from the grid, which takes a new list (a save
  // read back, a colleague's change patched in) a moment after this component renders with it.
  const [rowsTaken, setRowsTaken] = useState(0);
  const stats = useMemo(
    () => (selection.rect ? selectionStats(model(), selection.rect) : null),
    // The figures change with the selection and with the rows the grid holds (a save, a sort, a filter).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [selection.rect, model, rowsTaken, shown],
  );

  const tools: SheetTools<Row> = {
    selectedRows: () => rowsOf(model(), selection.block()),
    apply: async (changes, what) => {
      const plan = { changes, cellErrors: lockedCells(changes, blockOf), newRowErrors: [] };
      runPlan(plan, () => `${what}: nothing to change, the rows already hold those values`);
    },
    readOnly,
  };

  const conflict = save.conflict;
  const autoHeight = rows.length <= AUTO_HEIGHT_ROWS;
  return (
    <div className="grid-wrap">
      <SheetToolbar
        label={props.label}
        undo={props.undo}
        busy={save.busy}
        readOnly={readOnly}
        onFillDown={() => onSelection(fillDown, 'fill')}
        onFillEmpty={() => onSelection(fillEmpty, 'fill')}
        onShowKeys={() => setShowKeys(true)}
        onShowHistory={
          props.onShowHistory &&
          (() => {
            const focused = api.current?.getFocusedCell();
            if (focused && !focused.rowPinned) showHistory(focused.rowIndex, focused.column.getColId());
          })
        }
        onResetColumns={props.layout && resetColumns}
        onComment={
          props.threads &&
          (() => {
            if (!openFocusedThread()) say('Select a cell first: its comments open (Shift+F2)');
          })
        }
      >
        {props.toolbar?.(tools)}
      </SheetToolbar>
      <SheetErrors errors={save.errors} loose={save.loose} rows={rows} describeRow={describeRow} onDismiss={save.dismiss} />
      {/* Up to AUTO_HEIGHT_ROWS rows the grid grows to show them all (the page scrolls, as a sheet does); beyond that it
          scrolls inside a fixed height so the browser never lays out thousands of rows. */}
      {selection.css && <style>{selection.css}</style>}
      <div
        ref={wrapper}
        className="grid sheet-grid"
        style={autoHeight ? undefined : { height: 720 }}
        onKeyDownCapture={onKeyDownCapture}
        onCopy={onCopy}
        onCut={onCut}
        onPaste={onPaste}
        onMouseDownCapture={(event) => {
          say(null);
          selection.onMouseDownCapture(event);
        }}
      >
        <AgGridReact<GridRow<Row>>
          theme={SHEET_THEME}
          rowData={gridRows}
          columnDefs={columnDefs}
          defaultColDef={DEFAULT_COL_DEF}
          getRowId={rowIdOf<Row>}
          pinnedBottomRowData={pinnedBottom}
          domLayout={autoHeight ? 'autoHeight' : 'normal'}
          // Every column is in the page (tens, not thousands): a cell out of view sideways is still found, read and reached.
          suppressColumnVirtualisation
          // A long grid draws the rows in view and four either side (ag-grid's default, ten, drew 300 cells more).
          rowBuffer={4}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          tooltipShowDelay={200}
          onGridReady={(e) => {
            api.current = e.api;
            if (props.layout?.saved) e.api.applyColumnState({ state: props.layout.saved, applyOrder: true });
            if (rows.length === 0 && takeGridArrival()) focusFirstCell();
          }}
          onFirstDataRendered={() => {
            fit();
            if (takeGridArrival()) focusFirstCell();
            props.onFirstRows?.();
          }}
          onPinnedRowDataChanged={fit}
          onGridColumnsChanged={fit}
          onFilterChanged={refreshShown}
          onSortChanged={() => {
            refreshShown();
            saveLayout();
          }}
          onRowDataUpdated={() => {
            refreshShown();
            setRowsTaken((n) => n + 1);
            fit();
          }}
          onColumnMoved={saveLayout}
          onColumnResized={onColumnResized}
          onColumnVisible={saveLayout}
          suppressDragLeaveHidesColumns
        />
      </div>
      <SheetStatus message={message} busy={save.busy} selectionSize={selection.size} stats={stats} />
      {showKeys && <ShortcutsDialog onClose={() => setShowKeys(false)} />}
      {conflict && (
        <ConflictDialog
          {...conflictText(conflict, columnByField.get(conflict.field), describeRow)}
          onKeepMine={() => void save.resolveConflict(true)}
          onTakeTheirs={() => void save.resolveConflict(false)}
        />
      )}
    </div>
  );
}
