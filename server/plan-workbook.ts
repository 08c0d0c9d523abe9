// Export of a fund's expenditure plan as an .xlsx in the national BCF planning template's shape (issue 5, item 5):
// GET /export/funds/<id>/plan.xlsx with sheets Cover, Income, Expenditure, Metrics,
// National conditions (server/plan-workbook-conditions.ts) and Checklist. Input cells are pale
// yellow and computed cells grey, as in the template; money and percentages are numbers with formats, choices are
// written as their names. The data comes through the API's own procedures (a caller with the request's session), so
// who may export is exactly who may call schemes.plan: 401, 403 or 404 otherwise. schemes.importWorkbook reads it back.
import type http from 'node:http';
import type ExcelJS from 'exceljs';
import { newWorkbook } from './workbook-loader';
import { neutraliseFormula } from '../shared/csv';
import { penceToPlain, sumPence } from '../shared/money';
import { checkPlan, isComplete, plannedSpendOf, requiredNhsMinimumPence } from '../shared/plan-checks';
import type { FundPlan, PlanCheck, ReferenceItem, Scheme } from '../shared/plan-types';
import {
  EXISTING_SCHEME,
  EXPENDITURE_COLUMNS,
  EXPENDITURE_HEADER_ROW,
  expenditureColumnOf,
  NEW_SCHEME,
  type ExpenditureColumn,
} from '../shared/plan-workbook';
import { columnLetter } from '../shared/import';
import type { Fund, FundingSource, Partnership } from '../shared/types';
import { pathOf, refuse, serveDownload } from './download';
import { POUNDS_FORMAT } from './export';
import { conditionsSheet } from './plan-workbook-conditions';
import type { createCaller } from './router';

type Caller = ReturnType<typeof createCaller>;

const ROUTE = /^\/export\/funds\/(\d{1,15})\/plan\.xlsx$/;

/** Whether a request is for a plan workbook (the server routes it here before the static files). */
export function isPlanWorkbookRequest(url: string): boolean {
  return ROUTE.test(pathOf(url));
}

export interface PlanWorkbookData {
  fund: Fund;
  partnership: Partnership;
  plan: FundPlan;
  sources: FundingSource[];
}

async function loadPlanWorkbook(caller: Caller, fundId: number): Promise<PlanWorkbookData> {
  // schemes.plan first: its base procedure is the authorisation (signed in, a member of the fund's partnership).
  const plan = await caller.schemes.plan({ fundId });
  const fund = await caller.funds.get({ id: fundId });
  // The streams of the fund's BCF year: the Source of funding drop-down offers these, named as the year names them.
  const [partnership, sources] = await Promise.all([caller.partnerships.get({ id: fund.partnershipId }), caller.sources.list({ fundId })]);
  return { fund, partnership, plan, sources };
}

// ---- Cell values ---------------------------------------------------------------------------------------------------

/** The template's colours: inputs pale yellow, computed cells grey; the checklist's Yes green and No red (Excel's own
 * "Good" and "Bad" styles, so they read as they do in any workbook). */
export const INPUT_FILL = 'FFFFF2CC';
export const COMPUTED_FILL = 'FFE7E6E6';
const HEADER_FILL = 'FFD9E1F2';
const YES = { fill: 'FFC6EFCE', font: 'FF006100' };
const NO = { fill: 'FFFFC7CE', font: 'FF9C0006' };
const DEMO_RED = 'FFD4351C';
export const PERCENT_FORMAT = '0.00%';

/**
 * Pence as the number a money cell holds. A spreadsheet stores numbers as binary floating point, so this is the one
 * place a float appears: Number of the exact plain decimal ("1234.56") is the double nearest to it, the same value
 * Excel stores when someone types 1234.56. No arithmetic is done on it; the £ format shows it to the penny, and the
 * import reads it back through its text ("1234.56") with parsePounds, never with arithmetic.
 */
function poundsCellValue(pence: number): number {
  return Number(penceToPlain(pence));
}

/**
 * Basis points as the fraction a % cell holds (6000 -> 0.6, shown "60.00%"). As with money, the exact decimal is
 * written as text first ("0.6000") and only then made a Number, so no division by 10000 happens in binary.
 */
function percentCellValue(bp: number): number {
  const abs = Math.abs(bp);
  const rest = abs % 10_000;
  return Number(`${bp < 0 ? '-' : ''}${(abs - rest) / 10_000}.${String(rest).padStart(4, '0')}`);
}

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

function styleInput(cell: ExcelJS.Cell): void {
  cell.fill = fill(INPUT_FILL);
  cell.border = { top: { style: 'thin', color: { argb: 'FFBFBFBF' } }, bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } } };
}

function styleComputed(cell: ExcelJS.Cell): void {
  cell.fill = fill(COMPUTED_FILL);
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'top', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = fill(HEADER_FILL);
    cell.border = { bottom: { style: 'thin' } };
  });
}

function title(sheet: ExcelJS.Worksheet, text: string, note: string): void {
  const cell = sheet.getCell('A1');
  cell.value = neutraliseFormula(text);
  cell.font = { bold: true, size: 14 };
  sheet.getCell('A2').value = neutraliseFormula(note);
}

/** The names of a fund's choices: reference items of its BCF year by list and code (sub-types by their type too). */
class Names {
  private readonly byKey = new Map<string, string>();

  constructor(reference: readonly ReferenceItem[], sources: readonly FundingSource[]) {
    for (const item of reference) this.byKey.set(this.key(item.list, item.code, item.parentCode), item.name);
    for (const source of sources) this.byKey.set(this.key('funding_source', source.code, null), source.name);
  }

  private key(list: string, code: string, parent: string | null): string {
    return `${list}|${list === 'sub_type' ? (parent ?? '') : ''}|${code}`;
  }

  /** The name of a code; a code no longer in the lists is written as it is, so nothing is lost. */
  of(list: string, code: string | null, parent: string | null = null): string | null {
    if (code === null) return null;
    return this.byKey.get(this.key(list, code, parent)) ?? code;
  }
}

// ---- Sheets --------------------------------------------------------------------------------------------------------

const KEY_NOTE = 'Yellow cells are inputs: change them and import the workbook back. Grey cells are worked out and are not imported.';

function coverSheet(workbook: ExcelJS.Workbook, data: PlanWorkbookData, checks: PlanCheck[]): void {
  const { fund, partnership, plan } = data;
  const sheet = workbook.addWorksheet('Cover', { properties: { tabColor: { argb: 'FF1D70B8' } } });
  sheet.columns = [{ width: 52 }, { width: 60 }];
  title(sheet, 'Better Care Fund planning template', KEY_NOTE);
  const rows: [string, string | number, 'text' | 'money'][] = [
    ['Partnership (Health and Wellbeing Board)', partnership.name, 'text'],
    ['Area', partnership.area ?? '', 'text'],
    ['Fund', fund.name, 'text'],
    ['Financial year', fund.financialYear, 'text'],
    ['BCF planning year', plan.bcfYear, 'text'],
    ['Minimum NHS contribution to adult social care (£)', requiredNhsMinimumPence(plan), 'money'],
    ['Minimum NHS-commissioned out-of-hospital spend (£)', plan.settings.minOutOfHospitalPence, 'money'],
    ['Plan status', isComplete(checks) ? 'Complete' : 'Not complete: see the Checklist sheet', 'text'],
  ];
  rows.forEach(([label, value, kind], i) => {
    const row = sheet.getRow(4 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    const cell = row.getCell(2);
    if (kind === 'money' && typeof value === 'number') {
      cell.value = poundsCellValue(value);
      cell.numFmt = POUNDS_FORMAT;
      cell.alignment = { horizontal: 'left' };
    } else {
      cell.value = neutraliseFormula(String(value));
    }
    styleComputed(cell);
  });
  const after = 4 + rows.length + 1;
  if (partnership.isDemo) {
    const demo = sheet.getCell(`A${after}`);
    demo.value = 'Illustrative demo data: not real figures.';
    demo.font = { bold: true, color: { argb: DEMO_RED } };
  }
  const input = sheet.getCell(`A${after + 2}`);
  input.value = 'Input (you can change it)';
  styleInput(input);
  const computed = sheet.getCell(`A${after + 3}`);
  computed.value = 'Computed (worked out; not imported)';
  styleComputed(computed);
}

function incomeSheet(workbook: ExcelJS.Workbook, data: PlanWorkbookData): void {
  const sheet = workbook.addWorksheet('Income', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: EXPENDITURE_HEADER_ROW }],
  });
  sheet.columns = [{ width: 40 }, { width: 20 }, { width: 22 }, { width: 18 }];
  title(
    sheet,
    'Income',
    "Planned income comes from the fund's contributions (change it on the Contributions page); planned expenditure adds up the Expenditure sheet per source.",
  );
  const header = sheet.getRow(EXPENDITURE_HEADER_ROW);
  header.values = ['Funding source', 'Planned income (£)', 'Planned expenditure (£)', 'Difference (£)'];
  styleHeader(header);
  const source = expenditureColumnOf('fundingSource') ?? 'M';
  const total = expenditureColumnOf('totalPlanned') ?? 'Y';
  const first = EXPENDITURE_HEADER_ROW + 1;
  data.plan.incomeBySource.forEach((income, i) => {
    const at = first + i;
    const spendPence = sumPence(data.plan.schemes.filter((s) => s.fundingSource === income.source).map(plannedSpendOf));
    const row = sheet.getRow(at);
    row.values = [
      neutraliseFormula(income.name),
      poundsCellValue(income.plannedPence),
      // Formulas, so the figures follow edits made in Excel; the results are the server's own sums.
      { formula: `SUMIF(Expenditure!$${source}:$${source},A${at},Expenditure!$${total}:$${total})`, result: poundsCellValue(spendPence) },
      { formula: `C${at}-B${at}`, result: poundsCellValue(spendPence - income.plannedPence) },
    ];
    for (const column of [1, 2, 3, 4]) styleComputed(row.getCell(column));
    for (const column of [2, 3, 4]) row.getCell(column).numFmt = POUNDS_FORMAT;
  });
  const last = first + data.plan.incomeBySource.length - 1;
  const totals = sheet.getRow(last + 1);
  const incomePence = sumPence(data.plan.incomeBySource.map((i) => i.plannedPence));
  const spendPence = sumPence(data.plan.schemes.map(plannedSpendOf));
  const sum = (column: string, pence: number) =>
    last < first ? poundsCellValue(pence) : { formula: `SUM(${column}${first}:${column}${last})`, result: poundsCellValue(pence) };
  totals.values = [
    'Total',
    sum('B', incomePence),
    sum('C', spendPence),
    { formula: `C${last + 1}-B${last + 1}`, result: poundsCellValue(spendPence - incomePence) },
  ];
  totals.font = { bold: true };
  for (const column of [1, 2, 3, 4]) styleComputed(totals.getCell(column));
  for (const column of [2, 3, 4]) totals.getCell(column).numFmt = POUNDS_FORMAT;
}

/** Blank input rows under the schemes, so a new scheme can be typed straight in. */
const SPARE_ROWS = 10;

/** The value of one cell of a scheme's row. */
function expenditureValue(column: ExpenditureColumn, scheme: Scheme, names: Names, at: number): ExcelJS.CellValue {
  const field = column.field;
  if (field === 'totalPlanned') {
    const from = expenditureColumnOf('q1PlannedPence') ?? 'Q';
    const to = expenditureColumnOf('q4PlannedPence') ?? 'T';
    return { formula: `SUM(${from}${at}:${to}${at})`, result: poundsCellValue(plannedSpendOf(scheme)) };
  }
  if (column.kind === 'money') {
    const quarter = scheme.spend.find((q) => q.quarter === Number(field.charAt(1)));
    return poundsCellValue((field.includes('Planned') ? quarter?.plannedPence : quarter?.actualPence) ?? 0);
  }
  if (field === 'nhsShareBp' || field === 'laShareBp') return scheme[field] === null ? null : percentCellValue(scheme[field]);
  if (field === 'outputQuantity') return scheme.outputQuantity;
  if (field === 'isNew') return scheme.isNew ? NEW_SCHEME : EXISTING_SCHEME;
  if (column.kind === 'choice' && column.list) {
    const code = scheme[field as 'schemeType' | 'subType' | 'areaOfSpend' | 'commissioner' | 'providerType' | 'fundingSource'];
    const name = names.of(column.list, code, column.list === 'sub_type' ? scheme.schemeType : null);
    return name === null ? null : neutraliseFormula(name);
  }
  const text = scheme[field as 'code' | 'name' | 'description' | 'subTypeOther' | 'providerName' | 'outputUnit'];
  return text === '' ? null : neutraliseFormula(text);
}

/** The choices of the Expenditure sheet's drop-down lists, each a column of the hidden Lists sheet. */
function choiceLists(data: PlanWorkbookData): [string, string[]][] {
  return [
    ['scheme_type', itemNames(data.plan.reference, 'scheme_type')],
    // Sub-types are listed once by name: the import reads a sub-type within its scheme type.
    ['sub_type', [...new Set(itemNames(data.plan.reference, 'sub_type'))]],
    ['area_of_spend', itemNames(data.plan.reference, 'area_of_spend')],
    ['commissioner', itemNames(data.plan.reference, 'commissioner')],
    ['provider_type', itemNames(data.plan.reference, 'provider_type')],
    ['funding_source', data.sources.map((s) => s.name)],
    ['new_existing', [NEW_SCHEME, EXISTING_SCHEME]],
  ];
}

/** Where each list is on the Lists sheet ("Lists!$A$2:$A$17"). */
function listRanges(lists: [string, string[]][]): Map<string, string> {
  const ranges = new Map<string, string>();
  lists.forEach(([list, names], i) => {
    const letter = columnLetter(i);
    if (names.length > 0) ranges.set(list, `Lists!$${letter}$2:$${letter}$${names.length + 1}`);
  });
  return ranges;
}

/** The hidden sheet of the choices, last in the workbook. */
function listsSheet(workbook: ExcelJS.Workbook, lists: [string, string[]][]): void {
  const sheet = workbook.addWorksheet('Lists', { state: 'hidden' });
  lists.forEach(([list, names], i) => {
    const letter = columnLetter(i);
    sheet.getCell(`${letter}1`).value = list;
    names.forEach((name, j) => (sheet.getCell(`${letter}${j + 2}`).value = neutraliseFormula(name)));
  });
}

const itemNames = (reference: readonly ReferenceItem[], list: string) => reference.filter((r) => r.list === list).map((r) => r.name);

function expenditureSheet(workbook: ExcelJS.Workbook, data: PlanWorkbookData, names: Names, lists: Map<string, string>): void {
  const sheet = workbook.addWorksheet('Expenditure', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: EXPENDITURE_HEADER_ROW, activeCell: `A${EXPENDITURE_HEADER_ROW + 1}` }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = EXPENDITURE_COLUMNS.map((c) => ({ width: c.width }));
  title(sheet, 'Expenditure plan', `${KEY_NOTE} One scheme a row; the Scheme ID identifies it when the workbook is imported.`);
  const header = sheet.getRow(EXPENDITURE_HEADER_ROW);
  header.values = EXPENDITURE_COLUMNS.map((c) => c.header);
  header.height = 48;
  styleHeader(header);

  const rows: (Scheme | null)[] = [...data.plan.schemes, ...Array.from({ length: SPARE_ROWS }, () => null)];
  rows.forEach((scheme, i) => {
    const at = EXPENDITURE_HEADER_ROW + 1 + i;
    const row = sheet.getRow(at);
    EXPENDITURE_COLUMNS.forEach((column, c) => {
      const cell = row.getCell(c + 1);
      if (scheme) cell.value = expenditureValue(column, scheme, names, at);
      if (column.kind === 'computed') {
        styleComputed(cell);
        cell.numFmt = POUNDS_FORMAT;
        return;
      }
      styleInput(cell);
      if (column.kind === 'money') cell.numFmt = POUNDS_FORMAT;
      if (column.kind === 'percent') cell.numFmt = PERCENT_FORMAT;
      if (column.kind === 'number') cell.numFmt = '#,##0.##';
      if (column.kind === 'text' || column.kind === 'choice' || column.kind === 'new_existing') {
        cell.alignment = { vertical: 'top', wrapText: column.field === 'description' };
      }
      const range = lists.get(column.kind === 'new_existing' ? 'new_existing' : (column.list ?? ''));
      if (range) {
        cell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [range],
          // A warning, not a stop: a name from another year's list can be kept and the import says what is wrong.
          errorStyle: 'warning',
          showErrorMessage: true,
          errorTitle: column.header,
          error: `Choose a ${column.header.toLowerCase()} from the list`,
        };
      }
    });
  });
  sheet.autoFilter = {
    from: { row: EXPENDITURE_HEADER_ROW, column: 1 },
    to: { row: EXPENDITURE_HEADER_ROW, column: EXPENDITURE_COLUMNS.length },
  };
}

function metricsSheet(workbook: ExcelJS.Workbook, data: PlanWorkbookData): void {
  const sheet = workbook.addWorksheet('Metrics');
  sheet.columns = [{ width: 100 }];
  title(sheet, 'Metrics', `The metrics of BCF planning year ${data.plan.bcfYear}. Ambitions and actuals are not exported yet.`);
  const header = sheet.getRow(EXPENDITURE_HEADER_ROW);
  header.values = ['Metric'];
  styleHeader(header);
  itemNames(data.plan.reference, 'metric').forEach((name, i) => {
    const cell = sheet.getCell(`A${EXPENDITURE_HEADER_ROW + 1 + i}`);
    cell.value = neutraliseFormula(name);
    styleComputed(cell);
  });
}

/** Excel's longest text inside a formula. */
const FORMULA_TEXT_MAX = 255;

/**
 * A link to a cell of this workbook, as a HYPERLINK formula: Excel and LibreOffice both follow "#Sheet!A1" within the
 * workbook (a hyperlink relationship would be taken for a file). The label is a string literal with its quotes
 * doubled, so it cannot break out into a formula of its own; a label too long for a formula stays plain text.
 */
function linkTo(cell: string, label: string): ExcelJS.CellValue {
  if (label.length > FORMULA_TEXT_MAX) return label;
  return { formula: `HYPERLINK("#${cell}","${label.replaceAll('"', '""')}")`, result: label };
}

function checklistSheet(workbook: ExcelJS.Workbook, data: PlanWorkbookData, checks: PlanCheck[]): void {
  const sheet = workbook.addWorksheet('Checklist', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: EXPENDITURE_HEADER_ROW }],
  });
  sheet.columns = [{ width: 80 }, { width: 12 }, { width: 80 }];
  const failing = checks.filter((c) => !c.ok).length;
  title(
    sheet,
    'Checklist',
    isComplete(checks)
      ? 'Complete: every check passes.'
      : `Not complete: ${failing.toLocaleString('en-GB')} of ${checks.length.toLocaleString('en-GB')} checks do not pass yet. A check's link goes to the cell to fix.`,
  );
  const header = sheet.getRow(EXPENDITURE_HEADER_ROW);
  header.values = ['Check', 'Complete?', 'What is wrong'];
  styleHeader(header);
  const rowOfScheme = new Map(data.plan.schemes.map((s, i) => [s.id, EXPENDITURE_HEADER_ROW + 1 + i]));
  checks.forEach((check, i) => {
    const row = sheet.getRow(EXPENDITURE_HEADER_ROW + 1 + i);
    const label = neutraliseFormula(check.label);
    const at = check.target ? rowOfScheme.get(check.target.schemeId) : undefined;
    const letter = check.target ? expenditureColumnOf(check.target.field) : null;
    // A failing check links to the cell to fix, as the template's checklist does.
    row.getCell(1).value = !check.ok && at !== undefined && letter ? linkTo(`Expenditure!${letter}${at}`, label) : label;
    const answer = row.getCell(2);
    answer.value = check.ok ? 'Yes' : 'No';
    answer.fill = fill(check.ok ? YES.fill : NO.fill);
    answer.font = { bold: true, color: { argb: check.ok ? YES.font : NO.font } };
    answer.alignment = { horizontal: 'center' };
    row.getCell(3).value = neutraliseFormula(check.detail);
    for (const column of [1, 3]) styleComputed(row.getCell(column));
  });
}

/** The plan as a workbook in the template's shape. */
export async function planWorkbook(data: PlanWorkbookData, exportedAt: Date): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'Partnership funding tracker';
  workbook.title = `${data.partnership.name}: ${data.fund.name} ${data.fund.financialYear}, plan`;
  if (data.partnership.isDemo) workbook.subject = 'Illustrative demo data';
  workbook.created = exportedAt;
  const checks = checkPlan(data.plan);
  const names = new Names(data.plan.reference, data.sources);
  coverSheet(workbook, data, checks);
  incomeSheet(workbook, data);
  const lists = choiceLists(data);
  expenditureSheet(workbook, data, names, listRanges(lists));
  metricsSheet(workbook, data);
  conditionsSheet(workbook, data.plan.bcfYear, data.plan.conditions ?? [], { title, styleHeader, styleInput, styleComputed });
  checklistSheet(workbook, data, checks);
  listsSheet(workbook, lists);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The plan workbook of a fund as `caller` may read it (the route's body; tests and scripts use it directly). */
export async function planWorkbookFor(caller: Caller, fundId: number, exportedAt = new Date()): Promise<Buffer> {
  return planWorkbook(await loadPlanWorkbook(caller, fundId), exportedAt);
}

/** Answer GET (or HEAD) /export/funds/<id>/plan.xlsx. */
export async function handlePlanWorkbook(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  caller: () => Promise<Caller>,
): Promise<void> {
  const match = ROUTE.exec(pathOf(req.url ?? '/'));
  if (!match) return refuse(res, 404, 'Not found');
  const fundId = Number(match[1]);
  return serveDownload(
    req,
    res,
    async () => {
      const data = await loadPlanWorkbook(await caller(), fundId);
      // "better-care-fund-2025-26-plan.xlsx"
      return { format: 'xlsx', fileStem: `${data.fund.name} ${data.fund.financialYear} plan`, body: await planWorkbook(data, new Date()) };
    },
    { while: 'exporting the plan' },
  );
}
