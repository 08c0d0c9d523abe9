// What an edit, a paste, a fill or a clear does to a block of cells, as plain functions of the grid as it is shown
// (columns left to right, rows top to bottom, after sort and filter): the list of changes to send as one batch, or the
// cells that stop the whole block. No React and no ag-grid, so every rule here is unit-tested without a browser.
import { parseDelimited, toDelimited } from '../../../shared/csv';
import { cellText, cellValue, clearedValue, isEmptyValue, parseCellText, type SheetColumn } from './cells';
import type { CellPos, Rect } from './selection';
import type { CellCheck } from './validate';

export type SheetChange<Row> =
  { kind: 'update'; row: Row; values: Record<string, unknown> } | { kind: 'create'; values: Record<string, unknown> };

/** A refusal at one cell of an existing row. */
export interface CellError {
  rowId: number;
  field: string;
  message: string;
}

/** What a block comes to: the changes, or (when any cell is refused) the refusals and nothing to send. */
export interface BlockPlan<Row> {
  changes: SheetChange<Row>[];
  cellErrors: CellError[];
  /** Refusals of rows that do not exist yet (pasted past the end), by their place in the block. */
  newRowErrors: string[];
}

/** The grid as the block logic reads it. */
export interface SheetModel<Row extends { id: number }> {
  /** The columns as displayed, left to right; undefined for a column that holds no values (the row actions). */
  columns: readonly (SheetColumn<Row> | undefined)[];
  /** The rows as displayed, top to bottom (the totals row is not one of them). */
  rows: readonly Row[];
  /** Why this person may not change the row, or null when they may. */
  editBlock: (row: Row) => string | null;
  /** Why one cell of a row may not change though the row may (a figure locked by sign-off), or null. */
  cellBlock?: (row: Row, field: string) => string | null;
  validate: CellCheck;
  /** Defaults for a row created by pasting past the end; without it, pasting past the end is refused. */
  newRow?: () => Record<string, unknown>;
  /** Why no row may be added now though the grid can add rows (the plan locked by sign-off), or null. */
  newRowBlock?: string | null;
  /** The values that must change with a row's change (e.g. LA % = 100% − NHS % on a joint scheme). */
  completeChange?: (row: Row | null, values: Record<string, unknown>) => Record<string, unknown>;
}

/** Why this person may not change this cell: the row's refusal (another partner's row), else the cell's own (a figure
 * locked by sign-off); null when the cell takes a value. Every path into a cell (typing, paste, fill, clear, a toolbar
 * action) asks this one question. */
export function blockOfCell<Row extends { id: number }>(
  model: Pick<SheetModel<Row>, 'editBlock' | 'cellBlock'>,
  row: Row,
  field: string,
): string | null {
  return model.editBlock(row) ?? model.cellBlock?.(row, field) ?? null;
}

/** Cells to put into the grid from a corner: undefined leaves a cell as it is. */
export type Block = readonly (readonly unknown[])[];

/**
 * Put `block` into the grid with its top-left cell at `origin`. 'text' cells are read as typed or pasted ("£1,234.56",
 * a drop-down's name in any case, "+250"); 'values' cells are stored values already (a fill or a clear). Computed
 * columns and cells off the grid are skipped; rows past the end become new rows. All or nothing: one refused cell and
 * the plan holds no changes.
 */
export function planBlock<Row extends { id: number }>(
  model: SheetModel<Row>,
  block: Block,
  origin: CellPos,
  cells: 'text' | 'values',
): BlockPlan<Row> {
  const changes: SheetChange<Row>[] = [];
  const cellErrors: CellError[] = [];
  const newRowErrors: string[] = [];
  block.forEach((line, r) => {
    const row = model.rows[origin.row + r] ?? null;
    if (!row && !model.newRow) {
      newRowErrors.push(`Row ${r + 1} of the pasted block runs past the last row, and this grid cannot add rows`);
      return;
    }
    if (!row && model.newRowBlock) {
      newRowErrors.push(`Row ${r + 1} of the pasted block runs past the last row, and no row can be added: ${model.newRowBlock}`);
      return;
    }
    const values: Record<string, unknown> = {};
    line.forEach((raw, c) => {
      const column = model.columns[origin.col + c];
      if (!column || column.kind === 'computed' || raw === undefined) return;
      const locked = row ? blockOfCell(model, row, column.field) : null;
      if (row && locked) {
        cellErrors.push({ rowId: row.id, field: column.field, message: locked });
        return;
      }
      const current = row ? cellValue(row, column) : undefined;
      const parsed = cells === 'text' ? parseCellText(column, raw, current) : { ok: true as const, value: raw };
      const problem = parsed.ok ? model.validate(column, parsed.value) : parsed.message;
      if (problem || !parsed.ok) {
        if (row) cellErrors.push({ rowId: row.id, field: column.field, message: problem ?? 'is not valid' });
        else newRowErrors.push(`New row ${r + 1}: ${problem ?? 'is not valid'}`);
        return;
      }
      if (!row || parsed.value !== current) values[column.field] = parsed.value;
    });
    const complete = (v: Record<string, unknown>) => (model.completeChange ? model.completeChange(row, v) : v);
    if (row && Object.keys(values).length) changes.push({ kind: 'update', row, values: complete(values) });
    if (!row && model.newRow) changes.push({ kind: 'create', values: complete({ ...model.newRow(), ...values }) });
  });
  if (cellErrors.length || newRowErrors.length) return { changes: [], cellErrors, newRowErrors };
  return { changes, cellErrors, newRowErrors };
}

/** One cell typed into (the editor hands over its text, or a drop-down's value). */
export function planEdit<Row extends { id: number }>(model: SheetModel<Row>, at: CellPos, value: unknown): BlockPlan<Row> {
  return planBlock(model, [[value]], at, 'text');
}

/**
 * Ctrl+V: tab-separated text as Excel and LibreOffice copy it (CRLF or LF, quoted cells holding tabs and line ends),
 * from the selection's top-left cell. One value pasted over a larger selection fills the selection, as in Excel.
 */
export function planPaste<Row extends { id: number }>(model: SheetModel<Row>, selection: Rect, text: string): BlockPlan<Row> {
  const block = parseDelimited(text, '\t');
  const only = block.length === 1 && block[0]?.length === 1 ? block[0][0] : undefined;
  const height = selection.bottom - selection.top + 1;
  const width = selection.right - selection.left + 1;
  const cells = only !== undefined && height * width > 1 ? Array.from({ length: height }, () => Array<string>(width).fill(only)) : block;
  return planBlock(model, cells, { row: selection.top, col: selection.left }, 'text');
}

/** Ctrl+D: the selection's top row copied into the rows below it. */
export function fillDown<Row extends { id: number }>(model: SheetModel<Row>, selection: Rect): BlockPlan<Row> {
  return fill(model, selection, false);
}

/** "Fill only empty cells": fill down, but only into cells that are empty or £0.00. */
export function fillEmpty<Row extends { id: number }>(model: SheetModel<Row>, selection: Rect): BlockPlan<Row> {
  return fill(model, selection, true);
}

function fill<Row extends { id: number }>(model: SheetModel<Row>, selection: Rect, onlyEmpty: boolean): BlockPlan<Row> {
  const source = model.rows[selection.top];
  if (!source || selection.bottom === selection.top) return { changes: [], cellErrors: [], newRowErrors: [] };
  const block: unknown[][] = [];
  for (let r = selection.top + 1; r <= selection.bottom; r++) {
    const target = model.rows[r];
    const line: unknown[] = [];
    for (let c = selection.left; c <= selection.right; c++) {
      const column = model.columns[c];
      const skip = !column || !target || (onlyEmpty && !isEmptyValue(cellValue(target, column)));
      line.push(skip ? undefined : cellValue(source, column));
    }
    block.push(line);
  }
  return planBlock(model, block, { row: selection.top + 1, col: selection.left }, 'values');
}

/** Delete: each selected cell takes its cleared value (£0.00, empty text, "not given"); a choice that cannot be
 * cleared is left as it is. */
export function clearBlock<Row extends { id: number }>(model: SheetModel<Row>, selection: Rect): BlockPlan<Row> {
  const block: unknown[][] = [];
  for (let r = selection.top; r <= selection.bottom; r++) {
    const line: unknown[] = [];
    for (let c = selection.left; c <= selection.right; c++) {
      const column = model.columns[c];
      const cleared = column ? clearedValue(column) : null;
      line.push(cleared?.ok ? cleared.value : undefined);
    }
    block.push(line);
  }
  return planBlock(model, block, { row: selection.top, col: selection.left }, 'values');
}

/** Ctrl+C: the selection as tab-separated text, which Excel and LibreOffice paste as cells; money as plain numbers. */
export function copyBlock<Row extends { id: number }>(model: SheetModel<Row>, selection: Rect): string {
  const lines: string[][] = [];
  for (let r = selection.top; r <= selection.bottom; r++) {
    const row = model.rows[r];
    if (!row) continue;
    lines.push(model.columns.slice(selection.left, selection.right + 1).map((column) => (column ? cellText(row, column) : '')));
  }
  return toDelimited(lines, '\t');
}

/** The rows a toolbar action works on: those of a selected block, or every row shown when no block is selected. */
export function rowsOf<Row extends { id: number }>(model: SheetModel<Row>, block: Rect | null): Row[] {
  return block ? model.rows.slice(block.top, block.bottom + 1) : [...model.rows];
}

/** The changes a toolbar action may not make: one refusal per cell this person may not change (a row of another
 * partner, a figure locked by sign-off). `blockOf` is blockOfCell's question, by row and field. */
export function lockedCells<Row extends { id: number }>(
  changes: readonly SheetChange<Row>[],
  blockOf: (row: Row, field: string) => string | null,
): CellError[] {
  return changes.flatMap((c) => {
    if (c.kind !== 'update') return [];
    return Object.keys(c.values).flatMap((field) => {
      const locked = blockOf(c.row, field);
      return locked ? [{ rowId: c.row.id, field, message: locked }] : [];
    });
  });
}

/** A contribution as "copy previous quarter" reads it. */
export interface QuarterRow {
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
}

/**
 * "Copy previous quarter": each row's planned amount set to the same partner and funding source's amount in the
 * quarter before, from `all` the fund's rows. Q1 rows have no previous quarter in the fund and are left, as are rows
 * that already hold that amount.
 */
export function copyPreviousQuarter<Row extends QuarterRow>(all: readonly Row[], rows: readonly Row[]): SheetChange<Row>[] {
  const key = (orgId: number, source: string, quarter: number) => `${orgId}|${source}|${quarter}`;
  const byKey = new Map(all.map((r) => [key(r.orgId, r.source, r.quarter), r]));
  return rows.flatMap((row) => {
    const previous = byKey.get(key(row.orgId, row.source, row.quarter - 1));
    return previous && previous.plannedPence !== row.plannedPence
      ? [{ kind: 'update' as const, row, values: { plannedPence: previous.plannedPence } }]
      : [];
  });
}

/** Why typing into (or F2 on) a cell does nothing: the totals row, a computed column, a row this person may not
 * change, a figure locked by sign-off; null when the cell takes typing. `row` is null for the totals row. */
export function typingRefusal<Row extends { id: number }>(
  column: SheetColumn<Row> | undefined,
  row: Row | null,
  blockOf: (row: Row, field: string) => string | null,
): string | null {
  if (!row) return 'The totals row adds up the rows above it: type into those rows instead';
  if (!column) return null;
  if (column.kind === 'computed') return `${column.header} is worked out by the tool and cannot be typed in`;
  return blockOf(row, column.field);
}

/** Why a block action (a fill, a clear) that found nothing to change changed nothing: each selected column that holds
 * no input, or, when some do, that their cells already hold those values. */
export function whyNothingChanged<Row extends { id: number }>(model: SheetModel<Row>, rect: Rect, action: 'clear' | 'fill'): string {
  const columns = model.columns.slice(rect.left, rect.right + 1);
  const reasons = columns.map((column) => {
    if (!column) return 'the row actions hold no values';
    if (column.kind === 'computed') return `${column.header} is worked out by the tool`;
    const cleared = clearedValue(column);
    return action === 'clear' && !cleared.ok ? cleared.message : null;
  });
  if (reasons.every((r) => r !== null)) return `Nothing to ${action}: ${[...new Set(reasons)].join('; ')}`;
  return action === 'clear'
    ? 'Nothing to clear: the selected cells are already empty'
    : 'Nothing to fill: the cells below already hold the top row’s values';
}

/** The first refusal of a plan, for the status line (the banner lists them all). */
export function firstRefusal<Row>(plan: BlockPlan<Row>): string | null {
  return plan.cellErrors[0]?.message ?? plan.newRowErrors[0] ?? null;
}
