// ag-grid's own fit of columns to their drawn cells, measured for every column in one layout. autoSizeColumns
// measures a column, sets its width, then measures the next: each width set moves every later cell, so each
// measurement lays out the whole grid again (on a plan with 35 columns, most of the time the page took to show its
// first rows). The measurement here is the same as ag-grid's (a copy of the column's drawn cells and its header in an
// unconstrained box in the grid's viewport, plus the grid's autoSizePadding, within the column's limits): each box is
// sized by its own cells only, so measuring all of them before setting any width gives the widths ag-grid gives.
// And only the cells that can be the widest are copied (copying all of a plan's 800 drawn cells cost more than the
// layout saved): cells styled alike differ only in their text's width, which the drawn cells already know.
import type { GridApi, SizeColumnsToContentColumnLimits } from 'ag-grid-community';

/** ag-grid's default autoSizePadding (the grids here do not set it). */
const AUTO_SIZE_PADDING = 20;

/** A copy of a drawn cell (or header cell) as ag-grid copies it to measure it: unpositioned, its own width, in a row
 * with its row's classes so the row's styles (the totals row's bold) apply. */
function cloneForMeasure(cell: Element, into: HTMLElement): void {
  const copy = cell.cloneNode(true) as HTMLElement;
  copy.style.width = '';
  copy.style.position = 'static';
  copy.style.left = '';
  copy.style.right = '';
  const row = document.createElement('div');
  const isHeader = copy.classList.contains('ag-header-cell') || copy.classList.contains('ag-header-group-cell');
  if (isHeader) {
    row.classList.add('ag-header', 'ag-header-row');
    row.style.position = 'static';
  } else {
    row.classList.add('ag-row');
  }
  const drawnRow = cell.parentElement?.closest('.ag-header-row, .ag-row');
  for (const name of drawnRow?.classList ?? []) if (name !== 'ag-row-position-absolute') row.classList.add(name);
  row.appendChild(copy);
  into.appendChild(row);
}

/**
 * The cells of one column that may be its widest: among cells styled alike (the same row, cell and text-box classes,
 * so the same padding, borders and font), one of each text whose width (fit-cell.ts's value, read rounded to the pixel)
 * is the widest's; and every cell drawn without that text (another renderer, an editor), whose width only a copy can
 * tell. A wider text never reads narrower once rounded, so the widest copy is among these.
 */
function widestCells(cells: Iterable<Element>): Element[] {
  const groups = new Map<string, Map<string, { cell: Element; width: number }>>();
  for (const cell of cells) {
    const value = cell.querySelector('.fit-value');
    const box = value?.parentElement;
    const style = `${cell.parentElement?.closest('.ag-row')?.className}|${cell.className}|${box?.className}|${box?.childElementCount}`;
    const group = groups.get(style) ?? new Map<string, { cell: Element; width: number }>();
    groups.set(style, group);
    // Cells alike in style and text are alike in width: one of them is enough.
    const text = value ? (cell.textContent ?? '') : `unknown ${group.size}`;
    if (!group.has(text)) group.set(text, { cell, width: value ? value.scrollWidth : Number.POSITIVE_INFINITY });
  }
  return [...groups.values()].flatMap((group) => {
    const list = [...group.values()];
    const widest = Math.max(...list.map((g) => g.width));
    return list.filter((g) => g.width === widest).map((g) => g.cell);
  });
}

/**
 * Sets each of `colIds` to the width of its widest drawn cell or header, within `limits` (or the column's own min and
 * max width), as ag-grid's autoSizeColumns would; false when the grid is not drawn in `root`, for the caller to fall
 * back to autoSizeColumns. A column without a drawn header is left as it is (as ag-grid leaves it).
 */
export function setWidthsToCells<T>(
  api: GridApi<T>,
  root: HTMLElement,
  colIds: readonly string[],
  limits: readonly SizeColumnsToContentColumnLimits[],
): boolean {
  const viewport = root.querySelector('.ag-grid-viewport');
  if (!viewport) return false;
  // Rows ag-grid still has to draw in a later frame are drawn now, as autoSizeColumns does before measuring.
  api.flushAllAnimationFrames();
  const limitOf = new Map(limits.map((l) => [l.colId, l]));
  // Read every drawn cell's text width first (the page is laid out once), then copy the few that can be widest.
  const columns = colIds.flatMap((colId) => {
    const column = api.getColumn(colId);
    const selector = `[col-id="${CSS.escape(colId)}"]`;
    const header = root.querySelector(`.ag-header-cell${selector}`);
    if (!column || !header || column.getColDef().suppressAutoSize) return [];
    return [{ colId, column, header, cells: widestCells(root.querySelectorAll(`.ag-cell${selector}`)) }];
  });
  const boxes = columns.map(({ colId, column, header, cells }) => {
    const box = document.createElement('form');
    box.style.position = 'fixed';
    for (const cell of cells) cloneForMeasure(cell, box);
    cloneForMeasure(header, box);
    return { colId, column, box };
  });
  // Every box in the page, then every width read: one layout for all of them.
  for (const { box } of boxes) viewport.appendChild(box);
  const measured = boxes.map(({ colId, column, box }) => {
    const limit = limitOf.get(colId);
    const preferred = box.offsetWidth + AUTO_SIZE_PADDING;
    const min = limit?.minWidth ?? column.getMinWidth();
    const max = limit?.maxWidth ?? column.getMaxWidth();
    return { key: colId, newWidth: Math.min(Math.max(preferred, min), max) };
  });
  for (const { box } of boxes) box.remove();
  // One "finished" resize with autoSizeColumns' source, changed or not, as it sends: the grids' listeners read it as
  // "fitted" (useColumnLayout.ts, NationalPage.tsx).
  if (measured.length > 0) api.setColumnWidths(measured, true, 'autosizeColumns');
  return true;
}
