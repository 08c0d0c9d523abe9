// The plain tables shown beside every chart and on the summary pages: a heading row from a list of columns (figures
// right-aligned), and cells of money in en-GB £. One place, so a table's markup (scope, alignment) is the same
// everywhere and a screen reader meets the same structure on every page.
import type { ReactNode } from 'react';
import { formatPence } from '../../shared/money';
import { signClass } from '../../shared/wording';

/** A figure's cell class: right-aligned, and red when negative (the wording table's sign rule, shared/wording.ts). */
export const numClass = (value: number | null) => ['num', signClass(value)].filter(Boolean).join(' ');

/** A column heading; `num` right-aligns it over figures. */
export interface Column {
  label: ReactNode;
  num?: boolean;
  key?: string | number;
}

/** The heading of a column of figures (money, counts): right-aligned like its cells. */
export const num = (label: ReactNode, key?: string | number): Column => ({ label, num: true, ...(key === undefined ? {} : { key }) });

/** The heading of a column of row actions (buttons): named for screen readers, blank on the screen. */
export const ACTIONS: Column = { label: <span className="visually-hidden">Actions</span> };

/** A table's heading row: plain strings are text columns, `num(...)` figure columns; a false entry (a column shown
 * only to some people: `canEdit && ACTIONS`) is left out. */
export function TableHead({ columns }: { columns: readonly (Column | string | false)[] }) {
  return (
    <thead>
      <tr>
        {columns
          .filter((c): c is Column | string => c !== false)
          .map((c, i) => {
            const column = typeof c === 'string' ? { label: c } : c;
            return (
              <th scope="col" className={column.num ? 'num' : undefined} key={column.key ?? i}>
                {column.label}
              </th>
            );
          })}
      </tr>
    </thead>
  );
}

/** Cells of money, right-aligned, one for each amount of pence. */
export function PenceCells({ values }: { values: readonly number[] }) {
  return (
    <>
      {values.map((pence, i) => (
        <td className={numClass(pence)} key={i}>
          {formatPence(pence)}
        </td>
      ))}
    </>
  );
}
