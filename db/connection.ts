// Opens the database: a SQLite file (data/bcf.sqlite by default) with WAL, foreign keys and a busy timeout, or a
// PostgreSQL database when the URL starts with postgres:// (issue 8), both wrapped in Kysely with CamelCasePlugin.
// Also runs the migrations. The rest of the code does not know which one it talks to, except through `dialectOf`.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import { migrations } from './migrations/index';
import { loadPg } from './pg-driver';
import { withStatementCache } from './statement-cache';
import type { Database } from './schema';

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_PATH = 'data/bcf.sqlite';

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

export function openDatabase(url: string = DEFAULT_DATABASE_PATH): DB {
  if (isPostgresUrl(url)) {
    // A pool, so several requests run at once; each transaction takes one connection (see runBatch for isolation).
    // The driver is loaded with the first query (db/pg-driver.ts).
    const pool = async () => new (await loadPg()).Pool({ connectionString: url, max: 10 });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  }
  if (url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Prepared statements are reused by their SQL (db/statement-cache.ts): preparing cost more than running a cell edit.
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] });
}

/** Which database this is: the few places that differ (transaction isolation, constraint error codes) ask this. */
export function dialectOf(db: { getExecutor(): { adapter: unknown } }): 'postgres' | 'sqlite' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Bring the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: DB): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  return (results ?? []).map((r) => r.migrationName);
}
