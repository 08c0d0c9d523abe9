// The grid's side of saving: a planned block goes to the page's `onApply` as one list (one batch, all or nothing), or,
// when any cell of it was refused, nothing goes and each refused cell is marked. It keeps the marks, whether a save is
// under way, and a conflict waiting for the person's choice (keep mine / take theirs).
import { useCallback, useState } from 'react';
import type { BlockPlan, CellError, SheetChange } from './block';
import { placeRefusal } from './server-errors';
import type { ApplyOutcome, Conflict } from './useGridApply';

export const errorKey = (rowId: number | string, field: string) => `${rowId}:${field}`;

export function useSheetSave<Row extends { id: number }>(onApply: (changes: SheetChange<Row>[]) => Promise<ApplyOutcome<Row>>) {
  /** Refused cells of existing rows, by errorKey. */
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  /** Refusals that belong to no cell shown: rows pasted past the end, a refusal that named no cell. */
  const [loose, setLoose] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict<Row> | null>(null);

  const mark = useCallback((cellErrors: readonly CellError[], newRowErrors: readonly string[]) => {
    setErrors(new Map(cellErrors.map((e) => [errorKey(e.rowId, e.field), e.message])));
    setLoose([...newRowErrors]);
  }, []);

  // A save that clears no mark leaves the state as it was: a new (equal) map would redraw every cell after each save.
  const unmark = useCallback((changes: readonly SheetChange<Row>[]) => {
    setErrors((prev) => {
      if (prev.size === 0) return prev;
      const next = new Map(prev);
      for (const c of changes) if (c.kind === 'update') for (const f of Object.keys(c.values)) next.delete(errorKey(c.row.id, f));
      return next.size === prev.size ? prev : next;
    });
    setLoose((prev) => (prev.length === 0 ? prev : []));
  }, []);

  const send = useCallback(
    async (changes: SheetChange<Row>[]): Promise<boolean> => {
      if (changes.length === 0) return true;
      setBusy(true);
      try {
        const outcome = await onApply(changes);
        if (outcome.ok) {
          unmark(changes);
          return true;
        }
        if (outcome.conflict) setConflict(outcome.conflict);
        const placed = placeRefusal(changes, outcome);
        if (placed.cellErrors.length || placed.newRowErrors.length) mark(placed.cellErrors, placed.newRowErrors);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onApply, unmark, mark],
  );

  /** Save a planned block: all of it, or (one cell refused) none of it, with the refused cells marked. */
  const run = useCallback(
    async (plan: BlockPlan<Row>): Promise<boolean> => {
      if (plan.cellErrors.length || plan.newRowErrors.length) {
        mark(plan.cellErrors, plan.newRowErrors);
        return false;
      }
      return send(plan.changes);
    },
    [mark, send],
  );

  const resolveConflict = useCallback(
    async (keepMine: boolean) => {
      if (!conflict) return;
      setConflict(null);
      await (keepMine ? conflict.keepMine() : conflict.takeTheirs());
    },
    [conflict],
  );

  const dismiss = useCallback(() => {
    setErrors(new Map());
    setLoose([]);
  }, []);

  return { errors, loose, busy, conflict, run, resolveConflict, dismiss };
}
