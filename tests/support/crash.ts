// The crash harness shared by tests/reliability/crash.test.ts and `npm run soak`: SIGKILL a process in the middle of
// the real write path (the crash writer, or the real HTTP server), reopen the database, and check that every
// confirmed batch is there, no batch is half-applied, the audit log replays to the data, and integrity_check is ok.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { build } from 'esbuild';
import { migrateToLatest, openDatabase } from '../../db/connection';
import { createCaller } from '../../server/router';
import { createUser } from '../../server/services/users';
import type { Context } from '../../server/trpc';
import type { ContributionListRow, SignedInUser } from '../../shared/types';
import { ROOT, startApp, type AppProcess } from './app-process';
import { digestOf, modelOf, planBatch, planImport, seededRandom, type KeySpace, type Model, type ModelRow } from './crash-model';
import { at, HttpClient } from './http-client';
import { DEMO_PASSWORD } from './server';

const WRITER = path.join(ROOT, 'tests/support/crash-writer.ts');

/**
 * The command (after `node`) that runs the crash writer. The writer is bundled once with esbuild (the compiler tsx
 * itself runs, installed with tsx and vite) so each start takes ~0.15 s instead of ~0.5 s through tsx's loader: the
 * same code, compiled the same way, and 50 kills stay quick. better-sqlite3 stays outside the bundle (it is native),
 * imported by absolute path so the bundle can live in a temporary folder.
 */
export async function writerCommand(dir: string): Promise<string[]> {
  const outfile = path.join(dir, 'crash-writer.mjs');
  const native = createRequire(import.meta.url).resolve('better-sqlite3');
  await build({
    entryPoints: [WRITER],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // Bundled CommonJS packages (pg, which db/connection.ts loads for PostgreSQL) call require(); an ES module has none.
    banner: {
      js: "import { createRequire as __bcfCreateRequire } from 'node:module'; const require = __bcfCreateRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'native-better-sqlite3',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: native, external: true }));
        },
      },
    ],
  });
  return [outfile];
}

/** A check that failed after a crash: what was lost or half-written, with enough to reproduce it. */
export class CrashViolation extends Error {
  override readonly name = 'CrashViolation';
}

// ---- The database after a crash -----------------------------------------------------------------------------------

/** Every audited contribution field, as the audit log names it (camelCase) and as the table does (snake_case). */
const FIELDS: [string, string][] = [
  ['fundId', 'fund_id'],
  ['orgId', 'org_id'],
  ['source', 'source'],
  ['quarter', 'quarter'],
  ['plannedPence', 'planned_pence'],
  ['actualPence', 'actual_pence'],
  ['note', 'note'],
];

export function integrityOf(sqlite: SQLite.Database): string {
  return String(sqlite.pragma('integrity_check', { simple: true }));
}

/**
 * Replay every contribution audit event in order (create sets each field, update sets one, delete removes the row)
 * and compare the result with the contribution table, field by field and version by version. Returns the
 * differences; none means the audit log accounts for every current value.
 */
export function auditReplayDifferences(sqlite: SQLite.Database): string[] {
  const replayed = new Map<number, Record<string, unknown>>();
  const problems: string[] = [];
  const events = sqlite
    .prepare("select id, entity_id, action, field, new_value, version_after from audit_event where entity = 'contribution' order by id")
    .iterate() as IterableIterator<{
    id: number;
    entity_id: number;
    action: string;
    field: string | null;
    new_value: string | null;
    version_after: number | null;
  }>;
  for (const e of events) {
    if (e.action === 'delete') {
      replayed.delete(e.entity_id);
      continue;
    }
    let row = replayed.get(e.entity_id);
    if (!row) {
      if (e.action !== 'create') problems.push(`event ${e.id} updates contribution ${e.entity_id}, which the log never created`);
      row = {};
      replayed.set(e.entity_id, row);
    }
    if (e.field !== null) row[e.field] = e.new_value === null ? null : (JSON.parse(e.new_value) as unknown);
    row.version = e.version_after;
  }
  const rows = sqlite.prepare('select * from contribution').all() as Record<string, unknown>[];
  for (const row of rows) {
    const id = Number(row.id);
    const expected = replayed.get(id);
    if (!expected) {
      problems.push(`contribution ${id} is in the table but the audit log never created it (or deleted it)`);
      continue;
    }
    replayed.delete(id);
    for (const [field, column] of [...FIELDS, ['version', 'version'] as [string, string]]) {
      if (expected[field] !== row[column]) {
        problems.push(
          `contribution ${id} ${field} is ${JSON.stringify(row[column])} but the audit log says ${JSON.stringify(expected[field])}`,
        );
      }
    }
  }
  for (const id of replayed.keys()) problems.push(`contribution ${id} is in the audit log but not in the table`);
  return problems;
}

export function fundRows(sqlite: SQLite.Database, fundId: number): ModelRow[] {
  return (
    sqlite
      .prepare('select id, org_id, source, quarter, planned_pence, actual_pence, note, version from contribution where fund_id = ?')
      .all(fundId) as {
      id: number;
      org_id: number;
      source: string;
      quarter: number;
      planned_pence: number;
      actual_pence: number;
      note: string;
      version: number;
    }[]
  ).map((r) => ({
    id: r.id,
    orgId: r.org_id,
    source: r.source,
    quarter: r.quarter,
    plannedPence: r.planned_pence,
    actualPence: r.actual_pence,
    note: r.note,
    version: r.version,
  }));
}

/** The last batch row so far: batches committed after it belong to the run that follows. */
export function lastBatchRowid(sqlite: SQLite.Database): number {
  const row = sqlite.prepare('select coalesce(max(rowid), 0) as n from batch').get() as { n: number };
  return row.n;
}

/** One write a client sent, in order: what it must write, what the fund holds after it, and the batch id the
 * client was given back (null when no answer came: the process was killed first). */
export interface Attempt {
  label: string | null;
  events: number;
  digest: string;
  batchId: string | null;
}

export interface RunRecord {
  /** The fund's digest before the run's first write. */
  before: string;
  attempts: Attempt[];
}

export interface RunVerdict {
  confirmed: number;
  /** The process was killed with a write under way (sent, not confirmed). */
  midWrite: boolean;
  /** ...and that write had committed (it is in the database, whole) or had not (it left no trace). */
  inFlightCommitted: boolean;
}

/**
 * Check a database after a kill against what the run sent and was told: the batches committed since `sinceRowid` are
 * exactly the confirmed writes, in order, plus at most the one under way; each has every audit event its write
 * implies (whole, never part); the fund holds what the last committed write left; the audit log replays to the data;
 * integrity_check is ok. Throws CrashViolation naming the first thing wrong.
 */
export function verifyRun(file: string, fundId: number, sinceRowid: number, run: RunRecord): RunVerdict {
  const sqlite = new SQLite(file, { fileMustExist: true });
  try {
    const integrity = integrityOf(sqlite);
    if (integrity !== 'ok') throw new CrashViolation(`integrity_check: ${integrity}`);
    const batches = sqlite
      .prepare(
        'select b.id, b.label, (select count(*) from audit_event e where e.batch_id = b.id) as events from batch b where b.rowid > ? order by b.rowid',
      )
      .all(sinceRowid) as { id: string; label: string; events: number }[];
    const confirmed = run.attempts.filter((a) => a.batchId !== null).length;
    const last = run.attempts[run.attempts.length - 1];
    const midWrite = last !== undefined && last.batchId === null;
    if (run.attempts.slice(0, -1).some((a) => a.batchId === null)) throw new CrashViolation('a write before the last was never confirmed');
    if (batches.length !== confirmed && !(midWrite && batches.length === confirmed + 1)) {
      throw new CrashViolation(
        `${confirmed} writes were confirmed${midWrite ? ' and one was under way' : ''}, but ${batches.length} batches are in the database`,
      );
    }
    batches.forEach((batch, i) => {
      const attempt = run.attempts[i];
      if (!attempt) throw new CrashViolation(`batch ${batch.id} (${batch.label}) matches no write`);
      if (attempt.batchId !== null && attempt.batchId !== batch.id) {
        throw new CrashViolation(`write ${i + 1} was confirmed as batch ${attempt.batchId}, but batch ${batch.id} is in its place`);
      }
      if (attempt.label !== null && !batch.label.includes(attempt.label)) {
        throw new CrashViolation(`batch ${batch.id} is labelled '${batch.label}', expected ${attempt.label}`);
      }
      if (batch.events !== attempt.events) {
        throw new CrashViolation(
          `batch ${batch.id} (${batch.label}) is half-applied: ${batch.events} of its ${attempt.events} audit events are in the database`,
        );
      }
    });
    const lastCommitted = batches.length === 0 ? null : run.attempts[batches.length - 1];
    const expected = lastCommitted ? lastCommitted.digest : run.before;
    const actual = digestOf(fundRows(sqlite, fundId));
    if (actual !== expected) {
      throw new CrashViolation(
        `after ${batches.length} committed writes the fund's rows are not what those writes left (digest ${actual}, expected ${expected})`,
      );
    }
    const differences = auditReplayDifferences(sqlite);
    if (differences.length > 0)
      throw new CrashViolation(`the audit log does not replay to the data: ${differences.slice(0, 5).join('; ')}`);
    return { confirmed, midWrite, inFlightCommitted: midWrite && batches.length === confirmed + 1 };
  } finally {
    sqlite.close();
  }
}

/**
 * Check a snapshot of a database taken while a run was writing (a backup): the run's batches in it are whole and are
 * the first k writes the run began, for some k; the fund holds what write k left; the audit log replays to the data;
 * integrity_check is ok. Returns k.
 */
export function verifySnapshot(file: string, fundId: number, sinceRowid: number, run: RunRecord): number {
  const sqlite = new SQLite(file, { fileMustExist: true });
  try {
    const integrity = integrityOf(sqlite);
    if (integrity !== 'ok') throw new CrashViolation(`integrity_check: ${integrity}`);
    const batches = sqlite
      .prepare(
        'select b.id, b.label, (select count(*) from audit_event e where e.batch_id = b.id) as events from batch b where b.rowid > ? order by b.rowid',
      )
      .all(sinceRowid) as { id: string; label: string; events: number }[];
    batches.forEach((batch, i) => {
      const attempt = run.attempts[i];
      if (!attempt) throw new CrashViolation(`batch ${batch.id} (${batch.label}) matches no write`);
      if (attempt.batchId !== null && attempt.batchId !== batch.id)
        throw new CrashViolation(`batch ${i + 1} is ${batch.id}, not ${attempt.batchId}`);
      if (attempt.label !== null && !batch.label.includes(attempt.label))
        throw new CrashViolation(`batch ${batch.id} is '${batch.label}', expected ${attempt.label}`);
      if (batch.events !== attempt.events)
        throw new CrashViolation(`batch ${batch.id} is half there: ${batch.events} of ${attempt.events} audit events`);
    });
    const last = batches.length === 0 ? null : run.attempts[batches.length - 1];
    const expected = last ? last.digest : run.before;
    const actual = digestOf(fundRows(sqlite, fundId));
    if (actual !== expected) throw new CrashViolation(`the fund is not what its first ${batches.length} writes left`);
    const differences = auditReplayDifferences(sqlite);
    if (differences.length > 0)
      throw new CrashViolation(`the audit log does not replay to the data: ${differences.slice(0, 5).join('; ')}`);
    return batches.length;
  } finally {
    sqlite.close();
  }
}

export interface RunningWriter {
  /** What it has said so far. */
  record: () => RunRecord;
  /** SIGKILL it and wait for it to end. */
  kill: () => Promise<void>;
}

/** Start the crash writer and leave it writing (for a backup taken under load); resolves once it is ready. */
export async function startWriter(
  db: CrashDatabase,
  writer: string[],
  tag: string,
  seed: number,
  maxImportRows: number,
): Promise<RunningWriter> {
  const child = spawn(
    process.execPath,
    [...writer, db.file, String(db.fundId), String(db.userId), String(seed), tag, String(maxImportRows)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!out.includes('\n')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new CrashViolation(`writer did not start: ${err}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    record: () => parseWriterOutput(out),
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

// ---- A database for the crash writer ------------------------------------------------------------------------------

export interface CrashDatabase {
  file: string;
  fundId: number;
  /** A finance officer of every partner: the writer runs as them, so the policy checks every row it writes. */
  userId: number;
}

function systemContext(db: ReturnType<typeof openDatabase>, user: SignedInUser): Context {
  return {
    db,
    user,
    sessionTokenHash: null,
    clientAddress: '127.0.0.1',
    now: () => new Date(),
    sleep: async () => {},
    setCookie: () => {},
    secureCookies: false,
  };
}

/** A migrated database with one partnership of `partners` organisations, a fund, and a finance officer of all of
 * them, made through the real routers. */
export async function prepareCrashDatabase(file: string, partners: number): Promise<CrashDatabase> {
  const db = openDatabase(file);
  try {
    await migrateToLatest(db);
    const password = 'crash-test-password-1';
    const signedIn = (u: { id: number; name: string; email: string; role: SignedInUser['role']; orgIds: number[] }): SignedInUser => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      orgIds: u.orgIds,
    });
    const { user: admin } = await createUser(
      db,
      { userId: null },
      { email: 'admin@crash.test', name: 'Crash admin', role: 'admin', orgIds: [], password },
    );
    const caller = createCaller(systemContext(db, signedIn(admin)));
    const orgIds: number[] = [];
    for (let i = 1; i <= partners; i += 1) {
      const org = await caller.orgs.create({
        name: `Crash Partner ${String(i).padStart(3, '0')}`,
        sector: i % 2 ? 'social_care' : 'health',
      });
      orgIds.push(org.id);
    }
    const partnership = await caller.partnerships.create({
      name: 'Crash BCF',
      arrangement: 'pooled_fund',
      hostOrgId: orgIds[0],
      memberOrgIds: orgIds,
    });
    const fund = await caller.funds.create({ partnershipId: partnership.id, name: 'Crash fund', financialYear: '2025/26' });
    const { user } = await createUser(
      db,
      { userId: null },
      { email: 'finance@crash.test', name: 'Crash finance', role: 'finance_officer', orgIds, password },
    );
    return { file, fundId: fund.id, userId: user.id };
  } finally {
    await db.destroy();
  }
}

// ---- Kill cycles --------------------------------------------------------------------------------------------------

export interface CrashStats {
  kills: number;
  /** Writes confirmed to the client and found intact after the kill. */
  confirmedWrites: number;
  /** Kills that landed with a write under way, and of those how many had committed (whole) or left nothing. */
  midWrite: number;
  inFlightCommitted: number;
  inFlightRolledBack: number;
}

export function emptyStats(): CrashStats {
  return { kills: 0, confirmedWrites: 0, midWrite: 0, inFlightCommitted: 0, inFlightRolledBack: 0 };
}

function count(stats: CrashStats, verdict: RunVerdict): void {
  stats.kills += 1;
  stats.confirmedWrites += verdict.confirmed;
  if (verdict.midWrite) {
    stats.midWrite += 1;
    if (verdict.inFlightCommitted) stats.inFlightCommitted += 1;
    else stats.inFlightRolledBack += 1;
  }
}

/** Parse the writer's stdout: its starting digest and each write it began (INTENT) and saw committed (OK). Only
 * whole lines count: a kill can cut the last one off. */
export function parseWriterOutput(out: string): RunRecord & { ready: boolean } {
  const lines = out.split('\n').slice(0, -1);
  let before = '';
  let ready = false;
  const attempts: Attempt[] = [];
  for (const line of lines) {
    const [kind, label, a, b] = line.split(' ');
    if (kind === 'READY' && label) {
      before = label;
      ready = true;
    } else if (kind === 'INTENT' && label && a && b) {
      attempts.push({ label, events: Number(a), digest: b, batchId: null });
    } else if (kind === 'OK' && label && a) {
      const attempt = attempts[attempts.length - 1];
      if (!attempt || attempt.label !== label) throw new CrashViolation(`writer confirmed ${label}, which it never began`);
      attempt.batchId = a;
    }
  }
  return { before, attempts, ready };
}

export interface WriterCycleOptions {
  cycles: number;
  seed: number;
  /** A kill lands uniformly within this many milliseconds of the writer being ready. */
  maxDelayMs: number;
  maxImportRows: number;
  /** From writerCommand. */
  writer: string[];
  /** Numbers the cycles' labels, so several calls on one database stay distinct. */
  firstCycle?: number;
  onCycle?: (cycle: number, verdict: RunVerdict) => void;
}

/** One writer run: start it, SIGKILL it at a random moment, then verify the database. */
async function writerCycle(
  db: CrashDatabase,
  writer: string[],
  cycle: number,
  seed: number,
  delayMs: number,
  maxImportRows: number,
): Promise<RunVerdict> {
  const sinceRowid = (() => {
    const sqlite = new SQLite(db.file, { fileMustExist: true });
    try {
      return lastBatchRowid(sqlite);
    } finally {
      sqlite.close();
    }
  })();
  // Plain `node`, not node_modules/.bin/tsx: the tsx CLI runs the script in a child process, and the kill must land on
  // the process that is writing.
  const child = spawn(
    process.execPath,
    [...writer, db.file, String(db.fundId), String(db.userId), String(seed), `crash-c${cycle}`, String(maxImportRows)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  let killed = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CrashViolation(`writer not ready in 20 s: ${err}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!killed && out.startsWith('READY ') && out.includes('\n')) {
        killed = true;
        clearTimeout(timer);
        setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, delayMs);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      if (!killed) reject(new CrashViolation(`writer exited (${code}) before it was ready: ${err}`));
    });
  });
  const code = await exited;
  if (code !== null) throw new CrashViolation(`writer stopped by itself (exit ${code}) before the kill: ${err}`);
  const run = parseWriterOutput(out);
  return verifyRun(db.file, db.fundId, sinceRowid, run);
}

/** `cycles` kill/restart cycles of the crash writer on one database; throws CrashViolation on the first loss. */
export async function runWriterCycles(db: CrashDatabase, options: WriterCycleOptions): Promise<CrashStats> {
  const rng = seededRandom(options.seed);
  const stats = emptyStats();
  const first = options.firstCycle ?? 1;
  for (let cycle = first; cycle < first + options.cycles; cycle += 1) {
    const delay = Math.floor(rng() * options.maxDelayMs);
    const seed = Math.floor(rng() * 2 ** 31);
    let verdict: RunVerdict;
    try {
      verdict = await writerCycle(db, options.writer, cycle, seed, delay, options.maxImportRows);
    } catch (error) {
      if (error instanceof CrashViolation) {
        error.message = `cycle ${cycle} (writer seed ${seed}, killed after ${delay} ms): ${error.message}`;
      }
      throw error;
    }
    count(stats, verdict);
    options.onCycle?.(cycle, verdict);
  }
  return stats;
}

// ---- Kill cycles of the real HTTP server --------------------------------------------------------------------------

export interface ServerCycleOptions {
  cycles: number;
  seed: number;
  /** A kill lands uniformly between these many milliseconds after the writes start. */
  minDelayMs: number;
  maxDelayMs: number;
}

interface ServerWorld {
  file: string;
  fundId: number;
  space: KeySpace;
}

async function demoWorld(client: HttpClient, file: string): Promise<ServerWorld> {
  const partnerships = await client.query<{ id: number; name: string }[]>('partnerships.list');
  const partnership = partnerships.find((p) => p.name === 'Northbridge Better Care Fund');
  if (!partnership) throw new Error('the demo BCF partnership is missing');
  const detail = await client.query<{ memberOrgIds: number[] }>('partnerships.get', { id: partnership.id });
  const funds = await client.query<{ id: number; financialYear: string }[]>('funds.list', { partnershipId: partnership.id });
  const fund = funds.find((f) => f.financialYear === '2025/26');
  if (!fund) throw new Error('the demo 2025/26 fund is missing');
  const orgs = await client.query<{ id: number; name: string }[]>('orgs.list');
  const sources = await client.query<{ code: string }[]>('sources.list', { fundId: fund.id });
  const members = new Set(detail.memberOrgIds);
  return {
    file,
    fundId: fund.id,
    space: {
      partners: orgs.filter((o) => members.has(o.id)).map((o) => ({ id: o.id, name: o.name })),
      sources: sources.map((s) => s.code),
    },
  };
}

async function loadModel(client: HttpClient, fundId: number): Promise<Model> {
  return modelOf(await client.query<ContributionListRow[]>('contributions.list', { fundId }));
}

/**
 * `cycles` kills of the real server (`tsx server/cli.ts start`, signed in over HTTP as finance@demo.test) while it
 * answers batched edits and imports, each followed by a check of the database and a restart on the same file, in
 * which the session from before the kill must still be signed in. The caller provides an empty folder.
 */
export async function runServerCycles(dir: string, options: ServerCycleOptions): Promise<CrashStats> {
  const file = path.join(dir, 'server-crash.sqlite');
  const rng = seededRandom(options.seed);
  const stats = emptyStats();
  let app: AppProcess = await startApp(file);
  try {
    let client = new HttpClient(app.url);
    const signIn = await client.signIn('finance@demo.test', DEMO_PASSWORD);
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.text}`);
    const world = await demoWorld(client, file);
    let model = await loadModel(client, world.fundId);
    for (let cycle = 1; cycle <= options.cycles; cycle += 1) {
      const sinceRowid = (() => {
        const sqlite = new SQLite(file, { fileMustExist: true });
        try {
          return lastBatchRowid(sqlite);
        } finally {
          sqlite.close();
        }
      })();
      const run: RunRecord = { before: digestOf(model.values()), attempts: [] };
      const delay = options.minDelayMs + Math.floor(rng() * (options.maxDelayMs - options.minDelayMs));
      let killed = false;
      const killer = setTimeout(() => {
        killed = true;
        app.signal('SIGKILL');
      }, delay);
      try {
        for (;;) {
          const isImport = rng() < 0.25;
          const plan = isImport ? planImport(rng, model, world.space, 200) : planBatch(rng, model, world.space, 20);
          const input = isImport
            ? { ...(plan as ReturnType<typeof planImport>).input, fundId: world.fundId, fileName: `server-c${cycle}.csv` }
            : { fundId: world.fundId, changes: (plan as ReturnType<typeof planBatch>).changes };
          const attempt: Attempt = { label: null, events: plan.events, digest: digestOf(plan.after.values()), batchId: null };
          run.attempts.push(attempt);
          let reply;
          try {
            reply = await client.post(isImport ? 'contributions.import' : 'contributions.applyBatch', input);
          } catch (error) {
            if (killed) break;
            throw error;
          }
          const batchId = at(reply.json, 'result', 'data', 'batchId');
          if (reply.status !== 200 || typeof batchId !== 'string')
            throw new CrashViolation(`a write was refused: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
          attempt.batchId = batchId;
          try {
            model = await loadModel(client, world.fundId);
          } catch (error) {
            if (killed) break;
            throw error;
          }
        }
      } finally {
        clearTimeout(killer);
      }
      await app.exited;
      let verdict: RunVerdict;
      try {
        verdict = verifyRun(file, world.fundId, sinceRowid, run);
      } catch (error) {
        if (error instanceof CrashViolation) error.message = `server cycle ${cycle} (killed after ${delay} ms): ${error.message}`;
        throw error;
      }
      count(stats, verdict);
      app = await startApp(file);
      // The same cookie, a new process: sessions live in the database, so a restart signs nobody out.
      client = new HttpClient(app.url, client.cookie);
      const me = await client.query<{ user: { email: string } | null }>('auth.me');
      if (me.user?.email !== 'finance@demo.test')
        throw new CrashViolation(`server cycle ${cycle}: the session did not survive the restart`);
      model = await loadModel(client, world.fundId);
      if (digestOf(model.values()) !== digestOf(fundRowsOf(file, world.fundId)))
        throw new CrashViolation('the API and the database disagree after a restart');
    }
  } finally {
    await app.kill();
  }
  return stats;
}

function fundRowsOf(file: string, fundId: number): ModelRow[] {
  const sqlite = new SQLite(file, { fileMustExist: true });
  try {
    return fundRows(sqlite, fundId);
  } finally {
    sqlite.close();
  }
}
