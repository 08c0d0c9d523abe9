// The frame every chart shares (dashboard, Contributions, Plan, Scenarios): title, the drawing (hidden from assistive
// technology: the table view is its text form), the legend in drawing order (it also goes into downloads),
// "Download as SVG / PNG", and the table view. Charts are drawn inside it by BarChartKit, LineChartKit or, for a
// chart of its own kind, a recharts chart using the kit's series, ticks and margins.
import { useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { chartImage, pngOf, saveFile, slug, svgBlobOf, type LegendItem } from './download';
import { patternId, TEXT_INK, type Series, type SeriesStyle } from './series';
import './chart.css';

/** An id usable inside url(#...): React's useId contains characters a CSS url reference does not accept. */
export function useSvgId(): string {
  return `p${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

/** The <pattern>s behind the series' fills, drawn inside the chart's own <svg> so a downloaded chart carries them. */
export function SeriesPatterns({ idPrefix, series }: { idPrefix: string; series: readonly Series[] }) {
  const styles = new Map<string, SeriesStyle>();
  for (const s of series) if (s.style.pattern !== 'solid') styles.set(patternId(idPrefix, s.style), s.style);
  return (
    <defs>
      {[...styles].map(([id, { pattern, colour }]) => (
        <pattern
          key={id}
          id={id}
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
      ))}
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
        // The swatch's own patterns are the chart's: the same url(#...) works anywhere in the page.
        <rect x="2" y="0" width="14" height="14" fill={item.fill} stroke={TEXT_INK} strokeWidth="0.5" />
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

export interface ChartFrameProps {
  title: string;
  /** What the chart shows, under the title (units, measure). */
  description?: string;
  testId?: string;
  /** File names and the subtitle of downloads; without it, files are named after the title. */
  exportInfo?: ExportInfo;
  legend: readonly LegendItem[];
  height: number;
  /** A recharts chart; ResponsiveContainer sizes it to the figure. */
  chart: ReactElement;
  /** The table view: the same numbers as the chart. Left out where the page shows the same table beside it. */
  table?: ReactNode;
  /** Controls shown above the chart (e.g. which measure to draw). */
  controls?: ReactNode;
  /** Visible content after the chart (status words, evidence). */
  children?: ReactNode;
  className?: string;
  /** Said instead of an empty chart when there is nothing to draw (no downloads, no table then). */
  empty?: string | null;
}

export function ChartFrame(props: ChartFrameProps) {
  const { title, testId, className, empty } = props;
  const titleId = useId();
  const frame = `chart${className ? ` ${className}` : ''}`;
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

function DrawnChart(props: ChartFrameProps & { titleId: string; frame: string }) {
  const { title, description, testId, exportInfo, legend, height, chart, table, controls, children, titleId, frame } = props;
  const area = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fileName = exportInfo ? `${exportInfo.fileStem}-${slug((testId ?? title).replace(/^chart-/, ''))}` : slug(title);

  const download = async (kind: 'svg' | 'png') => {
    const subtitle = [description, exportInfo?.subtitle].filter(Boolean).join(' · ');
    const image = area.current ? chartImage(area.current, title, legend, subtitle) : null;
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
        {description && <span className="chart-description"> {description}</span>}
      </figcaption>
      {controls}
      <div className="chart-area" aria-hidden="true" ref={area}>
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
        {legend.length > 0 && (
          <ul className="chart-legend">
            {legend.map((item, i) => (
              // Two series may share a name (two scenarios called "Draft"): the key is the position too.
              <li key={`${i}-${item.name}`} data-fill={item.fill}>
                <Swatch item={item} />
                {item.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      {children}
      <div className="chart-actions">
        {(['svg', 'png'] as const).map((kind) => (
          <button key={kind} type="button" className="secondary-button" onClick={() => void download(kind)}>
            Download<span className="visually-hidden"> ‘{title}’</span> as {kind.toUpperCase()}
          </button>
        ))}
        {problem && (
          <span role="alert" className="chart-problem">
            {problem}
          </span>
        )}
      </div>
      {table && (
        <details className="chart-table-view">
          <summary>
            Show as a table<span className="visually-hidden">: {title}</span>
          </summary>
          {/* A wide table scrolls sideways in its frame; the frame takes the focus so it scrolls by keyboard too. */}
          <div
            className="chart-table-wrap"
            role="region"
            aria-label={`${title} as a table`}
            tabIndex={0}
            data-testid={testId ? `${testId}-table` : undefined}
          >
            {table}
          </div>
        </details>
      )}
    </figure>
  );
}
