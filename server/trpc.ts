// tRPC set-up: the context every procedure gets, the error formatter that gives the contract's error data
// (fieldErrors for BAD_REQUEST, current for CONFLICT), and the base procedures: public, signed in, and one factory
// for the procedures of the permissions table (shared/permissions.ts). Domain errors from shared/ and db/ become
// tRPC codes here, in one place.
import { initTRPC, TRPCError } from '@trpc/server';
import type { DB } from '../db/connection';
import type { Actor } from '../db/unit-of-work';
import {
  ConflictError,
  ForbiddenError,
  LockedError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
  type FieldError,
} from '../shared/errors';
import { roleCan, roleRefusal, type ActionOf, type Entity, type Permission } from '../shared/permissions';
import { NAMED_KEYS } from '../shared/schemas';
import type { SignedInUser } from '../shared/types';
import { findFund } from '../db/repositories/fund.repository';
import { fundRef, partnershipRef } from '../shared/schemas';
import { actorFor, assertPartnershipVisible, visiblePartnershipIds } from './policy';
import { tellOfConflict } from './services/conflict-notice';

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
export function errorDetails(error: TRPCError): {
  message: string;
  fieldErrors?: FieldError[];
  current?: unknown;
  path?: string;
  lockedField?: string;
  lock?: string;
} {
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
  // A locked figure (issue "Sign-off and returns"): which field, and the lock, so a grid can show it at the cell.
  if (cause instanceof LockedError) return { message: error.message, lockedField: cause.field, lock: cause.lock };
  return { message: error.message };
}

/** What a procedure is allowed by: `public` (signing in), or an entity and action of the permissions table. The role
 * matrix test reads it from every procedure, so a procedure without an entry in the table fails it. */
export interface ProcedureMeta {
  access: 'public' | Permission;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const { message, ...details } = errorDetails(error);
      // Never send stack traces to a client.
      const { stack: _stack, ...data } = shape.data;
      return { ...shape, message, data: { ...data, ...details } };
    },
  });

/** Maps the errors the domain and data layers throw onto the contract's tRPC codes. A CONFLICT also tells the person
 * whose change the refused save collided with (server/services/conflict-notice.ts), best effort. */
const domainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof ValidationError) throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
    if (cause instanceof ConflictError) {
      if (ctx.user)
        await tellOfConflict(ctx.db, ctx.user, cause, ctx.now()).catch((error: unknown) =>
          console.error('Conflict notice not written', error),
        );
      throw new TRPCError({ code: 'CONFLICT', message: cause.message, cause });
    }
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
const baseProcedure = t.procedure.use(domainErrors);
/** Anyone, signed in or not: only auth.login, auth.logout and auth.me. */
export const publicProcedure = baseProcedure.meta({ access: 'public' });

/**
 * Signed in. Adds the partnerships the user can see (through their organisations; an admin sees all) and the actor
 * the write path uses, whose `authorise` applies the row-level rules of server/policy.ts to every row written. The
 * routers use it through `procedureFor`, which names the rule of the table the procedure is allowed by.
 */
export const authedProcedure = baseProcedure.use(async ({ ctx, next }) => {
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

/** The partnership named by `partnershipId` exists and the caller can see it (a member, or an admin). */
async function assertVisiblePartnership(db: DB, partnershipIds: ReadonlySet<number>, partnershipId: number): Promise<void> {
  const exists = await db.selectFrom('partnership').select('id').where('id', '=', partnershipId).executeTakeFirst();
  if (!exists) throw new TRPCError({ code: 'NOT_FOUND', message: `No partnership with id ${partnershipId}` });
  assertPartnershipVisible(partnershipIds, partnershipId);
}

/** Signed in with a role the table allows `action` on `entity`; anyone else is refused with FORBIDDEN, told their
 * role, what they cannot do and who can. */
function allowedBy(entity: Entity, action: string) {
  return authedProcedure.meta({ access: { entity, action } as Permission }).use(({ ctx, next }) => {
    if (!roleCan(ctx.user.role, entity, action)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: roleRefusal(ctx.user.role, entity, action) });
    }
    return next();
  });
}

type Allowed = ReturnType<typeof allowedBy>;

/** The role, then the fund named by `fundId` (it exists, and the caller can see it): the role is checked first, so a
 * board member asking to change a fund is told they read only, whichever fund they name. */
function inFund(procedure: Allowed) {
  return procedure.input(fundRef).use(async ({ ctx, input, next }) => {
    return next({ ctx: { fund: await visibleFund(ctx.db, ctx.partnershipIds, input.fundId) } });
  });
}

/** The role, then the partnership named by `partnershipId` (it exists, and the caller can see it). */
function inPartnership(procedure: Allowed) {
  return procedure.input(partnershipRef).use(async ({ ctx, input, next }) => {
    await assertVisiblePartnership(ctx.db, ctx.partnershipIds, input.partnershipId);
    return next();
  });
}

/**
 * The one factory of scoped procedures: allowed by `action` on `entity` in the permissions table, and, with `within`,
 * only in a fund (`fundId`, put on `ctx.fund`) or partnership (`partnershipId`) the caller can see. Row-level scopes
 * (a partner's own figures, a scenario's owner) are checked for every row written, in server/policy.ts.
 */
export function procedureFor<E extends Entity>(entity: E, action: ActionOf<E>): Allowed;
export function procedureFor<E extends Entity>(entity: E, action: ActionOf<E>, within: 'fund'): ReturnType<typeof inFund>;
export function procedureFor<E extends Entity>(entity: E, action: ActionOf<E>, within: 'partnership'): ReturnType<typeof inPartnership>;
export function procedureFor<E extends Entity>(
  entity: E,
  action: ActionOf<E>,
  within?: 'fund' | 'partnership',
): Allowed | ReturnType<typeof inFund> | ReturnType<typeof inPartnership> {
  const allowed = allowedBy(entity, action);
  if (within === 'fund') return inFund(allowed);
  if (within === 'partnership') return inPartnership(allowed);
  return allowed;
}

/** A mutation's resolver that hands the parsed input to a service, acting as the signed-in user:
 * `.mutation(asActor(createEvidence))` for `({ ctx, input }) => createEvidence(ctx.db, ctx.actor, input)`. */
export const asActor =
  <I, R>(service: (db: DB, actor: Actor, input: I) => Promise<R>) =>
  ({ ctx, input }: { ctx: { db: DB; actor: Actor }; input: I }) =>
    service(ctx.db, ctx.actor, input);

/** A query's resolver that reads one fund's rows: `.query(ofFund(listContributions))`. */
export const ofFund =
  <R>(read: (db: DB, fundId: number) => Promise<R>) =>
  ({ ctx, input }: { ctx: { db: DB }; input: { fundId: number } }) =>
    read(ctx.db, input.fundId);

/** A query's resolver that reads one partnership's rows: `.query(ofPartnership(listFunds))`. */
export const ofPartnership =
  <R>(read: (db: DB, partnershipId: number) => Promise<R>) =>
  ({ ctx, input }: { ctx: { db: DB }; input: { partnershipId: number } }) =>
    read(ctx.db, input.partnershipId);
