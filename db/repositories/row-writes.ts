// The writes every audited table makes the same way, declared once: insert a row (or put a deleted one back under its
// old id), update it under a new version, delete it, each read back as the API returns it. A repository says only what
// differs: its table, how to find a row, which stamp columns it keeps, and how its values become columns.
import type { Kysely } from 'kysely';
import type { DB } from '../connection';
import type { Database } from '../schema';
import type { AuditedTable, Stamp, Tx, VersionedRow } from '../unit-of-work';

/** The tables, seen without their types: a repository's spec says what each column is. */
type Untyped = Record<string, Record<string, unknown>>;
export const untyped = (db: DB | Tx) => db as unknown as Kysely<Untyped>;

/**
 * Which columns record a write: `updated` (updated_at and updated_by, on every write), `created` (created_at and
 * created_by, on insert only), `createdAt` (created_at, on insert only) or `none`.
 */
export type StampColumns = 'updated' | 'created' | 'createdAt' | 'none';

function stampColumns(kind: StampColumns, stamp: Stamp, inserting: boolean): Record<string, unknown> {
  if (kind === 'updated') return { updatedAt: stamp.at, updatedBy: stamp.userId };
  if (!inserting || kind === 'none') return {};
  return kind === 'created' ? { createdAt: stamp.at, createdBy: stamp.userId } : { createdAt: stamp.at };
}

export interface RowWritesSpec<Row, Values extends object> {
  /** The Kysely (camelCase) table name. */
  table: keyof Database & string;
  /** What the row is called in the message of a row that vanished inside its own transaction (a bug, never input). */
  noun: string;
  find(db: DB | Tx, id: number): Promise<Row | undefined>;
  stamps: StampColumns;
  /** The table's own columns from (some of) the values: lists as JSON text, booleans as 0/1, linked rows left out.
   * By default the values as they are. */
  toColumns?(values: Partial<Values>): Record<string, unknown>;
  /** Rows of other tables written with this one (a partnership's members, a scheme's quarters), after it. */
  afterWrite?(tx: Tx, id: number, values: Partial<Values>, inserted: boolean): Promise<void>;
}

/** The row with this id, read back inside the transaction that wrote it. */
export function rereadOf<Row>(find: (db: DB | Tx, id: number) => Promise<Row | undefined>, noun: string) {
  return async (tx: Tx, id: number): Promise<Row> => {
    const row = await find(tx, id);
    if (!row) throw new Error(`${noun} ${id} vanished inside its own transaction`);
    return row;
  };
}

export function rowWrites<Row, Values extends object>(
  spec: RowWritesSpec<Row, Values>,
): Pick<AuditedTable<Row & { id: number; version: number }, Values>, 'insert' | 'update' | 'remove'> {
  const reread = rereadOf(spec.find, spec.noun);
  const columnsOf = (values: Partial<Values>) => (spec.toColumns ? spec.toColumns(values) : { ...values });
  const written = async (tx: Tx, id: number, values: Partial<Values>, inserted: boolean) => {
    await spec.afterWrite?.(tx, id, values, inserted);
    return reread(tx, id) as Promise<Row & { id: number; version: number }>;
  };
  return {
    insert: async (tx, values, stamp, restore) => {
      const record = await untyped(tx)
        .insertInto(spec.table)
        .values({
          ...columnsOf(values),
          ...stampColumns(spec.stamps, stamp, true),
          version: restore?.version ?? 1,
          ...(restore ? { id: restore.id } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return written(tx, Number(record.id), values, true);
    },
    update: async (tx, id, values, stamp, version) => {
      await untyped(tx)
        .updateTable(spec.table)
        .set({ ...columnsOf(values), ...stampColumns(spec.stamps, stamp, false), version })
        .where('id', '=', id)
        .execute();
      return written(tx, id, values, false);
    },
    remove: async (tx, id) => {
      await untyped(tx).deleteFrom(spec.table).where('id', '=', id).execute();
    },
  };
}

/** A row's audited values: exactly the fields listed, so nothing else (an id, a stamp, a joined name) is audited. */
export function pickFields<Values extends object>(fields: readonly (keyof Values & string)[]) {
  return <Row extends Values>(row: Row): Values => Object.fromEntries(fields.map((f) => [f, row[f]])) as unknown as Values;
}

/** Replace the rows linking one row to others (a partnership's member organisations, a user's organisations). */
export async function replaceLinks(
  tx: Tx,
  link: { table: keyof Database & string; owner: string; other: string },
  ownerId: number,
  otherIds: readonly number[],
): Promise<void> {
  await untyped(tx).deleteFrom(link.table).where(link.owner, '=', ownerId).execute();
  if (otherIds.length === 0) return;
  await untyped(tx)
    .insertInto(link.table)
    .values(otherIds.map((otherId) => ({ [link.owner]: ownerId, [link.other]: otherId })))
    .execute();
}

/** Settings kept in their fund's row (plan settings, risk share): they exist as long as the fund does, so they are
 * only ever updated (and undo only updates them back); `why` says so when something tries otherwise. */
export function keptInFundRow(why: { created: string; removed: string }): { insert: () => Promise<never>; remove: () => Promise<never> } {
  return {
    insert: async () => {
      throw new Error(why.created);
    },
    remove: async () => {
      throw new Error(why.removed);
    },
  };
}

/** How many rows a table holds. */
export async function countRows(db: DB | Tx, table: keyof Database & string): Promise<number> {
  const row = await untyped(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One audited table, declared once: what the write path needs (db/unit-of-work.ts AuditedTable) and how its rows are
 * written (RowWritesSpec). Shared data (no fund, no partnership) leaves out fundIdOf; `pick` defaults to the fields. */
export interface TableSpec<Row extends VersionedRow, Values extends object>
  extends
    RowWritesSpec<Row, Values>,
    Pick<AuditedTable<Row, Values>, 'entity' | 'noun' | 'fields' | 'fieldLabels' | 'describe' | 'partnershipIdOf' | 'insertMany'> {
  fundIdOf?: (row: Row) => number | null;
  pick?: (row: Row) => Values;
}

export function auditedTable<Row extends VersionedRow, Values extends object>(spec: TableSpec<Row, Values>): AuditedTable<Row, Values> {
  const { table: _table, stamps: _stamps, toColumns: _toColumns, afterWrite: _afterWrite, ...declared } = spec;
  return {
    fundIdOf: () => null,
    pick: pickFields<Values>(spec.fields) as (row: Row) => Values,
    ...declared,
    ...rowWrites(spec),
  };
}
