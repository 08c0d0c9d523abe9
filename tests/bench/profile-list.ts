// What a page of contributions.list costs in a large fund (issue 18, reading): builds a migrated database with one
// fund of 20,000 rows among others (partners named in an order unlike their ids), then times, alternating, a page of
// 1,000 rows at the start and at the end of the fund and the whole fund, through the repository the router calls,
// and prints the database's plan for a page. SQLite by default; a PostgreSQL administrator URL as the argument runs
// it on a new database made for the run and dropped after.
//
//   node --import tsx tests/bench/profile-list.ts [postgres://user:pass@host/postgres] [--rows 20000] [--reads 40] [--keep]
//
// OLD_LIST=/abs/path/to/a/copy/of/an/earlier/contribution.repository.ts times that copy's listContributionPage too, in
// the same rounds (before and after, side by side), and checks its whole list equals the pages read now.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { dialectOf, migrateToLatest, openDatabase, type DB } from '../../db/connection';
import { listContributionPage } from '../../db/repositories/contribution.repository';
import { random } from './prng';
import { percentiles } from './stats';
import { STREAMS_2025_26 } from '../support/streams';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { rows: { type: 'string', default: '20000' }, reads: { type: 'string', default: '40' }, keep: { type: 'boolean' } },
});
const ROWS = Number(args.rows);
const READS = Number(args.reads);
const PAGE = 1000;
const STREAMS = STREAMS_2025_26;
/** Other funds of the same partners, so the fund is not the whole table. */
const OTHER_FUNDS = 3;
/** Organisations that hold no row in the fund (the rest of a national database). */
const BYSTANDERS = 1500;
const WORDS = ['North', 'South', 'East', 'West', 'Care', 'Health', 'Trust', 'Borough', 'County', 'City', 'Hospice', 'Homes'];

async function openRunDatabase(adminUrl: string | undefined): Promise<{ db: DB; drop: () => Promise<void> }> {
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-list-'));
    const db = openDatabase(path.join(dir, 'bcf.sqlite'));
    return {
      db,
      drop: async () => (await db.destroy(), args.keep ? console.log(`kept ${dir}`) : fs.rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `bcf_list_${process.pid}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString());
  return {
    db,
    drop: async () => (
      await db.destroy(),
      args.keep ? console.log(`kept ${name}`) : await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    ),
  };
}

/** The fund under test and its neighbours; partners' names are shuffled against their ids. */
async function build(db: DB): Promise<number> {
  await migrateToLatest(db);
  const r = random(18);
  const at = new Date().toISOString();
  const partners = Math.ceil(ROWS / (STREAMS.length * 4));
  const names = Array.from({ length: partners + BYSTANDERS }, (_, i) => `${r.pick(WORDS)} ${r.pick(WORDS)} ${r.int(0, 1e6)}-${i}`);
  const orgIds: number[] = [];
  for (let i = 0; i < names.length; i += 500) {
    const rows = names.slice(i, i + 500).map((name) => ({ name, sector: 'other' as const, kind: 'Care provider', createdAt: at }));
    orgIds.push(...(await db.insertInto('organisation').values(rows).returning('id').execute()).map((o) => o.id));
  }
  const { id: partnershipId } = await db
    .insertInto('partnership')
    .values({ name: 'List bench', area: 'Bench', arrangement: 'pooled_fund', hostOrgId: orgIds[0] ?? null, notes: '', createdAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const fundIds: number[] = [];
  for (let f = 0; f <= OTHER_FUNDS; f++) {
    const fund = await db
      .insertInto('fund')
      .values({ partnershipId, name: `Fund ${f}`, financialYear: '2025/26', bcfYear: '2025/26', createdAt: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    fundIds.push(fund.id);
  }
  for (const fundId of fundIds) {
    // Rows written partner by partner in a scrambled stream order, as a grid fills up over a year.
    const rows = [];
    for (const orgId of orgIds.slice(0, partners)) {
      for (const source of [...STREAMS].reverse()) {
        for (const quarter of [3, 1, 4, 2]) {
          if (rows.length < ROWS)
            rows.push({
              fundId,
              orgId,
              source,
              quarter,
              plannedPence: r.int(0, 1e9),
              actualPence: 0,
              note: '',
              version: 1,
              updatedAt: at,
              updatedBy: null,
            });
        }
      }
    }
    for (let i = 0; i < rows.length; i += 1000)
      await db
        .insertInto('contribution')
        .values(rows.slice(i, i + 1000))
        .execute();
  }
  await sql`ANALYZE`.execute(db);
  return fundIds[0] ?? 0;
}

/** The database's plan for the query a page sends, caught on its way to the database by a plugin. */
async function plan(db: DB, page: { fundId: number; offset: number; limit: number }): Promise<string> {
  let caught: CompiledQuery | undefined;
  const catching = db.withPlugin({
    transformQuery: (a) => {
      caught = db.getExecutor().compileQuery(a.node, a.queryId);
      return a.node;
    },
    transformResult: async (a) => a.result,
  });
  await listContributionPage(catching, page);
  if (!caught) throw new Error('the page sent no query');
  const postgres = dialectOf(db) === 'postgres';
  const prefix = postgres ? 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ' : 'EXPLAIN QUERY PLAN ';
  const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + caught.sql, [...caught.parameters]));
  return rows.map((row) => String(postgres ? row['QUERY PLAN'] : row.detail)).join('\n');
}

async function main(): Promise<void> {
  const { db: plain, drop } = await openRunDatabase(positionals[0]);
  try {
    const fundId = await build(plain);
    console.log(`${dialectOf(plain)}: a fund of ${ROWS} rows (${Math.ceil(ROWS / 32)} partners), ${OTHER_FUNDS} others`);
    const cases: [string, () => Promise<unknown>][] = [
      ['page at offset 0', () => listContributionPage(plain, { fundId, offset: 0, limit: PAGE })],
      [`page at offset ${ROWS - PAGE}`, () => listContributionPage(plain, { fundId, offset: ROWS - PAGE, limit: PAGE })],
      ['whole fund', () => listContributionPage(plain, { fundId })],
    ];
    if (process.env.OLD_LIST) {
      const old = (await import(process.env.OLD_LIST)) as { listContributionPage: typeof listContributionPage };
      cases.push(
        ['BEFORE page at 0', () => old.listContributionPage(plain, { fundId, offset: 0, limit: PAGE })],
        [`BEFORE page at ${ROWS - PAGE}`, () => old.listContributionPage(plain, { fundId, offset: ROWS - PAGE, limit: PAGE })],
        ['BEFORE whole fund', () => old.listContributionPage(plain, { fundId })],
      );
      const all = JSON.stringify(await old.listContributionPage(plain, { fundId }));
      const pages = [];
      for (let offset = 0; offset < ROWS; offset += PAGE)
        pages.push(...(await listContributionPage(plain, { fundId, offset, limit: PAGE })));
      console.log(
        'pages joined equal the old whole list:',
        JSON.stringify(pages) === all,
        'whole list equal:',
        JSON.stringify(await listContributionPage(plain, { fundId })) === all,
      );
    }
    const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    for (const [, run] of cases) await run();
    for (let i = 0; i < READS; i++) {
      for (const [name, run] of cases) {
        const started = performance.now();
        await run();
        times.get(name)?.push(performance.now() - started);
      }
    }
    for (const offset of [0, ROWS - PAGE])
      console.log(`plan of a page at offset ${offset}:\n${await plan(plain, { fundId, offset, limit: PAGE })}`);
    for (const [name, samples] of times) {
      const p = percentiles(samples);
      console.log(`${name.padEnd(22)} p50 ${p.p50.toFixed(2)} ms  p95 ${p.p95.toFixed(2)} ms`);
    }
  } finally {
    await drop();
  }
}

await main();
