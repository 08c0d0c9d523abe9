// Reads and writes of the reference lists per BCF year (scheme types, sub-types, areas of spend, commissioners,
// provider types, national conditions, metrics): data, never code enums, so admins can correct them.
import {
  REFERENCE_ITEM_FIELD_LABELS,
  REFERENCE_ITEM_FIELDS,
  REFERENCE_LISTS,
  type ReferenceItem,
  type ReferenceItemValues,
} from '../../shared/schema/reference';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { auditedTable } from './row-writes';

export type { ReferenceItemValues } from '../../shared/schema/reference';

const COLUMNS = ['id', ...REFERENCE_ITEM_FIELDS, 'version'] as const;

/** The items of one BCF year (or of every year), in list order, then the order each list is shown in. */
export async function listReferenceItems(db: DB | Tx, bcfYear?: string): Promise<ReferenceItem[]> {
  let query = db.selectFrom('referenceItem').select(COLUMNS);
  if (bcfYear !== undefined) query = query.where('bcfYear', '=', bcfYear);
  const rows = await query.orderBy('bcfYear').orderBy('sortOrder').orderBy('code').execute();
  const listOrder = (list: ReferenceItem['list']) => REFERENCE_LISTS.indexOf(list);
  return rows.sort((a, b) => a.bcfYear.localeCompare(b.bcfYear) || listOrder(a.list) - listOrder(b.list));
}

export function findReferenceItem(db: DB | Tx, id: number): Promise<ReferenceItem | undefined> {
  return db.selectFrom('referenceItem').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export const referenceItemTable = auditedTable<ReferenceItem, ReferenceItemValues>({
  table: 'referenceItem',
  entity: 'reference_item',
  noun: 'reference item',
  fieldLabels: REFERENCE_ITEM_FIELD_LABELS,
  describe: async (_tx, row) => `the ${row.bcfYear} ${row.list.replace('_', ' ')} '${row.code}'`,
  fields: ['bcfYear', 'list', 'code', 'name', 'parentCode', 'sortOrder'],
  find: findReferenceItem,
  stamps: 'none',
});
