// The field builders every noun's schema is made of. Each message names the field, the value and the rule (design
// rule 5): "Planned (£) must be a whole number of pence from 0 up to £100,000,000,000.00, got -500". Each builder
// also describes its schema with the label, so a noun's labels are read from its fields (shape.ts labelsOf).
import { z } from 'zod';
import { financialYearProblem } from '../financial-year';
import { formatPence, MAX_AMOUNT_PENCE } from '../money';
import { wellFormedString } from '../unicode';

export const NOTE_MAX_LENGTH = 2000;

/** How a rejected value is quoted back to the person who sent it: short, and never the whole of a huge paste. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > 40 ? `a text of ${value.length.toLocaleString('en-GB')} characters` : `'${value}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** One message for every way a field can fail: "<label> <rule>, got <value>", or "<label> is required (<rule>)". */
export function rule(label: string, text: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? `${label} is required: it ${text}` : `${label} ${text}, got ${describeValue(issue.input)}`,
  };
}

/** How many unknown keys a message names before it says "and N more": a hostile body with thousands of keys must
 * not get a reply that grows with their square (tests/reliability/fuzz.test.ts). */
export const NAMED_KEYS = 10;

/** A few names of a long list, for a message: "a, b, c and 997 more". Each name is cut to 40 characters. */
export function someNames(names: readonly string[], most = NAMED_KEYS): string {
  const shown = names.slice(0, most).map((n) => (n.length > 40 ? `${n.slice(0, 39)}…` : n));
  return names.length > most ? `${shown.join(', ')} and ${names.length - most} more` : shown.join(', ');
}

export function strict<T extends z.ZodRawShape>(shape: T, what: string) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${what} has unknown field(s): ${someNames(issue.keys)}`
        : `${what} must be an object, got ${describeValue(issue.input)}`,
  });
}

/** A whole number from min to max, every failure reported with the same rule. */
export function wholeNumber(label: string, min: number, max: number, text = `must be a whole number from ${min} to ${max}`) {
  const r = rule(label, text);
  return z.number(r).int(r).min(min, r).max(max, r).describe(label);
}

export const id = (label: string) => wholeNumber(label, 1, Number.MAX_SAFE_INTEGER, 'must be a whole number id of 1 or more');

export const PENCE_RULE = `must be a whole number of pence from 0 up to ${formatPence(MAX_AMOUNT_PENCE)}`;

export const pence = (label: string) => wholeNumber(label, 0, MAX_AMOUNT_PENCE, PENCE_RULE);

/** Text of min to max characters; trimmed unless it is free text whose spacing is the author's (a note). */
export function text(label: string, min: number, max: number, trim = true) {
  const r = rule(
    label,
    min > 0
      ? `must be text of ${min} to ${max.toLocaleString('en-GB')} characters`
      : `must be text of at most ${max.toLocaleString('en-GB')} characters`,
  );
  const base = wellFormedString(label, r);
  return (trim ? base.trim() : base).min(min, r).max(max, r).describe(label);
}

export function oneOf<T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, rule(label, `must be one of ${values.join(', ')}`)).describe(label);
}

/** Text that must match a pattern, every failure reported with the same rule. */
export function coded(label: string, pattern: RegExp, text: string) {
  return wellFormedString(label, rule(label, text)).regex(pattern, rule(label, text)).describe(label);
}

/** A reference-list code (a scheme type, an area of spend...): which codes exist is data of the fund's BCF year. */
export function referenceCode(label: string) {
  return coded(
    label,
    /^[a-z0-9_]{1,50}$/,
    'must be a code from the list of the fund’s BCF year (lower case letters, digits and _), or null',
  ).nullable();
}

/** A true-or-false field. */
export function yesNo(label: string, text: string) {
  return z.boolean(rule(label, text)).describe(label);
}

export const idSchema = id('Id');

export const version = wholeNumber('Version', 1, Number.MAX_SAFE_INTEGER, 'must be the whole-number version of the row you last saw');

/** A financial year, April to March, written like `example` (a fund's year, or the price year of a unit cost). */
export function yearSchema(label: string, example: string) {
  return wellFormedString(label, rule(label, `must be written like ${example}`))
    .superRefine((value, ctx) => {
      const problem = financialYearProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `${label} ${problem}, got '${value}'` });
    })
    .describe(label);
}

export const financialYearSchema = yearSchema('Financial year', '2025/26');

export const quarterSchema = wholeNumber('Quarter', 1, 4, 'must be 1, 2, 3 or 4');

/** A funding-stream code; which codes exist is reference data in the database, checked by the server. */
export const sourceSchema = wellFormedString('Funding source', rule('Funding source', 'must be a funding source code'))
  .regex(/^[a-z][a-z0-9_]{0,49}$/, rule('Funding source', 'must be a funding source code (lower case letters, digits and _)'))
  .describe('Funding source');

/** A BCF planning year: a two-year plan like 2023-25, or one year like 2025/26. */
export const bcfYearSchema = coded('BCF year', /^\d{4}(\/|-)\d{2}$/, 'must be written like 2025/26 or 2023-25');
