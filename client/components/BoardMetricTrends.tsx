// Outcomes against targets: one small line chart per metric (actual against target by quarter), each quarter's
// status in words ("On track", "Not on track", "Data not available") as well as a mark, never by colour alone.
import type { MetricTrend } from '../../shared/board-report';
import { quarterLabel } from '../../shared/financial-year';
import {
  formatMetricValue,
  METRIC_STATUS_LABELS,
  METRIC_UNIT_LABELS,
  POLARITY_LABELS,
  type MetricStatus,
} from '../../shared/metric-status';
import { metricTickText } from '../../shared/wording';
import type { ExportInfo } from './chart/ChartFrame';
import { LineChartKit } from './chart/LineChartKit';
import { TARGET_ACTUAL } from './chart/series';
import { num, TableHead } from './SimpleTable';

/** A mark for each status beside its words, so the status reads without colour too. */
const STATUS_MARKS: Record<MetricStatus, string> = { on_track: '✓', not_on_track: '✗', data_not_available: '–' };

export function StatusWords({ status }: { status: MetricStatus }) {
  return (
    <span className={`metric-status metric-status-${status}`}>
      <span aria-hidden="true">{STATUS_MARKS[status]} </span>
      {METRIC_STATUS_LABELS[status]}
    </span>
  );
}

const valueText = (hundredths: number | null, trend: MetricTrend) =>
  hundredths === null ? 'Not set' : formatMetricValue(hundredths, trend.unit);

/** An axis tick: the number only (the unit is the axis label), rounded to the hundredths values are kept in. */
const metricTick = (trend: MetricTrend) => (value: number) => metricTickText(Math.round(value), trend.unit);

/** The latest quarter in the period that has a status other than "Data not available", as the tile counts it. */
function latestStatus(trend: MetricTrend) {
  return [...trend.points].reverse().find((p) => p.status !== 'data_not_available') ?? trend.points.at(-1);
}

function MetricTrendChart({ trend, exportInfo }: { trend: MetricTrend; exportInfo: ExportInfo }) {
  const data = trend.points.map((p) => ({ quarter: p.quarter, target: p.targetHundredths, actual: p.actualHundredths }));
  const latest = latestStatus(trend);
  return (
    <LineChartKit
      title={trend.name}
      description={`${METRIC_UNIT_LABELS[trend.unit]}; ${POLARITY_LABELS[trend.polarity].toLowerCase()}`}
      testId={`chart-metric-${trend.code}`}
      exportInfo={exportInfo}
      rows={data}
      series={TARGET_ACTUAL}
      valueTick={metricTick(trend)}
      valueTooltip={(v) => formatMetricValue(v, trend.unit)}
      height={180}
      className="board-chart board-metric"
      table={
        <table className="simple-table">
          <caption className="visually-hidden">{trend.name}: target, actual and status by quarter</caption>
          <TableHead columns={['Quarter', num('Target'), num('Actual'), 'Status', 'Narrative']} />
          <tbody>
            {trend.points.map((p) => (
              <tr key={p.quarter} data-quarter={p.quarter}>
                <th scope="row">{quarterLabel(p.quarter)}</th>
                <td className="num">{valueText(p.targetHundredths, trend)}</td>
                <td className="num">{valueText(p.actualHundredths, trend)}</td>
                <td>{METRIC_STATUS_LABELS[p.status]}</td>
                <td>{p.narrative}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ol className="metric-quarters" aria-label={`${trend.name}: status by quarter`}>
        {trend.points.map((p) => (
          <li key={p.quarter}>
            Q{p.quarter} <StatusWords status={p.status} />
          </li>
        ))}
      </ol>
      {latest && (
        <p className="metric-latest">
          Latest (Q{latest.quarter}): <StatusWords status={latest.status} />
        </p>
      )}
    </LineChartKit>
  );
}

export function BoardMetricTrends({ trends, exportInfo }: { trends: readonly MetricTrend[]; exportInfo: ExportInfo }) {
  return (
    <section className="board-metrics" aria-labelledby="board-metrics-heading" data-testid="chart-metrics">
      <h3 id="board-metrics-heading">Metric trends against target</h3>
      {trends.length === 0 ? (
        <p className="muted">No metric has a target or an actual in this fund yet.</p>
      ) : (
        <div className="board-metric-grid">
          {trends.map((t) => (
            <MetricTrendChart key={t.metricId} trend={t} exportInfo={exportInfo} />
          ))}
        </div>
      )}
    </section>
  );
}
