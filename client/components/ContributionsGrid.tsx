// The contributions grid: one row per partner, funding source and quarter. Input cells (pale yellow) save on Enter
// through the API; computed cells (grey) are read-only; a pinned row totals what is shown. A value the grid cannot
// accept is marked at its cell with the reason, the old value stays, and nothing is sent.
//
// The grid runs with readOnlyEdit: ag-grid never writes into row objects itself. An edit becomes a request to the
// server, and the grid shows the server's rows when they come back, so what you see is what is saved.
import type { CellEditRequestEvent, ColDef, GetRowIdParams, GridApi, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { totalsOf } from '../../shared/fund-summary';
import { quarterLabel } from '../../shared/financial-year';
import { formatPence, parsePounds } from '../../shared/money';
import { contributionPatch, describeValue, type ContributionPatch } from '../../shared/schemas';
import type { Contribution } from '../../shared/types';
import { MoneyEditor } from './MoneyEditor';

export type EditableField = 'orgId' | 'source' | 'quarter' | 'plannedPence' | 'actualPence' | 'note';

const LABELS: Record<EditableField, string> = {
  orgId: 'Partner',
  source: 'Funding source',
  quarter: 'Quarter',
  plannedPence: 'Planned (£)',
  actualPence: 'Actual (£)',
  note: 'Note',
};

/** A row as the grid holds it: a copy of the server's row plus the errors marked on its cells. */
interface GridRow extends Contribution {
  isTotal?: boolean;
  errors: Partial<Record<EditableField, string>>;
}

/** The outcome of saving a change: fine, or a message per field (from the server's fieldErrors). */
export type SaveResult = { ok: true } | { ok: false; message: string; fields: Partial<Record<EditableField, string>> };

export const FIELD_LABELS = LABELS;

interface Props {
  rows: readonly Contribution[];
  partners: readonly { id: number; name: string }[];
  sources: readonly { code: string; name: string }[];
  onPatch: (row: Contribution, patch: ContributionPatch) => Promise<SaveResult>;
  onDelete: (row: Contribution) => void;
  /** Why the signed-in person may not change this row, or null when they may (shared/roles.ts decides). */
  editBlock: (row: Contribution) => string | null;
  /** The partners a row may be moved to by this person (a finance officer: their own organisations). */
  assignablePartnerIds: readonly number[];
  onShowHistory: (row: Contribution, field: EditableField | null) => void;
}

/** Turn what was typed into a cell into the value for the API, with the same rules and messages as the server. */
export function parseCell(field: EditableField, raw: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  let value: unknown = raw;
  if (field === 'plannedPence' || field === 'actualPence') {
    const text = typeof raw === 'number' ? String(raw) : String(raw ?? '');
    const parsed = parsePounds(text);
    if (!parsed.ok) return { ok: false, message: `${LABELS[field]} ${parsed.reason}, got ${describeValue(text)}` };
    if (parsed.pence < 0) return { ok: false, message: `${LABELS[field]} cannot be negative, got ${formatPence(parsed.pence)}` };
    value = parsed.pence;
  }
  if (field === 'note') value = String(raw ?? '');
  const checked = contributionPatch.safeParse({ [field]: value });
  if (!checked.success) return { ok: false, message: checked.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, value };
}

const errorKey = (id: number, field: string) => `${id}:${field}`;

const AUTO_HEIGHT_ROWS = 100;

export function ContributionsGrid({ rows, partners, sources, onPatch, onDelete, editBlock, assignablePartnerIds, onShowHistory }: Props) {
  const api = useRef<GridApi<GridRow> | null>(null);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const partnerName = useMemo(() => new Map(partners.map((p) => [p.id, p.name])), [partners]);
  const sourceName = useMemo(() => new Map(sources.map((s) => [s.code, s.name])), [sources]);

  // The grid gets its own copies: ag-grid and recharts must never share objects (see research/stack.md).
  const gridRows = useMemo<GridRow[]>(
    () =>
      rows.map((r) => {
        const cellErrors: GridRow['errors'] = {};
        for (const field of Object.keys(LABELS) as EditableField[]) {
          const message = errors.get(errorKey(r.id, field));
          if (message) cellErrors[field] = message;
        }
        return { ...r, errors: cellErrors };
      }),
    [rows, errors],
  );

  const [shownTotals, setShownTotals] = useState<ReturnType<typeof totalsOf> | null>(null);
  const refreshTotals = useCallback(() => {
    const shown: GridRow[] = [];
    api.current?.forEachNodeAfterFilter((node) => {
      if (node.data) shown.push(node.data);
    });
    setShownTotals(totalsOf(shown));
  }, []);
  const totals = shownTotals ?? totalsOf(rows);
  const pinnedBottom = useMemo<GridRow[]>(
    () => [
      {
        id: -1,
        fundId: 0,
        orgId: 0,
        source: '',
        quarter: 0,
        note: '',
        version: 0,
        updatedAt: '',
        updatedBy: null,
        updatedByName: null,
        errors: {},
        isTotal: true,
        ...totals,
      },
    ],
    [totals],
  );

  const setError = useCallback((id: number, field: string, message: string | null) => {
    setErrors((prev) => {
      const next = new Map(prev);
      if (message) next.set(errorKey(id, field), message);
      else next.delete(errorKey(id, field));
      return next;
    });
  }, []);

  const describeRow = useCallback(
    (row: Contribution) => `${partnerName.get(row.orgId) ?? ''}, ${sourceName.get(row.source) ?? ''}, ${quarterLabel(row.quarter)}`,
    [partnerName, sourceName],
  );
  const [focused, setFocused] = useState<{ rowId: number; field: EditableField | null } | null>(null);

  const columnDefs = useMemo<ColDef<GridRow>[]>(() => {
    const editable = (p: { node: { rowPinned?: string | null }; data?: GridRow }) =>
      !p.node.rowPinned && !!p.data && editBlock(p.data) === null;
    /** An input cell for `field`: editable (yellow) except in the totals row, outlined with its error if it has one. */
    const inputCell = (field: EditableField): ColDef<GridRow> => ({
      field,
      headerName: LABELS[field],
      editable,
      cellClassRules: {
        'cell-input': editable,
        'cell-locked': (p) => !p.node.rowPinned && !editable(p),
        'cell-error': (p) => Boolean(p.data?.errors[field]),
      },
      tooltip: (p) => p.data?.errors[field] ?? (p.data && !p.node?.rowPinned ? (editBlock(p.data) ?? undefined) : undefined),
    });
    const money = (field: 'plannedPence' | 'actualPence'): ColDef<GridRow> => ({
      ...inputCell(field),
      type: 'rightAligned',
      cellEditor: MoneyEditor,
      valueFormatter: (p: ValueFormatterParams<GridRow>) => (typeof p.value === 'number' ? formatPence(p.value) : ''),
      filter: 'agNumberColumnFilter',
      width: 150,
    });
    return [
      {
        ...inputCell('orgId'),
        pinned: 'left',
        width: 250,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: partners.filter((p) => assignablePartnerIds.includes(p.id)).map((p) => p.id) },
        valueFormatter: (p) => (p.node?.rowPinned ? 'Total (rows shown)' : (partnerName.get(p.value as number) ?? `#${String(p.value)}`)),
        filterValueGetter: (p) => partnerName.get(p.data?.orgId ?? 0) ?? '',
        filter: 'agTextColumnFilter',
      },
      {
        ...inputCell('source'),
        width: 235,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: sources.map((s) => s.code) },
        valueFormatter: (p) => (p.node?.rowPinned ? '' : (sourceName.get(p.value as string) ?? String(p.value))),
        filterValueGetter: (p) => sourceName.get(p.data?.source ?? '') ?? '',
        filter: 'agTextColumnFilter',
      },
      {
        ...inputCell('quarter'),
        width: 130,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [1, 2, 3, 4] },
        valueFormatter: (p) => (p.node?.rowPinned ? '' : quarterLabel(p.value as number)),
        filter: 'agNumberColumnFilter',
      },
      money('plannedPence'),
      money('actualPence'),
      {
        colId: 'variancePence',
        headerName: 'Variance (£)',
        headerTooltip: 'Actual − planned (computed)',
        type: 'rightAligned',
        width: 150,
        editable: false,
        cellClass: 'cell-computed',
        cellClassRules: { negative: (p) => typeof p.value === 'number' && p.value < 0 },
        valueGetter: (p) => (p.data ? p.data.actualPence - p.data.plannedPence : null),
        valueFormatter: (p) => (typeof p.value === 'number' ? formatPence(p.value) : ''),
        filter: 'agNumberColumnFilter',
      },
      {
        ...inputCell('note'),
        flex: 1,
        minWidth: 180,
        cellEditor: 'agLargeTextCellEditor',
        cellEditorPopup: true,
        cellEditorParams: { maxLength: 2000, rows: 6, cols: 50 },
        filter: 'agTextColumnFilter',
      },
      {
        colId: 'actions',
        headerName: '',
        width: 140,
        sortable: false,
        filter: false,
        editable: false,
        cellRenderer: (p: ICellRendererParams<GridRow>) =>
          p.node.rowPinned || !p.data ? null : (
            <span className="row-actions">
              <button
                type="button"
                className="link-button"
                aria-label={`History of ${describeRow(p.data)}`}
                onClick={() => p.data && onShowHistory(p.data, null)}
              >
                History
              </button>
              {editBlock(p.data) === null && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Delete ${describeRow(p.data)}`}
                  onClick={() => p.data && onDelete(p.data)}
                >
                  Delete
                </button>
              )}
            </span>
          ),
      },
    ];
  }, [partners, sources, partnerName, sourceName, editBlock, assignablePartnerIds, onDelete, onShowHistory, describeRow]);

  const onCellEditRequest = useCallback(
    async (event: CellEditRequestEvent<GridRow>) => {
      const field = event.colDef.field as EditableField | undefined;
      const row = event.data;
      if (!field || !row || row.isTotal) return;
      const parsed = parseCell(field, event.newValue);
      if (!parsed.ok) {
        setError(row.id, field, parsed.message);
        return;
      }
      if (parsed.value === row[field]) {
        setError(row.id, field, null);
        return;
      }
      const result = await onPatch(row, { [field]: parsed.value } as ContributionPatch);
      if (result.ok) setError(row.id, field, null);
      else setError(row.id, field, result.fields[field] ?? (result.message || null));
    },
    [onPatch, setError],
  );

  const errorList = [...errors.entries()];
  const autoHeight = rows.length <= AUTO_HEIGHT_ROWS;
  return (
    <div className="grid-wrap">
      {errorList.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="grid-errors">
          <strong>Not saved:</strong>
          <ul>
            {errorList.map(([key, message]) => {
              const [id] = key.split(':');
              const row = rows.find((r) => String(r.id) === id);
              const where = row ? `${partnerName.get(row.orgId) ?? ''}, ${sourceName.get(row.source) ?? ''}, Q${row.quarter}` : '';
              return (
                <li key={key}>
                  {where && <span className="muted">{where}: </span>}
                  {message}
                </li>
              );
            })}
          </ul>
          <button type="button" className="link-button" onClick={() => setErrors(new Map())}>
            Dismiss
          </button>
        </div>
      )}
      <div className="grid-toolbar">
        <button
          type="button"
          className="secondary-button"
          disabled={!focused}
          onClick={() => {
            const row = rows.find((r) => r.id === focused?.rowId);
            if (row) onShowHistory(row, focused?.field ?? null);
          }}
        >
          History of selected cell
        </button>
        <span className="muted hint">Who changed it, when, from what to what. Alt+H does the same.</span>
      </div>
      {/* Up to AUTO_HEIGHT_ROWS rows the grid grows to show them all (the page scrolls, as a sheet does); beyond that it
          scrolls inside a fixed height so the browser never lays out thousands of rows. */}
      <div className="grid" style={autoHeight ? undefined : { height: 720 }}>
        <AgGridReact<GridRow>
          theme={themeQuartz.withParams({ fontFamily: 'inherit', headerFontWeight: 600 })}
          rowData={gridRows}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, filter: true, resizable: true, suppressHeaderMenuButton: false }}
          getRowId={(p: GetRowIdParams<GridRow>) => (p.data.isTotal ? 'total' : String(p.data.id))}
          pinnedBottomRowData={pinnedBottom}
          domLayout={autoHeight ? 'autoHeight' : 'normal'}
          readOnlyEdit
          onCellEditRequest={(e) => void onCellEditRequest(e)}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          tooltipShowDelay={200}
          onGridReady={(e) => {
            api.current = e.api;
          }}
          onCellFocused={(e) => {
            const node = typeof e.rowIndex === 'number' && !e.rowPinned ? api.current?.getDisplayedRowAtIndex(e.rowIndex) : undefined;
            const colId = typeof e.column === 'object' && e.column ? e.column.getColId() : null;
            const field = colId && colId in LABELS ? (colId as EditableField) : null;
            setFocused(node?.data ? { rowId: node.data.id, field } : null);
          }}
          onCellKeyDown={(e) => {
            const key = e.event as KeyboardEvent | null | undefined;
            if (key?.altKey && (key.key === 'h' || key.key === 'H') && 'column' in e && e.data && !e.data.isTotal) {
              const colId = e.column.getColId();
              onShowHistory(e.data, colId in LABELS ? (colId as EditableField) : null);
            }
          }}
          onFilterChanged={refreshTotals}
          onRowDataUpdated={refreshTotals}
          suppressDragLeaveHidesColumns
        />
      </div>
    </div>
  );
}
