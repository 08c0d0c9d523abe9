// A scheme: a line of a fund's BCF expenditure plan, with its spend by quarter (issue "The BCF plan"). Shared by the
// server (which stores it), the checks in shared/plan-checks.ts and the client's Plan page, so all three agree.
import { z } from 'zod';
import { id, NOTE_MAX_LENGTH, pence, referenceCode, rule, sourceSchema, strict, text, wholeNumber, yesNo } from './fields';
import { batchOf, changeOf, keysOf, labelsOf, optionalShape, patchOf, type RowOf } from './shape';

/** The per-quarter spend fields of a scheme as a grid row edits them (schemes.applyBatch values). */
export const SPEND_FIELDS = [
  'q1PlannedPence',
  'q1ActualPence',
  'q2PlannedPence',
  'q2ActualPence',
  'q3PlannedPence',
  'q3ActualPence',
  'q4PlannedPence',
  'q4ActualPence',
] as const;
export type SpendField = (typeof SPEND_FIELDS)[number];

const spendLabel = (f: SpendField) => `Q${f.charAt(1)} ${f.includes('Planned') ? 'planned' : 'actual'} (£)`;

const shareBp = (name: string) =>
  wholeNumber(name, 0, 10_000, 'must be a whole number of basis points from 0 to 10000 (100%), or null').nullable();

const OUTPUT_RULE = 'must be a number from 0 to 1000000000, or null';
const outputQuantity = (label: string) =>
  z
    .number(rule(label, OUTPUT_RULE))
    .min(0, rule(label, OUTPUT_RULE))
    .max(1_000_000_000, rule(label, OUTPUT_RULE))
    .describe(label)
    .nullable();

const schemeFields = {
  /** The scheme ID people use ("1", "2a", "DFG-01"); unique in its fund. */
  code: text('Scheme ID', 1, 30),
  name: text('Scheme name', 1, 200),
  description: text('Description', 0, NOTE_MAX_LENGTH, false),
  schemeType: referenceCode('Scheme type'),
  subType: referenceCode('Sub-type'),
  /** "Please specify" when the sub-type (or type) is Other. */
  subTypeOther: text('Sub-type (please specify)', 0, 200),
  areaOfSpend: referenceCode('Area of spend'),
  commissioner: referenceCode('Commissioner'),
  /** Joint commissioning split in basis points; both null unless commissioner is joint. */
  nhsShareBp: shareBp('% NHS'),
  laShareBp: shareBp('% LA'),
  providerType: referenceCode('Provider type'),
  providerName: text('Provider', 0, 200),
  /** The income stream that pays for it (a funding_source code). */
  fundingSource: sourceSchema.describe('Source of funding').nullable(),
  outputQuantity: outputQuantity('Planned outputs'),
  outputUnit: text('Output unit', 0, 100),
  isNew: yesNo('New or existing', 'must be true (new) or false (existing)'),
};

const spendShape = Object.fromEntries(SPEND_FIELDS.map((f) => [f, pence(spendLabel(f))])) as Record<SpendField, ReturnType<typeof pence>>;

/** What a person calls each scheme field, as the Plan grid names its columns (messages and batch labels). */
export const SCHEME_FIELD_LABELS = labelsOf({ fundId: id('Fund'), ...schemeFields, ...spendShape });

/** The fields a person edits on a scheme (its spend apart). */
export type SchemeFields = RowOf<typeof schemeFields>;
/** Their names, in the order the grid shows them: the scheme's columns but the fund. */
export const SCHEME_FIELDS = keysOf(schemeFields);

export interface QuarterSpend {
  quarter: number;
  plannedPence: number;
  actualPence: number;
}

/** A scheme as the API returns it. */
export interface Scheme extends SchemeFields {
  id: number;
  fundId: number;
  /** Always four entries, Q1..Q4. */
  spend: QuarterSpend[];
  version: number;
  updatedAt: string;
  updatedByName: string | null;
}

/** A scheme as a snapshot keeps it (and as snapshots.compare reads it): every edited field, spend flattened. */
export type PlanLine = SchemeFields & Record<SpendField, number>;

/** A new scheme: its ID and name are required, everything else may be filled in later (the checklist says what). */
export const schemeValues = strict(
  { ...optionalShape(schemeFields), code: schemeFields.code, name: schemeFields.name, ...optionalShape(spendShape) },
  'Scheme',
);

/** A change to some fields of a scheme and its spend. */
export const schemePatch = patchOf({ ...schemeFields, ...spendShape });

export const schemeChange = changeOf(schemeValues, schemePatch);
export const schemeBatchInput = batchOf(schemeValues, schemePatch);

export type SchemeValuesInput = z.infer<typeof schemeValues>;
export type SchemePatch = z.infer<typeof schemePatch>;
export type SchemeChange = z.infer<typeof schemeChange>;
export type SchemeBatchInput = z.infer<typeof schemeBatchInput>;
