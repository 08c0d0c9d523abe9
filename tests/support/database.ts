// A fresh, really migrated database for one test file: a temporary SQLite file, or, when BCF_TEST_POSTGRES_URL is set
// (an administrator's URL, as .ci/run sets it), a new PostgreSQL database created for the file and dropped after.
// The same API tests so run on both databases (issue 8).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DB } from '../../db/connection';

export interface TestDatabase {
  db: DB;
  /** What DATABASE_URL would be to open it again: the SQLite file's path or the PostgreSQL URL. */
  url: string;
  /** A folder for the test's other files. */
  dir: string;
  drop: () => Promise<void>;
}

/** The PostgreSQL server the tests use, if any. */
export const TEST_POSTGRES_URL = process.env.BCF_TEST_POSTGRES_URL ?? '';

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-test-'));
  let url = path.join(dir, 'bcf.sqlite');
  let name = '';
  if (TEST_POSTGRES_URL) {
    name = `bcf_test_${randomUUID().replaceAll('-', '')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const at = new URL(TEST_POSTGRES_URL);
    at.pathname = `/${name}`;
    url = at.toString();
  }
  const db = openDatabase(url);
  await migrateToLatest(db);
  return {
    db,
    url,
    dir,
    drop: async () => {
      await db.destroy();
      if (name) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
