// The one palette of every chart: a colour and a pattern per series name, so "Planned" is the same solid blue and
// "Actual" the same striped orange on Contributions, the Plan, Scenarios, the dashboard and downloads. Series with no
// name of their own (partners, scenarios) take the other colours in order. Data, no React.
import type { LegendItem } from './download';

/** A second signal besides colour: series beside each other differ in pattern too (WCAG 1.4.1). */
export type Pattern = 'solid' | 'stripes' | 'dots' | 'crosshatch';

export interface SeriesStyle {
  /** A colour of the GOV.UK palette: they stay apart for colour-blind readers. */
  colour: string;
  /** How a bar of the series is filled. */
  pattern: Pattern;
  /** How a line of the series is drawn (and its legend swatch). */
  dash: 'solid' | 'dashed';
}

/** The ink of axes, tick labels and grid lines. */
export const AXIS_INK = '#505a5f';
export const GRID_INK = '#b1b4b6';
/** Text on charts and in downloads, and the outline of legend swatches. */
export const TEXT_INK = '#0b0c0c';

/** Series with a name of their own, the same on every chart. Order matters only for the docs' table. */
export const NAMED_SERIES: Readonly<Record<string, SeriesStyle>> = {
  Planned: { colour: '#1d70b8', pattern: 'solid', dash: 'solid' },
  Actual: { colour: '#f47738', pattern: 'stripes', dash: 'solid' },
  Target: { colour: '#505a5f', pattern: 'dots', dash: 'dashed' },
  // The committed plan beside scenarios is the plan: drawn as Planned is.
  'Committed plan': { colour: '#1d70b8', pattern: 'solid', dash: 'solid' },
  Invests: { colour: '#912b88', pattern: 'solid', dash: 'solid' },
  Benefits: { colour: '#00703c', pattern: 'stripes', dash: 'solid' },
  'Savings per £1': { colour: '#1d70b8', pattern: 'solid', dash: 'solid' },
  'Evidence range': { colour: '#0b0c0c', pattern: 'solid', dash: 'solid' },
  'Break-even': { colour: '#505a5f', pattern: 'solid', dash: 'dashed' },
};

/** Colours for series without a name of their own (each partner, each scenario), in order, patterns cycling. */
export const OTHER_COLOURS = ['#00703c', '#912b88', '#28a197', '#d4351c', '#003078', '#b58840', '#85994b', '#5694ca'] as const;
const OTHER_PATTERNS: readonly Pattern[] = ['solid', 'stripes', 'dots', 'crosshatch'];

/** The style of the `index`-th series that has no name of its own. */
export function otherStyle(index: number): SeriesStyle {
  return {
    colour: OTHER_COLOURS[index % OTHER_COLOURS.length] ?? TEXT_INK,
    pattern: OTHER_PATTERNS[index % OTHER_PATTERNS.length] ?? 'solid',
    dash: 'solid',
  };
}

/** What a chart is given per series: the data key and the name its legend and tooltip show. */
export interface SeriesSpec {
  key: string;
  name: string;
}

export interface Series extends SeriesSpec {
  style: SeriesStyle;
}

/** Styles for a chart's series, in the order they are drawn: named series keep their own, the rest take the others'. */
export function seriesOf(specs: readonly SeriesSpec[]): Series[] {
  let others = 0;
  return specs.map((spec) => {
    const named = NAMED_SERIES[spec.name];
    if (named) return { ...spec, style: named };
    others += 1;
    return { ...spec, style: otherStyle(others - 1) };
  });
}

/** A pattern's id inside one chart's <svg> (each chart has its own `prefix`, so ids never repeat in a page). */
export const patternId = (prefix: string, style: SeriesStyle) => `${prefix}-${style.pattern}-${style.colour.replace('#', '')}`;

/** The SVG fill of a bar of the series: its colour, or its pattern. */
export const fillOf = (prefix: string, style: SeriesStyle) =>
  style.pattern === 'solid' ? style.colour : `url(#${patternId(prefix, style)})`;

/** The legend: one item per series, in drawing order (recharts' own legend sorts by name, which is why it is not used). */
export function legendOf(prefix: string, series: readonly Series[], shape: 'bar' | 'line'): LegendItem[] {
  return series.map((s) =>
    shape === 'bar'
      ? { name: s.name, fill: fillOf(prefix, s.style), shape: 'square' as const }
      : { name: s.name, fill: s.style.colour, shape: s.style.dash === 'dashed' ? ('dashed-line' as const) : ('line' as const) },
  );
}

/** Series lists charts share, so the same pair is drawn (and its legend read) in the same order everywhere. */
export const PLANNED_ACTUAL: readonly SeriesSpec[] = [
  { key: 'planned', name: 'Planned' },
  { key: 'actual', name: 'Actual' },
];
export const TARGET_ACTUAL: readonly SeriesSpec[] = [
  { key: 'target', name: 'Target' },
  { key: 'actual', name: 'Actual' },
];
export const INVESTS_BENEFITS: readonly SeriesSpec[] = [
  { key: 'invests', name: 'Invests' },
  { key: 'benefits', name: 'Benefits' },
];
