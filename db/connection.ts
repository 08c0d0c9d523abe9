// Opens the database: a SQLite file (data/bcf.sqlite by default) with WAL, foreign keys and a busy timeout, wrapped
// in Kysely with CamelCasePlugin. Also runs the migrations.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrations } from './migrations/index';
import type { Database } from './schema';

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_PATH = 'data/bcf.sqlite';

export function openDatabase(file: string = DEFAULT_DATABASE_PATH): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
}

/** Bring the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: DB): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  return (results ?? []).map((r) => r.migrationName);
}
