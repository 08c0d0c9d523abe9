// Where a cell edit's time goes at each fund size (issue 18, point 1): builds one partnership with funds of 100, 2,400
// and 20,000 contributions through the real API (creates in requests of 100, which it times too), then runs the real
// server once per fund size under Node's CPU profiler, does a few hundred single-cell edits the way the grid sends them
// (contributions.applyBatch with one update), reads 1,000 rows, and prints the functions with the most self time
// during the edits. An edit whose cost grows with the fund shows up as a function that climbs from size to size.
//
//   node --import tsx tests/bench/profile-edits.ts [--sizes 100,2400,20000] [--edits 300] [--keep DIR]
//
// The profiles (.cpuprofile, JSON) stay in the output directory for a closer look; they are never committed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase } from '../../db/connection';
import { createUser } from '../../server/services/users';
import { BenchClient } from './client';
import { startBenchServer, type BenchServer } from './server';
import { percentiles } from './stats';
import { STREAMS_2025_26 } from '../support/streams';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,2400,20000' },
    edits: { type: 'string', default: '300' },
    keep: { type: 'string' },
  },
});
const SIZES = (args.sizes ?? '').split(',').map(Number);
const EDITS = Number(args.edits);
const WARMUP = 50;
const PASSWORD = 'profile-edits password 1';
const STREAMS = STREAMS_2025_26;
const ROWS_PER_PARTNER = STREAMS.length * 4;
const API_LIST_LIMIT = 100;
const PARTNERS = Math.ceil(Math.max(...SIZES) / ROWS_PER_PARTNER);

type Row = { id: number; orgId: number; plannedPence: number; version: number };

/** Sum of self time (ms) per function, for the samples taken between `from` and `to` (monotonic µs, as the profile's). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function selfTimes(profile: CpuProfile, from: number, to: number): { total: number; top: [string, number][] } {
  const frame = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const sums = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from || at > to) continue;
    const f = frame.get(profile.samples[i] ?? -1);
    if (!f || f.functionName === '(idle)') continue;
    const where = f.url ? `${f.url.replace(/^file:\/\/.*?\/(node_modules|db|server|shared)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`;
    sums.set(key, (sums.get(key) ?? 0) + delta / 1000);
    total += delta / 1000;
  }
  return { total, top: [...sums].sort((a, b) => b[1] - a[1]).slice(0, 25) };
}

const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

async function serverFor(file: string, profileDir: string | null, name: string): Promise<BenchServer> {
  // Node names each thread's profile CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: the server's own is thread 0 (the
  // others are the TypeScript loader's), so each server gets a directory of its own.
  const into = profileDir ? path.join(profileDir, name) : null;
  process.env.BENCH_SERVER_FLAGS = into ? `--cpu-prof --cpu-prof-dir=${into}` : '';
  return startBenchServer(file);
}

async function signedIn(server: BenchServer, email: string): Promise<BenchClient> {
  const client = new BenchClient('127.0.0.1', server.port);
  await client.signIn(email, PASSWORD);
  return client;
}

/** Partners, one partnership holding them all, and one 2025/26 fund per size, as an administrator. */
async function buildStructure(admin: BenchClient): Promise<{ orgIds: number[]; fundIds: number[]; partnershipId: number }> {
  const orgIds: number[] = [];
  for (let i = 0; i < PARTNERS; i++) {
    const org = await admin.must(
      admin.mutate<{ id: number }>('orgs.create', {
        name: `Partner ${String(i).padStart(4, '0')}`,
        sector: i % 2 ? 'health' : 'social_care',
      }),
      'orgs.create',
    );
    orgIds.push(org.id);
  }
  const partnership = await admin.must(
    admin.mutate<{ id: number }>('partnerships.create', {
      name: 'Profiled BCF',
      arrangement: 'pooled_fund',
      memberOrgIds: orgIds.slice(0, API_LIST_LIMIT),
    }),
    'partnerships.create',
  );
  const fundIds: number[] = [];
  for (const size of SIZES) {
    const fund = await admin.must(
      admin.mutate<{ id: number }>('funds.create', { partnershipId: partnership.id, name: `Fund of ${size}`, financialYear: '2025/26' }),
      'funds.create',
    );
    fundIds.push(fund.id);
  }
  return { orgIds, fundIds, partnershipId: partnership.id };
}

/** A partnership and a person hold at most 100 organisations through the API; a fund of 20,000 rows needs 625 partners
 * (one row per partner, source and quarter), so the rest are written straight in, as a fixture. */
async function addMembersDirectly(file: string, partnershipId: number, orgIds: number[]): Promise<void> {
  const db = openDatabase(file);
  await createUser(
    db,
    { userId: null },
    {
      email: 'finance@profile.test',
      name: 'Finance',
      role: 'finance_officer',
      orgIds: orgIds.slice(0, API_LIST_LIMIT),
      password: PASSWORD,
    },
  );
  const user = await db.selectFrom('appUser').select('id').where('email', '=', 'finance@profile.test').executeTakeFirstOrThrow();
  const rest = orgIds.slice(API_LIST_LIMIT);
  if (rest.length) {
    await db
      .insertInto('partnershipMember')
      .values(rest.map((orgId) => ({ partnershipId, orgId })))
      .execute();
    await db
      .insertInto('userOrg')
      .values(rest.map((orgId) => ({ userId: user.id, orgId })))
      .execute();
  }
  await db.destroy();
}

/** `size` rows into a fund, 100 a request; rows a second and the server's CPU per 1,000 rows. */
async function fill(client: BenchClient, server: BenchServer, fundId: number, orgIds: number[], size: number) {
  const values = Array.from({ length: size }, (_, i) => ({
    orgId: orgIds[Math.floor(i / ROWS_PER_PARTNER)] ?? 0,
    source: STREAMS[Math.floor(i / 4) % STREAMS.length] ?? 'other',
    quarter: (i % 4) + 1,
    plannedPence: 100_000 + i,
    actualPence: 0,
    note: '',
  }));
  const cpu = server.cpuMs();
  const start = performance.now();
  for (let i = 0; i < values.length; i += 100) {
    const changes = values.slice(i, i + 100).map((v) => ({ op: 'create', values: v }));
    await client.must(client.mutate('contributions.applyBatch', { fundId, changes }), 'contributions.applyBatch (create)');
  }
  const seconds = (performance.now() - start) / 1000;
  return { rowsPerSecond: Math.round(size / seconds), cpuPer1000: Math.round(((server.cpuMs() - cpu) / size) * 1000) };
}

async function edits(client: BenchClient, server: BenchServer, fundId: number) {
  const reply = await client.must(client.query<Row[]>('contributions.list', { fundId }), 'contributions.list');
  const rows = reply.slice(0, 200);
  const one = async (i: number) => {
    const row = rows[i % rows.length];
    if (!row) throw new Error('no rows');
    const change = { op: 'update', id: row.id, version: row.version, values: { plannedPence: row.plannedPence + 1 } };
    const saved = await client.must(client.mutate<{ rows: Row[] }>('contributions.applyBatch', { fundId, changes: [change] }), 'edit');
    const after = saved.rows[0];
    if (!after) throw new Error('edit returned no row');
    row.plannedPence = after.plannedPence;
    row.version = after.version;
  };
  for (let i = 0; i < WARMUP; i++) await one(i);
  const cpu = server.cpuMs();
  const from = nowMicros();
  const samples: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const start = performance.now();
    await one(WARMUP + i);
    samples.push(performance.now() - start);
  }
  const to = nowMicros();
  const cpuPerEdit = (server.cpuMs() - cpu) / EDITS;
  // A page of 1,000 rows, or the whole fund where the server does not page (bytes a row from the JSON).
  const readStart = performance.now();
  let page = await client.query<Row[]>('contributions.list', { fundId, offset: 0, limit: 1000 });
  if (page.status === 400) page = await client.query<Row[]>('contributions.list', { fundId });
  const readMs = performance.now() - readStart;
  const bytesPerRow = Math.round(JSON.stringify(page.data ?? []).length / Math.max(1, page.data?.length ?? 1));
  return { ...percentiles(samples), cpuPerEdit, from, to, readMs, rowsRead: page.data?.length ?? 0, bytesPerRow, status: page.status };
}

const dir = args.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-profile-'));
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'profile.sqlite');
// With --keep on a directory that already holds the database, the edits run on it again (its funds found by name).
const fundIds = fs.existsSync(file) ? await existingFunds(file) : await buildDatabase(file);

async function existingFunds(file: string): Promise<number[]> {
  const db = openDatabase(file);
  const funds = await db.selectFrom('fund').select(['id', 'name']).execute();
  await db.destroy();
  return SIZES.map((size) => funds.find((f) => f.name === `Fund of ${size}`)?.id ?? 0);
}

async function buildDatabase(file: string): Promise<number[]> {
  const db = openDatabase(file);
  await migrateToLatest(db);
  await createUser(db, { userId: null }, { email: 'admin@profile.test', name: 'Admin', role: 'admin', orgIds: [], password: PASSWORD });
  await db.destroy();
  const setup = await serverFor(file, null, 'setup');
  const admin = await signedIn(setup, 'admin@profile.test');
  const { orgIds, fundIds, partnershipId } = await buildStructure(admin);
  admin.close();
  await setup.stop();
  await addMembersDirectly(file, partnershipId, orgIds);
  const creating = await serverFor(file, null, 'create');
  const finance = await signedIn(creating, 'finance@profile.test');
  for (const [i, size] of SIZES.entries()) {
    const result = await fill(finance, creating, fundIds[i] ?? 0, orgIds, size);
    console.log(`create ${size} rows, 100 a request: ${result.rowsPerSecond} rows/s, server CPU ${result.cpuPer1000} ms per 1,000 rows`);
  }
  finance.close();
  await creating.stop();
  return fundIds;
}

for (const [i, size] of SIZES.entries()) {
  const name = `edits-${size}`;
  const server = await serverFor(file, dir, name);
  const client = await signedIn(server, 'finance@profile.test');
  const r = await edits(client, server, fundIds[i] ?? 0);
  client.close();
  await server.stop();
  console.log(
    `\nfund of ${size}: edit p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, server CPU ${r.cpuPerEdit.toFixed(2)} ms an edit; ` +
      `read ${r.rowsRead} rows (status ${r.status}) in ${r.readMs.toFixed(1)} ms, ${r.bytesPerRow} bytes a row`,
  );
  const mainThread = fs.readdirSync(path.join(dir, name)).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (!mainThread) throw new Error(`no profile of the server's main thread in ${path.join(dir, name)}`);
  const profile = JSON.parse(fs.readFileSync(path.join(dir, name, mainThread), 'utf8')) as CpuProfile;
  const { total, top } = selfTimes(profile, r.from, r.to);
  console.log(`  self time during the ${EDITS} edits: ${total.toFixed(0)} ms (${(total / EDITS).toFixed(2)} ms an edit)`);
  for (const [fn, ms] of top) console.log(`  ${(ms / EDITS).toFixed(3).padStart(7)} ms/edit  ${fn}`);
}
console.log(`\nprofiles and database in ${dir}`);
