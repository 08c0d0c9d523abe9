// Hardening (issue 20, the Low items and OWASP ASVS level 2 / NCSC password guidance), over real HTTP to the real
// server code where the wire matters: a method the app does not serve is 405 with Allow, never a 500; text that is not
// well-formed Unicode is refused at its field in every text field (and bytes that are not UTF-8 in the body); saved
// settings are capped per person; a new password may not be a common one; a batch has a size limit; and a slow or
// idle client is cut off after the header, request and keep-alive timeouts.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassword } from '../../server/auth/password';
import { readEnv } from '../../server/env';
import {
  createServer,
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  REQUEST_TIMEOUT_MS,
  serverTimeouts,
  SOCKET_IDLE_TIMEOUT_MS,
} from '../../server/http';
import { createLogger } from '../../server/log';
import { appRouter } from '../../server/router';
import { MAX_BATCH_CALLS } from '../../shared/api-limits';
import { commonPasswordCount } from '../../shared/common-passwords';
import { newPasswordSchema, SETTING_VALUE_MAX_LENGTH, SETTINGS_MAX_COUNT, SETTINGS_MAX_TOTAL_LENGTH } from '../../shared/schemas';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, TEST_PASSWORD, type TestApi } from '../support/api';
import { at, codeOf, HttpClient, type Reply } from '../support/http-client';

let api: TestApi;
let server: http.Server;
let port: number;
let base: string;
let admin: HttpClient;
let fundId: number;
let orgId: number;
let partnershipId: number;
const logLines: string[] = [];

beforeAll(async () => {
  api = await openTestApi();
  const org = await api.caller.orgs.create({ name: 'Hardening council', sector: 'social_care' });
  orgId = org.id;
  const partnership = await api.caller.partnerships.create({ name: 'Hardening BCF', arrangement: 'pooled_fund', memberOrgIds: [orgId] });
  partnershipId = partnership.id;
  fundId = (await api.caller.funds.create({ partnershipId, name: 'Hardening fund', financialYear: '2025/26' })).id;
  server = createServer(api.db, { log: createLogger(true, (line) => logLines.push(line)) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  admin = new HttpClient(base);
  expect((await admin.signIn(api.admin.email, TEST_PASSWORD)).status).toBe(200);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await api.close();
});

/** Any method at all (fetch refuses TRACE and CONNECT), as a client's raw request would be sent. */
function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; to?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: options.to ?? port, method, path, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
          let json: unknown;
          try {
            json = JSON.parse(text) as unknown;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Write `request` on a bare connection and collect what comes back until the server closes it. */
function rawExchange(request: string, to = port): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(to, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('item 4: a method the app does not serve is 405 with Allow, never a 500', () => {
  it('TRACE, PUT, PATCH, DELETE and OPTIONS to the API get 405 naming the methods the path serves, and nothing is logged as an error', async () => {
    logLines.length = 0;
    for (const method of ['TRACE', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const query = await send(method, '/trpc/orgs.list', { headers: { Cookie: admin.cookie } });
      expect(query.status, `${method} to a query`).toBe(405);
      expect(query.headers.get('allow'), method).toBe('GET, HEAD');
      expect(codeOf(query), method).toBe('METHOD_NOT_SUPPORTED');
      expect(String(at(query.json, 'error', 'message'))).toContain('GET, HEAD');
      const mutation = await send(method, '/trpc/orgs.create', {
        headers: { Cookie: admin.cookie, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Sent with the wrong method', sector: 'health' }),
      });
      expect(mutation.status, `${method} to a mutation`).toBe(405);
      expect(mutation.headers.get('allow'), method).toBe('POST');
    }
    expect(logLines.filter((line) => (JSON.parse(line) as { level: string }).level === 'error')).toEqual([]);
    expect((await api.caller.orgs.list()).map((o) => o.name)).not.toContain('Sent with the wrong method');
  });

  it('GET to a mutation and POST to a query are 405 with Allow too', async () => {
    const asGet = await send('GET', '/trpc/orgs.create', { headers: { Cookie: admin.cookie } });
    expect([asGet.status, asGet.headers.get('allow')]).toEqual([405, 'POST']);
    const asPost = await send('POST', '/trpc/orgs.list', {
      headers: { Cookie: admin.cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect([asPost.status, asPost.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('CONNECT is answered 405 with Allow, not dropped', async () => {
    const reply = await rawExchange('CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 405 /);
    expect(reply).toMatch(/\r\nAllow: GET, HEAD, POST\r\n/i);
  });

  it('no method on any kind of path is answered with a 5xx, and every 405 says what is allowed', async () => {
    const paths = [
      '/trpc/orgs.list',
      '/trpc/orgs.create',
      '/trpc/no.such.procedure',
      '/trpc/orgs.list,orgs.create?batch=1',
      '/healthz',
      '/readyz',
      '/',
      '/plan',
      '/assets/missing.js',
      `/export/funds/${fundId}/contributions.csv`,
    ];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE']) {
        const reply = await send(method, path, { headers: { Cookie: admin.cookie, 'Content-Type': 'application/json' }, body: '{}' });
        expect(reply.status, `${method} ${path}`).toBeLessThan(500);
        if (reply.status === 405) expect(reply.headers.get('allow'), `${method} ${path}`).toMatch(/^(GET|HEAD|POST)(, (GET|HEAD|POST))*$/);
      }
    }
    expect((await send('TRACE', '/healthz')).headers.get('allow')).toBe('GET, HEAD');
  });
});

/** A lone surrogate as a JSON escape: what JSON.stringify writes for '\ud800', and what a hostile client sends. */
const LONE = '\\ud800';

describe('item 5: text that is not well-formed Unicode is refused at its field, in every text field', () => {
  it('a contribution note, an organisation name and partnership notes (POST), and an audit filter (GET) are refused at the field; nothing is written', async () => {
    const before = await counts(api.db);
    const attempts: { name: string; reply: () => Promise<Reply>; field: string }[] = [
      {
        name: 'contributions.applyBatch',
        field: 'changes.0.values.note',
        reply: () =>
          admin.postRaw(
            'contributions.applyBatch',
            `{"fundId":${fundId},"changes":[{"op":"create","values":{"orgId":${orgId},"source":"la_better_care_grant","quarter":1,"note":"${LONE}"}}]}`,
          ),
      },
      { name: 'orgs.create', field: 'name', reply: () => admin.postRaw('orgs.create', `{"name":"Council ${LONE}","sector":"health"}`) },
      {
        name: 'partnerships.create',
        field: 'notes',
        reply: () =>
          admin.postRaw('partnerships.create', `{"name":"P","arrangement":"pooled_fund","memberOrgIds":[${orgId}],"notes":"a\\udc00b"}`),
      },
      {
        name: 'audit.list',
        field: 'field',
        reply: () =>
          send('GET', `/trpc/audit.list?input=${encodeURIComponent(`{"field":"${LONE}"}`)}`, { headers: { Cookie: admin.cookie } }),
      },
    ];
    for (const attempt of attempts) {
      const reply = await attempt.reply();
      expect(reply.status, attempt.name).toBe(400);
      expect(codeOf(reply), attempt.name).toBe('BAD_REQUEST');
      const fieldErrors = at(reply.json, 'error', 'data', 'fieldErrors') as { path: string; message: string }[];
      expect(
        fieldErrors.map((e) => e.path),
        attempt.name,
      ).toEqual([attempt.field]);
      expect(fieldErrors[0]?.message, attempt.name).toMatch(/must be well-formed Unicode text: character \d+ is half of a surrogate pair/);
    }
    expect(await counts(api.db)).toEqual(before);
  });

  it('a body whose bytes are not UTF-8 (a surrogate encoded as ED A0 80) is refused, not stored as U+FFFD', async () => {
    const before = await counts(api.db);
    const [head, tail] =
      `{"fundId":${fundId},"changes":[{"op":"create","values":{"orgId":${orgId},"source":"la_better_care_grant","quarter":2,"note":"X"}}]}`.split(
        'X',
      );
    const reply = await send('POST', '/trpc/contributions.applyBatch', {
      headers: { Cookie: admin.cookie, 'Content-Type': 'application/json' },
      body: Buffer.concat([Buffer.from(head ?? ''), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(tail ?? '')]),
    });
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('BAD_REQUEST');
    expect(String(at(reply.json, 'error', 'message'))).toMatch(/UTF-8/);
    const query = await send('GET', `/trpc/audit.list?input=%7B%22field%22%3A%22%ED%A0%80%22%7D`, { headers: { Cookie: admin.cookie } });
    expect([query.status, codeOf(query)]).toEqual([400, 'BAD_REQUEST']);
    expect(await counts(api.db)).toEqual(before);
  });

  it('the same text with a whole surrogate pair (an emoji) is accepted and stored as sent', async () => {
    const reply = await admin.post('orgs.create', { name: 'Council 🧾', sector: 'health' });
    expect(reply.status, reply.text).toBe(200);
    expect((await api.caller.orgs.list()).map((o) => o.name)).toContain('Council 🧾');
  });

  it('every string field of every procedure’s input refuses a lone surrogate with the rule (read from the router itself)', () => {
    const leaves = stringLeavesOfRouter();
    expect(leaves.length).toBeGreaterThan(50);
    for (const { where, schema } of leaves) {
      for (const value of ['\ud800', 'ab\udfffcd', '2025/26\ud83d']) {
        const result = schema.safeParse(value);
        expect(result.success, `${where} accepted ${JSON.stringify(value)}`).toBe(false);
        expect(result.error?.issues[0]?.message, where).toMatch(/must be well-formed Unicode text/);
      }
    }
  });
});

describe('item 6: saved settings are capped per person', () => {
  it(`a board member may keep ${SETTINGS_MAX_COUNT} settings; one more is refused naming the limit and nothing is written; replacing one still works`, async () => {
    const { caller } = await api.userWith('board_member', []);
    for (let i = 0; i < SETTINGS_MAX_COUNT; i += 1) await caller.settings.put({ key: `grid:${i}`, value: { width: i } });
    const before = await counts(api.db);
    const error = await expectTrpcError(caller.settings.put({ key: 'grid:one-more', value: 1 }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)).toEqual([
      { path: 'key', message: expect.stringContaining(`limited to ${SETTINGS_MAX_COUNT} per person`) as string },
    ]);
    expect(await counts(api.db)).toEqual(before);
    expect(await caller.settings.get({ key: 'grid:one-more' })).toBeNull();
    await caller.settings.put({ key: 'grid:3', value: { width: 300 } });
    expect(await caller.settings.get({ key: 'grid:3' })).toEqual({ width: 300 });
  });

  it(`their settings may hold ${SETTINGS_MAX_TOTAL_LENGTH.toLocaleString('en-GB')} characters in all; a value past that is refused naming the limit`, async () => {
    const { user, caller } = await api.userWith('board_member', []);
    const big = 'x'.repeat(SETTING_VALUE_MAX_LENGTH - 2);
    const fit = Math.floor(SETTINGS_MAX_TOTAL_LENGTH / SETTING_VALUE_MAX_LENGTH);
    for (let i = 0; i < fit; i += 1) await caller.settings.put({ key: `big:${i}`, value: big });
    const error = await expectTrpcError(caller.settings.put({ key: 'big:over', value: 'y'.repeat(100) }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)).toEqual([
      {
        path: 'value',
        message: expect.stringContaining(`limited to ${SETTINGS_MAX_TOTAL_LENGTH.toLocaleString('en-GB')} characters`) as string,
      },
    ]);
    // Replacing a big value by a small one makes room again.
    await caller.settings.put({ key: 'big:0', value: 'small' });
    await caller.settings.put({ key: 'big:over', value: 'y'.repeat(100) });
    const stored = await api.db.selectFrom('userSetting').select('value').where('userId', '=', user.id).execute();
    expect(stored.reduce((sum, row) => sum + row.value.length, 0)).toBeLessThanOrEqual(SETTINGS_MAX_TOTAL_LENGTH);
  });

  it('one request batching many 19 KB settings (the reported attack) stores no more than the caps allow', async () => {
    const { user } = await api.userWith('board_member', [], 'settings.flood@test.example');
    const client = new HttpClient(base);
    expect((await client.signIn(user.email, TEST_PASSWORD)).status).toBe(200);
    const value = 'z'.repeat(19_000);
    const calls = MAX_BATCH_CALLS;
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [String(i), { key: `flood:${i}`, value }])));
    const reply = await send('POST', `/trpc/${Array.from({ length: calls }, () => 'settings.put').join(',')}?batch=1`, {
      headers: { Cookie: client.cookie, 'Content-Type': 'application/json' },
      body,
    });
    expect(reply.status).toBeLessThan(500);
    const results = reply.json as { result?: unknown; error?: unknown }[];
    const saved = results.filter((r) => r.result !== undefined).length;
    expect(saved).toBe(Math.floor(SETTINGS_MAX_TOTAL_LENGTH / (value.length + 2)));
    const stored = await api.db.selectFrom('userSetting').select('value').where('userId', '=', user.id).execute();
    expect(stored).toHaveLength(saved);
    expect(stored.reduce((sum, row) => sum + row.value.length, 0)).toBeLessThanOrEqual(SETTINGS_MAX_TOTAL_LENGTH);
  });
});

describe('a new password may not be one of the most common (NCSC; OWASP ASVS 2.1.7)', () => {
  it(`users.create refuses a password on the list of ${commonPasswordCount().toLocaleString('en-GB')}, whatever its case, with the reason; nothing is written`, async () => {
    expect(commonPasswordCount()).toBeGreaterThan(40_000);
    const before = await counts(api.db);
    for (const password of ['password1234', 'Password1234', 'qwertyuiop123', '123456789012', 'passwordpassword']) {
      const error = await expectTrpcError(
        api.caller.users.create({ email: 'common.pw@test.example', name: 'Common', role: 'board_member', orgIds: [], password }),
        'BAD_REQUEST',
      );
      expect(fieldErrorsOf(error), password).toEqual([
        {
          path: 'password',
          message: expect.stringMatching(/^Password is one of the most commonly used passwords .*: choose another$/) as string,
        },
      ]);
    }
    expect(await counts(api.db)).toEqual(before);
    const ok = await api.caller.users.create({
      email: 'uncommon.pw@test.example',
      name: 'Uncommon',
      role: 'board_member',
      orgIds: [],
      password: 'lantern orchard quietly 42',
    });
    expect(ok.password).toBeNull();
  });

  it('the shared schema gives the client the same reason, and over HTTP the same refusal comes back', async () => {
    const result = newPasswordSchema.safeParse('1qaz2wsx3edc');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^Password is one of the most commonly used passwords/);
    const reply = await admin.post('users.create', {
      email: 'wire.pw@test.example',
      name: 'W',
      role: 'board_member',
      orgIds: [],
      password: 'password1234',
    });
    expect(reply.status).toBe(400);
    expect(String(at(reply.json, 'error', 'message'))).toMatch(/commonly used passwords/);
  });

  it('generated passwords, the tests’ password and a chosen BCF_DEMO_PASSWORD pass; a common BCF_DEMO_PASSWORD stops start-up', () => {
    for (let i = 0; i < 200; i += 1) expect(newPasswordSchema.safeParse(generatePassword()).success).toBe(true);
    expect(newPasswordSchema.safeParse(TEST_PASSWORD).success).toBe(true);
    expect(readEnv({ BCF_DEMO_PASSWORD: 'demo-password-for-tests' }).BCF_DEMO_PASSWORD).toBe('demo-password-for-tests');
    expect(() => readEnv({ BCF_DEMO_PASSWORD: 'password1234' })).toThrow(/BCF_DEMO_PASSWORD: Password is one of the most commonly used/);
  });
});

describe(`a batch may hold at most ${MAX_BATCH_CALLS} calls`, () => {
  const batchPath = (name: string, n: number) => `/trpc/${Array.from({ length: n }, () => name).join(',')}?batch=1`;

  it('a batch over the limit is refused at once with a message naming the limit, before any call runs', async () => {
    const before = await counts(api.db);
    const body = JSON.stringify(
      Object.fromEntries(Array.from({ length: MAX_BATCH_CALLS + 1 }, (_, i) => [String(i), { name: `Batch org ${i}`, sector: 'health' }])),
    );
    const started = performance.now();
    const post = await send('POST', batchPath('orgs.create', MAX_BATCH_CALLS + 1), {
      headers: { Cookie: admin.cookie, 'Content-Type': 'application/json' },
      body,
    });
    expect(post.status).toBe(400);
    expect(codeOf(post)).toBe('BAD_REQUEST');
    expect(String(at(post.json, 'error', 'message'))).toContain(`at most ${MAX_BATCH_CALLS} calls, got ${MAX_BATCH_CALLS + 1}`);
    expect(await counts(api.db)).toEqual(before);
    const reports = await send('GET', batchPath('reports.board', 200), { headers: { Cookie: admin.cookie } });
    expect([reports.status, codeOf(reports)]).toEqual([400, 'BAD_REQUEST']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a batch at the limit works', async () => {
    const reply = await send('GET', batchPath('orgs.list', MAX_BATCH_CALLS), { headers: { Cookie: admin.cookie } });
    expect(reply.status, reply.text.slice(0, 300)).toBe(200);
    expect((reply.json as unknown[]).length).toBe(MAX_BATCH_CALLS);
  });
});

describe('slow and idle connections are cut off', () => {
  const SHORT = { headersMs: 500, requestMs: 1_000, keepAliveMs: 300, socketIdleMs: 2_000 };
  let short: http.Server;
  let shortPort: number;

  beforeAll(async () => {
    short = createServer(api.db, { timeouts: SHORT });
    await new Promise<void>((resolve) => short.listen(0, '127.0.0.1', resolve));
    shortPort = (short.address() as AddressInfo).port;
  });
  afterAll(async () => {
    short.closeAllConnections();
    await new Promise<void>((resolve) => short.close(() => resolve()));
  });

  /** Open a connection, write `first`, then `drip` every 100 ms; resolves with how long until the server closed it
   * (or 5 s, when it never did) and what it answered. */
  function dripUntilClosed(first: string, drip: string): Promise<{ ms: number; received: string }> {
    return new Promise((resolve) => {
      const started = performance.now();
      let received = '';
      const socket = net.connect(shortPort, '127.0.0.1', () => socket.write(first));
      const timer = setInterval(() => {
        if (!socket.destroyed) socket.write(drip);
      }, 100);
      const done = () => {
        clearInterval(timer);
        clearTimeout(giveUp);
        resolve({ ms: performance.now() - started, received });
      };
      const giveUp = setTimeout(() => {
        socket.destroy();
        done();
      }, 5_000);
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', done);
    });
  }

  it('a client sending its headers a line at a time is disconnected after the headers timeout', async () => {
    const { ms, received } = await dripUntilClosed('GET /healthz HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: 1\r\n');
    expect(ms).toBeGreaterThanOrEqual(SHORT.headersMs - 50);
    expect(ms).toBeLessThan(SHORT.headersMs + 1_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a client sending its body a byte at a time is disconnected after the request timeout', async () => {
    const head = 'POST /trpc/orgs.create HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{';
    const { ms } = await dripUntilClosed(head, ' ');
    expect(ms).toBeGreaterThanOrEqual(SHORT.requestMs - 50);
    expect(ms).toBeLessThan(SHORT.requestMs + 1_000);
  });

  it('an idle kept-alive connection is closed after the keep-alive timeout', async () => {
    const { ms, received } = await new Promise<{ ms: number; received: string }>((resolve) => {
      let started = 0;
      let received = '';
      const socket = net.connect(shortPort, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n'));
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        started ||= performance.now();
      });
      socket.on('close', () => resolve({ ms: performance.now() - started, received }));
    });
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    // Node waits a second past keepAliveTimeout before closing, in case a client's next request is already on its way.
    expect(ms).toBeGreaterThanOrEqual(SHORT.keepAliveMs - 50);
    expect(ms).toBeLessThan(SHORT.keepAliveMs + 1_500);
  });

  it('the defaults are explicit, and timeouts that make no sense are refused at start-up', () => {
    const defaults = createServer(api.db);
    expect([defaults.headersTimeout, defaults.requestTimeout, defaults.keepAliveTimeout, defaults.timeout]).toEqual([
      HEADERS_TIMEOUT_MS,
      REQUEST_TIMEOUT_MS,
      KEEP_ALIVE_TIMEOUT_MS,
      SOCKET_IDLE_TIMEOUT_MS,
    ]);
    expect(() => serverTimeouts({ headersMs: 0 })).toThrow(/headersMs must be a whole number of milliseconds above 0, got 0/);
    expect(() => serverTimeouts({ requestMs: 1.5 })).toThrow(/requestMs/);
    expect(() => serverTimeouts({ headersMs: 200_000 })).toThrow(/keepAliveMs <= headersMs <= requestMs <= socketIdleMs/);
  });
});

// ---- the router's string fields, read from its zod schemas ----

interface ZodLike {
  safeParse: (value: unknown) => { success: boolean; error?: { issues: { message: string }[] } };
  _zod: { def: Record<string, unknown> & { type: string } };
}

function isZod(value: unknown): value is ZodLike {
  return typeof value === 'object' && value !== null && '_zod' in value && 'safeParse' in value;
}

/** Every string schema reachable in a procedure's input, with where it is ("orgs.create name"). */
function stringLeavesOfRouter(): { where: string; schema: ZodLike }[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
  const leaves: { where: string; schema: ZodLike }[] = [];
  const seen = new Set<unknown>();
  const walk = (schema: unknown, where: string): void => {
    if (!isZod(schema) || seen.has(schema)) return;
    seen.add(schema);
    const def = schema._zod.def;
    if (def.type === 'string') leaves.push({ where, schema });
    const shape = def.shape as Record<string, unknown> | undefined;
    if (def.type === 'object' && shape) for (const [key, value] of Object.entries(shape)) walk(value, `${where}.${key}`);
    for (const key of ['innerType', 'in', 'out', 'element', 'keyType', 'valueType', 'left', 'right']) walk(def[key], where);
    for (const key of ['options', 'items']) if (Array.isArray(def[key])) for (const option of def[key] as unknown[]) walk(option, where);
    if (def.type === 'lazy' && typeof def.getter === 'function') walk((def.getter as () => unknown)(), where);
  };
  for (const [path, procedure] of Object.entries(procedures)) for (const input of procedure._def.inputs) walk(input, path);
  return leaves;
}
