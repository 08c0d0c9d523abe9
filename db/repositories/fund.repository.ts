// Reads and writes of funds: one pooled budget of a partnership for one financial year, and the funding streams of
// its BCF year.
import { FUND_FIELDS, type Fund, type FundingSource, type FundValues } from '../../shared/schema/fund';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { auditedTable } from './row-writes';

export type { FundValues } from '../../shared/schema/fund';

const COLUMNS = ['id', ...FUND_FIELDS, 'riskShare', 'version'] as const;

export function listFunds(db: DB | Tx, partnershipId: number): Promise<Fund[]> {
  return db
    .selectFrom('fund')
    .select(COLUMNS)
    .where('partnershipId', '=', partnershipId)
    .orderBy('financialYear', 'desc')
    .orderBy('name')
    .execute();
}

export function findFund(db: DB | Tx, id: number): Promise<Fund | undefined> {
  return db.selectFrom('fund').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Every funding source of the catalogue (all years' codes), in the order the national templates list them. Use a
 * fund's own streams (listFundStreams) for anything about one fund. */
export function listFundingSources(db: DB | Tx): Promise<FundingSource[]> {
  return db.selectFrom('fundingSource').select(['code', 'name', 'description']).orderBy('sortOrder').execute();
}

/** The funding streams of a BCF year with the year's own names, in the order its template lists them. */
export function listYearStreams(db: DB | Tx, bcfYear: string): Promise<FundingSource[]> {
  return db
    .selectFrom('fundingStream')
    .select(['code', 'name', 'description'])
    .where('bcfYear', '=', bcfYear)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
}

/** The funding streams a fund's money can come from: those of its BCF year (empty for an unknown fund). */
export async function listFundStreams(db: DB | Tx, fundId: number): Promise<FundingSource[]> {
  const fund = await db.selectFrom('fund').select('bcfYear').where('id', '=', fundId).executeTakeFirst();
  return fund ? listYearStreams(db, fund.bcfYear) : [];
}

/**
 * Names for every code a fund's rows may hold: its year's streams under the year's names first, then the catalogue's
 * other sources under their own names, so a row that holds a stream its year no longer lists (kept, never rewritten;
 * the plan's checklist flags it) is still named rather than shown as a bare code.
 */
export async function listFundSourceNames(db: DB | Tx, fundId: number): Promise<FundingSource[]> {
  const streams = await listFundStreams(db, fundId);
  const inYear = new Set(streams.map((s) => s.code));
  return [...streams, ...(await listFundingSources(db)).filter((s) => !inYear.has(s.code))];
}

export const fundTable = auditedTable<Fund, FundValues>({
  table: 'fund',
  entity: 'fund',
  noun: 'fund',
  fields: ['partnershipId', 'name', 'financialYear', 'bcfYear'],
  fundIdOf: (row) => row.id,
  partnershipIdOf: (row) => row.partnershipId,
  find: findFund,
  stamps: 'createdAt',
});
