// How wide each column of a sheet is: figures always in full, names in full up to a cap. ag-grid Community's
// autoSizeColumns measures the cells as they are drawn (the grid's own font, the bold totals row, the header);
// SheetGrid asks it again whenever the rows, the totals or the columns change, and the cells ask once they have drawn
// their text (fit-cell.ts requestFit). A column the person has sized themselves (a header drag, or a width in their
// saved layout) is theirs: it is left alone, and a figure too wide for it is marked as cut (fit-cell.ts) rather than
// sized over.
import type { ColumnState, GridApi, SizeColumnsToContentColumnLimits, SizeColumnsToContentStrategy } from 'ag-grid-community';
import type { SheetColumn } from './cells';
import { setWidthsToCells } from './column-widths';

/** The widest a name or free-text column grows to fit its text (the demo's longest metric name fits in one line at
 * NAME_MAX_WIDTH). Past it the text ends in an ellipsis and shows in full as the cell's title and on hover and focus
 * (fit-cell.ts). Free text (notes, descriptions, narratives: up to thousands of characters) is capped lower, as one
 * line of it is only a preview. Figures have no cap: the grid's own sizing never cuts a figure. */
export const NAME_MAX_WIDTH = 600;
export const TEXT_MAX_WIDTH = 360;
/** Text columns allowing more than this many characters hold free text rather than a name. */
const NAME_MAX_LENGTH = 300;

/** Kinds whose cells hold a figure (money, percentages, counts, metric values), right-aligned. */
const FIGURE_KINDS = new Set(['money', 'percent', 'count', 'decimal', 'computed']);

export function isFigureColumn<Row>(column: SheetColumn<Row>): boolean {
  return FIGURE_KINDS.has(column.kind) && column.computedFormat !== 'text';
}

/** How a column's cells fit their text: a figure (`####` when a person narrows it below the figure), a name or free
 * text (an ellipsis past the column's cap or a person's narrower width). */
export type FitMode = 'figure' | 'name' | 'text';

export function fitModeOf<Row>(column: SheetColumn<Row>): FitMode {
  if (isFigureColumn(column)) return 'figure';
  if (column.kind === 'text' && (column.maxLength ?? 0) > NAME_MAX_LENGTH) return 'text';
  return 'name';
}

/** The cap of one column, or undefined for none (figures). */
export function maxWidthOf<Row>(column: SheetColumn<Row>): number | undefined {
  const mode = fitModeOf(column);
  return mode === 'figure' ? undefined : mode === 'text' ? TEXT_MAX_WIDTH : NAME_MAX_WIDTH;
}

/** What to fit and the caps, in the shape of ag-grid's auto-size strategy: every column but those that flex to fill
 * the row. (SheetGrid passes colIds and columnLimits to autoSizeColumns; `continuous` is ag-grid's own re-fitting, not
 * used, as it re-sized a person's saved width when the column definitions were made again.) */
export function fitStrategyOf<Row>(columns: readonly SheetColumn<Row>[]): SizeColumnsToContentStrategy {
  const fitted = columns.filter((c) => !c.flex);
  return {
    type: 'fitCellContents',
    colIds: fitted.map((c) => c.field),
    columnLimits: fitted.flatMap((c) => {
      const maxWidth = maxWidthOf(c);
      return maxWidth === undefined ? [] : [{ colId: c.field, maxWidth }];
    }),
  };
}

/**
 * Fits `colIds` to their drawn cells within their caps. With `floorAtCurrent` no column gets narrower than it is now
 * (a `grow` fit, fit-cell.ts). The caller passes it only once a fit has set the widths: before that they are the
 * column definitions' starting widths, no one's measure, and keeping them as a floor held a column wider than its
 * figures on the runs where the fit happened to measure early, and not on the others. `root` is the element the grid
 * is drawn in: every column is then measured in one layout (column-widths.ts); without it, column by column.
 */
export function fitColumnsTo<T>(
  api: GridApi<T>,
  colIds: readonly string[],
  columnLimits: readonly SizeColumnsToContentColumnLimits[],
  floorAtCurrent: boolean,
  root: HTMLElement | null = null,
): void {
  if (colIds.length === 0) return;
  const capOf = new Map(columnLimits.map((l) => [l.colId, l.maxWidth]));
  const limits = colIds.map((colId) => {
    const maxWidth = capOf.get(colId);
    const now = floorAtCurrent ? api.getColumn(colId)?.getActualWidth() : undefined;
    const minWidth = now === undefined ? undefined : maxWidth === undefined ? now : Math.min(now, maxWidth);
    return { colId, ...(minWidth === undefined ? {} : { minWidth }), ...(maxWidth === undefined ? {} : { maxWidth }) };
  });
  if (!root || !setWidthsToCells(api, root, colIds, limits)) api.autoSizeColumns({ colIds: [...colIds], columnLimits: limits });
}

/**
 * The column layout to save for a person: order, sort, pinning and visibility as they are, but a width only for the
 * columns they sized themselves. Saving the fitted widths would freeze them, and the next larger figure would be cut.
 */
export function layoutToSave(state: readonly ColumnState[], userSized: ReadonlySet<string>): ColumnState[] {
  return state.map((column) => {
    if (userSized.has(column.colId)) return column;
    const { width: _fitted, ...rest } = column;
    return rest;
  });
}

/**
 * The columns a saved layout sizes (those with a width): the grid treats them as sized by the person. A layout saved
 * before columns were fitted kept every column's width; it is read as sizing none, so that person's columns are fitted
 * too (the columns' own widths were defaults, not a choice). A layout saved since keeps widths only for dragged
 * columns, so every column carrying one means they dragged them all, which no one does to a grid this wide.
 */
export function sizedIn(state: readonly ColumnState[] | null | undefined): string[] {
  const sized = (state ?? []).filter((c) => typeof c.width === 'number');
  if (state && state.length > 2 && sized.length === state.length) return [];
  return sized.map((c) => c.colId);
}
