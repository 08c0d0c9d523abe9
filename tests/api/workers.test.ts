// Several worker processes behind one port (BCF_WORKERS, server/workers.ts), on SQLite, or on PostgreSQL when
// BCF_TEST_POSTGRES_URL is set: two processes answer, a session made through one is honoured by the other, a worker
// that dies is replaced, and SIGTERM to the primary ends every process.
import http from 'node:http';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv, workerCount } from '../../server/env';
import { startApp, type AppProcess } from '../support/app-process';
import { freshDatabase, type TestDatabase } from '../support/database';
import { DEMO_PASSWORD } from '../support/server';

interface Answer {
  status: number;
  worker: string;
  setCookie: string;
  body: string;
}

/** One request on its own connection: the primary hands connections (not requests) round the workers, so a client
 * that kept its connection alive would talk to one worker only. */
function request(base: string, path: string, options: { method?: string; cookie?: string; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      {
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          Connection: 'close',
          ...(options.cookie ? { Cookie: options.cookie } : {}),
          ...(options.body ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            worker: String(res.headers['x-bcf-worker'] ?? ''),
            setCookie: (res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '',
            body,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

interface Listening {
  pid: number;
  worker: number;
}

/** The workers that said they are listening, from the JSON log lines, in order. */
function listening(app: AppProcess): Listening[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"listening"'))
    .map((line) => JSON.parse(line) as Listening);
}

async function until<T>(what: string, check: () => T | null | undefined | false, app: AppProcess): Promise<T> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('BCF_WORKERS=2', () => {
  let database: TestDatabase;
  let app: AppProcess;

  beforeAll(async () => {
    // A migrated, empty database (SQLite, or PostgreSQL with BCF_TEST_POSTGRES_URL): the primary seeds the demo.
    database = await freshDatabase();
    app = await startApp(database.url, { BCF_WORKERS: '2', BCF_LOG: '1' });
    await until('two workers listening', () => listening(app).length >= 2, app);
  });
  afterAll(async () => {
    await app.kill();
    await database.drop();
  });

  it('serves from two processes on one port, and a session made through one is honoured by the other', async () => {
    const workers = listening(app);
    expect(new Set(workers.map((w) => w.pid)).size).toBe(2);
    expect(workers.every((w) => w.pid !== app.child.pid)).toBe(true);

    const login = await request(app.url, '/trpc/auth.login', {
      method: 'POST',
      body: JSON.stringify({ email: 'admin@demo.test', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.setCookie).toMatch(/^bcf_session=.+/);
    // Connections go round the workers: within a few, the other one answers, and knows the session.
    let fromOther: Answer | null = null;
    for (let i = 0; i < 40 && !fromOther; i++) {
      const me = await request(app.url, '/trpc/auth.me', { cookie: login.setCookie });
      expect(me.status).toBe(200);
      expect(me.body).toContain('admin@demo.test');
      if (me.worker !== login.worker) fromOther = me;
    }
    expect(login.worker).toMatch(/^\d+$/);
    expect(fromOther?.worker).toMatch(/^\d+$/);
  });

  it('replaces a worker that dies, and SIGTERM to the primary ends every process', async () => {
    const [first] = listening(app);
    if (!first) throw new Error('no worker listening');
    process.kill(first.pid, 'SIGKILL');
    // The third worker to say it listens is the replacement.
    const replacement = await until('a replacement worker', () => listening(app)[2], app);
    expect(app.output()).toContain('"msg":"worker exited"');
    expect((await request(app.url, '/healthz')).status).toBe(200);

    const pids = [...new Set(listening(app).map((w) => w.pid))].filter(alive);
    expect(pids).toContain(replacement.pid);
    expect(pids).toHaveLength(2);
    // To the primary alone (through its tsx wrapper), not the process group: the primary passes it on to each worker.
    app.child.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    await until('every worker to end', () => pids.every((pid) => !alive(pid)), app);
    expect(app.output().match(/"msg":"stopped"/g)?.length).toBe(3);
  });
});

describe('BCF_WORKERS, read at start-up', () => {
  it('defaults to one per core on PostgreSQL and one on SQLite; a value that is not 1 to 64 is refused, naming it', () => {
    expect(workerCount(readEnv({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/bcf' }))).toBe(os.availableParallelism());
    expect(workerCount(readEnv({ DATABASE_URL: 'data/bcf.sqlite' }))).toBe(1);
    expect(workerCount(readEnv({ DATABASE_URL: 'data/bcf.sqlite', BCF_WORKERS: '3' }))).toBe(3);
    for (const bad of ['0', '65', 'two', '1.5', '-1']) {
      expect(() => readEnv({ BCF_WORKERS: bad })).toThrow(
        `BCF_WORKERS: must be a whole number of worker processes from 1 to 64, got '${bad}'`,
      );
    }
  });
});
