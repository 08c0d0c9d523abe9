// Opens the database: a SQLite file (data/bcf.sqlite by default) with WAL, foreign keys and a busy timeout, or a
// PostgreSQL database when the URL starts with postgres:// (issue 8), both wrapped in Kysely with CamelCasePlugin.
// Also runs the migrations. The rest of the code does not know which one it talks to, except through `dialectOf`.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import { migrations } from './migrations/index';
import { loadPg } from './pg-driver';
import { withStatementCache } from './statement-cache';
import type { Database } from './schema';

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_PATH = 'data/bcf.sqlite';

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** BCF_LOG_SQL=1 writes every statement to stderr, one line each, as it runs: how to count what one request costs (a
 * cell edit is a handful of statements; a new one shows up here first). */
const logSql = process.env.BCF_LOG_SQL === '1' ? (event: LogEvent) => console.error(`sql ${event.query.sql}`) : undefined;

export function openDatabase(url: string = DEFAULT_DATABASE_PATH): DB {
  if (isPostgresUrl(url)) {
    // A pool, so several requests run at once; each transaction takes one connection (see runBatch for isolation).
    // The driver is loaded with the first query (db/pg-driver.ts).
    const pool = async () => {
      const created = new (await loadPg()).Pool({ connectionString: url, max: 10 });
      // An idle connection the server ends (a restart, an administrator's terminate, a database dropped while the pool
      // closes) is reported here; unhandled, it would end the process. The pool drops that connection and opens another
      // on the next query, so there is nothing else to do.
      created.on('error', (error) => console.error(JSON.stringify({ msg: 'idle database connection lost', error: String(error) })));
      return created;
    };
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logSql, plugins: [new CamelCasePlugin()] });
  }
  if (url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Prepared statements are reused by their SQL (db/statement-cache.ts): preparing cost more than running a cell edit.
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: logSql,
    plugins: [new CamelCasePlugin()],
  });
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
