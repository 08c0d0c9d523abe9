// CSV and TSV as spreadsheets write them, read back exactly, and text that a spreadsheet would run as a formula
// neutralised on the way out (issue 4, item 7).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, neutraliseFormula, parseDelimited, restoreFormulaText, toCsv, toDelimited } from '../../shared/csv';

describe('parseDelimited', () => {
  it('reads plain rows, with CRLF or LF line ends and no extra row for the final line end', () => {
    expect(parseDelimited('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(parseDelimited('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseDelimited('a\rb\r')).toEqual([['a'], ['b']]);
    expect(parseDelimited('')).toEqual([]);
  });

  it('reads quoted cells holding commas, line ends and doubled quotes', () => {
    const text = 'Partner,Note\r\n"Council, Northbridge","Line one\r\nline two ""quoted"""\r\n"",x\r\n';
    expect(parseDelimited(text)).toEqual([
      ['Partner', 'Note'],
      ['Council, Northbridge', 'Line one\r\nline two "quoted"'],
      ['', 'x'],
    ]);
  });

  it('drops a UTF-8 byte-order mark (Excel writes one) and keeps £ and curly apostrophes', () => {
    expect(parseDelimited('\uFEFFPlanned (£),Partner\r\n1,Older People’s Forum\r\n')).toEqual([
      ['Planned (£)', 'Partner'],
      ['1', 'Older People’s Forum'],
    ]);
  });

  it('keeps empty cells, trailing empties and blank lines in the middle', () => {
    expect(parseDelimited('a,,c,\n\nb')).toEqual([['a', '', 'c', ''], [''], ['b']]);
  });

  it('keeps a quote inside an unquoted cell, and an unclosed quote runs to the end', () => {
    expect(parseDelimited('5" disk,x')).toEqual([['5" disk', 'x']]);
    expect(parseDelimited('"open,x\ny')).toEqual([['open,x\ny']]);
  });

  it('reads TSV copied from Excel, detecting the tab even when amounts hold commas', () => {
    const tsv = 'Partner\tPlanned (£)\r\nNorthbridge Council\t1,234.56\r\n';
    expect(detectDelimiter(tsv)).toBe('\t');
    expect(parseDelimited(tsv)).toEqual([
      ['Partner', 'Planned (£)'],
      ['Northbridge Council', '1,234.56'],
    ]);
    expect(detectDelimiter('a,b,c\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n')).toBe(';');
    expect(detectDelimiter('"a\tb",c\n')).toBe(',');
  });
});

describe('toCsv', () => {
  it('quotes only cells that need it and ends every line with CRLF', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', '']])).toBe('a,"b,c","say ""hi""","two\nlines",\r\n');
  });

  it('writes a row of one empty cell as "" so it is not lost', () => {
    expect(toCsv([['a'], [''], ['b']])).toBe('a\r\n""\r\nb\r\n');
    expect(parseDelimited(toCsv([['']]))).toEqual([['']]);
  });

  it('round-trips any rows of any text, as CSV and as TSV', () => {
    const cellText = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ',', '"', '\n', '\r', '\t', ' ', '£', '’', '=', "'", ';') });
    const rows = fc.array(fc.array(cellText, { minLength: 1, maxLength: 6 }), { maxLength: 8 });
    fc.assert(
      fc.property(rows, (table) => {
        expect(parseDelimited(toCsv(table), ',')).toEqual(table);
        expect(parseDelimited(toDelimited(table, '\t'), '\t')).toEqual(table);
        expect(parseDelimited(`\uFEFF${toCsv(table)}`, ',')).toEqual(table);
      }),
      { numRuns: 500 },
    );
  });
});

describe('neutraliseFormula', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
  });

  it('leaves other text alone', () => {
    for (const text of ['', 'Northbridge Borough Council', 'Q1', '1234.56', 'a=b', "it's fine", ' =not first']) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });

  it('is undone exactly by restoreFormulaText, even for text that already starts with apostrophes', () => {
    expect(neutraliseFormula("'=x")).toBe("''=x");
    expect(restoreFormulaText("''=x")).toBe("'=x");
    expect(restoreFormulaText("'plain")).toBe("'plain");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ') }), (text) => {
        const safe = neutraliseFormula(text);
        expect(/^[=+\-@\t\r]/.test(safe)).toBe(false);
        expect(restoreFormulaText(safe)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
