// The bench's cell edits: one person's edits through the real API over HTTP, the same database work done directly
// with better-sqlite3 (the floor no code path can beat), and 20 people editing at once with a check that every
// confirmed edit is in the database and in the audit log exactly once.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import type { Contribution, ContributionListRow } from '../../shared/types';
import { BenchClient } from './client';
import { timeRuns } from './stats';

type Row = Pick<Contribution, 'id' | 'orgId' | 'plannedPence' | 'version'>;

/** The rows a finance officer may edit: their own organisation's in the fund. */
export async function editableRows(client: BenchClient, fundId: number, orgId: number): Promise<Row[]> {
  const rows = await client.must(client.query<ContributionListRow[]>('contributions.list', { fundId }), 'contributions.list');
  const mine = rows.filter((r) => r.orgId === orgId);
  if (mine.length === 0) throw new Error(`fund ${fundId} has no rows of organisation ${orgId}`);
  return mine;
}

/** One edit: a new planned figure, with the version the client last saw; the reply is the row as now saved. */
async function edit(client: BenchClient, row: Row): Promise<boolean> {
  const reply = await client.mutate<Row>('contributions.update', {
    id: row.id,
    version: row.version,
    patch: { plannedPence: row.plannedPence + 1 },
  });
  if (reply.status !== 200 || !reply.data) return false;
  row.plannedPence = reply.data.plannedPence;
  row.version = reply.data.version;
  return true;
}

/** Sequential edits over HTTP, round the rows, each with the version the last reply gave. */
export async function sequentialEdits(client: BenchClient, rows: Row[], count: number, warmup: number): Promise<number[]> {
  return timeRuns(count, warmup, async (i) => {
    const row = rows[i % rows.length];
    if (!row || !(await edit(client, row))) throw new Error(`edit ${i} failed`);
  });
}

/**
 * The same edit with nothing but better-sqlite3 prepared statements: in one transaction, check the version, update
 * the cell, record the batch and its audit event. On the same database file (the server is idle meanwhile), with the
 * same pragmas as db/connection.ts.
 */
export function rawFloorEdits(file: string, rowIds: number[], userId: number, count: number, warmup: number): number[] {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const current = db.prepare('SELECT fund_id, planned_pence, version FROM contribution WHERE id = ?');
  const update = db.prepare(
    'UPDATE contribution SET planned_pence = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?',
  );
  const batch = db.prepare("INSERT INTO batch (id, at, user_id, kind, label, fund_id) VALUES (?, ?, ?, 'batch', 'Changed Planned (£)', ?)");
  const audit = db.prepare(
    `INSERT INTO audit_event (batch_id, at, user_id, entity, entity_id, action, field, old_value, new_value, version_before,
       version_after, fund_id, partnership_id)
     VALUES (?, ?, ?, 'contribution', ?, 'update', 'plannedPence', ?, ?, ?, ?, ?, (SELECT partnership_id FROM fund WHERE id = ?))`,
  );
  const once = db.transaction((id: number) => {
    const row = current.get(id) as { fund_id: number; planned_pence: number; version: number } | undefined;
    if (!row) throw new Error(`no contribution ${id}`);
    const at = new Date().toISOString();
    const value = row.planned_pence + 1;
    if (update.run(value, row.version + 1, at, userId, id, row.version).changes !== 1) throw new Error('stale');
    const batchId = randomUUID();
    batch.run(batchId, at, userId, row.fund_id);
    audit.run(batchId, at, userId, id, String(row.planned_pence), String(value), row.version, row.version + 1, row.fund_id, row.fund_id);
  });
  const samples: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const start = performance.now();
    once(rowIds[i % rowIds.length] ?? 0);
    if (i >= warmup) samples.push(performance.now() - start);
  }
  db.close();
  return samples;
}

export interface Editor {
  email: string;
  password: string;
  userId: number;
  fundId: number;
  orgId: number;
}

export interface ConcurrentResult {
  clients: number;
  seconds: number;
  confirmed: number;
  perSecond: number;
  errors: number;
  /** Confirmed edits whose value or audit event is missing at the end. */
  lost: number;
  /** Audit events of these editors that no confirmed edit accounts for (a double write). */
  unexpectedEvents: number;
  /** CPU time the server process used meanwhile. */
  serverCpuMs: number;
}

interface Confirmed {
  id: number;
  version: number;
  value: number;
}

/** `editors` each edit their own rows as fast as the server answers for `seconds`, then the database is checked. */
export async function concurrentEdits(
  host: string,
  port: number,
  file: string,
  editors: Editor[],
  seconds: number,
  serverCpuMs: () => number,
): Promise<ConcurrentResult> {
  const clients = await Promise.all(
    editors.map(async (e) => {
      const client = new BenchClient(host, port);
      await client.signIn(e.email, e.password);
      return { client, rows: await editableRows(client, e.fundId, e.orgId), confirmed: [] as Confirmed[], errors: 0 };
    }),
  );
  const before = new SQLite(file, { readonly: true });
  const marker = (before.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_event').get() as { id: number }).id;
  before.close();

  const cpuBefore = serverCpuMs();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    clients.map(async (c, k) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const row = c.rows[(i + k) % c.rows.length];
        if (!row) break;
        if (await edit(c.client, row)) c.confirmed.push({ id: row.id, version: row.version, value: row.plannedPence });
        else {
          c.errors += 1;
          const fresh = await editableRows(c.client, editors[k]?.fundId ?? 0, editors[k]?.orgId ?? 0);
          c.rows.splice(0, c.rows.length, ...fresh);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuMs = serverCpuMs() - cpuBefore;
  for (const c of clients) c.client.close();

  // Every confirmed edit: its value is the row's, if it was the row's last, and it has exactly one audit event.
  const db = new SQLite(file, { readonly: true });
  const events = db
    .prepare(
      `SELECT entity_id AS id, version_after AS version, new_value AS value FROM audit_event
       WHERE id > ? AND entity = 'contribution' AND field = 'plannedPence' AND user_id IN (${editors.map(() => '?').join(',')})`,
    )
    .all(marker, ...editors.map((e) => e.userId)) as { id: number; version: number; value: string }[];
  const eventKeys = new Map<string, number>();
  for (const e of events) {
    const key = `${e.id}:${e.version}:${e.value}`;
    eventKeys.set(key, (eventKeys.get(key) ?? 0) + 1);
  }
  const final = db.prepare('SELECT planned_pence AS value, version FROM contribution WHERE id = ?');
  let lost = 0;
  let matched = 0;
  const last = new Map<number, Confirmed>();
  for (const c of clients) {
    for (const edit of c.confirmed) {
      last.set(edit.id, edit);
      if (eventKeys.get(`${edit.id}:${edit.version}:${edit.value}`) === 1) matched += 1;
      else lost += 1;
    }
  }
  for (const edit of last.values()) {
    const row = final.get(edit.id) as { value: number; version: number } | undefined;
    if (!row || row.value !== edit.value || row.version !== edit.version) lost += 1;
  }
  db.close();
  const confirmed = clients.reduce((n, c) => n + c.confirmed.length, 0);
  return {
    clients: editors.length,
    seconds: elapsed,
    confirmed,
    perSecond: confirmed / elapsed,
    errors: clients.reduce((n, c) => n + c.errors, 0),
    lost,
    unexpectedEvents: events.length - matched,
    serverCpuMs: cpuMs,
  };
}
