// Spend against plan: planned and actual spend on the fund's schemes, by quarter of the period. A quarter not yet
// reported has no actual bar and reads "Not yet reported"; the totals cover the reported quarters only
// (shared/board-report.ts states the rule, shared/board-pack/reported.ts words the rows, as the board pack does).
import { NOT_YET_REPORTED, notReportedText, type QuarterSpend, type ReportedTotal } from '../../shared/board-report';
import { cellText } from '../../shared/board-pack/model';
import { totalRows } from '../../shared/board-pack/reported';
import { quarterLabel } from '../../shared/financial-year';
import { BarChartKit } from './chart/BarChartKit';
import type { ExportInfo } from './chart/ChartFrame';
import { PLANNED_ACTUAL } from './chart/series';
import { num, PenceCells, TableHead } from './SimpleTable';

interface Props {
  quarters: readonly QuarterSpend[];
  /** The report's total of the reported quarters (tiles.spentToDate). */
  total: ReportedTotal;
  /** The period as the totals name it: "Q1 to Q4". */
  periodText: string;
  exportInfo: ExportInfo;
}

export function BoardSpendChart({ quarters, total, periodText, exportInfo }: Props) {
  // A null actual draws no bar (recharts skips it): absent, not a zero bar.
  const data = quarters.map((q) => ({ quarter: q.quarter, planned: q.plannedPence, actual: q.actualPence }));
  const missing = notReportedText(total.unreported);
  return (
    <BarChartKit
      title="Spend against plan"
      description={`planned and actual spend on schemes, by quarter (£)${missing ? `; ${missing}: no actual bar` : ''}`}
      testId="chart-spend"
      exportInfo={exportInfo}
      rows={data}
      categoryKey="quarter"
      categories="quarters"
      series={PLANNED_ACTUAL}
      height={280}
      className="board-chart"
      table={
        <table className="simple-table">
          <caption className="visually-hidden">Planned and actual spend by quarter</caption>
          <TableHead columns={['Quarter', num('Planned'), num('Actual'), num('Variance (actual − planned)')]} />
          <tbody>
            {quarters.map((q) => (
              <tr key={q.quarter} data-quarter={q.quarter} data-reported={q.actualPence !== null}>
                <th scope="row">{quarterLabel(q.quarter)}</th>
                {q.actualPence === null ? (
                  <>
                    <PenceCells values={[q.plannedPence]} />
                    <td className="num muted">{NOT_YET_REPORTED}</td>
                    <td className="num muted">
                      —<span className="visually-hidden"> (no variance: not yet reported)</span>
                    </td>
                  </>
                ) : (
                  <PenceCells values={[q.plannedPence, q.actualPence, q.actualPence - q.plannedPence]} />
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            {totalRows(total, periodText, 'Period').map((row, i) => (
              <tr key={row.label} data-quarter={i === 0 ? 'total' : 'period-plan'}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, c) => (
                  <td key={c} className={cell.kind === 'unreported' ? 'num muted' : 'num'}>
                    {cellText(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        </table>
      }
    />
  );
}
