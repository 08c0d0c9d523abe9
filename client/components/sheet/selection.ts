// The grid's rectangular selection, in displayed positions (after sort and filter): an anchor cell where the selection
// started and the cell it was extended to. Pure, so it is easy to reason about and to test.

export interface CellPos {
  row: number;
  col: number;
}

export interface Selection {
  anchor: CellPos;
  focus: CellPos;
}

export interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function rectOf(selection: Selection): Rect {
  return {
    top: Math.min(selection.anchor.row, selection.focus.row),
    bottom: Math.max(selection.anchor.row, selection.focus.row),
    left: Math.min(selection.anchor.col, selection.focus.col),
    right: Math.max(selection.anchor.col, selection.focus.col),
  };
}

export function isSingleCell(selection: Selection): boolean {
  return selection.anchor.row === selection.focus.row && selection.anchor.col === selection.focus.col;
}
