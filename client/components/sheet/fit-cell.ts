// The text of every sheet cell, drawn so that it never reads as something else when its column is too narrow:
// - a figure that does not fit shows `####`, as Excel does, never a clipped or ellipsised number ("£11,010,4…" reads
//   as another amount);
// - a name or free text (a note, a description) that does not fit ends in an ellipsis.
// A cut cell has the full text as its title, shows it in full on hover and while it has the focus, and
// keeps it as its text, so a screen reader reads the whole value. Cells are measured after layout, all at once, when
// they are drawn, when their text changes and when their column's width changes (one ResizeObserver for all cells).
//
// The columns are fitted here too, in the same frame, after the cells have drawn their text (requestFit). ag-grid's
// autoSizeColumns measures the cells in the page, and with React it counts a cell as drawn once its box exists, before
// this renderer's text is in it (ag-grid-react adds a plain renderer in an effect, a moment later). A fit asked for
// when the rows changed could so measure some cells empty, and whether it did changed from run to run. Each cell that
// draws new text asks its grid to fit again, once per frame, so the last fit always sees every cell's text.
import type { GridApi, ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import './fit-cell.css';
import type { FitMode } from './fit-columns';

export interface FitCellParams {
  mode: FitMode;
  /** Words about the cell for screen readers only, after its text ("has comments"), or null. */
  note?: (params: ICellRendererParams) => string | null;
}

/** A fit after the rows or columns changed (`full`: every fitted column to its drawn cells, narrower too), or after
 * cells drew new text (`grow`: a column only widens, so scrolling to shorter names never narrows what is being read). */
export type FitKind = 'full' | 'grow';
/** How a grid fits its columns (useColumnLayout.ts for the sheets, NationalPage.tsx): registered with fitColumnsWith. */
type Fitter = (kind: FitKind) => void;

const byElement = new WeakMap<Element, FitCell>();
const waiting = new Set<FitCell>();
const fitters = new WeakMap<GridApi, Fitter>();
const fitsDue = new Map<GridApi, FitKind>();
let frame = 0;

/** Measure every waiting cell first, then mark them: reading and writing in turns would lay the page out each time.
 * Then fit the grids that asked, now that their cells have their text. */
function measureWaiting(): void {
  frame = 0;
  const cells = [...waiting];
  waiting.clear();
  const cut = cells.map((cell) => cell.isCut());
  cells.forEach((cell, i) => cell.markCut(cut[i] ?? false));
  const due = [...fitsDue];
  fitsDue.clear();
  for (const [api, kind] of due) if (!api.isDestroyed()) fitters.get(api)?.(kind);
}

function soon(): void {
  if (!frame) frame = requestAnimationFrame(measureWaiting);
}

function measureSoon(cell: FitCell): void {
  waiting.add(cell);
  soon();
}

/** Registers how a grid fits its columns; its cells then ask for a `grow` fit whenever they draw new text. */
export function fitColumnsWith(api: GridApi, fitter: Fitter): void {
  fitters.set(api, fitter);
}

/** Fit a grid's columns in the next frame, after its cells have drawn (one fit per grid per frame; `full` wins). */
export function requestFit(api: GridApi, kind: FitKind): void {
  if (fitsDue.get(api) !== 'full') fitsDue.set(api, kind);
  soon();
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
  private note: HTMLElement | null = null;
  private api: GridApi | null = null;

  init(params: ICellRendererParams & FitCellParams): void {
    this.api = params.api;
    this.box.className = `fit fit-${params.mode}`;
    this.value.className = 'fit-value';
    this.box.appendChild(this.value);
    this.show(params);
    this.showNote(params);
    byElement.set(this.box, this);
    resizes?.observe(this.box);
  }

  getGui(): HTMLElement {
    return this.box;
  }

  refresh(params: ICellRendererParams & FitCellParams): boolean {
    this.show(params);
    this.showNote(params);
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

  /** The screen-reader words after the text: hidden from sight, outside the measured value, so a fit never counts them. */
  private showNote(params: ICellRendererParams & FitCellParams): void {
    const words = params.note?.(params) ?? null;
    if (!words) {
      this.note?.remove();
      this.note = null;
      return;
    }
    if (!this.note) {
      this.note = document.createElement('span');
      this.note.className = 'visually-hidden';
      this.box.appendChild(this.note);
    }
    if (this.note.textContent !== `, ${words}`) this.note.textContent = `, ${words}`;
  }

  private show(params: ICellRendererParams): void {
    const text = params.valueFormatted ?? (params.value === null || params.value === undefined ? '' : String(params.value));
    if (text === this.text && this.value.textContent === text) return;
    this.text = text;
    this.value.textContent = text;
    measureSoon(this);
    if (this.api) requestFit(this.api, 'grow');
  }
}
