// The grid section's production figures: how long `npm start` takes to be ready when nothing changed (beside the
// minimal server's start), and the first page's script size (scripts/client-size.mjs, as its command line prints it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { MINIMAL_SCHEMA } from './grid-data';
import { startCommandServer } from './server';
import { median } from './stats';

/** npm start's command (package.json), run by the bench without npm in between so that its process is the server. */
export const START = { argv: [process.execPath, 'scripts/start.mjs'], label: 'node scripts/start.mjs' };

/** The environment of a tracker the bench starts: a free port, quiet about the demo unless asked, run as production. */
export function trackerEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, BCF_DEMO: '0', NODE_ENV: 'production', ...extra };
}

/** An empty database for the minimal server (its one table). */
export function minimalDatabase(file: string): void {
  const db = new SQLite(file);
  db.exec(MINIMAL_SCHEMA);
  db.close();
}

/**
 * Spawn to "listening", in ms, when nothing changed: the tracker is started once on a fresh file with the demo (which
 * seeds it, and may build the client), stopped, then started `runs` times more on the same file, alternating with the
 * minimal server; medians of those.
 */
export async function startToReady(minimalScript: string, runs: number): Promise<{ trackerMs: number; minimalMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-grid-start-'));
  try {
    const file = path.join(dir, 'start.sqlite');
    const minimalFile = path.join(dir, 'minimal.sqlite');
    minimalDatabase(minimalFile);
    await (await startCommandServer(START.argv, trackerEnv(file, { BCF_DEMO: '1' }))).stop();
    const tracker: number[] = [];
    const minimal: number[] = [];
    const startTracker = async () => {
      const server = await startCommandServer(START.argv, trackerEnv(file, { BCF_DEMO: '1' }));
      tracker.push(server.readyMs);
      await server.stop();
    };
    const startMinimal = async () => {
      const server = await startCommandServer([process.execPath, minimalScript, minimalFile], { PORT: '0' });
      minimal.push(server.readyMs);
      await server.stop();
    };
    for (let i = 0; i < runs; i++) {
      for (const start of i % 2 === 0 ? [startTracker, startMinimal] : [startMinimal, startTracker]) await start();
    }
    return { trackerMs: median(tracker), minimalMs: median(minimal) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface ScriptSize {
  raw: number;
  gzip: number;
  /** Each script file, with its own sizes. */
  files: { file: string; raw: number; gzip: number }[];
}

function isScriptSize(value: unknown): value is ScriptSize {
  const v = value as Partial<ScriptSize> | null;
  return typeof v?.raw === 'number' && typeof v.gzip === 'number' && Array.isArray(v.files);
}

/** The first page's script (what a browser loads before the sign-in page works), measured by scripts/client-size.mjs
 * on the built client; a string saying why when it cannot be. */
export async function firstPageScript(distDir = 'dist/client'): Promise<ScriptSize | string> {
  const script = path.resolve('scripts/client-size.mjs');
  if (!fs.existsSync(path.join(distDir, 'index.html'))) return `not measured: no built client in ${distDir}`;
  const module = (await import(pathToFileURL(script).href)) as { firstPageScriptBytes?: (dir: string) => unknown };
  if (typeof module.firstPageScriptBytes !== 'function') return 'not measured: scripts/client-size.mjs exports no firstPageScriptBytes';
  const size = await module.firstPageScriptBytes(path.resolve(distDir));
  return isScriptSize(size) ? size : `not measured: firstPageScriptBytes answered ${JSON.stringify(size)}`;
}
