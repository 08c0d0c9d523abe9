// The arithmetic of starting next year's plan from this year's (issue 15, item 5): each funding stream's planned total
// rises by the chosen uplift, exact to the penny, and is divided back over that stream's cells (partner x quarter for
// contributions, scheme x quarter for planned spend) in proportion to the old cells. Pure: no I/O.
//
// Rule: new total = old total x (1 + uplift), rounded to the penny half up (in BigInt, never floats); the new total is
// then divided over the stream's cells by largest remainder (shared/allocate.ts) with the OLD cells' pence as the
// weights (never rounded shares), so the cells add up to the new total exactly and each is within a penny of its exact
// share. A cell of zero stays zero. Contributions and planned spend go through the same function, so a plan whose spend
// per stream equalled its income still does after the roll-over.
import { largestRemainder } from './allocate';
import { parseUpliftPercent as readUpliftPercent, upliftInputText } from './uplift-percent';

/** Basis points of 100%: an uplift of 390 is 3.9%. */
const WHOLE_BP = 10_000n;

/** `totalPence` x (1 + upliftBp / 10000), rounded to the penny half up: upliftTotal(1001, 390) = 1040 (1040.039). */
export function upliftTotal(totalPence: number, upliftBp: number): number {
  if (!Number.isSafeInteger(totalPence) || totalPence < 0)
    throw new RangeError(`total must be a whole number of pence of 0 or more, got ${totalPence}`);
  if (!Number.isSafeInteger(upliftBp) || upliftBp < -10_000 || upliftBp > 10_000) {
    throw new RangeError(`uplift must be a whole number of basis points from -10000 to 10000, got ${upliftBp}`);
  }
  // Both factors are 0 or more, so "half up" is plain: add half the divisor, then divide (BigInt division floors).
  const scaled = BigInt(totalPence) * (WHOLE_BP + BigInt(upliftBp));
  return Number((scaled + WHOLE_BP / 2n) / WHOLE_BP);
}

/** One stream's total before and after the uplift. */
export interface StreamUplift {
  /** The stream's code; null for cells with no stream (a scheme whose source of funding is not chosen yet). */
  stream: string | null;
  beforePence: number;
  afterPence: number;
}

/** The cells uplifted, in the order given, and each stream's totals (streams in order of first appearance). */
export interface UpliftResult {
  cells: number[];
  streams: StreamUplift[];
}

/**
 * Uplift every cell by its stream: `cells[i]` (pence, 0 or more) belongs to stream `streams[i]`. Each stream's total is
 * uplifted by `upliftTotal` and divided back over its own cells by largest remainder on their old amounts.
 */
export function upliftByStream(cells: readonly number[], streams: readonly (string | null)[], upliftBp: number): UpliftResult {
  if (cells.length !== streams.length) throw new RangeError(`${cells.length} cells but ${streams.length} streams`);
  const byStream = new Map<string | null, number[]>();
  streams.forEach((stream, i) => byStream.set(stream, [...(byStream.get(stream) ?? []), i]));
  const out = cells.map(() => 0);
  const totals: StreamUplift[] = [];
  for (const [stream, indexes] of byStream) {
    const old = indexes.map((i) => cells[i] ?? 0);
    const beforePence = old.reduce((acc, p) => acc + p, 0);
    const afterPence = upliftTotal(beforePence, upliftBp);
    largestRemainder(afterPence, old).forEach((p, k) => (out[indexes[k] ?? 0] = p));
    totals.push({ stream, beforePence, afterPence });
  }
  return { cells: out, streams: totals };
}

/** An uplift in basis points as people write it: 390 -> "3.9", -50 -> "-0.5", 1000 -> "10" (shared/uplift-percent.ts). */
export function upliftPercentText(upliftBp: number): string {
  return upliftInputText(upliftBp);
}

/** A percentage typed by a person ("3.9", "-1.25", "10%") in basis points, or null when it is not one: the one reader
 * of typed uplifts (shared/uplift-percent.ts), which never goes through a float, so 3.9 is exactly 390. */
export function parseUpliftPercent(text: string): number | null {
  const read = readUpliftPercent(text);
  return read.ok ? read.bp : null;
}
