// Spend against plan: planned and actual spend on the fund's schemes, by quarter of the period.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { QuarterSpend } from '../../shared/board-report';
import { quarterLabel } from '../../shared/financial-year';
import { sumPence } from '../../shared/money';
import { BoardChartFigure, legendOf, seriesFill, SeriesPatterns, useSvgId, type ExportInfo } from './BoardChartFigure';
import { penceTick, penceTooltip, quarterTick, quarterTooltipLabel } from './chart-format';
import { num, PenceCells, TableHead } from './SimpleTable';

export function BoardSpendChart({ quarters, exportInfo }: { quarters: readonly QuarterSpend[]; exportInfo: ExportInfo }) {
  const patterns = useSvgId();
  const data = quarters.map((q) => ({ quarter: q.quarter, planned: q.plannedPence, actual: q.actualPence }));
  const legend = legendOf(patterns, ['Planned', 'Actual']);
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
          <Tooltip formatter={penceTooltip} labelFormatter={quarterTooltipLabel} />
          <Bar dataKey="planned" name="Planned" fill={seriesFill(patterns, 0)} isAnimationActive={false} />
          <Bar dataKey="actual" name="Actual" fill={seriesFill(patterns, 1)} isAnimationActive={false} />
        </BarChart>
      }
      table={
        <table className="simple-table">
          <caption className="visually-hidden">Planned and actual spend by quarter</caption>
          <TableHead columns={['Quarter', num('Planned'), num('Actual'), num('Variance (actual − planned)')]} />
          <tbody>
            {quarters.map((q) => (
              <tr key={q.quarter} data-quarter={q.quarter}>
                <th scope="row">{quarterLabel(q.quarter)}</th>
                <PenceCells values={[q.plannedPence, q.actualPence, q.actualPence - q.plannedPence]} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-quarter="total">
              <th scope="row">Period</th>
              <PenceCells values={[planned, actual, actual - planned]} />
            </tr>
          </tfoot>
        </table>
      }
    />
  );
}
