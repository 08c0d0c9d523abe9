// A quarterly or year-end return as one document (issue "Sign-off and returns", item 4), and the tables the page, the PDF
// and the workbook draw from it (as the board pack's sections), so the three can never disagree about a figure.
// The document is what signatories sign (its SHA-256 is the version's digest): it holds no date of "now", and every list
// in it is in a fixed order. Money is integer pence; each total is the exact sum of its lines.
import type { PackCell, PackRow, PackTable } from './board-pack/model';
import { id, oneOf, strict } from './schema/fields';
import type { MetricStatus, MetricUnit, Polarity } from './metric-status';
import type { Outcome } from './schema/outcome';
import { sumPence } from './money';
import { CONDITION_ANSWER_LABELS, conditionLabel, NOT_ANSWERED } from './national-conditions';
import type { SubmissionKind } from './schema/submission';
import { SUBMISSION_KIND_LABELS } from './schema/submission';
import { quarterText } from './wording';

export const RETURN_KINDS = ['q1', 'q2', 'q3', 'year_end'] as const;
export type ReturnKind = Exclude<SubmissionKind, 'plan'>;

/** `returns.get`: one return of a fund. */
export const returnRefInput = strict({ fundId: id('Fund'), kind: oneOf('Return', RETURN_KINDS) }, 'Return');

/** Planned against actual over the quarters reported to date (a scheme, a stream, a partner's income, a total). */
export interface SpendLine {
  /** The scheme's ID, the stream's code, or "orgId|stream" for a partner's income from a stream. */
  code: string;
  name: string;
  plannedToDatePence: number;
  actualToDatePence: number;
  /** Actual minus planned: negative is an underspend (income: less received than planned). */
  variancePence: number;
}

/** A national condition of the fund's BCF year, with the return's answer: still met, Yes or No. */
export interface ReturnCondition {
  code: string;
  text: string;
  met: 'yes' | 'no' | null;
  commentary: string;
}

/** A metric of the fund's BCF year: its status derived from the whole-fund figures to the end of the return's quarter
 * (as the Outcomes page derives it), and the return's rating (the derived status until someone rates it). */
export interface ReturnMetric {
  code: string;
  name: string;
  unit: MetricUnit;
  polarity: Polarity;
  /** The latest quarter to date whose target and actual are both in (null: none; the status is "data not available"). */
  quarter: number | null;
  targetHundredths: number | null;
  actualHundredths: number | null;
  derived: MetricStatus;
  rating: MetricStatus;
  /** Whether the rating was given in the return (false: it is the derived status). */
  rated: boolean;
  challenges: string;
  supportNeeded: string;
  achievements: string;
}

/** A partner's income from one stream over the year (the year end). */
export interface IncomeLine extends SpendLine {
  partner: string;
  stream: string;
}

export interface ReturnDocument {
  kind: ReturnKind;
  fund: { id: number; name: string; partnership: string; financialYear: string; bcfYear: string };
  /** The quarters reported to date: [1, 2] for Q2, [1, 2, 3, 4] for the year end. */
  quarters: number[];
  /** Quarterly returns only (empty at the year end). */
  conditions: ReturnCondition[];
  metrics: ReturnMetric[];
  /** Spend against the planned profile to date; at the year end, the year's expenditure. */
  spendByScheme: SpendLine[];
  spendByStream: SpendLine[];
  spendTotal: SpendLine;
  /** The year end only: actual income by stream and partner (contributions, all four quarters). */
  income: IncomeLine[] | null;
  incomeTotal: SpendLine | null;
}

/**
 * A metric's status to the end of the return's quarter, as the Outcomes page derives it: from the whole-fund rows
 * (the fund's own figures, not one scheme's), the latest quarter to date whose target and actual are both in; with
 * none, "data not available" (an actual often arrives a quarter or more late).
 */
export function derivedMetricStatus(
  outcomes: readonly Outcome[],
  metricId: number,
  lastQuarter: number,
): Pick<ReturnMetric, 'quarter' | 'targetHundredths' | 'actualHundredths' | 'derived'> {
  const latest = outcomes
    .filter((o) => o.metricId === metricId && o.schemeId === null && o.quarter <= lastQuarter && o.status !== 'data_not_available')
    .sort((a, b) => b.quarter - a.quarter)[0];
  if (!latest) return { quarter: null, targetHundredths: null, actualHundredths: null, derived: 'data_not_available' };
  return { quarter: latest.quarter, targetHundredths: latest.target, actualHundredths: latest.actual, derived: latest.status };
}

/** Planned and actual with their variance, exact in pence. */
export function spendLine(code: string, name: string, plannedToDatePence: number, actualToDatePence: number): SpendLine {
  return { code, name, plannedToDatePence, actualToDatePence, variancePence: actualToDatePence - plannedToDatePence };
}

/** The total of lines: each column the exact sum of the lines' pence. */
export function totalLine(lines: readonly SpendLine[], name = 'Total'): SpendLine {
  return spendLine('total', name, sumPence(lines.map((l) => l.plannedToDatePence)), sumPence(lines.map((l) => l.actualToDatePence)));
}

/** "Q1 to Q2" (the quarters a return covers), "Q1" alone for Q1. */
export function quartersText(quarters: readonly number[]): string {
  const first = quarters[0] ?? 1;
  const last = quarters[quarters.length - 1] ?? first;
  return first === last ? quarterText(first) : `${quarterText(first)} to ${quarterText(last)}`;
}

/** "Northbridge Better Care Fund, Better Care Fund 2025/26: Q2 return". */
export function returnTitle(doc: Pick<ReturnDocument, 'kind' | 'fund'>): string {
  return `${doc.fund.partnership}, ${doc.fund.name} ${doc.fund.financialYear}: ${SUBMISSION_KIND_LABELS[doc.kind]}`;
}

/** The file's name before its extension: "Northbridge Better Care Fund 2025-26 Q2 return" (made safe by the download). */
export function returnFileStem(doc: Pick<ReturnDocument, 'kind' | 'fund'>): string {
  return `${doc.fund.partnership} ${doc.fund.financialYear.replace('/', '-')} ${SUBMISSION_KIND_LABELS[doc.kind]}`;
}

// ---- the tables, as the board pack's model, for the page, the PDF and the workbook ----

export type ReturnPartKey = 'conditions' | 'metrics' | 'spendByScheme' | 'spendByStream' | 'income' | 'expenditure';

/** One part of a return: a sheet of the workbook, a section of the PDF, a table (or two) on the page. */
export interface ReturnPart {
  key: ReturnPartKey;
  /** The workbook's sheet name and the PDF's section title. */
  title: string;
  tables: PackTable[];
}

const text = (value: string): PackCell => ({ kind: 'text', text: value });
const money = (pence: number): PackCell => ({ kind: 'money', pence });
const status = (value: MetricStatus): PackCell => ({ kind: 'status', status: value });

const MONEY_COLUMNS = (what: string) => [
  { header: `Planned ${what}`, width: 18 },
  { header: `Actual ${what}`, width: 18 },
  { header: 'Variance (actual − planned)', width: 18 },
];

function spendTable<L extends SpendLine>(
  caption: string,
  first: { header: string; width: number }[],
  lines: L[],
  total: SpendLine,
  what: string,
  cells: (l: L) => PackCell[],
): PackTable {
  const figures = (l: SpendLine) => [money(l.plannedToDatePence), money(l.actualToDatePence), money(l.variancePence)];
  const totalRow: PackRow = { cells: [...first.map((_, i) => text(i === 0 ? total.name : '')), ...figures(total)], emphasis: true };
  return {
    caption,
    columns: [...first, ...MONEY_COLUMNS(what)],
    rows: [...lines.map((l) => ({ cells: [...cells(l), ...figures(l)] })), totalRow],
    empty: 'Nothing to report.',
  };
}

/** The parts of a return in the order the national return lists them. */
export function returnParts(doc: ReturnDocument): ReturnPart[] {
  const toDate = doc.kind === 'year_end' ? 'in the year' : `to date (${quartersText(doc.quarters)})`;
  const parts: ReturnPart[] = [];
  if (doc.kind !== 'year_end') {
    parts.push({
      key: 'conditions',
      title: 'Conditions',
      tables: [
        {
          caption: 'National conditions: still met?',
          columns: [
            { header: 'Condition', width: 10 },
            { header: 'Statement', width: 60, prose: true },
            { header: 'Still met', width: 12 },
            { header: 'Commentary', width: 60, prose: true },
          ],
          rows: doc.conditions.map((c) => ({
            cells: [
              text(conditionLabel(c.code)),
              text(c.text),
              text(c.met ? CONDITION_ANSWER_LABELS[c.met] : NOT_ANSWERED),
              text(c.commentary),
            ],
          })),
          empty: 'The fund’s BCF year lists no national conditions.',
        },
      ],
    });
    parts.push({
      key: 'metrics',
      title: 'Metrics',
      tables: [
        {
          caption: `Metrics to the end of ${quarterText(doc.quarters[doc.quarters.length - 1] ?? 1)}`,
          columns: [
            { header: 'Metric', width: 36, prose: true },
            { header: 'Derived status', width: 18 },
            { header: 'Rating in the return', width: 18 },
            { header: 'Challenges', width: 40, prose: true },
            { header: 'Support needed', width: 40, prose: true },
            { header: 'Achievements', width: 40, prose: true },
          ],
          rows: doc.metrics.map((m) => ({
            cells: [text(m.name), status(m.derived), status(m.rating), text(m.challenges), text(m.supportNeeded), text(m.achievements)],
          })),
          empty: 'The fund’s BCF year lists no metrics.',
        },
      ],
    });
  }
  const byScheme = spendTable(
    `Spend by scheme ${toDate}`,
    [
      { header: 'Scheme ID', width: 12 },
      { header: 'Scheme', width: 44 },
    ],
    doc.spendByScheme,
    doc.spendTotal,
    toDate,
    (l) => [text(l.code), text(l.name)],
  );
  const byStream = spendTable(
    `Spend by funding stream ${toDate}`,
    [{ header: 'Funding stream', width: 56 }],
    doc.spendByStream,
    doc.spendTotal,
    toDate,
    (l) => [text(l.name)],
  );
  if (doc.kind === 'year_end') {
    if (doc.income && doc.incomeTotal) {
      parts.push({
        key: 'income',
        title: 'Income',
        tables: [
          spendTable(
            'Actual income by funding stream and partner in the year',
            [
              { header: 'Funding stream', width: 36 },
              { header: 'Partner', width: 36 },
            ],
            doc.income,
            doc.incomeTotal,
            toDate,
            (l) => [text(l.stream), text(l.partner)],
          ),
        ],
      });
    }
    parts.push({ key: 'expenditure', title: 'Expenditure', tables: [byScheme, byStream] });
  } else {
    parts.push({ key: 'spendByScheme', title: 'Spend by scheme', tables: [byScheme] });
    parts.push({ key: 'spendByStream', title: 'Spend by stream', tables: [byStream] });
  }
  return parts;
}
