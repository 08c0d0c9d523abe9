// /national: every scheme line the reader can see, across partnerships and years (a national dataset holds about
// 200,000), in ag-grid's infinite row model: the server sorts, filters and sends one block of rows at a time. Below
// it, the totals by scheme type for a year (?year=2025/26 in the link).
import { useSearch } from '@tanstack/react-router';
import type { ColDef, GridApi, IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import '../components/sheet/ag-grid-modules';
import { useMemo, useRef, useState } from 'react';
import { formatPence, parsePounds } from '../../shared/money';
import {
  NATIONAL_COLUMN_LABELS,
  NATIONAL_COLUMNS,
  NATIONAL_MONEY_COLUMNS,
  NUMBER_FILTER_OPS,
  TEXT_FILTER_OPS,
  type MoneyFilter,
  type NationalColumn,
  type NationalFilter,
  type NationalLine,
  type NationalLinesInput,
  type TextFilter,
} from '../../shared/national';
import { LoadError, Loading } from '../components/Loading';
import { FitCell, fitColumnsWith, type FitKind } from '../components/sheet/fit-cell';
import { fitColumnsTo, NAME_MAX_WIDTH } from '../components/sheet/fit-columns';
import { useSearchChanges } from '../hooks/useSearchChanges';
import { nationalSearch } from '../search-params';
import { apiError } from '../trpc';
import { num, numClass, TableHead } from '../components/SimpleTable';
import { useNationalLines, useNationalRollup } from '../hooks/useNational';

/** Made once: a new theme object on every render makes ag-grid measure its sizes again (a forced page layout). */
const GRID_THEME = themeQuartz.withParams({ fontFamily: 'inherit', headerFontWeight: 600 });

/** Made once too: a new default column definition on each render (each block's count re-renders the page) has ag-grid
 * apply the column definitions again. */
const DEFAULT_COL_DEF: ColDef<NationalLine> = { resizable: true };

/** Rows per request: ag-grid keeps a few blocks around the rows in view and asks for the next as you scroll. */
const BLOCK_SIZE = 100;

const isColumn = (id: string): id is NationalColumn => (NATIONAL_COLUMNS as readonly string[]).includes(id);
const isMoney = (id: NationalColumn) => (NATIONAL_MONEY_COLUMNS as readonly string[]).includes(id);
const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/** ag-grid's filter model for a column, as the national procedure takes it; a money filter is typed in pounds. */
function filterOf(column: NationalColumn, model: unknown): TextFilter | MoneyFilter | undefined {
  if (typeof model !== 'object' || model === null) return undefined;
  const { type, filter, filterTo } = model as { type?: unknown; filter?: unknown; filterTo?: unknown };
  if (isMoney(column)) {
    const pence = (v: unknown) => {
      const parsed = typeof v === 'number' ? parsePounds(String(v)) : null;
      return parsed?.ok ? parsed.pence : undefined;
    };
    const value = pence(filter);
    if (!isOneOf(NUMBER_FILTER_OPS, type) || value === undefined) return undefined;
    return { kind: 'money', op: type, value, ...(pence(filterTo) !== undefined ? { valueTo: pence(filterTo) } : {}) };
  }
  if (!isOneOf(TEXT_FILTER_OPS, type) || typeof filter !== 'string') return undefined;
  return { kind: 'text', op: type, value: filter };
}

function requestOf(params: IGetRowsParams): NationalLinesInput {
  const [first]: (SortModelItem | undefined)[] = params.sortModel;
  const filter: NationalFilter = {};
  for (const [column, model] of Object.entries(params.filterModel as Record<string, unknown>)) {
    if (!isColumn(column)) continue;
    const f = filterOf(column, model);
    if (f?.kind === 'money' && isMoney(column)) Object.assign(filter, { [column]: f });
    else if (f?.kind === 'text' && !isMoney(column)) Object.assign(filter, { [column]: f });
  }
  return {
    offset: params.startRow,
    limit: params.endRow - params.startRow,
    ...(first && isColumn(first.colId) ? { sort: { column: first.colId, direction: first.sort } } : {}),
    filter,
  };
}

const COLUMN_WIDTHS: Partial<Record<NationalColumn, number>> = { partnership: 260, financialYear: 100, code: 110, name: 220 };

function columnDefs(): ColDef<NationalLine>[] {
  return NATIONAL_COLUMNS.map((column) => ({
    colId: column,
    field: column,
    headerName: NATIONAL_COLUMN_LABELS[column],
    // A starting width only, as in the sheets (column-defs.ts): `width` was applied again whenever the definitions
    // were, undoing the fit on some runs and not others (and holding the starting width as the next fit's floor).
    initialWidth: COLUMN_WIDTHS[column] ?? 180,
    sortable: true,
    // Drawn as the sheets draw their cells (fit-cell.ts): a figure never clipped, a name cut only past its cap and
    // then readable in full on hover, on focus and as its title.
    cellRenderer: FitCell,
    cellRendererParams: { mode: isMoney(column) ? 'figure' : 'name' },
    ...(isMoney(column)
      ? {
          filter: 'agNumberColumnFilter',
          filterParams: { filterOptions: [...NUMBER_FILTER_OPS], maxNumConditions: 1, inRangeInclusive: true, buttons: ['reset'] },
          valueFormatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatPence(p.value) : ''),
          cellClass: 'num',
          headerClass: 'ag-right-aligned-header',
        }
      : {
          filter: 'agTextColumnFilter',
          filterParams: { filterOptions: [...TEXT_FILTER_OPS], maxNumConditions: 1, buttons: ['reset'] },
        }),
  }));
}

/** Columns the person resized while the app is open: fitting leaves them alone. */
const resizedByPerson = new Set<string>();
/** Grids whose widths a fit has set: until then they are COLUMN_WIDTHS, a starting guess and no floor. */
const fittedGrids = new WeakSet<GridApi>();
const NAME_LIMITS = NATIONAL_COLUMNS.filter((c) => !isMoney(c)).map((colId) => ({ colId, maxWidth: NAME_MAX_WIDTH }));

/**
 * Fits the columns to the rows drawn, when their cells have drawn their text (fit-cell.ts asks, once per frame). The
 * rows arrive a block at a time: the first fit sizes the columns to the first rows, and later ones only widen them, so
 * a block of short names never narrows a column the person is reading. While a drawn row is still loading (a blank
 * row waiting for its block) nothing is fitted: its "loading" cell is no figure, and whether it was measured depended
 * on how fast the block came back.
 */
function fitNational(api: GridApi<NationalLine>, kind: FitKind, root: HTMLElement | null): void {
  const drawn = api.getRenderedNodes();
  if (drawn.length === 0 || drawn.some((node) => node.stub || !node.data)) return;
  const colIds = NATIONAL_COLUMNS.filter((c) => !resizedByPerson.has(c));
  fitColumnsTo(api, colIds, NAME_LIMITS, kind === 'grow' && fittedGrids.has(api), root);
}

function RollupTable({ year }: { year: string | null }) {
  const rollup = useNationalRollup(year);
  if (rollup.error) return <LoadError error={rollup.error} what="the totals by scheme type" />;
  if (!rollup.data) return <Loading what="the totals by scheme type" />;
  const { rows } = rollup.data;
  return (
    <table className="simple-table" data-testid="national-rollup">
      <caption>
        Totals by scheme type, {year ?? 'all years'}: {rollup.data.schemes.toLocaleString('en-GB')} scheme lines
      </caption>
      <TableHead columns={['Scheme type', num('Lines'), num('Planned'), num('Actual'), num('Variance (actual − planned)')]} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.schemeType ?? 'none'}>
            <td>{r.name}</td>
            <td className="num">{r.schemes.toLocaleString('en-GB')}</td>
            <td className="num">{formatPence(r.plannedPence)}</td>
            <td className="num">{formatPence(r.actualPence)}</td>
            <td className={numClass(r.actualPence - r.plannedPence)}>{formatPence(r.actualPence - r.plannedPence)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="num">{rollup.data.schemes.toLocaleString('en-GB')}</td>
          <td className="num">{formatPence(rollup.data.plannedPence)}</td>
          <td className="num">{formatPence(rollup.data.actualPence)}</td>
          <td className={numClass(rollup.data.actualPence - rollup.data.plannedPence)}>
            {formatPence(rollup.data.actualPence - rollup.data.plannedPence)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The national rollup by BCF year: each year's funds, scheme lines and totals, whatever year the totals above show. */
function BcfYearTable() {
  const rollup = useNationalRollup(null);
  if (rollup.error) return <LoadError error={rollup.error} what="the totals by BCF year" />;
  if (!rollup.data) return <Loading what="the totals by BCF year" />;
  return (
    <table className="simple-table" data-testid="national-by-bcf-year">
      <caption>Totals by BCF year: each year’s funds are read with that year’s streams and lists</caption>
      <TableHead columns={['BCF year', num('Funds'), num('Lines'), num('Planned'), num('Actual'), num('Variance (actual − planned)')]} />
      <tbody>
        {rollup.data.byBcfYear.map((r) => (
          <tr key={r.bcfYear}>
            <td>{r.label}</td>
            <td className="num">{r.funds.toLocaleString('en-GB')}</td>
            <td className="num">{r.schemes.toLocaleString('en-GB')}</td>
            <td className="num">{formatPence(r.plannedPence)}</td>
            <td className="num">{formatPence(r.actualPence)}</td>
            <td className={numClass(r.actualPence - r.plannedPence)}>{formatPence(r.actualPence - r.plannedPence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The financial years to choose from: the current one and the nine before it. */
function recentYears(): string[] {
  const now = new Date();
  const start = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return Array.from({ length: 10 }, (_, i) => `${start - i}/${String((start - i + 1) % 100).padStart(2, '0')}`);
}

export function NationalPage() {
  const fetchLines = useNationalLines();
  const year = useSearch({ from: '/_signedIn/national' }).year ?? null;
  const setParams = useSearchChanges(nationalSearch);
  const [status, setStatus] = useState<{ total: number } | { error: string } | null>(null);
  const gridBox = useRef<HTMLDivElement | null>(null);
  const columns = useMemo(columnDefs, []);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (request) => {
        const input = requestOf(request);
        // Fetched through the query client (one batched request) but not kept: ag-grid keeps its own block cache.
        fetchLines(input)
          .then((page) => {
            setStatus({ total: page.total });
            request.successCallback(page.rows, page.total);
          })
          .catch((error: unknown) => {
            setStatus({ error: apiError(error).message });
            request.failCallback();
          });
      },
    }),
    [fetchLines],
  );

  return (
    <section>
      <h1>National view</h1>
      <p>Every scheme line of the partnerships you can see, for every year. Sort and filter any column; the server does both.</p>
      <section aria-labelledby="national-lines-title">
        <h2 id="national-lines-title">Scheme lines</h2>
        <p role="status" aria-live="polite" data-testid="national-count">
          {status === null
            ? 'Loading scheme lines…'
            : 'error' in status
              ? `Could not load the scheme lines: ${status.error}`
              : `${status.total.toLocaleString('en-GB')} scheme line${status.total === 1 ? '' : 's'} match.`}
        </p>
        <div ref={gridBox} className="grid" style={{ height: 600 }} data-testid="national-grid">
          <AgGridReact<NationalLine>
            theme={GRID_THEME}
            rowModelType="infinite"
            cacheBlockSize={BLOCK_SIZE}
            maxBlocksInCache={50}
            getRowId={(p) => String(p.data.id)}
            columnDefs={columns}
            defaultColDef={DEFAULT_COL_DEF}
            // Eight columns: all in the page, so a column scrolled out of view sideways can still be found and read.
            suppressColumnVirtualisation
            datasource={datasource}
            // The columns are fitted to the figures and names of each block once its cells are drawn (fitNational); a
            // column the person resized is theirs.
            onGridReady={(e) => fitColumnsWith(e.api, (kind) => fitNational(e.api, kind, gridBox.current))}
            onColumnResized={(e) => {
              if (e.source === 'autosizeColumns') fittedGrids.add(e.api);
              if (e.finished && e.source === 'uiColumnResized') for (const c of e.columns ?? []) resizedByPerson.add(c.getColId());
            }}
          />
        </div>
      </section>

      <section aria-labelledby="national-totals-title">
        <h2 id="national-totals-title">Totals by scheme type</h2>
        <label>
          Year of the totals{' '}
          <select value={year ?? ''} onChange={(e) => setParams({ year: e.target.value || null })}>
            <option value="">All years</option>
            {recentYears().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <RollupTable year={year} />
      </section>

      <section aria-labelledby="national-bcf-years-title">
        <h2 id="national-bcf-years-title">Totals by BCF year</h2>
        <BcfYearTable />
      </section>
    </section>
  );
}
