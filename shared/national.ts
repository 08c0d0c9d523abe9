// The national view (issue 8): every scheme line a person can see across partnerships and years, a page at a time
// (sorted and filtered on the server, for ag-grid's infinite row model), and the rollup by scheme type. The input
// schemas and result types, shared by the server and the /national page.
import { z } from 'zod';
import { financialYearProblem } from './financial-year';
import { MAX_AMOUNT_PENCE } from './money';
import { wellFormedString } from './unicode';

/** The columns of the national list, in the order the page shows them. Money columns are the year's totals. */
export const NATIONAL_TEXT_COLUMNS = [
  'partnership',
  'financialYear',
  'code',
  'name',
  'schemeType',
  'areaOfSpend',
  'fundingSource',
] as const;
export const NATIONAL_MONEY_COLUMNS = ['plannedPence', 'actualPence'] as const;
export const NATIONAL_COLUMNS = [...NATIONAL_TEXT_COLUMNS, ...NATIONAL_MONEY_COLUMNS] as const;
export type NationalTextColumn = (typeof NATIONAL_TEXT_COLUMNS)[number];
export type NationalMoneyColumn = (typeof NATIONAL_MONEY_COLUMNS)[number];
export type NationalColumn = (typeof NATIONAL_COLUMNS)[number];

export const NATIONAL_COLUMN_LABELS: Record<NationalColumn, string> = {
  partnership: 'Partnership',
  financialYear: 'Year',
  code: 'Scheme ID',
  name: 'Scheme name',
  schemeType: 'Scheme type',
  areaOfSpend: 'Area of spend',
  fundingSource: 'Source of funding',
  plannedPence: 'Planned (£)',
  actualPence: 'Actual (£)',
};

/** Most rows one page may ask for: ag-grid asks a block at a time (100 by default). */
export const NATIONAL_PAGE_MAX = 1000;

export const TEXT_FILTER_OPS = ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith'] as const;
export const NUMBER_FILTER_OPS = [
  'equals',
  'notEqual',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'inRange',
] as const;

const pence = (label: string) =>
  z
    .number({ error: `${label} must be a whole number of pence` })
    .int({ error: `${label} must be a whole number of pence` })
    .min(-MAX_AMOUNT_PENCE, { error: `${label} is too large` })
    .max(MAX_AMOUNT_PENCE, { error: `${label} is too large` });

const textFilter = z.strictObject({
  kind: z.literal('text'),
  op: z.enum(TEXT_FILTER_OPS, { error: `Text filter must be one of ${TEXT_FILTER_OPS.join(', ')}` }),
  value: wellFormedString('Filter text').max(200, { error: 'Filter text must be at most 200 characters' }),
});
const moneyFilter = z
  .strictObject({
    kind: z.literal('money'),
    op: z.enum(NUMBER_FILTER_OPS, { error: `Money filter must be one of ${NUMBER_FILTER_OPS.join(', ')}` }),
    value: pence('Filter amount'),
    valueTo: pence('Filter upper amount').optional(),
  })
  .refine((f) => f.op !== 'inRange' || f.valueTo !== undefined, {
    error: 'A range filter needs an upper amount (valueTo)',
    path: ['valueTo'],
  });
export type TextFilter = z.infer<typeof textFilter>;
export type MoneyFilter = z.infer<typeof moneyFilter>;

export const nationalFilterSchema = z.strictObject({
  partnership: textFilter.optional(),
  financialYear: textFilter.optional(),
  code: textFilter.optional(),
  name: textFilter.optional(),
  schemeType: textFilter.optional(),
  areaOfSpend: textFilter.optional(),
  fundingSource: textFilter.optional(),
  plannedPence: moneyFilter.optional(),
  actualPence: moneyFilter.optional(),
});
export type NationalFilter = z.infer<typeof nationalFilterSchema>;

export const nationalLinesInput = z.strictObject({
  offset: z.number({ error: 'Offset must be a whole number of 0 or more' }).int().min(0, { error: 'Offset must be 0 or more' }),
  limit: z
    .number({ error: `Limit must be a whole number from 1 to ${NATIONAL_PAGE_MAX}` })
    .int()
    .min(1, { error: `Limit must be from 1 to ${NATIONAL_PAGE_MAX}` })
    .max(NATIONAL_PAGE_MAX, { error: `Limit must be from 1 to ${NATIONAL_PAGE_MAX}` }),
  sort: z
    .strictObject({
      column: z.enum(NATIONAL_COLUMNS, { error: `Sort column must be one of ${NATIONAL_COLUMNS.join(', ')}` }),
      direction: z.enum(['asc', 'desc'], { error: "Sort direction must be 'asc' or 'desc'" }),
    })
    .optional(),
  filter: nationalFilterSchema.optional(),
});
export type NationalLinesInput = z.infer<typeof nationalLinesInput>;

export const nationalRollupInput = z.strictObject({
  /** One financial year (2025/26); all years when absent. */
  financialYear: wellFormedString('Financial year')
    .refine((y) => financialYearProblem(y) === null, {
      error: (issue) => `Financial year ${financialYearProblem(String(issue.input)) ?? ''}`,
    })
    .optional(),
});
export type NationalRollupInput = z.infer<typeof nationalRollupInput>;

/** One scheme line with its year's totals; coded fields are given by name (the list of the fund's BCF year). */
export interface NationalLine {
  id: number;
  partnershipId: number;
  partnership: string;
  fundId: number;
  financialYear: string;
  code: string;
  name: string;
  schemeType: string | null;
  areaOfSpend: string | null;
  fundingSource: string | null;
  plannedPence: number;
  actualPence: number;
}

export interface NationalLinesPage {
  rows: NationalLine[];
  /** How many lines match the filter in all: the grid sizes its scroll bar by it. */
  total: number;
}

export interface NationalRollupRow {
  /** The scheme type's code, null for lines without one. */
  schemeType: string | null;
  name: string;
  schemes: number;
  plannedPence: number;
  actualPence: number;
}

/** One BCF year's totals in the national rollup, named by the year's label. */
export interface NationalBcfYearRow {
  bcfYear: string;
  label: string;
  funds: number;
  schemes: number;
  plannedPence: number;
  actualPence: number;
}

export interface NationalRollup {
  financialYear: string | null;
  /** Every BCF year held with scheme lines the reader can see, oldest first (not limited by financialYear). */
  byBcfYear: NationalBcfYearRow[];
  rows: NationalRollupRow[];
  schemes: number;
  plannedPence: number;
  actualPence: number;
}
