// Test harness for API tests: a fresh, really migrated SQLite database in a temporary folder, and a caller that runs
// the real routers against it. Each test file gets its own database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '../../db/connection';
import { seedDemo } from '../../db/seed';
import { createCaller } from '../../server/router';
import { errorDetails } from '../../server/trpc';

export interface TestApi {
  db: DB;
  dir: string;
  file: string;
  caller: ReturnType<typeof createCaller>;
  close: () => Promise<void>;
}

export async function openTestApi(options: { demo?: boolean } = {}): Promise<TestApi> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-test-'));
  const file = path.join(dir, 'bcf.sqlite');
  const db = openDatabase(file);
  await migrateToLatest(db);
  if (options.demo) await seedDemo(db);
  const caller = createCaller({ db, actor: { userId: null } });
  return {
    db,
    dir,
    file,
    caller,
    close: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Row counts of the tables a refused call must not touch. */
export async function counts(db: DB): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['organisation', 'partnership', 'fund', 'contribution', 'batch', 'auditEvent'] as const) {
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
