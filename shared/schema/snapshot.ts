// A plan snapshot: a named, frozen version of a fund's plan ("Submitted plan", "Q2 return"), and how two versions of
// a plan compare.
import { z } from 'zod';
import { id, rule, strict, text } from './fields';

export const snapshotCreateInput = strict({ fundId: id('Fund'), name: text('Snapshot name', 1, 200) }, 'Snapshot');

/** A version of a plan: a snapshot id, or 'current' for the plan as it is now. */
const planVersion = (field: string) => z.union([z.literal('current'), id(field)], rule(field, "must be a snapshot id or 'current'"));

export const snapshotCompareInput = strict({ fundId: id('Fund'), a: planVersion('A'), b: planVersion('B') }, 'Input');
export const snapshotRestoreInput = strict({ snapshotId: id('Snapshot') }, 'Input');
export type SnapshotCompareInput = z.infer<typeof snapshotCompareInput>;

/** A named, frozen version of a fund's plan, as snapshots.list returns it. */
export interface PlanSnapshot {
  id: number;
  fundId: number;
  name: string;
  createdAt: string;
  createdByName: string | null;
  schemeCount: number;
  plannedPence: number;
  actualPence: number;
}

/** One scheme added or removed between two versions; deltaPence is the change in planned spend (b - a). */
export interface PlanLineChange {
  code: string;
  name: string;
  plannedPence: number;
  deltaPence: number;
}

/** The difference between two versions of a plan (a and b: snapshot ids or 'current'), keyed by scheme code. */
export interface PlanComparison {
  a: { id: number | 'current'; name: string };
  b: { id: number | 'current'; name: string };
  added: PlanLineChange[];
  removed: PlanLineChange[];
  changed: {
    code: string;
    name: string;
    fields: Record<string, { old: unknown; new: unknown }>;
    /** Planned spend in b minus planned spend in a, in pence. */
    deltaPence: number;
  }[];
  /** Total planned spend of a and b, and b - a. */
  aPlannedPence: number;
  bPlannedPence: number;
  deltaPence: number;
}
