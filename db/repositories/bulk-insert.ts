// Many rows into one table in a few multi-row INSERTs, the SQL written once per shape rather than built value by value:
// the query builder spends far longer assembling 100 rows' 700 audit events (9,100 values) than the database spends
// writing them (issue 18, point 3). Only for the write path's own fixed columns; every value is a bound parameter.
import { CompiledQuery } from 'kysely';
import { dialectOf, type DB } from '../connection';
import type { Tx } from '../unit-of-work';

/** Bound values a statement: SQLite allows 32,766 and PostgreSQL 65,535; a statement this size also keeps the text of
 * the SQL (cached by better-sqlite3's prepared statements) small. */
const VALUES_PER_STATEMENT = 13_000;

/** A value as the database drivers take it. */
export type Cell = string | number | null;

/**
 * Insert `rows` (each a value per column, in `columns`' order) into `table`, a statement per VALUES_PER_STATEMENT
 * values. With `returning`, the inserted rows' values of those columns, in the order the statements return them.
 * Table and column names are the database's (snake_case), written by the caller, never taken from input.
 */
export async function insertRows(
  db: DB | Tx,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Cell[])[],
  returning: readonly string[] = [],
): Promise<Record<string, unknown>[]> {
  const postgres = dialectOf(db) === 'postgres';
  const perStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const tail = returning.length ? ` returning ${returning.map((c) => `"${c}"`).join(', ')}` : '';
  const out: Record<string, unknown>[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: Cell[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const value of row) {
        parameters.push(value);
        marks.push(postgres ? `$${parameters.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(head + tuples.join(', ') + tail, parameters));
    out.push(...result.rows);
  }
  return out;
}
