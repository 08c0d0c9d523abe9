// The one way a page sends a grid's changes to the server: each list of changes (a cell, a pasted block, a fill)
// becomes one batch of create / update ops with the row versions the grid showed, saved all or nothing. A refusal
// comes back as the cells at fault (BAD_REQUEST) or as a notice (a conflict, a lost connection).
import { useCallback } from 'react';
import { apiError } from '../../trpc';
import type { Notice } from '../NoticeBanner';
import type { ApplyOutcome, SheetChange } from './SheetGrid';
import { cellErrorsOf } from './server-errors';

export type GridChange<Values, Patch> =
  { op: 'create'; values: Values } | { op: 'update'; id: number; version: number; values: Patch };

export function useGridApply<Row extends { id: number; version: number }, Values, Patch>(
  send: (changes: GridChange<Values, Patch>[]) => Promise<unknown>,
  refresh: () => Promise<unknown>,
  setNotice: (notice: Notice | null) => void,
): (changes: SheetChange<Row>[]) => Promise<ApplyOutcome> {
  return useCallback(
    async (changes: SheetChange<Row>[]): Promise<ApplyOutcome> => {
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
        const { code, message, fieldErrors } = apiError(error);
        if (code !== 'BAD_REQUEST') {
          setNotice({ kind: 'error', text: `${message}. Nothing in this change was saved.` });
          return { ok: false, message: '', cellErrors: [] };
        }
        return { ok: false, message, cellErrors: cellErrorsOf(fieldErrors) };
      } finally {
        await refresh();
      }
    },
    [send, refresh, setNotice],
  );
}
