// The board pack as one description (issue 7, item 5): a masthead and sections of paragraphs, a table, a chart and
// notes, built from a BoardReport by shared/board-pack/sections.ts. The print page, the PDF and the workbook draw it
// three ways, so they can never disagree about a figure, a title or a note; only the drawing differs.
import { formatLongDate } from '../dates';
import type { BOARD_PACK_SECTIONS, BoardReport, EvidenceRef, Period } from '../board-report';
import { formatPence } from '../money';
import { METRIC_STATUS_LABELS, type MetricStatus, type MetricUnit } from '../metric-status';
import { metricValueText, paybackText, percentText, perPoundText, ratioText } from '../wording';

/** A cell keeps its figure as a figure (pence, basis points, hundredths) until it is drawn: the page and the PDF show
 * it as text with the wording table's formatters (shared/wording.ts), the workbook writes it as a number with that
 * table's format of the same idea, so all three read alike. */
export type PackCell =
  | { kind: 'text'; text: string }
  | { kind: 'money'; pence: number | null; missing?: string }
  | { kind: 'perPound'; bp: number | null; missing: string }
  | { kind: 'ratio'; bp: number | null; missing: string }
  | { kind: 'share'; bp: number | null }
  | { kind: 'metric'; hundredths: number | null; unit: MetricUnit; missing: string }
  | { kind: 'status'; status: MetricStatus }
  | { kind: 'whole'; value: number | null; missing: string }
  /** A payback year ("Year 1"), or null: "Not within the years appraised". */
  | { kind: 'payback'; year: number | null }
  | { kind: 'link'; url: string | null }
  /** An actual not yet reported (shared/board-report.ts says when): `text` on the page and in the PDF, a blank cell
   * carrying `note` in the workbook, so no sum or chart there ever reads it as £0. */
  | { kind: 'unreported'; text: string; note: string };

export interface PackColumn {
  header: string;
  /** Width in characters (the workbook's unit); the PDF shares the page's width out in the same proportions. */
  width: number;
  /** Free text as people wrote it (a narrative): the page keeps it to a readable measure. */
  prose?: boolean;
}

export interface PackRow {
  cells: PackCell[];
  /** A total or subtotal, drawn in bold. */
  emphasis?: boolean;
  /** What the row's figure rests on: under the row across the table (page, PDF), in a last column in the workbook. */
  evidence?: readonly EvidenceRef[];
}

export interface PackTable {
  caption: string;
  columns: PackColumn[];
  rows: PackRow[];
  /** The column whose cell names its row (the row's header for a screen reader); the first unless said. */
  rowHeader?: number;
  /** The heading of the evidence column in the workbook, for a table whose rows carry evidence. */
  evidenceHeader?: string;
  /** What the table says when it has no rows. */
  empty: string;
}

export interface PackChart {
  title: string;
  /** What the values are: pence, or basis points of £1 (savings per £1). */
  scale: 'pence' | 'perPound';
  categories: string[];
  /** A null value draws no bar: an actual not yet reported is absent, not zero (`note` says which). */
  series: { name: string; colour: string; values: (number | null)[] }[];
  /** Said under the legend, e.g. "Q4 not yet reported: no actual bar". */
  note?: string;
  /** A low-high band per category (the evidence range of savings per £1), drawn as a whisker. */
  bands?: ({ low: number; high: number } | null)[];
}

export type PackSectionKey = (typeof BOARD_PACK_SECTIONS)[number]['key'];

export interface PackSection {
  key: PackSectionKey;
  title: string;
  paragraphs: string[];
  table: PackTable;
  chart: PackChart | null;
  /** Notes under the table: how the figures were worked out. */
  notes: string[];
}

/** Whose pack it is, for what, and when: the top of the pack (the page's header, the PDF's first page and running
 * header, the workbook's titles). */
export interface PackMasthead {
  partnership: string;
  /** The fund and its year: "Better Care Fund 2025/26". */
  fund: string;
  /** The fund's year: "2025/26". */
  year: string;
  /** "Q1 to Q4". */
  period: string;
  /** "15 June 2026". */
  date: string;
  /** A demo partnership's label ("Illustrative demo data") and what it means; null for a real partnership's pack. */
  demo: { label: string; detail: string } | null;
}

export interface BoardPack {
  /** "Northbridge: Better Care Fund 2025/26, board pack": the title of the files. */
  title: string;
  masthead: PackMasthead;
  sections: PackSection[];
}

/** "Northbridge: Better Care Fund 2025/26, Q1 to Q4.": whose pack it is, in one line. */
export function mastheadLine(masthead: PackMasthead): string {
  return `${masthead.partnership}: ${masthead.fund}, ${masthead.period}.`;
}

/** "Illustrative demo data: fictional organisations and amounts, not real figures." */
export function demoLine(demo: NonNullable<PackMasthead['demo']>): string {
  return `${demo.label}: ${demo.detail}`;
}

/** "Q2" or "Q1 to Q3" of the fund's year. */
export function periodLabel(period: Period): string {
  return period.fromQuarter === period.toQuarter ? `Q${period.fromQuarter}` : `Q${period.fromQuarter} to Q${period.toQuarter}`;
}

/** The report's date as a board reads it, in UK time: "1 December 2026" (the ISO text itself if it is not a date). */
export function reportDate(report: BoardReport): string {
  return formatLongDate(report.generatedAt);
}

/** "[3] POPP saved £0.73 per £1. PSSRU, 2008.": an evidence item without its address. */
export function evidenceCitation(e: EvidenceRef): string {
  return `[${e.id}] ${e.claim}. ${e.publication}.`;
}

/** "[3] POPP saved £0.73 per £1. PSSRU, 2008. https://...": what a figure rests on, in one line. */
export function evidenceLine(e: EvidenceRef): string {
  return `${evidenceCitation(e)}${e.url ? ` ${e.url}` : ''}`;
}

export const NO_EVIDENCE = 'Evidence: none recorded for this figure.';

/** A row's evidence as one block of text, a line an item (the PDF and the workbook). */
export function evidenceNote(items: readonly EvidenceRef[]): string {
  return items.length === 0 ? NO_EVIDENCE : `Evidence:\n${items.map(evidenceLine).join('\n')}`;
}

/** Only web addresses become links: a `javascript:` or `file:` URL in an evidence item stays plain text. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

/** A cell's link, if it has one that may be followed. */
export function webLinkOf(cell: PackCell): string | null {
  return cell.kind === 'link' && cell.url !== null && isWebUrl(cell.url) ? cell.url : null;
}

/** A cell as text, with the wording table (shared/wording.ts) every page of the app uses. */
export function cellText(cell: PackCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'money':
      return cell.pence === null ? (cell.missing ?? '') : formatPence(cell.pence);
    case 'perPound':
      return perPoundText(cell.bp, cell.missing);
    case 'ratio':
      return ratioText(cell.bp, cell.missing);
    case 'share':
      return cell.bp === null ? '' : percentText(cell.bp);
    case 'metric':
      return cell.hundredths === null ? cell.missing : metricValueText(cell.hundredths, cell.unit);
    case 'status':
      return METRIC_STATUS_LABELS[cell.status];
    case 'whole':
      return cell.value === null ? cell.missing : cell.value.toLocaleString('en-GB');
    case 'payback':
      return paybackText(cell.year);
    case 'link':
      return cell.url ?? '';
    case 'unreported':
      return cell.text;
  }
}

/** A figure below zero (a variance, a net present value, a loss per £1): drawn in red on the page (NEGATIVE_CLASS of
 * shared/wording.ts) and in the PDF, and by the workbook's red negative format, always beside its minus sign. */
export function isNegative(cell: PackCell): boolean {
  const figure = cell.kind === 'money' ? cell.pence : cell.kind === 'perPound' || cell.kind === 'ratio' ? cell.bp : null;
  return figure !== null && figure < 0;
}

/** A figure, right-aligned in every drawing (text, a status, a link and a payback, "Year 1" or words, are read left to
 * right, as on the Outcomes page). */
export function isNumeric(cell: PackCell): boolean {
  return cell.kind !== 'text' && cell.kind !== 'status' && cell.kind !== 'link' && cell.kind !== 'payback';
}

/** Whether a column holds figures, judged by its first row (a column's cells are all of one kind, or blank). */
export function isNumericColumn(table: PackTable, column: number): boolean {
  const first = table.rows[0]?.cells[column];
  return first !== undefined && isNumeric(first);
}
