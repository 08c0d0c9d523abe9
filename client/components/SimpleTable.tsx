// The plain tables shown beside every chart and on the summary pages: a heading row from a list of columns (figures
// right-aligned), and cells of money in en-GB £. One place, so a table's markup (scope, alignment) is the same
// everywhere and a screen reader meets the same structure on every page.
import type { ReactNode } from 'react';
import { formatPence } from '../../shared/money';

/** A column heading; `num` right-aligns it over figures. */
export interface Column {
  label: ReactNode;
  num?: boolean;
  key?: string | number;
}

/** The heading of a column of figures (money, counts): right-aligned like its cells. */
export const num = (label: ReactNode, key?: string | number): Column => ({ label, num: true, ...(key === undefined ? {} : { key }) });

/** A table's heading row: plain strings are text columns, `num(...)` figure columns. */
export function TableHead({ columns }: { columns: readonly (Column | string)[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => {
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
        <td className="num" key={i}>
          {formatPence(pence)}
        </td>
      ))}
    </>
  );
}
