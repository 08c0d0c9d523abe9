// Export over real HTTP (issue 4, item 7): GET /export/funds/<id>/contributions.csv and .xlsx with the session cookie,
// authorised exactly like contributions.list; money as plain decimals in CSV and as £-formatted numbers in Excel,
// the header frozen, and text a spreadsheet would run as a formula neutralised.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POUNDS_FORMAT, XLSX_HEADER_ROW } from '../../server/export';
import { createServer } from '../../server/http';
import { parseDelimited } from '../../shared/csv';
import { EXPORT_HEADER } from '../../shared/import';
import { openTestApi, TEST_PASSWORD, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let server: http.Server;
let base: string;
let f: Fixture;
let councilName: string;

async function signIn(email: string): Promise<string> {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(login.status).toBe(200);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'export');
  councilName = (await api.caller.orgs.list()).find((o) => o.id === f.councilId)?.name ?? '';
  await api.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 1,
    plannedPence: 123_456_789,
    actualPence: 100_000_001,
    note: '=HYPERLINK("x")',
  });
  await api.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.icbId,
    source: 'nhs_minimum',
    quarter: 4,
    plannedPence: 5,
    actualPence: 0,
    note: 'Line one, "two"',
  });
  server = createServer(api.db);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  await api.close();
});

/** The workbook a response carries. exceljs's types name a Buffer of their own; its loader takes the bytes as they are. */
async function readWorkbook(res: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await res.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

const url = (format: 'csv' | 'xlsx', fundId = f.fundId) => `${base}/export/funds/${fundId}/contributions.${format}`;

describe('GET /export/funds/<id>/contributions.csv', () => {
  it('is an attachment of the rows with money as plain decimals and formula-looking text neutralised', async () => {
    const res = await fetch(url('csv'), { headers: { Cookie: await signIn(api.admin.email) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="better-care-fund-2025-26-contributions.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, so Excel reads the £ right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows = parseDelimited(text);
    expect(rows[0]).toEqual([...EXPORT_HEADER]);
    expect(rows.slice(1)).toEqual(
      expect.arrayContaining([
        [councilName, 'Local Authority Better Care Grant', 'Q1', '1234567.89', '1000000.01', '-234567.88', `'=HYPERLINK("x")`],
        [expect.stringContaining('ICB'), 'NHS minimum contribution', 'Q4', '0.05', '0.00', '-0.05', 'Line one, "two"'],
      ]),
    );
    expect(rows).toHaveLength(3);
    // The note is quoted because of its comma and quotes; nothing in the file starts a cell with '='.
    expect(text).toContain('"Line one, ""two"""');
    expect(text).not.toMatch(/(^|,)=/m);
  });

  it('is refused with 401 to no one signed in, 403 to people outside the partnership, and 404 for no such fund', async () => {
    expect((await fetch(url('csv'))).status).toBe(401);
    expect((await fetch(url('xlsx'))).status).toBe(401);
    const outsider = await api.userWith('finance_officer', [f.outsiderId], 'outsider.export@test.example');
    const cookie = await signIn(outsider.user.email);
    const refused = await fetch(url('csv'), { headers: { Cookie: cookie } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/not a member/);
    expect((await fetch(url('xlsx'), { headers: { Cookie: cookie } })).status).toBe(403);
    expect((await fetch(url('csv', 987_654), { headers: { Cookie: await signIn(api.admin.email) } })).status).toBe(404);
    // A board member of the partnership reads, so may export.
    const board = await api.userWith('board_member', [f.icbId], 'board.export@test.example');
    expect((await fetch(url('csv'), { headers: { Cookie: await signIn(board.user.email) } })).status).toBe(200);
  });
});

describe('GET /export/funds/<id>/contributions.xlsx', () => {
  it('is a real workbook: £-formatted numbers, frozen header, widths, a title, and neutralised text', async () => {
    const res = await fetch(url('xlsx'), { headers: { Cookie: await signIn(api.admin.email) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="better-care-fund-2025-26-contributions.xlsx"');
    const workbook = await readWorkbook(res);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no worksheet');
    expect(sheet.name).toBe('Better Care Fund 2025-26');
    expect(String(sheet.getCell('A1').value)).toMatch(/^Testshire BCF export\d+: Better Care Fund 2025\/26, contributions$/);
    expect(sheet.getRow(XLSX_HEADER_ROW).values).toEqual([undefined, ...EXPORT_HEADER]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(30);

    // Rows in the grid's order: by partner name, so the ICB ("NHS ...") comes first and the council second.
    const at = XLSX_HEADER_ROW + 2;
    const council = sheet.getRow(at);
    expect(council.getCell(1).value).toBe(councilName);
    expect(council.getCell(3).value).toBe('Q1');
    for (const [column, pounds] of [
      [4, 1_234_567.89],
      [5, 1_000_000.01],
    ] as const) {
      const cell = council.getCell(column);
      expect(typeof cell.value).toBe('number');
      expect(cell.value).toBe(pounds);
      expect(cell.numFmt).toBe(POUNDS_FORMAT);
    }
    expect(council.getCell(6).value).toEqual({ formula: `E${at}-D${at}`, result: -234_567.88 });
    expect(council.getCell(6).numFmt).toBe(POUNDS_FORMAT);
    // The note is text that starts with an apostrophe: a spreadsheet shows it and never runs it.
    expect(council.getCell(7).value).toBe(`'=HYPERLINK("x")`);
    expect(council.getCell(7).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(XLSX_HEADER_ROW + 3).getCell(1).value).toBeNull();
  });

  it('marks illustrative demo data as such', async () => {
    await api.db.updateTable('partnership').set({ isDemo: 1 }).where('id', '=', f.partnershipId).execute();
    try {
      const res = await fetch(url('xlsx'), { headers: { Cookie: await signIn(api.admin.email) } });
      const workbook = await readWorkbook(res);
      expect(String(workbook.worksheets[0]?.getCell('A2').value)).toMatch(/^Illustrative demo data/);
      expect(workbook.subject).toBe('Illustrative demo data');
    } finally {
      await api.db.updateTable('partnership').set({ isDemo: 0 }).where('id', '=', f.partnershipId).execute();
    }
  });
});
