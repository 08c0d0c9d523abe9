// What the migrations write differently on PostgreSQL (issue 8), in one place: an auto-numbered id, 64-bit integers
// for money, and the append-only triggers of the audit log. On SQLite every helper gives exactly what the migrations
// wrote before, so existing SQLite databases see no change. Frozen like the migrations that use it: add, never alter.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** An auto-numbered integer primary key: INTEGER AUTOINCREMENT on SQLite, SERIAL on PostgreSQL. Spread it into
 * addColumn: `.addColumn('id', ...autoId(db))`. */
export function autoId(db: Kysely<any>): ['serial' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return isPostgres(db) ? ['serial', (c) => c.primaryKey()] : ['integer', (c) => c.primaryKey().autoIncrement()];
}

/** A whole number that may exceed 2^31 (pence, metric hundredths): SQLite's INTEGER is already 64-bit. */
export const bigInteger = (db: Kysely<any>): 'bigint' | 'integer' => (isPostgres(db) ? 'bigint' : 'integer');

/** A column of pence that is never negative and 0 until set, spread into addColumn:
 * `.addColumn(...penceColumn(db, 'planned_pence'))`. Sends exactly the SQL the migrations wrote out by hand. */
export function penceColumn(
  db: Kysely<any>,
  name: string,
): [string, 'bigint' | 'integer', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return [
    name,
    bigInteger(db),
    (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`${sql.raw(name)} >= 0`),
  ];
}

const MESSAGE = 'audit_event is append-only';

/** The database itself refuses to change (`update`) or remove (`delete`) an audit event. */
export async function createAppendOnlyTrigger(db: Kysely<any>, on: 'update' | 'delete'): Promise<void> {
  const name = sql.raw(`audit_event_no_${on}`);
  const event = sql.raw(on.toUpperCase());
  if (isPostgres(db)) {
    await sql`CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${sql.raw(MESSAGE)}'; END $$`.execute(db);
    await sql`CREATE TRIGGER ${name} BEFORE ${event} ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER ${name} BEFORE ${event} ON audit_event BEGIN SELECT RAISE(ABORT, '${sql.raw(MESSAGE)}'); END`.execute(db);
  }
}

export async function dropAppendOnlyTrigger(db: Kysely<any>, on: 'update' | 'delete'): Promise<void> {
  const name = sql.raw(`audit_event_no_${on}`);
  if (isPostgres(db)) await sql`DROP TRIGGER ${name} ON audit_event`.execute(db);
  else await sql`DROP TRIGGER ${name}`.execute(db);
}
