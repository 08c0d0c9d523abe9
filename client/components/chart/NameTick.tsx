// The one axis tick for names (partners, schemes, metrics) on every chart: the name wraps onto up to two lines in the
// room its axis gives it, measured in the chart's own font; a name that still does not fit ends in "…" and carries
// the full name as an SVG <title> (shown on hover, read by screen readers), as well as in the chart's table view.
import type { ReactNode } from 'react';
import { wrapName } from './format';
import { AXIS_INK } from './series';

const FONT_SIZE = 12;
const LINE_HEIGHT = 14; // px between lines at 12 px
const FONT = `${FONT_SIZE}px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif`;

let canvas: CanvasRenderingContext2D | null | undefined;
/** A text's width in px in the axis font; without a canvas (never in a browser) a generous estimate. */
function measure(text: string): number {
  if (canvas === undefined) canvas = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!canvas) return text.length * FONT_SIZE * 0.62;
  canvas.font = FONT;
  return canvas.measureText(text).width;
}

/** What Recharts passes to a tick it is given as a function (the parts used here). */
interface TickProps {
  x: number | string;
  y: number | string;
  payload: { value: unknown };
  width?: number | string;
  visibleTicksCount: number;
}

interface Options {
  /** 'x': names under a horizontal axis, each in its own slot; 'y': names left of a vertical axis, right-aligned. */
  axis: 'x' | 'y';
  maxLines?: number;
}

/** The XAxis height that leaves room for two lines of names. */
export const NAME_AXIS_HEIGHT = 2 * LINE_HEIGHT + 18;

/** A tick renderer for an axis of names: `<XAxis tick={nameTick({ axis: 'x' })} interval={0} height={NAME_AXIS_HEIGHT} />`. */
export function nameTick({ axis, maxLines = 2 }: Options): (props: TickProps) => ReactNode {
  return function NameTickOf(props) {
    return <ChartNameTick {...props} axis={axis} maxLines={maxLines} />;
  };
}

function ChartNameTick({ x, y, payload, width, visibleTicksCount, axis, maxLines }: TickProps & Required<Options>) {
  const name = String(payload.value ?? '');
  const axisWidth = Number(width) || 0;
  // A horizontal axis shares its width between the ticks (less a gap between neighbours); a vertical axis gives each
  // name the axis's width less the tick mark and its gap.
  const room = axis === 'x' ? axisWidth / Math.max(1, visibleTicksCount) - 8 : axisWidth - 12;
  const { lines, shortened } = wrapName(name, Math.max(room, 24), measure, maxLines);
  const firstDy = axis === 'x' ? LINE_HEIGHT : FONT_SIZE / 3 - ((lines.length - 1) * LINE_HEIGHT) / 2;
  return (
    <g transform={`translate(${Number(x)},${Number(y)})`} className="chart-name-tick">
      {shortened && <title>{name}</title>}
      <text
        x={axis === 'x' ? 0 : -6}
        y={axis === 'x' ? 2 : 0}
        textAnchor={axis === 'x' ? 'middle' : 'end'}
        fontSize={FONT_SIZE}
        fill={AXIS_INK}
      >
        {lines.map((line, i) => (
          <tspan key={i} x={axis === 'x' ? 0 : -6} dy={i === 0 ? firstDy : LINE_HEIGHT}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}
