// How a sheet's columns become ag-grid column definitions: right-aligned numbers, the editor each kind of cell uses,
// yellow input cells, grey computed ones, locked and refused cells marked, the totals row's label, and text drawn by
// FitCell so a cell too narrow for its figure says so (widths themselves: fit-columns.ts).
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { ReactNode } from 'react';
import { MoneyEditor } from '../MoneyEditor';
import { cellDisplay, cellTextOf, cellValue, type SheetColumn } from './cells';
import { FitCell, type FitCellParams } from './fit-cell';
import { fitModeOf, isFigureColumn } from './fit-columns';
import { errorKey } from './useSheetSave';

/** The grid's own wrapper of a row (never the query cache's object); the totals row is one too. */
export interface GridRow<Row> {
  data: Row;
  isTotal: boolean;
  id: string;
}

const isNumeric = isFigureColumn;

interface Options<Row> {
  columns: readonly SheetColumn<Row>[];
  /** Why this person may not change the cell (the row's refusal, or the cell's own lock: block.ts blockOfCell). */
  blockOf: (row: Row, field: string) => string | null;
  /** Refused cells, by errorKey. */
  errors: ReadonlyMap<string, string>;
  /** Whether the cell has an open comment thread: a corner mark, and "has comments" for screen readers. */
  hasThread?: (row: Row, field: string) => boolean;
  rowActions?: (row: Row) => ReactNode;
  totalsLabel?: string;
  totalsLabelField?: string;
  /** Who else has the cell selected, in words (presence), or null: the cell is outlined and the words are its tooltip. */
  markOf?: (row: Row, field: string) => string | null;
}

function editorOf<Row>(column: SheetColumn<Row>): Pick<ColDef, 'cellEditor' | 'cellEditorPopup' | 'cellEditorParams'> {
  if (column.kind === 'choice') {
    return {
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: {
        values: [...(column.optional ? [null] : []), ...(column.editorChoices ?? column.choices?.map((c) => c.value) ?? [])],
      },
    };
  }
  if (column.kind === 'text') {
    return {
      cellEditor: 'agLargeTextCellEditor',
      cellEditorPopup: true,
      cellEditorParams: { maxLength: column.maxLength ?? 2000, rows: 6, cols: 50 },
    };
  }
  const toText = (value: unknown) => (value === null || value === undefined ? '' : cellTextOf(value, column));
  return { cellEditor: column.kind === 'computed' ? undefined : MoneyEditor, cellEditorParams: { toText } };
}

export function columnDefsOf<Row extends { id: number }>(options: Options<Row>): ColDef<GridRow<Row>>[] {
  const { columns, blockOf, errors } = options;
  const labelField = options.totalsLabelField ?? columns[0]?.field;
  const defs: ColDef<GridRow<Row>>[] = columns.map((column) => {
    const isInput = column.kind !== 'computed';
    const canEdit = (p: { data?: GridRow<Row> }) => !!p.data && !p.data.isTotal && blockOf(p.data.data, column.field) === null;
    return {
      colId: column.field,
      headerName: column.header,
      headerTooltip: column.headerTooltip,
      // A starting width only: the grid fits the column to its figures, and a person's own width must survive the
      // column definitions being made again on the next render (`width` here would reset it each time).
      initialWidth: column.width,
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
        p.data?.isTotal && column.field === labelField ? (options.totalsLabel ?? 'Total (rows shown)') : cellDisplay(p.value, column),
      filterValueGetter: (p) => (p.data ? cellDisplay(cellValue(p.data.data, column), column) : ''),
      filter: isNumeric(column) ? 'agNumberColumnFilter' : 'agTextColumnFilter',
      cellRenderer: FitCell,
      cellRendererParams: {
        mode: fitModeOf(column),
        note: (p) => {
          const data = p.data as GridRow<Row> | undefined;
          return data && !data.isTotal && options.hasThread?.(data.data, column.field) ? 'has comments' : null;
        },
      } satisfies FitCellParams,
      ...editorOf(column),
      cellClass: isInput ? undefined : 'cell-computed',
      cellClassRules: {
        'cell-thread': (p) => !!p.data && !p.data.isTotal && !!options.hasThread?.(p.data.data, column.field),
        'cell-input': (p) => isInput && canEdit(p),
        'cell-locked': (p) => isInput && !!p.data && !p.data.isTotal && !canEdit(p),
        'cell-error': (p) => !!p.data && errors.has(errorKey(p.data.data.id, column.field)),
        'cell-presence': (p) => !!p.data && !p.data.isTotal && !!options.markOf?.(p.data.data, column.field),
        negative: (p) => (column.kind === 'computed' || column.kind === 'money') && typeof p.value === 'number' && p.value < 0,
      },
      tooltip: (p) => {
        if (!p.data || p.data.isTotal) return undefined;
        return (
          errors.get(errorKey(p.data.data.id, column.field)) ??
          (isInput ? (blockOf(p.data.data, column.field) ?? undefined) : undefined) ??
          options.markOf?.(p.data.data, column.field) ??
          undefined
        );
      },
    };
  });
  if (options.rowActions) {
    const rowActions = options.rowActions;
    defs.push({
      colId: 'actions',
      headerName: '',
      initialWidth: 140,
      sortable: false,
      filter: false,
      editable: false,
      suppressMovable: true,
      suppressAutoSize: true,
      cellRenderer: (p: ICellRendererParams<GridRow<Row>>) => (p.data && !p.data.isTotal ? rowActions(p.data.data) : null),
    });
  }
  return defs;
}
