// A return as a workbook in the return's shape (issue "Sign-off and returns", item 4): a sheet per part (Conditions,
// Metrics, Spend by scheme, Spend by stream; at the year end Income and Expenditure), drawn from the same tables as the
// page and the PDF (shared/returns.ts returnParts). Money is a number in £ under the wording table's format
// (EXCEL_FORMATS.money, red negatives), as the board pack's workbook writes it; text is neutralised against formulas.
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbook-loader';
import { cellText, isNumericColumn, type PackCell, type PackTable } from '../../shared/board-pack/model';
import { neutraliseFormula } from '../../shared/csv';
import { penceToPlain } from '../../shared/money';
import { returnParts, returnTitle, type ReturnDocument } from '../../shared/returns';
import { EXCEL_FORMATS } from '../../shared/wording';

/** The row of each sheet's first table header (a title and a subtitle sit above it); it is frozen. */
export const RETURN_HEADER_ROW = 4;

function writeCell(cell: ExcelJS.Cell, value: PackCell): void {
  if (value.kind === 'money' && value.pence !== null) {
    // The exact decimal as text first, then a Number: no division by 100 in binary (the contributions export's rule).
    cell.value = Number(penceToPlain(value.pence));
    cell.numFmt = EXCEL_FORMATS.money;
    return;
  }
  const text = cellText(value);
  cell.value = text === '' ? null : neutraliseFormula(text);
  cell.alignment = { vertical: 'top', wrapText: text.length > 40 };
}

/** A table from `row`: its caption, a grey header, its rows (totals in bold); the row after it. */
function writeTable(sheet: ExcelJS.Worksheet, table: PackTable, row: number): number {
  sheet.getCell(row - 1, 1).value = neutraliseFormula(table.caption);
  sheet.getCell(row - 1, 1).font = { bold: true };
  const header = sheet.getRow(row);
  header.values = table.columns.map((c) => c.header);
  header.font = { bold: true };
  header.eachCell((cell, column) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { vertical: 'top', wrapText: true, ...(isNumericColumn(table, column - 1) ? { horizontal: 'right' as const } : {}) };
  });
  if (table.rows.length === 0) {
    sheet.getCell(row + 1, 1).value = neutraliseFormula(table.empty);
    return row + 3;
  }
  table.rows.forEach((r, i) => {
    const sheetRow = sheet.getRow(row + 1 + i);
    r.cells.forEach((cell, c) => writeCell(sheetRow.getCell(c + 1), cell));
    if (r.emphasis) sheetRow.font = { bold: true };
  });
  return row + table.rows.length + 3;
}

/** The return as a workbook. `version` says which figures these are ("Version 2 sent for sign-off", "Draft"). */
export async function renderReturnXlsx(doc: ReturnDocument, version: string): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'Partnership funding tracker';
  workbook.title = returnTitle(doc);
  for (const part of returnParts(doc)) {
    const sheet = workbook.addWorksheet(part.title, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: RETURN_HEADER_ROW, activeCell: `A${RETURN_HEADER_ROW + 1}` }],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = Array.from({ length: Math.max(...part.tables.map((t) => t.columns.length)) }, (_, i) => ({
      width: Math.max(...part.tables.map((t) => t.columns[i]?.width ?? 10)),
    }));
    sheet.getCell('A1').value = neutraliseFormula(`${part.title}: ${returnTitle(doc)}`);
    sheet.getCell('A1').font = { bold: true, size: 14 };
    sheet.getCell('A2').value = neutraliseFormula(`BCF ${doc.fund.bcfYear}. ${version}.`);
    let row = RETURN_HEADER_ROW;
    for (const table of part.tables) row = writeTable(sheet, table, row) + 1;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
