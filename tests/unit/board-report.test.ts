// The board report's rule for "reported" (shared/board-report.ts, issue 21 item 10): a quarter is reported when it is
// at or before the last quarter with any actual; an unreported actual is null, never £0; totals cover the reported
// quarters only, beside the plan of the same quarters, with the period's plan apart.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  actualIfReported,
  notReportedText,
  quartersText,
  reportedThroughOf,
  reportedTotal,
  reportedTotalOfYear,
  partnersReported,
} from '../../shared/board-report';
import { sumPence } from '../../shared/money';
import { lastReportedQuarterOf } from '../../shared/plan-variance';

const q = (quarter: number, actualPence: number) => ({ quarter, actualPence });

describe('which quarters are reported', () => {
  test('the last quarter with any actual above zero; none is 0', () => {
    expect(reportedThroughOf([])).toBe(0);
    expect(reportedThroughOf([q(1, 0), q(2, 0)])).toBe(0);
    expect(reportedThroughOf([q(1, 5), q(2, 7), q(3, 9), q(4, 0)])).toBe(3);
    // A zero inside the reported range is a real £0: Q2 is reported because Q3 is.
    expect(reportedThroughOf([q(1, 5), q(2, 0), q(3, 1), q(4, 0)])).toBe(3);
    // Any row counts, in any order: one partner's Q4 payment makes Q4 reported for the fund.
    expect(reportedThroughOf([q(4, 1), q(1, 100), q(4, 0)])).toBe(4);
  });

  test('the same "to date" as the plan’s forecast outturn', () => {
    const schemes = [{ spend: [1, 2, 3, 4].map((n) => ({ quarter: n, plannedPence: 100, actualPence: n < 3 ? 100 : 0 })) }];
    expect(reportedThroughOf(schemes.flatMap((s) => s.spend))).toBe(lastReportedQuarterOf(schemes));
    expect(lastReportedQuarterOf(schemes)).toBe(2);
  });

  test('an actual is a figure up to the last reported quarter and null after it', () => {
    expect([1, 2, 3, 4].map((n) => actualIfReported(0, n, 3))).toEqual([0, 0, 0, null]);
    expect(actualIfReported(123, 1, 0)).toBeNull();
  });
});

describe('totals of the reported quarters', () => {
  test('Q4 not reported: Q1–Q3 actual against Q1–Q3 plan, the period’s plan apart', () => {
    const total = reportedTotal([
      { quarter: 1, plannedPence: 1_000, actualPence: 900 },
      { quarter: 2, plannedPence: 1_000, actualPence: 0 },
      { quarter: 3, plannedPence: 1_000, actualPence: 1_200 },
      { quarter: 4, plannedPence: 10_081_000_00, actualPence: null },
    ]);
    expect(total).toEqual({
      covers: { fromQuarter: 1, toQuarter: 3 },
      plannedPence: 3_000,
      actualPence: 2_100,
      variancePence: -900,
      periodPlannedPence: 1_008_103_000,
      unreported: [4],
    });
  });

  test('none reported: nothing covered, no variance from an actual that is not in', () => {
    const total = reportedTotal([
      { quarter: 3, plannedPence: 10, actualPence: null },
      { quarter: 4, plannedPence: 20, actualPence: null },
    ]);
    expect(total).toEqual({ covers: null, plannedPence: 0, actualPence: 0, variancePence: 0, periodPlannedPence: 30, unreported: [3, 4] });
  });

  test('property: the covered plan and actual are exactly the sums of the reported quarters; the period plan of all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000_000_000 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000_000 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (planned, actual, through) => {
          const quarters = planned.map((p, i) => ({
            quarter: i + 1,
            plannedPence: p,
            actualPence: actualIfReported(actual[i] ?? 0, i + 1, through),
          }));
          const total = reportedTotal(quarters);
          const reported = quarters.filter((x) => x.quarter <= through);
          expect(total.plannedPence).toBe(sumPence(reported.map((x) => x.plannedPence)));
          expect(total.actualPence).toBe(sumPence(reported.map((x) => x.actualPence ?? 0)));
          expect(total.variancePence).toBe(total.actualPence - total.plannedPence);
          expect(total.periodPlannedPence).toBe(sumPence(planned));
          expect(total.unreported).toEqual(quarters.filter((x) => x.quarter > through).map((x) => x.quarter));
          expect(total.covers?.toQuarter ?? 0).toBe(Math.min(through, planned.length));
        },
      ),
    );
  });
});

describe('a year as recorded, with the rule applied', () => {
  test('Q3 and Q4 with no actual yet: Q1–Q2 covered, in quarter order whatever the input order', () => {
    const total = reportedTotalOfYear([
      { quarter: 4, plannedPence: 100, actualPence: 0 },
      { quarter: 1, plannedPence: 100, actualPence: 90 },
      { quarter: 3, plannedPence: 100, actualPence: 0 },
      { quarter: 2, plannedPence: 100, actualPence: 120 },
    ]);
    expect(total).toEqual({
      covers: { fromQuarter: 1, toQuarter: 2 },
      plannedPence: 200,
      actualPence: 210,
      variancePence: 10,
      periodPlannedPence: 400,
      unreported: [3, 4],
    });
  });
});

describe('each partner against the plan of the reported quarters', () => {
  const row = (orgId: number, quarter: number, plannedPence: number, actualPence: number) => ({
    orgId,
    quarter,
    plannedPence,
    actualPence,
  });
  const partners = [
    { orgId: 1, name: 'Council' },
    { orgId: 2, name: 'ICB' },
  ];

  test('the fund’s reported quarters for every partner: one partner’s unpaid Q2 is a real £0, Q3 and Q4 are not in', () => {
    const result = partnersReported(
      [row(1, 1, 100, 100), row(1, 2, 100, 0), row(1, 3, 100, 0), row(2, 1, 50, 40), row(2, 2, 50, 60), row(2, 4, 50, 0)],
      partners,
    );
    expect(result.covers).toEqual({ fromQuarter: 1, toQuarter: 2 });
    expect(result.unreported).toEqual([3, 4]);
    expect(result.partners).toEqual([
      { orgId: 1, name: 'Council', plannedPence: 200, actualPence: 100 },
      { orgId: 2, name: 'ICB', plannedPence: 100, actualPence: 100 },
    ]);
  });

  test('nothing reported: the year’s plan and no actual', () => {
    const result = partnersReported([row(1, 1, 100, 0), row(2, 3, 70, 0)], partners);
    expect(result.covers).toBeNull();
    expect(result.partners.map((p) => [p.plannedPence, p.actualPence])).toEqual([
      [100, null],
      [70, null],
    ]);
  });
});

describe('how the quarters are said', () => {
  test('quarters covered and quarters missing', () => {
    expect(quartersText({ fromQuarter: 1, toQuarter: 3 })).toBe('Q1–Q3');
    expect(quartersText({ fromQuarter: 2, toQuarter: 2 })).toBe('Q2');
    expect(notReportedText([])).toBe('');
    expect(notReportedText([4])).toBe('Q4 not yet reported');
    expect(notReportedText([3, 4])).toBe('Q3 and Q4 not yet reported');
    expect(notReportedText([2, 3, 4])).toBe('Q2–Q4 not yet reported');
  });
});
