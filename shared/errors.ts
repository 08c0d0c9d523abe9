// Errors the domain and data layers raise, as plain values. The server maps them onto tRPC codes in one place
// (server/trpc.ts), so neither shared/ nor db/ knows about transport.

export interface FieldError {
  /** Dotted from the input root with 0-based indexes: "plannedPence", "changes.3.values.plannedPence". */
  path: string;
  message: string;
}

/** Input that is well-formed but breaks a rule only the database can check (an unknown partner, a duplicate row). */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((e) => e.message).join('; '));
  }
}

/** The row changed since the caller last saw it; `current` is how it is now (null when it has been deleted), and
 * `entity` the audited table it is a row of, when known (so the person whose change it collided with can be told). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    readonly current: unknown,
    readonly path?: string,
    readonly entity?: string,
  ) {
    super(message);
  }
}

/** Signed in, but this person's role or organisations do not allow the action. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/** A write to a figure locked by an approved or submitted plan or return (issue "Sign-off and returns"): `field` is the
 * locked field, `lock` says which submission locks it and how to reopen it. */
export class LockedError extends ForbiddenError {
  constructor(
    message: string,
    readonly field: string,
    readonly lock: string,
  ) {
    super(message);
  }
}

/** Not signed in, or the session has ended. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

/** Too many attempts (sign-in throttling); the message says when to try again. */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** Prefix every path of a list of field errors, e.g. to place a change's errors under "changes.3.values". */
export function prefixFieldErrors(prefix: string, errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, path: e.path ? `${prefix}.${e.path}` : prefix }));
}
