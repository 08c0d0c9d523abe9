// Which cells of a grid a fund's sign-off locks hold (issue "Sign-off and returns"), as plain functions a grid hands to
// SheetGrid's `cellBlock`: the reason when the cell is locked, null when it is not. They mirror the server's rule
// (shared/submission.ts lockedFieldOf), which refuses the write whatever the grid shows.
import type { FundLock } from '../../../shared/schema/submission';

/** The reason the plan is locked (planned figures, schemes, conditions, plan settings), or null. */
export function planLockOf(locks: readonly FundLock[]): string | null {
  return locks.find((l) => l.covers.plan)?.reason ?? null;
}

/** The reason a quarter's actuals are locked (its own return, or the year end), or null. */
export function actualLockOf(locks: readonly FundLock[], quarter: number): string | null {
  return locks.find((l) => l.covers.actualQuarters.includes(quarter))?.reason ?? null;
}

/** A contribution's cell: the planned figure under the plan's lock, the actual under its quarter's; the partner, funding
 * source and quarter name which figure it is, so they are held by either; the note is never locked. */
export function contributionCellLock(locks: readonly FundLock[]) {
  return (row: { quarter: number }, field: string): string | null => {
    if (locks.length === 0 || field === 'note') return null;
    if (field === 'plannedPence') return planLockOf(locks);
    if (field === 'actualPence') return actualLockOf(locks, row.quarter);
    return planLockOf(locks) ?? actualLockOf(locks, row.quarter);
  };
}

/** A scheme's cell: a quarter's actual under that quarter's lock; every other field (planned spend, type, provider,
 * outputs...) under the plan's. */
export function schemeCellLock(locks: readonly FundLock[]) {
  return (_row: unknown, field: string): string | null => {
    if (locks.length === 0) return null;
    const actual = /^q([1-4])ActualPence$/.exec(field);
    return actual ? actualLockOf(locks, Number(actual[1])) : planLockOf(locks);
  };
}
