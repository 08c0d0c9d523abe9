// A return as a PDF (issue "Sign-off and returns", item 4), in the board pack's style (server/board-pack/pdf.ts and
// pdf-style.ts: A4 landscape, a running header, a section per part, grey table headers, figures right-aligned,
// negatives red beside their minus sign, "Page 2 of 5"), drawn from the same tables as the page and the workbook
// (shared/returns.ts). It embeds DejaVu Sans (./font.ts), so every name prints as written.
import PDFDocument from 'pdfkit';
import { cellText, isNegative, isNumeric, isNumericColumn, type PackRow, type PackTable } from '../../shared/board-pack/model';
import { returnParts, returnTitle, type ReturnDocument } from '../../shared/returns';
import { MUTED, NEGATIVE_RED, PAGE_MARGIN, RULE, TEXT_COLOUR } from '../board-pack/pdf-style';
import { registerUnicodeFont, UNICODE_FONT as FONT, unicodeText } from './font';

const CELL_PAD = 3;

class ReturnPdf {
  readonly doc: PDFKit.PDFDocument;
  private section = '';
  private pagesInSection = 0;

  constructor(
    private readonly title: string,
    private readonly version: string,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: PAGE_MARGIN,
      autoFirstPage: false,
      bufferPages: true,
      lang: 'en-GB',
      displayTitle: true,
      info: { Title: title, Author: 'Partnership funding tracker' },
    });
    registerUnicodeFont(this.doc);
    this.doc.on('pageAdded', () => this.decorate());
  }

  private get width(): number {
    return this.doc.page.width - PAGE_MARGIN.left - PAGE_MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - PAGE_MARGIN.bottom;
  }

  /** One line cut to `width` with "…", so a long name never wraps into the line below. */
  private line(value: string, x: number, y: number, width: number, align: 'left' | 'right' = 'left'): void {
    const { doc } = this;
    let fitted = unicodeText(value);
    if (doc.widthOfString(fitted) > width) {
      const chars = [...fitted];
      while (chars.length > 0 && doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
      fitted = `${chars.join('').trimEnd()}…`;
    }
    doc.text(fitted, x, y, { width: width + 1, align, lineBreak: false });
  }

  private decorate(): void {
    const { doc } = this;
    const left = PAGE_MARGIN.left;
    const right = doc.page.width - PAGE_MARGIN.right;
    doc.fillColor(TEXT_COLOUR).font(FONT.bold).fontSize(10);
    this.line(this.title, left, 22, (this.width * 2) / 3);
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED);
    this.line(this.version, right - this.width / 3 + 12, 22, this.width / 3 - 12, 'right');
    doc.moveTo(left, 52).lineTo(right, 52).lineWidth(0.75).strokeColor(RULE).stroke();
    const continued = this.pagesInSection > 0 ? ' (continued)' : '';
    this.pagesInSection += 1;
    doc.fillColor(TEXT_COLOUR).font(FONT.bold).fontSize(16);
    this.line(`${this.section}${continued}`, left, 60, this.width);
    doc.font(FONT.regular).fontSize(10);
    doc.x = left;
    doc.y = PAGE_MARGIN.top;
  }

  startSection(title: string): void {
    this.section = title;
    this.pagesInSection = 0;
    this.doc.addPage();
  }

  table(table: PackTable): void {
    const { doc } = this;
    const total = table.columns.reduce((sum, c) => sum + c.width, 0);
    const widths = table.columns.map((c) => (this.width * c.width) / total);
    const xs = widths.map((_, i) => PAGE_MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const inner = (i: number) => (widths[i] ?? 0) - 2 * CELL_PAD;
    const header = () => {
      doc.font(FONT.bold).fontSize(8.5);
      const height =
        Math.max(...table.columns.map((c, i) => doc.heightOfString(unicodeText(c.header), { width: inner(i) }))) + 2 * CELL_PAD;
      const top = doc.y;
      doc.rect(PAGE_MARGIN.left, top, this.width, height).fillColor('#f0f0f0').fill();
      doc.fillColor(TEXT_COLOUR);
      table.columns.forEach((c, i) => {
        doc.text(unicodeText(c.header), (xs[i] ?? 0) + CELL_PAD, top + CELL_PAD, {
          width: inner(i),
          align: isNumericColumn(table, i) ? 'right' : 'left',
        });
      });
      this.rule(top + height, TEXT_COLOUR);
      doc.y = top + height;
    };
    if (doc.y + 60 > this.bottom) doc.addPage();
    doc.font(FONT.bold).fontSize(11).fillColor(TEXT_COLOUR);
    doc.text(unicodeText(table.caption), PAGE_MARGIN.left, doc.y, { width: this.width });
    doc.moveDown(0.2);
    if (table.rows.length === 0) {
      doc.font(FONT.regular).fontSize(10).fillColor(MUTED).text(unicodeText(table.empty), PAGE_MARGIN.left, doc.y, { width: this.width });
      doc.moveDown(0.6);
      return;
    }
    header();
    for (const row of table.rows) {
      const height = this.rowHeight(row, inner);
      if (doc.y + height > this.bottom) {
        doc.addPage();
        header();
      }
      this.row(row, xs, inner, height);
    }
    doc.moveDown(0.8);
  }

  private rowHeight(row: PackRow, inner: (i: number) => number): number {
    const { doc } = this;
    doc.font(row.emphasis ? FONT.bold : FONT.regular).fontSize(9);
    return (
      Math.max(...row.cells.map((c, i) => doc.heightOfString(unicodeText(cellText(c), true) || ' ', { width: inner(i) }))) + 2 * CELL_PAD
    );
  }

  private row(row: PackRow, xs: number[], inner: (i: number) => number, height: number): void {
    const { doc } = this;
    const top = doc.y;
    doc.font(row.emphasis ? FONT.bold : FONT.regular).fontSize(9);
    row.cells.forEach((cell, i) => {
      doc.fillColor(isNegative(cell) ? NEGATIVE_RED : TEXT_COLOUR);
      doc.text(unicodeText(cellText(cell), true), (xs[i] ?? 0) + CELL_PAD, top + CELL_PAD, {
        width: inner(i),
        align: isNumeric(cell) ? 'right' : 'left',
      });
    });
    this.rule(top + height, RULE);
    doc.y = top + height;
  }

  private rule(y: number, colour: string): void {
    this.doc
      .moveTo(PAGE_MARGIN.left, y)
      .lineTo(PAGE_MARGIN.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(colour)
      .stroke();
  }

  footers(): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - 28;
      doc.font(FONT.regular).fontSize(8).fillColor(MUTED);
      const half = this.width / 2;
      this.line(this.title, PAGE_MARGIN.left, y, half);
      this.line(`Page ${i - range.start + 1} of ${range.count}`, PAGE_MARGIN.left + half, y, half, 'right');
      doc.page.margins.bottom = margin;
    }
  }
}

/** The return as a PDF: a section per part. `version` says which figures these are ("Version 2 sent for sign-off"). */
export async function renderReturnPdf(doc: ReturnDocument, version: string): Promise<Buffer> {
  const pdf = new ReturnPdf(returnTitle(doc), version);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.doc.on('error', reject);
  });
  for (const part of returnParts(doc)) {
    pdf.startSection(part.title);
    for (const table of part.tables) pdf.table(table);
  }
  pdf.footers();
  pdf.doc.end();
  return done;
}
