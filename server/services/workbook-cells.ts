// Reading a workbook's cells as an import sees them: empty, a number, text, or something it cannot use (with why),
// the text a person sees in a cell, and a percentage as basis points through its decimal text. Used by the plan
// workbook import (plan-workbook-import.ts).
import type ExcelJS from 'exceljs';
import { restoreFormulaText } from '../../shared/csv';
import { numberCellText } from '../../shared/import';

/** A cell as the import sees it: empty, a number, text, or something it cannot use (with why). */
export type CellRead =
  { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'text'; text: string } | { kind: 'bad'; reason: string };

export function readCell(value: ExcelJS.CellValue): CellRead {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'bad', reason: `holds a date (${value.toISOString().slice(0, 10)})` };
  if ('error' in value) return { kind: 'bad', reason: `holds the spreadsheet error ${value.error}` };
  if ('richText' in value) return readCell(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return readCell(typeof value.text === 'string' ? value.text : null);
  if ('formula' in value || 'sharedFormula' in value) {
    // A formula's saved result is what Excel shows; a file written by a tool that never calculated it has none.
    if (value.result === undefined) {
      return { kind: 'bad', reason: 'is a formula with no saved result: open and save the workbook in Excel, or type the figure' };
    }
    return readCell(value.result);
  }
  return { kind: 'bad', reason: 'holds a value that is not text or a number' };
}

/** The text a person sees in the cell (numbers as Excel shows them, to 15 significant digits). */
export const textOf = (read: { kind: 'number'; value: number } | { kind: 'text'; text: string }) =>
  read.kind === 'number' ? numberCellText(read.value) : restoreFormulaText(read.text);

/** A fraction as Excel stores a percentage (0.6 for 60%) in basis points, through its decimal text, no arithmetic in
 * binary: "0.6" -> 6000, "0.3333" -> 3333; more than four decimals is a fraction of a hundredth of a percent. */
export function fractionToBasisPoints(text: string): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const decimals = match[2] ?? '';
  if (decimals.length > 4 || (match[1] ?? '').length > 6) return null;
  return Number(match[1]) * 10_000 + Number(decimals.padEnd(4, '0'));
}
