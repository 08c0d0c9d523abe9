// Bars by category (partners, quarters, schemes), grouped or stacked, on a £ axis with round ticks: the kit's bar chart.
// Recharts freezes the data it is given, so the chart gets its own fresh rows, never the caller's (stack.md).
// A null figure draws no bar (an actual not yet reported is absent, not zero) and its tooltip says why.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { NOT_YET_REPORTED } from '../../../shared/board-report';
import { ChartFrame, SeriesPatterns, useSvgId, type ChartFrameProps } from './ChartFrame';
import { penceTick, penceTooltip, quarterTick, quarterTooltipLabel } from './format';
import { CHART_MARGIN, MONEY_AXIS_WIDTH } from './layout';
import { NAME_AXIS_HEIGHT, nameTick } from './NameTick';
import { fillOf, legendOf, seriesOf, AXIS_INK, GRID_INK, type SeriesSpec } from './series';
import { barExtent, niceTicks } from './ticks';

export type BarRow = Readonly<Record<string, string | number | null>>;

interface Props extends Omit<ChartFrameProps, 'legend' | 'chart'> {
  rows: readonly BarRow[];
  /** The key of each row's category, and how categories are written: names wrapped to fit, or "Q1"… */
  categoryKey: string;
  categories: 'names' | 'quarters';
  /** The series in drawing order; the legend follows it. */
  series: readonly SeriesSpec[];
  stacked?: boolean;
  maxBarSize?: number;
}

/** A tooltip's figure: in full, or "Not yet reported" for an actual that is not in yet. */
const moneyTooltip = (value: unknown) => (value === null || value === undefined ? NOT_YET_REPORTED : penceTooltip(value));

export function BarChartKit({ rows, categoryKey, categories, series: specs, stacked = false, maxBarSize, ...frame }: Props) {
  const prefix = useSvgId();
  const series = seriesOf(specs);
  const data = rows.map((row) => ({ ...row }));
  const ticks = niceTicks(
    barExtent(
      rows,
      series.map((s) => s.key),
      stacked,
    ),
    { includeZero: true, minStep: 100 },
  );
  const names = categories === 'names';
  return (
    <ChartFrame
      {...frame}
      legend={legendOf(prefix, series, 'bar')}
      chart={
        <BarChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
          <SeriesPatterns idPrefix={prefix} series={series} />
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID_INK} />
          {names ? (
            <XAxis dataKey={categoryKey} tick={nameTick({ axis: 'x' })} interval={0} height={NAME_AXIS_HEIGHT} stroke={AXIS_INK} />
          ) : (
            <XAxis dataKey={categoryKey} tickFormatter={quarterTick} stroke={AXIS_INK} tickMargin={6} />
          )}
          <YAxis
            domain={[ticks[0] ?? 0, ticks.at(-1) ?? 0]}
            ticks={ticks}
            interval={0}
            tickFormatter={penceTick}
            width={MONEY_AXIS_WIDTH}
            stroke={AXIS_INK}
          />
          <Tooltip formatter={moneyTooltip} labelFormatter={names ? undefined : quarterTooltipLabel} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={fillOf(prefix, s.style)}
              stackId={stacked ? 'stack' : undefined}
              stroke={stacked ? '#ffffff' : undefined}
              strokeWidth={stacked ? 1 : undefined}
              maxBarSize={maxBarSize}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      }
    />
  );
}
