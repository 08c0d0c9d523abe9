// The plan workbook (issue 5, item 5): the layout of the .xlsx a fund's expenditure plan is exported as, in the shape
// of the national BCF planning template (Cover, Income, Expenditure, Metrics, Checklist), and the input and result of
// schemes.importWorkbook. Shared so the export, the import and the client agree on one layout.
import { z } from 'zod';
import { columnLetter } from './import';
import { SPEND_FIELDS, type PlanLine } from './plan-types';
import { wellFormedString } from './unicode';

export const PLAN_WORKBOOK_SHEETS = ['Cover', 'Income', 'Expenditure', 'Metrics', 'National conditions', 'Checklist'] as const;
export type PlanWorkbookSheet = (typeof PLAN_WORKBOOK_SHEETS)[number];

/** The Expenditure sheet: a title, a key to the colours, a blank row, then the header; one scheme a row below it. */
export const EXPENDITURE_HEADER_ROW = 4;
/** The most scheme rows an import takes (one batch holds at most 10,000 changes). */
export const MAX_WORKBOOK_SCHEMES = 10_000;

/**
 * How a column is read and written: text; a choice from a list (written as its name, read by name or code); money
 * (£ numbers, pence inside); a percentage (a % number, basis points inside); a plain number; new or existing; or
 * computed (written with a formula, never read back).
 */
export type ExpenditureCellKind = 'text' | 'choice' | 'money' | 'percent' | 'number' | 'new_existing' | 'computed';

export interface ExpenditureColumn {
  /** The plan line's field, or 'totalPlanned' for the computed total. */
  field: (keyof PlanLine & string) | 'totalPlanned';
  header: string;
  kind: ExpenditureCellKind;
  width: number;
  /** For text: the most characters the field holds (the limits of shared/schemas.ts). */
  maxLength?: number;
  /** For a choice: the reference list it comes from ('funding_source' is the fund-independent list of sources). */
  list?: 'scheme_type' | 'sub_type' | 'area_of_spend' | 'commissioner' | 'provider_type' | 'funding_source';
}

const quarterColumns = (figure: 'Planned' | 'Actual'): ExpenditureColumn[] =>
  SPEND_FIELDS.filter((f) => f.includes(figure)).map((field) => ({
    field,
    header: `Q${field.charAt(1)} ${figure.toLowerCase()} (£)`,
    kind: 'money' as const,
    width: 15,
  }));

/** The columns of the Expenditure sheet in the template's order (A, B, C...). */
export const EXPENDITURE_COLUMNS: readonly ExpenditureColumn[] = [
  { field: 'code', header: 'Scheme ID', kind: 'text', width: 10, maxLength: 30 },
  { field: 'name', header: 'Scheme name', kind: 'text', width: 34, maxLength: 200 },
  { field: 'description', header: 'Brief description of scheme', kind: 'text', width: 48, maxLength: 2000 },
  { field: 'schemeType', header: 'Scheme type', kind: 'choice', width: 34, list: 'scheme_type' },
  { field: 'subType', header: 'Sub-type', kind: 'choice', width: 34, list: 'sub_type' },
  { field: 'subTypeOther', header: 'Please specify if scheme type or sub-type is Other', kind: 'text', width: 30, maxLength: 200 },
  { field: 'areaOfSpend', header: 'Area of spend', kind: 'choice', width: 18, list: 'area_of_spend' },
  { field: 'commissioner', header: 'Commissioner', kind: 'choice', width: 22, list: 'commissioner' },
  { field: 'nhsShareBp', header: '% NHS (if joint commissioner)', kind: 'percent', width: 12 },
  { field: 'laShareBp', header: '% LA (if joint commissioner)', kind: 'percent', width: 12 },
  { field: 'providerType', header: 'Provider type', kind: 'choice', width: 28, list: 'provider_type' },
  { field: 'providerName', header: 'Provider', kind: 'text', width: 30, maxLength: 200 },
  { field: 'fundingSource', header: 'Source of funding', kind: 'choice', width: 28, list: 'funding_source' },
  { field: 'outputQuantity', header: 'Planned outputs', kind: 'number', width: 12 },
  { field: 'outputUnit', header: 'Units', kind: 'text', width: 18, maxLength: 100 },
  { field: 'isNew', header: 'New or existing scheme', kind: 'new_existing', width: 12 },
  ...quarterColumns('Planned'),
  ...quarterColumns('Actual'),
  { field: 'totalPlanned', header: 'Total planned expenditure (£)', kind: 'computed', width: 18 },
];

/** Where each field of a plan line sits on the Expenditure sheet (its column letter). */
export function expenditureColumnOf(field: string): string | null {
  const index = EXPENDITURE_COLUMNS.findIndex((c) => c.field === field);
  return index < 0 ? null : columnLetter(index);
}

/** The National conditions sheet (the template's "Please confirm" statements): one condition a row under the header
 * (on the same row as the Expenditure sheet's); the code and the text are grey, the answer and commentary yellow. */
export const CONDITIONS_SHEET = 'National conditions';
export const CONDITIONS_COLUMNS = [
  { key: 'code', header: 'Condition', width: 12 },
  { key: 'text', header: 'National condition', width: 70 },
  { key: 'answer', header: 'Please confirm: Yes/No', width: 16 },
  { key: 'commentary', header: 'Commentary (required if No)', width: 70 },
] as const;

export const NEW_SCHEME = 'New';
export const EXISTING_SCHEME = 'Existing';

/** The download route of a fund's plan workbook (server/plan-workbook.ts answers it). */
export function planWorkbookPath(fundId: number): string {
  return `/export/funds/${fundId}/plan.xlsx`;
}

/** About 6 MB of workbook: a plan of 10,000 schemes is well under it. */
export const MAX_WORKBOOK_BASE64_LENGTH = 8 * 1024 * 1024;

export const planWorkbookImportInput = z.strictObject(
  {
    fundId: z
      .number({ error: 'Fund must be a whole number id of 1 or more' })
      .int({ error: 'Fund must be a whole number id of 1 or more' })
      .min(1, { error: 'Fund must be a whole number id of 1 or more' }),
    fileBase64: wellFormedString('The workbook', { error: 'The workbook must be sent as base64 text' })
      .min(1, { error: 'The workbook is empty: choose an .xlsx file' })
      .max(MAX_WORKBOOK_BASE64_LENGTH, {
        error: `The workbook is too large: at most ${MAX_WORKBOOK_BASE64_LENGTH.toLocaleString('en-GB')} characters of base64 (about 6 MB)`,
      })
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'The workbook must be sent as base64 text (A-Z, a-z, 0-9, + and /)' }),
    fileName: wellFormedString('File name').trim().max(200, { error: 'File name must be at most 200 characters' }).optional(),
    /** true: check and count, write nothing. */
    dryRun: z.boolean({ error: 'dryRun must be true or false' }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `Input has unknown field(s): ${issue.keys.join(', ')}` : 'Input must be an object',
  },
);
export type PlanWorkbookImportInput = z.infer<typeof planWorkbookImportInput>;

/** What an import did (or, on a dry run, would do): schemes by their Scheme ID. */
export interface PlanWorkbookImportSummary {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** National conditions whose answer or commentary the workbook sets or changes (its National conditions sheet). */
  conditions: number;
  /** The batch written (one undo step), or null on a dry run or when nothing changed. */
  batchId: string | null;
}

/** A cell an import could not read, e.g. { sheet: 'Expenditure', cell: 'Expenditure!R7', reason: '...' }. */
export interface UnreadableCell {
  sheet: string;
  cell: string;
  reason: string;
}
