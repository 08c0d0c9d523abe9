// The bench's figures: percentiles of timed samples, each figure with its target, and the table `npm run bench`
// prints. A benchmark reports; it never fails a build (correctness is the tests' job).
import { performance } from 'node:perf_hooks';

export interface Target {
  op: '<=' | '>=' | '=';
  value: number;
}

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  target?: Target;
  /** How the figure was got, or why it is missing. */
  note?: string;
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** Time `work` `runs` times after `warmup` untimed runs; milliseconds per run. */
export async function timeRuns(runs: number, warmup: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(warmup + i);
    samples.push(performance.now() - start);
  }
  return samples;
}

export function isMet(figure: Figure): boolean | null {
  const { target, value } = figure;
  if (!target || value === null || Number.isNaN(value)) return null;
  if (target.op === '<=') return value <= target.value;
  if (target.op === '>=') return value >= target.value;
  return value === target.value;
}

function formatValue(value: number | null): string {
  if (value === null || Number.isNaN(value)) return 'n/a';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-GB');
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
}

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const met = isMet(f);
    return [
      f.name,
      `${formatValue(f.value)} ${f.unit}`.trim(),
      f.target ? `${f.target.op} ${formatValue(f.target.value)} ${f.unit}`.trim() : '',
      met === null ? '' : met ? 'yes' : 'NO',
    ];
  });
  const header = ['figure', 'value', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
