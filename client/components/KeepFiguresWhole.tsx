// Text with figures in it ("Range -£1.60 to £0.80 per £1"), with each figure kept on one line: a line may break
// between words, never inside "-£1,213,040.00" (a browser may break after a minus sign) or "12.5%".
import type { ReactNode } from 'react';

/** Money (with its sign and a compact k/m/bn), and percentages: the figures a reader must see whole. */
const FIGURE = /[-−+]?£\d[\d,]*(?:\.\d+)?(?:k|m|bn)?|[-−+]?\d[\d,]*(?:\.\d+)?%/g;

export function KeepFiguresWhole({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  let from = 0;
  for (const match of text.matchAll(FIGURE)) {
    if (match.index > from) parts.push(text.slice(from, match.index));
    parts.push(
      <span className="figure" key={match.index}>
        {match[0]}
      </span>,
    );
    from = match.index + match[0].length;
  }
  if (from === 0) return text;
  if (from < text.length) parts.push(text.slice(from));
  return <>{parts}</>;
}
