// The bench's "grid" section (issue 18): the workload of a finance team on the grid (rows created 100 a request, single
// cell edits at fund sizes of 100, 2,400 and 20,000 rows, pages of 1,000 rows read) sent to the tracker as npm start
// serves it and to the bench's minimal server (tests/bench/minimal-server.ts), alternating phase by phase in each of
// three rounds (the order swapped each round); each figure is the median of the rounds, beside the minimal server's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchClient } from './client';
import {
  buildGridData,
  compileMinimalServer,
  createBatches,
  editSequence,
  FUND_ROWS,
  GRID_FULL,
  GRID_QUICK,
  PASSWORD,
  type EditRow,
  type GridData,
  type GridOptions,
} from './grid-data';
import { postgresFigures } from './grid-postgres';
import { firstPageScript, START, startToReady, trackerEnv } from './grid-start';
import { startCommandServer, type CommandServer } from './server';
import { median, percentiles, type Figure } from './stats';

const HOST = '127.0.0.1';
const PAGE = 1_000;
/** The fields of a row of contributions.list (the design's contract). */
const LIST_FIELDS = ['actualPence', 'id', 'note', 'orgId', 'plannedPence', 'quarter', 'source', 'version'];

interface Side {
  name: 'tracker' | 'minimal';
  client: BenchClient;
  server: CommandServer;
  /** Each edit fund's rows as this server last answered them (versions move on separately on each). */
  rows: Map<number, EditRow[]>;
}

const copyRows = (data: GridData) => new Map(data.editFunds.map((f) => [f.size, f.rows.map((r) => ({ ...r }))]));

/** A round's creates on one server: rows a second over the whole phase, and the server's CPU per 1,000 rows. */
async function creates(side: Side, funds: GridData['creates'][number]): Promise<{ perSecond: number; cpuPer1000: number }> {
  const batches = funds.flatMap((f) => createBatches(f.fundId, f.rows));
  const rows = batches.reduce((n, b) => n + b.changes.length, 0);
  const cpu = side.server.cpuMs();
  const started = performance.now();
  for (const batch of batches) {
    const reply = await side.client.mutate<{ rows: unknown[] }>('contributions.applyBatch', batch);
    if (reply.status !== 200 || reply.data?.rows.length !== batch.changes.length)
      throw new Error(`${side.name}: creating ${batch.changes.length} rows failed: ${reply.status} ${JSON.stringify(reply.error)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: rows / seconds, cpuPer1000: ((side.server.cpuMs() - cpu) / rows) * 1000 };
}

/** One cell edit as the grid sends it: a batch of one update of one field, with the version last seen. */
async function editCell(side: Side, fundId: number, row: EditRow): Promise<void> {
  const reply = await side.client.mutate<{ rows: EditRow[] }>('contributions.applyBatch', {
    fundId,
    changes: [{ op: 'update', id: row.id, version: row.version, values: { plannedPence: row.plannedPence + 1 } }],
  });
  const saved = reply.data?.rows[0];
  if (reply.status !== 200 || !saved)
    throw new Error(`${side.name}: editing row ${row.id} failed: ${reply.status} ${JSON.stringify(reply.error)}`);
  row.version = saved.version;
  row.plannedPence = saved.plannedPence;
}

/** A round's edits of one fund on one server: each edit's time, and the server's CPU per edit over the timed ones. */
async function edits(side: Side, fund: GridData['editFunds'][number], options: GridOptions, round: number) {
  const rows = side.rows.get(fund.size) ?? [];
  const sequence = editSequence(options.seed + round, fund.size, options.warmupEdits + options.edits);
  const at = (k: number) => rows[sequence[k] ?? 0] ?? { id: 0, plannedPence: 0, version: 0 };
  for (let k = 0; k < options.warmupEdits; k++) await editCell(side, fund.fundId, at(k));
  const samples: number[] = [];
  const cpu = side.server.cpuMs();
  for (let k = options.warmupEdits; k < sequence.length; k++) {
    const started = performance.now();
    await editCell(side, fund.fundId, at(k));
    samples.push(performance.now() - started);
  }
  return { ...percentiles(samples), cpuPerEdit: (side.server.cpuMs() - cpu) / samples.length };
}

interface ReadPlan {
  /** The query of the i-th read. */
  input: (i: number) => Record<string, number>;
  /** What a read reads, for the figure's name. */
  what: string;
}

/** A round's reads on one server: ms p50. */
async function reads(side: Side, plan: ReadPlan, count: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const reply = await side.client.query<unknown[]>('contributions.list', plan.input(i));
    if (reply.status !== 200 || !reply.data?.length) throw new Error(`${side.name}: reading rows failed: ${reply.status}`);
    samples.push(performance.now() - started);
  }
  return percentiles(samples).p50;
}

/** Pages of 1,000 rows of the biggest fund, on both servers; the rows must carry the list's fields and no more. */
async function readPlans(tracker: Side, data: GridData): Promise<{ tracker: ReadPlan; minimal: ReadPlan; note: string }> {
  const big = data.editFunds[data.editFunds.length - 1] ?? { fundId: 0, size: 0 };
  const paged: ReadPlan = {
    input: (i) => ({ fundId: big.fundId, offset: (i * PAGE) % Math.max(PAGE, big.size - PAGE + 1), limit: PAGE }),
    what: `1,000 rows (a page of the ${big.size.toLocaleString('en-GB')}-row fund)`,
  };
  const probe = await tracker.client.query<Record<string, unknown>[]>('contributions.list', paged.input(0));
  if (probe.status !== 200 || probe.data?.length !== PAGE)
    throw new Error(`contributions.list did not answer a page of ${PAGE} rows (${probe.status})`);
  const extra = Object.keys(probe.data[0] ?? {}).filter((k) => !LIST_FIELDS.includes(k));
  return { tracker: paged, minimal: paged, note: extra.length ? `paged; rows also carry ${extra.join(', ')}` : 'paged' };
}

/** Bytes a row of one read: the JSON as received (no Accept-Encoding), and on the wire when asking for br. */
async function bytesPerRow(side: Side, input: Record<string, number>) {
  const rows = (await side.client.query<unknown[]>('contributions.list', input)).data?.length ?? 0;
  const json = await side.client.wire('contributions.list', input, {});
  const br = await side.client.wire('contributions.list', input, { 'Accept-Encoding': 'br' });
  return { json: json.bytes / rows, wire: br.bytes / rows, encoding: br.encoding };
}

/** The grid section's figures; if it cannot run (a server that does not start), one figure saying why, so the rest of
 * the bench's figures are still printed. */
export async function gridSection(log: (text: string) => void): Promise<Figure[]> {
  return measureGrid(log).catch((error: unknown): Figure[] => [
    { name: 'Grid: the section', value: null, unit: '', note: `failed: ${error instanceof Error ? error.message : String(error)}` },
  ]);
}

async function measureGrid(log: (text: string) => void): Promise<Figure[]> {
  const quick = process.env.BENCH_QUICK === '1';
  const options = quick ? GRID_QUICK : GRID_FULL;
  const figures: Figure[] = [];
  const add = (figure: Figure) => figures.push({ ...figure, name: `Grid: ${figure.name}` });
  const minimalScript = await compileMinimalServer();

  log(`grid: start to ready when nothing changed (${START.label}), 3 times each, alternating`);
  const start = await startToReady(minimalScript, 3);
  const script = await firstPageScript();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-grid-'));
  const data = await buildGridData(dir, options);
  const giveUp = (error: unknown): never => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  };
  const tracker = await startCommandServer(START.argv, trackerEnv(data.trackerFile)).catch(giveUp);
  const idle = { tracker: tracker.rssMb(), processes: tracker.processes(), minimal: 0 };
  const minimal = await startCommandServer([process.execPath, minimalScript, data.minimalFile], { PORT: '0' }).catch(
    async (error: unknown) => giveUp(await tracker.stop().then(() => error)),
  );
  idle.minimal = minimal.rssMb();
  const sides: Side[] = [
    { name: 'tracker', client: new BenchClient(HOST, tracker.port), server: tracker, rows: copyRows(data) },
    { name: 'minimal', client: new BenchClient(HOST, minimal.port), server: minimal, rows: copyRows(data) },
  ];
  const [trk, min] = sides;
  if (!trk || !min) throw new Error('two sides');
  let after = { tracker: 0, minimal: 0 };
  const results = {
    creates: new Map<string, { perSecond: number; cpuPer1000: number }[]>(),
    edits: new Map<string, Awaited<ReturnType<typeof edits>>[]>(),
    reads: new Map<string, number[]>(),
  };
  const keep = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);
  let plans: Awaited<ReturnType<typeof readPlans>>;
  let bytes: { tracker: Awaited<ReturnType<typeof bytesPerRow>>; minimal: Awaited<ReturnType<typeof bytesPerRow>> };
  try {
    await trk.client.signIn(data.email, PASSWORD);
    plans = await readPlans(trk, data);
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? [trk, min] : [min, trk];
      const funds = data.creates[round] ?? [];
      log(`grid: round ${round + 1} of ${options.rounds} (${order.map((s) => s.name).join(' first, then ')})`);
      for (const side of order) keep(results.creates, side.name, await creates(side, funds));
      // Each round starts at another size, so no size always follows the creates (their writes settle for a while).
      const sizes = data.editFunds.map((_, i, all) => all[(i + round) % all.length] ?? all[i]);
      for (const fund of sizes) {
        if (!fund) continue;
        for (const side of order) keep(results.edits, `${side.name}:${fund.size}`, await edits(side, fund, options, round));
      }
      for (const side of order)
        keep(results.reads, side.name, await reads(side, side === trk ? plans.tracker : plans.minimal, options.reads));
    }
    bytes = { tracker: await bytesPerRow(trk, plans.tracker.input(0)), minimal: await bytesPerRow(min, plans.minimal.input(0)) };
    after = { tracker: tracker.rssMb(), minimal: minimal.rssMb() };
  } finally {
    for (const side of sides) side.client.close();
    await tracker.stop();
    await minimal.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const med = <T>(map: Map<string, T[]>, key: string, pick: (value: T) => number) => median((map.get(key) ?? []).map(pick));
  const rounds = `median of ${options.rounds} rounds`;
  for (const fund of data.editFunds) {
    const size = `${fund.size.toLocaleString('en-GB')}-row fund`;
    const edit = (name: 'tracker' | 'minimal', pick: (p: Awaited<ReturnType<typeof edits>>) => number) =>
      med(results.edits, `${name}:${fund.size}`, pick);
    const note = `${options.edits} edits a round after ${options.warmupEdits} untimed, ${rounds}`;
    add({
      name: `cell edit p50, ${size}`,
      value: edit('tracker', (p) => p.p50),
      minimal: edit('minimal', (p) => p.p50),
      unit: 'ms',
      target: { op: '<=', value: 1.5, of: 'ratio' },
      note,
    });
    add({ name: `cell edit p95, ${size}`, value: edit('tracker', (p) => p.p95), minimal: edit('minimal', (p) => p.p95), unit: 'ms', note });
    add({ name: `cell edit p99, ${size}`, value: edit('tracker', (p) => p.p99), minimal: edit('minimal', (p) => p.p99), unit: 'ms', note });
    add({
      name: `server CPU per cell edit, ${size}`,
      value: edit('tracker', (p) => p.cpuPerEdit),
      minimal: edit('minimal', (p) => p.cpuPerEdit),
      unit: 'ms',
      target: { op: '<=', value: 1 },
      note: `/proc ticks of 10 ms over ${options.edits} edits, summed over the server's processes; ${rounds}`,
    });
  }
  const smallest = data.editFunds[0]?.size ?? 0;
  const biggest = data.editFunds[data.editFunds.length - 1]?.size ?? 0;
  const p50 = (name: string, size: number) => med(results.edits, `${name}:${size}`, (p) => p.p50);
  add({
    name: `cell edit p50 at ${biggest.toLocaleString('en-GB')} rows / at ${smallest} rows${quick ? ' (quick: smaller biggest fund)' : ''}`,
    value: p50('tracker', biggest) / p50('tracker', smallest),
    unit: 'x',
    target: { op: '<=', value: 1.2 },
    note: `the minimal server's: ${(p50('minimal', biggest) / p50('minimal', smallest)).toFixed(2)}x`,
  });
  const created = (options.createRows * options.rounds).toLocaleString('en-GB');
  const createNote = `${options.createRows.toLocaleString('en-GB')} rows a round in funds of ${FUND_ROWS.toLocaleString('en-GB')}, ${created} in all; ${rounds}`;
  add({
    name: 'create rows, 100 a request, with the full audit',
    value: med(results.creates, 'tracker', (c) => c.perSecond),
    minimal: med(results.creates, 'minimal', (c) => c.perSecond),
    unit: 'rows/s',
    target: { op: '>=', value: 15_000 },
    note: createNote,
  });
  add({
    name: 'server CPU per 1,000 rows created',
    value: med(results.creates, 'tracker', (c) => c.cpuPer1000),
    minimal: med(results.creates, 'minimal', (c) => c.cpuPer1000),
    unit: 'ms',
    note: createNote,
  });
  add({
    name: `read ${plans.tracker.what}, p50`,
    value: med(results.reads, 'tracker', (v) => v),
    minimal: med(results.reads, 'minimal', (v) => v),
    unit: 'ms',
    target: { op: '<=', value: 2, of: 'ratio' },
    note: `${options.reads} reads a round, ${rounds}; ${plans.note}; the minimal server reads pages of 1,000`,
  });
  add({
    name: 'bytes a row read, JSON as received',
    value: bytes.tracker.json,
    minimal: bytes.minimal.json,
    unit: 'B',
    target: { op: '<=', value: 160 },
  });
  add({
    name: `bytes a row read, on the wire asking for br (${bytes.tracker.encoding ? `sent as ${bytes.tracker.encoding}` : 'not compressed'})`,
    value: bytes.tracker.wire,
    minimal: bytes.minimal.wire,
    unit: 'B',
    note: 'the minimal server never compresses',
  });
  const memoryNote = `VmRSS summed over the server's ${idle.processes} process(es) (${START.label})`;
  add({
    name: `server memory idle (right after start; ${idle.processes} process(es))`,
    value: idle.tracker,
    minimal: idle.minimal,
    unit: 'MB',
    target: { op: '<=', value: 90 },
    note: memoryNote,
  });
  add({
    name: `server memory after the grid section (${idle.processes} process(es))`,
    value: after.tracker,
    minimal: after.minimal,
    unit: 'MB',
    target: { op: '<=', value: 200 },
    note: memoryNote,
  });
  add({
    name: `start to ready, nothing changed (${START.label})`,
    value: start.trackerMs,
    minimal: start.minimalMs,
    unit: 'ms',
    target: { op: '<=', value: 1_500 },
    note: 'spawn to the "listening" log line, PORT=0, the second and later starts on one database file; median of 3',
  });
  add(
    typeof script === 'string'
      ? { name: "first page's script, gzipped", value: null, unit: 'kB', target: { op: '<=', value: 300 }, note: script }
      : {
          name: "first page's script, gzipped",
          value: script.gzip / 1000,
          unit: 'kB',
          target: { op: '<=', value: 300 },
          note: `${script.files.length} file(s), ${Math.round(script.raw / 1000)} kB before gzip`,
        },
  );
  // A failure there (a database that cannot be made) is reported as the figures' note, not the loss of the others.
  const onPostgres = await postgresFigures(log, quick).catch((error: unknown): Figure[] => [
    {
      name: 'PostgreSQL, concurrent edits',
      value: null,
      unit: '/s',
      note: `failed: ${error instanceof Error ? error.message : String(error)}`,
    },
  ]);
  for (const figure of onPostgres) add(figure);
  return figures;
}
