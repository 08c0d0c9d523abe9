// A grid's part in presence: it sends the cell this person has selected (debounced, through presence.select, on this
// page's connection), marks the cells the others have selected (SheetGrid's `cellMark`), and says in words what its
// cells are for the presence bar. The selected cell is read from the focus (ag-grid focuses the cell itself, whose
// element carries `col-id`, inside a row carrying `row-id`), so the grid needs nothing more than a wrapper.
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, type FocusEvent } from 'react';
import type { PresenceCell } from '../../shared/live';
import { useTRPC } from '../trpc';
import { useLive, type CellDescriber } from './LiveProvider';
import './live.css';

/** How long the selection rests before it is sent: arrowing across a row sends one call, not one per cell. */
const SELECT_DEBOUNCE_MS = 150;

export function useLiveGrid<Row extends { id: number }>(entity: string, describe: CellDescriber) {
  const trpc = useTRPC();
  const { connectionId, others, describeWith } = useLive();
  const select = useMutation(trpc.presence.select.mutationOptions());
  const send = select.mutate;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef<string>('null');

  useEffect(() => describeWith(entity, describe), [describeWith, entity, describe]);

  const sendCell = useCallback(
    (cell: PresenceCell | null) => {
      const key = JSON.stringify(cell);
      if (pending.current) clearTimeout(pending.current);
      if (!connectionId || key === last.current) return;
      pending.current = setTimeout(() => {
        last.current = key;
        // Where one is on the page is shown to others at best effort: a refused or lost call is simply not shown.
        send({ connectionId, cell }, { onError: () => undefined });
      }, SELECT_DEBOUNCE_MS);
    },
    [connectionId, send],
  );

  // A new connection (a reconnect) knows nothing of the selection yet; leaving the grid clears it.
  useEffect(() => {
    last.current = 'null';
  }, [connectionId]);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
      if (connectionId && last.current !== 'null') send({ connectionId, cell: null }, { onError: () => undefined });
    },
    [connectionId, send],
  );

  const onFocus = useCallback(
    (event: FocusEvent<HTMLElement>) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const field = target?.closest('[col-id]')?.getAttribute('col-id');
      const rowId = Number(target?.closest('[row-id]')?.getAttribute('row-id'));
      if (field && Number.isInteger(rowId) && rowId > 0) sendCell({ entity, id: rowId, field });
    },
    [entity, sendCell],
  );

  /** The others' selected cells of this grid, by "id:field". */
  const marks = useMemo(() => {
    const byCell = new Map<string, string[]>();
    for (const viewer of others) {
      if (viewer.cell?.entity !== entity) continue;
      const key = `${viewer.cell.id}:${viewer.cell.field ?? ''}`;
      byCell.set(key, [...(byCell.get(key) ?? []), viewer.user.name]);
    }
    return byCell;
  }, [others, entity]);

  const cellMark = useCallback(
    (row: Row, field: string): string | null => {
      const names = marks.get(`${row.id}:${field}`);
      return names ? `${names.join(' and ')} ${names.length > 1 ? 'have' : 'has'} this cell selected` : null;
    },
    [marks],
  );

  return { cellMark, frameProps: { onFocus } };
}
