// Financial years run April to March, written "2025/26"; Q1 = Apr-Jun ... Q4 = Jan-Mar (design rule 6).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  financialYearOf,
  financialYearProblem,
  isFinancialYear,
  nextFinancialYear,
  quarterLabel,
  quarterOf,
  QUARTERS,
} from '../../shared/financial-year';

describe('financialYearProblem / isFinancialYear', () => {
  it.each(['2025/26', '2000/01', '2099/00', '2009/10', '2019/20'])('accepts %s', (text) => {
    expect(financialYearProblem(text)).toBeNull();
    expect(isFinancialYear(text)).toBe(true);
  });

  it.each([
    ['2025/27', 'must be two consecutive years, like 2025/26'],
    ['2025/25', 'must be two consecutive years, like 2025/26'],
    ['2099/01', 'must be two consecutive years, like 2099/00'],
    ['2009/01', 'must be two consecutive years, like 2009/10'],
    ['25/26', 'must be written like 2025/26'],
    ['2025-26', 'must be written like 2025/26'],
    ['2025/2026', 'must be written like 2025/26'],
    [' 2025/26', 'must be written like 2025/26'],
    ['2025/26 ', 'must be written like 2025/26'],
    ['', 'must be written like 2025/26'],
    ['１２３４/５６', 'must be written like 2025/26'],
    ['1999/00', 'must start in a year from 2000 to 2099'],
    ['2100/01', 'must start in a year from 2000 to 2099'],
  ])('refuses %j: %s', (text, problem) => {
    expect(financialYearProblem(text)).toBe(problem);
    expect(isFinancialYear(text)).toBe(false);
  });
});

describe('financialYearOf', () => {
  it.each([
    ['2026-03-31T12:00Z', '2025/26'],
    ['2026-03-31T23:59:59.999Z', '2025/26'],
    ['2026-04-01T00:00Z', '2026/27'],
    ['2025-04-01T00:00Z', '2025/26'],
    ['2025-12-31T23:59Z', '2025/26'],
    ['2026-01-01T00:00Z', '2025/26'],
    ['2000-01-15T00:00Z', '1999/00'],
    ['2099-06-01T00:00Z', '2099/00'],
    ['2009-05-01T00:00Z', '2009/10'],
  ])('%s is in %s', (iso, expected) => {
    expect(financialYearOf(new Date(iso))).toBe(expected);
  });

  it('uses UTC, not the local time zone', () => {
    // 23:30 UTC on 31 March is already 1 April in UTC+1 (BST), but the financial year is by UTC.
    expect(financialYearOf(new Date('2026-03-31T23:30:00+00:00'))).toBe('2025/26');
    expect(financialYearOf(new Date('2026-04-01T00:30:00+01:00'))).toBe('2025/26');
  });

  it('always gives a valid financial year that contains the date (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-04-01T00:00Z'), max: new Date('2100-03-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const fy = financialYearOf(date);
        expect(isFinancialYear(fy)).toBe(true);
        const start = Number(fy.slice(0, 4));
        expect(date.getTime()).toBeGreaterThanOrEqual(Date.UTC(start, 3, 1));
        expect(date.getTime()).toBeLessThan(Date.UTC(start + 1, 3, 1));
      }),
    );
  });
});

describe('quarterOf', () => {
  // Every month, and both ends of each quarter: Q1 = Apr-Jun, Q2 = Jul-Sep, Q3 = Oct-Dec, Q4 = Jan-Mar.
  it.each([
    ['2025-04-01T00:00Z', 1],
    ['2025-05-15T00:00Z', 1],
    ['2025-06-30T23:59:59Z', 1],
    ['2025-07-01T00:00Z', 2],
    ['2025-08-15T00:00Z', 2],
    ['2025-09-30T23:59:59Z', 2],
    ['2025-10-01T00:00Z', 3],
    ['2025-11-15T00:00Z', 3],
    ['2025-12-31T23:59:59Z', 3],
    ['2026-01-01T00:00Z', 4],
    ['2026-02-15T00:00Z', 4],
    ['2026-03-31T23:59:59Z', 4],
  ])('%s is in Q%i', (iso, quarter) => {
    expect(quarterOf(new Date(iso))).toBe(quarter);
  });

  it('is one of 1-4 and increases through the financial year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2098 }), fc.integer({ min: 0, max: 11 }), (startYear, monthsIn) => {
        // monthsIn months after 1 April of startYear.
        const date = new Date(Date.UTC(startYear, 3 + monthsIn, 1));
        expect(QUARTERS).toContain(quarterOf(date));
        expect(quarterOf(date)).toBe(Math.floor(monthsIn / 3) + 1);
        expect(financialYearOf(date).slice(0, 4)).toBe(String(startYear));
      }),
    );
  });
});

describe('quarterLabel', () => {
  it('names the months of each quarter', () => {
    expect(QUARTERS.map(quarterLabel)).toEqual(['Q1 (Apr-Jun)', 'Q2 (Jul-Sep)', 'Q3 (Oct-Dec)', 'Q4 (Jan-Mar)']);
  });

  it('falls back to the bare number for a quarter that does not exist', () => {
    expect(quarterLabel(5)).toBe('Q5');
    expect(quarterLabel(0)).toBe('Q0');
  });
});

describe('nextFinancialYear', () => {
  it.each([
    ['2025/26', '2026/27'],
    ['2008/09', '2009/10'],
    ['2009/10', '2010/11'],
    ['2098/99', '2099/00'],
  ])('after %s comes %s', (fy, next) => {
    expect(nextFinancialYear(fy)).toBe(next);
  });

  it('gives the financial year that starts the day after the given one ends (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2098 }), (start) => {
        const fy = financialYearOf(new Date(Date.UTC(start, 3, 1)));
        expect(nextFinancialYear(fy)).toBe(financialYearOf(new Date(Date.UTC(start + 1, 3, 1))));
        expect(isFinancialYear(nextFinancialYear(fy))).toBe(true);
      }),
    );
  });
});
