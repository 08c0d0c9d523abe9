// Redrawing the grid's cells (refused marks, locks, comment corners, colleagues' selections) without touching a cell
// being edited. ag-grid's refreshCells re-opens the editor of an editing cell whose editor React has not drawn yet (the
// few milliseconds after the key that opened it), and the re-opened editor starts from the cell's value, not from that
// key: the keys typed so far were lost ("1004" typed just after a save landed was saved as 4). So the editing cells are
// left out; ag-grid redraws a cell itself when its edit ends.
import type { Column, GridApi } from 'ag-grid-community';

export function refreshCellsBesideEdits<T>(api: GridApi<T> | null | undefined, params: { force?: boolean } = {}): void {
  if (!api) return;
  const editing = api.getEditingCells();
  if (editing.length === 0) {
    api.refreshCells(params);
    return;
  }
  const editingColumns = new Set<Column>(editing.flatMap((cell) => (cell.column ? [cell.column] : [])));
  const otherColumns = (api.getColumns() ?? []).filter((column) => !editingColumns.has(column));
  if (otherColumns.length > 0) api.refreshCells({ ...params, columns: otherColumns });
  // The editing columns, in every drawn row (the totals row too) but the editing cells' own.
  const editingRows = new Set(editing.map((cell) => `${cell.rowPinned ?? ''}:${cell.rowIndex}`));
  const pinned = [
    ...Array.from({ length: api.getPinnedTopRowCount() }, (_, i) => api.getPinnedTopRow(i)),
    ...Array.from({ length: api.getPinnedBottomRowCount() }, (_, i) => api.getPinnedBottomRow(i)),
  ].filter((node) => node !== undefined);
  const rowNodes = [...api.getRenderedNodes(), ...pinned].filter((node) => !editingRows.has(`${node.rowPinned ?? ''}:${node.rowIndex}`));
  if (rowNodes.length > 0) api.refreshCells({ ...params, columns: [...editingColumns], rowNodes });
}
