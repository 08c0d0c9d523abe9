// Planned vs actual money as a bar chart (by partner, by quarter...) on the chart kit, with a table view for screen
// readers and for anyone who wants the numbers. An actual not yet reported (null; shared/board-report.ts) draws no
// bar and reads "Not yet reported", never £0.00.
import { NOT_YET_REPORTED } from '../../shared/board-report';
import { BarChartKit } from './chart/BarChartKit';
import { PLANNED_ACTUAL } from './chart/series';
import { num, PenceCells, TableHead } from './SimpleTable';

interface Props {
  title: string;
  /** What each bar pair is ("Partner", "Quarter"): the table's first column. */
  nameHeader: string;
  rows: readonly { name: string; plannedPence: number; actualPence: number | null }[];
  /** Said under the title, e.g. which quarters are not yet reported. */
  note?: string;
}

export function PlannedActualChart({ title, nameHeader, rows, note }: Props) {
  return (
    <BarChartKit
      title={title}
      description={note ? `(${note})` : undefined}
      rows={rows.map((r) => ({ name: r.name, planned: r.plannedPence, actual: r.actualPence }))}
      categoryKey="name"
      categories="names"
      series={PLANNED_ACTUAL}
      height={260}
      table={
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
      }
    />
  );
}
