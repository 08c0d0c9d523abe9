// Operations (issue 9, item 6), on the real server process: /healthz (the process is up) and /readyz (the database
// answers; 503 otherwise and while shutting down); one JSON log line per request with a request id, and no password,
// cookie, session id or query string in the log; graceful shutdown that finishes a request in flight (a save whose
// body is still arriving when SIGTERM comes) and exits 0.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../db/connection';
import { readEnv } from '../../server/env';
import { createServer, drain } from '../../server/http';
import { createLogger, loggablePath, redactUrl, requestIdFrom } from '../../server/log';
import type { ContributionListRow } from '../../shared/types';
import { startApp, type AppProcess } from '../support/app-process';
import { at, HttpClient } from '../support/http-client';
import { DEMO_PASSWORD, demoBcfFund } from '../support/server';

let dir: string;
let file: string;
let app: AppProcess;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-ops-'));
  file = path.join(dir, 'bcf.sqlite');
  app = await startApp(file, { BCF_LOG: '1' });
});
afterAll(async () => {
  await app?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface LogLine {
  time?: unknown;
  level?: unknown;
  msg?: unknown;
  requestId?: unknown;
  method?: unknown;
  path?: unknown;
  status?: unknown;
  durationMs?: unknown;
  [key: string]: unknown;
}

/** The JSON lines the server has logged so far. */
function logLines(): LogLine[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

async function until<T>(what: string, find: () => T | undefined, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('health and readiness', () => {
  it('/healthz says the process is up and /readyz that the database answers', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });
  });

  it('/readyz is 503 when the database does not answer, while /healthz stays 200', async () => {
    const scratch = path.join(dir, 'closed.sqlite');
    const db = openDatabase(scratch);
    await migrateToLatest(db);
    const server = createServer(db);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      await db.destroy();
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ok: false, reason: 'the database does not answer' });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('structured request logs', () => {
  it('one JSON line per request with its id, and nothing secret in the log', async () => {
    const client = new HttpClient(app.url);
    const login = await client.signIn('finance@demo.test', DEMO_PASSWORD);
    expect(login.status).toBe(200);
    const token = client.cookie.split('=')[1] ?? '';
    expect(token.length).toBeGreaterThan(20);
    const marker = 'query-string-secret-4711';
    const queried = await client.get('partnerships.get', { id: 1, note: marker });
    const traced = await fetch(`${app.url}/trpc/auth.me`, { headers: { Cookie: client.cookie, 'X-Request-Id': 'lb-trace.42:abc' } });
    const forged = await fetch(`${app.url}/healthz`, { headers: { 'X-Request-Id': '"} {"msg":"forged' } });
    const tooLong = await fetch(`${app.url}/healthz`, { headers: { 'X-Request-Id': 'x'.repeat(65) } });
    await fetch(`${app.url}/assets/missing.js?token=${marker}`);

    // A caller's plain short id is kept, so our line joins a proxy's; anything else is replaced by a fresh id.
    expect(traced.headers.get('x-request-id')).toBe('lb-trace.42:abc');
    for (const res of [forged, tooLong, queried]) expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const lines = await until('the request lines', () => {
      const found = logLines().filter((l) => l.msg === 'request');
      return found.some((l) => l.path === '/assets/missing.js') ? found : undefined;
    });
    for (const line of lines) {
      expect(typeof line.time === 'string' && !Number.isNaN(Date.parse(line.time))).toBe(true);
      expect(line.level).toBe('info');
      expect(line.requestId).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
      expect(typeof line.method).toBe('string');
      expect(typeof line.path === 'string' && !line.path.includes('?')).toBe(true);
      expect(typeof line.status).toBe('number');
      expect(typeof line.durationMs).toBe('number');
    }
    const byId = (id: string | null) => lines.find((l) => l.requestId === id);
    expect(byId(login.headers.get('x-request-id'))).toMatchObject({ method: 'POST', path: '/trpc/auth.login', status: 200 });
    expect(byId('lb-trace.42:abc')).toMatchObject({ method: 'GET', path: '/trpc/auth.me', status: 200 });
    expect(lines.find((l) => l.path === '/assets/missing.js')).toMatchObject({ status: 404 });

    const everything = app.output();
    expect(everything).not.toContain(DEMO_PASSWORD);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(createHash('sha256').update(token).digest('hex'));
    expect(everything).not.toContain(marker);
    expect(everything).not.toContain('forged');
    expect(everything.toLowerCase()).not.toContain('cookie');
  });

  it('the helpers: a request id is kept only when safe, the path loses its query, BCF_LOG=0 writes nothing', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
    for (const bad of ['', 'has space', 'new\nline', 'x'.repeat(65), '<script>', undefined]) expect(requestIdFrom(bad)).not.toBe(bad);
    expect(loggablePath('/trpc/a.b?input=%7B%22password%22%7D')).toBe('/trpc/a.b');
    expect(redactUrl('postgres://bcf:s3cret@db.internal:5432/bcf')).toBe('postgres://bcf:***@db.internal:5432/bcf');
    expect(redactUrl('data/bcf.sqlite')).toBe('data/bcf.sqlite');
    expect(loggablePath(`/${'x'.repeat(500)}`).length).toBeLessThan(210);
    // Validated once at start-up: a typo fails loudly.
    expect(readEnv({}).BCF_LOG).toBe('1');
    expect(readEnv({ BCF_LOG: '0' }).BCF_LOG).toBe('0');
    expect(() => readEnv({ BCF_LOG: 'yes' })).toThrow(/BCF_LOG/);
    expect(readEnv({ BCF_ALLOWED_ORIGINS: 'http://localhost:5173, https://bcf.example.org' }).BCF_ALLOWED_ORIGINS).toEqual([
      'http://localhost:5173',
      'https://bcf.example.org',
    ]);
    expect(() => readEnv({ BCF_ALLOWED_ORIGINS: 'https://bcf.example.org/app' })).toThrow(/BCF_ALLOWED_ORIGINS/);
    expect(() => readEnv({ BCF_SHUTDOWN_GRACE_MS: '-1' })).toThrow(/BCF_SHUTDOWN_GRACE_MS/);
    const written: string[] = [];
    createLogger(false, (line) => written.push(line)).info('request', { path: '/' });
    createLogger(true, (line) => written.push(line)).info('request', { path: '/', msg: 'overridden?' });
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0] ?? '{}')).toMatchObject({ msg: 'request', level: 'info', path: '/' });
  });
});

describe('graceful shutdown', () => {
  it('/readyz is 503 while a server drains; a request still running past the grace period is cut off', async () => {
    const scratch = path.join(dir, 'drain.sqlite');
    const db = openDatabase(scratch);
    await migrateToLatest(db);
    const server = createServer(db);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    // A request whose body never finishes: it is in flight for as long as the test likes.
    const hanging = http.request({
      port,
      host: '127.0.0.1',
      path: '/trpc/auth.login',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' },
    });
    const outcome = new Promise<string>((resolve) => {
      hanging.on('error', (error) => resolve(`error ${error.message}`));
      hanging.on('response', (res) => resolve(`status ${res.statusCode}`));
    });
    hanging.write('{"email":');
    // A readiness probe half sent (its headers not finished) when the drain begins, finished during it.
    const probe = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => probe.once('connect', resolve));
    let probeReply = '';
    probe.on('data', (chunk: Buffer) => (probeReply += chunk.toString()));
    const probeClosed = new Promise((resolve) => probe.once('close', resolve));
    probe.write('GET /readyz HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const drained = drain(server, 400);
    probe.write('\r\n');
    await probeClosed;
    expect(probeReply).toMatch(/^HTTP\/1\.1 503 /);
    expect(probeReply).toMatch(/connection: close/i);
    expect(probeReply).toContain('shutting down');
    // New connections are no longer accepted.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(await drained).toBe(false);
    expect(await outcome).toMatch(/^error/);
    await db.destroy();
  });

  it('SIGTERM lets a save in flight finish and be answered, then the process exits 0', { timeout: 30_000 }, async () => {
    const client = new HttpClient(app.url);
    expect((await client.signIn('finance@demo.test', DEMO_PASSWORD)).status).toBe(200);
    const { fund } = await demoBcfFund(client);
    const [row] = await client.query<ContributionListRow[]>('contributions.list', { fundId: fund.id });
    if (!row) throw new Error('the demo fund has no rows');
    const body = JSON.stringify({
      id: row.id,
      version: row.version,
      patch: { plannedPence: row.plannedPence + 1234, note: 'saved during shutdown' },
    });
    const { port } = new URL(app.url);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          port,
          host: '127.0.0.1',
          path: '/trpc/contributions.update',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), Cookie: client.cookie },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      // Half the body now, the rest after the signal: the request is in flight when SIGTERM arrives.
      req.write(body.slice(0, 20));
      setTimeout(() => {
        // The whole process group, as systemd does: tsx and the server both receive it.
        app.signal('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 500);
      }, 300);
    });
    const reply = await answer;
    expect(reply.status, reply.body).toBe(200);
    expect(at(JSON.parse(reply.body) as unknown, 'result', 'data', 'plannedPence')).toBe(row.plannedPence + 1234);
    const exit = await app.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    const lines = logLines();
    expect(lines.find((l) => l.msg === 'stopping')).toMatchObject({ signal: 'SIGTERM' });
    expect(lines.find((l) => l.msg === 'stopped')).toMatchObject({ drained: true });
    // The save is in the database, not just in the reply.
    const sqlite = new SQLite(file, { fileMustExist: true, readonly: true });
    try {
      expect(sqlite.prepare('select planned_pence, note from contribution where id = ?').get(row.id)).toEqual({
        planned_pence: row.plannedPence + 1234,
        note: 'saved during shutdown',
      });
    } finally {
      sqlite.close();
    }
  });
});
