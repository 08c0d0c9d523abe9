// Reads and writes of the reference lists per BCF year (scheme types, sub-types, areas of spend, commissioners,
// provider types, national conditions, metrics): data, never code enums, so admins can correct them.
import { REFERENCE_LISTS, type ReferenceItem, type ReferenceList } from '../../shared/plan-types';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { auditedTable } from './row-writes';

export interface ReferenceItemValues {
  bcfYear: string;
  list: ReferenceList;
  code: string;
  name: string;
  parentCode: string | null;
  sortOrder: number;
}

const COLUMNS = ['id', 'bcfYear', 'list', 'code', 'name', 'parentCode', 'sortOrder', 'version'] as const;

function toItem(row: {
  id: number;
  bcfYear: string;
  list: string;
  code: string;
  name: string;
  parentCode: string | null;
  sortOrder: number;
  version: number;
}): ReferenceItem {
  return { ...row, list: row.list as ReferenceList };
}

/** The items of one BCF year (or of every year), in list order, then the order each list is shown in. */
export async function listReferenceItems(db: DB | Tx, bcfYear?: string): Promise<ReferenceItem[]> {
  let query = db.selectFrom('referenceItem').select(COLUMNS);
  if (bcfYear !== undefined) query = query.where('bcfYear', '=', bcfYear);
  const rows = await query.orderBy('bcfYear').orderBy('sortOrder').orderBy('code').execute();
  const listOrder = (list: string) => REFERENCE_LISTS.indexOf(list as ReferenceList);
  return rows.map(toItem).sort((a, b) => a.bcfYear.localeCompare(b.bcfYear) || listOrder(a.list) - listOrder(b.list));
}

export async function findReferenceItem(db: DB | Tx, id: number): Promise<ReferenceItem | undefined> {
  const row = await db.selectFrom('referenceItem').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

export const referenceItemTable = auditedTable<ReferenceItem, ReferenceItemValues>({
  table: 'referenceItem',
  entity: 'reference_item',
  noun: 'reference item',
  fieldLabels: { bcfYear: 'BCF year', list: 'List', code: 'Code', name: 'Name', parentCode: 'Parent code', sortOrder: 'Sort order' },
  describe: async (_tx, row) => `the ${row.bcfYear} ${row.list.replace('_', ' ')} '${row.code}'`,
  fields: ['bcfYear', 'list', 'code', 'name', 'parentCode', 'sortOrder'],
  find: findReferenceItem,
  stamps: 'none',
});
