// Starts and stops the measured server (tests/bench/serve.ts) as a child process, and reads its memory from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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
    cpuMs: () => {
      // Fields 14 and 15 (utime, stime) in clock ticks of 10 ms, counted after the command name in parentheses.
      const fields = (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
