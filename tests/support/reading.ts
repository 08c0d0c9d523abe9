// What a reader sees, measured in the page rather than by eye: every figure shown in full on one line, every name
// either shown in full or readable in full on hover (a title) or by a screen reader (aria-label), and every chart
// label inside its chart. `readingProblems` runs inside the browser (page.evaluate), so it is one self-contained
// function: nothing from this module's scope is visible to it once it is serialised into the page.
import type { Page } from 'playwright-core';

/** One thing a reader cannot read: the text as it is in the page, why, and where (a short CSS-like path). */
export interface ReadingProblem {
  text: string;
  why: string;
  where: string;
  /** In a grid cell (.ag-cell), whose width the grid's column sizing decides rather than the page's layout. */
  inGridCell: boolean;
  /** The page it was found on, as the test names it. */
  page?: string;
}

/**
 * Runs in the page. Looks at every visible text node and every SVG <text>:
 * (a) a figure (money `£1,234.56`, `-£1.2m`, a percentage, or a bare count in a table cell, heading or tile) that
 *     wraps onto two lines (its Range has client rects on more than one line) or is cut by the nearest ancestor that
 *     clips its overflow (an ag-grid cell, an ellipsis, a box with overflow hidden);
 * (b) a name (any other text) cut by its clipping ancestor, or ending in "…", with no title or aria-label on the way
 *     up that holds it in full;
 * (c) an SVG text (an axis tick, a legend, a bar label) that reaches outside its <svg>;
 * (d) a figure or name that runs sideways out of its own box, which does not clip it (a nowrap note spilling over the
 *     next tile, where the tile beside paints over it).
 * Text kept only for screen readers (a 1 px clipped box) is not counted, nor text beyond the edge of a box that
 * scrolls that way (it is reachable by scrolling).
 */
export function readingProblems(): ReadingProblem[] {
  const problems: ReadingProblem[] = [];
  const FIGURE = /\(?[-−+]?£\d[\d,]*(?:\.\d+)?(?:k|m|bn)?\)?|[-−+]?\d[\d,]*(?:\.\d+)?%/g;
  const COUNT = /^[-−+]?\d[\d,]*(?:\.\d+)?$/;
  const SLACK = 1; // px: sub-pixel rounding at a box's edge is not a cut

  const report = (text: string, why: string, el: Element) =>
    problems.push({ text, why, where: describe(el), inGridCell: el.closest('.ag-cell') !== null });
  const describe = (el: Element): string => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const cls = [...e.classList].filter((c) => !c.startsWith('ag-') || c === 'ag-cell' || c === 'ag-header-cell-text').slice(0, 2);
      const id = e.getAttribute('data-testid') ?? e.id;
      parts.unshift(`${e.tagName.toLowerCase()}${id ? `#${id}` : ''}${cls.length ? `.${cls.join('.')}` : ''}`);
    }
    return parts.join(' > ');
  };

  /** The nearest ancestor that clips what overflows it (overflow other than visible), or null. */
  const clipperOf = (el: Element): Element | null => {
    for (let e: Element | null = el; e && e !== document.documentElement; e = e.parentElement) {
      if (e instanceof SVGElement && !(e instanceof SVGSVGElement)) continue;
      const style = getComputedStyle(e);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') return e === document.body ? null : e;
    }
    return null;
  };
  interface Box {
    left: number;
    top: number;
    right: number;
    bottom: number;
    /** Whether the box clips sideways / up and down; an axis it scrolls along is not a cut: the text is reachable. */
    clipsX: boolean;
    clipsY: boolean;
  }
  /** The clipping box's inside (its padding box: borders and scrollbars are not room for text). */
  const innerBox = (el: Element): Box => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const left = r.left + el.clientLeft;
    const top = r.top + el.clientTop;
    const clips = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
    return {
      left,
      top,
      right: left + el.clientWidth,
      bottom: top + el.clientHeight,
      clipsX: clips(style.overflowX) || el instanceof SVGSVGElement,
      clipsY: clips(style.overflowY) || el instanceof SVGSVGElement,
    };
  };
  const outside = (r: DOMRect, box: Box) =>
    (box.clipsX && (r.left < box.left - SLACK || r.right > box.right + SLACK)) ||
    (box.clipsY && (r.top < box.top - SLACK || r.bottom > box.bottom + SLACK));

  /** The nearest ancestor that lays out a box of its own (not an inline span, nor display: contents). */
  const blockOf = (el: Element): Element => {
    let e: Element = el;
    while (e.parentElement && /^(inline|contents)$/.test(getComputedStyle(e).display)) e = e.parentElement;
    return e;
  };
  /** Text that runs sideways out of its own box, which does not clip it: drawn over (or under) whatever is next to it. */
  const spills = (r: DOMRect, el: Element) => {
    const block = blockOf(el);
    if (getComputedStyle(block).overflowX !== 'visible') return false;
    const b = block.getBoundingClientRect();
    return r.left < b.left - SLACK || r.right > b.right + SLACK;
  };

  /** Whether the text is said in full by a title or aria-label on its element or an ancestor, or an SVG <title>. */
  const readableInFull = (el: Element, text: string) => {
    const wanted = text.replace(/…$/, '').trim();
    for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
      const said = [e.getAttribute('title'), e.getAttribute('aria-label'), e.querySelector(':scope > title')?.textContent];
      if (said.some((s) => s && s.length >= wanted.length && s.includes(wanted))) return true;
    }
    return false;
  };
  /** Distinct line tops among a range's rects: more than one is a figure broken over lines. */
  const lineCount = (rects: DOMRectList) => {
    const tops: number[] = [];
    for (const r of rects) {
      if (r.width === 0 || r.height === 0) continue;
      if (!tops.some((t) => Math.abs(t - r.top) < r.height / 2)) tops.push(r.top);
    }
    return tops.length;
  };

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const textNode = node as Text;
    const text = textNode.data;
    const el = textNode.parentElement;
    if (!el || !text.trim()) continue;
    if (el.closest('script, style, title, option, noscript, template')) continue;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const clipper = clipperOf(el);
    // Kept for screen readers only (a 1 px clipped box): not on the screen, so not cut.
    if (clipper && (clipper.clientWidth <= 1 || clipper.clientHeight <= 1)) continue;
    const box = clipper ? innerBox(clipper) : null;
    const isSvg = el instanceof SVGElement;

    const whole = document.createRange();
    whole.selectNodeContents(textNode);
    const wholeRect = whole.getBoundingClientRect();
    if (wholeRect.width === 0 && wholeRect.height === 0) continue;

    // (a) figures: each one in the text, on one line and inside its clipping box.
    const trimmed = text.trim();
    const inCountPlace = el.closest('td, th, dd, .tile, .ag-cell, [role=gridcell]') !== null;
    const matches: { index: number; length: number }[] = [];
    if (inCountPlace && COUNT.test(trimmed)) matches.push({ index: text.indexOf(trimmed), length: trimmed.length });
    else for (const m of text.matchAll(FIGURE)) matches.push({ index: m.index, length: m[0].length });
    for (const m of matches) {
      const range = document.createRange();
      range.setStart(textNode, m.index);
      range.setEnd(textNode, m.index + m.length);
      const figure = text.slice(m.index, m.index + m.length);
      const rect = range.getBoundingClientRect();
      if (!isSvg && lineCount(range.getClientRects()) > 1) report(figure, 'figure wraps onto two lines', el);
      // A figure inside running text (a note, an evidence line) cut with the rest of a text that is readable in full
      // (its title) is a cut name, not a cut figure; a figure standing alone must always be whole.
      else if (box && outside(rect, box) && !(trimmed !== figure && readableInFull(el, trimmed)))
        report(figure, `figure cut by ${describe(clipper as Element)}`, el);
      else if (!isSvg && spills(rect, el)) report(figure, 'figure runs out of its box', el);
    }

    // (b) names: cut by the clipping box, or abbreviated with "…", and not readable in full anywhere.
    if (matches.length === 0) {
      // An SVG text outside its <svg> is (c) below, said once.
      const cut = !isSvg && box !== null && outside(wholeRect, box);
      if (!isSvg && !cut && spills(wholeRect, el)) report(trimmed, 'runs out of its box', el);
      // "Import…" on a button is the convention for "opens a dialog", not a shortened name.
      const abbreviated = /…$/.test(trimmed) && !/^Loading\b/.test(trimmed) && !el.closest('button, a, label, summary, [role=button]');
      if ((cut || abbreviated) && !readableInFull(el, trimmed)) {
        report(trimmed, cut ? 'cut with no title or aria-label' : 'abbreviated with no title', el);
      }
    }

    // (c) chart labels: inside their <svg>.
    if (isSvg) {
      const svg = (el as SVGElement).ownerSVGElement;
      if (svg && outside(wholeRect, innerBox(svg))) {
        report(trimmed, 'chart label outside its chart', el);
      }
    }
  }
  return problems;
}

/** Every reading problem on the page as it is now, after its data and fonts have loaded; then again with every
 * <details> opened (a chart's table view, a folded checklist), as a reader who opens them would see it. */
export async function readingProblemsOn(page: Page): Promise<ReadingProblem[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const asShown = await page.evaluate(readingProblems);
  await page.evaluate(async () => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  const opened = await page.evaluate(readingProblems);
  const key = (p: ReadingProblem) => `${p.text}|${p.why}|${p.where}`;
  const seen = new Set(asShown.map(key));
  return [...asShown, ...opened.filter((p) => !seen.has(key(p)))];
}

/** One line per problem, for a failing test's message: the page, the text, why, and where in the page. */
export const describeProblems = (problems: readonly ReadingProblem[]) =>
  problems.map((p) => `${p.page ?? 'page'}: "${p.text}" ${p.why} (${p.where})`);
