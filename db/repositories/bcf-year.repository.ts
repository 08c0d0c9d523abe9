// Reads and writes of the BCF year as data: the years, each year's funding streams, the mapping of one year's codes to
// the next year's, and each fund's answers to its year's national conditions. Each is a plain audited table.
import {
  BCF_YEAR_FIELD_LABELS,
  CONDITION_ANSWER_FIELD_LABELS,
  FUNDING_STREAM_FIELD_LABELS,
  YEAR_MAPPING_FIELD_LABELS,
  type BcfYear,
  type BcfYearValues,
  type ConditionAnswer,
  type ConditionAnswerValues,
  type FundingStream,
  type FundingStreamValues,
  type YearMapping,
  type YearMappingValues,
} from '../../shared/schema/bcf-year';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { findIn, simpleAuditedTable } from './simple-table';

const nullableNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const toBcfYear = (r: Record<string, unknown>): BcfYear => ({
  id: Number(r.id),
  code: String(r.code),
  label: String(r.label),
  firstFinancialYear: String(r.firstFinancialYear),
  lastFinancialYear: String(r.lastFinancialYear),
  status: r.status as BcfYear['status'],
  nhsAscUpliftBp: nullableNumber(r.nhsAscUpliftBp),
  sourceNote: String(r.sourceNote),
  version: Number(r.version),
});

const toStream = (r: Record<string, unknown>): FundingStream => ({
  id: Number(r.id),
  bcfYear: String(r.bcfYear),
  code: String(r.code),
  name: String(r.name),
  owner: r.owner as FundingStream['owner'],
  isMinimum: Number(r.isMinimum) === 1,
  description: String(r.description),
  sortOrder: Number(r.sortOrder),
  version: Number(r.version),
});

const toMapping = (r: Record<string, unknown>): YearMapping => ({
  id: Number(r.id),
  fromYear: String(r.fromYear),
  toYear: String(r.toYear),
  list: r.list as YearMapping['list'],
  fromCode: String(r.fromCode),
  toCode: String(r.toCode),
  version: Number(r.version),
});

const toAnswer = (r: Record<string, unknown>): ConditionAnswer => ({
  id: Number(r.id),
  fundId: Number(r.fundId),
  conditionCode: String(r.conditionCode),
  answer: (r.answer ?? null) as ConditionAnswer['answer'],
  commentary: String(r.commentary),
  version: Number(r.version),
});

const yearSpec = { table: 'bcfYear', toRow: toBcfYear };
const streamSpec = { table: 'fundingStream', toRow: toStream };
const mappingSpec = { table: 'yearMapping', toRow: toMapping };
const answerSpec = { table: 'conditionAnswer', toRow: toAnswer };

export const findBcfYearById = findIn(yearSpec);
export const findFundingStream = findIn(streamSpec);
export const findYearMapping = findIn(mappingSpec);
export const findConditionAnswer = findIn(answerSpec);

/** Every BCF year, oldest first (by the first financial year it covers). */
export async function listBcfYears(db: DB | Tx): Promise<BcfYear[]> {
  const rows = await db.selectFrom('bcfYear').selectAll().orderBy('firstFinancialYear').orderBy('code').execute();
  return rows.map((r) => toBcfYear(r as unknown as Record<string, unknown>));
}

export async function findBcfYear(db: DB | Tx, code: string): Promise<BcfYear | undefined> {
  const row = await db.selectFrom('bcfYear').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toBcfYear(row as unknown as Record<string, unknown>) : undefined;
}

/** The funding streams of one BCF year (or of every year), in the order the year's template lists them. */
export async function listFundingStreams(db: DB | Tx, bcfYear?: string): Promise<FundingStream[]> {
  let query = db.selectFrom('fundingStream').selectAll();
  if (bcfYear !== undefined) query = query.where('bcfYear', '=', bcfYear);
  const rows = await query.orderBy('bcfYear').orderBy('sortOrder').orderBy('code').execute();
  return rows.map((r) => toStream(r as unknown as Record<string, unknown>));
}

/** The mappings from one year's codes to another's. */
export async function listYearMappings(db: DB | Tx, fromYear: string, toYear: string): Promise<YearMapping[]> {
  const rows = await db
    .selectFrom('yearMapping')
    .selectAll()
    .where('fromYear', '=', fromYear)
    .where('toYear', '=', toYear)
    .orderBy('list')
    .orderBy('fromCode')
    .execute();
  return rows.map((r) => toMapping(r as unknown as Record<string, unknown>));
}

/** A fund's answers to its year's national conditions (only those given so far). */
export async function listConditionAnswers(db: DB | Tx, fundId: number): Promise<ConditionAnswer[]> {
  const rows = await db.selectFrom('conditionAnswer').selectAll().where('fundId', '=', fundId).orderBy('conditionCode').execute();
  return rows.map((r) => toAnswer(r as unknown as Record<string, unknown>));
}

export const bcfYearTable = simpleAuditedTable<BcfYear, BcfYearValues>({
  ...yearSpec,
  entity: 'bcf_year',
  noun: 'BCF year',
  fields: ['code', 'label', 'firstFinancialYear', 'lastFinancialYear', 'status', 'nhsAscUpliftBp', 'sourceNote'],
  fieldLabels: BCF_YEAR_FIELD_LABELS,
  describe: async (_tx, row) => `BCF year ${row.code}`,
});

export const fundingStreamTable = simpleAuditedTable<FundingStream, FundingStreamValues>({
  ...streamSpec,
  entity: 'funding_stream',
  noun: 'funding stream',
  fields: ['bcfYear', 'code', 'name', 'owner', 'isMinimum', 'description', 'sortOrder'],
  fieldLabels: FUNDING_STREAM_FIELD_LABELS,
  describe: async (_tx, row) => `the ${row.bcfYear} funding stream ‘${row.name}’`,
  toColumns: ({ isMinimum, ...rest }) => ({ ...rest, ...(isMinimum === undefined ? {} : { isMinimum: isMinimum ? 1 : 0 }) }),
});

export const yearMappingTable = simpleAuditedTable<YearMapping, YearMappingValues>({
  ...mappingSpec,
  entity: 'year_mapping',
  noun: 'mapping between BCF years',
  fields: ['fromYear', 'toYear', 'list', 'fromCode', 'toCode'],
  fieldLabels: YEAR_MAPPING_FIELD_LABELS,
  describe: async (_tx, row) => `the ${row.fromYear} to ${row.toYear} mapping of ${row.list.replace(/_/g, ' ')} ‘${row.fromCode}’`,
});

export const conditionAnswerTable = simpleAuditedTable<ConditionAnswer, ConditionAnswerValues>({
  ...answerSpec,
  entity: 'condition_answer',
  noun: 'answer to a national condition',
  fields: ['fundId', 'conditionCode', 'answer', 'commentary'],
  fieldLabels: CONDITION_ANSWER_FIELD_LABELS,
  fundIdOf: (row) => row.fundId,
  describe: async (_tx, row) => `the answer to national condition ${row.conditionCode.toUpperCase()}`,
});
