// The wording table (shared/wording.ts): one wording and one format for each idea, and the board pack's cells (page and
// PDF text, workbook format) drawn from it, so the same figure reads the same in all three.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, isNegative, type PackCell } from '../../shared/board-pack/model';
import { NOT_YET_REPORTED } from '../../shared/board-report';
import { formatMetricValue } from '../../shared/metric-status';
import {
  EXCEL_FORMATS,
  METRIC_DECIMALS,
  metricTickText,
  metricValueText,
  NEGATIVE_CLASS,
  paybackText,
  percentText,
  perPoundText,
  quarterText,
  ratioText,
  signClass,
  WORDS,
} from '../../shared/wording';

describe('payback', () => {
  it('reads "Year n" counted from year 0, or "Not within the years appraised"', () => {
    expect(paybackText(0)).toBe('Year 0');
    expect(paybackText(1)).toBe('Year 1');
    expect(paybackText(null)).toBe('Not within the years appraised');
    expect(WORDS.notPaidBack).toBe('Not within the years appraised');
  });

  it('is the same in the board pack: its cell reads as the page, and Excel shows the number 1 as "Year 1"', () => {
    expect(cellText({ kind: 'payback', year: 1 })).toBe('Year 1');
    expect(cellText({ kind: 'payback', year: null })).toBe(WORDS.notPaidBack);
    expect(EXCEL_FORMATS.payback).toBe('"Year "0');
  });
});

describe('ratios and savings per £1', () => {
  it('a ratio has two decimals, rounded half away from zero as Excel rounds: 0.6068 reads 0.61', () => {
    expect(ratioText(6068)).toBe('0.61');
    expect(ratioText(6050)).toBe('0.61');
    expect(ratioText(6049)).toBe('0.60');
    expect(ratioText(12000)).toBe('1.20');
    expect(ratioText(-6050)).toBe('-0.61');
    expect(ratioText(null)).toBe('n/a');
    expect(cellText({ kind: 'ratio', bp: 6068, missing: WORDS.notApplicable })).toBe('0.61');
  });

  it("the workbook's ratio format has the same two decimals (and red negatives)", () => {
    expect(EXCEL_FORMATS.ratio).toBe('0.00;[Red]-0.00');
  });

  it('savings per £1 is pounds and pence; with no cost it says so', () => {
    expect(perPoundText(7300)).toBe('£0.73');
    expect(perPoundText(12000)).toBe('£1.20');
    expect(perPoundText(null)).toBe('No cost recorded');
    expect(perPoundText(null, WORDS.noFigure)).toBe('—');
  });
});

describe('metric values', () => {
  it("have their unit's fixed two decimals, so 1.00 sits beside 1.10, never 1", () => {
    expect(metricValueText(100, 'count')).toBe('1.00');
    expect(metricValueText(110, 'count')).toBe('1.10');
    expect(metricValueText(7000, 'count')).toBe('70.00');
    expect(metricValueText(9250, 'percent')).toBe('92.50%');
    expect(metricValueText(152_345, 'per_100000')).toBe('1,523.45 per 100,000');
    expect(metricValueText(-150, 'count')).toBe('-1.50');
    expect(formatMetricValue(100, 'count'), 'the old name is the same rule').toBe('1.00');
    expect(() => metricValueText(1.5, 'count')).toThrow(RangeError);
  });

  it('every value of every unit has exactly its unit’s decimals (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('count' as const, 'percent' as const, 'per_100000' as const),
        (h, unit) => {
          const number = /^-?[\d,]+\.(\d+)/.exec(metricValueText(h, unit));
          return number?.[1]?.length === METRIC_DECIMALS[unit];
        },
      ),
    );
  });

  it('the board pack cell reads the same, and Excel shows the same decimals and unit', () => {
    const cell: PackCell = { kind: 'metric', hundredths: 100, unit: 'count', missing: '' };
    expect(cellText(cell)).toBe('1.00');
    expect(EXCEL_FORMATS.metric).toEqual({ count: '#,##0.00', percent: '0.00%', per_100000: '#,##0.00" per 100,000"' });
  });

  it('an axis tick drops trailing zeros: it is a scale, not a value', () => {
    expect(metricTickText(14000, 'count')).toBe('140');
    expect(metricTickText(13650, 'per_100000')).toBe('136.5');
    expect(metricTickText(9250, 'percent')).toBe('92.5%');
  });
});

describe('percentages and quarters', () => {
  it('a percentage in a report has two decimals, as Excel 0.00% shows it', () => {
    expect(percentText(3333)).toBe('33.33%');
    expect(percentText(5000)).toBe('50.00%');
    expect(percentText(5050)).toBe('50.50%');
    expect(percentText(-5)).toBe('-0.05%');
    expect(cellText({ kind: 'share', bp: 10_000 })).toBe('100.00%');
    expect(EXCEL_FORMATS.percent).toBe('0.00%');
  });

  it('a quarter is Q1 to Q4', () => {
    expect([1, 2, 3, 4].map(quarterText)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });
});

describe('negatives', () => {
  it('carry the negative class on a page, and only negatives do', () => {
    expect(NEGATIVE_CLASS).toBe('negative');
    expect(signClass(-1)).toBe('negative');
    expect(signClass(0)).toBeUndefined();
    expect(signClass(1)).toBeUndefined();
    expect(signClass(null)).toBeUndefined();
  });

  it('a negative pack figure is marked for red on the page and in the PDF; Excel money shows negatives in red', () => {
    expect(isNegative({ kind: 'money', pence: -1 })).toBe(true);
    expect(isNegative({ kind: 'money', pence: 0 })).toBe(false);
    expect(isNegative({ kind: 'money', pence: null })).toBe(false);
    expect(isNegative({ kind: 'ratio', bp: -10, missing: '' })).toBe(true);
    expect(isNegative({ kind: 'perPound', bp: -10, missing: '' })).toBe(true);
    expect(isNegative({ kind: 'whole', value: -1, missing: '' })).toBe(false);
    expect(EXCEL_FORMATS.money).toBe('"£"#,##0.00;[Red]-"£"#,##0.00');
  });
});

describe('the fixed words', () => {
  it('are one each: whole fund, not yet reported (the board report uses the same), n/a', () => {
    expect(WORDS.wholeFund).toBe('Whole fund');
    expect(WORDS.notYetReported).toBe('Not yet reported');
    expect(NOT_YET_REPORTED).toBe(WORDS.notYetReported);
    expect(WORDS.notApplicable).toBe('n/a');
  });
});
