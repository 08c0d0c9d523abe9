// The Unicode font the return's PDF embeds: DejaVu Sans, from the npm package dejavu-fonts-ttf (Bitstream Vera licence
// with DejaVu's changes in the public domain: free to embed and redistribute). pdfkit's built-in Helvetica can only
// draw WinAnsi, so "Zoë's Care – Bûcher Lodge" would survive but a name in Polish, Welsh (ŵ, ŷ) or Greek would not;
// DejaVu draws them all, and pdfkit embeds only the glyphs used.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const UNICODE_FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', italic: 'DejaVuSans-Oblique' } as const;

let cache: Record<keyof typeof UNICODE_FONT, Buffer> | null = null;

/** The three faces' TrueType files, read once (about 1.5 MB in memory) from the installed package. */
export function unicodeFontFiles(): Record<keyof typeof UNICODE_FONT, Buffer> {
  cache ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    italic: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf')),
  };
  return cache;
}

/** Register the faces on a document under UNICODE_FONT's names. */
export function registerUnicodeFont(doc: PDFKit.PDFDocument): void {
  const files = unicodeFontFiles();
  for (const face of ['regular', 'bold', 'italic'] as const) doc.registerFont(UNICODE_FONT[face], files[face]);
}

/** Text as the embedded font draws it: control characters (a tab, a CR in a pasted name) become spaces, line ends are
 * kept where `keepLines` says so; every other character is kept as written. */
export function unicodeText(value: string, keepLines = false): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (keepLines && ch === '\n') out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else out += ch;
  }
  return out;
}
