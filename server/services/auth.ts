// Sign-in, sign-out and sessions. Sessions and throttling live in the database (design rule 7), so several server
// processes share them and a restart signs nobody out.
import type { DB } from '../../db/connection';
import {
  clearThrottle,
  createSession,
  deleteSession,
  findCredentials,
  findSessionUser,
  deleteExpiredSessions,
  findThrottle,
  forgiveAttempt,
  findUser,
  recordFailure,
} from '../../db/repositories/user.repository';
import { TooManyRequestsError, UnauthorizedError } from '../../shared/errors';
import type { LoginInput } from '../../shared/schemas';
import type { SignedInUser } from '../../shared/types';
import { clearedSessionCookie, hashToken, newSessionToken, SESSION_SECONDS, sessionCookie } from '../auth/cookies';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import type { Context } from '../trpc';

/** Failures are counted over this window; a lock lasts as long. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** From this many recent failures, each further attempt waits before it is answered. */
export const SLOW_AFTER = 3;
/** Failures that lock an account (or, at ADDRESS_LOCK_AFTER, a network address) for the window. */
export const ACCOUNT_LOCK_AFTER = 5;
export const ADDRESS_LOCK_AFTER = 20;

const WRONG = 'Email or password is incorrect';

/** How long to wait before answering the attempt after `failures` recent failures: 0, then 0.5 s, 1 s, 2 s, up to 4 s. */
export function slowdownMs(failures: number): number {
  return failures < SLOW_AFTER ? 0 : Math.min(4000, 500 * 2 ** (failures - SLOW_AFTER));
}

function toSignedIn(user: { id: number; name: string; email: string; role: SignedInUser['role']; orgIds: number[] }): SignedInUser {
  return { id: user.id, name: user.name, email: user.email, role: user.role, orgIds: user.orgIds };
}

/** The user a session token belongs to, or null when it is unknown, expired or the account is disabled. */
export async function userFromSession(db: DB, token: string | null, now: Date): Promise<{ user: SignedInUser; tokenHash: string } | null> {
  if (!token) return null;
  const tokenHash = hashToken(token);
  // One statement for the session and its user (and one for their organisations): this runs on every request.
  const session = await findSessionUser(db, tokenHash);
  if (!session) return null;
  if (session.expiresAt <= now.toISOString()) {
    await deleteSession(db, tokenHash);
    return null;
  }
  const user = session.user;
  if (!user || user.disabled) return null;
  return { user: toSignedIn(user), tokenHash };
}

async function recentFailures(db: DB, key: string, now: Date) {
  const row = await findThrottle(db, key);
  if (!row) return { failures: 0, lockedUntil: null as string | null, firstFailureAt: now.toISOString() };
  const expired =
    now.getTime() - Date.parse(row.firstFailureAt) > THROTTLE_WINDOW_MS && (!row.lockedUntil || row.lockedUntil <= now.toISOString());
  return expired ? { failures: 0, lockedUntil: null, firstFailureAt: now.toISOString() } : row;
}

function minutesUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 60_000));
}

export async function login(ctx: Context, input: LoginInput): Promise<{ user: SignedInUser }> {
  const now = ctx.now();
  const accountKey = `account:${input.email}`;
  const addressKey = `address:${ctx.clientAddress}`;
  const account = await recentFailures(ctx.db, accountKey, now);
  const address = await recentFailures(ctx.db, addressKey, now);
  for (const [state, what] of [
    [account, 'this account'],
    [address, 'your network address'],
  ] as const) {
    if (state.lockedUntil && state.lockedUntil > now.toISOString()) {
      const minutes = minutesUntil(state.lockedUntil, now);
      throw new TooManyRequestsError(
        `Too many failed sign-ins for ${what}. Sign-in is refused for ${minutes} more minute${minutes === 1 ? '' : 's'}; then try again, or ask an administrator to reset your password.`,
      );
    }
  }
  // Every attempt is counted BEFORE the password is checked (atomically, in the database), and given back if it
  // succeeds: so a burst of attempts sent in parallel cannot get more guesses than the limit allows.
  const at = {
    now: now.toISOString(),
    windowStart: new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString(),
    lockUntil: new Date(now.getTime() + THROTTLE_WINDOW_MS).toISOString(),
  };
  const accountAttempts = await recordFailure(ctx.db, accountKey, at, ACCOUNT_LOCK_AFTER);
  const addressAttempts = await recordFailure(ctx.db, addressKey, at, ADDRESS_LOCK_AFTER);
  if (accountAttempts > ACCOUNT_LOCK_AFTER || addressAttempts > ADDRESS_LOCK_AFTER) {
    throw new TooManyRequestsError(
      `Too many failed sign-ins for ${accountAttempts > ACCOUNT_LOCK_AFTER ? 'this account' : 'your network address'}. Sign-in is refused for 15 minutes; then try again, or ask an administrator to reset your password.`,
    );
  }
  const wait = slowdownMs(Math.max(accountAttempts, addressAttempts) - 1);
  if (wait > 0) await ctx.sleep(wait);

  const credentials = await findCredentials(ctx.db, input.email);
  // An unknown email is checked against a dummy hash, so it takes as long as a wrong password and reads the same.
  const ok = await verifyPassword(input.password, credentials?.passwordHash ?? (await dummyPasswordHash()));
  if (!credentials || !ok) throw new UnauthorizedError(WRONG);
  await clearThrottle(ctx.db, accountKey);
  await forgiveAttempt(ctx.db, addressKey, ADDRESS_LOCK_AFTER);
  await deleteExpiredSessions(ctx.db, now.toISOString());
  if (credentials.disabled) throw new UnauthorizedError('This account is disabled: ask an administrator');

  // Always a new session id at sign-in (no session fixation); an old session this browser had is ended.
  if (ctx.sessionTokenHash) await deleteSession(ctx.db, ctx.sessionTokenHash);
  const token = newSessionToken();
  await createSession(ctx.db, {
    tokenHash: hashToken(token),
    userId: credentials.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_SECONDS * 1000).toISOString(),
  });
  ctx.setCookie(sessionCookie(token, SESSION_SECONDS, ctx.secureCookies));
  const user = await findUser(ctx.db, credentials.id);
  if (!user) throw new UnauthorizedError(WRONG);
  return { user: toSignedIn(user) };
}

/** Ends the session on the server and clears the cookie; fine to call when already signed out. */
export async function logout(ctx: Context): Promise<{ ok: true }> {
  if (ctx.sessionTokenHash) await deleteSession(ctx.db, ctx.sessionTokenHash);
  ctx.setCookie(clearedSessionCookie(ctx.secureCookies));
  return { ok: true };
}
