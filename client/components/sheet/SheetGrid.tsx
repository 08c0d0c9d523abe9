// The one spreadsheet-like grid every table of figures uses (contributions now; schemes, outcomes and scenarios
// later). ag-grid-community draws it; the habits Community lacks are built here on its public API:
// - keyboard: arrows, typing starts an edit, Enter/Tab commit and move (Shift reverses), Esc, F2, Delete clears;
//   "=1200*4" and "+250" in money cells;
// - a rectangular selection (Shift+click, Shift+arrows), Ctrl+C as tab-separated text Excel reads;
// - Ctrl+V of a block copied from Excel, from the focused cell, adding rows past the end;
// - Ctrl+D fill down and "fill only empty cells";
// - Ctrl+Z / Ctrl+Y undo and redo through the server (ag-grid's own undo is wiped by sort, filter and new data);
// - sort and filter on every column, a frozen key column, a totals row that follows the filter, and a column layout
//   saved per person.
// Every change, from one cell to a pasted block, goes to `onApply` as ONE list: the page sends it as one batch, so it
// is saved all or nothing and undone in one step. A block with any bad cell sends nothing and marks each bad cell.
//
// The grid runs with readOnlyEdit: ag-grid never writes into row objects; what it shows is what the server saved.
import type { CellEditRequestEvent, ColDef, ColumnState, GetRowIdParams, GridApi, ICellRendererParams, IRowNode } from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { parseDelimited, toDelimited } from '../../../shared/csv';
import { MoneyEditor } from '../MoneyEditor';
import { cellDisplay, cellText, cellTextOf, cellValue, clearedValue, isEmptyValue, parseCellText, type SheetColumn } from './cells';
import { isSingleCell, rectOf, type Rect, type Selection } from './selection';

export type { SheetColumn } from './cells';

export type SheetChange<Row> =
  { kind: 'update'; row: Row; values: Record<string, unknown> } | { kind: 'create'; values: Record<string, unknown> };

/** What became of a list of changes: saved, or refused with a message and (where the server said) the cells at fault. */
export type ApplyOutcome = { ok: true } | { ok: false; message: string; cellErrors: { change: number; field: string; message: string }[] };

export interface UndoState {
  undoLabel: string | null;
  redoLabel: string | null;
  onUndo: () => void;
  onRedo: () => void;
}

/** What the toolbar's extra actions (e.g. "copy previous quarter") can use. */
export interface SheetTools<Row> {
  /** The rows in the selection, or every row shown when nothing is selected. */
  selectedRows: () => Row[];
  apply: (changes: SheetChange<Row>[], what: string) => Promise<void>;
}

interface Props<Row extends { id: number }> {
  rows: readonly Row[];
  columns: readonly SheetColumn<Row>[];
  /** Why this person may not change the row, or null when they may. */
  editBlock: (row: Row) => string | null;
  /** The domain's check of one value (the shared zod schema), or null when it is fine. */
  validate: (field: string, value: unknown) => string | null;
  /** Defaults for a row created by pasting past the end; without it, pasting past the end is refused. */
  newRow?: () => Record<string, unknown>;
  onApply: (changes: SheetChange<Row>[]) => Promise<ApplyOutcome>;
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
  layout?: { saved: ColumnState[] | null; onChange: (state: ColumnState[] | null) => void };
  toolbar?: (tools: SheetTools<Row>) => ReactNode;
  onShowHistory?: (row: Row, field: string | null) => void;
  /** What the grid holds, for its toolbar's accessible name ("Contributions"). */
  label: string;
  /** Move the keyboard focus to this cell (e.g. from a checklist's "go to the cell"); a new `seq` asks again. */
  focusRequest?: { rowId: number; field: string; seq: number } | null;
}

interface GridRow<Row> {
  data: Row;
  isTotal: boolean;
  id: string;
}

const AUTO_HEIGHT_ROWS = 100;
/** One theme object for every grid and render: a new one each render makes ag-grid restyle (and re-lay out) the page. */
const SHEET_THEME = themeQuartz.withParams({ fontFamily: 'inherit', headerFontWeight: 600 });
const NUMERIC_KINDS = new Set(['money', 'percent', 'count', 'decimal', 'computed']);
const isNumeric = <Row,>(column: SheetColumn<Row>) => NUMERIC_KINDS.has(column.kind) && column.computedFormat !== 'text';
const NAVIGATION_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Tab', 'Enter', 'Home', 'End', 'PageUp', 'PageDown']);
const errorKey = (rowId: number | string, field: string) => `${rowId}:${field}`;

export function SheetGrid<Row extends { id: number }>(props: Props<Row>) {
  const { rows, columns, editBlock, validate, onApply, describeRow } = props;
  const api = useRef<GridApi<GridRow<Row>> | null>(null);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [loose, setLoose] = useState<string[]>([]); // errors of rows that do not exist yet (pasted past the end)
  const [busy, setBusy] = useState(false);
  const selection = useRef<Selection | null>(null);
  const [selectionSize, setSelectionSize] = useState(0);
  const editable = useMemo(() => new Set(columns.filter((c) => c.kind !== 'computed').map((c) => c.field)), [columns]);

  // ---- rows: the grid gets its own wrappers, never the query cache's objects (see research/stack.md) ----
  const gridRows = useMemo<GridRow<Row>[]>(() => rows.map((r) => ({ data: r, isTotal: false, id: String(r.id) })), [rows]);
  const [shown, setShown] = useState<Row[] | null>(null);
  const refreshShown = useCallback(() => {
    const list: Row[] = [];
    api.current?.forEachNodeAfterFilterAndSort((node) => {
      if (node.data && !node.data.isTotal) list.push(node.data.data);
    });
    setShown(list);
  }, []);
  const pinnedBottom = useMemo<GridRow<Row>[]>(() => {
    if (!props.totals) return [];
    return [{ data: { id: -1, ...props.totals(shown ?? [...rows]) } as unknown as Row, isTotal: true, id: 'total' }];
  }, [props, shown, rows]);

  // ---- positions ----
  const displayedColumns = useCallback(() => (api.current?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()), []);
  const displayedRow = useCallback((index: number): Row | null => {
    const node = api.current?.getDisplayedRowAtIndex(index);
    return node?.data && !node.data.isTotal ? node.data.data : null;
  }, []);
  const rowCount = useCallback(() => api.current?.getDisplayedRowCount() ?? 0, []);
  const columnByField = useMemo(() => new Map(columns.map((c) => [c.field, c])), [columns]);

  const currentRect = useCallback((): Rect | null => {
    if (selection.current) return rectOf(selection.current);
    const focused = api.current?.getFocusedCell();
    if (!focused || focused.rowPinned) return null;
    const col = displayedColumns().indexOf(focused.column.getColId());
    return col < 0 ? null : { top: focused.rowIndex, bottom: focused.rowIndex, left: col, right: col };
  }, [displayedColumns]);

  /** The selection is drawn with a style rule naming its cells by row-index and col-id, not by re-rendering cells: a
   * re-render would take the browser's focus away from the cell in the middle of Shift+arrows. */
  const [selectionCss, setSelectionCss] = useState('');
  const repaintSelection = useCallback(() => {
    const sel = selection.current;
    const rect = sel && !isSingleCell(sel) ? rectOf(sel) : null;
    setSelectionSize(rect ? (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1) : 0);
    if (!rect) {
      setSelectionCss('');
      return;
    }
    const cols = displayedColumns()
      .slice(rect.left, rect.right + 1)
      .map((c) => `[col-id="${CSS.escape(c)}"]`)
      .join(',');
    const rowsSel = Array.from(
      { length: rect.bottom - rect.top + 1 },
      (_, i) => `.sheet-grid .ag-row[row-index="${rect.top + i}"] :is(${cols})`,
    );
    setSelectionCss(`${rowsSel.join(',\n')} { background: #d2e2f1 !important; box-shadow: inset 0 0 0 1px #1d70b8; }`);
  }, [displayedColumns]);

  // ---- errors ----
  const markErrors = useCallback((cellErrors: { rowId: number; field: string; message: string }[], newRowErrors: string[]) => {
    setErrors(new Map(cellErrors.map((e) => [errorKey(e.rowId, e.field), e.message])));
    setLoose(newRowErrors);
  }, []);
  const clearErrorsFor = useCallback((changes: SheetChange<Row>[]) => {
    setErrors((prev) => {
      const next = new Map(prev);
      for (const c of changes) if (c.kind === 'update') for (const f of Object.keys(c.values)) next.delete(errorKey(c.row.id, f));
      return next;
    });
    setLoose([]);
  }, []);
  useEffect(() => {
    api.current?.refreshCells({ force: true });
  }, [errors]);

  /** Send a list of changes as one batch; mark the cells the server refused. */
  const send = useCallback(
    async (changes: SheetChange<Row>[]): Promise<boolean> => {
      if (changes.length === 0) return true;
      setBusy(true);
      try {
        const outcome = await onApply(changes);
        if (outcome.ok) {
          clearErrorsFor(changes);
          return true;
        }
        const cellErrors: { rowId: number; field: string; message: string }[] = [];
        const newRowErrors: string[] = [];
        for (const e of outcome.cellErrors) {
          const change = changes[e.change];
          if (change?.kind === 'update') cellErrors.push({ rowId: change.row.id, field: e.field, message: e.message });
          else newRowErrors.push(`New row ${e.change + 1}: ${e.message}`);
        }
        if (cellErrors.length || newRowErrors.length) markErrors(cellErrors, newRowErrors);
        else if (outcome.message) markErrors([], [outcome.message]);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onApply, clearErrorsFor, markErrors],
  );

  /**
   * Build the changes that put `values[r][c]` (already parsed or raw text) into the block starting at (top, left).
   * Rows past the end become new rows. Returns the changes, or the errors that stop the whole block.
   */
  const planBlock = useCallback(
    (block: (unknown | undefined)[][], top: number, left: number, parse: boolean) => {
      const cols = displayedColumns();
      const changes: SheetChange<Row>[] = [];
      const cellErrors: { rowId: number; field: string; message: string }[] = [];
      const newRowErrors: string[] = [];
      const total = rowCount();
      block.forEach((cells, r) => {
        const row = top + r < total ? displayedRow(top + r) : null;
        if (!row && !props.newRow) {
          newRowErrors.push(`Row ${r + 1} of the pasted block runs past the last row, and this grid cannot add rows`);
          return;
        }
        const locked = row ? editBlock(row) : null;
        const values: Record<string, unknown> = {};
        cells.forEach((raw, c) => {
          const field = cols[left + c];
          const column = field ? columnByField.get(field) : undefined;
          if (!column || !editable.has(column.field) || raw === undefined) return; // computed or off the grid: skipped
          if (row && locked) {
            cellErrors.push({ rowId: row.id, field: column.field, message: locked });
            return;
          }
          const current = row ? cellValue(row, column) : undefined;
          const parsed = parse ? parseCellText(column, raw, current) : { ok: true as const, value: raw };
          const problem = parsed.ok ? validate(column.field, parsed.value) : parsed.message;
          if (problem || !parsed.ok) {
            if (row) cellErrors.push({ rowId: row.id, field: column.field, message: problem ?? 'is not valid' });
            else newRowErrors.push(`New row ${r + 1}: ${problem ?? 'is not valid'}`);
            return;
          }
          if (!row || parsed.value !== current) values[column.field] = parsed.value;
        });
        const complete = (v: Record<string, unknown>) => (props.completeChange ? props.completeChange(row, v) : v);
        if (row && Object.keys(values).length) changes.push({ kind: 'update', row, values: complete(values) });
        if (!row && props.newRow) changes.push({ kind: 'create', values: complete({ ...props.newRow(), ...values }) });
      });
      return { changes, cellErrors, newRowErrors };
    },
    [displayedColumns, displayedRow, rowCount, columnByField, editable, editBlock, validate, props],
  );

  const runBlock = useCallback(
    async (block: (unknown | undefined)[][], top: number, left: number, parse: boolean) => {
      const plan = planBlock(block, top, left, parse);
      if (plan.cellErrors.length || plan.newRowErrors.length) {
        // All or nothing: one bad cell and nothing is sent.
        markErrors(plan.cellErrors, plan.newRowErrors);
        return false;
      }
      return send(plan.changes);
    },
    [planBlock, markErrors, send],
  );

  // ---- editing one cell ----
  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<GridRow<Row>>) => {
      const wrapper = event.data;
      const field = event.colDef.colId ?? event.colDef.field;
      const column = field ? columnByField.get(field) : undefined;
      if (!wrapper || wrapper.isTotal || !column) return;
      const index = event.node.rowIndex ?? 0;
      const col = displayedColumns().indexOf(column.field);
      void runBlock([[event.newValue]], index, col, true);
    },
    [columnByField, displayedColumns, runBlock],
  );

  // ---- clipboard ----
  const isEditing = () => (api.current?.getEditingCells().length ?? 0) > 0;

  const onCopy = useCallback(
    (event: ClipboardEvent<HTMLDivElement>) => {
      const rect = currentRect();
      if (!rect || isEditing()) return;
      const cols = displayedColumns().slice(rect.left, rect.right + 1);
      const lines: string[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const row = displayedRow(r);
        if (!row) continue;
        lines.push(
          cols.map((f) => {
            const column = columnByField.get(f);
            return column ? cellText(row, column) : '';
          }),
        );
      }
      // Tab-separated, as Excel and LibreOffice put on the clipboard.
      event.clipboardData.setData('text/plain', toDelimited(lines, '\t'));
      event.preventDefault();
    },
    [currentRect, displayedColumns, displayedRow, columnByField],
  );

  const onPaste = useCallback(
    (event: ClipboardEvent<HTMLDivElement>) => {
      const rect = currentRect();
      if (!rect || isEditing()) return;
      event.preventDefault();
      const block = parseDelimited(event.clipboardData.getData('text/plain'), '\t');
      if (block.length === 0) return;
      // One value pasted over a larger selection fills the selection, as in Excel.
      const single = block.length === 1 && block[0]?.length === 1;
      const height = rect.bottom - rect.top + 1;
      const width = rect.right - rect.left + 1;
      const fill =
        single && height * width > 1 ? Array.from({ length: height }, () => Array.from({ length: width }, () => block[0]?.[0])) : block;
      void runBlock(fill, rect.top, rect.left, true);
    },
    [currentRect, runBlock],
  );

  // ---- fill, clear ----
  const fillDown = useCallback(
    (onlyEmpty: boolean) => {
      const rect = currentRect();
      if (!rect || rect.bottom === rect.top) return;
      const source = displayedRow(rect.top);
      if (!source) return;
      const cols = displayedColumns();
      const block: (unknown | undefined)[][] = [];
      for (let r = rect.top + 1; r <= rect.bottom; r++) {
        const target = displayedRow(r);
        const line: (unknown | undefined)[] = [];
        for (let c = rect.left; c <= rect.right; c++) {
          const column = columnByField.get(cols[c] ?? '');
          if (!column || !target) {
            line.push(undefined);
            continue;
          }
          const skip = onlyEmpty && !isEmptyValue(cellValue(target, column));
          line.push(skip ? undefined : cellValue(source, column));
        }
        block.push(line);
      }
      void runBlock(block, rect.top + 1, rect.left, false);
    },
    [currentRect, displayedRow, displayedColumns, columnByField, runBlock],
  );

  const clearSelection = useCallback(() => {
    const rect = currentRect();
    if (!rect) return;
    const cols = displayedColumns();
    const block: (unknown | undefined)[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const line: (unknown | undefined)[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const column = columnByField.get(cols[c] ?? '');
        const cleared = column ? clearedValue(column) : null;
        line.push(cleared?.ok ? cleared.value : undefined);
      }
      block.push(line);
    }
    void runBlock(block, rect.top, rect.left, false);
  }, [currentRect, displayedColumns, columnByField, runBlock]);

  // ---- keyboard: our shortcuts run before ag-grid's (capture phase); everything else is ag-grid's ----
  const onKeyDownCapture = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (isEditing()) return;
      const focused = api.current?.getFocusedCell();
      const ctrl = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const stop = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      if (ctrl && key === 'z' && !event.shiftKey) {
        stop();
        props.undo?.onUndo();
      } else if (ctrl && (key === 'y' || (key === 'z' && event.shiftKey))) {
        stop();
        props.undo?.onRedo();
      } else if (ctrl && key === 'd') {
        stop();
        fillDown(false);
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && focused && !focused.rowPinned) {
        stop();
        clearSelection();
      } else if (event.altKey && key === 'h' && focused && !focused.rowPinned) {
        const row = displayedRow(focused.rowIndex);
        if (row && props.onShowHistory) {
          stop();
          const field = focused.column.getColId();
          props.onShowHistory(row, editable.has(field) ? field : null);
        }
      } else if (!event.shiftKey && NAVIGATION_KEYS.has(event.key)) {
        // Moving without Shift collapses the selection; ag-grid then moves the focus, which is the new single cell.
        if (selection.current) {
          selection.current = null;
          repaintSelection();
        }
      } else if (event.shiftKey && event.key.startsWith('Arrow') && focused && !focused.rowPinned) {
        stop();
        const cols = displayedColumns();
        const col = cols.indexOf(focused.column.getColId());
        const sel = selection.current ?? { anchor: { row: focused.rowIndex, col }, focus: { row: focused.rowIndex, col } };
        // ag-grid focuses the cell itself; we move the focus with the selection's moving corner.
        const dRow = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
        const dCol = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        const next = {
          row: Math.max(0, Math.min(rowCount() - 1, sel.focus.row + dRow)),
          col: Math.max(0, Math.min(cols.length - 1, sel.focus.col + dCol)),
        };
        selection.current = { anchor: sel.anchor, focus: next };
        api.current?.setFocusedCell(next.row, cols[next.col] ?? '');
        repaintSelection();
      }
    },
    [props.undo, props.onShowHistory, fillDown, clearSelection, displayedRow, displayedColumns, rowCount, repaintSelection, editable],
  );

  /** Clicks set the selection on mousedown, synchronously (ag-grid's cellClicked event arrives later, after keys
   * pressed straight after the click): a click selects one cell, Shift+click extends from the anchor. */
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
      const anchor = selection.current?.anchor ?? currentRectAnchor();
      selection.current = event.shiftKey && anchor ? { anchor, focus: here } : { anchor: here, focus: here };
      repaintSelection();
    },
    [displayedColumns, repaintSelection],
  );

  /** Where a Shift+click extends from when nothing was selected yet: the focused cell. */
  function currentRectAnchor() {
    const focused = api.current?.getFocusedCell();
    if (!focused || focused.rowPinned) return null;
    const col = displayedColumns().indexOf(focused.column.getColId());
    return col < 0 ? null : { row: focused.rowIndex, col };
  }

  // ---- columns ----
  const columnDefs = useMemo<ColDef<GridRow<Row>>[]>(() => {
    const canEdit = (p: { node?: IRowNode<GridRow<Row>> | null; data?: GridRow<Row> }) =>
      !!p.data && !p.data.isTotal && editBlock(p.data.data) === null;
    const labelField = props.totalsLabelField ?? columns[0]?.field;
    const defs: ColDef<GridRow<Row>>[] = columns.map((column) => {
      const isInput = column.kind !== 'computed';
      return {
        colId: column.field,
        headerName: column.header,
        headerTooltip: column.headerTooltip,
        width: column.width,
        minWidth: column.minWidth,
        flex: column.flex,
        pinned: column.pinned ? 'left' : undefined,
        lockPinned: column.pinned,
        type: isNumeric(column) ? 'rightAligned' : undefined,
        editable: isInput ? canEdit : false,
        valueGetter: (p) => {
          if (!p.data) return null;
          if (p.data.isTotal)
            return column.kind === 'money' || column.kind === 'computed'
              ? ((p.data.data as Record<string, unknown>)[column.field] ?? null)
              : null;
          return cellValue(p.data.data, column);
        },
        valueFormatter: (p) =>
          p.data?.isTotal && column.field === labelField ? (props.totalsLabel ?? 'Total (rows shown)') : cellDisplay(p.value, column),
        filterValueGetter: (p) => (p.data ? cellDisplay(cellValue(p.data.data, column), column) : ''),
        filter: isNumeric(column) ? 'agNumberColumnFilter' : 'agTextColumnFilter',
        cellEditor:
          NUMERIC_KINDS.has(column.kind) && column.kind !== 'computed'
            ? MoneyEditor
            : column.kind === 'choice'
              ? 'agSelectCellEditor'
              : column.kind === 'text'
                ? 'agLargeTextCellEditor'
                : undefined,
        cellEditorPopup: column.kind === 'text' ? true : undefined,
        cellEditorParams:
          column.kind === 'choice'
            ? { values: [...(column.optional ? [null] : []), ...(column.editorChoices ?? column.choices?.map((c) => c.value) ?? [])] }
            : column.kind === 'text'
              ? { maxLength: column.maxLength ?? 2000, rows: 6, cols: 50 }
              : { toText: (value: unknown) => (value === null || value === undefined ? '' : cellTextOf(value, column)) },
        cellClass: isInput ? undefined : 'cell-computed',
        cellClassRules: {
          'cell-input': (p) => isInput && canEdit(p),
          'cell-locked': (p) => isInput && !!p.data && !p.data.isTotal && !canEdit(p),
          'cell-error': (p) => !!p.data && errors.has(errorKey(p.data.data.id, column.field)),
          negative: (p) => (column.kind === 'computed' || column.kind === 'money') && typeof p.value === 'number' && p.value < 0,
        },
        tooltip: (p) => {
          if (!p.data || p.data.isTotal) return undefined;
          return errors.get(errorKey(p.data.data.id, column.field)) ?? (isInput ? (editBlock(p.data.data) ?? undefined) : undefined);
        },
      };
    });
    if (props.rowActions) {
      const rowActions = props.rowActions;
      defs.push({
        colId: 'actions',
        headerName: '',
        width: 140,
        sortable: false,
        filter: false,
        editable: false,
        suppressMovable: true,
        cellRenderer: (p: ICellRendererParams<GridRow<Row>>) => (p.data && !p.data.isTotal ? rowActions(p.data.data) : null),
      });
    }
    return defs;
  }, [columns, editBlock, errors, props.rowActions, props.totalsLabel, props.totalsLabelField]);

  // ---- focus requests from outside (a checklist item's link to its cell) ----
  useEffect(() => {
    const request = props.focusRequest;
    const grid = api.current;
    if (!request || !grid) return;
    const node = grid.getRowNode(String(request.rowId));
    if (!node || node.rowIndex === null) return;
    grid.ensureIndexVisible(node.rowIndex);
    grid.ensureColumnVisible(request.field);
    grid.setFocusedCell(node.rowIndex, request.field);
    selection.current = null;
    repaintSelection();
  }, [props.focusRequest, repaintSelection]);

  // ---- layout per person ----
  const layoutTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveLayout = useCallback(() => {
    if (!props.layout) return;
    if (layoutTimer.current) clearTimeout(layoutTimer.current);
    const onChange = props.layout.onChange;
    layoutTimer.current = setTimeout(() => {
      const state = api.current?.getColumnState();
      if (state) onChange(state);
    }, 400);
  }, [props.layout]);

  const tools: SheetTools<Row> = {
    selectedRows: () => {
      const rect = currentRect();
      const list: Row[] = [];
      if (rect && selection.current && !isSingleCell(selection.current)) {
        for (let r = rect.top; r <= rect.bottom; r++) {
          const row = displayedRow(r);
          if (row) list.push(row);
        }
        return list;
      }
      return shown ?? [...rows];
    },
    apply: async (changes) => {
      const problems = changes.flatMap((c) =>
        c.kind === 'update' && editBlock(c.row)
          ? [{ rowId: c.row.id, field: Object.keys(c.values)[0] ?? '', message: editBlock(c.row) ?? '' }]
          : [],
      );
      if (problems.length) {
        markErrors(problems, []);
        return;
      }
      await send(changes);
    },
  };

  const errorList = [...errors.entries()];
  const autoHeight = rows.length <= AUTO_HEIGHT_ROWS;
  return (
    <div className="grid-wrap">
      <div className="grid-toolbar" role="toolbar" aria-label={`${props.label} tools`}>
        {props.undo && (
          <>
            <button
              type="button"
              className="secondary-button"
              disabled={!props.undo.undoLabel || busy}
              onClick={props.undo.onUndo}
              title={props.undo.undoLabel ? `Undo: ${props.undo.undoLabel} (Ctrl+Z)` : 'Nothing of yours to undo here'}
            >
              Undo
            </button>
            <button
              type="button"
              className="secondary-button"
              disabled={!props.undo.redoLabel || busy}
              onClick={props.undo.onRedo}
              title={props.undo.redoLabel ? `Redo: ${props.undo.redoLabel} (Ctrl+Y)` : 'Nothing to redo'}
            >
              Redo
            </button>
          </>
        )}
        <button
          type="button"
          className="secondary-button"
          onClick={() => fillDown(false)}
          title="Copy the top row of the selection into the rows below it (Ctrl+D)"
        >
          Fill down
        </button>
        <button
          type="button"
          className="secondary-button"
          onClick={() => fillDown(true)}
          title="Fill down, but only into cells that are empty or £0.00"
        >
          Fill only empty cells
        </button>
        {props.toolbar?.(tools)}
        {props.onShowHistory && (
          <button
            type="button"
            className="secondary-button"
            onClick={() => {
              const focused = api.current?.getFocusedCell();
              const row = focused && !focused.rowPinned ? displayedRow(focused.rowIndex) : null;
              const field = focused?.column.getColId() ?? null;
              if (row && props.onShowHistory) props.onShowHistory(row, field && editable.has(field) ? field : null);
            }}
          >
            History of selected cell
          </button>
        )}
        {props.layout && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              api.current?.resetColumnState();
              props.layout?.onChange(null);
            }}
          >
            Reset columns
          </button>
        )}
        <details className="shortcuts">
          <summary>Keyboard</summary>
          <p>
            Type to edit, Enter or Tab to save and move (Shift goes back), Esc to cancel, F2 to edit in place. In £ cells,
            <kbd>=1200*4</kbd> works it out and <kbd>+250</kbd> adds to the cell. Shift+click or Shift+arrows select; Ctrl+C copies, Ctrl+V
            pastes from Excel, Ctrl+D fills down, Delete clears, Ctrl+Z / Ctrl+Y undo and redo, Alt+H shows the history of a cell.
          </p>
        </details>
        <span className="muted hint" aria-live="polite" data-testid="selection-size">
          {busy ? 'Saving…' : selectionSize > 1 ? `${selectionSize} cells selected` : ''}
        </span>
      </div>
      {(errorList.length > 0 || loose.length > 0) && (
        <div className="banner banner-error" role="alert" data-testid="grid-errors">
          <strong>Not saved:</strong> nothing in this change was saved. Fix the marked cells and try again.
          <ul>
            {errorList.map(([key, message]) => {
              const [id] = key.split(':');
              const row = rows.find((r) => String(r.id) === id);
              return (
                <li key={key}>
                  {row && <span className="muted">{describeRow(row)}: </span>}
                  {message}
                </li>
              );
            })}
            {loose.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setErrors(new Map());
              setLoose([]);
            }}
          >
            Dismiss
          </button>
        </div>
      )}
      {/* Up to AUTO_HEIGHT_ROWS rows the grid grows to show them all (the page scrolls, as a sheet does); beyond that it
          scrolls inside a fixed height so the browser never lays out thousands of rows. */}
      {selectionCss && <style>{selectionCss}</style>}
      <div
        className="grid sheet-grid"
        style={autoHeight ? undefined : { height: 720 }}
        onKeyDownCapture={onKeyDownCapture}
        onCopy={onCopy}
        onPaste={onPaste}
        onMouseDownCapture={onMouseDownCapture}
      >
        <AgGridReact<GridRow<Row>>
          theme={SHEET_THEME}
          rowData={gridRows}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, filter: true, resizable: true }}
          getRowId={(p: GetRowIdParams<GridRow<Row>>) => p.data.id}
          pinnedBottomRowData={pinnedBottom}
          domLayout={autoHeight ? 'autoHeight' : 'normal'}
          // Every column is in the page (our grids have tens of columns, not thousands): a cell scrolled out of view
          // sideways can still be found, read by a screen reader, and reached by the checklist's links.
          suppressColumnVirtualisation
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          tooltipShowDelay={200}
          onGridReady={(e) => {
            api.current = e.api;
            if (props.layout?.saved) e.api.applyColumnState({ state: props.layout.saved, applyOrder: true });
          }}
          onFilterChanged={refreshShown}
          onSortChanged={() => {
            refreshShown();
            saveLayout();
          }}
          onRowDataUpdated={refreshShown}
          onColumnMoved={saveLayout}
          onColumnResized={(e) => e.finished && saveLayout()}
          onColumnVisible={saveLayout}
          suppressDragLeaveHidesColumns
        />
      </div>
    </div>
  );
}
