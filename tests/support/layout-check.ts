// The page check of issue 22: what reading.ts measures (figures and names cut by their box, SVG labels outside their
// chart) plus two things it does not: text drawn over other text, and chart markers (dots, reference dots) outside
// their chart. `overlapProblems` runs inside the browser (page.evaluate), so it is one self-contained function.
import type { Page } from 'playwright-core';
import { readingProblemsOn, type ReadingProblem } from './reading';

/**
 * Runs in the page. Two visible text runs (one rect per line of each text node, trimmed to what their clipping
 * ancestors let show) whose boxes intersect by more than OVERLAP px both ways; and SVG markers (circles, recharts
 * dots) whose box reaches outside their <svg>. Not counted: screen-reader-only text (a 1 px clipped box), and
 * intended overlays drawn over the page on purpose: tooltips, ag-grid popups and tooltips, a hovered cell's full
 * figure ([data-overlay]), open dialogs' backdrops.
 */
export function overlapProblems(): ReadingProblem[] {
  const OVERLAP = 2; // px: anti-aliasing and line boxes touching are not an overlap
  const SLACK = 1;
  const OVERLAYS = '[role=tooltip], .recharts-tooltip-wrapper, .ag-tooltip, .ag-popup, .ag-custom-tooltip, [data-overlay]';
  const problems: ReadingProblem[] = [];
  const describe = (el: Element): string => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const cls = [...e.classList].filter((c) => !c.startsWith('ag-') || c === 'ag-cell').slice(0, 2);
      const id = e.getAttribute('data-testid') ?? e.id;
      parts.unshift(`${e.tagName.toLowerCase()}${id ? `#${id}` : ''}${cls.length ? `.${cls.join('.')}` : ''}`);
    }
    return parts.join(' > ');
  };
  interface Run {
    node: Text;
    el: Element;
    left: number;
    top: number;
    right: number;
    bottom: number;
  }
  /** The rect as far as every clipping ancestor lets it show, or null when nothing of it shows. */
  const visiblePart = (r: DOMRect, el: Element): Omit<Run, 'node' | 'el'> | null => {
    let { left, top, right, bottom } = r;
    for (let e: Element | null = el; e && e !== document.documentElement; e = e.parentElement) {
      if (e instanceof SVGElement && !(e instanceof SVGSVGElement)) continue;
      const style = getComputedStyle(e);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      if (e.clientWidth <= 1 || e.clientHeight <= 1) return null; // kept for screen readers only
      const b = e.getBoundingClientRect();
      const bl = b.left + e.clientLeft;
      const bt = b.top + e.clientTop;
      left = Math.max(left, bl);
      top = Math.max(top, bt);
      right = Math.min(right, bl + e.clientWidth);
      bottom = Math.min(bottom, bt + e.clientHeight);
    }
    return right - left > 0 && bottom - top > 0 ? { left, top, right, bottom } : null;
  };

  const runs: Run[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const textNode = node as Text;
    const el = textNode.parentElement;
    if (!el || !textNode.data.trim()) continue;
    if (el.closest(`script, style, title, option, noscript, template, ${OVERLAYS}`)) continue;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    // Only the inked part of the text: leading and trailing spaces take room but draw nothing.
    const start = textNode.data.search(/\S/);
    const end = textNode.data.trimEnd().length;
    const range = document.createRange();
    range.setStart(textNode, start);
    range.setEnd(textNode, end);
    for (const r of range.getClientRects()) {
      if (r.width === 0 || r.height === 0) continue;
      const part = visiblePart(r, el);
      if (part) runs.push({ node: textNode, el, ...part });
    }
  }
  runs.sort((a, b) => a.top - b.top);
  const said = new Set<string>();
  runs.forEach((a, i) => {
    for (const b of runs.slice(i + 1)) {
      if (b.top >= a.bottom - OVERLAP) break;
      if (a.node === b.node) continue;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w <= OVERLAP || h <= OVERLAP) continue;
      const text = `${a.node.data.trim()} / ${b.node.data.trim()}`;
      if (said.has(text)) continue;
      said.add(text);
      problems.push({ text, why: 'text drawn over other text', where: describe(a.el), inGridCell: a.el.closest('.ag-cell') !== null });
    }
  });

  // Markers: a dot or reference dot must be whole inside its chart.
  for (const marker of document.querySelectorAll('svg circle, svg .recharts-dot, svg .recharts-reference-dot')) {
    const svg = (marker as SVGElement).ownerSVGElement;
    if (!svg || !(marker as SVGElement).checkVisibility()) continue;
    const m = marker.getBoundingClientRect();
    const s = svg.getBoundingClientRect();
    if (m.width === 0 && m.height === 0) continue;
    if (m.left < s.left - SLACK || m.top < s.top - SLACK || m.right > s.right + SLACK || m.bottom > s.bottom + SLACK) {
      problems.push({
        text: marker.getAttribute('name') ?? marker.tagName,
        why: 'chart marker outside its chart',
        where: describe(marker),
        inGridCell: false,
      });
    }
  }
  return problems;
}

/** Every layout problem on the page: overlapping text and markers outside their chart, then reading.ts's cut text and
 * labels outside their chart (as shown, and with every <details> opened). */
export async function layoutProblemsOn(page: Page): Promise<ReadingProblem[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const overlaps = await page.evaluate(overlapProblems);
  return [...overlaps, ...(await readingProblemsOn(page))];
}
