// The board pack's download route over real HTTP, with a stand-in for the API's caller: the query becomes
// reports.board's input, the API's errors become 401/403/404/400 with its message, and the file comes as an
// attachment with a safe name. (tests/e2e/board-pack.test.ts downloads it from the real server.)
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { handleBoardPack, isBoardPackRequest, type BoardReportCaller, type BoardReportQuery } from '../../server/board-pack/route';
import { ValidationError } from '../../shared/errors';
import { boardReportFixture } from '../support/board-report-fixture';
import { serveRoute, type RouteServer } from '../support/route-server';

/** What the stand-in caller does next, and the inputs it was called with. */
let answer: () => Promise<ReturnType<typeof boardReportFixture>> = async () => boardReportFixture();
const calls: BoardReportQuery[] = [];
const caller: BoardReportCaller = {
  reports: {
    board: async (input) => {
      calls.push(input);
      return answer();
    },
  },
};

let server: RouteServer;
let base = '';

beforeAll(async () => {
  server = await serveRoute(isBoardPackRequest, (req, res) => handleBoardPack(req, res, async () => caller));
  base = server.base;
});
afterAll(() => server.close());

describe('GET /export/partnerships/<id>/board-pack.(pdf|xlsx)', () => {
  test('which URLs are board packs', () => {
    expect(isBoardPackRequest('/export/partnerships/7/board-pack.pdf')).toBe(true);
    expect(isBoardPackRequest('/export/partnerships/7/board-pack.xlsx?fund=3&from=1&to=2')).toBe(true);
    for (const url of [
      '/export/partnerships/x/board-pack.pdf',
      '/export/partnerships/7/board-pack.csv',
      '/partnerships/7/board-pack',
      '/export/partnerships/7/board-pack.pdf/',
    ]) {
      expect(isBoardPackRequest(url), url).toBe(false);
    }
  });

  test('the PDF, as an attachment with a safe file name, from reports.board called with the query', async () => {
    answer = async () => boardReportFixture();
    calls.length = 0;
    const res = await fetch(`${base}/export/partnerships/7/board-pack.pdf?fund=11&from=1&to=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // The partnership's name is markup: only letters, digits and dashes reach the header.
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="img-src-x-onerror-alert-1-partnership-better-care-fund-2025-26-q1-q2-board-pack.pdf"',
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(calls).toEqual([{ partnershipId: 7, fundId: 11, fromQuarter: 1, toQuarter: 2 }]);
  });

  test('the workbook; without a query, reports.board chooses the fund and period', async () => {
    calls.length = 0;
    const res = await fetch(`${base}/export/partnerships/7/board-pack.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z0-9-]+\.xlsx"$/);
    // An .xlsx is a zip.
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(calls).toEqual([{ partnershipId: 7 }]);
  });

  test("the API's refusals, with its message", async () => {
    const cases: [TRPCError, number, string][] = [
      [new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' }), 401, 'Please sign in'],
      [new TRPCError({ code: 'FORBIDDEN', message: 'Not your partnership' }), 403, 'Not your partnership'],
      [new TRPCError({ code: 'NOT_FOUND', message: 'No partnership 7' }), 404, 'No partnership 7'],
      [
        new TRPCError({
          code: 'BAD_REQUEST',
          message: 'x',
          cause: new ValidationError([{ path: 'toQuarter', message: 'To quarter must be on or after the from quarter, got 1' }]),
        }),
        400,
        'To quarter must be on or after the from quarter, got 1',
      ],
    ];
    for (const [error, status, message] of cases) {
      answer = async () => {
        throw error;
      };
      const res = await fetch(`${base}/export/partnerships/7/board-pack.pdf?from=3&to=1`);
      expect(res.status, error.code).toBe(status);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toBe(message);
    }
  });

  test('a query value that is not a number is refused before the API is asked; an unexpected error is a plain 500', async () => {
    answer = async () => boardReportFixture();
    calls.length = 0;
    const bad = await fetch(`${base}/export/partnerships/7/board-pack.pdf?fund=abc`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("fund must be a fund id (a whole number), got 'abc'");
    const quarter = await fetch(`${base}/export/partnerships/7/board-pack.pdf?from=-1`);
    expect(await quarter.text()).toBe("from must be a quarter from 1 to 4, got '-1'");
    expect(calls).toEqual([]);

    answer = async () => {
      throw new Error('disk on fire');
    };
    const original = console.error;
    console.error = () => undefined;
    try {
      const res = await fetch(`${base}/export/partnerships/7/board-pack.pdf`);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('disk on fire');
    } finally {
      console.error = original;
    }
  });

  test('HEAD has the headers and no body; other methods are refused', async () => {
    answer = async () => boardReportFixture();
    const head = await fetch(`${base}/export/partnerships/7/board-pack.pdf`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const post = await fetch(`${base}/export/partnerships/7/board-pack.pdf`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
