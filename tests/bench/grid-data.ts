// The grid section's data (issue 18): partners, their partnerships and empty funds written straight into a freshly
// migrated tracker database (fixture data, as tests/bench/dataset.ts writes), the funds the edits are measured on
// written with their rows into it and into the minimal server's one table, and the workload both servers are sent:
// the rows to create, the cells to edit, the pages to read. Seeded, so every run sends the same.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { build } from 'esbuild';
import { migrateToLatest, openDatabase } from '../../db/connection';
import { createUser } from '../../server/services/users';
import { random, type Random } from './prng';

/** Six of the 2025/26 funding streams: 6 streams x 4 quarters = 24 rows a partner in a fund. */
export const STREAMS = ['nhs_minimum', 'la_better_care_grant', 'dfg', 'additional_icb', 'additional_la', 'partner_contribution'];
const ROWS_PER_PARTNER = STREAMS.length * 4;
/** A fund of the workload: 100 partners x 24 rows. */
export const FUND_ROWS = 100 * ROWS_PER_PARTNER;
export const BATCH_ROWS = 100;
export const PASSWORD = 'grid-bench-password-not-secret';

export interface GridOptions {
  rounds: number;
  /** Rows created over HTTP in each round, in funds of FUND_ROWS (the last one takes what is left). */
  createRows: number;
  /** The fund sizes the edits are measured at. */
  editSizes: number[];
  /** Cell edits at each size in each round (after the warm-up). */
  edits: number;
  warmupEdits: number;
  /** Reads of a page of 1,000 rows in each round. */
  reads: number;
  seed: number;
}

export const GRID_FULL: GridOptions = {
  rounds: 3,
  createRows: 20_000,
  editSizes: [100, FUND_ROWS, 20_000],
  edits: 500,
  warmupEdits: 50,
  reads: 30,
  seed: 20261218,
};
export const GRID_QUICK: GridOptions = {
  ...GRID_FULL,
  createRows: FUND_ROWS * 2,
  editSizes: [100, FUND_ROWS, 5_000],
  edits: 100,
  reads: 10,
};

/** One row of a fund as the grid sends it to be created. */
export interface NewRow {
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
  actualPence: number;
  note: string;
}

/** A row the bench edits, with the version its server last answered. */
export interface EditRow {
  id: number;
  plannedPence: number;
  version: number;
}

export interface GridData {
  trackerFile: string;
  minimalFile: string;
  email: string;
  /** Each round's creates: its funds' ids and their batches of BATCH_ROWS rows. */
  creates: { fundId: number; rows: NewRow[] }[][];
  /** The funds the edits are measured on, by size, with their rows (ids are the same in both databases). */
  editFunds: { size: number; fundId: number; rows: EditRow[] }[];
}

/** The rows of a fund of `size`: partner by partner, each partner's streams by quarter. */
function fundRows(r: Random, partnerIds: readonly number[], size: number): NewRow[] {
  const rows: NewRow[] = [];
  for (const orgId of partnerIds) {
    for (const source of STREAMS) {
      for (let quarter = 1; quarter <= 4; quarter++) {
        if (rows.length === size) return rows;
        const plannedPence = r.pounds(1_000, 2_000_000) * 100;
        rows.push({ orgId, source, quarter, plannedPence, actualPence: Math.round(plannedPence * (0.8 + r.next() * 0.3)), note: '' });
      }
    }
  }
  if (rows.length < size) throw new Error(`${partnerIds.length} partners hold at most ${rows.length} rows, not ${size}`);
  return rows;
}

/** The minimal server's one table, shaped like the tracker's contribution (same columns, same one-cell rule). */
export const MINIMAL_SCHEMA = `CREATE TABLE contribution (
  id INTEGER PRIMARY KEY AUTOINCREMENT, fund_id INTEGER NOT NULL, org_id INTEGER NOT NULL, source TEXT NOT NULL,
  quarter INTEGER NOT NULL, planned_pence INTEGER NOT NULL, actual_pence INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL, updated_by INTEGER, UNIQUE (fund_id, org_id, source, quarter));
CREATE INDEX contribution_fund_idx ON contribution (fund_id);`;

/**
 * Write both databases into `dir`. The edit funds' rows are written directly (a 20,000-row fund over HTTP would
 * measure the create path at that size, not the edits), the tracker's each with its seed batch and one audit event
 * a field, as a created row has; the finance officer of every partner is made by the real user service.
 */
export async function buildGridData(dir: string, options: GridOptions): Promise<GridData> {
  const trackerFile = path.join(dir, 'tracker.sqlite');
  const minimalFile = path.join(dir, 'minimal.sqlite');
  const kysely = openDatabase(trackerFile);
  await migrateToLatest(kysely);
  await kysely.destroy();

  const r = random(options.seed);
  const at = new Date().toISOString();
  const partnerCount = Math.max(100, ...options.editSizes.map((s) => Math.ceil(s / ROWS_PER_PARTNER)));
  const sqlite = new SQLite(trackerFile);
  sqlite.pragma('journal_mode = WAL');
  const minimal = new SQLite(minimalFile);
  minimal.pragma('journal_mode = WAL');
  minimal.exec(MINIMAL_SCHEMA);
  const id = (result: SQLite.RunResult) => Number(result.lastInsertRowid);
  const insertOrg = sqlite.prepare("INSERT INTO organisation (name, sector, kind, created_at) VALUES (?, 'other', 'Care provider', ?)");
  const insertPartnership = sqlite.prepare(
    "INSERT INTO partnership (name, area, arrangement, host_org_id, notes, created_at) VALUES (?, 'Grid bench', 'pooled_fund', ?, '', ?)",
  );
  const insertMember = sqlite.prepare('INSERT INTO partnership_member (partnership_id, org_id) VALUES (?, ?)');
  const insertFund = sqlite.prepare(
    "INSERT INTO fund (partnership_id, name, financial_year, bcf_year, created_at) VALUES (?, ?, '2025/26', '2025/26', ?)",
  );
  const insertRow = sqlite.prepare(
    'INSERT INTO contribution (fund_id, org_id, source, quarter, planned_pence, actual_pence, note, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)',
  );
  const insertMinimalRow = minimal.prepare(
    'INSERT INTO contribution (id, fund_id, org_id, source, quarter, planned_pence, actual_pence, note, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)',
  );
  const insertBatch = sqlite.prepare(
    "INSERT INTO batch (id, at, user_id, kind, label, fund_id) VALUES (?, ?, NULL, 'seed', 'Grid bench fixture', ?)",
  );
  const insertAudit = sqlite.prepare(
    "INSERT INTO audit_event (batch_id, at, user_id, entity, entity_id, action, field, old_value, new_value, version_before, version_after, fund_id, partnership_id) VALUES (?, ?, NULL, 'contribution', ?, 'create', ?, NULL, ?, NULL, 1, ?, ?)",
  );

  const written = sqlite.transaction(() => {
    const partners = Array.from({ length: partnerCount }, (_, i) =>
      id(insertOrg.run(`Grid Partner ${String(i + 1).padStart(4, '0')}`, at)),
    );
    const partnership = (name: string, members: number[]) => {
      const partnershipId = id(insertPartnership.run(name, members[0] ?? null, at));
      for (const orgId of members) insertMember.run(partnershipId, orgId);
      return partnershipId;
    };
    // The 100 partners; the biggest edit fund needs more (about 834 for 20,000 rows) in a partnership of its own.
    const pool = partnership('Grid bench pool (100 partners)', partners.slice(0, 100));
    const national = partnership(`Grid bench national pool (${partnerCount} partners)`, partners);
    const editFunds = options.editSizes.map((size, i) => {
      const partnershipId = size <= FUND_ROWS ? pool : national;
      const fundId = id(insertFund.run(partnershipId, `Edits at ${size} rows (${i + 1})`, at));
      const batchId = `grid-seed-${fundId}`;
      insertBatch.run(batchId, at, fundId);
      const rows = fundRows(r, partners, size).map((row) => {
        const rowId = id(insertRow.run(fundId, row.orgId, row.source, row.quarter, row.plannedPence, row.actualPence, row.note, at));
        insertMinimalRow.run(rowId, fundId, row.orgId, row.source, row.quarter, row.plannedPence, row.actualPence, row.note, at);
        const fields: [string, unknown][] = [['fundId', fundId], ...Object.entries(row)];
        for (const [field, value] of fields) insertAudit.run(batchId, at, rowId, field, JSON.stringify(value), fundId, partnershipId);
        return { id: rowId, plannedPence: row.plannedPence, version: 1 };
      });
      return { size, fundId, rows };
    });
    const creates = Array.from({ length: options.rounds }, (_, round) => {
      const funds: { fundId: number; rows: NewRow[] }[] = [];
      for (let left = options.createRows; left > 0; left -= FUND_ROWS) {
        const fundId = id(insertFund.run(pool, `Created in round ${round + 1}, fund ${funds.length + 1}`, at));
        funds.push({ fundId, rows: fundRows(r, partners.slice(0, 100), Math.min(left, FUND_ROWS)) });
      }
      return funds;
    });
    return { partners, editFunds, creates };
  });
  const data = minimal.transaction(written)();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  minimal.pragma('wal_checkpoint(TRUNCATE)');
  minimal.close();

  // A finance officer of every partner, as the demo's finance@ is: the person a grid's edits come from.
  const db = openDatabase(trackerFile);
  const email = 'grid.finance@bench.example';
  await createUser(
    db,
    { userId: null },
    { email, name: 'Grid finance officer', role: 'finance_officer', orgIds: data.partners, password: PASSWORD },
  );
  await db.destroy();
  return { trackerFile, minimalFile, email, creates: data.creates, editFunds: data.editFunds };
}

/** The batches of BATCH_ROWS `create` changes of one fund's new rows, as applyBatch takes them. */
export function createBatches(fundId: number, rows: readonly NewRow[]): { fundId: number; changes: { op: 'create'; values: NewRow }[] }[] {
  const batches = [];
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    batches.push({ fundId, changes: rows.slice(i, i + BATCH_ROWS).map((values) => ({ op: 'create' as const, values })) });
  }
  return batches;
}

/** Which row each edit changes: spread over the whole fund, the same sequence for both servers. */
export function editSequence(seed: number, size: number, count: number): number[] {
  const r = random(seed + size);
  return Array.from({ length: count }, () => r.int(0, size - 1));
}

/** The minimal server compiled to plain JavaScript once per run, so it starts as a production server does: by Node
 * alone, without a TypeScript loader. Written under dist/ so it finds better-sqlite3 in node_modules. */
export async function compileMinimalServer(): Promise<string> {
  const outfile = path.resolve('dist/bench/minimal-server.mjs');
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.resolve('tests/bench/minimal-server.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}
