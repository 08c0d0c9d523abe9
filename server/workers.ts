// Several processes behind one port (BCF_WORKERS, issue 18): the primary process, once the database is migrated and
// seeded, starts that many workers (node:cluster), each running the whole server; the primary accepts connections
// and hands them round the workers. Nothing that matters is kept in a worker's memory (sessions, sign-in throttling,
// presence, undo, the mail outbox's leases are all in the database; on PostgreSQL live events reach every worker
// through LISTEN), so any worker can answer any request. A worker that dies is replaced; SIGTERM drains them all.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './log';
import { HOLD_YOUNG_GENERATION, youngGenerationSizedByUser } from './startup-memory';

/** This process is a worker started by runWorkers (it serves; the primary has migrated and seeded already). */
export function isWorkerProcess(): boolean {
  return cluster.isWorker;
}

/** This worker's number (1, 2, ...; a replacement gets the next), for the X-Bcf-Worker header; null if not one. */
export function workerNumber(): number | null {
  return cluster.worker?.id ?? null;
}

/** More exits than this within RESTART_WINDOW_MS is a worker that cannot start (a port in use, a bad setting): the
 * primary stops rather than start replacements for ever. */
const RESTART_WINDOW_MS = 60_000;
const restartsAllowed = (count: number) => 3 * count + 2;
/** Past the workers' own grace period, the primary ends any worker still running. */
const KILL_AFTER_GRACE_MS = 5_000;

export interface WorkersOptions {
  count: number;
  /** The script each worker runs with `start` (this bundle, or server/cli.ts under tsx). */
  entry: string;
  log: Logger;
  /** How long a worker takes to drain (BCF_SHUTDOWN_GRACE_MS). */
  graceMs: number;
}

/** Start `count` workers and keep that many running until SIGTERM or SIGINT, then stop them all and exit: 0 when each
 * drained cleanly, 1 otherwise. */
export function runWorkers({ count, entry, log, graceMs }: WorkersOptions): void {
  // Each worker starts with its young generation held, as the launcher does, and lets it grow once it listens.
  const execArgv = youngGenerationSizedByUser() ? process.execArgv : [...process.execArgv, HOLD_YOUNG_GENERATION];
  cluster.setupPrimary({ exec: entry, args: ['start'], execArgv });
  const running = new Set<Worker>();
  const exits: number[] = [];
  let stopping = false;
  let clean = true;

  const start = () => {
    const worker = cluster.fork();
    running.add(worker);
    log.info('worker started', { worker: worker.id, pid: worker.process.pid ?? null });
  };

  const stop = (signal: NodeJS.Signals, why: string) => {
    if (stopping) {
      // A second Ctrl+C ends it at once, as with one process.
      if (signal === 'SIGINT') process.exit(1);
      return;
    }
    stopping = true;
    log.info('stopping', { signal, why, workers: running.size });
    if (running.size === 0) process.exit(clean ? 0 : 1);
    // SIGTERM, never SIGINT: a worker that already had Ctrl+C from the terminal ignores it, and keeps draining.
    for (const worker of running) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of running) worker.process.kill('SIGKILL');
      process.exit(1);
    }, graceMs + KILL_AFTER_GRACE_MS).unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    running.delete(worker);
    if (stopping) {
      if (code !== 0) clean = false;
      if (running.size === 0) {
        log.info('stopped', { drained: clean });
        process.exit(clean ? 0 : 1);
      }
      return;
    }
    log.error('worker exited', { worker: worker.id, pid: worker.process.pid ?? null, code, signal });
    const now = Date.now();
    exits.push(now);
    while (exits.length > 0 && (exits[0] ?? now) < now - RESTART_WINDOW_MS) exits.shift();
    if (exits.length > restartsAllowed(count)) {
      clean = false;
      stop('SIGTERM', `${exits.length} workers exited within ${RESTART_WINDOW_MS / 1000} s`);
      return;
    }
    start();
  });

  process.on('SIGTERM', () => stop('SIGTERM', 'signal'));
  process.on('SIGINT', () => stop('SIGINT', 'signal'));
  for (let i = 0; i < count; i++) start();
}
