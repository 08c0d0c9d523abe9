// tRPC set-up: the context every procedure gets, the error formatter that gives the contract's error data
// (fieldErrors for BAD_REQUEST, current for CONFLICT), and the base procedures. Domain errors from shared/ and db/
// become tRPC codes here, in one place.
import { initTRPC, TRPCError } from '@trpc/server';
import type { DB } from '../db/connection';
import type { Actor } from '../db/unit-of-work';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
  type FieldError,
} from '../shared/errors';
import type { Role } from '../shared/roles';
import { NAMED_KEYS } from '../shared/schemas';
import type { SignedInUser } from '../shared/types';
import { findFund } from '../db/repositories/fund.repository';
import { fundRef, partnershipRef } from '../shared/schemas';
import { actorFor, assertPartnershipVisible, visiblePartnershipIds } from './policy';

/** Everything a procedure gets: the database, who is calling, and the few effects it may have on the response. */
export interface Context {
  db: DB;
  /** The signed-in user from the session cookie, or null. */
  user: SignedInUser | null;
  /** The SHA-256 of the session token the request carried, if any (for sign-out). */
  sessionTokenHash: string | null;
  /** The caller's network address, for sign-in throttling. */
  clientAddress: string;
  now: () => Date;
  /** Waits before answering (sign-in slowing); tests pass a recorder instead of a real wait. */
  sleep: (ms: number) => Promise<void>;
  setCookie: (cookie: string) => void;
  secureCookies: boolean;
}

interface IssueLike {
  code?: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  message: string;
  /** For zod's `unrecognized_keys`: the keys the input should not have had. */
  keys?: readonly string[];
}

function hasIssues(value: unknown): value is { issues: IssueLike[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { issues?: unknown }).issues);
}

/** At most this many fieldErrors go back, and the message joins at most this many: enough to mark every bad cell of a
 * pasted block, and a bound on the work and the reply for hostile input. */
const MAX_FIELD_ERRORS = 1000;
const MAX_JOINED_MESSAGES = 20;

/** zod (or any Standard Schema) issues as the contract's fieldErrors: dotted paths with 0-based indexes. */
function issuesToFieldErrors(issues: IssueLike[]): FieldError[] {
  const errors = issues.flatMap((issue) => {
    const path = (issue.path ?? []).map((p) => String(typeof p === 'object' && p !== null && 'key' in p ? p.key : p));
    // zod reports unknown keys at the object that holds them; point at each unknown key itself, so the path names it
    // (the first few: the message already says how many more there are).
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.slice(0, NAMED_KEYS).map((key) => ({ path: [...path, key].join('.'), message: issue.message }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
  return errors.slice(0, MAX_FIELD_ERRORS);
}

/** One message for many field errors: the distinct messages, the first few of them. */
function joinMessages(errors: readonly FieldError[]): string {
  const distinct = [...new Set(errors.map((e) => e.message))];
  const shown = distinct.slice(0, MAX_JOINED_MESSAGES).join('; ');
  return distinct.length > MAX_JOINED_MESSAGES ? `${shown}; and ${distinct.length - MAX_JOINED_MESSAGES} more problems` : shown;
}

/** What a client is told about an error: the message, and the contract's fieldErrors (BAD_REQUEST) or current row
 * (CONFLICT). Used by the error formatter; exported so tests can check exactly what goes over the wire. */
export function errorDetails(error: TRPCError): { message: string; fieldErrors?: FieldError[]; current?: unknown; path?: string } {
  const cause = error.cause;
  if (error.code === 'INTERNAL_SERVER_ERROR') return { message: 'Something went wrong on the server; nothing was saved' };
  if (cause instanceof ValidationError) return { message: cause.message, fieldErrors: cause.fieldErrors };
  if (error.code === 'BAD_REQUEST' && hasIssues(cause)) {
    const fieldErrors = issuesToFieldErrors(cause.issues);
    return { message: joinMessages(fieldErrors), fieldErrors };
  }
  if (cause instanceof ConflictError) {
    // In a batch, `path` says which change was stale ("changes.2").
    return { message: error.message, current: cause.current, ...(cause.path ? { path: cause.path } : {}) };
  }
  return { message: error.message };
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const { message, ...details } = errorDetails(error);
    // Never send stack traces to a client.
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, ...details } };
  },
});

/** Maps the errors the domain and data layers throw onto the contract's tRPC codes. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof ValidationError) throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
    if (cause instanceof ConflictError) throw new TRPCError({ code: 'CONFLICT', message: cause.message, cause });
    if (cause instanceof NotFoundError) throw new TRPCError({ code: 'NOT_FOUND', message: cause.message, cause });
    if (cause instanceof ForbiddenError) throw new TRPCError({ code: 'FORBIDDEN', message: cause.message, cause });
    if (cause instanceof UnauthorizedError) throw new TRPCError({ code: 'UNAUTHORIZED', message: cause.message, cause });
    if (cause instanceof TooManyRequestsError) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: cause.message, cause });
    if (result.error.code === 'INTERNAL_SERVER_ERROR') console.error(result.error.cause ?? result.error);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Anyone, signed in or not: only auth.login and auth.me. */
export const publicProcedure = t.procedure.use(domainErrors);

/**
 * Signed in. Adds the partnerships the user can see (through their organisations; an admin sees all) and the actor
 * the write path uses, whose `authorise` applies the row-level rules of server/policy.ts to every row written.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in: you are not signed in, or your session has ended' });
  const partnershipIds = await visiblePartnershipIds(ctx.db, ctx.user);
  return next({ ctx: { user: ctx.user, partnershipIds, actor: actorFor(ctx.user, partnershipIds) } });
});

/** The fund named by `fundId`, if the caller can see it (a member of its partnership, or an admin). */
async function visibleFund(db: DB, partnershipIds: ReadonlySet<number>, fundId: number) {
  const fund = await findFund(db, fundId);
  if (!fund) throw new TRPCError({ code: 'NOT_FOUND', message: `No fund with id ${fundId}` });
  assertPartnershipVisible(partnershipIds, fund.partnershipId);
  return fund;
}

/** Signed in and able to see the fund named by `fundId` (a member of its partnership, or an admin). */
export const fundProcedure = authedProcedure.input(fundRef).use(async ({ ctx, input, next }) => {
  return next({ ctx: { fund: await visibleFund(ctx.db, ctx.partnershipIds, input.fundId) } });
});

/** The partnership named by `partnershipId` exists and the caller can see it (a member, or an admin). */
async function assertVisiblePartnership(db: DB, partnershipIds: ReadonlySet<number>, partnershipId: number): Promise<void> {
  const exists = await db.selectFrom('partnership').select('id').where('id', '=', partnershipId).executeTakeFirst();
  if (!exists) throw new TRPCError({ code: 'NOT_FOUND', message: `No partnership with id ${partnershipId}` });
  assertPartnershipVisible(partnershipIds, partnershipId);
}

/** Signed in and able to see the partnership named by `partnershipId`. */
export const partnershipProcedure = authedProcedure.input(partnershipRef).use(async ({ ctx, input, next }) => {
  await assertVisiblePartnership(ctx.db, ctx.partnershipIds, input.partnershipId);
  return next();
});

/** Signed in with one of `roles`; anyone else is refused with FORBIDDEN and a reason. */
export function roleProcedure(roles: readonly Role[], doing: string) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Your role (${ctx.user.role}) cannot ${doing}` });
    }
    return next();
  });
}

export const adminProcedure = roleProcedure(['admin'], 'manage users, organisations or partnerships: ask an administrator');
/** Enter contributions: finance officers (for their own organisations, checked row by row) and admins. */
export const financeProcedure = roleProcedure(
  ['admin', 'finance_officer'],
  'change contributions: only finance officers and administrators can',
);
/** Plan funds: commissioners (in their partnerships) and admins. */
export const commissionerProcedure = roleProcedure(
  ['admin', 'commissioner'],
  'add or change funds: only commissioners and administrators can',
);
/** Any change at all: everyone but board members, who read and never change. */
export const editorProcedure = roleProcedure(['admin', 'finance_officer', 'commissioner'], 'change anything: board members read only');

/** An editor (see editorProcedure) who can see the fund named by `fundId`: the role is checked first, so a board
 * member is told they read only, whichever fund they name. */
export const fundEditorProcedure = editorProcedure.input(fundRef).use(async ({ ctx, input, next }) => {
  return next({ ctx: { fund: await visibleFund(ctx.db, ctx.partnershipIds, input.fundId) } });
});

/** A finance officer or admin (see financeProcedure) who can see the fund named by `fundId`; for calls that also read
 * the fund's rows (an import's preview shows the figures it would replace). */
export const fundFinanceProcedure = financeProcedure.input(fundRef).use(async ({ ctx, input, next }) => {
  return next({ ctx: { fund: await visibleFund(ctx.db, ctx.partnershipIds, input.fundId) } });
});

/** A commissioner or admin (see commissionerProcedure) who can see the fund named by `fundId`: a fund's plan
 * settings (ring-fence minimums, variance thresholds). */
export const fundCommissionerProcedure = commissionerProcedure.input(fundRef).use(async ({ ctx, input, next }) => {
  return next({ ctx: { fund: await visibleFund(ctx.db, ctx.partnershipIds, input.fundId) } });
});

/** Decide who pays (issue 6): split rules and a fund's risk share are changed by commissioners (of the partnership,
 * checked row by row in the write path) and admins. */
export const splitsProcedure = roleProcedure(
  ['admin', 'commissioner'],
  'change split rules or a fund’s risk share: only commissioners and administrators can',
);

/** A commissioner or admin (see splitsProcedure) who can see the partnership named by `partnershipId`. */
export const partnershipSplitsProcedure = splitsProcedure.input(partnershipRef).use(async ({ ctx, input, next }) => {
  await assertVisiblePartnership(ctx.db, ctx.partnershipIds, input.partnershipId);
  return next();
});

/** A commissioner or admin (see splitsProcedure) who can see the fund named by `fundId`. */
export const fundSplitsProcedure = splitsProcedure.input(fundRef).use(async ({ ctx, input, next }) => {
  return next({ ctx: { fund: await visibleFund(ctx.db, ctx.partnershipIds, input.fundId) } });
});

/** Model who pays before committing (issue 6): scenarios are commissioners' working copies; admins see them all. */
export const scenarioProcedure = roleProcedure(
  ['admin', 'commissioner'],
  'use scenarios: they are commissioners’ working copies of a fund’s cost lines',
);

/** A commissioner or admin (see scenarioProcedure) who can see the fund named by `fundId`. */
export const fundScenarioProcedure = scenarioProcedure.input(fundRef).use(async ({ ctx, input, next }) => {
  return next({ ctx: { fund: await visibleFund(ctx.db, ctx.partnershipIds, input.fundId) } });
});

/** Return on investment (issue 7): unit costs, evidence and benefit lines are kept by commissioners and admins. */
export const roiProcedure = roleProcedure(
  ['admin', 'commissioner'],
  'change unit costs, evidence or benefit lines: only commissioners and administrators can',
);

/** A commissioner or admin (see roiProcedure) who can see the fund named by `fundId`. */
export const fundRoiProcedure = roiProcedure.input(fundRef).use(async ({ ctx, input, next }) => {
  return next({ ctx: { fund: await visibleFund(ctx.db, ctx.partnershipIds, input.fundId) } });
});
