// tRPC set-up: the context every procedure gets, the error formatter that gives the contract's error data
// (fieldErrors for BAD_REQUEST, current for CONFLICT), and the base procedures. Domain errors from shared/ and db/
// become tRPC codes here, in one place.
import { initTRPC, TRPCError } from '@trpc/server';
import type { DB } from '../db/connection';
import type { Actor } from '../db/unit-of-work';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../shared/errors';

export interface Context {
  db: DB;
  actor: Actor;
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

/** zod (or any Standard Schema) issues as the contract's fieldErrors: dotted paths with 0-based indexes. */
function issuesToFieldErrors(issues: IssueLike[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = (issue.path ?? []).map((p) => String(typeof p === 'object' && p !== null && 'key' in p ? p.key : p));
    // zod reports unknown keys at the object that holds them; point at each unknown key itself, so the path names it.
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: issue.message }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/** What a client is told about an error: the message, and the contract's fieldErrors (BAD_REQUEST) or current row
 * (CONFLICT). Used by the error formatter; exported so tests can check exactly what goes over the wire. */
export function errorDetails(error: TRPCError): { message: string; fieldErrors?: FieldError[]; current?: unknown; path?: string } {
  const cause = error.cause;
  if (error.code === 'INTERNAL_SERVER_ERROR') return { message: 'Something went wrong on the server; nothing was saved' };
  if (cause instanceof ValidationError) return { message: cause.message, fieldErrors: cause.fieldErrors };
  if (error.code === 'BAD_REQUEST' && hasIssues(cause)) {
    const fieldErrors = issuesToFieldErrors(cause.issues);
    return { message: fieldErrors.map((e) => e.message).join('; '), fieldErrors };
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
    if (result.error.code === 'INTERNAL_SERVER_ERROR') console.error(result.error.cause ?? result.error);
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);
