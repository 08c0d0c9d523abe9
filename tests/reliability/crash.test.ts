// Crash safety (issue 9, item 1): SIGKILL the process doing the writing at random moments, during batched edits and
// large imports, reopen the same database and check that every change the client saw confirmed is there, that no
// batch is half-applied, that replaying the audit log reproduces every current contribution, and that
// integrity_check is ok. 50 kills of the crash writer (the real write path in its own process) and 4 of the real
// HTTP server; `npm run soak` runs the same for 1,000. Set BCF_CRASH_SEED to explore other kill points.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditReplayDifferences,
  CrashViolation,
  fundRows,
  integrityOf,
  lastBatchRowid,
  prepareCrashDatabase,
  runServerCycles,
  runWriterCycles,
  verifyRun,
  writerCommand,
  type CrashDatabase,
} from '../support/crash';
import { digestOf } from '../support/crash-model';

const SEED = Number(process.env.BCF_CRASH_SEED ?? 20261201);
let dir: string;
let db: CrashDatabase;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-crash-'));
  db = await prepareCrashDatabase(path.join(dir, 'crash.sqlite'), 30);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL in the middle of the write path', () => {
  it(
    '50 kills at random points of batches and imports lose no confirmed change and half-apply no batch',
    { timeout: 150_000 },
    async () => {
      const writer = await writerCommand(dir);
      const stats = await runWriterCycles(db, { writer, cycles: 50, seed: SEED, maxDelayMs: 300, maxImportRows: 400 });
      expect(stats.kills).toBe(50);
      // The kills really landed inside writes (sent, not yet confirmed), not only between them.
      expect(stats.midWrite).toBeGreaterThan(10);
      expect(stats.confirmedWrites).toBeGreaterThan(50);
      const sqlite = new SQLite(db.file, { fileMustExist: true });
      try {
        expect(integrityOf(sqlite)).toBe('ok');
        expect(auditReplayDifferences(sqlite)).toEqual([]);
        expect(fundRows(sqlite, db.fundId).length).toBeGreaterThan(0);
      } finally {
        sqlite.close();
      }
    },
  );

  it('the checks catch a lost change, a value the audit log does not explain, and a batch that is not there', () => {
    const copy = path.join(dir, 'tampered.sqlite');
    const source = new SQLite(db.file, { fileMustExist: true });
    const since = lastBatchRowid(source);
    const rows = fundRows(source, db.fundId);
    source.close();
    fs.copyFileSync(db.file, copy);
    const [first] = rows;
    if (!first) throw new Error('the crash runs left no rows');
    const before = digestOf(rows);

    // A write the client was told was committed, but which is not in the database.
    expect(() =>
      verifyRun(copy, db.fundId, since, { before, attempts: [{ label: null, events: 1, digest: before, batchId: 'not-there' }] }),
    ).toThrow(CrashViolation);

    // A value changed behind the write path's back: the audit log no longer replays to the data.
    const tampered = new SQLite(copy, { fileMustExist: true });
    try {
      tampered.prepare('update contribution set planned_pence = planned_pence + 1 where id = ?').run(first.id);
      expect(auditReplayDifferences(tampered)).toEqual([expect.stringContaining(`contribution ${first.id} plannedPence`)]);
      tampered.prepare('delete from contribution where id = ?').run(first.id);
      expect(auditReplayDifferences(tampered)).toEqual([`contribution ${first.id} is in the audit log but not in the table`]);
    } finally {
      tampered.close();
    }
    expect(() => verifyRun(copy, db.fundId, since, { before, attempts: [] })).toThrow(/not what those writes left|does not replay/);
  });
});

describe('SIGKILL of the real HTTP server', () => {
  it(
    '4 kills while it answers batched edits and imports over HTTP lose nothing confirmed; sessions survive the restarts',
    { timeout: 90_000 },
    async () => {
      const serverDir = fs.mkdtempSync(path.join(dir, 'server-'));
      const stats = await runServerCycles(serverDir, { cycles: 4, seed: SEED, minDelayMs: 200, maxDelayMs: 1500 });
      expect(stats.kills).toBe(4);
      expect(stats.confirmedWrites).toBeGreaterThan(4);
    },
  );
});
