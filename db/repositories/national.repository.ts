// Reads across every partnership (issue 8): a page of scheme lines, sorted and filtered in SQL, and the totals by
// scheme type. Both read the year totals kept on each scheme row (scheme.planned_total_pence), never the expenditure
// rows, so a national question costs one pass over the schemes at most.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { MoneyFilter, NationalColumn, NationalLine, NationalMoneyColumn, TextFilter } from '../../shared/national';
import type { DB } from '../connection';

/** The partnerships a reader may see: every one (an admin), or these. */
export type Visible = 'all' | ReadonlySet<number>;

export type NationalTextField = 'partnership' | 'financialYear' | 'code' | 'name';
export type NationalCodedField = 'schemeType' | 'areaOfSpend' | 'fundingSource';

/** A page's conditions as SQL can apply them: coded columns already turned into the codes that match. */
export interface NationalConditions {
  visible: Visible;
  text: { field: NationalTextField; filter: TextFilter }[];
  /** `include`: the line's code is one of `codes`; otherwise it is not (or the line has none). */
  codes: { field: NationalCodedField; include: boolean; codes: string[] }[];
  money: { field: NationalMoneyColumn; filter: MoneyFilter }[];
}

const TEXT_REFS = {
  partnership: 'partnership.name',
  financialYear: 'fund.financialYear',
  code: 'scheme.code',
  name: 'scheme.name',
} as const;
const CODED_REFS = { schemeType: 'scheme.schemeType', areaOfSpend: 'scheme.areaOfSpend', fundingSource: 'scheme.fundingSource' } as const;
const MONEY_REFS = { plannedPence: 'scheme.plannedTotalPence', actualPence: 'scheme.actualTotalPence' } as const;
const SORT_REFS: Record<
  NationalColumn,
  (typeof TEXT_REFS)[NationalTextField] | (typeof CODED_REFS)[NationalCodedField] | (typeof MONEY_REFS)[NationalMoneyColumn]
> = {
  ...TEXT_REFS,
  ...CODED_REFS,
  ...MONEY_REFS,
};

/** A LIKE pattern that matches `value` literally (its %, _ and \ escaped), lower-cased to compare without case. */
function likePattern(filter: TextFilter): string {
  const literal = filter.value.toLowerCase().replace(/[\\%_]/g, '\\$&');
  if (filter.op === 'startsWith') return `${literal}%`;
  if (filter.op === 'endsWith') return `%${literal}`;
  return `%${literal}%`;
}

/**
 * The scheme lines matching the conditions. Fund and partnership are LEFT joined on their primary keys (a scheme
 * always has both), so a query that neither filters nor sorts by them lets the database drop the joins: paging in
 * scheme order or by a scheme's own indexed column then reads one index.
 */
function matching(db: DB, where: NationalConditions) {
  return db
    .selectFrom('scheme')
    .leftJoin('fund', 'fund.id', 'scheme.fundId')
    .leftJoin('partnership', 'partnership.id', 'fund.partnershipId')
    .where((eb) => {
      const all: Expression<SqlBool>[] = [];
      if (where.visible !== 'all') {
        const ids = [...where.visible];
        all.push(ids.length ? eb('fund.partnershipId', 'in', ids) : sql<SqlBool>`1 = 0`);
      }
      for (const { field, filter } of where.text) {
        const column = eb.fn('lower', [eb.ref(TEXT_REFS[field])]);
        const like = sql<SqlBool>`${column} like ${likePattern(filter)} escape '\\'`;
        if (filter.op === 'equals') all.push(eb(column, '=', filter.value.toLowerCase()));
        else if (filter.op === 'notEqual') all.push(eb(column, '<>', filter.value.toLowerCase()));
        else if (filter.op === 'notContains') all.push(eb.not(like));
        else all.push(like);
      }
      for (const { field, include, codes } of where.codes) {
        const column = eb.ref(CODED_REFS[field]);
        if (include) all.push(codes.length ? eb(column, 'in', codes) : sql<SqlBool>`1 = 0`);
        else if (codes.length) all.push(eb.or([eb(column, 'is', null), eb(column, 'not in', codes)]));
      }
      for (const { field, filter } of where.money) {
        const column = eb.ref(MONEY_REFS[field]);
        const { op, value } = filter;
        if (op === 'inRange') all.push(eb.and([eb(column, '>=', value), eb(column, '<=', filter.valueTo ?? value)]));
        else {
          const operator = {
            equals: '=',
            notEqual: '<>',
            lessThan: '<',
            lessThanOrEqual: '<=',
            greaterThan: '>',
            greaterThanOrEqual: '>=',
          } as const;
          all.push(eb(column, operator[op], value));
        }
      }
      return eb.and(all);
    });
}

/** A line as read, with the BCF year whose lists name its codes. */
export type NationalLineRow = NationalLine & { bcfYear: string | null };

/**
 * One page of lines and how many match in all. The page's ids are found first from the scheme rows alone (a "deferred
 * join": walking past 100,000 rows of an index is cheap, fetching each one's names is not), then only those rows are
 * read with their fund and partnership. Ties sort by id, so pages never overlap or skip a line.
 */
export async function pageNationalLines(
  db: DB,
  where: NationalConditions,
  page: { offset: number; limit: number; sort?: { column: NationalColumn; direction: 'asc' | 'desc' } },
): Promise<{ rows: NationalLineRow[]; total: number }> {
  const ref = page.sort ? SORT_REFS[page.sort.column] : 'scheme.id';
  const direction = page.sort?.direction ?? 'asc';
  const ids = matching(db, where)
    .select('scheme.id')
    .orderBy(ref, direction)
    .orderBy('scheme.id', direction)
    .limit(page.limit)
    .offset(page.offset);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('scheme')
      .innerJoin('fund', 'fund.id', 'scheme.fundId')
      .innerJoin('partnership', 'partnership.id', 'fund.partnershipId')
      .select([
        'scheme.id',
        'partnership.id as partnershipId',
        'partnership.name as partnership',
        'fund.id as fundId',
        'fund.financialYear',
        'fund.bcfYear',
        'scheme.code',
        'scheme.name',
        'scheme.schemeType',
        'scheme.areaOfSpend',
        'scheme.fundingSource',
        'scheme.plannedTotalPence as plannedPence',
        'scheme.actualTotalPence as actualPence',
      ])
      .where('scheme.id', 'in', ids)
      .orderBy(ref, direction)
      .orderBy('scheme.id', direction)
      .execute(),
    matching(db, where)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface SchemeTypeTotal {
  schemeType: string | null;
  schemes: number;
  plannedPence: number;
  actualPence: number;
}

/** Planned and actual spend by scheme type across the visible partnerships, for one financial year or all. The whole
 * country in all years reads the scheme-type index alone; a year or a reader's partnerships go through their funds. */
export async function totalsBySchemeType(db: DB, visible: Visible, financialYear?: string): Promise<SchemeTypeTotal[]> {
  const everything = visible === 'all' && financialYear === undefined;
  const query = everything
    ? db.selectFrom('scheme')
    : db.selectFrom('scheme').where((eb) => {
        if (visible !== 'all' && visible.size === 0) return sql<SqlBool>`1 = 0`;
        const funds = eb.selectFrom('fund').select('fund.id');
        const scoped = visible === 'all' ? funds : funds.where('fund.partnershipId', 'in', [...visible]);
        return eb('scheme.fundId', 'in', financialYear === undefined ? scoped : scoped.where('fund.financialYear', '=', financialYear));
      });
  const rows = await query
    .select((eb) => [
      'scheme.schemeType',
      eb.fn.countAll<number>().as('schemes'),
      eb.fn.sum<number>('scheme.plannedTotalPence').as('plannedPence'),
      eb.fn.sum<number>('scheme.actualTotalPence').as('actualPence'),
    ])
    .groupBy('scheme.schemeType')
    .execute();
  return rows.map((r) => ({
    schemeType: r.schemeType,
    schemes: Number(r.schemes),
    plannedPence: Number(r.plannedPence),
    actualPence: Number(r.actualPence),
  }));
}

export interface BcfYearTotal {
  bcfYear: string;
  funds: number;
  schemes: number;
  plannedPence: number;
  actualPence: number;
}

/** Each BCF year's scheme totals over the funds the reader can see (the national rollup by BCF year). */
export async function totalsByBcfYear(db: DB, visible: Visible): Promise<BcfYearTotal[]> {
  if (visible !== 'all' && visible.size === 0) return [];
  let query = db.selectFrom('scheme').innerJoin('fund', 'fund.id', 'scheme.fundId');
  if (visible !== 'all') query = query.where('fund.partnershipId', 'in', [...visible]);
  const rows = await query
    .select((eb) => [
      'fund.bcfYear',
      eb.fn.count<number>('fund.id').distinct().as('funds'),
      eb.fn.countAll<number>().as('schemes'),
      eb.fn.sum<number>('scheme.plannedTotalPence').as('plannedPence'),
      eb.fn.sum<number>('scheme.actualTotalPence').as('actualPence'),
    ])
    .groupBy('fund.bcfYear')
    .execute();
  return rows.map((r) => ({
    bcfYear: r.bcfYear,
    funds: Number(r.funds),
    schemes: Number(r.schemes),
    plannedPence: Number(r.plannedPence),
    actualPence: Number(r.actualPence),
  }));
}
