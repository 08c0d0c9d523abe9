// The bench's figures: percentiles of timed samples, each figure with its target, and the table `npm run bench`
// prints. A benchmark reports; it never fails a build (correctness is the tests' job).
import { performance } from 'node:perf_hooks';

export interface Target {
  op: '<=' | '>=' | '=';
  value: number;
  /** 'ratio': the target bounds the figure over the minimal server's (the grid section's "within 1.5x of it"). */
  of?: 'value' | 'ratio';
}

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  target?: Target;
  /** How the figure was got, or why it is missing. */
  note?: string;
  /** The same figure on the bench's minimal server (the grid section), printed beside it with the ratio. */
  minimal?: number | null;
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

/** The middle value (the upper middle of an even count): the grid section's figure of its rounds. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
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

/** The figure over the minimal server's; null without one. */
export function ratioOf(figure: Figure): number | null {
  const { value, minimal } = figure;
  if (value === null || minimal === undefined || minimal === null || minimal === 0) return null;
  return value / minimal;
}

export function isMet(figure: Figure): boolean | null {
  const { target } = figure;
  const value = target?.of === 'ratio' ? ratioOf(figure) : figure.value;
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
  // The minimal server's columns only when some figure has one (the grid section ran).
  const withMinimal = figures.some((f) => f.minimal !== undefined);
  const rows = figures.map((f) => {
    const met = isMet(f);
    const ratio = ratioOf(f);
    const target = !f.target
      ? ''
      : f.target.of === 'ratio'
        ? `${f.target.op} ${formatValue(f.target.value)}x`
        : `${f.target.op} ${formatValue(f.target.value)} ${f.unit}`;
    return [
      f.name,
      `${formatValue(f.value)} ${f.unit}`.trim(),
      ...(withMinimal
        ? [f.minimal === undefined ? '' : `${formatValue(f.minimal)} ${f.unit}`.trim(), ratio === null ? '' : `${formatValue(ratio)}x`]
        : []),
      target.trim(),
      met === null ? '' : met ? 'yes' : 'NO',
    ];
  });
  const header = ['figure', 'value', ...(withMinimal ? ['minimal server', 'ratio'] : []), 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i > 0 && i < cells.length - 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The lines under the table: each figure not measured and why, then which targets are missed, by name. */
export function closingLines(figures: readonly Figure[]): string {
  const unmeasured = figures
    .filter((f) => f.value === null && f.note)
    .map((f) => `Not measured: ${f.name}: ${(f.note ?? '').replace(/^not measured: /, '')}`);
  const missed = figures.filter((f) => isMet(f) === false);
  return [...unmeasured, missed.length ? `Missed: ${missed.map((f) => f.name).join('; ')}` : 'Every target met.'].join('\n');
}
