// Reading a spreadsheet file in the browser into rows of text: CSV and TSV with shared/csv.ts, .xlsx with exceljs,
// loaded only when someone opens a workbook (it is large). Reports progress as the file is read.
import type { CellValue } from 'exceljs';
import { parseDelimited } from '../../shared/csv';
import { sheetSizeProblem, workbookFileProblem } from '../../shared/workbook-limits';
import { numberCellText } from '../../shared/import';

export type Progress = (done: number, total: number) => void;

/** The file's bytes, reporting progress as they are read (a large file from a network drive takes a while). */
export function readBytes(file: File, onProgress: Progress): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    reader.onload = () => {
      if (reader.result instanceof ArrayBuffer) resolve(reader.result);
      else reject(new Error('The file could not be read'));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

/** UTF-8 (with or without the mark Excel's "CSV UTF-8" writes); a file that is not valid UTF-8 is read as Windows-1252,
 * which is what Excel's plain "CSV" writes on a UK Windows PC (so £ survives). */
function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function isWorkbook(name: string): boolean {
  return /\.xlsx$/i.test(name);
}

/** The rows of a CSV or TSV file. */
export function delimitedRows(name: string, bytes: ArrayBuffer): string[][] {
  const text = decodeText(bytes);
  return /\.tsv$/i.test(name) ? parseDelimited(text, '\t') : parseDelimited(text);
}

/** What a person sees in a workbook cell, as text: a formula's result, a link's text, rich text's characters. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberCellText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? '' : cellText(resultValue(value.result));
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  return '';
}

/** A formula's cached result as a plain cell value (exceljs gives an error result as {error}). */
function resultValue(result: unknown): CellValue {
  if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean' || result instanceof Date) return result;
  if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: unknown }).error);
  return null;
}

/** The rows of the first worksheet of an .xlsx file, one array per spreadsheet row (empty rows kept, so row numbers
 * match what Excel shows). */
export async function workbookRows(bytes: ArrayBuffer): Promise<string[][]> {
  // Bounded before it is opened and before the sheet is walked (shared/workbook-limits.ts), as on the server.
  const tooLarge = workbookFileProblem(new Uint8Array(bytes));
  if (tooLarge) throw new Error(tooLarge);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // exceljs's types name Node's Buffer; in the browser its bundled loader takes the ArrayBuffer itself.
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets.find((s) => s.state !== 'hidden') ?? workbook.worksheets[0];
  if (!sheet) return [];
  const sheetTooLarge = sheetSizeProblem(sheet);
  if (sheetTooLarge) throw new Error(sheetTooLarge);
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  // Formatting can make a sheet "use" rows far below its data; those are not rows anyone meant to import.
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((c) => c.trim() === '')) rows.pop();
  return rows;
}
