// Every workbook a person sends is bounded BEFORE it is opened or walked (issue 20, item 1): a 15 KB .xlsx with one
// cell in row 1,048,576 made the import walk a million rows and the server run out of memory. Two checks, both pure:
// - workbookFileProblem reads only the zip's central directory (no decompression): how many parts, and how large they
//   say they will be once unpacked, so a zip bomb is refused before any of it is inflated;
// - sheetSizeProblem, once the workbook is open, refuses a sheet whose last row or column is past the caps, so no
//   import loop runs to a sheet's declared size.
// The server's plan workbook import and the browser's contributions import both use them; the README states the limits.
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from './import';

/** The most rows a sheet may reach (its last used row number, headings included). */
export const MAX_SHEET_ROWS = MAX_IMPORT_ROWS;
/** The most columns a sheet may reach. */
export const MAX_SHEET_COLUMNS = MAX_IMPORT_COLUMNS;
/** The most parts (files) inside an .xlsx zip: a workbook of a few sheets has about a dozen. */
export const MAX_WORKBOOK_PARTS = 1_000;
/** The most any one part may unpack to: a full 20,000-row sheet of 200 columns of text is well under it. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
/** The most all parts together may unpack to. */
export const MAX_UNPACKED_BYTES = 128 * 1024 * 1024;

const count = (n: number) => n.toLocaleString('en-GB');
const megabytes = (bytes: number) => `${count(Math.round(bytes / 1024 / 1024))} MB`;

const NOT_A_WORKBOOK = 'The file is not an Excel workbook (.xlsx) that can be opened';

/**
 * Why these bytes may not be opened as a workbook, or null when they may: read from the zip's end-of-central-directory
 * record and central directory only (each entry's declared unpacked size), so the answer costs microseconds whatever
 * the file says it holds. A ZIP64 or damaged directory is refused: no workbook we export needs one.
 */
export function workbookFileProblem(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record (22 bytes, then a comment of up to 65,535) is at the end of the file.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 65_535; at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return NOT_A_WORKBOOK;
  const entries = view.getUint16(end + 10, true);
  const directoryAt = view.getUint32(end + 16, true);
  if (entries === 0xffff || directoryAt === 0xffffffff) return `${NOT_A_WORKBOOK} (it is a ZIP64 archive, which a workbook never needs)`;
  if (entries > MAX_WORKBOOK_PARTS) return `The workbook has ${count(entries)} parts; at most ${count(MAX_WORKBOOK_PARTS)} can be imported`;
  let at = directoryAt;
  let total = 0;
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return NOT_A_WORKBOOK;
    const unpacked = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (unpacked > MAX_PART_BYTES) {
      return `The part '${name}' of the workbook unpacks to ${megabytes(unpacked)}; at most ${megabytes(MAX_PART_BYTES)} can be imported`;
    }
    total += unpacked;
    if (total > MAX_UNPACKED_BYTES) return `The workbook unpacks to more than ${megabytes(MAX_UNPACKED_BYTES)}; at most that can be imported`;
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return null;
}

/** Why a sheet is too large to walk, or null: its last row and column (as the workbook declares them) against the caps. */
export function sheetSizeProblem(sheet: { name: string; rowCount: number; columnCount: number }): string | null {
  if (sheet.rowCount > MAX_SHEET_ROWS) {
    return `The sheet '${sheet.name}' has ${count(sheet.rowCount)} rows; at most ${count(MAX_SHEET_ROWS)} can be imported`;
  }
  if (sheet.columnCount > MAX_SHEET_COLUMNS) {
    return `The sheet '${sheet.name}' has ${count(sheet.columnCount)} columns; at most ${count(MAX_SHEET_COLUMNS)} can be imported`;
  }
  return null;
}
