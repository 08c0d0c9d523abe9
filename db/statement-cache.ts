// Reuses better-sqlite3's prepared statements by their SQL text. Kysely prepares every query afresh, and preparing
// costs more than running the small indexed queries a cell edit makes (about 30 µs against 8 µs each): a write path
// of twenty queries spends half a millisecond just parsing SQL it has parsed before.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct query the app makes; `in (?, ?, ...)` lists of many lengths simply fall out of it. */
const CAPACITY = 1000;

export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql: string): SqliteStatement => {
      let statement = cache.get(sql);
      if (statement) {
        // Most recently used last, so the oldest is the first to go.
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= CAPACITY) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
