// The plan workbook's National conditions sheet: written in the template's shape (code, condition, "Please confirm:
// Yes/No" as a drop-down, commentary), read back on import in the same batch as the schemes (round trip), and a bad
// answer refused naming the sheet, cell and value, with nothing written.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planWorkbookFor } from '../../server/plan-workbook';
import { CONDITIONS_SHEET, EXPENDITURE_HEADER_ROW } from '../../shared/plan-workbook';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'workbook-conditions');
  await api.caller.conditions.answer({
    fundId: f.fundId,
    conditionCode: 'nc1',
    answer: 'yes',
    commentary: '=SUM(A1) is text, not a formula',
  });
  await api.caller.conditions.answer({
    fundId: f.fundId,
    conditionCode: 'nc2',
    answer: 'no',
    commentary: 'Sign-off moved to the July board',
  });
});
afterAll(async () => {
  await api.close();
});

async function exported(fundId: number): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const bytes = await planWorkbookFor(api.caller, fundId);
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function conditionsSheetOf(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(CONDITIONS_SHEET);
  if (!sheet) throw new Error('no National conditions sheet');
  return sheet;
}

const base64Of = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
const answersOf = async (fundId: number) =>
  (await api.caller.conditions.list({ fundId })).map((c) => [c.code, c.answer, c.commentary] as const);

/** Row of each condition: the header is on EXPENDITURE_HEADER_ROW, NC1 on the row under it. */
const rowOf = (n: number) => EXPENDITURE_HEADER_ROW + n;

describe('the National conditions sheet', () => {
  it('is written in the template shape: one row a condition, Yes/No as a drop-down, answers and commentary as given', async () => {
    const sheet = conditionsSheetOf(await exported(f.fundId));
    expect(sheet.getRow(EXPENDITURE_HEADER_ROW).values).toEqual([
      undefined,
      'Condition',
      'National condition',
      'Please confirm: Yes/No',
      'Commentary (required if No)',
    ]);
    expect([1, 2, 3, 4].map((n) => sheet.getCell(`A${rowOf(n)}`).value)).toEqual(['NC1', 'NC2', 'NC3', 'NC4']);
    expect(sheet.getCell(`B${rowOf(3)}`).value).toBe(
      'Complying with grant and funding conditions, including maintaining the NHS minimum contribution to adult social care',
    );
    expect(sheet.getCell(`C${rowOf(1)}`).value).toBe('Yes');
    expect(sheet.getCell(`C${rowOf(2)}`).value).toBe('No');
    expect(sheet.getCell(`C${rowOf(3)}`).value).toBeNull();
    // Text that a spreadsheet would run as a formula is written with a leading apostrophe.
    expect(sheet.getCell(`D${rowOf(1)}`).value).toBe("'=SUM(A1) is text, not a formula");
    expect(sheet.getCell(`D${rowOf(2)}`).value).toBe('Sign-off moved to the July board');
    expect(sheet.getCell(`C${rowOf(1)}`).dataValidation).toMatchObject({ type: 'list', formulae: ['"Yes,No"'] });
  });

  it('round trip: imported into an empty fund, the answers are the same, in the same batch as the schemes', async () => {
    const target = await api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Imported fund', financialYear: '2025/26' });
    const fileBase64 = await base64Of(await exported(f.fundId));
    const before = await counts(api.db);
    const preview = await api.caller.schemes.importWorkbook({ fundId: target.id, fileBase64, dryRun: true });
    expect(preview).toEqual({ created: 0, updated: 0, deleted: 0, unchanged: 0, conditions: 2, batchId: null });
    expect(await counts(api.db)).toEqual(before);

    const result = await api.caller.schemes.importWorkbook({ fundId: target.id, fileBase64, dryRun: false });
    expect(result).toMatchObject({ conditions: 2, batchId: expect.any(String) });
    expect(await answersOf(target.id)).toEqual(await answersOf(f.fundId));
    expect((await counts(api.db)).batch).toBe((before.batch ?? 0) + 1);
    // Exported again, the sheet holds the same values as the original's.
    const values = (sheet: ExcelJS.Worksheet) =>
      [1, 2, 3, 4].map((n) => ['A', 'C', 'D'].map((c) => sheet.getCell(`${c}${rowOf(n)}`).value));
    expect(values(conditionsSheetOf(await exported(target.id)))).toEqual(values(conditionsSheetOf(await exported(f.fundId))));
    // Importing it again changes nothing; undoing the import takes the answers away again.
    expect(await api.caller.schemes.importWorkbook({ fundId: target.id, fileBase64, dryRun: false })).toMatchObject({
      conditions: 0,
      batchId: null,
    });
    await api.caller.audit.undo({ batchId: result.batchId ?? '' });
    expect((await answersOf(target.id)).map(([, answer]) => answer)).toEqual([null, null, null, null]);
  });

  it('an answer typed in Excel is read back ("yes" in any case), and a blank sheet cell leaves it unanswered', async () => {
    const { fundId } = await makeFund(api, 'typed');
    const workbook = await exported(fundId);
    const sheet = conditionsSheetOf(workbook);
    sheet.getCell(`C${rowOf(3)}`).value = ' yes ';
    sheet.getCell(`D${rowOf(3)}`).value = 'Maintained at the uplifted level';
    sheet.getCell(`C${rowOf(4)}`).value = 'No';
    sheet.getCell(`D${rowOf(4)}`).value = 'Joining the regional sessions from Q2';
    const result = await api.caller.schemes.importWorkbook({ fundId, fileBase64: await base64Of(workbook), dryRun: false });
    expect(result.conditions).toBe(2);
    expect(await answersOf(fundId)).toEqual([
      ['nc1', null, ''],
      ['nc2', null, ''],
      ['nc3', 'yes', 'Maintained at the uplifted level'],
      ['nc4', 'no', 'Joining the regional sessions from Q2'],
    ]);
  });

  it('refuses a bad answer, a No without commentary and a condition outside the year, naming sheet, cell and value; writes nothing', async () => {
    const workbook = await exported(f.fundId);
    const sheet = conditionsSheetOf(workbook);
    sheet.getCell(`C${rowOf(1)}`).value = 'Maybe';
    sheet.getCell(`D${rowOf(2)}`).value = null;
    sheet.getCell(`A${rowOf(4)}`).value = 'NC9';
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.schemes.importWorkbook({ fundId: f.fundId, fileBase64: await base64Of(workbook), dryRun: false }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error).map((e) => e.message)).toEqual([
      `Sheet 'National conditions', cell C${rowOf(1)}: Please confirm must be Yes or No, got 'Maybe'`,
      `Sheet 'National conditions', cell D${rowOf(2)}: Commentary is required when the answer is No`,
      `Sheet 'National conditions', cell A${rowOf(4)}: Condition 'NC9' is not a national condition of BCF year 2025/26`,
    ]);
    expect(await counts(api.db)).toEqual(before);
  });

  it('a workbook without the sheet (exported before it existed) leaves the answers as they are', async () => {
    const workbook = await exported(f.fundId);
    workbook.removeWorksheet(conditionsSheetOf(workbook).id);
    const before = await answersOf(f.fundId);
    const result = await api.caller.schemes.importWorkbook({ fundId: f.fundId, fileBase64: await base64Of(workbook), dryRun: false });
    expect(result).toMatchObject({ conditions: 0, batchId: null });
    expect(await answersOf(f.fundId)).toEqual(before);
  });
});
