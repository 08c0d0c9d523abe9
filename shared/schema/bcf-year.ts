// The BCF year as data: a year (its code, the financial years it covers, open or closed, the uplift of the NHS
// minimum to adult social care), its funding streams, the mapping of one year's codes to the next, and a fund's answers
// to its year's national conditions. Opening a year or adding a stream is an administrator's edit, never a release.
import { z } from 'zod';
import { bcfYearSchema, coded, id, oneOf, strict, text, version, wholeNumber, yearSchema, yesNo } from './fields';
import { keysOf, labelsOf, patchOf, type RowOf, updateOf, type Versioned } from './shape';

export const BCF_YEAR_STATUSES = ['open', 'closed'] as const;
export type BcfYearStatus = (typeof BCF_YEAR_STATUSES)[number];

/** An uplift or a roll-over percentage in basis points: -100% to +100% (390 is 3.9%). */
export const upliftBp = (label: string) =>
  wholeNumber(label, -10_000, 10_000, 'must be a whole number of basis points from -10000 to 10000 (-100% to +100%)');

const bcfYearFields = {
  code: bcfYearSchema,
  label: text('Label', 1, 200),
  firstFinancialYear: yearSchema('First financial year', '2026/27'),
  lastFinancialYear: yearSchema('Last financial year', '2026/27'),
  status: oneOf('Status', BCF_YEAR_STATUSES),
  /** How much the NHS minimum to adult social care must rise over the previous year's baseline; null: typed. */
  nhsAscUpliftBp: upliftBp('Uplift of the NHS minimum to adult social care').nullable(),
  /** Where the year's figures come from (the framework, the planning requirements). */
  sourceNote: text('Source', 0, 2000),
};

export const BCF_YEAR_FIELD_LABELS = labelsOf(bcfYearFields);
export const BCF_YEAR_FIELDS = keysOf(bcfYearFields);
export type BcfYearValues = RowOf<typeof bcfYearFields>;
export interface BcfYear extends BcfYearValues, Versioned {}

/** `bcfYears.open`: a new year, its lists copied from `copyFrom` (streams, scheme types and sub-types, areas of spend,
 * commissioners, provider types, metrics, conditions, the uplift), to be edited afterwards. */
export const bcfYearOpenInput = strict(
  {
    copyFrom: bcfYearSchema.describe('Copy from'),
    code: bcfYearFields.code,
    label: bcfYearFields.label,
    firstFinancialYear: bcfYearFields.firstFinancialYear,
    lastFinancialYear: bcfYearFields.lastFinancialYear,
    nhsAscUpliftBp: bcfYearFields.nhsAscUpliftBp.optional(),
    sourceNote: bcfYearFields.sourceNote.optional(),
  },
  'BCF year',
);
export type BcfYearOpenInput = z.infer<typeof bcfYearOpenInput>;

export const bcfYearUpdateInput = updateOf(
  patchOf({
    label: bcfYearFields.label,
    status: bcfYearFields.status,
    nhsAscUpliftBp: bcfYearFields.nhsAscUpliftBp,
    sourceNote: bcfYearFields.sourceNote,
  }),
);
export type BcfYearUpdateInput = z.infer<typeof bcfYearUpdateInput>;

// ---- funding streams of a year ----

export const STREAM_OWNERS = ['nhs', 'la', 'any'] as const;
export type StreamOwner = (typeof STREAM_OWNERS)[number];

const fundingStreamFields = {
  bcfYear: bcfYearSchema,
  /** A funding_source code (lower case letters, digits and _); a new code joins the catalogue. */
  code: coded('Code', /^[a-z][a-z0-9_]{0,49}$/, 'must be 1 to 50 lower case letters, digits or _, starting with a letter'),
  name: text('Name', 1, 200),
  /** Who pays it: the NHS (the ICB), the local authority, or any partner. */
  owner: oneOf('Owner', STREAM_OWNERS),
  /** A national minimum (the NHS minimum contribution, the Better Care Grant, the DFG), not a voluntary addition. */
  isMinimum: yesNo('Minimum', 'must be true or false'),
  description: text('Description', 0, 1000),
  sortOrder: wholeNumber('Sort order', 0, 100_000),
};

export const FUNDING_STREAM_FIELD_LABELS = labelsOf(fundingStreamFields);
export type FundingStreamValues = RowOf<typeof fundingStreamFields>;
export interface FundingStream extends FundingStreamValues, Versioned {}

const { description, sortOrder, ...requiredStream } = fundingStreamFields;
export const fundingStreamCreateInput = strict(
  { ...requiredStream, description: description.optional(), sortOrder: sortOrder.optional() },
  'Funding stream',
);
export const fundingStreamUpdateInput = updateOf(
  patchOf({
    name: fundingStreamFields.name,
    owner: fundingStreamFields.owner,
    isMinimum: fundingStreamFields.isMinimum,
    description,
    sortOrder,
  }),
);
export type FundingStreamCreateInput = z.infer<typeof fundingStreamCreateInput>;
export type FundingStreamUpdateInput = z.infer<typeof fundingStreamUpdateInput>;

// ---- mapping one year's codes to the next year's ----

/** The lists a roll-over maps; a sub-type's code is written 'type/sub'. */
export const MAPPED_LISTS = [
  'funding_stream',
  'scheme_type',
  'sub_type',
  'area_of_spend',
  'commissioner',
  'provider_type',
  'metric',
  'national_condition',
] as const;
export type MappedList = (typeof MAPPED_LISTS)[number];

/** What a person calls each mapped list (the roll-over dialog and its refusals). */
export const MAPPED_LIST_LABELS: Record<MappedList, string> = {
  funding_stream: 'Funding stream',
  scheme_type: 'Scheme type',
  sub_type: 'Sub-type',
  area_of_spend: 'Area of spend',
  commissioner: 'Commissioner',
  provider_type: 'Provider type',
  metric: 'Metric',
  national_condition: 'National condition',
};

const yearMappingFields = {
  fromYear: bcfYearSchema.describe('From year'),
  toYear: bcfYearSchema.describe('To year'),
  list: oneOf('List', MAPPED_LISTS),
  fromCode: text('From code', 1, 101),
  toCode: text('To code', 1, 101),
};
export const YEAR_MAPPING_FIELD_LABELS = labelsOf(yearMappingFields);
export type YearMappingValues = RowOf<typeof yearMappingFields>;
export interface YearMapping extends YearMappingValues, Versioned {}

// ---- a fund's answers to its year's national conditions ----

export const CONDITION_ANSWERS = ['yes', 'no'] as const;
export type ConditionAnswerValue = (typeof CONDITION_ANSWERS)[number];

const conditionAnswerFields = {
  fundId: id('Fund'),
  conditionCode: coded('Condition', /^[a-z0-9_]{1,50}$/, 'must be the code of a national condition of the fund’s BCF year'),
  answer: oneOf('Answer', CONDITION_ANSWERS).nullable(),
  commentary: text('Commentary', 0, 4000),
};
export const CONDITION_ANSWER_FIELD_LABELS = labelsOf(conditionAnswerFields);
export type ConditionAnswerValues = RowOf<typeof conditionAnswerFields>;
export interface ConditionAnswer extends ConditionAnswerValues, Versioned {}

/** `conditions.answer`: set one condition's answer and commentary (a "no" needs commentary); `version` when it exists. */
export const conditionAnswerInput = strict(
  {
    fundId: conditionAnswerFields.fundId,
    conditionCode: conditionAnswerFields.conditionCode,
    answer: conditionAnswerFields.answer,
    commentary: conditionAnswerFields.commentary.default(''),
    version: version.optional(),
  },
  'Condition answer',
);
export type ConditionAnswerInput = z.infer<typeof conditionAnswerInput>;
