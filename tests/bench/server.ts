// Starts and stops the measured server (tests/bench/serve.ts, or a command such as npm start's) as a child process,
// and reads its memory and CPU from /proc: of the process and every process under it (a launcher, workers).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface BenchServer {
  port: number;
  pid: number;
  /** Resident memory now and at its peak, in MB (VmRSS and VmHWM of /proc/<pid>/status). */
  memory: () => { rssMb: number; peakMb: number };
  /** CPU time (user + system) the server has used so far, in ms, from /proc/<pid>/stat. */
  cpuMs: () => number;
  stop: () => Promise<void>;
}

function statusField(pid: number, field: string): number {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** `cwd`: where the server finds dist/client (the repository, unless an experiment builds another client). */
export async function startBenchServer(file: string, cwd = process.cwd()): Promise<BenchServer> {
  // node --import tsx in this one process (the tsx wrapper would put another process between us and the server).
  // BENCH_SERVER_FLAGS adds Node flags (say --max-old-space-size=192) to see how they change the figures.
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter((f) => f !== '');
  const child: ChildProcess = spawn(process.execPath, [...flags, '--import', 'tsx', path.resolve('tests/bench/serve.ts'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`bench server did not start in 60 s: ${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /\{"port":(\d+)\}/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited with ${code}: ${output}`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    port,
    pid,
    memory: () => ({ rssMb: statusField(pid, 'VmRSS'), peakMb: statusField(pid, 'VmHWM') }),
    cpuMs: () => processCpuMs(pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Fields of /proc/<pid>/stat after the command name in parentheses (field 3 onwards); empty once it has gone. */
function statFields(pid: number): string[] {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return (text.slice(text.lastIndexOf(') ') + 2) || '').split(' ');
  } catch {
    return [];
  }
}

/** CPU time (user + system) a process has used, in ms: fields 14 and 15, in clock ticks of 10 ms. */
function processCpuMs(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
}

/** The process and all its descendants, found through each process's parent (field 4 of /proc/<pid>/stat). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))[1] ?? 0);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function rssMbOf(pid: number): number {
  try {
    return statusField(pid, 'VmRSS');
  } catch {
    return 0;
  }
}

export interface CommandServer {
  port: number;
  pid: number;
  /** The processes serving (the command's and every one under it) when last counted. */
  processes: () => number;
  /** Resident memory summed over the process tree, in MB. */
  rssMb: () => number;
  /** CPU time (user + system) summed over the process tree so far, in ms (a process that has exited is no longer counted). */
  cpuMs: () => number;
  /** Spawn to the "listening" log line, in ms. */
  readyMs: number;
  /** Everything the command printed before it was ready (the demo's sign-ins, a build's output). */
  startOutput: string;
  stop: () => Promise<void>;
}

/**
 * Run `argv` (a launcher such as `node scripts/start.mjs`, or the bench's minimal server) with `env`, and wait for the
 * JSON log line whose msg is "listening" to learn its port. Its output after that is read and dropped (a full pipe
 * would stall a server that logs every request).
 */
export async function startCommandServer(
  argv: readonly string[],
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<CommandServer> {
  const [command, ...args] = argv;
  if (!command) throw new Error('no command to start');
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const keep = (chunk: Buffer) => {
    if (output.length < 200_000) output += chunk.toString();
  };
  child.stderr?.on('data', keep);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${argv.join(' ')} was not listening after ${timeoutMs / 1000} s: ${output.slice(-2_000)}`));
    }, timeoutMs);
    let pending = '';
    const onData = (chunk: Buffer) => {
      keep(chunk);
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = line.includes('"listening"') ? /"port":(\d+)/.exec(line) : null;
        if (match?.[1]) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolve(Number(match[1]));
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')} exited with ${code}: ${output.slice(-2_000)}`));
    });
  });
  const readyMs = performance.now() - started;
  const pid = child.pid ?? 0;
  let known = processTree(pid);
  const tree = () => (known = child.exitCode === null ? processTree(pid) : []);
  return {
    port,
    pid,
    readyMs,
    startOutput: output,
    processes: () => tree().length,
    rssMb: () => tree().reduce((mb, p) => mb + rssMbOf(p), 0),
    cpuMs: () => tree().reduce((ms, p) => ms + processCpuMs(p), 0),
    stop: async () => {
      const last = child.exitCode === null ? processTree(pid) : known;
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      // A launcher that did not pass the signal on must not leave its workers behind: end them, by their ids.
      for (const p of last.slice(1)) {
        try {
          process.kill(p, 'SIGTERM');
        } catch {
          // gone already
        }
      }
    },
  };
}
