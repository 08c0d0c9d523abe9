// Online backup and restore of the SQLite database (npm run backup / npm run restore). A backup is a consistent
// snapshot taken with SQLite's backup API while the server keeps writing; a restore swaps a checked copy into place.
// With PostgreSQL (issue 8) the same two commands will run pg_dump --format=custom and pg_restore instead.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/** Pages copied per step of the backup API: everything in one step. The copy then reads the whole database in one
 * read transaction, so it is one consistent snapshot; in WAL mode that read never blocks the server's writes. (In
 * small steps, every write by the server in between would restart the copy, and a busy server could starve it.) */
const ALL_PAGES = 0x7fffffff;

export interface BackupSummary {
  file: string;
  bytes: number;
  batches: number;
  auditEvents: number;
}

export interface RestoreSummary extends BackupSummary {
  /** Where the database that was replaced now lives, or null when there was none. */
  keptAs: string | null;
}

/** A restore or backup that must not go ahead, with the reason a person can act on. */
export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError';
}

/** Until issue 8's PostgreSQL support brings pg_dump and pg_restore here, say so rather than look for a file. */
function refusePostgres(url: string): void {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new DatabaseFileError(
      'DATABASE_URL is a PostgreSQL database: back it up with pg_dump --format=custom and restore with pg_restore',
    );
  }
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Check a database is whole and one of ours; returns what it holds, for the summary. */
function checkCopy(db: SQLite.Database, file: string): { batches: number; auditEvents: number } {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new DatabaseFileError(`${file} is damaged (integrity_check: ${String(integrity)})`);
  const tables = new Set(
    (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name),
  );
  if (!tables.has('kysely_migration')) throw new DatabaseFileError(`${file} is not a tracker database (it has no migrations table)`);
  const count = (table: 'batch' | 'audit_event') =>
    tables.has(table) ? (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n : 0;
  return { batches: count('batch'), auditEvents: count('audit_event') };
}

/** Copy `source` into `partial` with the backup API, as one snapshot; check the copy, and set its journal mode
 * (a backup is one self-contained file; a restored database runs in WAL mode like every database the server opens). */
async function snapshotInto(
  source: string,
  partial: string,
  journalMode: 'delete' | 'wal',
): Promise<{ batches: number; auditEvents: number }> {
  fs.rmSync(partial, { force: true });
  // Not opened read-only: a read-only connection cannot open a WAL database whose -shm file is missing.
  const db = new SQLite(source, { fileMustExist: true });
  try {
    await db.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new SQLite(partial, { fileMustExist: true });
  let held: { batches: number; auditEvents: number };
  try {
    held = checkCopy(copy, source);
    copy.pragma(`journal_mode = ${journalMode}`);
  } finally {
    copy.close();
  }
  fsyncPath(partial);
  return held;
}

/**
 * Take a consistent online backup of the database at `source` into `target`, while the server may go on writing:
 * the copy is written beside the target, checked (integrity_check), flushed to disk, and only then renamed into
 * place, so `target` is always either the previous backup or a whole new one.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupSummary> {
  refusePostgres(source);
  if (!fs.existsSync(source)) throw new DatabaseFileError(`There is no database at ${source} to back up`);
  if (path.resolve(source) === path.resolve(target)) throw new DatabaseFileError('The backup file must not be the database itself');
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new DatabaseFileError(`The folder ${dir} does not exist`);
  const partial = `${target}.partial-${process.pid}`;
  try {
    const held = await snapshotInto(source, partial, 'delete');
    fs.renameSync(partial, target);
    fsyncPath(dir);
    return { file: target, bytes: fs.statSync(target).size, ...held };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/**
 * Refuse to replace a database another process has open. In WAL mode every open connection holds a shared lock on
 * the file, so an exclusive lock is only granted when nobody else (no running server, no other tool) has it open.
 * On success the database is checkpointed, so the file stands alone and can be kept.
 */
function assertNotInUse(file: string): void {
  const db = new SQLite(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY')) {
      throw new DatabaseFileError(
        `${file} is open in another process (is the server running?): stop it, then restore. Nothing was changed.`,
      );
    }
    throw error;
  } finally {
    db.close();
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * Restore the backup `backup` into `target` (DATABASE_URL). The backup is copied beside the target and the copy
 * checked (integrity_check) before anything is touched; then the current database, if any, is moved aside (kept as
 * `<target>.replaced-<time>`, never deleted) and the copy renamed into its place. Refused while another process has
 * the target open: stop the server first.
 */
export async function restoreDatabase(backup: string, target: string): Promise<RestoreSummary> {
  refusePostgres(target);
  if (!fs.existsSync(backup)) throw new DatabaseFileError(`There is no backup at ${backup}`);
  if (path.resolve(backup) === path.resolve(target)) throw new DatabaseFileError('The backup is the database itself');
  const dir = path.dirname(path.resolve(target));
  fs.mkdirSync(dir, { recursive: true });
  const partial = `${target}.restoring-${process.pid}`;
  try {
    // The slow part first, so the window between the in-use check and the swap is as short as it can be.
    const held = await snapshotInto(backup, partial, 'wal');
    let keptAs: string | null = null;
    if (fs.existsSync(target)) {
      assertNotInUse(target);
      keptAs = `${target}.replaced-${timestamp()}`;
      fs.renameSync(target, keptAs);
    }
    // A -wal or -shm left beside the target belongs to the database moved aside; SQLite would apply it to the restored
    // file, so they must go (after the checkpoint above they hold nothing of the old database that matters).
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(partial, target);
    fsyncPath(dir);
    return { file: target, bytes: fs.statSync(target).size, keptAs, ...held };
  } finally {
    fs.rmSync(partial, { force: true });
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${partial}${suffix}`, { force: true });
  }
}
