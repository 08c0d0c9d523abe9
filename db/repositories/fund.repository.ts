// Reads and writes of funds: one pooled budget of a partnership for one financial year.
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

/** The funding streams money can come from, in the order the national template lists them. */
export function listFundingSources(db: DB | Tx): Promise<FundingSource[]> {
  return db.selectFrom('fundingSource').select(['code', 'name', 'description']).orderBy('sortOrder').execute();
}

export const fundTable = auditedTable<Fund, FundValues>({
  table: 'fund',
  entity: 'fund',
  noun: 'fund',
  fields: ['partnershipId', 'name', 'financialYear'],
  fundIdOf: (row) => row.id,
  partnershipIdOf: (row) => row.partnershipId,
  find: findFund,
  stamps: 'createdAt',
});
