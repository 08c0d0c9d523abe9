// The board pack as a workbook (issue 7, item 5): the pack of shared/board-pack drawn with exceljs, a sheet per
// section, each figure a number at its full precision with the wording table's format of its idea (shared/wording.ts
// EXCEL_FORMATS: money in £, savings per £1, ratios to 2 decimals, shares, metric values, payback years), so a cell reads
// as the page and the PDF write it.
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbook-loader';
import type { BoardReport } from '../../shared/board-report';
import {
  cellText,
  demoLine,
  evidenceNote,
  isNumericColumn,
  mastheadLine,
  webLinkOf,
  type PackCell,
  type PackMasthead,
  type PackSection,
} from '../../shared/board-pack/model';
import { boardPack } from '../../shared/board-pack/sections';
import { neutraliseFormula } from '../../shared/csv';
import { penceToPlain } from '../../shared/money';
import { EXCEL_FORMATS } from '../../shared/wording';

/** The workbook row of each sheet's header (a title and a subtitle sit above it); it is frozen. */
export const BOARD_PACK_HEADER_ROW = 3;

/**
 * A whole number scaled down by a power of ten, as the number a cell holds: scaled(7300, 4) = 0.73. The exact decimal
 * is written as text first and only then made a Number (the double nearest to it, what Excel stores when someone types
 * it), so no division happens in binary: the same rule as the contributions export's money cells.
 */
function scaled(value: number, places: number): number {
  const abs = Math.abs(value);
  const digits = String(abs).padStart(places + 1, '0');
  return Number(`${value < 0 ? '-' : ''}${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`);
}

function writeCell(cell: ExcelJS.Cell, value: PackCell): void {
  const missing = (text: string): void => {
    cell.value = text === '' ? null : neutraliseFormula(text);
    cell.alignment = { horizontal: 'right' };
  };
  switch (value.kind) {
    case 'text':
    case 'status': {
      const text = cellText(value);
      cell.value = text === '' ? null : neutraliseFormula(text);
      cell.alignment = { vertical: 'top', wrapText: text.length > 40 };
      return;
    }
    case 'link':
      if (value.url === null || value.url === '') cell.value = null;
      else if (webLinkOf(value)) cell.value = { text: neutraliseFormula(value.url), hyperlink: value.url };
      else cell.value = neutraliseFormula(value.url);
      return;
    case 'money':
      if (value.pence === null) return missing(value.missing ?? '');
      cell.value = Number(penceToPlain(value.pence));
      cell.numFmt = EXCEL_FORMATS.money;
      return;
    case 'perPound':
      if (value.bp === null) return missing(value.missing);
      cell.value = scaled(value.bp, 4);
      cell.numFmt = EXCEL_FORMATS.perPound;
      return;
    case 'ratio':
      if (value.bp === null) return missing(value.missing);
      cell.value = scaled(value.bp, 4);
      cell.numFmt = EXCEL_FORMATS.ratio;
      return;
    case 'share':
      if (value.bp === null) return missing('');
      cell.value = scaled(value.bp, 4);
      cell.numFmt = EXCEL_FORMATS.percent;
      return;
    case 'metric':
      if (value.hundredths === null) return missing(value.missing);
      // A percentage is stored as the fraction Excel's % format expects (12.34% is 0.1234).
      cell.value = scaled(value.hundredths, value.unit === 'percent' ? 4 : 2);
      cell.numFmt = EXCEL_FORMATS.metric[value.unit];
      return;
    case 'whole':
      if (value.value === null) return missing(value.missing);
      cell.value = value.value;
      cell.numFmt = EXCEL_FORMATS.whole;
      return;
    case 'payback':
      // A number (1) that reads "Year 1"; a scheme that never pays back says so in words.
      if (value.year === null) {
        cell.value = neutraliseFormula(cellText(value));
        return;
      }
      cell.value = value.year;
      cell.numFmt = EXCEL_FORMATS.payback;
      return;
    case 'unreported':
      // Blank, not 0, so a SUM or a chart made from the sheet never counts it as spent; the note says why. (exceljs
      // writes a blank cell's note only when the cell has a style, so it gets the money format it would have.)
      cell.value = null;
      cell.numFmt = EXCEL_FORMATS.money;
      cell.alignment = { horizontal: 'right' };
      cell.note = neutraliseFormula(value.note);
      return;
  }
}

/** Sheet names are at most 31 characters and may not contain / \ ? * [ ] : */
const sheetName = (title: string) => title.replace(/[/\\?*[\]:]/g, '-').slice(0, 31);

/** A section as a sheet: a title and a subtitle, the table under a frozen header (each row's evidence in a last column),
 * then the section's paragraphs and notes (and, on the first sheet, `lead`). */
function sectionSheet(workbook: ExcelJS.Workbook, masthead: PackMasthead, section: PackSection, lead: string[]): void {
  const { table } = section;
  const columns = [...table.columns, ...(table.evidenceHeader ? [{ header: table.evidenceHeader, width: 80 }] : [])];
  const sheet = workbook.addWorksheet(sheetName(section.title), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: BOARD_PACK_HEADER_ROW, activeCell: `A${BOARD_PACK_HEADER_ROW + 1}` }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const title = sheet.getCell('A1');
  title.value = neutraliseFormula(`${section.title}: ${masthead.partnership}, ${masthead.fund}`);
  title.font = { bold: true, size: 14 };
  const subtitle = sheet.getCell('A2');
  const context = `${masthead.period} of ${masthead.year}. Board pack of ${masthead.date}.`;
  subtitle.value = neutraliseFormula(masthead.demo ? `${masthead.demo.label}: not real figures. ${context}` : context);
  if (masthead.demo) subtitle.font = { bold: true, color: { argb: 'FFD4351C' } };

  const header = sheet.getRow(BOARD_PACK_HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.eachCell((cell, column) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
    cell.border = { bottom: { style: 'thin' } };
    if (isNumericColumn(table, column - 1)) cell.alignment = { horizontal: 'right', vertical: 'top', wrapText: true };
  });

  table.rows.forEach((row, i) => {
    const sheetRow = sheet.getRow(BOARD_PACK_HEADER_ROW + 1 + i);
    row.cells.forEach((cell, c) => writeCell(sheetRow.getCell(c + 1), cell));
    if (table.evidenceHeader && row.evidence) {
      const note = sheetRow.getCell(row.cells.length + 1);
      note.value = neutraliseFormula(evidenceNote(row.evidence));
      note.alignment = { vertical: 'top', wrapText: true };
    }
    if (row.emphasis) sheetRow.font = { bold: true };
  });
  let after = BOARD_PACK_HEADER_ROW + table.rows.length + 2;
  if (table.rows.length === 0) {
    sheet.getCell(`A${BOARD_PACK_HEADER_ROW + 1}`).value = neutraliseFormula(table.empty);
    after += 1;
  }
  for (const note of [...lead, ...section.paragraphs, ...section.notes]) {
    sheet.getCell(`A${after}`).value = neutraliseFormula(note);
    after += 1;
  }
  if (table.rows.length > 0) {
    sheet.autoFilter = { from: { row: BOARD_PACK_HEADER_ROW, column: 1 }, to: { row: BOARD_PACK_HEADER_ROW, column: columns.length } };
  }
}

/** The board pack as a workbook: one sheet per section, money as £-formatted numbers, each header row frozen. */
export async function renderBoardPackXlsx(report: BoardReport): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'Partnership funding tracker';
  const { title, masthead, sections } = boardPack(report);
  workbook.title = title;
  if (masthead.demo) workbook.subject = masthead.demo.label;
  const created = new Date(report.generatedAt);
  if (!Number.isNaN(created.getTime())) workbook.created = created;
  sections.forEach((section, i) =>
    sectionSheet(workbook, masthead, section, i === 0 ? [mastheadLine(masthead), ...(masthead.demo ? [demoLine(masthead.demo)] : [])] : []),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
