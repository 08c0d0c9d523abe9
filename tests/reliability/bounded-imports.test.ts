// Issue 20, item 1: a tiny workbook must not stop the server. The demo plan workbook as the app exports it, with one
// cell added in row 1,048,576 (about 15 KB), used to make the import walk a million rows and run out of memory. Every
// workbook is now bounded before it is opened (its zip's declared sizes) and before a sheet is walked (its last row
// and column): refused at once, naming the limit, with nothing written. The pure checks are tested here too.
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planWorkbookFor } from '../../server/plan-workbook';
import { MAX_PART_BYTES, MAX_SHEET_ROWS, sheetSizeProblem, workbookFileProblem } from '../../shared/workbook-limits';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';

let api: TestApi;
let fundId = 0;

beforeAll(async () => {
  api = await openTestApi({ demo: true });
  const northbridge = (await api.caller.partnerships.list()).find((p) => p.name === 'Northbridge Better Care Fund');
  fundId = (await api.caller.funds.list({ partnershipId: northbridge?.id ?? 0 })).find((f) => f.financialYear === '2025/26')?.id ?? 0;
  expect(fundId).toBeGreaterThan(0);
});
afterAll(async () => {
  await api.close();
});

/** The fund's plan workbook as exported, with `value` written in `sheet` at row `row`. */
async function exportWithCell(sheetName: string, row: number, column = 1): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await planWorkbookFor(api.caller, fundId)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  sheet.getCell(row, column).value = 'x';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the plan workbook import is bounded before it walks a sheet', () => {
  it('a 15 KB workbook with a cell in row 1,048,576 is refused at once, naming the sheet and the limit; nothing written', async () => {
    const bytes = await exportWithCell('Expenditure', 1_048_576);
    expect(bytes.length).toBeLessThan(100_000);
    const before = await counts(api.db);
    for (const dryRun of [true, false]) {
      const started = performance.now();
      const error = await expectTrpcError(
        api.caller.schemes.importWorkbook({ fundId, fileBase64: bytes.toString('base64'), fileName: 'plan.xlsx', dryRun }),
        'BAD_REQUEST',
      );
      // The old code took about 40 s and then died; this is a bound on behaviour, far above the refusal's real cost.
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(fieldErrorsOf(error)).toEqual([
        { path: 'fileBase64', message: `The sheet 'Expenditure' has 1,048,576 rows; at most ${MAX_SHEET_ROWS.toLocaleString('en-GB')} can be imported` },
      ]);
    }
    expect(await counts(api.db)).toEqual(before);
  });

  it('a column far to the right is refused the same way', async () => {
    const bytes = await exportWithCell('Expenditure', 5, 16_000);
    const error = await expectTrpcError(api.caller.schemes.importWorkbook({ fundId, fileBase64: bytes.toString('base64'), dryRun: true }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)[0]?.message).toBe("The sheet 'Expenditure' has 16,000 columns; at most 200 can be imported");
  });

  it('the workbook as exported still imports (the bound does not get in the way)', async () => {
    const bytes = await planWorkbookFor(api.caller, fundId);
    const preview = await api.caller.schemes.importWorkbook({ fundId, fileBase64: bytes.toString('base64'), dryRun: true });
    expect(preview).toBeTruthy();
  });
});

/** A one-entry zip whose directory declares `unpacked` bytes for it (the data itself is tiny). */
function zipDeclaring(name: string, unpacked: number): Uint8Array {
  const data = deflateRawSync(Buffer.from('<x/>'));
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(unpacked, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(unpacked, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const directoryAt = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, data, central, nameBytes, end]));
}

describe('the pure checks', () => {
  it('a zip that says a part unpacks past the cap is refused from its directory alone, before anything is inflated', async () => {
    expect(workbookFileProblem(zipDeclaring('xl/worksheets/sheet1.xml', 4_000_000_000))).toBe(
      `The part 'xl/worksheets/sheet1.xml' of the workbook unpacks to 3,815 MB; at most ${Math.round(MAX_PART_BYTES / 1024 / 1024)} MB can be imported`,
    );
    expect(workbookFileProblem(zipDeclaring('xl/worksheets/sheet1.xml', 4))).toBeNull();
    expect(workbookFileProblem(new Uint8Array([1, 2, 3]))).toMatch(/not an Excel workbook/);
    // Through the import too: refused at the field, nothing written.
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.schemes.importWorkbook({ fundId, fileBase64: Buffer.from(zipDeclaring('xl/worksheets/sheet1.xml', 4_000_000_000)).toString('base64'), dryRun: false }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)[0]?.message).toMatch(/unpacks to 3,815 MB/);
    expect(await counts(api.db)).toEqual(before);
  });

  it('a sheet within the caps passes; one row or column over is refused', () => {
    expect(sheetSizeProblem({ name: 'S', rowCount: MAX_SHEET_ROWS, columnCount: 200 })).toBeNull();
    expect(sheetSizeProblem({ name: 'S', rowCount: MAX_SHEET_ROWS + 1, columnCount: 1 })).toMatch(/at most 20,000 can be imported/);
    expect(sheetSizeProblem({ name: 'S', rowCount: 1, columnCount: 201 })).toMatch(/201 columns; at most 200/);
  });
});
