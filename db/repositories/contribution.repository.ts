// Reads and writes of contributions: each partner's planned and actual money into a fund, by source and quarter.
import { sql } from 'kysely';
import { quarterLabel } from '../../shared/financial-year';
import {
  CONTRIBUTION_FIELD_LABELS,
  CONTRIBUTION_FIELDS,
  type Contribution,
  type ContributionListRow,
  type ContributionValuesRow,
} from '../../shared/schema/contribution';
import type { DB } from '../connection';
import type { Stamp, Tx } from '../unit-of-work';
import { insertRows } from './bulk-insert';
import { auditedTable } from './row-writes';

export type { ContributionValuesRow } from '../../shared/schema/contribution';

const COLUMNS = ['id', 'fundId', ...CONTRIBUTION_FIELDS, 'version', 'updatedAt', 'updatedBy'] as const;

/** Contributions with the name of whoever last changed each one. */
function selectContributions(db: DB | Tx) {
  return db
    .selectFrom('contribution')
    .leftJoin('appUser', 'appUser.id', 'contribution.updatedBy')
    .select(COLUMNS.map((c) => `contribution.${c}` as const))
    .select('appUser.name as updatedByName');
}

/** A row's place among its partner's rows: funding source in the order its BCF year lists its streams (a source the
 * year does not list after them, in the catalogue's order), then quarter, then id. Read from the joins `fundRows` makes. */
const WITHIN_PARTNER = sql.join([
  sql`coalesce(${sql.ref('fundingStream.sortOrder')}, 100000 + ${sql.ref('fundingSource.sortOrder')})`,
  sql.ref('contribution.quarter'),
  sql.ref('contribution.id'),
]);

/** A fund's rows with what their order within a partner is read from: the fund's BCF year, the source's catalogue
 * entry and that year's stream. */
function fundRows(db: DB | Tx, fundId: number) {
  return db
    .selectFrom('contribution')
    .innerJoin('fundingSource', 'fundingSource.code', 'contribution.source')
    .innerJoin('fund', 'fund.id', 'contribution.fundId')
    .leftJoin('fundingStream', (join) =>
      join.onRef('fundingStream.code', '=', 'contribution.source').onRef('fundingStream.bcfYear', '=', 'fund.bcfYear'),
    )
    .where('contribution.fundId', '=', fundId);
}

/** The grid's order: partner by name (names are unique), then `WITHIN_PARTNER`. */
function inFundOrder(db: DB | Tx, fundId: number) {
  return fundRows(db, fundId)
    .innerJoin('organisation', 'organisation.id', 'contribution.orgId')
    .orderBy('organisation.name')
    .orderBy(WITHIN_PARTNER);
}

/** A fund's rows in the grid's order, each with who last changed it: for the server's own readers (exports, returns,
 * the board pack, scenarios), which need every row. */
export async function listContributions(db: DB | Tx, fundId: number): Promise<Contribution[]> {
  return inFundOrder(db, fundId)
    .leftJoin('appUser', 'appUser.id', 'contribution.updatedBy')
    .select(COLUMNS.map((c) => `contribution.${c}` as const))
    .select('appUser.name as updatedByName')
    .execute();
}

const LIST_COLUMNS = ['id', 'orgId', 'source', 'quarter', 'plannedPence', 'actualPence', 'note', 'version'] as const;

/** Offset without a limit: "every row after the first n" is a page no fund reaches the end of. */
const NO_LIMIT = 2_147_483_647;

/**
 * The partners whose rows a page holds, each with how many rows of the fund come before its first (`before`) and how
 * many it holds: partners in name order, counted from the fund's unique index (fund, partner, source, quarter) alone.
 * Rows in `(first, last]` are the page's, counting from 1.
 */
function partnersOfPage(db: DB | Tx, fundId: number, first: number, last: number) {
  // Counted by partner id first, names joined after: 1 name a partner, and both databases then estimate the partners
  // as few (grouping by the name too made PostgreSQL expect a group a row, and read the whole fund for the page).
  const partners = db
    .selectFrom('contribution')
    .where('fundId', '=', fundId)
    .groupBy('orgId')
    .select(['orgId', (eb) => eb.fn.countAll<number>().as('held')]);
  const placed = db
    .selectFrom(partners.as('partner'))
    .innerJoin('organisation', 'organisation.id', 'partner.orgId')
    .select([
      'partner.orgId',
      'partner.held',
      sql<number>`sum(${sql.ref('partner.held')}) over (order by ${sql.ref('organisation.name')}) - ${sql.ref('partner.held')}`.as(
        'before',
      ),
    ]);
  return db
    .selectFrom(placed.as('placed'))
    .selectAll()
    .where('before', '<', last)
    .where((eb) => eb(eb('before', '+', eb.ref('held')), '>', first));
}

/**
 * `contributions.list`: the grid's fields of a fund's rows in the grid's order, every row or one page of them.
 *
 * A page is found without ordering the fund: the order's first key, the partner's NAME, lives in another table, so no
 * index of contribution holds the rows in order, and LIMIT/OFFSET over the whole order would sort every row of the fund
 * for each page. Instead the partners are counted (an index-only read, small), which tells which few partners the page
 * falls in and at what place each starts; only their rows are read and numbered, each partner's at most one a source
 * and quarter. The pages put together are exactly the whole list.
 */
export async function listContributionPage(
  db: DB | Tx,
  page: { fundId: number; offset?: number; limit?: number },
): Promise<ContributionListRow[]> {
  if (page.limit === undefined && page.offset === undefined) {
    return inFundOrder(db, page.fundId)
      .select(LIST_COLUMNS.map((c) => `contribution.${c}` as const))
      .execute();
  }
  const first = page.offset ?? 0;
  const last = first + (page.limit ?? NO_LIMIT);
  const numbered = fundRows(db, page.fundId)
    .innerJoin(partnersOfPage(db, page.fundId, first, last).as('placed'), 'placed.orgId', 'contribution.orgId')
    .select(LIST_COLUMNS.map((c) => `contribution.${c}` as const))
    .select(
      sql<number>`${sql.ref('placed.before')} + row_number() over (partition by ${sql.ref('contribution.orgId')} order by ${WITHIN_PARTNER})`.as(
        'position',
      ),
    );
  return db
    .selectFrom(numbered.as('numbered'))
    .select(LIST_COLUMNS)
    .where('position', '>', first)
    .where('position', '<=', last)
    .orderBy('position')
    .execute();
}

export function findContribution(db: DB | Tx, id: number): Promise<Contribution | undefined> {
  return selectContributions(db).where('contribution.id', '=', id).executeTakeFirst();
}

/** The figures of a contribution the write path's checks compare, without the joins a page needs. */
export type ContributionCells = Pick<Contribution, 'id' | (typeof CONTRIBUTION_FIELDS)[number]>;

const CELL_COLUMNS = ['id', ...CONTRIBUTION_FIELDS] as const;

/** A fund's rows for the write path's checks; with `ids`, only those (a batch that cannot clash with the others). */
export function listContributionCells(db: DB | Tx, fundId: number, ids?: readonly number[]): Promise<ContributionCells[]> {
  let query = db.selectFrom('contribution').select(CELL_COLUMNS).where('fundId', '=', fundId);
  if (ids) {
    if (ids.length === 0) return Promise.resolve([]);
    query = query.where('id', 'in', [...ids]);
  }
  return query.execute();
}

/** A partner, source and quarter: the key a fund holds one row for. */
export type CellKey = Pick<Contribution, 'orgId' | 'source' | 'quarter'>;

/** Partners a statement: well under SQLite's and PostgreSQL's limits on values in one statement. */
const PARTNERS_PER_STATEMENT = 2000;

/**
 * The fund's rows that hold any of these keys: what new or moved rows could clash with, never the whole fund. Asked as
 * partner IN (...) AND source IN (...) AND quarter IN (...), which both databases answer by probing the unique index
 * (fund, partner, source, quarter) for each combination (a row-value IN list only narrows by fund, reading every
 * entry of the fund), then cut to the exact keys here.
 */
export async function listContributionCellsWithKeys(db: DB | Tx, fundId: number, keys: readonly CellKey[]): Promise<ContributionCells[]> {
  const wanted = new Set(keys.map((k) => `${k.orgId}|${k.source}|${k.quarter}`));
  const orgIds = [...new Set(keys.map((k) => k.orgId))];
  const sources = [...new Set(keys.map((k) => k.source))];
  const quarters = [...new Set(keys.map((k) => k.quarter))];
  const rows: ContributionCells[] = [];
  for (let i = 0; i < orgIds.length; i += PARTNERS_PER_STATEMENT) {
    const found = await db
      .selectFrom('contribution')
      .select(CELL_COLUMNS)
      .where('fundId', '=', fundId)
      .where('orgId', 'in', orgIds.slice(i, i + PARTNERS_PER_STATEMENT))
      .where('source', 'in', sources)
      .where('quarter', 'in', quarters)
      .execute();
    rows.push(...found.filter((r) => wanted.has(`${r.orgId}|${r.source}|${r.quarter}`)));
  }
  return rows;
}

/** The funding sources a fund's rows hold, each once. */
export async function sourcesUsedInFund(db: DB | Tx, fundId: number): Promise<string[]> {
  const rows = await db.selectFrom('contribution').select('source').distinct().where('fundId', '=', fundId).execute();
  return rows.map((r) => r.source);
}

export async function countContributions(db: DB | Tx, fundId?: number): Promise<number> {
  let query = db.selectFrom('contribution').select((eb) => eb.fn.countAll<number>().as('n'));
  if (fundId !== undefined) query = query.where('fundId', '=', fundId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

const cellKey = (r: Pick<Contribution, 'fundId' | 'orgId' | 'source' | 'quarter'>) => `${r.fundId}|${r.orgId}|${r.source}|${r.quarter}`;

const INSERT_COLUMNS = [
  'fund_id',
  'org_id',
  'source',
  'quarter',
  'planned_pence',
  'actual_pence',
  'note',
  'version',
  'updated_at',
  'updated_by',
] as const;

/** Insert new rows in multi-row statements, in the order given (matched back by fund, partner, source and quarter,
 * which the table keeps unique, rather than trusting the order RETURNING gives). Each row is what was written, with
 * the id the database gave it: nothing else is read back. */
async function insertMany(tx: Tx, values: ContributionValuesRow[], stamp: Stamp): Promise<Contribution[]> {
  // Every row has the same author: their name once, not a join per row.
  const author =
    stamp.userId === null ? undefined : await tx.selectFrom('appUser').select('name').where('id', '=', stamp.userId).executeTakeFirst();
  const written = await insertRows(
    tx,
    'contribution',
    INSERT_COLUMNS,
    values.map((v) => [v.fundId, v.orgId, v.source, v.quarter, v.plannedPence, v.actualPence, v.note, 1, stamp.at, stamp.userId]),
    ['id', 'fund_id', 'org_id', 'source', 'quarter'],
  );
  const ids = new Map(written.map((r) => [cellKey(r as CellKey & { fundId: number }), Number(r.id)]));
  return values.map((v) => {
    const id = ids.get(cellKey(v));
    if (id === undefined) throw new Error(`contribution ${cellKey(v)} vanished inside its own transaction`);
    return { id, ...v, version: 1, updatedAt: stamp.at, updatedBy: stamp.userId, updatedByName: author?.name ?? null };
  });
}

/** The contribution table as the write path sees it. */
export const contributionTable = auditedTable<Contribution, ContributionValuesRow>({
  table: 'contribution',
  entity: 'contribution',
  noun: 'contribution',
  fieldLabels: CONTRIBUTION_FIELD_LABELS,
  describe: async (tx, row) => {
    const org = await tx.selectFrom('organisation').select('name').where('id', '=', row.orgId).executeTakeFirst();
    const source = await tx.selectFrom('fundingSource').select('name').where('code', '=', row.source).executeTakeFirst();
    return `the ${org?.name ?? `partner ${row.orgId}`} ${source?.name ?? row.source} ${quarterLabel(row.quarter)} contribution`;
  },
  fields: ['fundId', 'orgId', 'source', 'quarter', 'plannedPence', 'actualPence', 'note'],
  fundIdOf: (row) => row.fundId,
  find: findContribution,
  stamps: 'updated',
  insertMany,
});
