// The real server as a separate process (`node_modules/.bin/tsx server/cli.ts start`, as npm start runs it) on a
// given database file, in its own process group: tsx runs the server in a child process, so a SIGKILL must go to the
// whole group to kill the server itself rather than orphan it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from './server';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
  /** Send a signal to the server and its tsx wrapper. */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running, and wait for the exit: for afterAll. */
  kill: () => Promise<void>;
}

export async function startApp(databaseFile: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/cli.ts', 'start'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseFile,
      BCF_DEMO_PASSWORD: DEMO_PASSWORD,
      BCF_LOG: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  const signal = (sig: NodeJS.Signals) => {
    if (ended || child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal('SIGKILL');
      reject(new Error(`server did not start in 30 s:\n${out}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        // It listens on 127.0.0.1 (HOST) and prints "localhost"; use the address itself, so no lookup tries ::1 first.
        resolve(match[1].replace('//localhost:', '//127.0.0.1:'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before serving:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    signal,
    exited,
    kill: async () => {
      signal('SIGKILL');
      await exited;
    },
  };
}
