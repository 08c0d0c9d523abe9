// Migrations are frozen: once released, what each one writes to a database never changes, on either dialect. This
// runs every migration against a driver that records the SQL instead of executing it, and compares a fingerprint of
// each migration's statements with the one recorded when it was released. Tidying a migration's code (a helper for a
// repeated column) passes; changing a single character of the SQL it sends fails here. A new migration adds a line.
import { createHash } from 'node:crypto';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Dialect,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrations } from '../../db/migrations';

const DIALECTS: Record<'sqlite' | 'postgres', Dialect> = {
  sqlite: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
  postgres: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
};

/** Each migration's statements (SQL and parameters), in order, as a short fingerprint. */
async function fingerprints(dialect: Dialect): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    const statements: string[] = [];
    const db = new Kysely<any>({
      dialect,
      log: (event) => {
        statements.push(JSON.stringify([event.query.sql, event.query.parameters]));
      },
    });
    await migration.up(db);
    if (statements.length === 0) throw new Error(`${name} sent no SQL: the recorder is not seeing it`);
    out[name] = createHash('sha256').update(statements.join('\n')).digest('hex').slice(0, 16);
  }
  return out;
}

/** Recorded when each migration was released. Never edit a line; add one for a new migration. */
const RELEASED: Record<'sqlite' | 'postgres', Record<string, string>> = {
  sqlite: {
    '20261125T190000_foundation': 'f977c2423314cc70',
    '20261125T200000_auth': '239d4a3417f91139',
    '20261125T210000_user_settings': '6dda2de9bb691794',
    '20261125T220000_bcf_plan': 'c062277cfaf9367a',
    '20261125T230000_split_rules': '67b9d4c8618749f3',
    '20261201T190000_scenarios': '0cca7eafe9a4a31b',
    '20261201T200000_outcomes_roi': '5a54c506ab561136',
    '20261201T210000_scale': '4a66c168afe519d0',
    '20261206T000000_bcf_years': '74dc29f06682654e',
    '20261207T000000_submissions': '0d101e045861c168',
    '20261208T000000_conversation': 'b945dc0c9fd76793',
    '20261209T000000_hot_updates': 'f15e49462af905f9',
  },
  postgres: {
    '20261125T190000_foundation': 'a8a4757bd24561f9',
    '20261125T200000_auth': '346603a2ac38125f',
    '20261125T210000_user_settings': '6dda2de9bb691794',
    '20261125T220000_bcf_plan': '97693e67bcbeacdb',
    '20261125T230000_split_rules': '9b5390c9a602c7b0',
    '20261201T190000_scenarios': 'ff0de4a69847e453',
    '20261201T200000_outcomes_roi': '38a843b039a26462',
    '20261201T210000_scale': 'f86d3e06a2d3a034',
    '20261206T000000_bcf_years': 'af2e8f0bed861fa0',
    '20261207T000000_submissions': '4383a50d77f1c42d',
    '20261208T000000_conversation': '5fdc7a0ec3f6de28',
    '20261209T000000_hot_updates': 'ffa9fdc125687370',
  },
};

describe('frozen migrations', () => {
  // Reference data rows carry the time they were written: one fixed time, so the fingerprint is of the SQL alone.
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T20:00:00Z'));
  });
  afterAll(() => vi.useRealTimers());
  for (const [dialect, expected] of Object.entries(RELEASED)) {
    it(`every released migration sends exactly the SQL it was released with (${dialect})`, async () => {
      const actual = await fingerprints(DIALECTS[dialect as keyof typeof DIALECTS]);
      for (const [name, fingerprint] of Object.entries(expected))
        expect({ name, fingerprint: actual[name] }).toEqual({ name, fingerprint });
      // A migration the table does not know yet: record its fingerprint here when it is released.
      expect(Object.keys(actual).filter((name) => !(name in expected))).toEqual([]);
    });
  }
});
