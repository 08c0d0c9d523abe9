// Test harness for API tests: a fresh, really migrated database (SQLite, or PostgreSQL with BCF_TEST_POSTGRES_URL; see
// tests/support/database.ts), and a caller that runs the real routers against it. Each test file gets its own.
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import type { DB } from '../../db/connection';
import { seedDemo } from '../../server/demo/seed';
import { createCaller } from '../../server/router';
import { createUser } from '../../server/services/users';
import { errorDetails, type Context } from '../../server/trpc';
import type { Role } from '../../shared/roles';
import type { SignedInUser } from '../../shared/types';
import { freshDatabase } from './database';

export type Caller = ReturnType<typeof createCaller>;

/** A test context: `cookies` collects the Set-Cookie headers a call sends, `sleeps` the waits it asked for. */
export interface TestContext extends Context {
  cookies: string[];
  sleeps: number[];
}

export function testContext(db: DB, user: SignedInUser | null, overrides: Partial<Context> = {}): TestContext {
  const cookies: string[] = [];
  const sleeps: number[] = [];
  return {
    db,
    user,
    sessionTokenHash: null,
    clientAddress: '127.0.0.1',
    now: () => new Date(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    setCookie: (cookie) => cookies.push(cookie),
    secureCookies: false,
    ...overrides,
    cookies,
    sleeps,
  };
}

export interface TestApi {
  db: DB;
  dir: string;
  /** The database's DATABASE_URL: a SQLite file path, or a PostgreSQL URL. */
  file: string;
  /** Signed in as an administrator (who may do everything), for tests about data rather than permissions. */
  caller: Caller;
  admin: SignedInUser;
  /** A caller signed in as `user`. */
  as: (user: SignedInUser) => Caller;
  /** Create a user with this role and these organisations, and return them signed in. */
  userWith: (role: Role, orgIds: number[], email?: string) => Promise<{ user: SignedInUser; caller: Caller }>;
  /** A caller with no one signed in. */
  anonymous: Caller;
  close: () => Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function openTestApi(options: { demo?: boolean } = {}): Promise<TestApi> {
  const { db, url: file, dir, drop } = await freshDatabase();
  if (options.demo) await seedDemo(db);
  let userCount = 0;
  const userWith = async (role: Role, orgIds: number[], email?: string) => {
    userCount += 1;
    const { user } = await createUser(
      db,
      { userId: null },
      {
        email: email ?? `${role}.${userCount}@test.example`,
        name: `Test ${role} ${userCount}`,
        role,
        orgIds,
        password: TEST_PASSWORD,
      },
    );
    const signedIn: SignedInUser = { id: user.id, name: user.name, email: user.email, role: user.role, orgIds: user.orgIds };
    return { user: signedIn, caller: createCaller(testContext(db, signedIn)) };
  };
  const { user: admin, caller } = await userWith('admin', [], 'admin@test.example');
  return {
    db,
    dir,
    file,
    caller,
    admin,
    as: (user) => createCaller(testContext(db, user)),
    userWith,
    anonymous: createCaller(testContext(db, null)),
    close: drop,
  };
}

/** Row counts of the tables a refused call must not touch. */
export async function counts(db: DB): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [
    'organisation',
    'partnership',
    'fund',
    'contribution',
    'batch',
    'auditEvent',
    'appUser',
    'userOrg',
    'session',
    'userSetting',
    'referenceItem',
    'scheme',
    'expenditure',
    'planSnapshot',
    'splitRule',
    'scenario',
    'scenarioItem',
    'metric',
    'outcome',
    'unitCost',
    'evidenceItem',
    'roiBenefit',
    'bcfYear',
    'fundingStream',
    'yearMapping',
    'conditionAnswer',
    'submission',
    'signatory',
    'signature',
    'returnAnswer',
    'bcfDeadline',
    'commentThread',
    'comment',
    'notification',
    'mailOutbox',
    'presence',
  ] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/** Await a call that must fail with a tRPC error of `code`; returns the error for further checks. */
export async function expectTrpcError(promise: Promise<unknown>, code: TRPCError['code']): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    const trpcError = error as TRPCError;
    expect(trpcError.code).toBe(code);
    return trpcError;
  }
  throw new Error(`expected the call to fail with ${code}, but it succeeded`);
}

/** The fieldErrors a client would receive for this error (the same function the server's formatter uses). */
export function fieldErrorsOf(error: TRPCError): { path: string; message: string }[] {
  return errorDetails(error).fieldErrors ?? [];
}
