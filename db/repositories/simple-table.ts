// One way to read and write a plain audited table (an id, the edited columns, version, updated_at, updated_by), for the
// outcome and ROI tables (issue 7), so each of them is declared by its columns instead of written out again.
import type { Kysely } from 'kysely';
import type { DB } from '../connection';
import type { AuditedTable, Stamp, Tx, VersionedRow } from '../unit-of-work';

/** The tables, seen without their types: the spec below says what each column is. */
type Untyped = Record<string, Record<string, unknown>>;
const untyped = (db: DB | Tx) => db as unknown as Kysely<Untyped>;

export interface SimpleTableSpec<Row extends VersionedRow, Values extends object> {
  /** The Kysely (camelCase) table name. */
  table: string;
  entity: string;
  noun: string;
  fields: readonly (keyof Values & string)[];
  fieldLabels?: Readonly<Record<string, string>>;
  describe?: (tx: Tx, row: Row) => Promise<string>;
  fundIdOf: (row: Row) => number | null;
  partnershipIdOf?: (row: Row) => number | null;
  /** A database row as the API returns it (JSON text parsed, 0/1 as booleans). */
  toRow: (record: Record<string, unknown>) => Row;
  /** Edited values as columns (lists as JSON text, booleans as 0/1). */
  toColumns: (values: Partial<Values>) => Record<string, unknown>;
}

export function findIn<Row extends VersionedRow>(spec: Pick<SimpleTableSpec<Row, object>, 'table' | 'toRow'>) {
  return async (db: DB | Tx, id: number): Promise<Row | undefined> => {
    const record = await untyped(db).selectFrom(spec.table).selectAll().where('id', '=', id).executeTakeFirst();
    return record ? spec.toRow(record) : undefined;
  };
}

/** Every row of the table matching `where` (column = value, each), by id. */
export function listIn<Row extends VersionedRow>(spec: Pick<SimpleTableSpec<Row, object>, 'table' | 'toRow'>) {
  return async (db: DB | Tx, where: Record<string, unknown> = {}): Promise<Row[]> => {
    let query = untyped(db).selectFrom(spec.table).selectAll();
    for (const [column, value] of Object.entries(where)) query = query.where(column, value === null ? 'is' : '=', value);
    const records = await query.orderBy('id').execute();
    return records.map(spec.toRow);
  };
}

export function simpleAuditedTable<Row extends VersionedRow, Values extends object>(
  spec: SimpleTableSpec<Row, Values>,
): AuditedTable<Row, Values> {
  const find = findIn(spec);
  const reread = async (tx: Tx, id: number): Promise<Row> => {
    const row = await find(tx, id);
    if (!row) throw new Error(`${spec.entity} ${id} vanished inside its own transaction`);
    return row;
  };
  const stamped = (stamp: Stamp, version: number) => ({ version, updatedAt: stamp.at, updatedBy: stamp.userId });
  return {
    entity: spec.entity,
    noun: spec.noun,
    fields: spec.fields,
    fieldLabels: spec.fieldLabels,
    describe: spec.describe,
    fundIdOf: spec.fundIdOf,
    partnershipIdOf: spec.partnershipIdOf,
    find,
    insert: async (tx, values, stamp, restore) => {
      const record = await untyped(tx)
        .insertInto(spec.table)
        .values({ ...spec.toColumns(values), ...stamped(stamp, restore?.version ?? 1), ...(restore ? { id: restore.id } : {}) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return reread(tx, Number(record.id));
    },
    update: async (tx, id, values, stamp, version) => {
      await untyped(tx)
        .updateTable(spec.table)
        .set({ ...spec.toColumns(values), ...stamped(stamp, version) })
        .where('id', '=', id)
        .execute();
      return reread(tx, id);
    },
    remove: async (tx, id) => {
      await untyped(tx).deleteFrom(spec.table).where('id', '=', id).execute();
    },
    pick: (row) => Object.fromEntries(spec.fields.map((f) => [f, (row as Record<string, unknown>)[f]])) as Values,
  };
}
