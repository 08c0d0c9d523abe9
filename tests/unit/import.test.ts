// The pure half of importing a spreadsheet: reading quarters as people write them, guessing which column is which,
// finding the header under a title, and numbers read from a workbook as the text a person sees.
import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  columnName,
  contributionImportInput,
  EXPORT_HEADER,
  findHeaderRow,
  guessMapping,
  numberCellText,
  parseQuarterCell,
} from '../../shared/import';

describe('parseQuarterCell', () => {
  it('accepts 1-4, Q1-Q4 and the grid’s "Q1 (Apr-Jun)", in any case and spacing', () => {
    for (const [text, quarter] of [
      ['1', 1],
      ['4', 4],
      ['Q2', 2],
      ['q3', 3],
      [' Q4 ', 4],
      ['Q1 (Apr-Jun)', 1],
      ['q2 (jul-sep)', 2],
      ['Q3 Oct-Dec', 3],
      ['Q4 (Jan–Mar)', 4],
    ] as const) {
      expect(parseQuarterCell(text), text).toEqual({ ok: true, quarter });
    }
  });

  it('refuses anything else with a reason', () => {
    for (const text of ['', '0', '5', 'Q5', 'Quarter 1', '1.5', 'Apr-Jun']) {
      expect(parseQuarterCell(text).ok, text).toBe(false);
    }
    expect(parseQuarterCell('Q1 (Jul-Sep)')).toEqual({ ok: false, reason: 'names the months of a different quarter (Q1 is apr-jun)' });
  });
});

describe('guessMapping', () => {
  it('maps an export’s own header back exactly, leaving the computed variance out', () => {
    expect(guessMapping([...EXPORT_HEADER])).toEqual({ partner: 0, source: 1, quarter: 2, planned: 3, actual: 4, note: 6 });
  });

  it('recognises other people’s names for the columns, each column used once', () => {
    expect(guessMapping(['Organisation', 'Qtr', 'Funding stream', 'Budget', 'Outturn', 'Comments'])).toEqual({
      partner: 0,
      quarter: 1,
      source: 2,
      planned: 3,
      actual: 4,
      note: 5,
    });
    expect(guessMapping(['Something', 'Else'])).toEqual({});
  });
});

describe('findHeaderRow', () => {
  it('skips a title and a subtitle above the header', () => {
    expect(findHeaderRow([['Title'], ['Exported today'], ['Partner', 'Funding source', 'Quarter'], ['a', 'b', 'Q1']])).toBe(2);
    expect(findHeaderRow([['Partner', 'Funding source', 'Quarter']])).toBe(0);
    expect(findHeaderRow([['just one'], []])).toBe(0);
  });
});

describe('numberCellText', () => {
  it('shows a workbook number as a person sees it, with float noise beyond 15 digits gone', () => {
    expect(numberCellText(1234.56)).toBe('1234.56');
    expect(numberCellText(0.1 + 0.2)).toBe('0.3');
    expect(numberCellText(100)).toBe('100');
    expect(numberCellText(-12.5)).toBe('-12.5');
    // A genuine third decimal is kept, so parsePounds refuses it rather than rounding.
    expect(numberCellText(12.345)).toBe('12.345');
    expect(numberCellText(99_999_999_999.99)).toBe('99999999999.99');
  });
});

describe('column names', () => {
  it('names a column by its header, or by its letter when the header is empty', () => {
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnLetter(701)).toBe('ZZ');
    expect(columnName(1, ['Partner', 'Planned (£)'])).toBe('Planned (£)');
    expect(columnName(2, ['Partner', ' '])).toBe('column C');
  });
});

describe('contributionImportInput', () => {
  const base = { fundId: 1, header: ['P', 'S', 'Q'], rows: [['a', 'b', '1']], mode: 'add', dryRun: true };

  it('refuses one column mapped onto two fields', () => {
    const result = contributionImportInput.safeParse({ ...base, mapping: { partner: 0, source: 1, quarter: 2, planned: 2 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Planned (£) and Quarter cannot both come from column Q');
  });

  it('refuses more than 20,000 rows', () => {
    const rows = Array.from({ length: 20_001 }, () => ['a', 'b', '1']);
    const result = contributionImportInput.safeParse({ ...base, rows, mapping: { partner: 0, source: 1, quarter: 2 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/at most 20,000 rows/);
  });
});
