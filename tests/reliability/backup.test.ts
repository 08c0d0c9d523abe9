// Backups (issue 9, item 5): `npm run backup -- FILE` (the real CLI) takes a consistent online backup while the crash
// writer keeps committing batches and imports through the real write path; `npm run restore -- FILE` puts it into a
// new DATABASE_URL; the restored database passes integrity_check, holds only whole batches (the first k the writer
// began, for some k), and its audit log replays to its data. A restore refuses to replace a database another process
// has open, and keeps the one it replaces.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/app-process';
import {
  lastBatchRowid,
  prepareCrashDatabase,
  startWriter,
  verifySnapshot,
  writerCommand,
  type CrashDatabase,
  type RunningWriter,
} from '../support/crash';

let dir: string;
let db: CrashDatabase;
let writer: RunningWriter | null = null;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-backup-'));
  db = await prepareCrashDatabase(path.join(dir, 'live.sqlite'), 20);
});
afterAll(async () => {
  await writer?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Run the CLI as `npm run backup` / `npm run restore` do, on DATABASE_URL. */
function cli(args: string[], databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, BCF_LOG: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} timed out:\n${output}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function confirmedSoFar(w: RunningWriter): Promise<number> {
  return w.record().attempts.filter((a) => a.batchId !== null).length;
}

async function waitForWrites(w: RunningWriter, n: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await confirmedSoFar(w)) < n) {
    if (Date.now() > deadline) throw new Error(`the writer confirmed fewer than ${n} writes in 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('npm run backup / npm run restore', () => {
  it('a backup taken while edits continue restores to a consistent database', { timeout: 90_000 }, async () => {
    const since = (() => {
      const sqlite = new SQLite(db.file, { fileMustExist: true });
      try {
        return lastBatchRowid(sqlite);
      } finally {
        sqlite.close();
      }
    })();
    const running = await startWriter(db, await writerCommand(dir), 'backup-load', 77, 300);
    writer = running;
    await waitForWrites(running, 5);
    const atStart = await confirmedSoFar(running);
    const backupFile = path.join(dir, 'backup.sqlite');
    const backup = await cli(['backup', backupFile], db.file);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/Backed up .* to .*backup\.sqlite .*integrity_check ok/);
    // The edits went on while the backup ran, and after it.
    await waitForWrites(running, (await confirmedSoFar(running)) + 3);
    await running.kill();
    writer = null;
    const run = running.record();
    expect(run.attempts.filter((a) => a.batchId !== null).length).toBeGreaterThan(atStart);
    // Nothing half-written is left beside the backup.
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);

    const restored = path.join(dir, 'restored', 'bcf.sqlite');
    const restore = await cli(['restore', backupFile], restored);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toMatch(/Restored .*backup\.sqlite into .*integrity_check ok/);

    // Whole batches only, and exactly the writer's first k of them: a snapshot of one moment, taken mid-load.
    const k = verifySnapshot(restored, db.fundId, since, run);
    expect(k).toBeGreaterThanOrEqual(atStart);
    expect(k).toBeLessThan(run.attempts.length);
    // The restored database is one the server can open and migrate.
    const check = await cli(['migrate'], restored);
    expect(check.code, check.output).toBe(0);
  });

  it('restore refuses while another process has the database open, and keeps the database it replaces', { timeout: 60_000 }, async () => {
    const backupFile = path.join(dir, 'backup.sqlite');
    const target = path.join(dir, 'in-use.sqlite');
    fs.copyFileSync(db.file, target);
    // Someone (a running server) has the target open.
    const holder = new SQLite(target, { fileMustExist: true });
    holder.pragma('journal_mode = WAL');
    holder.prepare('select count(*) from contribution').get();
    const before = fs.statSync(target).ino;
    const refused = await cli(['restore', backupFile], target);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/is open in another process .*stop it, then restore\. Nothing was changed\./);
    expect(fs.statSync(target).ino).toBe(before);
    holder.close();

    const restore = await cli(['restore', backupFile], target);
    expect(restore.code, restore.output).toBe(0);
    const kept = /kept as (\S+)\./.exec(restore.output)?.[1];
    expect(kept && fs.existsSync(kept), restore.output).toBe(true);
    const old = new SQLite(kept ?? '', { fileMustExist: true, readonly: true });
    try {
      expect(old.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      old.close();
    }
  });

  it('says how to use it without a file, and refuses a backup that is not a tracker database', async () => {
    const usage = await cli(['backup'], db.file);
    expect(usage.code).toBe(2);
    expect(usage.output).toMatch(/usage: npm run backup -- FILE/);
    const junk = path.join(dir, 'junk.sqlite');
    const other = new SQLite(junk);
    other.exec('create table t (x)');
    other.close();
    const target = path.join(dir, 'untouched.sqlite');
    const refused = await cli(['restore', junk], target);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/not a tracker database/);
    expect(fs.existsSync(target)).toBe(false);
  });
});
