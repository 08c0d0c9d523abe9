// The return's document rules and tables (shared/returns.ts): variance and exact totals, a metric's status to the end
// of the quarter, the parts of a quarterly and a year-end return and their figures as the page, PDF and workbook draw
// them; and its download route over real HTTP with a stand-in caller (refusals, file names, the version's words).
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cellText } from '../../shared/board-pack/model';
import type { Outcome } from '../../shared/outcome-types';
import {
  derivedMetricStatus,
  quartersText,
  returnFileStem,
  returnParts,
  spendLine,
  totalLine,
  type ReturnDocument,
} from '../../shared/returns';
import { handleReturn, isReturnRequest, versionText, type ReturnCaller } from '../../server/returns/route';
import type { ReturnView } from '../../server/services/returns';
import { serveRoute, type RouteServer } from '../support/route-server';

const fund = {
  id: 3,
  name: 'Better Care Fund',
  partnership: 'Zoë’s Care – Bûcher Lodge BCF',
  financialYear: '2025/26',
  bcfYear: '2025/26',
};

function q2(): ReturnDocument {
  const spendByScheme = [spendLine('S1', 'Bridging', 200_000, 205_050), spendLine('S2', 'Reablement', 50_050, 25_025)];
  return {
    kind: 'q2',
    fund,
    quarters: [1, 2],
    conditions: [{ code: 'nc1', text: 'A jointly agreed plan', met: 'no', commentary: 'Late' }],
    metrics: [],
    spendByScheme,
    spendByStream: [spendLine('nhs_minimum', 'NHS minimum contribution', 250_050, 230_075)],
    spendTotal: totalLine(spendByScheme),
    income: null,
    incomeTotal: null,
  };
}

const outcome = (
  quarter: number,
  target: number | null,
  actual: number | null,
  status: Outcome['status'],
  schemeId: number | null = null,
) => ({ id: quarter, metricId: 1, schemeId, quarter, target, actual, status }) as Outcome;

describe('the return document', () => {
  test('variance is actual minus planned; a total is the exact sum of its lines', () => {
    expect(spendLine('S1', 'x', 200_000, 205_050).variancePence).toBe(5_050);
    expect(totalLine(q2().spendByScheme)).toEqual({
      code: 'total',
      name: 'Total',
      plannedToDatePence: 250_050,
      actualToDatePence: 230_075,
      variancePence: -19_975,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10 ** 11), fc.nat(10 ** 11)), { maxLength: 30 }), (pairs) => {
        const lines = pairs.map(([p, a], i) => spendLine(String(i), 'x', p, a));
        const total = totalLine(lines);
        expect(total.variancePence).toBe(lines.reduce((t, l) => t + l.variancePence, 0));
        expect(total.plannedToDatePence + total.variancePence).toBe(total.actualToDatePence);
      }),
    );
  });

  test('a metric’s status is the latest whole-fund quarter to date with both figures; none is "data not available"', () => {
    const rows = [
      outcome(1, 100, 90, 'on_track'),
      outcome(2, 100, 110, 'not_on_track'),
      outcome(3, 100, null, 'data_not_available'),
      outcome(4, 100, 50, 'on_track', 9),
    ];
    expect(derivedMetricStatus(rows, 1, 1)).toMatchObject({ quarter: 1, derived: 'on_track' });
    // Q3's actual is not in yet: Q2's status stands; a scheme's row never decides the fund's.
    expect(derivedMetricStatus(rows, 1, 3)).toMatchObject({ quarter: 2, derived: 'not_on_track', actualHundredths: 110 });
    expect(derivedMetricStatus(rows, 1, 4)).toMatchObject({ quarter: 2 });
    expect(derivedMetricStatus(rows, 2, 4)).toEqual({
      quarter: null,
      targetHundredths: null,
      actualHundredths: null,
      derived: 'data_not_available',
    });
  });

  test('a quarterly return has conditions, metrics and spend by scheme and stream; the year end, income and expenditure', () => {
    const parts = returnParts(q2());
    expect(parts.map((p) => p.title)).toEqual(['Conditions', 'Metrics', 'Spend by scheme', 'Spend by stream']);
    const byScheme = parts[2]?.tables[0];
    expect(byScheme?.caption).toBe('Spend by scheme to date (Q1 to Q2)');
    expect(byScheme?.rows.map((r) => r.cells.map(cellText))).toEqual([
      ['S1', 'Bridging', '£2,000.00', '£2,050.50', '£50.50'],
      ['S2', 'Reablement', '£500.50', '£250.25', '-£250.25'],
      ['Total', '', '£2,500.50', '£2,300.75', '-£199.75'],
    ]);
    expect(byScheme?.rows.at(-1)?.emphasis).toBe(true);
    expect(parts[0]?.tables[0]?.rows[0]?.cells.map(cellText)).toEqual(['NC1', 'A jointly agreed plan', 'No', 'Late']);

    const income = [{ ...spendLine('2|nhs_minimum', 'x', 100, 90), stream: 'NHS minimum contribution', partner: 'NHS ICB' }];
    const yearEnd: ReturnDocument = {
      ...q2(),
      kind: 'year_end',
      quarters: [1, 2, 3, 4],
      conditions: [],
      income,
      incomeTotal: totalLine(income),
    };
    const yeParts = returnParts(yearEnd);
    expect(yeParts.map((p) => p.title)).toEqual(['Income', 'Expenditure']);
    expect(yeParts[0]?.tables[0]?.rows.map((r) => r.cells.map(cellText))).toEqual([
      ['NHS minimum contribution', 'NHS ICB', '£1.00', '£0.90', '-£0.10'],
      ['Total', '', '£1.00', '£0.90', '-£0.10'],
    ]);
    expect(yeParts[1]?.tables.map((t) => t.caption)).toEqual(['Spend by scheme in the year', 'Spend by funding stream in the year']);
  });

  test('words: the quarters, the file name', () => {
    expect(quartersText([1])).toBe('Q1');
    expect(quartersText([1, 2, 3])).toBe('Q1 to Q3');
    expect(returnFileStem(q2())).toBe('Zoë’s Care – Bûcher Lodge BCF 2025-26 Q2 return');
  });
});

let answer: () => Promise<ReturnView> = async () => ({ document: q2(), frozen: null });
const calls: unknown[] = [];
const caller: ReturnCaller = {
  returns: {
    get: async (input) => {
      calls.push(input);
      return answer();
    },
  },
};
let server: RouteServer;
let base = '';

beforeAll(async () => {
  server = await serveRoute(isReturnRequest, (req, res) => handleReturn(req, res, async () => caller));
  base = server.base;
});
afterAll(() => server.close());

describe('GET /export/funds/<id>/returns/<kind>.(pdf|xlsx)', () => {
  test('which URLs are returns', () => {
    expect(isReturnRequest('/export/funds/3/returns/q2.pdf')).toBe(true);
    expect(isReturnRequest('/export/funds/3/returns/year_end.xlsx')).toBe(true);
    for (const url of [
      '/export/funds/3/returns/plan.pdf',
      '/export/funds/3/returns/q4.pdf',
      '/export/funds/x/returns/q1.pdf',
      '/export/funds/3/returns/q1.csv',
    ]) {
      expect(isReturnRequest(url), url).toBe(false);
    }
  });

  test('the PDF and the workbook, as attachments with a safe name, from returns.get', async () => {
    calls.length = 0;
    const pdf = await fetch(`${base}/export/funds/3/returns/q2.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="zoe-s-care-bucher-lodge-bcf-2025-26-q2-return.pdf"');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const xlsx = await fetch(`${base}/export/funds/3/returns/q2.xlsx`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(calls).toEqual([
      { fundId: 3, kind: 'q2' },
      { fundId: 3, kind: 'q2' },
    ]);
  });

  test('the API’s refusals keep their status and message', async () => {
    for (const [error, status] of [
      [new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' }), 401],
      [new TRPCError({ code: 'FORBIDDEN', message: 'Not your partnership' }), 403],
      [new TRPCError({ code: 'NOT_FOUND', message: 'No fund with id 3' }), 404],
    ] as const) {
      answer = () => Promise.reject(error);
      const res = await fetch(`${base}/export/funds/3/returns/q1.pdf`);
      expect(res.status).toBe(status);
      expect(await res.text()).toBe(error.message);
    }
    answer = async () => ({ document: q2(), frozen: null });
  });

  test('which figures a download holds, in words', () => {
    expect(versionText({ document: q2(), frozen: null })).toBe('Draft: the figures as they are now');
    expect(versionText({ document: q2(), frozen: { round: 2, sentAt: '2026-10-01T09:00:00.000Z' } })).toBe(
      'Version 2, as sent for sign-off',
    );
  });
});
