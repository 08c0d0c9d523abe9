// Lines by quarter on a round-ticked axis fitted to the data (not from zero: a rate moving from 133 to 147 is the
// story), with room at both ends so the first and last markers are never clipped: the kit's line chart. Recharts gets
// its own fresh rows (stack.md). A null point draws no marker.
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, type ChartFrameProps } from './ChartFrame';
import { quarterTick, quarterTooltipLabel } from './format';
import { CHART_MARGIN, LINE_AXIS_PADDING, LINE_VALUE_PADDING, MONEY_AXIS_WIDTH } from './layout';
import { legendOf, seriesOf, AXIS_INK, GRID_INK, type SeriesSpec } from './series';
import { niceTicks } from './ticks';

export type LineRow = Readonly<Record<string, number | null>>;

interface Props extends Omit<ChartFrameProps, 'legend' | 'chart'> {
  /** One row per quarter: `quarter` and a figure per series key (whole units: hundredths, pence). */
  rows: readonly LineRow[];
  series: readonly SeriesSpec[];
  /** An axis tick in the figures' unit (the unit itself is in the caption). */
  valueTick: (value: number) => string;
  /** A tooltip's figure, with its unit. */
  valueTooltip: (value: number) => string;
}

export function LineChartKit({ rows, series: specs, valueTick, valueTooltip, ...frame }: Props) {
  const series = seriesOf(specs);
  const data = rows.map((row) => ({ ...row }));
  const values = rows.flatMap((row) => series.map((s) => row[s.key]).filter((v): v is number => typeof v === 'number'));
  const ticks = niceTicks(values, { gaps: 4 });
  return (
    <ChartFrame
      {...frame}
      legend={legendOf('', series, 'line')}
      chart={
        <LineChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID_INK} />
          <XAxis dataKey="quarter" tickFormatter={quarterTick} padding={LINE_AXIS_PADDING} stroke={AXIS_INK} tickMargin={6} />
          <YAxis
            domain={[ticks[0] ?? 0, ticks.at(-1) ?? 0]}
            ticks={ticks}
            interval={0}
            padding={LINE_VALUE_PADDING}
            tickFormatter={(v: number) => valueTick(Math.round(v))}
            width={MONEY_AXIS_WIDTH}
            stroke={AXIS_INK}
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? valueTooltip(Math.round(v)) : String(v))}
            labelFormatter={quarterTooltipLabel}
          />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={s.style.colour}
              strokeWidth={s.style.dash === 'dashed' ? 2 : 3}
              strokeDasharray={s.style.dash === 'dashed' ? '5 3' : undefined}
              dot={{ r: s.style.dash === 'dashed' ? 3 : 4, fill: s.style.colour }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      }
    />
  );
}
