// The `?` query of every page, as typed and checked values. A value a page cannot use (a mistyped id, a quarter 7) is
// dropped rather than refused, so a hand-edited link still opens the page with its defaults.
import { z } from 'zod';
import { parseUkDate } from '../shared/dates';
import { SUBMISSION_KINDS } from '../shared/schema/submission';

/** Query strings stay the plain `key=value` form people share (`?from=2&to=3`, `?compare=5%2C7`), not JSON. */
export function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);
const quarter = z.coerce.number().int().min(1).max(4).optional().catch(undefined);
/** A calendar day as yyyy-mm-dd, whatever the page shows (dd/mm/yyyy); a day that does not exist (2026-02-31) is dropped. */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => parseUkDate(day, 'Day').ok)
  .optional()
  .catch(undefined);
const word = z
  .string()
  .regex(/^[a-z_]+$/)
  .optional()
  .catch(undefined);

/** /history: the partnership in view (an id, or `all` for an administrator), who, from and to which day, what kind. */
export const historySearch = z
  .object({
    partnership: z
      .union([z.literal('all'), id])
      .optional()
      .catch(undefined),
    user: id,
    from: isoDay,
    to: isoDay,
    entity: word,
  })
  .partial();
export type HistorySearch = z.output<typeof historySearch>;

/** /partnerships/:id and its board pack: the fund and the quarters of the board's view. A "from" after "to" is
 * dropped, so the period is never empty. */
export const boardSearch = z
  .object({ fund: id, from: quarter, to: quarter, thread: id })
  .partial()
  .transform(({ fund, from, to, thread }): { fund?: number; from?: number; to?: number; thread?: number } => ({
    fund,
    thread,
    from: from !== undefined && to !== undefined && from > to ? undefined : from,
    to,
  }));
export type BoardSearch = z.output<typeof boardSearch>;

/** A comma-separated list of ids (`compare=5,7`); anything else in it is left out. */
const idList = z
  .unknown()
  .transform((value) =>
    String(value ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
  )
  .transform((ids) => (ids.length > 0 ? ids.join(',') : undefined));

/** /partnerships/:id/splits: the fund modelled, the scenario open and the scenarios compared. */
export const splitsSearch = z.object({ fund: id, scenario: id, compare: idList, thread: id }).partial();
export type SplitsSearch = z.output<typeof splitsSearch>;

/** A fund's contributions, plan and outcomes: `thread` opens a comment thread on one of its figures (a notification's
 * link, shared/comments.ts threadLink). */
export const threadSearch = z.object({ thread: id }).partial();
export type ThreadSearch = z.output<typeof threadSearch>;

/** /funds/:id/sign-off: `?kind=q2` opens the Q2 return; anything else opens the plan (a hand-edited link still opens
 * the page). */
export const signOffSearch = z.object({ kind: z.enum(SUBMISSION_KINDS).optional().catch(undefined) });

/** /national: the financial year, written 2025/26. */
export const nationalSearch = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}\/\d{2}$/)
      .optional()
      .catch(undefined),
  })
  .partial();
export type NationalSearch = z.output<typeof nationalSearch>;

/** /login: where to go after signing in; a path on this site only (never an absolute URL someone planted in a link). */
export const loginSearch = z
  .object({
    next: z
      .string()
      .refine((next) => next.startsWith('/') && !next.startsWith('//') && next !== '/login')
      .optional()
      .catch(undefined),
  })
  .partial();
export type LoginSearch = z.output<typeof loginSearch>;

/** The search after some changes: a null or empty value removes its key; the schema then types and checks the rest. */
export function changedSearch<S extends z.ZodType>(
  schema: S,
  current: object,
  changes: Readonly<Record<string, string | number | null | undefined>>,
): z.output<S> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '' || value === undefined) delete next[key];
    else next[key] = value;
  }
  return schema.parse(next);
}
