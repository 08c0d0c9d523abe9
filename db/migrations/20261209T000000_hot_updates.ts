// Room on each page for a changed row (issue 18, PostgreSQL under concurrent edits). PostgreSQL writes a changed row
// as a new version; when it fits on the same page and no indexed column changed (a cell edit sets figures, a note and
// the stamps, none indexed) the indexes are left alone (a "HOT" update). A page filled to the brim leaves no room, so
// an edit added entries to the contribution indexes, into index pages other people's edits had read by key: at
// SERIALIZABLE each such write into a page another open batch had read counted as a conflict between them, and
// twenty people editing their own funds refused one another. Pages filled to 70% keep room for the next versions of
// their rows. It applies to pages written from now on (a copy or restore into a new database fills every page so).
// SQLite rewrites rows in place: nothing to do there. Frozen once shipped: never edit it, add a new migration.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect';

const TABLES = ['contribution', 'scheme'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // One statement on SQLite too, that changes nothing: every migration sends SQL on both (tests/unit/frozen-migrations).
  if (!isPostgres(db)) return void (await sql`select 1`.execute(db));
  for (const table of TABLES) await sql`alter table ${sql.table(table)} set (fillfactor = 70)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const table of TABLES) await sql`alter table ${sql.table(table)} reset (fillfactor)`.execute(db);
}
