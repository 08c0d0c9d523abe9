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
import type { AuditedTable, Tx } from '../unit-of-work';

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

export const referenceItemTable: AuditedTable<ReferenceItem, ReferenceItemValues> = {
  entity: 'reference_item',
  noun: 'reference item',
  fieldLabels: REFERENCE_ITEM_FIELD_LABELS,
  describe: async (_tx, row) => `the ${row.bcfYear} ${row.list.replace('_', ' ')} '${row.code}'`,
  fields: ['bcfYear', 'list', 'code', 'name', 'parentCode', 'sortOrder'],
  fundIdOf: () => null,
  partnershipIdOf: () => null,
  find: findReferenceItem,
  insert: async (tx, values, _stamp, restore) => {
    const { id } = await tx
      .insertInto('referenceItem')
      .values({ ...values, id: restore?.id, version: restore?.version ?? 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await findReferenceItem(tx, id);
    if (!row) throw new Error(`reference item ${id} vanished inside its own transaction`);
    return row;
  },
  update: async (tx, id, values, _stamp, version) => {
    await tx
      .updateTable('referenceItem')
      .set({ ...values, version })
      .where('id', '=', id)
      .execute();
    const row = await findReferenceItem(tx, id);
    if (!row) throw new Error(`reference item ${id} vanished inside its own transaction`);
    return row;
  },
  remove: async (tx, id) => {
    await tx.deleteFrom('referenceItem').where('id', '=', id).execute();
  },
  pick: ({ bcfYear, list, code, name, parentCode, sortOrder }) => ({ bcfYear, list, code, name, parentCode, sortOrder }),
};
