// Importing contributions from a spreadsheet (issue 4, item 7): the input schema, the columns a file can map onto,
// how a cell becomes a quarter or a name match, and the preview the server returns. Pure: the server applies it, the
// import dialog uses the same helpers to guess the mapping and to show the preview.
import { z } from 'zod';
import { wellFormedString } from './unicode';

/** The fields a column can be mapped onto, in the order the dialog shows them, with what a person calls each. */
export const IMPORT_FIELDS = ['partner', 'source', 'quarter', 'planned', 'actual', 'note'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['partner', 'source', 'quarter'];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  partner: 'Partner',
  source: 'Funding source',
  quarter: 'Quarter',
  planned: 'Planned (£)',
  actual: 'Actual (£)',
  note: 'Note',
};

/** The columns an export writes, in order; an exported file maps back onto IMPORT_FIELDS by these names. */
export const EXPORT_HEADER = ['Partner', 'Funding source', 'Quarter', 'Planned (£)', 'Actual (£)', 'Variance (£)', 'Note'] as const;

export const MAX_IMPORT_ROWS = 20_000;
/** Columns per row; a contributions sheet needs seven, this leaves room for a wide export from elsewhere. */
export const MAX_IMPORT_COLUMNS = 200;
/** Characters per cell: a note is at most 2,000; the rest leaves room to report a too-long note as an error. */
const MAX_CELL_LENGTH = 10_000;

const column = (label: string) =>
  z
    .number({ error: `${label} must be a column number (0 for the first column)` })
    .int({ error: `${label} must be a column number (0 for the first column)` })
    .min(0, { error: `${label} must be a column number (0 for the first column)` })
    .max(MAX_IMPORT_COLUMNS - 1, { error: `${label} must be one of the first ${MAX_IMPORT_COLUMNS} columns` });

const cell = wellFormedString('A cell', { error: 'Each cell must be text' }).max(MAX_CELL_LENGTH, {
  error: `A cell may hold at most ${MAX_CELL_LENGTH.toLocaleString('en-GB')} characters`,
});

export const importMappingSchema = z.strictObject(
  {
    partner: column('Partner column'),
    source: column('Funding source column'),
    quarter: column('Quarter column'),
    planned: column('Planned (£) column').optional(),
    actual: column('Actual (£) column').optional(),
    note: column('Note column').optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Mapping has unknown field(s): ${issue.keys.join(', ')}`
        : 'Mapping must say which column holds the partner, the funding source and the quarter',
  },
);
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const IMPORT_MODES = ['add', 'update'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const contributionImportInput = z
  .strictObject(
    {
      fundId: z.number({ error: 'Fund must be a whole number id of 1 or more' }).int().min(1),
      /** The file's name, for the batch label ("Imported 120 rows from contributions.csv"). */
      fileName: wellFormedString('File name').max(255, { error: 'File name must be at most 255 characters' }).optional(),
      /** The spreadsheet row (1-based) the header is on; rows[0] is the row below it. 1 unless a title sits above. */
      headerRow: z.number().int().min(1, { error: 'Header row must be 1 or more' }).max(1000).optional(),
      header: z.array(cell).max(MAX_IMPORT_COLUMNS, { error: `A file may have at most ${MAX_IMPORT_COLUMNS} columns` }),
      rows: z
        .array(z.array(cell).max(MAX_IMPORT_COLUMNS, { error: `A row may have at most ${MAX_IMPORT_COLUMNS} cells` }))
        .max(MAX_IMPORT_ROWS, {
          error: `An import may have at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows: split the file and import each part`,
        }),
      mapping: importMappingSchema,
      mode: z.enum(IMPORT_MODES, { error: "Mode must be 'add' (new rows only) or 'update' (update existing rows too)" }),
      dryRun: z.boolean({ error: 'dryRun must be true or false' }),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `Import has unknown field(s): ${issue.keys.join(', ')}` : 'Import must be an object',
    },
  )
  .superRefine((input, ctx) => {
    const used = new Map<number, ImportField>();
    for (const field of IMPORT_FIELDS) {
      const index = input.mapping[field];
      if (index === undefined) continue;
      const other = used.get(index);
      if (other) {
        ctx.addIssue({
          code: 'custom',
          path: ['mapping', field],
          message: `${IMPORT_FIELD_LABELS[field]} and ${IMPORT_FIELD_LABELS[other]} cannot both come from column ${columnName(index, input.header)}`,
        });
      }
      used.set(index, field);
    }
  });
export type ContributionImportInput = z.infer<typeof contributionImportInput>;

/** The field values a preview compares: money in pence, the note as text. */
export type ImportChangeField = 'plannedPence' | 'actualPence' | 'note';
export interface ImportPreviewRow {
  /** The spreadsheet row number (1-based, counting the header and any title rows above it). */
  row: number;
  status: 'new' | 'changed' | 'unchanged' | 'error';
  /** The row's key as read, for showing it (null where the cell could not be matched). */
  partner: string | null;
  source: string | null;
  quarter: number | null;
  /** For a new row every value it will get (old is null); for a changed row only the cells that change. */
  changes: Partial<Record<ImportChangeField, { old: string | number | null; new: string | number }>>;
  errors: { column: string; message: string }[];
}
export interface ImportPreview {
  rows: ImportPreviewRow[];
  counts: { new: number; changed: number; unchanged: number; error: number };
  /** Set when the import was applied: the batch to undo it by. */
  batchId: string | null;
}

/** What a person calls a column: its header text, or its letter when the header is empty ("column C"). */
export function columnName(index: number, header: readonly string[]): string {
  const text = header[index]?.trim();
  return text ? text : `column ${columnLetter(index)}`;
}

/** A spreadsheet column letter: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = (n - 1 - rest) / 26;
  }
  return letters;
}

/** How names are compared: case, surrounding space, runs of space and the kind of apostrophe or dash do not matter. */
export function normaliseName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ');
}

export type QuarterResult = { ok: true; quarter: number } | { ok: false; reason: string };

// 1-4, Q1-Q4, "Q1 (Apr-Jun)" as the grid shows it, "Q1 Apr-Jun"; the months, when given, must be the quarter's.
const QUARTER_TEXT = /^q?\s*([1-4])(?:\s*\(?\s*([a-z]{3})\s*-\s*([a-z]{3})\s*\)?)?$/;
const QUARTER_MONTHS = ['', 'apr-jun', 'jul-sep', 'oct-dec', 'jan-mar'];

/** Read a quarter as people write it in a spreadsheet. */
export function parseQuarterCell(text: string): QuarterResult {
  const match = QUARTER_TEXT.exec(normaliseName(text));
  if (!match) return { ok: false, reason: 'must be a quarter: 1 to 4 or Q1 to Q4' };
  const quarter = Number(match[1]);
  if (match[2] && `${match[2]}-${match[3]}` !== QUARTER_MONTHS[quarter]) {
    return { ok: false, reason: `names the months of a different quarter (Q${quarter} is ${QUARTER_MONTHS[quarter]})` };
  }
  return { ok: true, quarter };
}

/** Header words that say which field a column holds; the first field whose pattern matches a header wins. */
const HEADER_PATTERNS: [ImportField, RegExp][] = [
  ['partner', /^(partner|organi[sz]ation|org|contributor|body)\b/],
  ['source', /(source|stream|funding)/],
  ['quarter', /^(quarter|qtr|q)\b/],
  ['planned', /(planned|plan|budget)/],
  ['actual', /(actual|outturn|spent|paid)/],
  ['note', /(note|comment|remark)/],
];

/** A first guess at the mapping from the header's names; each column is used at most once. */
export function guessMapping(header: readonly string[]): Partial<ImportMapping> {
  const mapping: Partial<ImportMapping> = {};
  const taken = new Set<number>();
  for (const [field, pattern] of HEADER_PATTERNS) {
    const exact = header.findIndex((h, i) => !taken.has(i) && normaliseName(h) === normaliseName(IMPORT_FIELD_LABELS[field]));
    const index = exact >= 0 ? exact : header.findIndex((h, i) => !taken.has(i) && pattern.test(normaliseName(h)));
    if (index >= 0) {
      mapping[field] = index;
      taken.add(index);
    }
  }
  return mapping;
}

/** The header row of a sheet: the first of its first rows with at least three filled cells (a title above it has
 * one). Returns a 0-based index, 0 when none qualifies. */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const limit = Math.min(rows.length, 20);
  for (let i = 0; i < limit; i += 1) {
    if ((rows[i] ?? []).filter((c) => c.trim() !== '').length >= 3) return i;
  }
  return 0;
}

/**
 * A number read from a spreadsheet cell as the text a person sees. Spreadsheets keep 15 significant digits, so a
 * value like 0.1+0.2 stored as 0.30000000000000004 reads as "0.3"; a genuine third decimal (12.345) stays and is
 * refused by parsePounds rather than rounded.
 */
export function numberCellText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) || Math.abs(value) >= 1e15) return String(value);
  const text = value.toPrecision(15);
  return text.includes('e') ? String(value) : text.replace(/\.?0+$/, '');
}
