// The sheet's totals row (pinned under the rows): it adds up the rows shown, so it follows the column filters. It is made
// again only when the rows or the rows shown change: a new pinned row makes ag-grid redraw it and refit every column, so
// neither a page's re-render (a query settling, a new `totals` function) nor a sort, nor the first draw may make one.
import type { GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState, type RefObject } from 'react';
import type { GridRow } from './column-defs';

export function useTotalsRow<Row extends { id: number }>(
  api: RefObject<GridApi<GridRow<Row>> | null>,
  rows: readonly Row[],
  totals: ((rows: Row[]) => Record<string, unknown>) | undefined,
) {
  /** The rows after the filters, or null while they are all the rows in their given order. */
  const [shown, setShown] = useState<Row[] | null>(null);
  const refreshShown = useCallback(() => {
    const list: Row[] = [];
    api.current?.forEachNodeAfterFilterAndSort((node) => {
      if (node.data && !node.data.isTotal) list.push(node.data.data);
    });
    setShown((before) => (sameRows(before ?? rows, list) ? before : list));
  }, [api, rows]);
  const totalsOf = useRef(totals);
  totalsOf.current = totals;
  const hasTotals = !!totals;
  const pinnedBottom = useMemo<GridRow<Row>[]>(() => {
    const add = hasTotals ? totalsOf.current : undefined;
    return add ? [{ data: { id: -1, ...add(shown ?? [...rows]) } as unknown as Row, isTotal: true, id: 'total' }] : [];
  }, [hasTotals, shown, rows]);
  return { shown, refreshShown, pinnedBottom };
}

function sameRows<Row>(a: readonly Row[], b: readonly Row[]): boolean {
  return a.length === b.length && a.every((row, i) => row === b[i]);
}
