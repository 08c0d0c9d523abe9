// The "Comment" button beside a figure that is not in a grid (the board pack's): it opens the figure's thread, or a new
// one. A figure with an open thread says so in words ("Comments", and "has comments" to a screen reader), not only by
// its look. Not printed: the board pack's paper copy carries the figures only. Its visible word is drawn by CSS from
// `data-label` and its name is its aria-label, so the table's text (what the page, the PDF and the workbook are
// compared by) stays the figures' alone.
import { useRef } from 'react';

/** A board-pack figure's field name, `board.<section>.<row>`: letters, digits and dashes (the schema's field rule). */
export function boardField(section: string, rowName: string): string {
  const slug = rowName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `board.${section}.${slug || 'row'}`;
}

export function FigureComment({ label, has, onOpen }: { label: string; has: boolean; onOpen: (returnFocus: () => void) => void }) {
  const button = useRef<HTMLButtonElement>(null);
  return (
    <button
      type="button"
      ref={button}
      className={`link-button figure-comment board-pack-screen-only${has ? ' has-thread' : ''}`}
      aria-haspopup="dialog"
      aria-label={`${has ? 'Comments on' : 'Comment on'} ${label}${has ? ' (has comments)' : ''}`}
      data-label={has ? 'Comments' : 'Comment'}
      onClick={() => onOpen(() => button.current?.focus())}
    />
  );
}
