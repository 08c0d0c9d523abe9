// Export of a fund's contributions as CSV and as a real Excel workbook, over plain HTTP so a link can download it:
// GET /export/funds/<id>/contributions.csv and .xlsx. The data comes through the API's own procedures (a caller with
// the request's session), so who may export is exactly who may call contributions.list: 401, 403 or 404 otherwise.
import type http from 'node:http';
import type ExcelJS from 'exceljs';
import { newWorkbook } from './workbook-loader';
import { formatDateTime } from '../shared/dates';
import { neutraliseFormula, toCsv } from '../shared/csv';
import { EXPORT_HEADER } from '../shared/import';
import { penceToPlain } from '../shared/money';
import type { ContributionListRow, Fund, Partnership } from '../shared/types';
import { pathOf, refuse, serveDownload } from './download';
import type { createCaller } from './router';

type Caller = ReturnType<typeof createCaller>;

const ROUTE = /^\/export\/funds\/(\d{1,15})\/contributions\.(csv|xlsx)$/;

/** Whether a request is for an export (the server routes it here before the static files). */
export function isExportRequest(url: string): boolean {
  return ROUTE.test(pathOf(url));
}

interface ExportData {
  fund: Fund;
  partnership: Partnership;
  rows: ContributionListRow[];
  partnerName: (id: number) => string;
  sourceName: (code: string) => string;
}

async function loadExport(caller: Caller, fundId: number): Promise<ExportData> {
  // contributions.list first: its base procedure is the authorisation (signed in, a member of the fund's partnership).
  const rows = await caller.contributions.list({ fundId });
  const fund = await caller.funds.get({ id: fundId });
  const [partnership, orgs, sources, streams] = await Promise.all([
    caller.partnerships.get({ id: fund.partnershipId }),
    caller.orgs.list(),
    caller.sources.list(),
    caller.sources.list({ fundId }),
  ]);
  const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
  // Sources as the fund's BCF year names its streams; a row holding a source its year does not list keeps the
  // catalogue's name (an import leaves such a row as it is when its figures are unchanged).
  const sourceNames = new Map([...sources, ...streams].map((s) => [s.code, s.name]));
  return {
    fund,
    partnership,
    rows,
    partnerName: (id) => orgNames.get(id) ?? `Organisation ${id}`,
    sourceName: (code) => sourceNames.get(code) ?? code,
  };
}

/** The export as CSV: money as plain decimals (1234.56, -12.50), so any spreadsheet reads numbers; text neutralised. */
export function contributionsCsv(data: ExportData): string {
  const body = data.rows.map((r) => [
    neutraliseFormula(data.partnerName(r.orgId)),
    neutraliseFormula(data.sourceName(r.source)),
    `Q${r.quarter}`,
    penceToPlain(r.plannedPence),
    penceToPlain(r.actualPence),
    penceToPlain(r.actualPence - r.plannedPence),
    neutraliseFormula(r.note),
  ]);
  // A byte-order mark, so Excel reads the file as UTF-8 (the £ in the header, the ’ in names) rather than ANSI.
  return `\uFEFF${toCsv([[...EXPORT_HEADER], ...body])}`;
}

export const POUNDS_FORMAT = '"£"#,##0.00';
/** The spreadsheet row of the header: a title and a subtitle sit above it. */
export const XLSX_HEADER_ROW = 3;
const WIDTHS = [42, 40, 10, 17, 17, 17, 60];

/**
 * Pence as the number a money cell holds. A spreadsheet stores numbers as binary floating point, so this is the one
 * place a float appears: Number of the exact plain decimal ("1234.56") is the double nearest to it, the same value
 * Excel stores when someone types 1234.56. No arithmetic is done on it; the £ format shows it to the penny.
 */
function poundsCellValue(pence: number): number {
  return Number(penceToPlain(pence));
}

/** Sheet names are at most 31 characters and may not contain / \ ? * [ ] : */
function sheetName(fund: Fund): string {
  return `${fund.name} ${fund.financialYear.replace('/', '-')}`.replace(/[/\\?*[\]:]/g, '-').slice(0, 31);
}

/** The export as an Excel workbook: a title, the header frozen and filterable, money as £-formatted numbers. */
export async function contributionsXlsx(data: ExportData, exportedAt: Date): Promise<Buffer> {
  const { fund, partnership } = data;
  const title = `${partnership.name}: ${fund.name} ${fund.financialYear}, contributions`;
  const workbook = await newWorkbook();
  workbook.creator = 'Partnership funding tracker';
  workbook.title = title;
  if (partnership.isDemo) workbook.subject = 'Illustrative demo data';
  workbook.created = exportedAt;
  const sheet = workbook.addWorksheet(sheetName(fund), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: XLSX_HEADER_ROW, activeCell: `A${XLSX_HEADER_ROW + 1}` }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));

  const titleCell = sheet.getCell('A1');
  titleCell.value = neutraliseFormula(title);
  titleCell.font = { bold: true, size: 14 };
  const when = formatDateTime(exportedAt);
  const subtitle = sheet.getCell('A2');
  subtitle.value = partnership.isDemo
    ? `Illustrative demo data: not real figures. Exported ${when}.`
    : `Exported ${when}. Variance is actual minus planned.`;
  if (partnership.isDemo) subtitle.font = { bold: true, color: { argb: 'FFD4351C' } };

  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = [...EXPORT_HEADER];
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const column of [4, 5, 6]) header.getCell(column).alignment = { horizontal: 'right' };

  data.rows.forEach((r, i) => {
    const at = XLSX_HEADER_ROW + 1 + i;
    const row = sheet.getRow(at);
    row.values = [
      neutraliseFormula(data.partnerName(r.orgId)),
      neutraliseFormula(data.sourceName(r.source)),
      `Q${r.quarter}`,
      poundsCellValue(r.plannedPence),
      poundsCellValue(r.actualPence),
      // A formula, so the variance follows if someone edits the figures in Excel; the result is the server's own.
      { formula: `E${at}-D${at}`, result: poundsCellValue(r.actualPence - r.plannedPence) },
      neutraliseFormula(r.note),
    ];
    for (const column of [4, 5, 6]) row.getCell(column).numFmt = POUNDS_FORMAT;
  });
  sheet.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: XLSX_HEADER_ROW, column: EXPORT_HEADER.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Answer GET (or HEAD) /export/funds/<id>/contributions.<csv|xlsx>. */
export async function handleExport(req: http.IncomingMessage, res: http.ServerResponse, caller: () => Promise<Caller>): Promise<void> {
  const match = ROUTE.exec(pathOf(req.url ?? '/'));
  if (!match) return refuse(res, 404, 'Not found');
  const fundId = Number(match[1]);
  const format = match[2] === 'xlsx' ? 'xlsx' : 'csv';
  return serveDownload(
    req,
    res,
    async () => {
      const data = await loadExport(await caller(), fundId);
      const body = format === 'csv' ? Buffer.from(contributionsCsv(data), 'utf8') : await contributionsXlsx(data, new Date());
      // "better-care-fund-2025-26-contributions.csv"
      return { format, fileStem: `${data.fund.name} ${data.fund.financialYear} contributions`, body };
    },
    { while: 'exporting' },
  );
}
