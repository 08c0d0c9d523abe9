// Moving a deployment from SQLite to PostgreSQL (issue 8, `npm run db:copy -- --to postgres://...`): every row of every
// table, ids and audit log included, copied into a freshly migrated, empty PostgreSQL database in one transaction, in
// an order that keeps every foreign key satisfied; then each id sequence is moved past the largest id copied.
import { sql, type Kysely } from 'kysely';
import { dialectOf, migrateToLatest, type DB } from './connection';

type Untyped = Record<string, Record<string, unknown>>;
const untyped = (db: DB) => db as unknown as Kysely<Untyped>;

/**
 * Every table, parents before children. `seeded` tables are filled by the migrations themselves (reference data), so
 * the target's copies are replaced by the source's, ids and all. `serial` tables have an auto-numbered id.
 */
export const COPY_ORDER: readonly { table: string; seeded?: boolean; serial?: boolean }[] = [
  { table: 'organisation', serial: true },
  { table: 'partnership', serial: true },
  { table: 'partnership_member' },
  { table: 'funding_source', seeded: true },
  { table: 'bcf_year', seeded: true, serial: true },
  { table: 'funding_stream', seeded: true, serial: true },
  { table: 'year_mapping', seeded: true, serial: true },
  { table: 'fund', serial: true },
  { table: 'condition_answer', serial: true },
  { table: 'app_user', serial: true },
  { table: 'user_org' },
  { table: 'session' },
  { table: 'login_throttle' },
  { table: 'user_setting' },
  { table: 'reference_item', seeded: true, serial: true },
  { table: 'scheme', serial: true },
  { table: 'expenditure' },
  { table: 'plan_snapshot', serial: true },
  { table: 'split_rule', serial: true },
  { table: 'contribution', serial: true },
  { table: 'scenario', serial: true },
  { table: 'scenario_item', serial: true },
  { table: 'metric', seeded: true, serial: true },
  { table: 'outcome', serial: true },
  { table: 'unit_cost', seeded: true, serial: true },
  { table: 'evidence_item', seeded: true, serial: true },
  { table: 'roi_benefit', serial: true },
  { table: 'batch' },
  { table: 'submission', serial: true },
  { table: 'signatory', serial: true },
  { table: 'signature', serial: true },
  { table: 'return_answer', serial: true },
  { table: 'bcf_deadline', serial: true },
  { table: 'comment_thread', serial: true },
  { table: 'comment', serial: true },
  { table: 'notification', serial: true },
  { table: 'mail_outbox', serial: true },
  { table: 'presence' },
  { table: 'audit_event', serial: true },
];

/** Tables the copy leaves alone: the migrator's own bookkeeping, which the target's migrations wrote. */
const NOT_COPIED = new Set(['kysely_migration', 'kysely_migration_lock']);

const CHUNK = 500;

/** The tables of a SQLite database, for checking that COPY_ORDER names every one. */
export async function sqliteTables(db: DB): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

export interface CopySummary {
  tables: { table: string; rows: number }[];
}

/** Copy everything from `source` (SQLite) into `target` (an empty PostgreSQL database), all or nothing. */
export async function copyDatabase(source: DB, target: DB): Promise<CopySummary> {
  if (dialectOf(source) !== 'sqlite' || dialectOf(target) !== 'postgres') {
    throw new Error('db:copy copies a SQLite database into a PostgreSQL one');
  }
  const missing = (await sqliteTables(source)).filter((t) => !NOT_COPIED.has(t) && !COPY_ORDER.some((c) => c.table === t));
  if (missing.length > 0) throw new Error(`db:copy does not know the table(s) ${missing.join(', ')}: add them to COPY_ORDER in db/copy.ts`);
  await migrateToLatest(target);
  const occupied = await untyped(target).selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  if (occupied) throw new Error('The target database already holds data: copy into a new, empty database');

  const from = untyped(source);
  const tables: CopySummary['tables'] = [];
  await untyped(target)
    .transaction()
    .execute(async (tx) => {
      // The target's own copies of seeded tables go first, children before parents (a year's streams before the
      // catalogue of sources they refer to), so the source's rows replace them whole.
      for (const { table } of [...COPY_ORDER].reverse().filter((c) => c.seeded)) await tx.deleteFrom(camel(table)).execute();
      for (const { table, serial } of COPY_ORDER) {
        if (NOT_COPIED.has(table)) continue;
        const name = camel(table);
        const rows = await from.selectFrom(name).selectAll().execute();
        // A batch names the batch that undid it, which may come later: those links are set once every batch is in.
        const links = table === 'batch' ? rows.map((r) => ({ id: r.id, undoneByBatchId: r.undoneByBatchId })) : [];
        for (let i = 0; i < rows.length; i += CHUNK) {
          const chunk = rows.slice(i, i + CHUNK).map((r) => (table === 'batch' ? { ...r, undoneByBatchId: null } : r));
          await tx.insertInto(name).values(chunk).execute();
        }
        for (const link of links.filter((l) => l.undoneByBatchId !== null)) {
          await tx.updateTable('batch').set({ undoneByBatchId: link.undoneByBatchId }).where('id', '=', link.id).execute();
        }
        if (serial) {
          await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), GREATEST(COALESCE((SELECT MAX(id) FROM ${sql.table(table)}), 0), 1))`.execute(
            tx,
          );
        }
        tables.push({ table, rows: rows.length });
      }
    });
  return { tables };
}

/** snake_case to the camelCase names Kysely's CamelCasePlugin maps back. */
const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
