// Round axis ticks for every chart: steps of 1, 2, 2.5 or 5 times a power of ten, from at or below the data's lowest
// value to at or above its highest, so a reader sees 130, 135, 140 rather than recharts' own 133, 136.5, 140. Pure.
// Values are whole units (pence, hundredths of a metric, basis points): a step is never smaller than `minStep`.

/** The multiples of a power of ten a step may be (2.5 keeps quarters of a unit: £2.5k, 25p). */
const NICE = [1, 2, 2.5, 5, 10] as const;

/** The smallest round step at least `rough` (and at least `minStep`, itself a whole number). */
export function niceStep(rough: number, minStep = 1): number {
  if (!(rough > minStep)) return minStep;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of NICE) {
    // power >= 1 here (rough > minStep >= 1), so a step is whole except 2.5: skipped, as values are whole units.
    const step = Math.round(m * power * 10) / 10;
    if (Number.isInteger(step) && step >= rough) return Math.max(minStep, step);
  }
  return 10 * power;
}

export interface TickOptions {
  /** About how many gaps between ticks (the result has this many or a few more, never fewer than 1). */
  gaps?: number;
  /** The smallest step, in the data's units (100 for whole pounds on a pence axis). */
  minStep?: number;
  /** Start at zero when every value is positive (bars grow from zero); lines fit their data instead. */
  includeZero?: boolean;
}

/**
 * Ticks covering [min, max]: the first at or below `min`, the last at or above `max`, evenly `niceStep` apart. An
 * empty or flat range still gets an axis (one step around the value), so a chart of one figure has a scale.
 */
export function niceTicks(values: readonly number[], { gaps = 4, minStep = 1, includeZero = false }: TickOptions = {}): number[] {
  const finite = values.filter((v) => Number.isFinite(v));
  let low = finite.length ? Math.min(...finite) : 0;
  let high = finite.length ? Math.max(...finite) : 0;
  if (includeZero) {
    low = Math.min(low, 0);
    high = Math.max(high, 0);
  }
  // A flat range (one value, or all equal) is scaled by its size, so 135 gets 100 to 150, not 135 to 135.01.
  const spread = high > low ? high - low : Math.max(Math.abs(high), minStep);
  const step = niceStep(spread / Math.max(1, gaps), minStep);
  let first = Math.floor(low / step) * step;
  let last = Math.ceil(high / step) * step;
  if (first === last) {
    // One value: a step below it (not below zero if it is not) and a step above.
    if (first > 0 || (includeZero && first === 0)) last += step;
    else first -= step;
    if (first === last) last += step;
  }
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step / 1000; i += 1) ticks.push(Math.round((first + i * step) * 1000) / 1000);
  return ticks;
}

/** The figures a bar chart's value axis must cover: each bar, or for stacked bars each stack's positive and negative
 * parts (a stack of £6m and £4m reaches £10m). A null (not yet reported) is no bar and counts for nothing. */
export function barExtent(rows: readonly Readonly<Record<string, unknown>>[], keys: readonly string[], stacked: boolean): number[] {
  const figures = rows.map((row) => keys.map((k) => row[k]).filter((v): v is number => typeof v === 'number'));
  if (!stacked) return figures.flat();
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return figures.flatMap((f) => [sum(f.filter((v) => v > 0)), sum(f.filter((v) => v < 0))]);
}
