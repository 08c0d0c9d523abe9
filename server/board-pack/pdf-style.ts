// How the board pack's PDF writes (./pdf.ts, ./pdf-chart.ts): the built-in fonts and the text they can draw, the
// colours, and the page's margins.

/**
 * Text as the PDF's built-in Helvetica can draw it. The standard fonts are WinAnsi-encoded: a character outside that
 * set would be written as stray bytes (pdfkit does not check), so it becomes "?"; control characters (a tab, a CR in
 * a pasted name) become spaces. Line ends are kept where `keepLines` says so (narratives).
 */
export function pdfText(value: string, keepLines = false): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (keepLines && ch === '\n') out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(code)) out += ch;
    else out += '?';
  }
  return out;
}

/** The characters WinAnsi has beyond Latin-1 (the 0x80-0x9F block): €, ‘ ’ “ ” – — … • and the like. */
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

/** A4 landscape's margins; the top one leaves room for the running header and the section's title. */
export const PAGE_MARGIN = { top: 84, bottom: 44, left: 40, right: 40 };
export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };
export const TEXT_COLOUR = '#0b0c0c';
export const MUTED = '#505a5f';
export const RULE = '#b1b4b6';
export const DEMO_RED = '#d4351c';
/** A negative figure, as the pages' .negative (shared/wording.ts NEGATIVE_CLASS); its minus sign says it too. */
export const NEGATIVE_RED = '#aa2a16';
