// Reading a PDF's text in tests with poppler's pdftotext (apt-get install -y poppler-utils), page by page. As with
// Chromium, a machine without it skips the PDF checks locally; with CI=true it must be there.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const PDFTOTEXT = '/usr/bin/pdftotext';
export const PDFINFO = '/usr/bin/pdfinfo';

const run = promisify(execFile);

/** Whether pdftotext is here. Locally the PDF checks are skipped without it; with CI=true they must run. */
export function pdftotextAvailable(): boolean {
  if (fs.existsSync(PDFTOTEXT)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but pdftotext is missing at ${PDFTOTEXT}: .ci/run must install poppler-utils`);
  console.warn(`Skipping PDF text checks: no pdftotext at ${PDFTOTEXT} (apt-get install -y poppler-utils)`);
  return false;
}

async function withFile<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return await use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text of each page, in order. `layout` keeps each table row on one line (for figures); without it the text is in
 * reading order, block by block (for what a page starts with).
 */
export async function pdfPages(pdf: Buffer, options: { layout?: boolean } = {}): Promise<string[]> {
  return withFile(pdf, async (file) => {
    const args = [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'];
    const { stdout } = await run(PDFTOTEXT, args, { maxBuffer: 64 * 1024 * 1024 });
    // pdftotext ends every page with a form feed, so the last piece is empty.
    const pages = stdout.split('\f');
    if (pages.at(-1)?.trim() === '') pages.pop();
    return pages;
  });
}

/** pdfinfo's fields ("Pages", "Page size", "Title"...). */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run(PDFINFO, ['-enc', 'UTF-8', file]);
    const info: Record<string, string> = {};
    for (const line of stdout.split('\n')) {
      const at = line.indexOf(':');
      if (at > 0) info[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    return info;
  });
}

/** The lines of a page without blanks, each trimmed. */
export const linesOf = (page: string): string[] =>
  page
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
