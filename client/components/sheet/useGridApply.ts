// The one way a page sends a grid's changes to the server: each list of changes (a cell, a pasted block, a fill)
// becomes one batch of create / update ops with the row versions the grid showed, saved all or nothing. A refusal
// comes back as the cells at fault (BAD_REQUEST), as a conflict for the grid's keep-mine / take-theirs dialog (one
// cell someone else saved since it was loaded), or as a notice (any other conflict, a lost connection).
import { useCallback } from 'react';
import { lockedFieldOfError, useReloadLocks } from '../../hooks/useFundLocks';
import { apiError } from '../../trpc';
import type { Notice } from '../NoticeBanner';
import type { SheetChange } from './block';
import { cellErrorsOf, readConflict, type ChangeError, type ConflictFacts } from './server-errors';

export type GridChange<Values, Patch> = { op: 'create'; values: Values } | { op: 'update'; id: number; version: number; values: Patch };

/** Someone else saved the row since the grid loaded it; nothing of this change was saved. */
export interface Conflict<Row> extends ConflictFacts<Row> {
  /** Save the change again over theirs, knowingly: against the version they left. */
  keepMine: () => Promise<void>;
  /** Leave their value (the grid already shows it). */
  takeTheirs: () => Promise<void>;
}

/** What became of a list of changes: saved, or refused with a message and (where the server said) the cells at fault,
 * or a conflict to put to the person. */
export type ApplyOutcome<Row> = { ok: true } | { ok: false; message: string; cellErrors: ChangeError[]; conflict?: Conflict<Row> };

/**
 * `toRow` turns the row a CONFLICT carries (as the server stores it) into the grid's row, where they differ (a scheme's
 * spend by quarter flattened into columns).
 */
export function useGridApply<Row extends { id: number; version: number }, Values, Patch, ServerRow = Row>(
  send: (changes: GridChange<Values, Patch>[]) => Promise<unknown>,
  refresh: () => Promise<unknown>,
  setNotice: (notice: Notice | null) => void,
  toRow?: (current: ServerRow) => Row,
): (changes: SheetChange<Row>[]) => Promise<ApplyOutcome<Row>> {
  const reloadLocks = useReloadLocks();
  /** The keep-mine / take-theirs question about a refused change, or null when the refusal is not about one cell. */
  const conflictOf = useCallback(
    (changes: readonly SheetChange<Row>[], current: unknown): Conflict<Row> | null => {
      const facts = readConflict(changes, current, toRow);
      if (!facts) return null;
      const finish = async (notice: Notice) => {
        setNotice(notice);
        await refresh();
      };
      return {
        ...facts,
        keepMine: async () => {
          try {
            await send([{ op: 'update', id: facts.rowId, version: facts.version, values: facts.values as Patch }]);
            await finish({ kind: 'info', text: 'Your value was saved over the other change.' });
          } catch (error) {
            await finish({ kind: 'error', text: apiError(error).message });
          }
        },
        takeTheirs: () => finish({ kind: 'info', text: 'Kept the other person’s value; yours was not saved.' }),
      };
    },
    [send, refresh, setNotice, toRow],
  );

  return useCallback(
    async (changes: SheetChange<Row>[]): Promise<ApplyOutcome<Row>> => {
      try {
        await send(
          changes.map((c) =>
            c.kind === 'update'
              ? { op: 'update' as const, id: c.row.id, version: c.row.version, values: c.values as Patch }
              : { op: 'create' as const, values: c.values as Values },
          ),
        );
        setNotice(null);
        return { ok: true };
      } catch (error) {
        const { code, message, fieldErrors, current } = apiError(error);
        if (code === 'BAD_REQUEST') return { ok: false, message, cellErrors: cellErrorsOf(fieldErrors) };
        const conflict = code === 'CONFLICT' ? conflictOf(changes, current) : null;
        // Someone saved this row since it was loaded: ask whose value wins instead of overwriting theirs.
        if (conflict) return { ok: false, message: '', cellErrors: [], conflict };
        // A figure locked by sign-off while the page was open: the grid takes the new locks (its cells turn read-only)
        // and marks the cell the server named, when the change was to one row; otherwise the notice says it.
        const locked = lockedFieldOfError(error);
        if (locked) {
          await reloadLocks();
          const at = changes.length === 1 && changes[0]?.kind === 'update' && locked.field in changes[0].values ? 0 : -1;
          if (at === 0) return { ok: false, message, cellErrors: [{ change: 0, field: locked.field, message }] };
        }
        const reloaded = code === 'CONFLICT' || code === 'NOT_FOUND' || code === 'FORBIDDEN';
        setNotice({
          kind: 'error',
          text: `${message}. Nothing in this change was saved${reloaded ? '; the grid shows the latest figures' : ''}.`,
        });
        return { ok: false, message: '', cellErrors: [] };
      } finally {
        await refresh();
      }
    },
    [send, refresh, setNotice, conflictOf, reloadLocks],
  );
}
