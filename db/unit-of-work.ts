// The one write path (design rule 3), declared once so no mutation can forget a step: every change runs inside
// `runBatch`, one transaction that records a batch, checks each row's version, writes, and appends one audit event per
// field changed. Any error anywhere rolls the whole batch back. Undo (audit.undo) is itself a batch built from the
// audit events of the batch it reverses. Its parts: unit-of-work/apply-changes.ts (the batch loop every service uses),
// unit-of-work/write-rules.ts (the rules every write obeys) and unit-of-work/reads.ts.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { ConflictError } from '../shared/errors';
import { announce } from './change-signal';
import { dialectOf, type DB } from './connection';
import type { Database } from './schema';
import { auditValue, insertAuditEvents, type AuditAction, type AuditEventRow } from './unit-of-work/audit-events';
import { fundPartnership, readableRow, rootKindOf } from './unit-of-work/reads';
import { withSerializationRetries } from './unit-of-work/retry';
import { WRITE_RULES } from './unit-of-work/write-rules';

export { applyChanges, definedOnly, type Change, type ChangeInCheck, type ChangeSpec } from './unit-of-work/apply-changes';
export type { PendingWrite, WriteRule } from './unit-of-work/write-rules';
export { readableRow };

export type Tx = Transaction<Database>;

/**
 * Who is making a change. `userId` is null for system jobs (the demo seed, the CLI). `authorise`, when given, is
 * called for every row the batch is about to write, with the row before and after (null when it does not exist), and
 * throws to refuse; the server passes the signed-in person's policy here, so row-level rules (a finance officer
 * changes only their own organisation's figures) hold for every write, undo included.
 */
export interface Actor {
  userId: number | null;
  authorise?: (tx: Tx, entity: string, before: object | null, after: object | null, batch: BatchContext) => Promise<void>;
  /**
   * Whether the caller may read a row (`partnershipId`: the partnership it belongs to, null for data every signed-in
   * person shares). Asked FIRST whenever a caller names a row by its id, before its existence or version is reported:
   * a row the caller may not read is answered exactly as a row that does not exist, so a refusal reveals nothing and
   * a CONFLICT only ever carries a row the caller may read (issue 20). Absent for system jobs, which read everything.
   */
  canRead?: (tx: Tx, entity: string, row: object, partnershipId: number | null) => Promise<boolean>;
}

/** What the row-level rules know of the batch a row is written in: its kind, and for an undo or redo the kind of the
 * change at the root of the chain it reverses (so undoing a promotion is judged as a promotion). */
export interface BatchContext {
  kind: BatchKind;
  rootKind: BatchKind;
}

/** A versioned, audited row: every audited table has an integer id and a version bumped on each change. */
export interface VersionedRow {
  id: number;
  version: number;
}

/** How the write path reads and writes one audited table. Each table's repository provides one of these. */
export interface AuditedTable<Row extends VersionedRow, Values extends object> {
  /** The table name, used as the entity name in audit events ("contribution"). */
  entity: string;
  /** The fields a person edits, in display order; these are audited and restored by undo. */
  fields: readonly (keyof Values & string)[];
  /** What a person calls a row of this table in messages ("contribution"). */
  noun: string;
  /** What a person calls each field in messages ("Planned (£)"); a field without a label is named as it is. */
  fieldLabels?: Readonly<Record<string, string>>;
  /** Names one row for a message ("the Testshire Council Disabled Facilities Grant Q2 contribution"). */
  describe?(tx: Tx, row: Row): Promise<string>;
  fundIdOf(row: Row): number | null;
  /** The partnership a row belongs to when it is not found through its fund (a partnership is its own). */
  partnershipIdOf?(row: Row): number | null;
  find(tx: Tx, id: number): Promise<Row | undefined>;
  /** Insert a row; with `id` and `version` given (undoing a delete) the row comes back under its old id. */
  insert(tx: Tx, values: Values, stamp: Stamp, restore?: { id: number; version: number }): Promise<Row>;
  /** Insert many new rows in a few statements (an import), returning them in the order given; optional: without it
   * `createMany` inserts them one by one. */
  insertMany?(tx: Tx, values: Values[], stamp: Stamp): Promise<Row[]>;
  update(tx: Tx, id: number, values: Partial<Values>, stamp: Stamp, version: number): Promise<Row>;
  remove(tx: Tx, id: number): Promise<void>;
  pick(row: Row): Values;
}

/** When and by whom a row was last written. */
export interface Stamp {
  at: string;
  userId: number | null;
}

/**
 * What a batch is. edit, batch, import and promote (a scenario made the plan) are changes a person made; seed is the
 * system's. undo reverses a change (or a redo); redo reverses an undo, and is itself a change that can be undone again
 * (see the undo stacks in db/repositories/audit.repository.ts). sign_off (a step of sign-off) and comment (a step of
 * conversation on the figures) are records of what someone did: shown in History, never on an undo stack.
 */
export type BatchKind = 'edit' | 'batch' | 'undo' | 'redo' | 'import' | 'seed' | 'promote' | 'sign_off' | 'comment';

export interface BatchInfo {
  kind: BatchKind;
  label: string;
  fundId: number | null;
  undoesBatchId?: string;
  /** The undo scope: a scenario's id for edits inside that scenario; absent for the fund's own stack. */
  scenarioId?: number | null;
}

/** The operations available inside a batch. Every one checks versions and writes audit events. */
export class BatchWriter {
  readonly stamp: Stamp;

  constructor(
    readonly tx: Tx,
    readonly batchId: string,
    private readonly actor: Actor,
    at: string,
    private readonly context: BatchContext,
  ) {
    this.stamp = { at, userId: actor.userId };
  }

  async create<Row extends VersionedRow, Values extends object>(table: AuditedTable<Row, Values>, values: Values): Promise<Row> {
    return this.insert(table, values);
  }

  /**
   * Create many rows: the same rules and audit events as `create` for each, but written in a few multi-row statements
   * when the table can (an import of 20,000 rows is then seconds faster; the row-by-row round trips were its cost).
   */
  async createMany<Row extends VersionedRow, Values extends object>(table: AuditedTable<Row, Values>, values: Values[]): Promise<Row[]> {
    if (!table.insertMany || values.length < 2) {
      const rows: Row[] = [];
      for (const v of values) rows.push(await this.create(table, v));
      return rows;
    }
    for (const v of values) await this.obeyRules(table, null, v);
    const rows = await table.insertMany(this.tx, values, this.stamp);
    // Events are written a statement's worth at a time, so an import of 20,000 rows never holds its 140,000 in memory.
    let events: AuditEventRow[] = [];
    for (const row of rows) {
      const after = table.pick(row);
      const changes: [string, unknown, unknown][] = table.fields.map((f) => [f, null, after[f]]);
      events.push(...(await this.eventsOf({ table, row, action: 'create', changes, versionBefore: null, versionAfter: row.version })));
      if (events.length >= EVENTS_PER_STATEMENT) {
        await this.insertEvents(events);
        events = [];
      }
    }
    await this.insertEvents(events);
    return rows;
  }

  async update<Row extends VersionedRow, Values extends object>(
    table: AuditedTable<Row, Values>,
    id: number,
    expectedVersion: number,
    patch: NoInfer<Partial<Values>>,
    path = '',
  ): Promise<Row> {
    const current = await this.current(table, id, expectedVersion, path);
    const before = table.pick(current);
    const changed = table.fields.filter((f) => f in patch && patch[f] !== undefined && !sameValue(patch[f], before[f]));
    if (changed.length === 0) return current;
    const values: Partial<Values> = {};
    for (const f of changed) values[f] = patch[f];
    await this.obeyRules(table, before, { ...before, ...values });
    const row = await table.update(this.tx, id, values, this.stamp, current.version + 1);
    const after = table.pick(row);
    await this.audit(
      table,
      row,
      'update',
      changed.map((f) => [f, before[f], after[f]]),
      current.version,
      row.version,
    );
    return row;
  }

  async remove<Row extends VersionedRow, Values extends object>(
    table: AuditedTable<Row, Values>,
    id: number,
    expectedVersion: number,
    path = '',
  ): Promise<void> {
    const current = await this.current(table, id, expectedVersion, path);
    const before = table.pick(current);
    await this.obeyRules(table, before, null);
    await table.remove(this.tx, id);
    await this.audit(
      table,
      current,
      'delete',
      table.fields.map((f) => [f, before[f], null]),
      current.version,
      null,
    );
  }

  /** Put a deleted row back under its old id, with a version above the one it had, so stale copies still conflict. */
  async restore<Row extends VersionedRow, Values extends object>(
    table: AuditedTable<Row, Values>,
    id: number,
    values: Values,
    previousVersion: number,
  ): Promise<Row> {
    return this.insert(table, values, { id, version: previousVersion + 1 });
  }

  /** A new row (or a deleted one put back under its old id), with one audit event per field. */
  private async insert<Row extends VersionedRow, Values extends object>(
    table: AuditedTable<Row, Values>,
    values: Values,
    restore?: { id: number; version: number },
  ): Promise<Row> {
    await this.obeyRules(table, null, values);
    const row = await table.insert(this.tx, values, this.stamp, restore);
    const after = table.pick(row);
    await this.audit(
      table,
      row,
      'create',
      table.fields.map((f) => [f, null, after[f]]),
      null,
      row.version,
    );
    return row;
  }

  /** The rules every write obeys (db/unit-of-work/write-rules.ts), in order; one that refuses throws. */
  private async obeyRules<Row extends VersionedRow, Values extends object>(
    table: AuditedTable<Row, Values>,
    before: object | null,
    after: object | null,
  ): Promise<void> {
    const write = {
      tx: this.tx,
      actor: this.actor,
      table: table as unknown as AuditedTable<VersionedRow, object>,
      before,
      after,
      batch: this.context,
    };
    for (const rule of WRITE_RULES) await rule(write);
  }

  /** Put this batch on a scenario's own undo stack: for the batch that creates the scenario, whose id it cannot know
   * before it starts. */
  async scopeTo(scenarioId: number): Promise<void> {
    await this.tx.updateTable('batch').set({ scenarioId }).where('id', '=', this.batchId).execute();
  }

  /**
   * The row named by a caller's id, if the caller may read it; NOT_FOUND, worded as for a row that does not exist,
   * when it does not exist OR the caller may not read it. Every service that loads a row by a caller-supplied id
   * before changing it reads it through here, so no refusal can tell an unreadable row from a missing one.
   */
  async read<Row extends VersionedRow, Values extends object>(table: AuditedTable<Row, Values>, id: number): Promise<Row> {
    return readableRow(this.tx, this.actor, table, id, (fundId) => this.partnershipOf(fundId));
  }

  /** The row as it is now, if the caller may read it and saw its latest version; otherwise NOT_FOUND (see `read`) or
   * a CONFLICT carrying the current row. */
  private async current<Row extends VersionedRow, Values extends object>(
    table: AuditedTable<Row, Values>,
    id: number,
    expectedVersion: number,
    path: string,
  ): Promise<Row> {
    const row = await this.read(table, id);
    if (row.version !== expectedVersion) {
      throw new ConflictError(
        `This ${table.noun} was changed by someone else since you loaded it (you had version ${expectedVersion}, it is now version ${row.version}); nothing was saved`,
        row,
        path,
        table.entity,
      );
    }
    return row;
  }

  /** The partnership a row belongs to: its own, or its fund's; null for shared data. */
  private async partnershipOfRow<Row extends VersionedRow, Values extends object>(
    table: AuditedTable<Row, Values>,
    row: Row,
  ): Promise<number | null> {
    return table.partnershipIdOf ? table.partnershipIdOf(row) : this.partnershipOf(table.fundIdOf(row));
  }

  /** The partnership a fund belongs to, looked up once per transaction (shared with the row-level rules). */
  private async partnershipOf(fundId: number | null): Promise<number | null> {
    return fundPartnership(this.tx, fundId);
  }

  private async audit<Row extends VersionedRow, Values extends object>(
    table: AuditedTable<Row, Values>,
    row: Row,
    action: AuditAction,
    changes: [string, unknown, unknown][],
    versionBefore: number | null,
    versionAfter: number | null,
  ): Promise<void> {
    await this.insertEvents(await this.eventsOf({ table, row, action, changes, versionBefore, versionAfter }));
  }

  /** One audit event per field changed. */
  private async eventsOf<Row extends VersionedRow, Values extends object>(entry: AuditEntry<Row, Values>): Promise<AuditEventRow[]> {
    const { table, row, action, changes, versionBefore, versionAfter } = entry;
    if (changes.length === 0) return [];
    const fundId = table.fundIdOf(row);
    const partnershipId = await this.partnershipOfRow(table, row);
    return changes.map(([field, oldValue, newValue]) => ({
      batchId: this.batchId,
      at: this.stamp.at,
      userId: this.stamp.userId,
      entity: table.entity,
      entityId: row.id,
      action,
      field,
      oldValue: auditValue(oldValue),
      newValue: auditValue(newValue),
      versionBefore,
      versionAfter,
      fundId,
      partnershipId,
    }));
  }

  private async insertEvents(events: AuditEventRow[]): Promise<void> {
    await insertAuditEvents(this.tx, events);
  }
}

/** One row's write, as its audit events record it: each change is [field, old value, new value]. */
interface AuditEntry<Row extends VersionedRow, Values extends object> {
  table: AuditedTable<Row, Values>;
  row: Row;
  action: AuditAction;
  changes: [string, unknown, unknown][];
  versionBefore: number | null;
  versionAfter: number | null;
}

/** How many events createMany holds before writing them (insertAuditEvents cuts them into statements). */
const EVENTS_PER_STATEMENT = 1000;

/** Whether a field is unchanged. A list or object field (a partnership's members, a split rule's shares) is compared
 * by its JSON, which is also how the audit log records it, so re-sending the same list writes no event. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/**
 * Run `work` as one batch in one transaction: all of it is written, with its audit events, or none of it. Returns the
 * batch id (the handle for undo) and what `work` returned.
 */
export async function runBatch<T>(
  db: DB,
  actor: Actor,
  info: BatchInfo,
  work: (writer: BatchWriter) => Promise<T>,
): Promise<{ batchId: string; result: T }> {
  // SQLite runs one transaction at a time on its one connection, so a batch always sees the rows it checks. PostgreSQL
  // runs many at once: at SERIALIZABLE it refuses (40001) a transaction whose reads another one changed, so the
  // version checks hold there too; such a batch is run again from the start (db/unit-of-work/retry.ts).
  if (dialectOf(db) === 'postgres') return withSerializationRetries(() => attemptBatch(db, actor, info, work, true));
  return attemptBatch(db, actor, info, work, false);
}

/** A constraint the database enforces: SQLite's SQLITE_CONSTRAINT_*, PostgreSQL's class 23 (integrity violation). */
function isConstraintError(error: unknown): error is Error {
  if (!(error instanceof Error) || !('code' in error)) return false;
  const code = String(error.code);
  return code.startsWith('SQLITE_CONSTRAINT') || /^23\d{3}$/.test(code);
}

async function attemptBatch<T>(
  db: DB,
  actor: Actor,
  info: BatchInfo,
  work: (writer: BatchWriter) => Promise<T>,
  serializable: boolean,
): Promise<{ batchId: string; result: T }> {
  try {
    const body = async (tx: Tx) => {
      const batchId = randomUUID();
      const at = new Date().toISOString();
      await tx
        .insertInto('batch')
        .values({
          id: batchId,
          at,
          userId: actor.userId,
          kind: info.kind,
          label: info.label,
          fundId: info.fundId,
          undoesBatchId: info.undoesBatchId ?? null,
          undoneByBatchId: null,
          scenarioId: info.scenarioId ?? null,
        })
        .execute();
      const context = { kind: info.kind, rootKind: await rootKindOf(tx, info) };
      const result = await work(new BatchWriter(tx, batchId, actor, at, context));
      // The live event streams read the batch from the audit log once it is committed (db/change-signal.ts).
      await announce(tx);
      return { batchId, result };
    };
    // Already inside a transaction (the demo seed makes all its batches in one, so a first start seeds all or
    // nothing): the batch is part of it.
    if (db.isTransaction) return await body(db as Tx);
    const transaction = serializable ? db.transaction().setIsolationLevel('serializable') : db.transaction();
    return await transaction.execute(body);
  } catch (error) {
    // A constraint the database enforces (a duplicate row, a row still referenced) that no earlier check caught,
    // typically because the data changed since: report it as a conflict with the data as it is now.
    if (isConstraintError(error)) {
      throw new ConflictError(`The change clashes with the data as it is now (${error.message}); nothing was saved`, null);
    }
    throw error;
  }
}
