// Spend against plan: planned and actual spend on the fund's schemes, by quarter of the period.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { QuarterSpend } from '../../shared/board-report';
import { quarterLabel } from '../../shared/financial-year';
import { formatPence, sumPence } from '../../shared/money';
import { BoardChartFigure, penceTick, quarterTick, seriesFill, SeriesPatterns, useSvgId, type ExportInfo } from './BoardChartFigure';

export function BoardSpendChart({ quarters, exportInfo }: { quarters: readonly QuarterSpend[]; exportInfo: ExportInfo }) {
  const patterns = useSvgId();
  const data = quarters.map((q) => ({ quarter: q.quarter, planned: q.plannedPence, actual: q.actualPence }));
  const legend = [
    { name: 'Planned', fill: seriesFill(patterns, 0) },
    { name: 'Actual', fill: seriesFill(patterns, 1) },
  ];
  const planned = sumPence(quarters.map((q) => q.plannedPence));
  const actual = sumPence(quarters.map((q) => q.actualPence));
  return (
    <BoardChartFigure
      title="Spend against plan"
      description="planned and actual spend on schemes, by quarter (£)"
      testId="chart-spend"
      exportInfo={exportInfo}
      legend={legend}
      height={280}
      chart={
        <BarChart data={data} margin={{ top: 16, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <SeriesPatterns idPrefix={patterns} count={2} />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="quarter" tickFormatter={quarterTick} />
          <YAxis tickFormatter={penceTick} width={64} />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? formatPence(v) : String(v))}
            labelFormatter={(q) => quarterLabel(Number(q))}
          />
          <Bar dataKey="planned" name="Planned" fill={seriesFill(patterns, 0)} isAnimationActive={false} />
          <Bar dataKey="actual" name="Actual" fill={seriesFill(patterns, 1)} isAnimationActive={false} />
        </BarChart>
      }
      table={
        <table className="simple-table">
          <caption className="visually-hidden">Planned and actual spend by quarter</caption>
          <thead>
            <tr>
              <th scope="col">Quarter</th>
              <th scope="col" className="num">
                Planned
              </th>
              <th scope="col" className="num">
                Actual
              </th>
              <th scope="col" className="num">
                Variance (actual − planned)
              </th>
            </tr>
          </thead>
          <tbody>
            {quarters.map((q) => (
              <tr key={q.quarter} data-quarter={q.quarter}>
                <th scope="row">{quarterLabel(q.quarter)}</th>
                <td className="num">{formatPence(q.plannedPence)}</td>
                <td className="num">{formatPence(q.actualPence)}</td>
                <td className="num">{formatPence(q.actualPence - q.plannedPence)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-quarter="total">
              <th scope="row">Period</th>
              <td className="num">{formatPence(planned)}</td>
              <td className="num">{formatPence(actual)}</td>
              <td className="num">{formatPence(actual - planned)}</td>
            </tr>
          </tfoot>
        </table>
      }
    />
  );
}
