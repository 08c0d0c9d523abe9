// The page's first Tab stop: "Skip to grid" where the page has a sheet grid (it lands in the grid's first cell),
// "Skip to funds" where it lists funds (it lands on the first fund's link), otherwise "Skip to content". Grids and fund
// lists register themselves here while they are on the page; a fund opened from the list by keyboard asks for its
// grid's first cell to have the focus when the grid arrives (so the grid is a key or two away, never nineteen).
import { useSyncExternalStore, type MouseEvent } from 'react';

export type SkipKind = 'grid' | 'funds';

interface SkipTarget {
  kind: SkipKind;
  element: () => HTMLElement | null;
  focus: () => void;
}

const targets = new Set<SkipTarget>();
const listeners = new Set<() => void>();
let version = 0;
const changed = () => {
  version++;
  for (const listener of listeners) listener();
};

/** Put a target on the page's skip link while it is shown; returns the function that takes it off. */
export function registerSkipTarget(target: SkipTarget): () => void {
  targets.add(target);
  changed();
  return () => {
    targets.delete(target);
    changed();
  };
}

/** A grid before a fund list; between two of a kind, the one higher on the page. */
export function currentSkipTarget(): SkipTarget | null {
  const rank = (t: SkipTarget) => (t.kind === 'grid' ? 0 : 1);
  const before = (a: SkipTarget, b: SkipTarget) => {
    const ea = a.element();
    const eb = b.element();
    return !!ea && !!eb && (ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  };
  let best: SkipTarget | null = null;
  for (const t of targets) {
    if (!best || rank(t) < rank(best) || (rank(t) === rank(best) && before(t, best))) best = t;
  }
  return best;
}

// ---- "opened by keyboard": the fund list asks, the fund's grid answers when it has drawn its rows ----
const ARRIVAL_WINDOW_MS = 15_000;
let arrivalAskedAt: number | null = null;

/** Called by a fund link activated from the keyboard (Enter): the next grid to draw takes the focus. */
export function focusGridOnArrival(): void {
  arrivalAskedAt = Date.now();
}

/** Whether a grid arriving now should take the focus (asked for by keyboard in the last few seconds); asks once. */
export function takeGridArrival(): boolean {
  const asked = arrivalAskedAt !== null && Date.now() - arrivalAskedAt < ARRIVAL_WINDOW_MS;
  arrivalAskedAt = null;
  return asked;
}

/** A click that came from the keyboard (Enter on a link) has no pointer: its detail, the click count, is 0. */
export const fromKeyboard = (event: MouseEvent) => event.detail === 0;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

const LABELS: Record<SkipKind | 'content', string> = {
  grid: 'Skip to grid',
  funds: 'Skip to funds',
  content: 'Skip to content',
};

export function SkipLink() {
  useSyncExternalStore(subscribe, () => version);
  const target = currentSkipTarget();
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        const now = currentSkipTarget();
        if (!now) return;
        event.preventDefault();
        now.focus();
      }}
    >
      {LABELS[target?.kind ?? 'content']}
    </a>
  );
}
