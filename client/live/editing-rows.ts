// Which rows a person is typing in on this page, as the grids themselves say. A live change to such a row waits for
// the edit to end (apply-change.ts). The grid is asked, not the page's drawing: the key that opens a cell's editor marks
// the cell editing in the grid at once, while React draws the editor (and ag-grid's editing class) a moment later, and a
// change landing in that moment must wait too. Each grid registers while it is on the page.
const grids = new Set<() => Iterable<number>>();

/** `editingRows` gives the ids of the grid's rows with an editor open (or opening); the result unregisters it. */
export function registerEditingRows(editingRows: () => Iterable<number>): () => void {
  grids.add(editingRows);
  return () => {
    grids.delete(editingRows);
  };
}

export function rowsBeingEdited(): Set<number> {
  const ids = new Set<number>();
  for (const editingRows of grids) for (const id of editingRows()) ids.add(id);
  return ids;
}
