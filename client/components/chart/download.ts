// Downloading a chart as it is drawn: its recharts <svg>, with its title and legend added (recharts draws the legend in
// HTML, outside the <svg>), as an SVG file or as a PNG painted from that SVG on a canvas.

import { AXIS_INK, TEXT_INK } from './series';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const PADDING = 16;
const TITLE_SIZE = 16;
const TITLE_LINE = 22;
const SUBTITLE_SIZE = 12;
const SUBTITLE_LINE = 16;
const LEGEND_ROW = 22;
/** Text is measured on a canvas when one is available; this is the fallback width of a 12px character. */
const FALLBACK_CHAR_WIDTH = 7;

export interface LegendItem {
  name: string;
  /** A colour, or `url(#pattern)` for a patterned series (the pattern is defined inside the chart's own <svg>). */
  fill: string;
  /** Lines are drawn as a line in the legend (dashed when the series is), bars as a square. */
  shape?: 'square' | 'line' | 'dashed-line';
}

export interface ChartImage {
  markup: string;
  width: number;
  height: number;
}

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

let measuring: CanvasRenderingContext2D | null | undefined;

function textWidth(text: string, fontSize: number): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  const context = measuring;
  if (!context) return text.length * FALLBACK_CHAR_WIDTH * (fontSize / 12);
  context.font = `${fontSize}px ${FONT}`;
  return context.measureText(text).width;
}

/** The chart's own drawing: the <svg> recharts renders directly in its wrapper (legend icons are <svg>s too). */
export function chartSurface(area: HTMLElement): SVGSVGElement | null {
  return area.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
}

/** Break text into lines that fit `width` at `fontSize`, at spaces (a word longer than the width gets its own line). */
function wrap(text: string, fontSize: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSize) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lay the legend out in rows that fit `width`: each item is a swatch and its name. */
function legendRows(items: readonly LegendItem[], width: number): { item: LegendItem; x: number; row: number }[] {
  const placed: { item: LegendItem; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const itemWidth = 22 + textWidth(item.name, 12) + 18;
    if (x > 0 && x + itemWidth > width) {
      row += 1;
      x = 0;
    }
    placed.push({ item, x, row });
    x += itemWidth;
  }
  return placed;
}

function swatch(item: LegendItem, x: number, y: number): SVGElement {
  if (item.shape === 'line' || item.shape === 'dashed-line') {
    return svgElement('line', {
      x1: x,
      y1: y + 7,
      x2: x + 16,
      y2: y + 7,
      stroke: item.fill,
      'stroke-width': 3,
      ...(item.shape === 'dashed-line' ? { 'stroke-dasharray': '5 3' } : {}),
    });
  }
  return svgElement('rect', { x, y, width: 14, height: 14, fill: item.fill, stroke: TEXT_INK, 'stroke-width': 0.5 });
}

/**
 * The chart as a standalone SVG document: a white page with the title (and a subtitle such as "Illustrative demo
 * data"), the chart as drawn, and its legend. Null when the chart has not been drawn yet.
 */
export function chartImage(area: HTMLElement, title: string, legend: readonly LegendItem[], subtitle?: string): ChartImage | null {
  const surface = chartSurface(area);
  if (!surface) return null;
  const box = surface.getBoundingClientRect();
  const chartWidth = Math.ceil(Number(surface.getAttribute('width')) || box.width);
  const chartHeight = Math.ceil(Number(surface.getAttribute('height')) || box.height);
  if (chartWidth === 0 || chartHeight === 0) return null;
  const width = chartWidth + 2 * PADDING;
  const placed = legendRows(legend, chartWidth);
  const legendHeight = placed.length === 0 ? 0 : ((placed.at(-1)?.row ?? 0) + 1) * LEGEND_ROW + 8;
  // The title and subtitle wrap to the chart's width: a small chart (one metric) is narrower than its title.
  const titleLines = wrap(title, TITLE_SIZE, chartWidth);
  const subtitleLines = subtitle ? wrap(subtitle, SUBTITLE_SIZE, chartWidth) : [];
  const top = PADDING + titleLines.length * TITLE_LINE + subtitleLines.length * SUBTITLE_LINE + 8;
  const height = top + chartHeight + legendHeight + PADDING;

  const root = svgElement('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT });
  const heading = svgElement('title', {});
  heading.textContent = title;
  root.append(heading, svgElement('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  const lines = [
    ...titleLines.map((text) => ({ text, size: TITLE_SIZE, line: TITLE_LINE, weight: 700, fill: TEXT_INK })),
    ...subtitleLines.map((text) => ({ text, size: SUBTITLE_SIZE, line: SUBTITLE_LINE, weight: 400, fill: AXIS_INK })),
  ];
  let lineBottom = PADDING;
  for (const line of lines) {
    lineBottom += line.line;
    const text = svgElement('text', { x: PADDING, y: lineBottom - 5, 'font-size': line.size, 'font-weight': line.weight, fill: line.fill });
    text.textContent = line.text;
    root.append(text);
  }
  // A copy, so nothing on the page changes; placed with x/y, it keeps its own coordinates and clip paths.
  const copy = surface.cloneNode(true);
  if (!(copy instanceof SVGSVGElement)) return null;
  copy.setAttribute('x', String(PADDING));
  copy.setAttribute('y', String(top));
  copy.setAttribute('width', String(chartWidth));
  copy.setAttribute('height', String(chartHeight));
  copy.removeAttribute('style');
  copy.removeAttribute('aria-hidden');
  root.append(copy);
  const legendTop = top + chartHeight + 8;
  for (const { item, x, row } of placed) {
    const y = legendTop + row * LEGEND_ROW;
    root.append(swatch(item, PADDING + x, y));
    const label = svgElement('text', { x: PADDING + x + 22, y: y + 12, 'font-size': 12, fill: TEXT_INK });
    label.textContent = item.name;
    root.append(label);
  }
  return { markup: new XMLSerializer().serializeToString(root), width, height };
}

/** Paint the SVG on a canvas at `scale` times its size (sharp on high-density screens and in documents) as a PNG. */
export function pngOf(image: ChartImage, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const picture = new Image();
    picture.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = image.width * scale;
      canvas.height = image.height * scale;
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('this browser cannot draw on a canvas'));
        return;
      }
      context.scale(scale, scale);
      context.drawImage(picture, 0, 0, image.width, image.height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not make the PNG'))), 'image/png');
    };
    picture.onerror = () => reject(new Error('the browser could not read the chart as an image'));
    // A data: URL rather than an object URL: the Content-Security-Policy allows images from data: only.
    picture.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(image.markup)}`;
  });
}

export function svgBlobOf(image: ChartImage): Blob {
  return new Blob([image.markup], { type: 'image/svg+xml' });
}

/** Save a file through the browser's own download (its progress bar, its folder). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; the URL is freed a moment later, not at once, because
  // some browsers read it asynchronously.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Contributions by partner" -> "contributions-by-partner", for file names. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
