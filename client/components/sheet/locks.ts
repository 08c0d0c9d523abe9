// Which cells of a grid a fund's sign-off locks hold (issue "Sign-off and returns"), as plain functions a grid hands to
// SheetGrid's `cellBlock`: the reason when the cell is locked, null when it is not. They mirror the server's rule
// (shared/submission.ts lockedFieldOf), asked of the cell, so the grid and the server hold exactly the same cells.
import type { FundLock } from '../../../shared/schema/submission';
import { lockedFieldOf } from '../../../shared/submission';

/** The reason the plan is locked (planned figures, schemes, conditions, plan settings), or null. */
export function planLockOf(locks: readonly FundLock[]): string | null {
  return locks.find((l) => l.covers.plan)?.reason ?? null;
}

/** The reason a quarter's actuals are locked (its own return, or the year end), or null. */
export function actualLockOf(locks: readonly FundLock[], quarter: number): string | null {
  return locks.find((l) => l.covers.actualQuarters.includes(quarter))?.reason ?? null;
}

/** A value no cell holds, to ask the rule "would changing this field touch a locked figure?". */
const CHANGED = Object.freeze({ changed: true });

/** A cell of a row of `entity`: locked exactly when the server's rule (lockedFieldOf) would refuse changing it. So a
 * contribution's planned figure is held by the plan, its actual by its quarter's return, its partner, source or quarter
 * by whichever holds a figure the row carries, and its note never; a scheme's quarter actual by that quarter's return,
 * every other field by the plan. */
function cellLock(entity: 'contribution' | 'scheme', locks: readonly FundLock[]) {
  return (row: object | null, field: string): string | null =>
    locks.length === 0 ? null : (lockedFieldOf(entity, row, { ...row, [field]: CHANGED }, locks)?.lock.reason ?? null);
}

export const contributionCellLock = (locks: readonly FundLock[]) => cellLock('contribution', locks);
export const schemeCellLock = (locks: readonly FundLock[]) => cellLock('scheme', locks);
