// schemes.importWorkbook (issue 5, item 5): a plan workbook (the export of server/plan-workbook.ts, perhaps edited in
// Excel) read back into a fund's plan. Every cell of the Expenditure sheet is read first: names back to the codes of
// the fund's BCF year, money through parsePounds on the cell's text, percentages to basis points. Any cell it cannot
// read is reported with its sheet, cell and reason, and nothing is written; otherwise the plan is replaced (schemes
// matched by Scheme ID: created, updated, deleted) as ONE audited batch, so one undo puts the plan back. The National
// conditions sheet is read in the same pass (server/plan-workbook-conditions.ts) and its answers written in that batch.
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbook-loader';
import { sheetSizeProblem, workbookFileProblem } from '../../shared/workbook-limits';
import type { DB } from '../../db/connection';
import { listYearStreams } from '../../db/repositories/fund.repository';
import { findPlanSettings } from '../../db/repositories/plan-settings.repository';
import { listReferenceItems } from '../../db/repositories/reference.repository';
import { listSchemes, planLineOf, schemeTable } from '../../db/repositories/scheme.repository';
import { runBatch, type Actor, type Tx } from '../../db/unit-of-work';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { columnLetter, normaliseName, numberCellText } from '../../shared/import';
import { parseBasisPoints, parsePounds } from '../../shared/money';
import type { PlanLine, Scheme } from '../../shared/plan-types';
import {
  EXPENDITURE_COLUMNS,
  MAX_WORKBOOK_SCHEMES,
  type ExpenditureCellKind,
  type ExpenditureColumn,
  type PlanWorkbookImportInput,
  type PlanWorkbookImportSummary,
  type UnreadableCell,
} from '../../shared/plan-workbook';
import { describeValue } from '../../shared/schemas';
import { EMPTY_PLAN_LINE, schemeProblems, yearLists } from './schemes';
import { fractionToBasisPoints, readCell, textOf } from './workbook-cells';
import { readConditionsSheet } from '../plan-workbook-conditions';
import { listConditions, writeConditionAnswers, type ConditionAnswerWrite } from './conditions';

const SHEET = 'Expenditure';
/** How far down the sheet the header row is looked for (the export puts it on row 4). */
const HEADER_SEARCH_ROWS = 20;
/** At most this many unreadable cells are listed: enough to fix a column, short enough to read. */
const MAX_REPORTED_CELLS = 1_000;

// ---- The plan's lists, by name -------------------------------------------------------------------------------------

interface ImportContext {
  fundId: number;
  bcfYear: string;
  lists: ReturnType<typeof yearLists>;
  /** The funding streams of the fund's BCF year, code to name. */
  sources: Map<string, string>;
  /** Codes by list and normalised name or code; sub-types under `sub_type:<type code>`. */
  choices: Map<string, Map<string, string>>;
  /** The names of each list, for messages. */
  names: Map<string, string[]>;
  schemes: Scheme[];
}

async function loadContext(db: DB | Tx, fundId: number): Promise<ImportContext> {
  const settings = await findPlanSettings(db, fundId);
  if (!settings) throw new NotFoundError(`No fund with id ${fundId}`);
  const reference = await listReferenceItems(db, settings.bcfYear);
  const sources = await listYearStreams(db, settings.bcfYear);
  const choices = new Map<string, Map<string, string>>();
  const names = new Map<string, string[]>();
  const add = (list: string, code: string, name: string) => {
    const byName = choices.get(list) ?? new Map<string, string>();
    byName.set(normaliseName(code), code);
    byName.set(normaliseName(name), code);
    choices.set(list, byName);
    names.set(list, [...(names.get(list) ?? []), name]);
  };
  for (const item of reference) add(item.list === 'sub_type' ? `sub_type:${item.parentCode ?? ''}` : item.list, item.code, item.name);
  for (const source of sources) add('funding_source', source.code, source.name);
  return {
    fundId,
    bcfYear: settings.bcfYear,
    lists: yearLists(settings.bcfYear, reference),
    sources: new Map(sources.map((s) => [s.code, s.name])),
    choices,
    names,
    schemes: await listSchemes(db, fundId),
  };
}

/** "A, B and C", or the first few and how many more. */
function listOf(names: readonly string[]): string {
  const shown = names.length > 6 ? [...names.slice(0, 6), `${names.length - 6} more`] : names;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? 'none');
}

const LIST_NOUNS: Record<string, string> = {
  scheme_type: 'scheme type',
  sub_type: 'sub-type',
  area_of_spend: 'area of spend',
  commissioner: 'commissioner',
  provider_type: 'provider type',
  funding_source: 'funding stream',
};

// ---- The Expenditure sheet -----------------------------------------------------------------------------------------

/** The sheet's layout as found: the header row and the column of each field the import reads. */
interface Layout {
  sheet: ExcelJS.Worksheet;
  headerRow: number;
  columns: { column: ExpenditureColumn; index: number }[];
}

const cellRef = (index: number, row: number) => `${SHEET}!${columnLetter(index)}${row}`;

function findLayout(workbook: ExcelJS.Workbook, bad: UnreadableCell[]): Layout | null {
  const sheet = workbook.worksheets.find((s) => normaliseName(s.name) === normaliseName(SHEET));
  if (!sheet) {
    bad.push({
      sheet: SHEET,
      cell: `${SHEET}!A1`,
      reason: `The workbook has no sheet named '${SHEET}' (it has ${listOf(workbook.worksheets.map((s) => `'${s.name}'`))}): import a workbook exported from this fund's plan`,
    });
    return null;
  }
  const idHeader = normaliseName(EXPENDITURE_COLUMNS[0]?.header ?? 'Scheme ID');
  for (let row = 1; row <= HEADER_SEARCH_ROWS; row += 1) {
    const headers: string[] = [];
    sheet.getRow(row).eachCell({ includeEmpty: false }, (cell, column) => {
      const read = readCell(cell.value);
      headers[column - 1] = read.kind === 'text' || read.kind === 'number' ? normaliseName(textOf(read)) : '';
    });
    if (!headers.includes(idHeader)) continue;
    const columns: Layout['columns'] = [];
    for (const column of EXPENDITURE_COLUMNS) {
      if (column.kind === 'computed') continue;
      const index = headers.indexOf(normaliseName(column.header));
      if (index < 0) {
        bad.push({
          sheet: SHEET,
          cell: cellRef(Math.max(headers.length, 1) - 1, row),
          reason: `The header row (row ${row}) has no '${column.header}' column: keep the template's columns (export the plan again to see them)`,
        });
      } else {
        columns.push({ column, index });
      }
    }
    return { sheet, headerRow: row, columns };
  }
  bad.push({
    sheet: SHEET,
    cell: `${SHEET}!A1`,
    reason: `No header row with a 'Scheme ID' column in the first ${HEADER_SEARCH_ROWS} rows`,
  });
  return null;
}

/** The kinds of cell an empty cell clears (null), rather than reads as text, £0.00 or Existing. */
const CLEARED_WHEN_EMPTY: ReadonlySet<ExpenditureCellKind> = new Set(['choice', 'percent', 'number']);

/** One scheme line read from a row, and the cell of each of its fields. */
interface ReadLine {
  row: number;
  line: PlanLine;
  cellOf: (field: string) => string;
}

/** Read one row into a plan line, adding every cell it cannot read to `bad`; null when the row has any. */
function readRow(ctx: ImportContext, layout: Layout, row: number, bad: UnreadableCell[]): ReadLine | null {
  const line: PlanLine = { ...EMPTY_PLAN_LINE, code: '', name: '' };
  const values = line as unknown as Record<string, unknown>;
  const indexOf = new Map<string, number>(layout.columns.map(({ column, index }) => [column.field, index]));
  const cellOf = (field: string) => cellRef(indexOf.get(field) ?? 0, row);
  const before = bad.length;
  const fail = (index: number, reason: string) => bad.push({ sheet: SHEET, cell: cellRef(index, row), reason });
  const sheetRow = layout.sheet.getRow(row);
  let typeUnreadable = false;

  // The scheme type first: a sub-type is read within its type.
  const ordered = [...layout.columns].sort((a, b) => Number(b.column.field === 'schemeType') - Number(a.column.field === 'schemeType'));
  for (const { column, index } of ordered) {
    const read = readCell(sheetRow.getCell(index + 1).value);
    const label = column.header;
    if (read.kind === 'bad') {
      if (column.field === 'schemeType') typeUnreadable = true;
      fail(index, `${label} ${read.reason}`);
      continue;
    }
    // An empty choice, percentage or number clears the field; an empty text, amount or new/existing cell is read below.
    if (read.kind === 'empty' && CLEARED_WHEN_EMPTY.has(column.kind)) {
      values[column.field] = null;
      continue;
    }
    const got = read.kind === 'empty' ? 'an empty cell' : describeValue(textOf(read));
    switch (column.kind) {
      case 'text': {
        const raw = read.kind === 'empty' ? '' : textOf(read);
        // A description keeps its author's spacing; every other text is trimmed, as the grid does.
        const text = column.field === 'description' ? raw : raw.trim();
        const max = column.maxLength ?? 200;
        if ((column.field === 'code' || column.field === 'name') && text === '') {
          fail(index, `${label} is empty: every scheme needs one`);
        } else if (text.length > max) {
          fail(
            index,
            `${label} must be text of at most ${max.toLocaleString('en-GB')} characters, got ${text.length.toLocaleString('en-GB')}`,
          );
        } else {
          values[column.field] = text;
        }
        break;
      }
      case 'choice': {
        if (read.kind === 'empty') break; // cleared above
        const list = column.list === 'sub_type' ? `sub_type:${line.schemeType ?? ''}` : (column.list ?? '');
        const code = ctx.choices.get(list)?.get(normaliseName(textOf(read)));
        const noun = LIST_NOUNS[column.list ?? ''] ?? label.toLowerCase();
        if (code !== undefined) values[column.field] = code;
        else if (column.list === 'scheme_type') {
          typeUnreadable = true;
          fail(index, `${label} ${got} is not a ${noun} of BCF year ${ctx.bcfYear}: choose one of ${listOf(ctx.names.get(list) ?? [])}`);
        } else if (column.list === 'sub_type' && line.schemeType === null) {
          // When the scheme type itself could not be read, that cell is the one to fix: no second error here.
          if (!typeUnreadable) fail(index, `${label} ${got} needs a scheme type: fill in the scheme type first`);
        } else {
          const within = column.list === 'sub_type' ? ` of that scheme type` : '';
          fail(
            index,
            `${label} ${got} is not a ${noun}${within} of BCF year ${ctx.bcfYear}: choose one of ${listOf(ctx.names.get(list) ?? [])}`,
          );
        }
        break;
      }
      case 'money': {
        if (read.kind === 'empty') break; // an empty quarter is £0.00
        const parsed = parsePounds(textOf(read));
        if (!parsed.ok) fail(index, `${label} ${parsed.reason}, got ${got}`);
        else if (parsed.pence < 0) fail(index, `${label} must not be negative, got ${got}`);
        else values[column.field] = parsed.pence;
        break;
      }
      case 'percent': {
        if (read.kind === 'empty') break; // cleared above
        // A number is Excel's fraction (0.6 shown as 60%); text is a percentage as typed ("60%", "60").
        const bp = read.kind === 'number' ? fractionToBasisPoints(numberCellText(read.value)) : null;
        const parsed = read.kind === 'text' ? parseBasisPoints(read.text) : null;
        const value = bp ?? (parsed?.ok ? parsed.pence : null);
        if (value === null) {
          fail(index, `${label} must be a percentage from 0% to 100% with at most two decimal places, got ${got}`);
        } else if (value < 0 || value > 10_000) {
          fail(index, `${label} must be from 0% to 100%, got ${got}`);
        } else {
          values[column.field] = value;
        }
        break;
      }
      case 'number': {
        if (read.kind === 'empty') break; // cleared above
        const text = textOf(read).trim().replaceAll(',', '');
        const quantity = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
        if (!Number.isFinite(quantity) || quantity > 1_000_000_000) {
          fail(index, `${label} must be a number from 0 to 1,000,000,000, got ${got}`);
        } else {
          values[column.field] = quantity;
        }
        break;
      }
      case 'new_existing': {
        const word = read.kind === 'empty' ? 'existing' : normaliseName(textOf(read));
        if (['new', 'yes', 'true'].includes(word)) values[column.field] = true;
        else if (['existing', 'no', 'false'].includes(word)) values[column.field] = false;
        else fail(index, `${label} must be New or Existing, got ${got}`);
        break;
      }
      case 'computed':
        break;
    }
  }
  if (bad.length > before) return null;

  // The rules between fields, as the grid applies them (a sub-type of its type, "please specify" for Other, the joint
  // split), reported at the cell of the field they name.
  for (const problem of schemeProblems(ctx, line, line, cellOf)) {
    bad.push({ sheet: SHEET, cell: problem.path, reason: problem.message });
  }
  return bad.length > before ? null : { row, line, cellOf };
}

const isBlankRow = (layout: Layout, row: number) =>
  layout.columns.every(({ index }) => readCell(layout.sheet.getRow(row).getCell(index + 1).value).kind === 'empty');

/** Every scheme line of the sheet, or every cell that could not be read. */
function readLines(ctx: ImportContext, workbook: ExcelJS.Workbook): { lines: ReadLine[]; bad: UnreadableCell[] } {
  const bad: UnreadableCell[] = [];
  const layout = findLayout(workbook, bad);
  if (!layout || bad.length > 0) return { lines: [], bad };
  const lines: ReadLine[] = [];
  const seen = new Map<string, number>();
  for (let row = layout.headerRow + 1; row <= layout.sheet.rowCount; row += 1) {
    if (isBlankRow(layout, row)) continue;
    if (lines.length + 1 > MAX_WORKBOOK_SCHEMES) {
      bad.push({
        sheet: SHEET,
        cell: cellRef(0, row),
        reason: `The sheet has more than ${MAX_WORKBOOK_SCHEMES.toLocaleString('en-GB')} schemes: split the plan`,
      });
      break;
    }
    const read = readRow(ctx, layout, row, bad);
    if (!read) continue;
    const key = read.line.code.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      bad.push({
        sheet: SHEET,
        cell: read.cellOf('code'),
        reason: `Scheme ID '${read.line.code}' is already used on row ${earlier}: scheme IDs must be unique`,
      });
      continue;
    }
    seen.set(key, row);
    lines.push(read);
  }
  return { lines, bad };
}

// ---- Comparing and writing -----------------------------------------------------------------------------------------

type PlanChange =
  { op: 'create'; line: PlanLine } | { op: 'update'; scheme: Scheme; patch: Partial<PlanLine> } | { op: 'delete'; scheme: Scheme };

/** The changes that turn the fund's plan into the workbook's, schemes matched by Scheme ID (case does not matter). */
function compare(schemes: Scheme[], lines: ReadLine[]): { changes: PlanChange[]; unchanged: number } {
  const byCode = new Map(schemes.map((s) => [s.code.toLowerCase(), s]));
  const changes: PlanChange[] = [];
  let unchanged = 0;
  const kept = new Set<number>();
  for (const { line } of lines) {
    const scheme = byCode.get(line.code.toLowerCase());
    if (!scheme) {
      changes.push({ op: 'create', line });
      continue;
    }
    kept.add(scheme.id);
    const current = planLineOf(scheme);
    const patch = Object.fromEntries(
      (Object.keys(line) as (keyof PlanLine)[]).filter((f) => line[f] !== current[f]).map((f) => [f, line[f]]),
    ) as Partial<PlanLine>;
    if (Object.keys(patch).length === 0) unchanged += 1;
    else changes.push({ op: 'update', scheme, patch });
  }
  // Deletes first, so a Scheme ID freed by one is never briefly held twice.
  const deletes: PlanChange[] = schemes.filter((s) => !kept.has(s.id)).map((scheme) => ({ op: 'delete', scheme }));
  return { changes: [...deletes, ...changes], unchanged };
}

function summaryOf(
  changes: PlanChange[],
  unchanged: number,
  conditions: readonly ConditionAnswerWrite[],
  batchId: string | null,
): PlanWorkbookImportSummary {
  const count = (op: PlanChange['op']) => changes.filter((c) => c.op === op).length;
  return {
    created: count('create'),
    updated: count('update'),
    deleted: count('delete'),
    unchanged,
    conditions: conditions.length,
    batchId,
  };
}

/** Every unreadable cell as the contract's fieldErrors (`cells.<n>`), each message naming the sheet and the cell. */
function unreadable(bad: UnreadableCell[]): ValidationError {
  const fieldErrors: FieldError[] = bad.slice(0, MAX_REPORTED_CELLS).map((b, n) => ({
    path: `cells.${n}`,
    message: `Sheet '${b.sheet}', cell ${b.cell.slice(b.cell.indexOf('!') + 1)}: ${b.reason}`,
  }));
  const error = new ValidationError(fieldErrors);
  const [first] = fieldErrors;
  error.message =
    `Nothing was imported: ${bad.length.toLocaleString('en-GB')} cell${bad.length === 1 ? '' : 's'} of the workbook could not be read` +
    (first ? `. ${first.message}${bad.length > 1 ? ` (and ${(bad.length - 1).toLocaleString('en-GB')} more)` : ''}` : '');
  return error;
}

/** The workbook from its base64; a file that is not one is refused at the input field. */
async function openWorkbook(fileBase64: string): Promise<ExcelJS.Workbook> {
  const workbook = await newWorkbook();
  const bytes = Buffer.from(fileBase64, 'base64');
  // Bounded before it is opened and before any sheet is walked (shared/workbook-limits.ts).
  const tooLarge = workbookFileProblem(bytes);
  if (tooLarge) throw new ValidationError([{ path: 'fileBase64', message: tooLarge }]);
  try {
    // exceljs's types name a Buffer of their own; its loader takes Node's bytes as they are.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new ValidationError([
      {
        path: 'fileBase64',
        message: 'The file is not an Excel workbook (.xlsx) that can be opened: export the plan workbook and import that',
      },
    ]);
  }
  const sheetTooLarge = workbook.worksheets.map(sheetSizeProblem).find((p) => p !== null);
  if (sheetTooLarge) throw new ValidationError([{ path: 'fileBase64', message: sheetTooLarge }]);
  return workbook;
}

/** Read the workbook against the fund as it is now: the changes it asks for, or every cell that cannot be read. */
async function planImport(db: DB | Tx, fundId: number, workbook: ExcelJS.Workbook) {
  const ctx = await loadContext(db, fundId);
  const { lines, bad } = readLines(ctx, workbook);
  // The National conditions sheet is read in the same pass: its answers are written in the same batch as the schemes.
  const answers = readConditionsSheet(workbook, ctx.bcfYear, await listConditions(db, fundId));
  if (bad.length + answers.bad.length > 0) throw unreadable([...bad, ...answers.bad]);
  return { ...compare(ctx.schemes, lines), conditions: answers.writes };
}

/** Check the workbook; unless dryRun, replace the fund's plan with it as one audited batch (one undo step). */
export async function importPlanWorkbook(db: DB, actor: Actor, input: PlanWorkbookImportInput): Promise<PlanWorkbookImportSummary> {
  const workbook = await openWorkbook(input.fileBase64);
  const preview = await planImport(db, input.fundId, workbook);
  const nothingToWrite = preview.changes.length === 0 && preview.conditions.length === 0;
  if (input.dryRun || nothingToWrite) return summaryOf(preview.changes, preview.unchanged, preview.conditions, null);

  const expected = summaryOf(preview.changes, preview.unchanged, preview.conditions, null);
  const label =
    `Imported the plan from ${input.fileName?.trim() || 'a workbook'}` +
    ` (${expected.created} new, ${expected.updated} changed, ${expected.deleted} removed)`;
  const { batchId, result } = await runBatch(db, actor, { kind: 'import', label, fundId: input.fundId }, async (writer) => {
    // Compared again inside the transaction, so a change made since the preview is neither lost nor overwritten blind.
    const { changes, unchanged, conditions } = await planImport(writer.tx, input.fundId, workbook);
    for (const change of changes) {
      if (change.op === 'create') await writer.create(schemeTable, { ...change.line, fundId: input.fundId });
      else if (change.op === 'update') await writer.update(schemeTable, change.scheme.id, change.scheme.version, change.patch);
      else await writer.remove(schemeTable, change.scheme.id, change.scheme.version);
    }
    if (conditions.length > 0) await writeConditionAnswers(writer, input.fundId, conditions);
    return { changes, unchanged, conditions };
  });
  return summaryOf(result.changes, result.unchanged, result.conditions, batchId);
}
