// The frame every board dashboard chart shares: title, the drawing (hidden from assistive technology: the table view
// is its text form), a legend that also goes into downloads, "Download as SVG / PNG", and the table view.
import { useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { chartImage, pngOf, saveFile, slug, svgBlobOf, type LegendItem } from './chart-download';

/** Colours that stay apart for colour-blind readers (the GOV.UK palette). */
export const SERIES_COLOURS = ['#1d70b8', '#f47738', '#00703c', '#912b88', '#28a197', '#d4351c', '#505a5f', '#003078'] as const;
/** A second signal besides colour: series next to each other differ in pattern too (WCAG 1.4.1). */
const PATTERNS = ['solid', 'stripes', 'dots', 'crosshatch'] as const;

const colourOf = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#1d70b8';
const patternOf = (index: number) => PATTERNS[index % PATTERNS.length] ?? 'solid';

/** An id usable inside url(#...): React's useId contains characters a CSS url reference does not accept. */
export function useSvgId(): string {
  return `p${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

/** The fill of series `index`: a plain colour for the first, then the colour with stripes, dots or cross-hatching. */
export function seriesFill(idPrefix: string, index: number): string {
  return patternOf(index) === 'solid' ? colourOf(index) : `url(#${idPrefix}-${index})`;
}

/** The legend of series named in order, with the fills seriesFill gives them. */
export function legendOf(idPrefix: string, names: readonly string[]): LegendItem[] {
  return names.map((name, i) => ({ name, fill: seriesFill(idPrefix, i) }));
}

/** The <pattern>s behind seriesFill, drawn inside the chart's <svg> so a downloaded chart carries them. */
export function SeriesPatterns({ idPrefix, count }: { idPrefix: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, index) => {
        const pattern = patternOf(index);
        if (pattern === 'solid') return null;
        const colour = colourOf(index);
        return (
          <pattern
            key={index}
            id={`${idPrefix}-${index}`}
            patternUnits="userSpaceOnUse"
            width="8"
            height="8"
            patternTransform={pattern === 'stripes' ? 'rotate(45)' : undefined}
          >
            <rect width="8" height="8" fill={colour} />
            {pattern === 'stripes' && <line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" strokeWidth="3" />}
            {pattern === 'dots' && <circle cx="4" cy="4" r="1.8" fill="#ffffff" />}
            {pattern === 'crosshatch' && <path d="M0 0L8 8M8 0L0 8" stroke="#ffffff" strokeWidth="1.5" />}
          </pattern>
        );
      })}
    </defs>
  );
}

function Swatch({ item }: { item: LegendItem }) {
  return (
    <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false">
      {item.shape === 'line' || item.shape === 'dashed-line' ? (
        <line
          x1="0"
          y1="7"
          x2="18"
          y2="7"
          stroke={item.fill}
          strokeWidth="3"
          strokeDasharray={item.shape === 'dashed-line' ? '5 3' : undefined}
        />
      ) : (
        <rect x="2" y="0" width="14" height="14" fill={item.fill} stroke="#0b0c0c" strokeWidth="0.5" />
      )}
    </svg>
  );
}

export interface ExportInfo {
  /** The start of each file name: partnership, fund and period, so downloads from different views do not collide. */
  fileStem: string;
  /** A line under the title of a downloaded chart, e.g. the fund and period, and "Illustrative demo data". */
  subtitle: string;
}

interface Props {
  title: string;
  /** What the chart shows, under the title (units, measure). */
  description?: string;
  testId: string;
  exportInfo: ExportInfo;
  legend: readonly LegendItem[];
  height: number;
  /** A recharts chart; ResponsiveContainer sizes it to the figure. */
  chart: ReactElement;
  /** The table view: the same numbers as the chart. */
  table: ReactNode;
  /** Controls shown above the chart (e.g. which measure to draw). */
  controls?: ReactNode;
  /** Visible content after the chart (status words, evidence). */
  children?: ReactNode;
  className?: string;
  /** Said instead of an empty chart when there is nothing to draw (no downloads, no table then). */
  empty?: string | null;
}

export function BoardChartFigure(props: Props) {
  const { title, description, testId, className, empty } = props;
  const titleId = useId();
  const frame = `chart board-chart${className ? ` ${className}` : ''}`;
  if (empty) {
    return (
      <figure className={frame} aria-labelledby={titleId} data-testid={testId}>
        <figcaption id={titleId}>{title}</figcaption>
        <p className="muted">{empty}</p>
      </figure>
    );
  }
  return <DrawnChart {...props} titleId={titleId} frame={frame} />;
}

function DrawnChart({
  title,
  description,
  testId,
  exportInfo,
  legend,
  height,
  chart,
  table,
  controls,
  children,
  titleId,
  frame,
}: Props & { titleId: string; frame: string }) {
  const area = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fileName = `${exportInfo.fileStem}-${slug(testId.replace(/^chart-/, ''))}`;

  const download = async (kind: 'svg' | 'png') => {
    const image = area.current
      ? chartImage(area.current, title, legend, [description, exportInfo.subtitle].filter(Boolean).join(' · '))
      : null;
    if (!image) {
      setProblem(`‘${title}’ has not been drawn yet; try again in a moment.`);
      return;
    }
    try {
      saveFile(kind === 'svg' ? svgBlobOf(image) : await pngOf(image), `${fileName}.${kind}`);
      setProblem(null);
    } catch (error) {
      setProblem(`Could not make the ${kind.toUpperCase()} of ‘${title}’: ${error instanceof Error ? error.message : String(error)}.`);
    }
  };

  return (
    <figure className={frame} aria-labelledby={titleId} data-testid={testId}>
      <figcaption id={titleId}>
        {title}
        {description && <span className="board-chart-description"> {description}</span>}
      </figcaption>
      {controls}
      <div className="chart-area" aria-hidden="true" ref={area}>
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
        {legend.length > 0 && (
          <ul className="board-legend">
            {legend.map((item) => (
              <li key={item.name}>
                <Swatch item={item} />
                {item.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      {children}
      <div className="board-chart-actions">
        {(['svg', 'png'] as const).map((kind) => (
          <button key={kind} type="button" className="secondary-button" onClick={() => void download(kind)}>
            Download<span className="visually-hidden"> ‘{title}’</span> as {kind.toUpperCase()}
          </button>
        ))}
        {problem && (
          <span role="alert" className="board-chart-problem">
            {problem}
          </span>
        )}
      </div>
      <details className="board-table-view">
        <summary>
          Show as a table<span className="visually-hidden">: {title}</span>
        </summary>
        {/* A wide table scrolls sideways in its frame; the frame takes the focus so it scrolls by keyboard too. */}
        <div className="board-table-wrap" role="region" aria-label={`${title} as a table`} tabIndex={0} data-testid={`${testId}-table`}>
          {table}
        </div>
      </details>
    </figure>
  );
}
