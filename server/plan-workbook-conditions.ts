// The plan workbook's "National conditions" sheet, both ways (issue "The BCF year as it is today", item 3): written on
// export in the template's shape (code, the condition, "Please confirm: Yes/No" as a drop-down list, commentary), and
// read back on import into the answers to write, or every cell that cannot be read (sheet, cell, value and rule).
import type ExcelJS from 'exceljs';
import { neutraliseFormula } from '../shared/csv';
import { columnLetter, normaliseName } from '../shared/import';
import { commentaryProblem, conditionLabel, CONDITION_ANSWER_LABELS, type NationalCondition } from '../shared/national-conditions';
import { CONDITIONS_COLUMNS, CONDITIONS_SHEET, EXPENDITURE_HEADER_ROW, type UnreadableCell } from '../shared/plan-workbook';
import { describeValue } from '../shared/schemas';
import type { ConditionAnswerValue } from '../shared/schema/bcf-year';
import type { ConditionAnswerWrite } from './services/conditions';
import { readCell, textOf } from './services/workbook-cells';

/** The workbook's look, lent by server/plan-workbook.ts so every sheet has the same title, header and cell colours. */
export interface SheetStyles {
  title: (sheet: ExcelJS.Worksheet, text: string, note: string) => void;
  styleHeader: (row: ExcelJS.Row) => void;
  styleInput: (cell: ExcelJS.Cell) => void;
  styleComputed: (cell: ExcelJS.Cell) => void;
}

/** The most characters of commentary an answer holds (shared/schema/bcf-year.ts). */
const MAX_COMMENTARY = 4000;
const HEADER_SEARCH_ROWS = 20;
const columnOf = (key: (typeof CONDITIONS_COLUMNS)[number]['key']) => CONDITIONS_COLUMNS.findIndex((c) => c.key === key);

/** Write the sheet: one row a condition of the fund's year, in the year's order. */
export function conditionsSheet(
  workbook: ExcelJS.Workbook,
  bcfYear: string,
  conditions: readonly NationalCondition[],
  styles: SheetStyles,
): void {
  const sheet = workbook.addWorksheet(CONDITIONS_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: EXPENDITURE_HEADER_ROW }] });
  sheet.columns = CONDITIONS_COLUMNS.map((c) => ({ width: c.width }));
  styles.title(
    sheet,
    'National conditions',
    `The national conditions of BCF planning year ${bcfYear}. Confirm each Yes or No; a No needs commentary. Imported back with the plan.`,
  );
  const header = sheet.getRow(EXPENDITURE_HEADER_ROW);
  header.values = CONDITIONS_COLUMNS.map((c) => c.header);
  styles.styleHeader(header);
  conditions.forEach((condition, i) => {
    const row = sheet.getRow(EXPENDITURE_HEADER_ROW + 1 + i);
    row.values = [
      conditionLabel(condition.code),
      neutraliseFormula(condition.text),
      condition.answer === null ? null : CONDITION_ANSWER_LABELS[condition.answer],
      condition.commentary === '' ? null : neutraliseFormula(condition.commentary),
    ];
    styles.styleComputed(row.getCell(columnOf('code') + 1));
    styles.styleComputed(row.getCell(columnOf('text') + 1));
    const answer = row.getCell(columnOf('answer') + 1);
    styles.styleInput(answer);
    answer.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${Object.values(CONDITION_ANSWER_LABELS).join(',')}"`],
      // A warning, not a stop, as on the Expenditure sheet: the import names a bad answer with its cell.
      errorStyle: 'warning',
      showErrorMessage: true,
      errorTitle: 'Please confirm',
      error: 'Choose Yes or No',
    };
    const commentary = row.getCell(columnOf('commentary') + 1);
    styles.styleInput(commentary);
    for (const cell of [row.getCell(columnOf('text') + 1), commentary]) cell.alignment = { vertical: 'top', wrapText: true };
  });
}

const ref = (index: number, row: number) => `${CONDITIONS_SHEET}!${columnLetter(index)}${row}`;

/** The header row and each column's index as found (a person may have moved the columns), or null with why. */
function findHeader(sheet: ExcelJS.Worksheet, bad: UnreadableCell[]): { row: number; index: Record<string, number> } | null {
  for (let row = 1; row <= HEADER_SEARCH_ROWS; row += 1) {
    const headers: string[] = [];
    sheet.getRow(row).eachCell({ includeEmpty: false }, (cell, column) => {
      const read = readCell(cell.value);
      headers[column - 1] = read.kind === 'text' || read.kind === 'number' ? normaliseName(textOf(read)) : '';
    });
    if (!headers.includes(normaliseName(CONDITIONS_COLUMNS[0].header))) continue;
    const index: Record<string, number> = {};
    for (const column of CONDITIONS_COLUMNS) {
      const at = headers.indexOf(normaliseName(column.header));
      if (at < 0 && column.key !== 'text') {
        bad.push({
          sheet: CONDITIONS_SHEET,
          cell: ref(Math.max(headers.length, 1) - 1, row),
          reason: `The header row (row ${row}) has no '${column.header}' column: keep the template's columns (export the plan again to see them)`,
        });
      }
      index[column.key] = at;
    }
    return bad.length ? null : { row, index };
  }
  bad.push({
    sheet: CONDITIONS_SHEET,
    cell: `${CONDITIONS_SHEET}!A1`,
    reason: `No header row with a 'Condition' column in the first ${HEADER_SEARCH_ROWS} rows`,
  });
  return null;
}

/**
 * Read the sheet against the fund's conditions as they are now: the answers it sets or changes (with the version each
 * answer row has now), or every cell it cannot read. A workbook without the sheet (exported before it existed) leaves
 * the answers as they are; a condition the sheet does not list is left too.
 */
export function readConditionsSheet(
  workbook: ExcelJS.Workbook,
  bcfYear: string,
  current: readonly NationalCondition[],
): { writes: ConditionAnswerWrite[]; bad: UnreadableCell[] } {
  const bad: UnreadableCell[] = [];
  const sheet = workbook.worksheets.find((s) => normaliseName(s.name) === normaliseName(CONDITIONS_SHEET));
  if (!sheet) return { writes: [], bad };
  const header = findHeader(sheet, bad);
  if (!header) return { writes: [], bad };
  const writes: ConditionAnswerWrite[] = [];
  const seen = new Map<string, number>();
  const at = (key: string) => header.index[key] ?? -1;
  for (let row = header.row + 1; row <= sheet.rowCount; row += 1) {
    const cellOf = (key: string) => readCell(at(key) < 0 ? null : sheet.getRow(row).getCell(at(key) + 1).value);
    const [codeRead, answerRead, commentaryRead] = [cellOf('code'), cellOf('answer'), cellOf('commentary')];
    if (codeRead.kind === 'empty' && answerRead.kind === 'empty' && commentaryRead.kind === 'empty') continue;
    const fail = (key: string, reason: string) => bad.push({ sheet: CONDITIONS_SHEET, cell: ref(at(key), row), reason });
    const before = bad.length;

    const codeText = codeRead.kind === 'text' || codeRead.kind === 'number' ? textOf(codeRead).trim() : '';
    const condition = current.find((c) => c.code === codeText.toLowerCase());
    if (codeRead.kind === 'bad') fail('code', `Condition ${codeRead.reason}`);
    else if (!condition) fail('code', `Condition ${describeValue(codeText)} is not a national condition of BCF year ${bcfYear}`);
    else if (seen.has(condition.code))
      fail('code', `Condition ${conditionLabel(condition.code)} is already answered on row ${seen.get(condition.code)}`);

    let answer: ConditionAnswerValue | null = null;
    if (answerRead.kind === 'bad') fail('answer', `Please confirm ${answerRead.reason}`);
    else if (answerRead.kind !== 'empty') {
      const word = normaliseName(textOf(answerRead));
      if (word === 'yes' || word === 'no') answer = word;
      else fail('answer', `Please confirm must be Yes or No, got ${describeValue(textOf(answerRead))}`);
    }

    let commentary = '';
    if (commentaryRead.kind === 'bad') fail('commentary', `Commentary ${commentaryRead.reason}`);
    else if (commentaryRead.kind !== 'empty') commentary = textOf(commentaryRead);
    if (commentary.length > MAX_COMMENTARY) {
      fail(
        'commentary',
        `Commentary must be text of at most ${MAX_COMMENTARY.toLocaleString('en-GB')} characters, got ${commentary.length.toLocaleString('en-GB')}`,
      );
    }
    const problem = bad.length === before ? commentaryProblem(answer, commentary) : null;
    if (problem) fail('commentary', problem);

    if (bad.length > before || !condition) continue;
    seen.set(condition.code, row);
    if (condition.answer === answer && condition.commentary === commentary) continue;
    writes.push({
      conditionCode: condition.code,
      answer,
      commentary,
      ...(condition.version === null ? {} : { version: condition.version }),
    });
  }
  return { writes, bad };
}
