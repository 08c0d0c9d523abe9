// `npm run bench`: builds the national dataset (153 Health and Wellbeing Boards x 10 years, about a million expenditure
// lines) into a temporary database, then measures the real server over HTTP and in Chromium against the targets of
// issue 8, prints the table and writes bench/results.json. Figures, not pass/fail: correctness is the tests' job.
// BENCH_QUICK=1 uses a tenth of the data (for working on the bench itself); BCF_SKIP_BUILD=1 reuses dist/client.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/connection';
import { createUser } from '../../server/services/users';
import { browserFigures } from './browser';
import { BenchClient } from './client';
import { FULL_SIZE, generateDataset, type DatasetOptions } from './dataset';
import { concurrentEdits, editableRows, rawFloorEdits, sequentialEdits, type Editor } from './edits';
import { liveDelivery, type Viewer } from './live';
import { csvBytes, importFile, importRows, rawInsert, xlsxBytes } from './imports';
import { random } from './prng';
import { startBenchServer } from './server';
import { gridSection } from './grid';
import { closingLines, formatTable, isMet, percentiles, timeRuns, type Figure } from './stats';

const QUICK: DatasetOptions = { ...FULL_SIZE, partnerships: 30, icbs: 10, importPartners: 100, importFunds: 2 };
const options = process.env.BENCH_QUICK === '1' ? QUICK : FULL_SIZE;
const PASSWORD = 'bench-password-not-secret';
const CONCURRENT_CLIENTS = 20;
const HOST = '127.0.0.1';

const started = performance.now();
const log = (text: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${text}`);

// BENCH_ONLY=grid: the grid section alone, without the national dataset (for working on it); results not written.
if (process.env.BENCH_ONLY === 'grid') {
  const grid = await gridSection(log);
  console.log(`\n${formatTable(grid)}\n\n${closingLines(grid)}`);
  log('done');
  process.exit(0);
}
const figures: Figure[] = [];
const add = (figure: Figure) => figures.push(figure);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-bench-'));
const file = path.join(dir, 'national.sqlite');
log(`generating the national dataset into ${file}`);
const data = await generateDataset(file, options);
log(
  `generated in ${data.seconds.toFixed(1)} s: ${Object.entries(data.counts)
    .map(([k, v]) => `${v.toLocaleString('en-GB')} ${k}`)
    .join(', ')}`,
);

// The people the bench signs in as, created through the real user service (scrypt-hashed passwords).
const db = openDatabase(file);
const person = async (email: string, role: 'admin' | 'finance_officer', orgIds: number[]) =>
  (await createUser(db, { userId: null }, { email, name: email.split('@')[0] ?? email, role, orgIds, password: PASSWORD })).user;
const admin = await person('admin@bench.example', 'admin', []);
const officer = await person('finance@bench.example', 'finance_officer', [data.typical.councilOrgId]);
const others = data.councils
  .filter((c) => c.fundId !== data.typical.fundId && c.fundId !== data.bigFund.fundId)
  .slice(0, CONCURRENT_CLIENTS);
const editors: Editor[] = [];
for (const [i, council] of others.entries()) {
  const user = await person(`finance${i + 1}@bench.example`, 'finance_officer', [council.orgId]);
  editors.push({ email: user.email, password: PASSWORD, userId: user.id, fundId: council.fundId, orgId: council.orgId });
}
// The live section's viewers: each editor watches their own fund, and three more people of each of ten of those
// partnerships watch theirs, so 50 streams over 20 funds, each of another partnership than most edits.
const viewers: Viewer[] = editors.map((e) => ({ email: e.email, password: PASSWORD, fundId: e.fundId }));
for (let i = 0; i < 30; i++) {
  const council = others[i % 10];
  if (!council) break;
  const user = await person(`viewer${i + 1}@bench.example`, 'finance_officer', [council.orgId]);
  viewers.push({ email: user.email, password: PASSWORD, fundId: council.fundId });
}
await db.destroy();

if (process.env.BCF_SKIP_BUILD !== '1' || !fs.existsSync('dist/client/index.html')) {
  log('building the client (vite build)');
  execFileSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

const server = await startBenchServer(file);
const base = `http://${HOST}:${server.port}`;
log(`server listening on ${base} (pid ${server.pid}, ${server.memory().rssMb} MB)`);
try {
  const finance = new BenchClient(HOST, server.port);
  await finance.signIn(officer.email, PASSWORD);
  const national = new BenchClient(HOST, server.port);
  await national.signIn(admin.email, PASSWORD);

  // 1. One person's cell edits, and the same database work done raw.
  const transport = percentiles(await timeRuns(500, 50, () => finance.query('auth.me')));
  const rows = await editableRows(finance, data.typical.fundId, data.typical.councilOrgId);
  log(`editing: 2,000 edits over HTTP of ${rows.length} rows of fund ${data.typical.fundId}`);
  const edits = percentiles(await sequentialEdits(finance, rows, 2_000, 200));
  const floor = percentiles(
    rawFloorEdits(
      file,
      rows.map((r) => r.id),
      officer.id,
      2_000,
      200,
    ),
  );
  add({ name: 'Cell edit over HTTP, p50', value: edits.p50, unit: 'ms', target: { op: '<=', value: 2 }, note: `${edits.n} edits` });
  add({ name: 'Cell edit over HTTP, p95', value: edits.p95, unit: 'ms' });
  add({ name: 'Cell edit over HTTP, p99', value: edits.p99, unit: 'ms', target: { op: '<=', value: 10 } });
  add({ name: 'Same edit raw in better-sqlite3 (floor), p50', value: floor.p50, unit: 'ms' });
  add({ name: 'Same edit raw in better-sqlite3 (floor), p99', value: floor.p99, unit: 'ms' });
  add({ name: 'Edit p50 / floor p50', value: edits.p50 / floor.p50, unit: 'x', target: { op: '<=', value: 5 } });
  add({ name: 'HTTP round trip of auth.me (transport + session), p50', value: transport.p50, unit: 'ms' });

  // 2. Twenty people editing at once.
  log(`editing: ${CONCURRENT_CLIENTS} clients for 10 s`);
  const concurrent = await concurrentEdits(HOST, server.port, file, editors, 10, server.cpuMs);
  add({
    name: `${concurrent.clients} concurrent clients, edits per second`,
    value: concurrent.perSecond,
    unit: '/s',
    target: { op: '>=', value: 2_000 },
    note: `${concurrent.confirmed} edits in ${concurrent.seconds.toFixed(1)} s`,
  });
  add({
    name: 'Server CPU time per edit (concurrent phase)',
    value: concurrent.serverCpuMs / concurrent.confirmed,
    unit: 'ms',
    note: 'one event loop: edits/s cannot exceed 1,000 / this, with a core to itself',
  });
  add({ name: `${concurrent.clients} concurrent clients, errors`, value: concurrent.errors, unit: '', target: { op: '=', value: 0 } });
  add({
    name: `${concurrent.clients} concurrent clients, lost edits`,
    value: concurrent.lost + concurrent.unexpectedEvents,
    unit: '',
    target: { op: '=', value: 0 },
    note: `${concurrent.lost} confirmed edits missing from the rows or the audit, ${concurrent.unexpectedEvents} audit events no edit accounts for`,
  });

  // 2b. Others' work live: 50 open event streams while the 20 clients edit.
  log(`live: ${viewers.length} event streams open while ${CONCURRENT_CLIENTS} clients edit for 5 s`);
  const rssBeforeLive = server.memory().rssMb;
  const live = await liveDelivery(HOST, server.port, editors, viewers, 5);
  const delay = percentiles(live.latencies);
  add({
    name: 'Live: edits delivered to every viewer of their fund',
    value: live.delivered,
    unit: '',
    target: { op: '>=', value: live.expected },
    note: `${live.edits} edits, ${live.streams} streams: ${live.expected} deliveries expected`,
  });
  add({ name: 'Live: deliveries to a stream of another fund', value: live.wrong, unit: '', target: { op: '=', value: 0 } });
  add({ name: 'Live: delivery from edit reply to event, p50', value: delay.p50, unit: 'ms' });
  add({ name: 'Live: delivery from edit reply to event, p95', value: delay.p95, unit: 'ms', target: { op: '<=', value: 1_000 } });
  add({ name: 'Server RSS before the live streams', value: rssBeforeLive, unit: 'MB' });
  add({ name: 'Server RSS after the live streams', value: server.memory().rssMb, unit: 'MB' });

  // 3. Reads a person waits for.
  log('reading: fund summary, dashboard, national rollup');
  const summary = percentiles(
    await timeRuns(200, 20, () => finance.must(finance.query('funds.summary', { fundId: data.typical.fundId }), 'summary')),
  );
  const board = percentiles(
    await timeRuns(200, 20, () => finance.must(finance.query('reports.board', { partnershipId: data.typical.partnershipId }), 'board')),
  );
  const rollupYear = percentiles(
    await timeRuns(50, 5, () => national.must(national.query('national.rollup', { financialYear: '2025/26' }), 'rollup')),
  );
  const rollupAll = percentiles(await timeRuns(20, 3, () => national.must(national.query('national.rollup', {}), 'rollup')));
  const planBig = percentiles(
    await timeRuns(10, 2, () => national.must(national.query('schemes.plan', { fundId: data.bigFund.fundId }), 'plan')),
  );
  const middlePage = percentiles(
    await timeRuns(20, 2, (i) =>
      national.must(
        national.query('national.lines', { offset: 100_000 + i * 100, limit: 100, sort: { column: 'plannedPence', direction: 'desc' } }),
        'lines',
      ),
    ),
  );
  add({ name: 'funds.summary (one fund), p50', value: summary.p50, unit: 'ms' });
  add({ name: 'funds.summary (one fund), p95', value: summary.p95, unit: 'ms', target: { op: '<=', value: 50 } });
  add({ name: 'reports.board (partnership dashboard), p50', value: board.p50, unit: 'ms' });
  add({ name: 'reports.board (partnership dashboard), p95', value: board.p95, unit: 'ms', target: { op: '<=', value: 50 } });
  add({ name: 'national.rollup by scheme type, 2025/26, p50', value: rollupYear.p50, unit: 'ms' });
  add({ name: 'national.rollup by scheme type, 2025/26, p95', value: rollupYear.p95, unit: 'ms', target: { op: '<=', value: 300 } });
  add({ name: 'national.rollup by scheme type, all 10 years, p95', value: rollupAll.p95, unit: 'ms', target: { op: '<=', value: 300 } });
  add({ name: 'national.lines, 100 rows at offset 100,000 by plan, p50', value: middlePage.p50, unit: 'ms' });
  add({ name: `schemes.plan of the ${data.bigFund.lines.toLocaleString('en-GB')}-line fund, p50`, value: planBig.p50, unit: 'ms' });
  add({ name: 'Server RSS after edits and reads', value: server.memory().rssMb, unit: 'MB' });

  // 4. Imports: files at contributions.import's cap, read by the import dialog's own functions.
  const r = random(options.seed + 1);
  const sourceNames = [
    'NHS minimum contribution',
    'Local Authority BCF (iBCF)',
    'Disabled Facilities Grant',
    'Discharge fund (LA)',
    'Discharge fund (ICB)',
    'Additional LA contribution',
    'Additional ICB contribution',
    'Carry-forward of underspend',
    'Partner contribution',
    'Other',
  ];
  const pool = data.importPool;
  const files = pool.csvFundIds.map(() => importRows(r, pool.partnerNames, sourceNames));
  const totalRows = files.reduce((n, f) => n + f.length, 0);
  log(
    `importing: ${files.length} CSV files and ${files.length} .xlsx files of ${files[0]?.length.toLocaleString('en-GB')} rows (writing the workbooks first)`,
  );
  const workbooks = await Promise.all(files.map((rows) => xlsxBytes(rows)));
  const importAll = async (kind: 'csv' | 'xlsx') => {
    let ms = 0;
    let parseMs = 0;
    for (const [i, rows] of files.entries()) {
      const fundId = (kind === 'csv' ? pool.csvFundIds : pool.xlsxFundIds)[i] ?? 0;
      const timing = await importFile(
        national,
        fundId,
        `contributions-${i + 1}.${kind}`,
        kind === 'csv' ? csvBytes(rows) : (workbooks[i] ?? new ArrayBuffer(0)),
      );
      ms += timing.parseMs + timing.importMs;
      parseMs += timing.parseMs;
    }
    return { ms, parseMs };
  };
  const csv = await importAll('csv');
  const xlsx = await importAll('xlsx');
  const raw = rawInsert(file, pool.rawFundIds, files);
  const rawAudited = rawInsert(file, pool.rawAuditedFundIds, files, true);
  const perSecond = (rowsDone: number, ms: number) => (rowsDone / ms) * 1000;
  const rawRate = perSecond(raw.rows, raw.ms);
  const note = `${files.length} files of ${files[0]?.length ?? 0} rows (contributions.import takes at most 20,000 a call), each one audited batch`;
  add({
    name: `Import ${totalRows.toLocaleString('en-GB')} lines from CSV`,
    value: perSecond(totalRows, csv.ms),
    unit: 'rows/s',
    target: { op: '>=', value: 50_000 },
    note,
  });
  add({ name: '  of which reading the CSV files', value: csv.parseMs, unit: 'ms' });
  add({
    name: `Import ${totalRows.toLocaleString('en-GB')} lines from .xlsx`,
    value: perSecond(totalRows, xlsx.ms),
    unit: 'rows/s',
    target: { op: '>=', value: 50_000 },
    note,
  });
  add({ name: '  of which reading the workbooks', value: xlsx.parseMs, unit: 'ms' });
  add({ name: 'Raw bulk insert of the same rows (no checks, no audit)', value: rawRate, unit: 'rows/s' });
  add({ name: 'Raw bulk insert with the same audit events (7 a row)', value: perSecond(rawAudited.rows, rawAudited.ms), unit: 'rows/s' });
  add({ name: 'CSV import rate / raw insert rate', value: perSecond(totalRows, csv.ms) / rawRate, unit: 'x' });
  add({ name: '.xlsx import rate / raw insert rate', value: perSecond(totalRows, xlsx.ms) / rawRate, unit: 'x' });

  // 5. The browser.
  log('browser: the Plan page of the big fund, and /national');
  const browser = await browserFigures(base, { email: admin.email, password: PASSWORD }, data.bigFund);
  if (typeof browser === 'string') {
    for (const name of [
      'Plan page, first rows',
      'Plan page, totals row',
      '/national, first rows',
      '/national, rows after jumping to the middle',
    ])
      add({ name, value: null, unit: 'ms', note: browser });
  } else {
    const lines = data.bigFund.lines.toLocaleString('en-GB');
    add({
      name: `Plan page of a ${lines}-line fund, first rows`,
      value: browser.planFirstRowsMs,
      unit: 'ms',
      target: { op: '<=', value: 500 },
    });
    add({ name: `Plan page of a ${lines}-line fund, totals row with the full total`, value: browser.planTotalsMs, unit: 'ms' });
    add({
      name: `/national (${browser.nationalTotal.toLocaleString('en-GB')} lines), first rows`,
      value: browser.nationalFirstRowsMs,
      unit: 'ms',
    });
    add({ name: '/national, rows after jumping to the middle', value: browser.nationalMiddleMs, unit: 'ms' });
  }
  const memory = server.memory();
  add({ name: 'Server RSS at full size, at the end', value: memory.rssMb, unit: 'MB', target: { op: '<=', value: 300 } });
  add({ name: 'Server RSS, peak (during the 20,000-row imports)', value: memory.peakMb, unit: 'MB' });
  finance.close();
  national.close();
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
figures.push(...(await gridSection(log)));

const table = formatTable(figures);
console.log(`\n${table}\n`);
console.log(closingLines(figures));
fs.mkdirSync('bench', { recursive: true });
fs.writeFileSync(
  'bench/results.json',
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? '',
        memoryMb: Math.round(os.totalmem() / 2 ** 20),
        load: os.loadavg(),
      },
      node: process.version,
      dataset: data.counts,
      seconds: (performance.now() - started) / 1000,
      figures: figures.map((f) => ({ ...f, met: isMet(f) })),
    },
    null,
    2,
  )}\n`,
);
log('wrote bench/results.json');
