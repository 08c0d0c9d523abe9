// `npm start` (scripts/start.mjs) on a copy of the repository: the first run builds the client and compiles the server,
// then serves the app from the compiled bundle under plain Node; a second run with nothing changed builds nothing
// (its output says so, and the digests and outputs are untouched); a changed source rebuilds what it is part of, and
// only that; a file touched but not changed rebuilds nothing. One vite build in all, on the copy.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/app-process';
import { DEMO_PASSWORD } from '../support/server';

/** What the launcher reads: the sources, the build settings and the lockfile; node_modules is linked, not copied. */
const COPIED = ['client', 'shared', 'server', 'db', 'scripts', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

let copy: string;
let dataDir: string;

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-launcher-'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-launcher-data-'));
  for (const name of COPIED) fs.cpSync(path.join(ROOT, name), path.join(copy, name), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
});
afterAll(() => {
  fs.rmSync(copy, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node scripts/start.mjs` in the copy, as `npm start` runs it, until it says where it serves. */
async function start(): Promise<Started> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: copy,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: path.join(dataDir, 'bcf.sqlite'), BCF_DEMO_PASSWORD: DEMO_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start did not serve in 120 s:\n${out}`));
    }, 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving http:\/\/localhost:(\d+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before serving:\n${out}`));
    });
  });
  return { child, url, output: () => out, exited };
}

async function stop(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  expect(await started.exited).toBe(0);
}

/** `node scripts/build.mjs [args]` in the copy: its output. */
function build(...args: string[]): string {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', ...args], { cwd: copy, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const OUTPUTS = ['dist/client/.source-digest', 'dist/client/index.html', 'dist/server/.source-digest', 'dist/server/cli.mjs'];
const modifiedTimes = () => Object.fromEntries(OUTPUTS.map((file) => [file, fs.statSync(path.join(copy, file)).mtimeMs]));

describe('npm start (scripts/start.mjs)', () => {
  let firstBuild: Record<string, number>;

  it('on a fresh copy builds both, then serves the page and the API from the compiled server under plain Node', async () => {
    const app = await start();
    try {
      expect(app.output()).toContain('rebuilding the client: not built yet');
      expect(app.output()).toContain('compiling the server: not built yet');
      const page = await fetch(`${app.url}/funds/1/contributions`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]*src="\/assets\/[^"]+\.js"/);
      const login = await fetch(`${app.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.test', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const me = (await (await fetch(`${app.url}/trpc/auth.me`, { headers: { Cookie: cookie } })).json()) as unknown;
      expect(me).toMatchObject({ result: { data: { user: { email: 'admin@demo.test' } } } });
      // One process, plain Node running the launcher: no TypeScript loader, no wrapper, no child process.
      const cmdline = fs.readFileSync(`/proc/${app.child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      expect(cmdline).toEqual([process.execPath, 'scripts/start.mjs']);
      expect(spawnSync('pgrep', ['-P', String(app.child.pid)], { encoding: 'utf8' }).stdout.trim()).toBe('');
    } finally {
      await stop(app);
    }
    firstBuild = modifiedTimes();
  }, 180_000);

  it('with nothing changed builds nothing: it says so, and no digest or output is written', async () => {
    const app = await start();
    try {
      expect(app.output()).toContain('client up to date');
      expect(app.output()).toContain('server up to date');
      expect(app.output()).not.toMatch(/rebuilding|compiling/);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      await stop(app);
    }
    expect(modifiedTimes()).toEqual(firstBuild);
  }, 120_000);

  it('a file touched but not changed rebuilds nothing: sources are compared by content, not by time', () => {
    const file = path.join(copy, 'client', 'main.tsx');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
    expect(build()).toBe('client up to date\nserver up to date\n');
    expect(modifiedTimes()).toEqual(firstBuild);
  });

  it('a changed server file recompiles the server only; a changed client file would rebuild the client only', () => {
    fs.appendFileSync(path.join(copy, 'server', 'log.ts'), '\n// A change.\n');
    const output = build();
    expect(output).toContain('client up to date');
    expect(output).toContain('compiling the server: sources changed');
    const after = modifiedTimes();
    expect(after['dist/server/cli.mjs']).not.toBe(firstBuild['dist/server/cli.mjs']);
    expect(after['dist/client/index.html']).toBe(firstBuild['dist/client/index.html']);

    fs.appendFileSync(path.join(copy, 'client', 'main.tsx'), '\n// A change.\n');
    expect(build('--dry-run')).toBe('client would be rebuilt: sources changed\nserver up to date\n');
    // A dry run writes nothing.
    expect(modifiedTimes()).toEqual(after);
  });
});
