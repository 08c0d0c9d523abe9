// Test harness for end-to-end tests: starts the real server (`server/cli.ts start`, as npm start does after its
// build) on a temporary database and a free port, and a headless Debian Chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Fund } from '../../shared/types';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether browser tests can run here. Locally they are skipped without Chromium; with CI=true they must run. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}: .ci/run must install it`);
  console.warn(`Skipping end-to-end tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return false;
}

export interface RunningServer {
  url: string;
  dir: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** The demo users' password in tests (the server prints a random one when BCF_DEMO_PASSWORD is unset). */
export const DEMO_PASSWORD = 'demo-password-for-tests';

/** `options.dir`: run on the database in that folder (kept when the server stops), so a test can restart the server on
 * the same data, for example with another BCF_CLOCK ("the next day"); the caller removes the folder. */
export async function startServer(env: Record<string, string> = {}, options: { dir?: string } = {}): Promise<RunningServer> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-e2e-'));
  const child = spawn('node_modules/.bin/tsx', ['server/cli.ts', 'start'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: path.join(dir, 'bcf.sqlite'),
      BCF_DEMO_PASSWORD: DEMO_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dir,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** An API client over HTTP as any client would call it (plain JSON, no transformer), signed in as `email`. */
export async function apiAs(base: string, email: string, password = DEMO_PASSWORD) {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${email} failed: ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    query: async <T>(name: string, input?: unknown): Promise<T> => {
      const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const res = await fetch(`${base}/trpc/${name}${qs}`, { headers: { Cookie: cookie } });
      const body = (await res.json()) as { result?: { data: T }; error?: unknown };
      if (!body.result) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
      return body.result.data;
    },
    mutate: async <T>(name: string, input?: unknown): Promise<T> => {
      const res = await fetch(`${base}/trpc/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify(input ?? null),
      });
      const body = (await res.json()) as { result?: { data: T }; error?: unknown };
      if (!body.result) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
      return body.result.data;
    },
  };
}

/** Sign in through the real sign-in page. */
export async function signIn(page: Page, base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** The demo borough BCF and one of its funds (2025/26 unless said), as most browser tests start from them. */
export async function demoBcfFund(api: Awaited<ReturnType<typeof apiAs>>, financialYear = '2025/26') {
  const partnership = (await api.query<{ id: number; name: string }[]>('partnerships.list')).find(
    (p) => p.name === 'Northbridge Better Care Fund',
  );
  if (!partnership) throw new Error('the demo BCF partnership is missing');
  const fund = (await api.query<Fund[]>('funds.list', { partnershipId: partnership.id })).find((f) => f.financialYear === financialYear);
  if (!fund) throw new Error(`the demo BCF fund for ${financialYear} is missing`);
  return { partnership, fund };
}
