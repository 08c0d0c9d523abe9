// The text of every sheet cell, drawn so that it never reads as something else when its column is too narrow:
// - a figure that does not fit shows `####`, as Excel does, never a clipped or ellipsised number ("£11,010,4…" reads
//   as another amount);
// - a name or free text (a note, a description) that does not fit ends in an ellipsis.
// A cut cell has the full text as its title, shows it in full on hover and while it has the focus, and
// keeps it as its text, so a screen reader reads the whole value. Cells are measured after layout, all at once, when
// they are drawn, when their text changes and when their column's width changes (one ResizeObserver for all cells).
import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import './fit-cell.css';
import type { FitMode } from './fit-columns';

export interface FitCellParams {
  mode: FitMode;
}

const byElement = new WeakMap<Element, FitCell>();
const waiting = new Set<FitCell>();
let frame = 0;

/** Measure every waiting cell first, then mark them: reading and writing in turns would lay the page out each time. */
function measureWaiting(): void {
  frame = 0;
  const cells = [...waiting];
  waiting.clear();
  const cut = cells.map((cell) => cell.isCut());
  cells.forEach((cell, i) => cell.markCut(cut[i] ?? false));
}

function measureSoon(cell: FitCell): void {
  waiting.add(cell);
  if (!frame) frame = requestAnimationFrame(measureWaiting);
}

const resizes =
  typeof ResizeObserver === 'undefined'
    ? null
    : new ResizeObserver((entries) => {
        for (const entry of entries) {
          const cell = byElement.get(entry.target);
          if (cell) waiting.add(cell);
        }
        measureWaiting();
      });

export class FitCell implements ICellRendererComp {
  private box = document.createElement('span');
  private value = document.createElement('span');
  private text = '';

  init(params: ICellRendererParams & FitCellParams): void {
    this.box.className = `fit fit-${params.mode}`;
    this.value.className = 'fit-value';
    this.box.appendChild(this.value);
    this.show(params);
    byElement.set(this.box, this);
    resizes?.observe(this.box);
  }

  getGui(): HTMLElement {
    return this.box;
  }

  refresh(params: ICellRendererParams & FitCellParams): boolean {
    this.show(params);
    return true;
  }

  destroy(): void {
    resizes?.unobserve(this.box);
    waiting.delete(this);
  }

  /** Whether the text is wider than the cell: the value span's scroll width is its text's full width. */
  isCut(): boolean {
    return this.text !== '' && this.value.scrollWidth > this.box.clientWidth;
  }

  markCut(cut: boolean): void {
    this.box.classList.toggle('fit-cut', cut);
    if (cut) this.box.title = this.text;
    else this.box.removeAttribute('title');
  }

  private show(params: ICellRendererParams): void {
    const text = params.valueFormatted ?? (params.value === null || params.value === undefined ? '' : String(params.value));
    if (text === this.text && this.value.textContent === text) return;
    this.text = text;
    this.value.textContent = text;
    measureSoon(this);
  }
}
