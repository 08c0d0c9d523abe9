// Undo and redo of the signed-in person's own changes to one fund (or to one scenario of it, which has a stack of its
// own), through the server's stacks (audit.stack, audit.undoLast, audit.redoLast), for a grid's Ctrl+Z / Ctrl+Y and
// buttons. The stacks live in the database, so they survive sort, filter, reload and restart.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiError, useTRPC } from '../../trpc';
import type { Notice } from '../NoticeBanner';
import type { UndoState } from './SheetGrid';

export function useFundUndo(
  fundId: number,
  refresh: () => Promise<void>,
  setNotice: (notice: Notice) => void,
  scenarioId?: number,
): UndoState {
  const trpc = useTRPC();
  const scope = scenarioId === undefined ? { fundId } : { fundId, scenarioId };
  const stack = useQuery(trpc.audit.stack.queryOptions(scope));
  const undoLast = useMutation(trpc.audit.undoLast.mutationOptions());
  const redoLast = useMutation(trpc.audit.redoLast.mutationOptions());
  const step = useCallback(
    /** Whether the server had a step to take (false: nothing to undo or redo; the grid says so). */
    async (direction: 'undo' | 'redo'): Promise<boolean> => {
      try {
        const result = await (direction === 'undo' ? undoLast : redoLast).mutateAsync(
          scenarioId === undefined ? { fundId } : { fundId, scenarioId },
        );
        if (result.label) setNotice({ kind: 'info', text: `${direction === 'undo' ? 'Undone' : 'Redone'}: ${result.label}.` });
        return !!result.label;
      } catch (error) {
        setNotice({ kind: 'error', text: apiError(error).message });
        return true;
      } finally {
        await refresh();
      }
    },
    [undoLast, redoLast, fundId, scenarioId, refresh, setNotice],
  );
  return {
    undoLabel: stack.data?.undo?.label ?? null,
    redoLabel: stack.data?.redo?.label ?? null,
    onUndo: () => step('undo'),
    onRedo: () => step('redo'),
  };
}
