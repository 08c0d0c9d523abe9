// The board pack as a PDF (issue 7, item 5): the pack of shared/board-pack drawn with pdfkit on A4 landscape, a page
// (or more) per section under a running header, each table with its evidence under the rows that rest on it. Its
// PdfPack is the one renderer of the tool's PDFs: a return (server/returns/pdf.ts) is drawn with it too.
import type PDFKitModule from 'pdfkit';
import type { BoardReport } from '../../shared/board-report';
import {
  cellText,
  demoLine,
  evidenceNote,
  isNegative,
  isNumeric,
  isNumericColumn,
  mastheadLine,
  webLinkOf,
  type PackChart,
  type PackRow,
  type PackTable,
} from '../../shared/board-pack/model';
import { boardPack } from '../../shared/board-pack/sections';
import { CHART_HEIGHT, drawChart } from './pdf-chart';
import { DEMO_RED, FONT, MUTED, NEGATIVE_RED, PAGE_MARGIN, pdfText, registerFonts, RULE, TEXT_COLOUR } from './pdf-style';

const CELL_PAD = 3;
/** A table cell's and a column header's type sizes: DejaVu Sans Condensed at 8.5 pt sets a figure about as wide as
 * Helvetica did at 9, so the columns hold what they held. */
const CELL_SIZE = 8.5;
const HEADER_SIZE = 8;

/** What every page says around its content, so a page taken out of the document still says what it is: top left its
 * name (bold) with a detail under it, top right what the document is with a red flag under it (demo data), bottom
 * left the footer and bottom right "Page 2 of 9". */
export interface RunningText {
  name: string;
  detail: string | null;
  what: string;
  flag: string | null;
  footer: string;
}

/** Draws a document page by page. Every page, whether started here or by pdfkit when text runs over, gets the running
 * text and its section's title. */
export class PdfPack {
  /** A pack ready to draw on: pdfkit is loaded here, on the first PDF, not when the server starts (it and its fonts
   * cost the idle server tens of MB, and most servers never draw a PDF). */
  static async open(running: RunningText, info: { title: string; subject?: string; created?: Date }): Promise<PdfPack> {
    const { default: PDFDocument } = await import('pdfkit');
    return new PdfPack(PDFDocument, running, info);
  }

  readonly doc: PDFKit.PDFDocument;
  private sectionTitle = '';
  private pagesInSection = 0;
  private readonly bytes: Promise<Buffer>;

  private constructor(
    PDFDocument: typeof PDFKitModule,
    private readonly running: RunningText,
    info: { title: string; subject?: string; created?: Date },
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: PAGE_MARGIN,
      autoFirstPage: false,
      bufferPages: true,
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: info.title,
        Author: 'Partnership funding tracker',
        ...(info.subject ? { Subject: info.subject } : {}),
        ...(info.created && !Number.isNaN(info.created.getTime()) ? { CreationDate: info.created } : {}),
      },
    });
    registerFonts(this.doc);
    const chunks: Buffer[] = [];
    this.bytes = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.on('pageAdded', () => this.decoratePage());
  }

  private get width(): number {
    return this.doc.page.width - PAGE_MARGIN.left - PAGE_MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - PAGE_MARGIN.bottom;
  }

  startSection(title: string): void {
    this.sectionTitle = title;
    this.pagesInSection = 0;
    this.doc.addPage();
  }

  /** One line of text at (x, y), cut to the width with "…" when it is longer: a running header never wraps into the
   * line below it, however long a partnership's name is. (pdfkit wraps at `width` even with lineBreak: false.) */
  private line(value: string, x: number, y: number, width: number, align: 'left' | 'right' = 'left'): void {
    const { doc } = this;
    let fitted = pdfText(value);
    if (doc.widthOfString(fitted) > width) {
      const chars = [...fitted];
      while (chars.length > 0 && doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
      fitted = `${chars.join('').trimEnd()}…`;
    }
    doc.text(fitted, x, y, { width: width + 1, align, lineBreak: false });
  }

  private decoratePage(): void {
    const { doc, running } = this;
    const left = PAGE_MARGIN.left;
    const right = doc.page.width - PAGE_MARGIN.right;
    // The names get two thirds of the width; what the document is and its flag the rest.
    const names = (this.width * 2) / 3;
    const rest = this.width - names - 12;
    doc.fillColor(TEXT_COLOUR).font(FONT.bold).fontSize(10);
    this.line(running.name, left, 22, names);
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED);
    if (running.detail) this.line(running.detail, left, 36, names);
    this.line(running.what, right - rest, 22, rest, 'right');
    if (running.flag) {
      doc.font(FONT.bold).fillColor(DEMO_RED);
      this.line(running.flag, right - rest, 36, rest, 'right');
    }
    doc.moveTo(left, 52).lineTo(right, 52).lineWidth(0.75).strokeColor(RULE).stroke();
    const continued = this.pagesInSection > 0 ? ' (continued)' : '';
    this.pagesInSection += 1;
    doc.fillColor(TEXT_COLOUR).font(FONT.bold).fontSize(16);
    this.line(`${this.sectionTitle}${continued}`, left, 60, this.width);
    doc.font(FONT.regular).fontSize(10);
    doc.x = left;
    doc.y = PAGE_MARGIN.top;
  }

  /** Start a new page of the section unless `height` more points fit on this one. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  paragraph(value: string, options: { font?: string; size?: number; colour?: string } = {}): void {
    const { doc } = this;
    doc.font(options.font ?? FONT.regular).fontSize(options.size ?? 10);
    const line = pdfText(value, true);
    const height = doc.heightOfString(line, { width: this.width });
    this.ensureSpace(height);
    doc.fillColor(options.colour ?? TEXT_COLOUR).text(line, PAGE_MARGIN.left, doc.y, { width: this.width });
    doc.moveDown(0.4);
  }

  table(table: PackTable): void {
    const { doc } = this;
    const total = table.columns.reduce((sum, c) => sum + c.width, 0);
    const widths = table.columns.map((c) => (this.width * c.width) / total);
    const xs = widths.map((_, i) => PAGE_MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const caption = () => {
      doc.font(FONT.bold).fontSize(11).fillColor(TEXT_COLOUR);
      doc.text(pdfText(table.caption), PAGE_MARGIN.left, doc.y, { width: this.width });
      doc.moveDown(0.2);
    };
    const headerHeight = () => {
      doc.font(FONT.bold).fontSize(HEADER_SIZE);
      return (
        Math.max(...table.columns.map((c, i) => doc.heightOfString(pdfText(c.header), { width: (widths[i] ?? 0) - 2 * CELL_PAD }))) +
        2 * CELL_PAD
      );
    };
    const header = () => {
      const height = headerHeight();
      const top = doc.y;
      doc.rect(PAGE_MARGIN.left, top, this.width, height).fillColor('#f0f0f0').fill();
      doc.font(FONT.bold).fontSize(HEADER_SIZE).fillColor(TEXT_COLOUR);
      table.columns.forEach((c, i) => {
        doc.text(pdfText(c.header), (xs[i] ?? 0) + CELL_PAD, top + CELL_PAD, {
          width: (widths[i] ?? 0) - 2 * CELL_PAD,
          align: isNumericColumn(table, i) ? 'right' : 'left',
        });
      });
      this.rule(top + height, TEXT_COLOUR);
      doc.y = top + height;
    };

    this.ensureSpace(40 + headerHeight());
    caption();
    if (table.rows.length === 0) {
      this.paragraph(table.empty, { colour: MUTED });
      return;
    }
    header();
    for (const row of table.rows) {
      const height = this.rowHeight(row, widths);
      if (doc.y + height > this.bottom) {
        doc.addPage();
        header();
      }
      this.row(row, xs, widths, height);
    }
    doc.moveDown(0.6);
  }

  private cellLines(
    row: PackRow,
    widths: number[],
  ): { value: string; width: number; numeric: boolean; negative: boolean; link: string | null }[] {
    return row.cells.map((cell, i) => ({
      value: pdfText(cellText(cell), true),
      width: (widths[i] ?? 0) - 2 * CELL_PAD,
      numeric: isNumeric(cell),
      negative: isNegative(cell),
      link: webLinkOf(cell),
    }));
  }

  private noteHeight(note: string): number {
    this.doc.font(FONT.italic).fontSize(8);
    return this.doc.heightOfString(pdfText(note, true), { width: this.width - 4 * CELL_PAD }) + 2 * CELL_PAD;
  }

  private rowHeight(row: PackRow, widths: number[]): number {
    const { doc } = this;
    doc.font(row.emphasis ? FONT.bold : FONT.regular).fontSize(CELL_SIZE);
    const cells =
      Math.max(...this.cellLines(row, widths).map((c) => doc.heightOfString(c.value || ' ', { width: c.width }))) + 2 * CELL_PAD;
    const note = noteOf(row);
    return cells + (note ? this.noteHeight(note) : 0);
  }

  private row(row: PackRow, xs: number[], widths: number[], height: number): void {
    const { doc } = this;
    const top = doc.y;
    doc
      .font(row.emphasis ? FONT.bold : FONT.regular)
      .fontSize(CELL_SIZE)
      .fillColor(TEXT_COLOUR);
    this.cellLines(row, widths).forEach((c, i) => {
      doc.fillColor(c.negative ? NEGATIVE_RED : TEXT_COLOUR);
      doc.text(c.value, (xs[i] ?? 0) + CELL_PAD, top + CELL_PAD, {
        width: c.width,
        align: c.numeric ? 'right' : 'left',
        ...(c.link ? { link: c.link, underline: true } : {}),
      });
    });
    const note = noteOf(row);
    if (note) {
      const noteTop = top + height - this.noteHeight(note);
      doc.font(FONT.italic).fontSize(8).fillColor(MUTED);
      doc.text(pdfText(note, true), PAGE_MARGIN.left + 3 * CELL_PAD, noteTop + CELL_PAD / 2, { width: this.width - 4 * CELL_PAD });
    }
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

  /** A chart, on this page if it fits, else at the top of the next. */
  chart(chart: PackChart): void {
    this.ensureSpace(CHART_HEIGHT + 30);
    drawChart(this.doc, chart, this.width);
  }

  /** The footer and "Page 2 of 9" on every page, once the number of pages is known; then the finished file. */
  finish(): Promise<Buffer> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Below the bottom margin pdfkit would start another page for the text; the footer's own margin is zero.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - 28;
      doc.font(FONT.regular).fontSize(8).fillColor(MUTED);
      const half = this.width / 2;
      this.line(this.running.footer, PAGE_MARGIN.left, y, half);
      this.line(`Page ${i - range.start + 1} of ${range.count}`, PAGE_MARGIN.left + half, y, half, 'right');
      doc.page.margins.bottom = margin;
    }
    doc.end();
    return this.bytes;
  }
}

/** A row's evidence as the PDF draws it: a block of text under the row. */
const noteOf = (row: PackRow): string | null => (row.evidence ? evidenceNote(row.evidence) : null);

/** The board pack as a PDF: A4 landscape, a page (or more) per section, each starting with the section's title; the
 * first says whose pack it is (and that demo figures are not real). */
export async function renderBoardPackPdf(report: BoardReport): Promise<Buffer> {
  const { title, masthead, sections } = boardPack(report);
  const pack = await PdfPack.open(
    {
      name: masthead.partnership,
      detail: `Fund: ${masthead.fund}, ${masthead.period}`,
      what: `Board pack, ${masthead.date}`,
      flag: masthead.demo?.label ?? null,
      footer: `${masthead.fund} board pack, ${masthead.date}`,
    },
    { title, ...(masthead.demo ? { subject: masthead.demo.label } : {}), created: new Date(report.generatedAt) },
  );
  sections.forEach((section, i) => {
    pack.startSection(section.title);
    if (i === 0) {
      pack.paragraph(mastheadLine(masthead));
      if (masthead.demo) pack.paragraph(demoLine(masthead.demo), { font: FONT.bold, colour: DEMO_RED });
    }
    for (const p of section.paragraphs) pack.paragraph(p);
    if (section.chart) pack.chart(section.chart);
    pack.table(section.table);
    for (const note of section.notes) pack.paragraph(note, { size: 8.5, colour: MUTED });
  });
  return pack.finish();
}
