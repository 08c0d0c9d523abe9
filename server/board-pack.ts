// The board pack (issue 7, item 5): a partnership's BoardReport (`reports.board`) as an A4 landscape PDF and as an .xlsx,
// one page (PDF) or worksheet (xlsx) per section of BOARD_PACK_SECTIONS, served at /export/partnerships/<id>/board-pack.*
import type http from 'node:http';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { sharesInBasisPoints } from '../shared/allocate';
import { BOARD_PACK_SECTIONS, type BoardReport, type EvidenceRef, type Period } from '../shared/board-report';
import { neutraliseFormula } from '../shared/csv';
import { formatBasisPoints, formatPence, formatPenceCompact, penceToPlain, sumPence } from '../shared/money';
import { formatMetricValue, METRIC_STATUS_LABELS, METRIC_UNIT_LABELS, POLARITY_LABELS, type MetricUnit } from '../shared/metric-status';
import { ATTRIBUTION_HELP, formatPerPound, formatRatio } from '../shared/roi';
import { POUNDS_FORMAT } from './export';
import { errorDetails } from './trpc';

// ---- The pack as tables ------------------------------------------------------------------------------------------
// Both files are drawn from one description of the pack (sections of paragraphs, a table and a chart), so the PDF and
// the workbook can never disagree about a figure; only the drawing differs.

/** A cell keeps its figure as a figure (pence, basis points, hundredths) until it is drawn: the PDF formats it as
 * text with the shared formatters, the workbook writes it as a number with a format. */
export type PackCell =
  | { kind: 'text'; text: string }
  | { kind: 'money'; pence: number | null; missing?: string }
  | { kind: 'perPound'; bp: number | null; missing: string }
  | { kind: 'ratio'; bp: number | null; missing: string }
  | { kind: 'metric'; hundredths: number | null; unit: MetricUnit; missing: string }
  | { kind: 'whole'; value: number | null; missing: string }
  | { kind: 'link'; url: string | null };

export interface PackColumn {
  header: string;
  /** Width in characters (the workbook's unit); the PDF shares the page's width out in the same proportions. */
  width: number;
}

export interface PackRow {
  cells: PackCell[];
  /** A total or subtotal, drawn in bold. */
  emphasis?: boolean;
  /** Text under the row across the whole table in the PDF, an extra last column in the workbook (the evidence). */
  note?: string;
}

export interface PackTable {
  caption: string;
  columns: PackColumn[];
  rows: PackRow[];
  /** The heading of the notes' column in the workbook. */
  noteHeader?: string;
  /** What the table says when it has no rows. */
  empty: string;
}

export interface PackChart {
  title: string;
  /** What the values are: pence, or basis points of £1 (savings per £1). */
  scale: 'pence' | 'perPound';
  categories: string[];
  series: { name: string; colour: string; values: number[] }[];
  /** A low-high band per category (the evidence range of savings per £1), drawn as a whisker. */
  bands?: ({ low: number; high: number } | null)[];
}

export interface PackSection {
  key: (typeof BOARD_PACK_SECTIONS)[number]['key'];
  title: string;
  paragraphs: string[];
  table: PackTable;
  chart: PackChart | null;
  /** Notes under the table: how the figures were worked out. */
  notes: string[];
}

const text = (value: string): PackCell => ({ kind: 'text', text: value });
const money = (pence: number | null, missing = ''): PackCell => ({ kind: 'money', pence, missing });

/** "Q2" or "Q1 to Q3" of the fund's year. */
export function periodLabel(period: Period): string {
  return period.fromQuarter === period.toQuarter ? `Q${period.fromQuarter}` : `Q${period.fromQuarter} to Q${period.toQuarter}`;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** The report's date as a board reads it, in UK time: "1 December 2026" (the ISO text itself if it is not a date). */
export function reportDate(report: BoardReport): string {
  const at = new Date(report.generatedAt);
  return Number.isNaN(at.getTime()) ? report.generatedAt : LONG_DATE.format(at);
}

/** "[3] POPP saved £0.73 per £1. PSSRU, 2008. https://...": what a figure rests on, in one line. */
export function evidenceLine(e: EvidenceRef): string {
  return `[${e.id}] ${e.claim}. ${e.publication}.${e.url ? ` ${e.url}` : ''}`;
}

function evidenceNote(items: readonly EvidenceRef[]): string {
  return items.length === 0 ? 'Evidence: none recorded for this figure.' : `Evidence:\n${items.map(evidenceLine).join('\n')}`;
}

const DEMO_NOTE = 'Illustrative demo data: fictional organisations and amounts, not real figures.';

function summarySection(report: BoardReport): PackSection {
  const { tiles, period } = report;
  const periodText = periodLabel(period);
  return {
    key: 'summary',
    title: 'Summary',
    paragraphs: [
      `${report.partnership.name}: ${report.fund.name} ${report.fund.financialYear}, ${periodText}.`,
      ...(report.partnership.isDemo ? [DEMO_NOTE] : []),
      `Each of the following pages is one section: ${BOARD_PACK_SECTIONS.slice(1)
        .map((s) => s.title)
        .join(', ')}.`,
    ],
    table: {
      caption: 'Headline figures',
      columns: [
        { header: 'Measure', width: 44 },
        { header: 'Value', width: 20 },
        { header: 'What it is', width: 70 },
      ],
      noteHeader: 'Evidence',
      rows: [
        {
          cells: [
            text('Pooled total'),
            money(tiles.pooledPence),
            text(`Planned contributions to the fund for the whole of ${report.fund.financialYear}`),
          ],
        },
        {
          cells: [
            text(`Spent to date (${periodText})`),
            money(tiles.spentToDatePence),
            text("Actual spend on the fund's schemes in the period"),
          ],
        },
        {
          cells: [
            text('Savings per £1'),
            { kind: 'perPound', bp: tiles.savedPerPoundBp, missing: 'No cost recorded' },
            text('Net benefit for each £1 spent across the appraised schemes, undiscounted (as POPP reported it)'),
          ],
          note: evidenceNote(report.evidence),
        },
        {
          cells: [
            text('Metrics on track'),
            { kind: 'whole', value: tiles.metricsOnTrack, missing: '' },
            text('Metric lines whose latest quarter with a status is on track'),
          ],
        },
        {
          cells: [
            text('Metrics reported'),
            { kind: 'whole', value: tiles.metricsTotal, missing: '' },
            text('All metric lines of the fund'),
          ],
        },
      ],
      empty: '',
    },
    chart: null,
    notes: [],
  };
}

interface PartnerTotals {
  orgId: number;
  name: string;
  quarters: { quarter: number; plannedPence: number; actualPence: number }[];
}

/** The partners in the order they first appear, each with their quarters. */
function partnerTotals(report: BoardReport): PartnerTotals[] {
  const byOrg = new Map<number, PartnerTotals>();
  for (const quarter of report.contributionsByQuarter) {
    for (const p of quarter.partners) {
      const partner = byOrg.get(p.orgId) ?? { orgId: p.orgId, name: p.name, quarters: [] };
      partner.quarters.push({ quarter: quarter.quarter, plannedPence: p.plannedPence, actualPence: p.actualPence });
      byOrg.set(p.orgId, partner);
    }
  }
  return [...byOrg.values()];
}

const plannedOf = (p: PartnerTotals) => sumPence(p.quarters.map((q) => q.plannedPence));
const actualOf = (p: PartnerTotals) => sumPence(p.quarters.map((q) => q.actualPence));

const COLOURS = { planned: '#1d70b8', actual: '#f47738', invests: '#003078', benefits: '#00703c' };

function contributionsSection(report: BoardReport): PackSection {
  const partners = partnerTotals(report);
  const planned = partners.map(plannedOf);
  const actual = partners.map(actualOf);
  const shares = sharesInBasisPoints(planned.map((p) => Math.max(p, 0)));
  const periodText = periodLabel(report.period);
  const rows: PackRow[] = [];
  partners.forEach((partner, i) => {
    for (const q of partner.quarters) {
      rows.push({
        cells: [
          text(partner.name),
          text(`Q${q.quarter}`),
          money(q.plannedPence),
          money(q.actualPence),
          money(q.actualPence - q.plannedPence),
          text(''),
        ],
      });
    }
    const p = planned[i] ?? 0;
    const a = actual[i] ?? 0;
    rows.push({
      emphasis: true,
      cells: [text(partner.name), text(periodText), money(p), money(a), money(a - p), text(formatBasisPoints(shares[i] ?? 0))],
    });
  });
  if (partners.length > 0) {
    const p = sumPence(planned);
    const a = sumPence(actual);
    rows.push({ emphasis: true, cells: [text('All partners'), text(periodText), money(p), money(a), money(a - p), text('100%')] });
  }
  return {
    key: 'contributions',
    title: 'Who paid what',
    paragraphs: [`Each partner's planned and actual contributions to ${report.fund.name} ${report.fund.financialYear}, ${periodText}.`],
    table: {
      caption: `Contributions by partner and quarter, ${periodText}`,
      columns: [
        { header: 'Partner', width: 40 },
        { header: 'Quarter', width: 12 },
        { header: 'Planned (£)', width: 18 },
        { header: 'Actual (£)', width: 18 },
        { header: 'Variance (£)', width: 18 },
        { header: 'Share of planned', width: 14 },
      ],
      rows,
      empty: 'No contributions have been recorded for this period.',
    },
    chart:
      partners.length === 0
        ? null
        : {
            title: `Planned and actual contributions by partner, ${periodText} (£)`,
            scale: 'pence',
            categories: partners.map((p) => p.name),
            series: [
              { name: 'Planned', colour: COLOURS.planned, values: planned },
              { name: 'Actual', colour: COLOURS.actual, values: actual },
            ],
          },
    notes: ['Variance is actual minus planned. Shares are of the planned total, by largest remainder, so they add up to exactly 100%.'],
  };
}

function spendSection(report: BoardReport): PackSection {
  const spend = report.spendByQuarter;
  const planned = sumPence(spend.map((q) => q.plannedPence));
  const actual = sumPence(spend.map((q) => q.actualPence));
  const periodText = periodLabel(report.period);
  return {
    key: 'spend',
    title: 'Spend against plan',
    paragraphs: [`Planned and actual spend on the fund's schemes, quarter by quarter, ${periodText}.`],
    table: {
      caption: `Spend by quarter, ${periodText}`,
      columns: [
        { header: 'Quarter', width: 16 },
        { header: 'Planned (£)', width: 20 },
        { header: 'Actual (£)', width: 20 },
        { header: 'Variance (£)', width: 20 },
      ],
      rows: [
        ...spend.map((q) => ({
          cells: [text(`Q${q.quarter}`), money(q.plannedPence), money(q.actualPence), money(q.actualPence - q.plannedPence)],
        })),
        ...(spend.length > 0 ? [{ emphasis: true, cells: [text('Total'), money(planned), money(actual), money(actual - planned)] }] : []),
      ],
      empty: 'No spend has been planned for this period.',
    },
    chart:
      spend.length === 0
        ? null
        : {
            title: `Planned and actual spend by quarter, ${periodText} (£)`,
            scale: 'pence',
            categories: spend.map((q) => `Q${q.quarter}`),
            series: [
              { name: 'Planned', colour: COLOURS.planned, values: spend.map((q) => q.plannedPence) },
              { name: 'Actual', colour: COLOURS.actual, values: spend.map((q) => q.actualPence) },
            ],
          },
    notes: ['Variance is actual minus planned.'],
  };
}

function returnsSection(report: BoardReport): PackSection {
  const schemes = report.schemeReturns;
  const perPound = (bp: number | null, missing: string): PackCell => ({ kind: 'perPound', bp, missing });
  return {
    key: 'returns',
    title: 'Return on investment',
    paragraphs: ['What each appraised scheme cost and what it saved, with the evidence every figure rests on.'],
    table: {
      caption: 'Return on investment by scheme',
      columns: [
        { header: 'Code', width: 9 },
        { header: 'Scheme', width: 28 },
        { header: 'Cost (£)', width: 16 },
        { header: 'Net benefit (£)', width: 16 },
        { header: 'Savings per £1', width: 12 },
        { header: 'Low', width: 9 },
        { header: 'High', width: 9 },
        { header: 'Net present value (£)', width: 17 },
        { header: 'Benefit-cost ratio', width: 11 },
        { header: 'Payback year', width: 12 },
      ],
      noteHeader: 'Evidence',
      rows: schemes.map((s) => ({
        cells: [
          text(s.code),
          text(s.name),
          money(s.costPence),
          money(s.netBenefitPence),
          perPound(s.savedPerPoundBp, 'No cost'),
          perPound(s.lowBp, '—'),
          perPound(s.highBp, '—'),
          money(s.netPresentValuePence),
          { kind: 'ratio', bp: s.benefitCostRatioBp, missing: '—' },
          { kind: 'whole', value: s.paybackYear, missing: 'Not paid back' },
        ],
        note: evidenceNote(s.evidence),
      })),
      empty: 'No scheme of this fund has been appraised yet.',
    },
    chart:
      schemes.length === 0
        ? null
        : {
            title: 'Savings per £1 by scheme, with the range of its evidence',
            scale: 'perPound',
            categories: schemes.map((s) => s.code || s.name),
            series: [{ name: 'Savings per £1', colour: COLOURS.planned, values: schemes.map((s) => s.savedPerPoundBp ?? 0) }],
            bands: schemes.map((s) => (s.lowBp !== null && s.highBp !== null ? { low: s.lowBp, high: s.highBp } : null)),
          },
    notes: [
      'Savings per £1 is net benefit (after deadweight, the share credited to the scheme, optimism bias and drop-off) over cost, undiscounted, as POPP reported it; low and high are the band from the evidence range.',
      `Credited to this scheme (%): ${ATTRIBUTION_HELP}`,
      'Net present value and the benefit-cost ratio are discounted at the HM Treasury Green Book rates. The payback year counts from year 0, the first year of the appraisal.',
    ],
  };
}

function outcomesSection(report: BoardReport): PackSection {
  const rows: PackRow[] = [];
  for (const metric of report.metricTrends) {
    for (const point of metric.points) {
      rows.push({
        cells: [
          text(metric.name),
          text(`${METRIC_UNIT_LABELS[metric.unit]}; ${POLARITY_LABELS[metric.polarity].toLowerCase()}`),
          text(`Q${point.quarter}`),
          { kind: 'metric', hundredths: point.targetHundredths, unit: metric.unit, missing: 'No target' },
          { kind: 'metric', hundredths: point.actualHundredths, unit: metric.unit, missing: 'No data yet' },
          text(METRIC_STATUS_LABELS[point.status]),
          text(point.narrative),
        ],
      });
    }
  }
  return {
    key: 'outcomes',
    title: 'Outcomes against targets',
    paragraphs: [
      `Each metric's target and actual by quarter, ${periodLabel(report.period)}, with its status as the national quarterly return words it.`,
    ],
    table: {
      caption: 'Metrics by quarter',
      columns: [
        { header: 'Metric', width: 30 },
        { header: 'Unit', width: 20 },
        { header: 'Quarter', width: 8 },
        { header: 'Target', width: 19 },
        { header: 'Actual', width: 19 },
        { header: 'Status', width: 18 },
        { header: 'Narrative', width: 42 },
      ],
      rows,
      empty: 'No metrics have been set for this fund.',
    },
    chart: null,
    notes: [
      'On track: the actual meets the target (at or below it when lower is better, at or above it when higher is better). Data not available: no target or no actual yet.',
    ],
  };
}

function balanceSection(report: BoardReport): PackSection {
  const parties = report.investsVsBenefits;
  const invests = sumPence(parties.map((p) => p.investsPence));
  const benefits = sumPence(parties.map((p) => p.benefitsPence));
  return {
    key: 'balance',
    title: 'Who invests and who benefits',
    paragraphs: [
      'What each party puts into the appraised schemes against what it saves: the one that pays is often not the one that saves.',
    ],
    table: {
      caption: 'Investment and benefit by party',
      columns: [
        { header: 'Party', width: 40 },
        { header: 'Invests (£)', width: 18 },
        { header: 'Benefits (£)', width: 18 },
        { header: 'Benefits less investment (£)', width: 24 },
      ],
      rows: [
        ...parties.map((p) => ({
          cells: [text(p.name), money(p.investsPence), money(p.benefitsPence), money(p.benefitsPence - p.investsPence)],
        })),
        ...(parties.length > 0
          ? [{ emphasis: true, cells: [text('All parties'), money(invests), money(benefits), money(benefits - invests)] }]
          : []),
      ],
      empty: 'No scheme of this fund has been appraised yet.',
    },
    chart:
      parties.length === 0
        ? null
        : {
            title: 'Investment and benefit by party (£)',
            scale: 'pence',
            categories: parties.map((p) => p.name),
            series: [
              { name: 'Invests', colour: COLOURS.invests, values: parties.map((p) => p.investsPence) },
              { name: 'Benefits', colour: COLOURS.benefits, values: parties.map((p) => p.benefitsPence) },
            ],
          },
    notes: [
      'Benefits are net benefits after the adjustments, undiscounted, credited to the party that saves them.',
      'Investment is each scheme’s planned cost divided as the plan shares its funding source: in proportion to the pence each partner plans to pay into it, exact to the penny.',
    ],
  };
}

function evidenceValue(e: EvidenceRef, value: number | null, missing: string): PackCell {
  return e.valueKind === 'per_pound' ? { kind: 'perPound', bp: value, missing } : money(value, missing);
}

function evidenceSection(report: BoardReport): PackSection {
  return {
    key: 'evidence',
    title: 'Evidence',
    paragraphs: [
      'Every evidence item a figure in this pack used, once. The numbers in brackets elsewhere in the pack refer to the ID here.',
    ],
    table: {
      caption: 'Evidence used',
      columns: [
        { header: 'ID', width: 6 },
        { header: 'Claim', width: 44 },
        { header: 'Value', width: 13 },
        { header: 'Low', width: 11 },
        { header: 'High', width: 11 },
        { header: 'Publication', width: 34 },
        { header: 'URL', width: 40 },
      ],
      rows: report.evidence.map((e) => ({
        cells: [
          { kind: 'whole', value: e.id, missing: '' },
          text(e.claim),
          evidenceValue(e, e.value, ''),
          evidenceValue(e, e.low, '—'),
          evidenceValue(e, e.high, '—'),
          text(e.publication),
          { kind: 'link', url: e.url },
        ],
      })),
      empty: 'No figure in this pack uses any evidence.',
    },
    chart: null,
    notes: ['Values of savings per £1 are in pounds saved for each £1 spent; other values are in pounds.'],
  };
}

/** The pack's sections, in the order of BOARD_PACK_SECTIONS. */
export function boardPackSections(report: BoardReport): PackSection[] {
  const build: Record<PackSection['key'], (r: BoardReport) => PackSection> = {
    summary: summarySection,
    contributions: contributionsSection,
    spend: spendSection,
    returns: returnsSection,
    outcomes: outcomesSection,
    balance: balanceSection,
    evidence: evidenceSection,
  };
  return BOARD_PACK_SECTIONS.map((s) => ({ ...build[s.key](report), title: s.title }));
}

/** A cell as text, with the same formatters every page of the app uses. */
export function cellText(cell: PackCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'money':
      return cell.pence === null ? (cell.missing ?? '') : formatPence(cell.pence);
    case 'perPound':
      return cell.bp === null ? cell.missing : formatPerPound(cell.bp);
    case 'ratio':
      return cell.bp === null ? cell.missing : formatRatio(cell.bp);
    case 'metric':
      return cell.hundredths === null ? cell.missing : formatMetricValue(cell.hundredths, cell.unit);
    case 'whole':
      return cell.value === null ? cell.missing : cell.value.toLocaleString('en-GB');
    case 'link':
      return cell.url ?? '';
  }
}

const isNumeric = (cell: PackCell) => cell.kind !== 'text' && cell.kind !== 'link';

/** Only web addresses become links: a `javascript:` or `file:` URL in an evidence item stays plain text. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

// ---- PDF ---------------------------------------------------------------------------------------------------------

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

const PAGE_MARGIN = { top: 84, bottom: 44, left: 40, right: 40 };
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };
const TEXT_COLOUR = '#0b0c0c';
const MUTED = '#505a5f';
const RULE = '#b1b4b6';
const DEMO_RED = '#d4351c';
const CELL_PAD = 3;

/** Draws the pack page by page. Every page, whether started here or by pdfkit when text runs over, gets the running
 * header (partnership, fund, date) and its section's title, so a page taken out of the pack still says what it is. */
class PdfPack {
  readonly doc: PDFKit.PDFDocument;
  private sectionTitle = '';
  private pagesInSection = 0;

  constructor(private readonly report: BoardReport) {
    const title = `${report.partnership.name}: ${report.fund.name} ${report.fund.financialYear}, board pack`;
    const created = new Date(report.generatedAt);
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: PAGE_MARGIN,
      autoFirstPage: false,
      bufferPages: true,
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: title,
        Author: 'Partnership funding tracker',
        ...(report.partnership.isDemo ? { Subject: 'Illustrative demo data' } : {}),
        ...(Number.isNaN(created.getTime()) ? {} : { CreationDate: created }),
      },
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
    const { doc, report } = this;
    const left = PAGE_MARGIN.left;
    const right = doc.page.width - PAGE_MARGIN.right;
    // The names get two thirds of the width; the date and the demo label the rest.
    const names = (this.width * 2) / 3;
    const rest = this.width - names - 12;
    doc.fillColor(TEXT_COLOUR).font(FONT.bold).fontSize(10);
    this.line(report.partnership.name, left, 22, names);
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED);
    this.line(`Fund: ${report.fund.name} ${report.fund.financialYear}, ${periodLabel(report.period)}`, left, 36, names);
    this.line(`Board pack, ${reportDate(report)}`, right - rest, 22, rest, 'right');
    if (report.partnership.isDemo) {
      doc.font(FONT.bold).fillColor(DEMO_RED);
      this.line('Illustrative demo data', right - rest, 36, rest, 'right');
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
      doc.font(FONT.bold).fontSize(8.5);
      return (
        Math.max(...table.columns.map((c, i) => doc.heightOfString(pdfText(c.header), { width: (widths[i] ?? 0) - 2 * CELL_PAD }))) +
        2 * CELL_PAD
      );
    };
    const header = () => {
      const height = headerHeight();
      const top = doc.y;
      doc.rect(PAGE_MARGIN.left, top, this.width, height).fillColor('#f0f0f0').fill();
      doc.font(FONT.bold).fontSize(8.5).fillColor(TEXT_COLOUR);
      table.columns.forEach((c, i) => {
        const numeric = table.rows[0]?.cells[i];
        doc.text(pdfText(c.header), (xs[i] ?? 0) + CELL_PAD, top + CELL_PAD, {
          width: (widths[i] ?? 0) - 2 * CELL_PAD,
          align: numeric && isNumeric(numeric) ? 'right' : 'left',
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

  private cellLines(row: PackRow, widths: number[]): { value: string; width: number; numeric: boolean; link: string | null }[] {
    return row.cells.map((cell, i) => ({
      value: pdfText(cellText(cell), true),
      width: (widths[i] ?? 0) - 2 * CELL_PAD,
      numeric: isNumeric(cell),
      link: cell.kind === 'link' && cell.url !== null && isWebUrl(cell.url) ? cell.url : null,
    }));
  }

  private noteHeight(note: string): number {
    this.doc.font(FONT.italic).fontSize(8);
    return this.doc.heightOfString(pdfText(note, true), { width: this.width - 4 * CELL_PAD }) + 2 * CELL_PAD;
  }

  private rowHeight(row: PackRow, widths: number[]): number {
    const { doc } = this;
    doc.font(row.emphasis ? FONT.bold : FONT.regular).fontSize(9);
    const cells =
      Math.max(...this.cellLines(row, widths).map((c) => doc.heightOfString(c.value || ' ', { width: c.width }))) + 2 * CELL_PAD;
    return cells + (row.note ? this.noteHeight(row.note) : 0);
  }

  private row(row: PackRow, xs: number[], widths: number[], height: number): void {
    const { doc } = this;
    const top = doc.y;
    doc
      .font(row.emphasis ? FONT.bold : FONT.regular)
      .fontSize(9)
      .fillColor(TEXT_COLOUR);
    this.cellLines(row, widths).forEach((c, i) => {
      doc.text(c.value, (xs[i] ?? 0) + CELL_PAD, top + CELL_PAD, {
        width: c.width,
        align: c.numeric ? 'right' : 'left',
        ...(c.link ? { link: c.link, underline: true } : {}),
      });
    });
    if (row.note) {
      const noteTop = top + height - this.noteHeight(row.note);
      doc.font(FONT.italic).fontSize(8).fillColor(MUTED);
      doc.text(pdfText(row.note, true), PAGE_MARGIN.left + 3 * CELL_PAD, noteTop + CELL_PAD / 2, { width: this.width - 4 * CELL_PAD });
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

  /** A grouped bar chart. Bar heights are geometry (points on the page), the one place the pack divides figures; every
   * figure a reader sees is in the table, formatted from the exact pence. */
  chart(chart: PackChart): void {
    const { doc } = this;
    const height = 190;
    this.ensureSpace(height + 30);
    doc.font(FONT.bold).fontSize(10).fillColor(TEXT_COLOUR).text(pdfText(chart.title), PAGE_MARGIN.left, doc.y, { width: this.width });
    // Room above the plot for the axis's unit, under the title.
    const top = doc.y + 20;
    const axisWidth = 60;
    const plotLeft = PAGE_MARGIN.left + axisWidth;
    const plotWidth = Math.min(this.width - axisWidth, 110 * chart.categories.length * Math.max(1, chart.series.length));
    const plotHeight = height - 60;
    const values = [...chart.series.flatMap((s) => s.values), ...(chart.bands ?? []).flatMap((b) => (b ? [b.low, b.high] : []))];
    const max = niceMax(Math.max(0, ...values));
    const min = Math.min(0, ...values) < 0 ? -niceMax(-Math.min(0, ...values)) : 0;
    const span = max - min || 1;
    const yOf = (value: number) => top + plotHeight - ((value - min) / span) * plotHeight;
    const label = (value: number) => (chart.scale === 'pence' ? formatPenceCompact(Math.round(value)) : formatPerPound(Math.round(value)));

    doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED);
    for (let i = 0; i <= 4; i++) {
      const value = min + ((max - min) * i) / 4;
      const y = yOf(value);
      doc
        .moveTo(plotLeft, y)
        .lineTo(plotLeft + plotWidth, y)
        .lineWidth(0.3)
        .strokeColor(RULE)
        .stroke();
      doc.text(label(value), PAGE_MARGIN.left, y - 4, { width: axisWidth - 6, align: 'right', lineBreak: false });
    }
    doc.text(chart.scale === 'pence' ? 'Pounds (£)' : '£ per £1', PAGE_MARGIN.left, top - 16, {
      width: axisWidth - 6,
      align: 'right',
      lineBreak: false,
    });
    const group = plotWidth / Math.max(1, chart.categories.length);
    const barWidth = (group * 0.7) / Math.max(1, chart.series.length);
    chart.categories.forEach((category, c) => {
      const groupLeft = plotLeft + group * c + group * 0.15;
      chart.series.forEach((series, s) => {
        const value = series.values[c] ?? 0;
        const y0 = yOf(0);
        const y1 = yOf(value);
        doc
          .rect(groupLeft + barWidth * s, Math.min(y0, y1), barWidth - 1, Math.max(0.5, Math.abs(y0 - y1)))
          .fillColor(series.colour)
          .fill();
      });
      const band = chart.bands?.[c];
      if (band) {
        const x = groupLeft + (barWidth * chart.series.length) / 2;
        doc
          .moveTo(x, yOf(band.low))
          .lineTo(x, yOf(band.high))
          .moveTo(x - 5, yOf(band.low))
          .lineTo(x + 5, yOf(band.low))
          .moveTo(x - 5, yOf(band.high))
          .lineTo(x + 5, yOf(band.high))
          .lineWidth(1)
          .strokeColor(TEXT_COLOUR)
          .stroke();
      }
      doc.font(FONT.regular).fontSize(7.5).fillColor(TEXT_COLOUR);
      doc.text(pdfText(category), plotLeft + group * c, top + plotHeight + 4, {
        width: group,
        align: 'center',
        height: 20,
        ellipsis: true,
      });
    });
    doc
      .moveTo(plotLeft, yOf(0))
      .lineTo(plotLeft + plotWidth, yOf(0))
      .lineWidth(0.75)
      .strokeColor(TEXT_COLOUR)
      .stroke();
    // The legend names each colour, so colour is never the only way to tell the series apart.
    let x = plotLeft;
    const legendY = top + plotHeight + 30;
    for (const series of chart.series) {
      doc.rect(x, legendY, 9, 9).fillColor(series.colour).fill();
      doc
        .fillColor(TEXT_COLOUR)
        .fontSize(8)
        .text(pdfText(series.name), x + 13, legendY + 1, { lineBreak: false });
      x += 13 + doc.widthOfString(pdfText(series.name)) + 18;
    }
    if (chart.bands?.some((b) => b !== null)) {
      doc
        .moveTo(x + 4, legendY)
        .lineTo(x + 4, legendY + 9)
        .lineWidth(1)
        .strokeColor(TEXT_COLOUR)
        .stroke();
      doc.fillColor(TEXT_COLOUR).text('Range of the evidence (low to high)', x + 13, legendY + 1, { lineBreak: false });
    }
    doc.x = PAGE_MARGIN.left;
    doc.y = legendY + 20;
  }

  /** "Page 2 of 9" and the date on every page, once the number of pages is known. */
  footers(): void {
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
      this.line(
        `${this.report.fund.name} ${this.report.fund.financialYear} board pack, ${reportDate(this.report)}`,
        PAGE_MARGIN.left,
        y,
        half,
      );
      this.line(`Page ${i - range.start + 1} of ${range.count}`, PAGE_MARGIN.left + half, y, half, 'right');
      doc.page.margins.bottom = margin;
    }
  }
}

/** A round number at or above `value` for the top of a chart's axis: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  let power = 1;
  while (power * 10 <= value) power *= 10;
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The board pack as a PDF: A4 landscape, a page (or more) per section, each starting with the section's title. */
export async function renderBoardPackPdf(report: BoardReport): Promise<Buffer> {
  const pack = new PdfPack(report);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    pack.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pack.doc.on('error', reject);
  });
  for (const section of boardPackSections(report)) {
    pack.startSection(section.title);
    for (const p of section.paragraphs) {
      const demo = p === DEMO_NOTE;
      pack.paragraph(p, demo ? { font: FONT.bold, colour: DEMO_RED } : {});
    }
    if (section.chart) pack.chart(section.chart);
    pack.table(section.table);
    for (const note of section.notes) pack.paragraph(note, { size: 8.5, colour: MUTED });
  }
  pack.footers();
  pack.doc.end();
  return done;
}

// ---- Workbook ----------------------------------------------------------------------------------------------------

/** The workbook row of each sheet's header (a title and a subtitle sit above it); it is frozen. */
export const BOARD_PACK_HEADER_ROW = 3;
const PER_POUND_FORMAT = POUNDS_FORMAT;
const RATIO_FORMAT = '0.00';
const WHOLE_FORMAT = '#,##0';
const METRIC_FORMATS: Record<MetricUnit, string> = { count: '#,##0.00', percent: '0.00%', per_100000: '#,##0.00' };

/**
 * A whole number scaled down by a power of ten, as the number a cell holds: scaled(7300, 4) = 0.73. The exact decimal
 * is written as text first and only then made a Number (the double nearest to it, what Excel stores when someone types
 * it), so no division happens in binary: the same rule as the contributions export's money cells.
 */
function scaled(value: number, places: number): number {
  const abs = Math.abs(value);
  const digits = String(abs).padStart(places + 1, '0');
  return Number(`${value < 0 ? '-' : ''}${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`);
}

function writeCell(cell: ExcelJS.Cell, value: PackCell): void {
  const missing = (text: string) => {
    cell.value = text === '' ? null : neutraliseFormula(text);
    cell.alignment = { horizontal: 'right' };
  };
  switch (value.kind) {
    case 'text':
      cell.value = value.text === '' ? null : neutraliseFormula(value.text);
      cell.alignment = { vertical: 'top', wrapText: value.text.length > 40 };
      return;
    case 'link':
      if (value.url === null || value.url === '') cell.value = null;
      else if (isWebUrl(value.url)) cell.value = { text: neutraliseFormula(value.url), hyperlink: value.url };
      else cell.value = neutraliseFormula(value.url);
      return;
    case 'money':
      if (value.pence === null) return missing(value.missing ?? '');
      cell.value = Number(penceToPlain(value.pence));
      cell.numFmt = POUNDS_FORMAT;
      return;
    case 'perPound':
      if (value.bp === null) return missing(value.missing);
      cell.value = scaled(value.bp, 4);
      cell.numFmt = PER_POUND_FORMAT;
      return;
    case 'ratio':
      if (value.bp === null) return missing(value.missing);
      cell.value = scaled(value.bp, 4);
      cell.numFmt = RATIO_FORMAT;
      return;
    case 'metric':
      if (value.hundredths === null) return missing(value.missing);
      // A percentage is stored as the fraction Excel's % format expects (12.34% is 0.1234).
      cell.value = scaled(value.hundredths, value.unit === 'percent' ? 4 : 2);
      cell.numFmt = METRIC_FORMATS[value.unit];
      return;
    case 'whole':
      if (value.value === null) return missing(value.missing);
      cell.value = value.value;
      cell.numFmt = WHOLE_FORMAT;
      return;
  }
}

/** Sheet names are at most 31 characters and may not contain / \ ? * [ ] : */
const sheetName = (title: string) => title.replace(/[/\\?*[\]:]/g, '-').slice(0, 31);

function sectionSheet(workbook: ExcelJS.Workbook, report: BoardReport, section: PackSection): void {
  const { table } = section;
  const columns = [...table.columns, ...(table.noteHeader ? [{ header: table.noteHeader, width: 80 }] : [])];
  const sheet = workbook.addWorksheet(sheetName(section.title), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: BOARD_PACK_HEADER_ROW, activeCell: `A${BOARD_PACK_HEADER_ROW + 1}` }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const title = sheet.getCell('A1');
  title.value = neutraliseFormula(`${section.title}: ${report.partnership.name}, ${report.fund.name} ${report.fund.financialYear}`);
  title.font = { bold: true, size: 14 };
  const subtitle = sheet.getCell('A2');
  const context = `${periodLabel(report.period)} of ${report.fund.financialYear}. Board pack of ${reportDate(report)}.`;
  subtitle.value = neutraliseFormula(report.partnership.isDemo ? `Illustrative demo data: not real figures. ${context}` : context);
  if (report.partnership.isDemo) subtitle.font = { bold: true, color: { argb: 'FFD4351C' } };

  const header = sheet.getRow(BOARD_PACK_HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.eachCell((cell, column) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
    cell.border = { bottom: { style: 'thin' } };
    const first = table.rows[0]?.cells[column - 1];
    if (first && isNumeric(first)) cell.alignment = { horizontal: 'right', vertical: 'top', wrapText: true };
  });

  table.rows.forEach((row, i) => {
    const sheetRow = sheet.getRow(BOARD_PACK_HEADER_ROW + 1 + i);
    row.cells.forEach((cell, c) => writeCell(sheetRow.getCell(c + 1), cell));
    if (table.noteHeader && row.note) {
      const note = sheetRow.getCell(row.cells.length + 1);
      note.value = neutraliseFormula(row.note);
      note.alignment = { vertical: 'top', wrapText: true };
    }
    if (row.emphasis) sheetRow.font = { bold: true };
  });
  let after = BOARD_PACK_HEADER_ROW + table.rows.length + 2;
  if (table.rows.length === 0) {
    sheet.getCell(`A${BOARD_PACK_HEADER_ROW + 1}`).value = neutraliseFormula(table.empty);
    after += 1;
  }
  for (const note of [...section.paragraphs, ...section.notes]) {
    sheet.getCell(`A${after}`).value = neutraliseFormula(note);
    after += 1;
  }
  if (table.rows.length > 0) {
    sheet.autoFilter = { from: { row: BOARD_PACK_HEADER_ROW, column: 1 }, to: { row: BOARD_PACK_HEADER_ROW, column: columns.length } };
  }
}

/** The board pack as a workbook: one sheet per section, money as £-formatted numbers, each header row frozen. */
export async function renderBoardPackXlsx(report: BoardReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Partnership funding tracker';
  workbook.title = `${report.partnership.name}: ${report.fund.name} ${report.fund.financialYear}, board pack`;
  if (report.partnership.isDemo) workbook.subject = 'Illustrative demo data';
  const created = new Date(report.generatedAt);
  if (!Number.isNaN(created.getTime())) workbook.created = created;
  for (const section of boardPackSections(report)) sectionSheet(workbook, report, section);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---- HTTP --------------------------------------------------------------------------------------------------------

/** The input of `reports.board`. */
export interface BoardReportQuery {
  partnershipId: number;
  fundId?: number;
  fromQuarter?: number;
  toQuarter?: number;
}

/** What the route needs of the API: `reports.board` (method syntax, so the router's own caller fits however its zod
 * schema narrows the input). Going through the caller makes who may download exactly who may call reports.board. */
export interface BoardReportCaller {
  reports: { board(input: BoardReportQuery): Promise<BoardReport> };
}

const ROUTE = /^\/export\/partnerships\/(\d{1,15})\/board-pack\.(pdf|xlsx)$/;
const pathOf = (url: string) => url.split('?')[0] ?? '';

/** Whether a request is for a board pack (the server routes it here before the static files). */
export function isBoardPackRequest(url: string): boolean {
  return ROUTE.test(pathOf(url));
}

class QueryProblem extends Error {}

/** The route's query (?fund=&from=&to=) as reports.board's input; a value that is not a number is refused here with a
 * message naming it, and the procedure's own schema checks the rest (a quarter out of range, from after to). */
export function boardReportQuery(url: string, partnershipId: number): BoardReportQuery {
  const search = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  const query: BoardReportQuery = { partnershipId };
  const whole = (name: string, what: string): number | undefined => {
    const raw = search.get(name);
    if (raw === null || raw === '') return undefined;
    if (!/^\d{1,15}$/.test(raw)) throw new QueryProblem(`${name} must be ${what}, got '${raw.slice(0, 40)}'`);
    return Number(raw);
  };
  const fundId = whole('fund', 'a fund id (a whole number)');
  const fromQuarter = whole('from', 'a quarter from 1 to 4');
  const toQuarter = whole('to', 'a quarter from 1 to 4');
  if (fundId !== undefined) query.fundId = fundId;
  if (fromQuarter !== undefined) query.fromQuarter = fromQuarter;
  if (toQuarter !== undefined) query.toQuarter = toQuarter;
  return query;
}

/** "northbridge-bcf-better-care-fund-2025-26-q1-q4-board-pack": safe in any file system and header, and says what it is. */
export function boardPackFileStem(report: BoardReport): string {
  const slugOf = (value: string) =>
    value
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const partnership = slugOf(report.partnership.name).slice(0, 60).replace(/-+$/, '');
  const fund = slugOf(`${report.fund.name} ${report.fund.financialYear}`).slice(0, 60).replace(/-+$/, '');
  const quarters = `q${report.period.fromQuarter}-q${report.period.toQuarter}`;
  return [partnership, fund, quarters, 'board-pack'].filter((part) => part !== '').join('-');
}

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end(message);
}

/** Answer GET (or HEAD) /export/partnerships/<id>/board-pack.pdf or .xlsx (?fund=<id>&from=<q>&to=<q>). */
export async function handleBoardPack(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  caller: () => Promise<BoardReportCaller>,
): Promise<void> {
  const url = req.url ?? '/';
  const match = ROUTE.exec(pathOf(url));
  const format = match?.[2] === 'pdf' ? 'pdf' : match?.[2] === 'xlsx' ? 'xlsx' : null;
  if (!match || !format) return refuse(res, 404, 'Not found');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
    return;
  }
  let report: BoardReport;
  let body: Buffer;
  try {
    const query = boardReportQuery(url, Number(match[1]));
    report = await (await caller()).reports.board(query);
    body = format === 'pdf' ? await renderBoardPackPdf(report) : await renderBoardPackXlsx(report);
  } catch (error) {
    if (error instanceof QueryProblem) return refuse(res, 400, error.message);
    if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
      // The same message the API gives for the same call (the fields a bad input names).
      return refuse(res, getHTTPStatusCodeFromError(error), errorDetails(error).message);
    }
    console.error(error);
    return refuse(res, 500, 'Something went wrong on the server while making the board pack');
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${boardPackFileStem(report)}.${format}"`,
    'Content-Length': String(body.length),
    ...SECURITY_HEADERS,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
