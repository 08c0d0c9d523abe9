// Reads and writes of plan snapshots: a named, frozen copy of a fund's schemes with their spend, kept as JSON text.
import type { PlanLine, PlanSnapshot } from '../../shared/plan-types';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { auditedTable } from './row-writes';

/** What a snapshot holds; `format` lets a later release read older snapshots. */
export interface SnapshotData {
  format: 1;
  lines: PlanLine[];
}

export interface SnapshotValues {
  fundId: number;
  name: string;
  /** JSON text of SnapshotData. */
  data: string;
}

export interface SnapshotRow extends SnapshotValues {
  id: number;
  createdAt: string;
  createdBy: number | null;
  createdByName: string | null;
  version: number;
}

function selectSnapshots(db: DB | Tx) {
  return db
    .selectFrom('planSnapshot')
    .leftJoin('appUser', 'appUser.id', 'planSnapshot.createdBy')
    .select([
      'planSnapshot.id',
      'planSnapshot.fundId',
      'planSnapshot.name',
      'planSnapshot.data',
      'planSnapshot.createdAt',
      'planSnapshot.createdBy',
      'planSnapshot.version',
      'appUser.name as createdByName',
    ]);
}

export function findSnapshot(db: DB | Tx, id: number): Promise<SnapshotRow | undefined> {
  return selectSnapshots(db).where('planSnapshot.id', '=', id).executeTakeFirst();
}

export function snapshotData(row: Pick<SnapshotRow, 'data'>): SnapshotData {
  return JSON.parse(row.data) as SnapshotData;
}

/** A fund's snapshots, newest first, with their totals (read from the frozen data, not from today's plan). */
export async function listSnapshots(db: DB | Tx, fundId: number): Promise<PlanSnapshot[]> {
  const rows = await selectSnapshots(db).where('planSnapshot.fundId', '=', fundId).orderBy('planSnapshot.id', 'desc').execute();
  return rows.map((row) => {
    const { lines } = snapshotData(row);
    let plannedPence = 0;
    let actualPence = 0;
    for (const line of lines) {
      plannedPence += line.q1PlannedPence + line.q2PlannedPence + line.q3PlannedPence + line.q4PlannedPence;
      actualPence += line.q1ActualPence + line.q2ActualPence + line.q3ActualPence + line.q4ActualPence;
    }
    return {
      id: row.id,
      fundId: row.fundId,
      name: row.name,
      createdAt: row.createdAt,
      createdByName: row.createdByName,
      schemeCount: lines.length,
      plannedPence,
      actualPence,
    };
  });
}

export const snapshotTable = auditedTable<SnapshotRow, SnapshotValues>({
  table: 'planSnapshot',
  entity: 'plan_snapshot',
  noun: 'plan snapshot',
  fieldLabels: { fundId: 'Fund', name: 'Snapshot name', data: 'Plan' },
  describe: async (_tx, row) => `the snapshot '${row.name}'`,
  fields: ['fundId', 'name', 'data'],
  fundIdOf: (row) => row.fundId,
  find: findSnapshot,
  stamps: 'created',
});
