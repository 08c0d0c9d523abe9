// The plan workbook (issue 5, item 5): the demo fund's plan exported over HTTP in the template's shape, imported into an
// empty fund and exported again gives a workbook with the same values; formats and colours are the template's; a cell
// the import cannot read is refused with its sheet and cell, and nothing is written; one import is one undo step.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POUNDS_FORMAT } from '../../server/export';
import { createServer } from '../../server/http';
import { COMPUTED_FILL, INPUT_FILL, PERCENT_FORMAT } from '../../server/plan-workbook';
import { EXPENDITURE_HEADER_ROW, PLAN_WORKBOOK_SHEETS, planWorkbookPath } from '../../shared/plan-workbook';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, TEST_PASSWORD, type TestApi } from '../support/api';

let api: TestApi;
let server: http.Server;
let base: string;
let adminCookie: string;
let partnershipId: number;
let demoFundId: number;
/** The demo fund's workbook as the route sends it. */
let demoBytes: Buffer;

async function signIn(email: string): Promise<string> {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(login.status).toBe(200);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function download(fundId: number, cookie = adminCookie): Promise<Response> {
  return fetch(`${base}${planWorkbookPath(fundId)}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** exceljs's types name a Buffer of their own; its loader takes the bytes as they are. */
async function open(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Every filled cell of a sheet by address, as its value. */
function valuesOf(sheet: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      out[cell.address] = cell.value;
    });
  });
  return out;
}

async function base64Of(workbook: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** The Expenditure row of a scheme, by its Scheme ID. */
function rowOfScheme(sheet: ExcelJS.Worksheet, code: string): number {
  for (let row = EXPENDITURE_HEADER_ROW + 1; row <= sheet.rowCount; row += 1) {
    if (sheet.getCell(`A${row}`).value === code) return row;
  }
  throw new Error(`no scheme ${code}`);
}

/** A new, empty fund of the demo partnership and year, with the demo fund's income and ring-fence minimums copied, so
 * its Income and Checklist sheets can be compared too. */
async function emptyCopyOfDemoFund(name: string): Promise<number> {
  const fund = await api.caller.funds.create({ partnershipId, name, financialYear: '2025/26' });
  const rows = await api.caller.contributions.list({ fundId: demoFundId });
  await api.caller.contributions.applyBatch({
    fundId: fund.id,
    changes: rows.map((r) => ({
      op: 'create' as const,
      values: {
        orgId: r.orgId,
        source: r.source,
        quarter: r.quarter,
        plannedPence: r.plannedPence,
        actualPence: r.actualPence,
        note: r.note,
      },
    })),
  });
  const { settings, nhsMinimum } = await api.caller.schemes.plan({ fundId: demoFundId });
  await api.caller.schemes.settings.update({
    fundId: fund.id,
    patch: {
      minNhsToSocialCarePence: settings.minNhsToSocialCarePence,
      minOutOfHospitalPence: settings.minOutOfHospitalPence,
      // The demo fund's typed 2024/25 baseline, from which its NHS minimum to adult social care is worked out.
      nhsAscBaselinePence: nhsMinimum?.baselineFrom === 'typed' ? nhsMinimum.baselinePence : null,
    },
  });
  return fund.id;
}

beforeAll(async () => {
  api = await openTestApi({ demo: true });
  const partnership = (await api.caller.partnerships.list()).find((p) => p.name === 'Northbridge Better Care Fund');
  if (!partnership) throw new Error('no demo BCF partnership');
  partnershipId = partnership.id;
  const fund = (await api.caller.funds.list({ partnershipId })).find((f) => f.financialYear === '2025/26');
  if (!fund) throw new Error('no demo 2025/26 fund');
  demoFundId = fund.id;
  server = createServer(api.db);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  adminCookie = await signIn(api.admin.email);
  const res = await download(demoFundId);
  expect(res.status).toBe(200);
  demoBytes = Buffer.from(await res.arrayBuffer());
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  await api.close();
});

describe('GET /export/funds/<id>/plan.xlsx', () => {
  it('is the template-shaped workbook: its sheets, money and % as formatted numbers, names for choices, yellow inputs', async () => {
    const res = await download(demoFundId);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="better-care-fund-2025-26-plan.xlsx"');
    const workbook = await open(demoBytes);
    expect(workbook.worksheets.filter((s) => s.state !== 'hidden').map((s) => s.name)).toEqual([...PLAN_WORKBOOK_SHEETS]);

    const cover = valuesOf(sheetOf(workbook, 'Cover'));
    expect(Object.values(cover)).toEqual(
      expect.arrayContaining(['Northbridge Better Care Fund', 'Better Care Fund', '2025/26', 'Illustrative demo data: not real figures.']),
    );

    const sheet = sheetOf(workbook, 'Expenditure');
    expect(sheet.getRow(EXPENDITURE_HEADER_ROW).getCell(1).value).toBe('Scheme ID');
    const at = rowOfScheme(sheet, '1');
    expect(sheet.getCell(`B${at}`).value).toBe('Bridging service');
    // Choices as their names in the fund's BCF year, never as codes.
    expect(sheet.getCell(`D${at}`).value).toBe('Home-based intermediate care services');
    expect(sheet.getCell(`E${at}`).value).toBe('Reablement at home (to support discharge)');
    expect(sheet.getCell(`H${at}`).value).toBe('Joint (% NHS and % LA)');
    expect(sheet.getCell(`M${at}`).value).toBe('NHS minimum contribution');
    expect(sheet.getCell(`P${at}`).value).toBe('Existing');
    // Percentages as numbers with a % format: 60% NHS, 40% LA.
    expect(sheet.getCell(`I${at}`).value).toBe(0.6);
    expect(sheet.getCell(`I${at}`).numFmt).toBe(PERCENT_FORMAT);
    expect(sheet.getCell(`J${at}`).value).toBe(0.4);
    // Money as numbers with the £ format, yellow as inputs; the total is a grey formula with the server's result.
    const q1 = sheet.getCell(`Q${at}`);
    expect(typeof q1.value).toBe('number');
    expect(q1.numFmt).toBe(POUNDS_FORMAT);
    expect(q1.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } });
    expect(sheet.getCell(`A${at}`).fill).toMatchObject({ fgColor: { argb: INPUT_FILL } });
    const total = sheet.getCell(`Y${at}`);
    expect(total.value).toEqual({ formula: `SUM(Q${at}:T${at})`, result: 2_486_000 });
    expect(total.numFmt).toBe(POUNDS_FORMAT);
    expect(total.fill).toMatchObject({ fgColor: { argb: COMPUTED_FILL } });

    const checklist = sheetOf(workbook, 'Checklist');
    const answers = Object.entries(valuesOf(checklist))
      .filter(([address]) => address.startsWith('B') && Number(address.slice(1)) > EXPENDITURE_HEADER_ROW)
      .map(([, value]) => value);
    expect(answers.length).toBeGreaterThan(5);
    expect(new Set(answers)).toEqual(new Set(['Yes', 'No']));
    // The demo leaves £20,000 of the NHS minimum contribution unallocated, so that balance check says No.
    expect(JSON.stringify(valuesOf(checklist))).toContain('£20,000.00 short');
    // ...and links to the cell to fix.
    const links = Object.values(valuesOf(checklist)).filter((v) => typeof v === 'object' && v !== null && 'formula' in v);
    expect(links).toContainEqual({
      formula: expect.stringMatching(/^HYPERLINK\("#Expenditure!M\d+","Planned spend from NHS minimum contribution equals its income"\)$/),
      result: 'Planned spend from NHS minimum contribution equals its income',
    });
    expect(Object.values(valuesOf(sheetOf(workbook, 'Metrics')))).toContain(
      'Emergency admissions to hospital, people aged 65 and over (per 100,000)',
    );
  });

  it('is refused with 401 to no one signed in, 403 to people outside the partnership, 404 for no such fund', async () => {
    expect((await download(demoFundId, '')).status).toBe(401);
    const outsiderOrg = await api.caller.orgs.create({ name: 'Elsewhere Council', sector: 'social_care' });
    const outsider = await api.userWith('finance_officer', [outsiderOrg.id], 'outsider.plan@test.example');
    const refused = await download(demoFundId, await signIn(outsider.user.email));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/not a member/);
    expect((await download(987_654)).status).toBe(404);
  });
});

describe('schemes.importWorkbook', () => {
  it('round trip: the demo plan imported into an empty fund exports to a workbook with the same values', async () => {
    const fundId = await emptyCopyOfDemoFund('Better Care Fund (imported)');
    const fileBase64 = demoBytes.toString('base64');

    const before = await counts(api.db);
    const preview = await api.caller.schemes.importWorkbook({ fundId, fileBase64, dryRun: true });
    expect(preview).toEqual({ created: 12, updated: 0, deleted: 0, unchanged: 0, conditions: 4, batchId: null });
    expect(await counts(api.db)).toEqual(before);

    const result = await api.caller.schemes.importWorkbook({ fundId, fileBase64, fileName: 'plan.xlsx', dryRun: false });
    expect(result).toMatchObject({ created: 12, updated: 0, deleted: 0, unchanged: 0, batchId: expect.any(String) });
    const after = await counts(api.db);
    expect(after.batch).toBe((before.batch ?? 0) + 1);
    expect(after.scheme).toBe((before.scheme ?? 0) + 12);
    const batch = await api.db
      .selectFrom('batch')
      .selectAll()
      .where('id', '=', result.batchId ?? '')
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ kind: 'import', label: 'Imported the plan from plan.xlsx (12 new, 0 changed, 0 removed)', fundId });

    const res = await download(fundId);
    expect(res.status).toBe(200);
    const again = await open(Buffer.from(await res.arrayBuffer()));
    const original = await open(demoBytes);
    for (const name of ['Income', 'Expenditure', 'Metrics', 'National conditions', 'Checklist', 'Lists']) {
      expect(valuesOf(sheetOf(again, name)), name).toEqual(valuesOf(sheetOf(original, name)));
    }
    const cover = valuesOf(sheetOf(again, 'Cover'));
    const originalCover = valuesOf(sheetOf(original, 'Cover'));
    const fundRow =
      Object.entries(originalCover)
        .find(([, v]) => v === 'Fund')?.[0]
        .slice(1) ?? '';
    expect(cover[`B${fundRow}`]).toBe('Better Care Fund (imported)');
    delete cover[`B${fundRow}`];
    delete originalCover[`B${fundRow}`];
    expect(cover).toEqual(originalCover);

    // Importing the same workbook again changes nothing and writes no batch.
    const before2 = await counts(api.db);
    expect(await api.caller.schemes.importWorkbook({ fundId, fileBase64, dryRun: false })).toEqual({
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: 12,
      conditions: 0,
      batchId: null,
    });
    expect(await counts(api.db)).toEqual(before2);

    // The import is one undo step.
    await api.caller.audit.undo({ batchId: result.batchId ?? '' });
    expect(await api.caller.schemes.list({ fundId })).toEqual([]);
  });

  it('replaces the plan by Scheme ID: edited cells update, missing schemes are deleted, new rows are created', async () => {
    const fundId = await emptyCopyOfDemoFund('Better Care Fund (edited)');
    await api.caller.schemes.importWorkbook({ fundId, fileBase64: demoBytes.toString('base64'), dryRun: false });
    const workbook = await open(demoBytes);
    const sheet = sheetOf(workbook, 'Expenditure');
    const two = rowOfScheme(sheet, '2');
    sheet.getCell(`Q${two}`).value = '£1,234.56'; // numeric text is read through parsePounds
    sheet.getCell(`R${two}`).value = 99.9; // a number
    sheet.spliceRows(rowOfScheme(sheet, '12'), 1);
    const spare = rowOfScheme(sheet, '11') + 1;
    const values: Record<string, string | number> = {
      A: 'N1',
      B: 'Hospital discharge grants',
      D: ' carers SERVICES ', // names are matched trimmed and case-insensitively
      E: 'Respite services',
      G: 'social_care', // a code is accepted too
      H: 'Joint (% NHS and % LA)',
      I: '25%',
      J: 0.75,
      M: 'Local Authority Better Care Grant',
      P: 'New',
      S: 1000,
    };
    for (const [column, value] of Object.entries(values)) sheet.getCell(`${column}${spare}`).value = value;

    const result = await api.caller.schemes.importWorkbook({ fundId, fileBase64: await base64Of(workbook), dryRun: false });
    expect(result).toMatchObject({ created: 1, updated: 1, deleted: 1, unchanged: 10 });
    const schemes = await api.caller.schemes.list({ fundId });
    expect(schemes.map((s) => s.code)).not.toContain('12');
    expect(schemes.find((s) => s.code === '2')?.spend.slice(0, 2)).toEqual([
      expect.objectContaining({ quarter: 1, plannedPence: 123_456 }),
      expect.objectContaining({ quarter: 2, plannedPence: 9_990 }),
    ]);
    expect(schemes.find((s) => s.code === 'N1')).toMatchObject({
      schemeType: 'carers',
      subType: 'respite',
      areaOfSpend: 'social_care',
      commissioner: 'joint',
      nhsShareBp: 2_500,
      laShareBp: 7_500,
      fundingSource: 'la_better_care_grant',
      isNew: true,
      spend: expect.arrayContaining([expect.objectContaining({ quarter: 3, plannedPence: 100_000 })]),
    });
  });

  it("refuses a workbook with 'abc' in a money cell, naming the sheet and the cell, and writes nothing", async () => {
    const fundId = await emptyCopyOfDemoFund('Better Care Fund (abc)');
    const workbook = await open(demoBytes);
    const sheet = sheetOf(workbook, 'Expenditure');
    const at = rowOfScheme(sheet, '3');
    sheet.getCell(`R${at}`).value = 'abc';
    const fileBase64 = await base64Of(workbook);
    const before = await counts(api.db);
    for (const dryRun of [true, false]) {
      const error = await expectTrpcError(api.caller.schemes.importWorkbook({ fundId, fileBase64, dryRun }), 'BAD_REQUEST');
      expect(fieldErrorsOf(error)).toEqual([
        {
          path: 'cells.0',
          message: `Sheet 'Expenditure', cell R${at}: Q2 planned (£) must be an amount in pounds and pence, like 1234.56 or £1,234.56, got 'abc'`,
        },
      ]);
      expect(error.message).toMatch(/^Nothing was imported: 1 cell of the workbook could not be read\. Sheet 'Expenditure', cell R\d+/);
    }
    expect(await counts(api.db)).toEqual(before);
  });

  it('refuses an unknown scheme type name and every other unreadable cell at once, each with its cell', async () => {
    const fundId = await emptyCopyOfDemoFund('Better Care Fund (unknown type)');
    const workbook = await open(demoBytes);
    const sheet = sheetOf(workbook, 'Expenditure');
    const one = rowOfScheme(sheet, '1');
    const four = rowOfScheme(sheet, '4');
    const five = rowOfScheme(sheet, '5');
    sheet.getCell(`D${four}`).value = 'Teleportation';
    sheet.getCell(`I${one}`).value = 0.7; // 70% NHS + 40% LA
    sheet.getCell(`U${five}`).value = -5;
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.schemes.importWorkbook({ fundId, fileBase64: await base64Of(workbook), dryRun: false }),
      'BAD_REQUEST',
    );
    const messages = fieldErrorsOf(error).map((e) => e.message);
    expect(messages).toHaveLength(3);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^Sheet 'Expenditure', cell D${four}: Scheme type 'Teleportation' is not a scheme type of BCF year 2025/26: choose one of`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`^Sheet 'Expenditure', cell I${one}: % NHS \\(70.00%\\) and % LA \\(40.00%\\) must add up to exactly 100%`),
        ),
        `Sheet 'Expenditure', cell U${five}: Q1 actual (£) must not be negative, got '-5'`,
      ]),
    );
    expect(await counts(api.db)).toEqual(before);
  });

  it('refuses a file that is not a workbook, and one without an Expenditure sheet', async () => {
    const fundId = await emptyCopyOfDemoFund('Better Care Fund (not a workbook)');
    const notXlsx = await expectTrpcError(
      api.caller.schemes.importWorkbook({ fundId, fileBase64: Buffer.from('Scheme ID,Name\n1,x\n').toString('base64'), dryRun: true }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(notXlsx)).toEqual([{ path: 'fileBase64', message: expect.stringMatching(/not an Excel workbook/) }]);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').getCell('A1').value = 'Scheme ID';
    const noSheet = await expectTrpcError(
      api.caller.schemes.importWorkbook({ fundId, fileBase64: await base64Of(workbook), dryRun: true }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(noSheet)[0]?.message).toMatch(/^Sheet 'Expenditure', cell A1: The workbook has no sheet named 'Expenditure'/);
  });

  it('is refused to board members, who read only, and allowed to finance officers of the partnership', async () => {
    const fundId = await emptyCopyOfDemoFund('Better Care Fund (roles)');
    const fileBase64 = demoBytes.toString('base64');
    const { memberOrgIds } = await api.caller.partnerships.get({ id: partnershipId });
    const board = await api.userWith('board_member', memberOrgIds);
    const before = await counts(api.db);
    await expectTrpcError(board.caller.schemes.importWorkbook({ fundId, fileBase64, dryRun: true }), 'FORBIDDEN');
    await expectTrpcError(board.caller.schemes.importWorkbook({ fundId, fileBase64, dryRun: false }), 'FORBIDDEN');
    expect(await counts(api.db)).toEqual(before);
    // A board member may still download the workbook.
    expect((await download(fundId, await signIn(board.user.email))).status).toBe(200);
    const finance = await api.userWith('finance_officer', memberOrgIds);
    await expect(finance.caller.schemes.importWorkbook({ fundId, fileBase64, dryRun: false })).resolves.toMatchObject({ created: 12 });
  });
});
