// How the PDFs write (the board pack's ./pdf.ts and ./pdf-chart.ts, a return's server/returns/pdf.ts): the embedded
// font and the text it draws, the colours, and the page's margins.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Text as the embedded font draws it: control characters (a tab, a CR in a pasted name) become spaces, line ends are
 * kept where `keepLines` says so (narratives); every other character is kept as written.
 */
export function pdfText(value: string, keepLines = false): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (keepLines && ch === '\n') out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else out += ch;
  }
  return out;
}

/**
 * The font every PDF embeds: DejaVu Sans Condensed (about Helvetica's width, so a page holds what it held), from the npm package dejavu-fonts-ttf (the Bitstream Vera licence, with
 * DejaVu's changes in the public domain: free to embed and redistribute). pdfkit's built-in Helvetica draws WinAnsi
 * only, so a name in Welsh (ŵ, ŷ), Polish or Greek would print as "?"; DejaVu draws them, and pdfkit embeds only the
 * glyphs a document uses.
 */
export const FONT = { regular: 'DejaVuSansCondensed', bold: 'DejaVuSansCondensed-Bold', italic: 'DejaVuSansCondensed-Oblique' } as const;

const require = createRequire(import.meta.url);
let fontFiles: Record<keyof typeof FONT, Buffer> | null = null;

/** Register the three faces on a document under FONT's names; the files are read once (about 1.5 MB). */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  fontFiles ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')),
    italic: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Oblique.ttf')),
  };
  for (const face of ['regular', 'bold', 'italic'] as const) doc.registerFont(FONT[face], fontFiles[face]);
}

/** A4 landscape's margins; the top one leaves room for the running header and the section's title. */
export const PAGE_MARGIN = { top: 84, bottom: 44, left: 40, right: 40 };
export const TEXT_COLOUR = '#0b0c0c';
export const MUTED = '#505a5f';
export const RULE = '#b1b4b6';
export const DEMO_RED = '#d4351c';
/** A negative figure, as the pages' .negative (shared/wording.ts NEGATIVE_CLASS); its minus sign says it too. */
export const NEGATIVE_RED = '#aa2a16';
