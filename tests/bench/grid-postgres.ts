// The grid section on PostgreSQL (issue 18: "2,000 concurrent edits a second with several processes, zero lost"): a
// fresh database made for the run (BCF_BENCH_POSTGRES_URL, an administrator's URL) and dropped after, filled by the
// grid's own fixture copied from SQLite as `npm run db:copy` copies; npm start's server with BCF_WORKERS=2; 20 people
// each editing their own fund's cells as fast as it answers; then every confirmed edit is looked for in the rows and
// the audit log.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../../db/connection';
import { copyDatabase } from '../../db/copy';
import { createUser } from '../../server/services/users';
import { BenchClient } from './client';
import { buildGridData, GRID_FULL, PASSWORD, type EditRow } from './grid-data';
import { START, trackerEnv } from './grid-start';
import { startCommandServer } from './server';
import type { Figure } from './stats';

const CLIENTS = 20;
const WORKERS = '2';

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

interface Confirmed {
  id: number;
  version: number;
  value: number;
}

/** Confirmed edits missing from the rows (the last of each row) or without exactly one audit event each, and audit
 * events no confirmed edit accounts for. */
async function lostEdits(url: string, confirmed: Confirmed[], marker: number): Promise<{ lost: number; unexpected: number }> {
  const db = openDatabase(url);
  try {
    const events = await db
      .selectFrom('auditEvent')
      .select(['entityId', 'versionAfter', 'newValue'])
      .where('id', '>', marker)
      .where('entity', '=', 'contribution')
      .where('field', '=', 'plannedPence')
      .execute();
    const counts = new Map<string, number>();
    for (const e of events)
      counts.set(`${e.entityId}:${e.versionAfter}:${e.newValue}`, (counts.get(`${e.entityId}:${e.versionAfter}:${e.newValue}`) ?? 0) + 1);
    const matched = confirmed.filter((c) => counts.get(`${c.id}:${c.version}:${JSON.stringify(c.value)}`) === 1).length;
    let lost = confirmed.length - matched;
    const last = new Map(confirmed.map((c) => [c.id, c]));
    const rows = last.size
      ? await db
          .selectFrom('contribution')
          .select(['id', 'plannedPence', 'version'])
          .where('id', 'in', [...last.keys()])
          .execute()
      : [];
    for (const row of rows) {
      const edit = last.get(row.id);
      if (!edit || edit.value !== row.plannedPence || edit.version !== row.version) lost += 1;
    }
    lost += last.size - rows.length;
    return { lost, unexpected: events.length - matched };
  } finally {
    await db.destroy();
  }
}

async function maxAuditId(url: string): Promise<number> {
  const db = openDatabase(url);
  try {
    const row = await db
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  } finally {
    await db.destroy();
  }
}

export async function postgresFigures(log: (text: string) => void, quick: boolean): Promise<Figure[]> {
  const names = {
    rate: `PostgreSQL, ${CLIENTS} clients editing at once, edits a second`,
    lost: 'PostgreSQL, lost edits',
  };
  const adminUrl = process.env.BCF_BENCH_POSTGRES_URL;
  if (!adminUrl) {
    const note = 'not measured: set BCF_BENCH_POSTGRES_URL';
    return [
      { name: names.rate, value: null, unit: '/s', target: { op: '>=', value: 2_000 }, note },
      { name: names.lost, value: null, unit: '', target: { op: '=', value: 0 }, note },
    ];
  }
  const seconds = quick ? 5 : 10;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-grid-pg-'));
  const name = `bcf_bench_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  try {
    // One fund of 24 rows for each person (one partner's streams by quarter), so each edits their own fund.
    const data = await buildGridData(dir, { ...GRID_FULL, rounds: 0, editSizes: Array.from({ length: CLIENTS }, () => 24) });
    const source = openDatabase(data.trackerFile);
    // Twenty people, as twenty finance officers of the partner whose rows they edit (each their own fund's).
    const partner = await source
      .selectFrom('contribution')
      .select('orgId')
      .where('fundId', '=', data.editFunds[0]?.fundId ?? 0)
      .executeTakeFirstOrThrow();
    const emails = data.editFunds.map((_, i) => `grid.finance${i + 1}@bench.example`);
    for (const email of emails)
      await createUser(
        source,
        { userId: null },
        { email, name: email.split('@')[0] ?? email, role: 'finance_officer', orgIds: [partner.orgId], password: PASSWORD },
      );
    const target = openDatabase(url.toString());
    await copyDatabase(source, target);
    await source.destroy();
    await target.destroy();
    const marker = await maxAuditId(url.toString());
    const server = await startCommandServer(START.argv, trackerEnv(url.toString(), { BCF_WORKERS: WORKERS }));
    log(`grid: ${CLIENTS} clients editing for ${seconds} s on PostgreSQL (${server.processes()} server processes)`);
    const processes = server.processes();
    const confirmed: Confirmed[] = [];
    let errors = 0;
    let cpuMs = 0;
    let elapsed = 0;
    try {
      const clients = await Promise.all(
        data.editFunds.map(async (fund, i) => {
          const client = new BenchClient('127.0.0.1', server.port);
          await client.signIn(emails[i] ?? '', PASSWORD);
          return { client, fund, rows: fund.rows.map((r) => ({ ...r })) };
        }),
      );
      const cpu = server.cpuMs();
      const started = performance.now();
      const deadline = started + seconds * 1000;
      await Promise.all(
        clients.map(async ({ client, fund, rows }) => {
          for (let i = 0; performance.now() < deadline; i++) {
            const row = rows[i % rows.length] as EditRow;
            const value = row.plannedPence + 1;
            const reply = await client.mutate<{ rows: EditRow[] }>('contributions.applyBatch', {
              fundId: fund.fundId,
              changes: [{ op: 'update', id: row.id, version: row.version, values: { plannedPence: value } }],
            });
            const saved = reply.data?.rows[0];
            if (reply.status === 200 && saved) {
              row.version = saved.version;
              row.plannedPence = saved.plannedPence;
              confirmed.push({ id: row.id, version: saved.version, value: saved.plannedPence });
            } else errors += 1;
          }
        }),
      );
      elapsed = (performance.now() - started) / 1000;
      cpuMs = server.cpuMs() - cpu;
      for (const c of clients) c.client.close();
    } finally {
      await server.stop();
    }
    const check = await lostEdits(url.toString(), confirmed, marker);
    const workers = fs.existsSync('scripts/start.mjs')
      ? `${processes} processes with BCF_WORKERS=${WORKERS}`
      : `one server process: BCF_WORKERS is not there yet (${START.label})`;
    return [
      {
        name: names.rate,
        value: confirmed.length / elapsed,
        unit: '/s',
        target: { op: '>=', value: 2_000 },
        note: `${confirmed.length} edits in ${elapsed.toFixed(1)} s, ${workers}, ${errors} refused`,
      },
      { name: `PostgreSQL, processes serving (${START.label})`, value: processes, unit: '' },
      { name: 'PostgreSQL, server CPU per edit (the database not counted)', value: cpuMs / Math.max(1, confirmed.length), unit: 'ms' },
      { name: 'PostgreSQL, edits refused', value: errors, unit: '', target: { op: '=', value: 0 } },
      {
        name: names.lost,
        value: check.lost + check.unexpected,
        unit: '',
        target: { op: '=', value: 0 },
        note: `${check.lost} confirmed edits missing from the rows or the audit, ${check.unexpected} audit events no edit accounts for`,
      },
    ];
  } finally {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
