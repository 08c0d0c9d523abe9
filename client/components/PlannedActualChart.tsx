// Planned vs actual money as a bar chart (by partner, by quarter...), with a table view for screen readers and for
// anyone who wants the numbers. Recharts freezes its data, so it gets its own fresh objects, never the grid's rows.
// An actual not yet reported (null; shared/board-report.ts) draws no bar and reads "Not yet reported", never £0.00.
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { NOT_YET_REPORTED } from '../../shared/board-report';
import { formatPenceCompact } from '../../shared/money';
import { penceTooltip } from './chart-format';
import { NAME_AXIS_HEIGHT, nameTick } from './ChartNameTick';
import { num, PenceCells, TableHead } from './SimpleTable';

interface Props {
  title: string;
  /** What each bar pair is ("Partner", "Quarter"): the table's first column. */
  nameHeader: string;
  rows: readonly { name: string; plannedPence: number; actualPence: number | null }[];
  /** Said under the title, e.g. which quarters are not yet reported. */
  note?: string;
}

const tooltip = (value: unknown) => (value === null || value === undefined ? NOT_YET_REPORTED : penceTooltip(value));

export function PlannedActualChart({ title, nameHeader, rows, note }: Props) {
  const titleId = useId();
  const data = rows.map((r) => ({ name: r.name, planned: r.plannedPence, actual: r.actualPence }));
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        {title}
        {note && <span className="muted"> ({note})</span>}
      </figcaption>
      <div className="chart-area" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          {/* No accessibility layer: the chart is hidden from assistive technology (the table below is its text form),
              so it must not be a keyboard stop either (WCAG 2.4.3; axe aria-hidden-focus). */}
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={nameTick({ axis: 'x' })} interval={0} height={NAME_AXIS_HEIGHT} />
            <YAxis
              tickFormatter={(v: number) => formatPenceCompact(v)}
              width={64}
              label={{ value: '£', angle: 0, position: 'insideTopLeft', offset: 0 }}
            />
            <Tooltip formatter={tooltip} />
            <Legend />
            <Bar dataKey="planned" name="Planned" fill="#1d70b8" isAnimationActive={false} />
            <Bar dataKey="actual" name="Actual" fill="#f47738" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>Show as a table</summary>
        <table className="simple-table">
          <TableHead columns={[nameHeader, num('Planned'), num('Actual')]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <PenceCells values={[r.plannedPence]} />
                {r.actualPence === null ? <td className="num muted">{NOT_YET_REPORTED}</td> : <PenceCells values={[r.actualPence]} />}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
