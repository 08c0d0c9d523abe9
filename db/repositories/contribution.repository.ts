// Reads and writes of contributions: each partner's planned and actual money into a fund, by source and quarter.
import type { Contribution } from '../../shared/types';
import type { DB } from '../connection';
import type { AuditedTable, Tx } from '../unit-of-work';

/** The audited fields; everything else (id, version, stamps) is the system's. The fund is set at creation only. */
export interface ContributionValuesRow {
  fundId: number;
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
  actualPence: number;
  note: string;
}

const COLUMNS = ['id', 'fundId', 'orgId', 'source', 'quarter', 'plannedPence', 'actualPence', 'note', 'version', 'updatedAt'] as const;

export async function listContributions(db: DB | Tx, fundId: number): Promise<Contribution[]> {
  return db
    .selectFrom('contribution')
    .innerJoin('organisation', 'organisation.id', 'contribution.orgId')
    .innerJoin('fundingSource', 'fundingSource.code', 'contribution.source')
    .select(COLUMNS.map((c) => `contribution.${c}` as const))
    .where('contribution.fundId', '=', fundId)
    .orderBy('organisation.name')
    .orderBy('fundingSource.sortOrder')
    .orderBy('contribution.quarter')
    .orderBy('contribution.id')
    .execute();
}

export function findContribution(db: DB | Tx, id: number): Promise<Contribution | undefined> {
  return db.selectFrom('contribution').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function countContributions(db: DB | Tx, fundId?: number): Promise<number> {
  let query = db.selectFrom('contribution').select((eb) => eb.fn.countAll<number>().as('n'));
  if (fundId !== undefined) query = query.where('fundId', '=', fundId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The contribution table as the write path sees it. */
export const contributionTable: AuditedTable<Contribution, ContributionValuesRow> = {
  entity: 'contribution',
  noun: 'contribution',
  fields: ['fundId', 'orgId', 'source', 'quarter', 'plannedPence', 'actualPence', 'note'],
  fundIdOf: (row) => row.fundId,
  find: findContribution,
  insert: (tx, values, stamp, restore) =>
    tx
      .insertInto('contribution')
      .values({ ...values, id: restore?.id, version: restore?.version ?? 1, updatedAt: stamp.at, updatedBy: stamp.userId })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow(),
  update: (tx, id, values, stamp, version) =>
    tx
      .updateTable('contribution')
      .set({ ...values, version, updatedAt: stamp.at, updatedBy: stamp.userId })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow(),
  remove: async (tx, id) => {
    await tx.deleteFrom('contribution').where('id', '=', id).execute();
  },
  pick: (row) => ({
    fundId: row.fundId,
    orgId: row.orgId,
    source: row.source,
    quarter: row.quarter,
    plannedPence: row.plannedPence,
    actualPence: row.actualPence,
    note: row.note,
  }),
};
