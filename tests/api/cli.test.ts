// The command line on a fresh deployment: `user:add` creates an account and prints its password once; `start` with
// BCF_DEMO=0 on an empty database asks for `npm run user:add`; with demo data it prints the demo sign-ins on the
// first start only. Each runs the real `tsx server/cli.ts` on a temporary database.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../db/connection';
import { createCaller } from '../../server/router';
import { testContext } from '../support/api';

let dir: string;
let serial = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function freshDatabase(): string {
  serial += 1;
  return path.join(dir, `cli-${serial}.sqlite`);
}

function cliEnv(databaseUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', ...extra };
  if (!('BCF_DEMO_PASSWORD' in extra)) delete env.BCF_DEMO_PASSWORD;
  return env;
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn('node_modules/.bin/tsx', ['server/cli.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Run a command to completion: its exit code and everything it printed. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out:\n${output}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** `start` until it says it is serving, then SIGTERM; resolves with what it printed and how it exited. */
function startAndStop(env: NodeJS.ProcessEnv): Promise<{ output: string; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(['start'], env);
    let output = '';
    let stopping = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start and stop in 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!stopping && /serving http:\/\/\S+/.test(output)) {
        stopping = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!stopping) reject(new Error(`server exited before serving (${code}):\n${output}`));
      else resolve({ output, code, signal });
    });
  });
}

/** Sign in against a database file directly, with the real routers. */
async function signIn(file: string, email: string, password: string) {
  const db: DB = openDatabase(file);
  try {
    const ctx = testContext(db, null);
    const result = await createCaller(ctx).auth.login({ email, password });
    return { user: result.user, cookies: ctx.cookies };
  } finally {
    await db.destroy();
  }
}

describe('npm run user:add', () => {
  it('creates the account, prints its password once, and that password signs in', async () => {
    const file = freshDatabase();
    const { code, output } = await run(
      ['user:add', '--email', 'x@y.example', '--role', 'admin', '--name', 'X'],
      cliEnv(file, { BCF_DEMO: '0' }),
    );
    expect(code, output).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(output)?.[1];
    expect(password, output).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(output).toMatch(/Created admin x@y\.example/);

    const { user, cookies } = await signIn(file, 'x@y.example', password ?? '');
    expect(user).toEqual(expect.objectContaining({ email: 'x@y.example', name: 'X', role: 'admin' }));
    expect(cookies[0]).toMatch(/^bcf_session=/);
    await expect(signIn(file, 'x@y.example', 'not the password')).rejects.toThrow(/Email or password is incorrect/);
  });

  it('refuses a role that does not exist and a duplicate email, saying why, creating nothing', async () => {
    const file = freshDatabase();
    const badRole = await run(['user:add', '--email', 'z@y.example', '--role', 'root'], cliEnv(file, { BCF_DEMO: '0' }));
    expect(badRole.code).not.toBe(0);
    expect(badRole.output).toMatch(/Role must be one of admin, finance_officer, commissioner, board_member, got 'root'/);
    expect(badRole.output).toMatch(/usage: npm run user:add/);

    const first = await run(['user:add', '--email', 'z@y.example', '--role', 'board_member'], cliEnv(file, { BCF_DEMO: '0' }));
    expect(first.code, first.output).toBe(0);
    const again = await run(['user:add', '--email', 'z@y.example', '--role', 'admin'], cliEnv(file, { BCF_DEMO: '0' }));
    expect(again.code).not.toBe(0);
    expect(again.output).toMatch(/already has an account/);

    const db = openDatabase(file);
    try {
      expect(await db.selectFrom('appUser').select(['email', 'role']).execute()).toEqual([{ email: 'z@y.example', role: 'board_member' }]);
    } finally {
      await db.destroy();
    }
  });
});

describe('npm start on a new database', () => {
  it('with BCF_DEMO=0 seeds nothing and asks for npm run user:add', async () => {
    const file = freshDatabase();
    const { output, code, signal } = await startAndStop(cliEnv(file, { BCF_DEMO: '0' }));
    expect(output).toMatch(/No users yet/);
    expect(output).toMatch(/npm run user:add -- --email \S+ --role admin/);
    expect(output).not.toMatch(/demo\.test/);
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    const db = openDatabase(file);
    try {
      expect(await db.selectFrom('appUser').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('partnership').select('id').execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('with demo data prints the demo sign-ins once; a second start on the same database does not', async () => {
    const file = freshDatabase();
    const env = cliEnv(file, { BCF_DEMO: '1', BCF_DEMO_PASSWORD: 'demo-password-for-cli-test' });
    const first = await startAndStop(env);
    for (const email of ['admin@demo.test', 'finance@demo.test', 'commissioner@demo.test', 'board@demo.test']) {
      expect(first.output, first.output).toContain(email);
    }
    expect(first.output).toMatch(/Demo sign-ins/);
    // The chosen password is not echoed; a pointer to where it came from is.
    expect(first.output).not.toContain('demo-password-for-cli-test');
    expect(first.output).toContain('(BCF_DEMO_PASSWORD)');
    expect(first.output).not.toMatch(/No users yet/);

    const { user } = await signIn(file, 'board@demo.test', 'demo-password-for-cli-test');
    expect(user.role).toBe('board_member');
    expect(user.orgIds.length).toBeGreaterThan(0);

    const second = await startAndStop(env);
    expect(second.output).toMatch(/serving http:/);
    expect(second.output).not.toMatch(/demo\.test/);
    expect(second.output).not.toMatch(/Demo sign-ins/);
    expect(second.output).not.toMatch(/No users yet/);
  });

  it('with demo data and no BCF_DEMO_PASSWORD prints a random password once, and it signs in', async () => {
    const file = freshDatabase();
    const { output } = await startAndStop(cliEnv(file, { BCF_DEMO: '1' }));
    const password = /admin@demo\.test\s+admin\s+password: (\S+)/.exec(output)?.[1];
    expect(password, output).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    const { user } = await signIn(file, 'admin@demo.test', password ?? '');
    expect(user.role).toBe('admin');
  });
});
