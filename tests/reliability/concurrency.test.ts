// Concurrency (issue 9, item 2): many clients, each with its own session, add to the same few contributions at once
// over HTTP through TWO server processes on one database file (several servers behind a load balancer, design rule
// 7), with single-row updates and two-row batches in opposite orders. Each client sends the version it last saw and,
// when refused, retries from the CONFLICT's data.current. Afterwards: every confirmed addition is in the total (no
// lost update), each row's version counts its confirmed writes, every loser was told the row's value at a version
// the audit log confirms, nothing failed with a server error, and it all finished (no deadlock).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContributionListRow } from '../../shared/types';
import { startApp, type AppProcess } from '../support/app-process';
import { seededRandom } from '../support/crash-model';
import { at, codeOf, HttpClient } from '../support/http-client';
import { DEMO_PASSWORD, demoBcfFund } from '../support/server';

const CLIENTS = 16;
const WRITES_PER_CLIENT = 10;

let dir: string;
let file: string;
const servers: AppProcess[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-concurrency-'));
  file = path.join(dir, 'bcf.sqlite');
  // One at a time: the first creates and seeds the database, the second opens it as it is.
  servers.push(await startApp(file));
  servers.push(await startApp(file));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Seen {
  version: number;
  plannedPence: number;
}

interface Outcome {
  /** Confirmed additions: row, amount, and the version the write produced. */
  successes: { id: number; delta: number; version: number }[];
  /** What each CONFLICT said the row was. */
  conflicts: { id: number; staleVersion: number; current: Seen }[];
  failures: string[];
}

function seenOf(value: unknown): Seen | null {
  const version = at(value, 'version');
  const plannedPence = at(value, 'plannedPence');
  return typeof version === 'number' && typeof plannedPence === 'number' ? { version, plannedPence } : null;
}

/** One client: WRITES_PER_CLIENT confirmed additions to random rows of `ids`, retrying each from data.current. */
async function client(api: HttpClient, fundId: number, ids: number[], start: Map<number, Seen>, seed: number): Promise<Outcome> {
  const rng = seededRandom(seed);
  const seen = new Map([...start].map(([id, s]) => [id, { ...s }]));
  const outcome: Outcome = { successes: [], conflicts: [], failures: [] };
  const look = (id: number): Seen => {
    const s = seen.get(id);
    if (!s) throw new Error(`no row ${id}`);
    return s;
  };
  for (let n = 0; n < WRITES_PER_CLIENT; n += 1) {
    const pair = rng() < 0.3;
    const a = ids[Math.floor(rng() * ids.length)] ?? 0;
    // A two-row batch names its rows in either order, the classic recipe for a deadlock between two writers.
    const b = ids[(ids.indexOf(a) + 1 + Math.floor(rng() * (ids.length - 1))) % ids.length] ?? 0;
    const rows = pair ? (rng() < 0.5 ? [a, b] : [b, a]) : [a];
    const deltas = rows.map(() => 1 + Math.floor(rng() * 1000));
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 200) {
        outcome.failures.push(`client gave up after 200 conflicts on ${rows.join(',')}`);
        return outcome;
      }
      const reply = pair
        ? await api.post('contributions.applyBatch', {
            fundId,
            changes: rows.map((id, i) => ({
              op: 'update',
              id,
              version: look(id).version,
              values: { plannedPence: look(id).plannedPence + (deltas[i] ?? 0) },
            })),
          })
        : await api.post('contributions.update', {
            id: a,
            version: look(a).version,
            patch: { plannedPence: look(a).plannedPence + (deltas[0] ?? 0) },
          });
      if (reply.status === 200) {
        const written = pair ? (at(reply.json, 'result', 'data', 'rows') as unknown[]) : [at(reply.json, 'result', 'data')];
        written.forEach((row, i) => {
          const s = seenOf(row);
          const id = rows[i] ?? 0;
          if (!s || at(row, 'id') !== id) {
            outcome.failures.push(`unexpected row in a reply: ${JSON.stringify(row)}`);
            return;
          }
          outcome.successes.push({ id, delta: deltas[i] ?? 0, version: s.version });
          seen.set(id, s);
        });
        break;
      }
      if (codeOf(reply) !== 'CONFLICT') {
        outcome.failures.push(`HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
        return outcome;
      }
      const current = seenOf(at(reply.json, 'error', 'data', 'current'));
      const currentId = at(reply.json, 'error', 'data', 'current', 'id');
      if (!current || typeof currentId !== 'number' || !rows.includes(currentId)) {
        outcome.failures.push(`a CONFLICT without the current row: ${reply.text.slice(0, 300)}`);
        return outcome;
      }
      outcome.conflicts.push({ id: currentId, staleVersion: look(currentId).version, current });
      seen.set(currentId, current);
    }
  }
  return outcome;
}

describe('many clients editing the same rows through two server processes', () => {
  it('lose no update, never deadlock, and every loser gets CONFLICT with the current value', { timeout: 120_000 }, async () => {
    const [one, two] = servers;
    if (!one || !two) throw new Error('servers not started');
    // Signed in one after another: sign-in counts each attempt before checking it, so a burst on one account would
    // rightly be throttled.
    const apis: HttpClient[] = [];
    for (let i = 0; i < CLIENTS; i += 1) {
      const api = new HttpClient((i % 2 ? two : one).url);
      const reply = await api.signIn('finance@demo.test', DEMO_PASSWORD);
      expect(reply.status, reply.text).toBe(200);
      apis.push(api);
    }
    const first = apis[0];
    if (!first) throw new Error('no clients');
    const { fund } = await demoBcfFund(first);
    const rows = (await first.query<ContributionListRow[]>('contributions.list', { fundId: fund.id })).slice(0, 4);
    expect(rows).toHaveLength(4);
    const ids = rows.map((r) => r.id);
    const start = new Map(rows.map((r) => [r.id, { version: r.version, plannedPence: r.plannedPence }]));

    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the clients did not finish in 90 s: a deadlock or a stall')), 90_000);
    });
    const outcomes = await Promise.race([Promise.all(apis.map((api, i) => client(api, fund.id, ids, start, 1000 + i))), stalled]);
    clearTimeout(timer);
    const elapsed = Date.now() - started;

    expect(outcomes.flatMap((o) => o.failures)).toEqual([]);
    const successes = outcomes.flatMap((o) => o.successes);
    const conflicts = outcomes.flatMap((o) => o.conflicts);
    // Enough contention to mean something: many writers really did collide.
    expect(conflicts.length).toBeGreaterThan(CLIENTS);

    const final = new Map((await first.query<ContributionListRow[]>('contributions.list', { fundId: fund.id })).map((r) => [r.id, r]));
    for (const id of ids) {
      const before = start.get(id);
      const after = final.get(id);
      if (!before || !after) throw new Error(`row ${id} is missing`);
      const mine = successes.filter((s) => s.id === id);
      // No lost update: the total is the start plus every confirmed addition.
      expect(after.plannedPence, `row ${id}`).toBe(before.plannedPence + mine.reduce((sum, s) => sum + s.delta, 0));
      // Each confirmed write made exactly one new version, and no two writes were given the same one.
      expect(after.version).toBe(before.version + mine.length);
      expect(new Set(mine.map((s) => s.version)).size).toBe(mine.length);
    }

    // Each loser was told the row's value at a version that really existed with that value.
    const sqlite = new SQLite(file, { fileMustExist: true, readonly: true });
    try {
      const valueAt = sqlite.prepare(
        "select new_value from audit_event where entity = 'contribution' and entity_id = ? and field = 'plannedPence' and version_after = ?",
      );
      for (const c of conflicts) {
        expect(c.current.version).toBeGreaterThan(c.staleVersion);
        const row = valueAt.get(c.id, c.current.version) as { new_value: string } | undefined;
        const recorded = row ? Number(JSON.parse(row.new_value)) : start.get(c.id)?.plannedPence;
        expect(c.current.plannedPence, `conflict on row ${c.id} at version ${c.current.version}`).toBe(recorded);
      }
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
    console.info(
      `concurrency: ${CLIENTS} clients, 2 servers: ${successes.length} confirmed writes, ${conflicts.length} conflicts, ${elapsed} ms`,
    );
  });
});
