// CSV and TSV as spreadsheets write them (RFC 4180 plus what Excel and LibreOffice actually produce): quoted fields with
// embedded delimiters, newlines and doubled quotes, CRLF or LF line ends, and a UTF-8 byte-order mark. Pure: text in,
// string[][] out, and back.

export type Delimiter = ',' | '\t' | ';';

/** The delimiter of a file: the one that appears most often in its first line outside quotes (comma when none do). */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch] += 1;
  }
  // Ties go to tab, then comma: a TSV pasted from Excel often has commas inside its amounts ("1,234.56").
  if (counts['\t'] > 0 && counts['\t'] >= counts[',']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parse delimited text into rows of cells. A line end at the very end of the text does not start another row; a quote
 * that is never closed runs to the end of the text (the cell keeps what there is rather than losing the row).
 */
export function parseDelimited(input: string, delimiter: Delimiter = detectDelimiter(input)): string[][] {
  const text = stripBom(input);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  /** Whether the current row has begun: a quoted empty cell ("") is a row, an empty line is not. */
  let started = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
    started = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '\r' && ch !== '\n') started = true;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === delimiter) {
      endCell();
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      // A quote inside an unquoted cell (5" floppy) is kept as it is, as Excel does.
      cell += ch;
    }
    i += 1;
  }
  // The last row, unless the text ended with a line end (or was empty).
  if (started || quoted) endRow();
  return rows;
}

/** Whether a cell must be quoted: it holds the delimiter, a quote or a line end. */
function needsQuotes(cell: string, delimiter: Delimiter): boolean {
  return cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r');
}

/** Rows of cells as delimited text with CRLF line ends (what Excel writes), ending with a line end. */
export function toDelimited(rows: readonly (readonly string[])[], delimiter: Delimiter = ','): string {
  return rows
    .map((row) => {
      // A row of one empty cell is written "" : an empty line would read back as no row at all.
      if (row.length === 1 && row[0] === '') return '""';
      return row.map((cell) => (needsQuotes(cell, delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(delimiter);
    })
    .map((line) => `${line}\r\n`)
    .join('');
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return toDelimited(rows, ',');
}

// Text a spreadsheet would run as a formula when it opens a file (CSV injection, OWASP "CSV Injection"): a leading
// =, +, - or @, and tab or CR, which some spreadsheets skip before looking for one. A leading apostrophe makes the cell
// plain text in Excel and LibreOffice. Text that already starts with apostrophes before such a character gets one more,
// so `restoreFormulaText` can undo exactly one and a round trip through export and import changes nothing.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Make text safe to put in a spreadsheet cell: `=HYPERLINK("x")` becomes `'=HYPERLINK("x")`. Only for text cells;
 * numbers are written as numbers and stay numbers. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseFormula, for text read back from an exported file. */
export function restoreFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}
