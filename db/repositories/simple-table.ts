// One way to read and write a plain audited table (an id, the edited columns, version, updated_at, updated_by), for the
// outcome and ROI tables (issue 7), so each of them is declared by its columns instead of written out again.
import type { DB } from '../connection';
import type { Database } from '../schema';
import type { AuditedTable, Tx, VersionedRow } from '../unit-of-work';
import { auditedTable, untyped } from './row-writes';

export interface SimpleTableSpec<Row extends VersionedRow, Values extends object> {
  /** The Kysely (camelCase) table name. */
  table: string;
  entity: string;
  noun: string;
  fields: readonly (keyof Values & string)[];
  fieldLabels?: Readonly<Record<string, string>>;
  describe?: (tx: Tx, row: Row) => Promise<string>;
  /** Absent for shared data (no fund, no partnership). */
  fundIdOf?: (row: Row) => number | null;
  partnershipIdOf?: (row: Row) => number | null;
  /** A database row as the API returns it (JSON text parsed, 0/1 as booleans). */
  toRow: (record: Record<string, unknown>) => Row;
  /** Edited values as columns (lists as JSON text, booleans as 0/1); by default the values as they are. */
  toColumns?: (values: Partial<Values>) => Record<string, unknown>;
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
  const { toRow: _toRow, ...declared } = spec;
  return auditedTable({ ...declared, table: spec.table as keyof Database & string, find: findIn(spec), stamps: 'updated' });
}
