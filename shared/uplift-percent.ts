// An uplift typed as a percentage ("3.9", "3.9%", "-2.5") read into basis points exactly: the text's digits are the
// percent and its hundredths, never a float multiplied by 100 (3.9 * 100 is 390.00000000000006 in floating point).
import { formatBasisPoints, parseBasisPoints } from './money';

export type UpliftParse = { ok: true; bp: number } | { ok: false; reason: string };

/** The uplift's limits, as bcfYears.* checks them (shared/schema/bcf-year.ts upliftBp): -100% to +100%. */
export const UPLIFT_LIMIT_BP = 10_000;

/** "3.9" -> 390 bp; at most two decimals; -100 to 100. An empty box is no uplift (null: the minimum is typed). */
export function parseUpliftPercent(input: string): UpliftParse | { ok: true; bp: null } {
  const text = input.trim();
  if (text === '') return { ok: true, bp: null };
  const parsed = parseBasisPoints(text);
  if (!parsed.ok) {
    const reason = /decimal/.test(parsed.reason) ? 'has more than two decimal places' : 'must be a percentage like 3.9 or -2.5';
    return { ok: false, reason: `“${text}” ${reason}` };
  }
  if (Math.abs(parsed.pence) > UPLIFT_LIMIT_BP) return { ok: false, reason: `“${text}” is outside -100% to +100%` };
  return { ok: true, bp: parsed.pence };
}

/** How an uplift reads in a table and a box: 390 -> "3.9%", none -> "—" (typed per fund). */
export function upliftText(bp: number | null): string {
  return bp === null ? '—' : formatBasisPoints(bp);
}

/** The text a box starts with for an uplift: 390 -> "3.9", none -> "". */
export function upliftInputText(bp: number | null): string {
  return bp === null ? '' : formatBasisPoints(bp).replace('%', '');
}
