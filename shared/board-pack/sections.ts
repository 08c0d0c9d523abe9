// The board pack's sections from a BoardReport (shared/board-pack/model.ts): what each section says and which figures
// its table, chart and notes hold. Pure: the print page, the PDF and the workbook all draw what this returns.
import { sharesInBasisPoints } from '../allocate';
import { BOARD_PACK_SECTIONS, quartersText, reportedTotal, type BoardReport, type EvidenceRef, type ReportedTotal } from '../board-report';
import { METRIC_UNIT_LABELS, POLARITY_LABELS } from '../metric-status';
import { sumPence } from '../money';
import { ATTRIBUTION_HELP } from '../roi';
import { quarterText, WORDS } from '../wording';
import {
  periodLabel,
  reportDate,
  type BoardPack,
  type PackCell,
  type PackColumn,
  type PackRow,
  type PackSection,
  type PackSectionKey,
} from './model';
import { conditionsSection } from './conditions';
import { coverageNote, spentRows, totalRows, unreportedActual, unreportedVariance } from './reported';

/** A section as its builder makes it; its key and title come from BOARD_PACK_SECTIONS. */
type SectionBody = Omit<PackSection, 'key' | 'title'>;

const text = (value: string): PackCell => ({ kind: 'text', text: value });
const money = (pence: number | null, missing = ''): PackCell => ({ kind: 'money', pence, missing });
const share = (bp: number | null): PackCell => ({ kind: 'share', bp });
/** Marks a column of free text (a narrative), which the page keeps to a readable measure. */
const PROSE = true;
/** A table's columns as [header, width in characters, prose?]. */
const columnsOf = (...columns: [header: string, width: number, prose?: boolean][]): PackColumn[] =>
  columns.map(([header, width, prose]) => (prose ? { header, width, prose } : { header, width }));
/** What a demo partnership's pack says about its figures. */
const DEMO = { label: 'Illustrative demo data', detail: 'fictional organisations and amounts, not real figures.' } as const;

function summarySection(report: BoardReport): SectionBody {
  const { tiles, period } = report;
  const periodText = periodLabel(period);
  return {
    paragraphs: [
      `Each of the following pages is one section: ${BOARD_PACK_SECTIONS.slice(1)
        .map((s) => s.title)
        .join(', ')}.`,
    ],
    table: {
      caption: 'Headline figures',
      columns: columnsOf(['Measure', 44], ['Value', 20], ['What it is', 70]),
      evidenceHeader: 'Evidence',
      rows: [
        {
          cells: [
            text('Pooled total'),
            money(tiles.pooledPence),
            text(`Planned contributions to the fund for the whole of ${report.fund.financialYear}`),
          ],
        },
        ...spentRows(tiles.spentToDate, periodText),
        {
          cells: [
            text(WORDS.savingsPerPound),
            { kind: 'perPound', bp: tiles.savedPerPoundBp, missing: WORDS.noCost },
            text('Net benefit for each £1 spent across the appraised schemes, undiscounted (as POPP reported it)'),
          ],
          evidence: report.evidence,
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
  quarters: { quarter: number; plannedPence: number; actualPence: number | null }[];
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

const COLOURS = { planned: '#1d70b8', actual: '#f47738', invests: '#003078', benefits: '#00703c' };

function contributionsSection(report: BoardReport): SectionBody {
  const partners = partnerTotals(report);
  const totals = partners.map((p) => reportedTotal(p.quarters));
  const planned = totals.map((t) => t.periodPlannedPence);
  const shares = sharesInBasisPoints(planned.map((p) => Math.max(p, 0)));
  const periodText = periodLabel(report.period);
  // Every partner's quarters are reported together (the rule is the fund's), so all partners' totals cover the same.
  const all = reportedTotal(
    report.contributionsByQuarter.map((q) => ({
      quarter: q.quarter,
      plannedPence: sumPence(q.partners.map((p) => p.plannedPence)),
      actualPence: q.reported ? sumPence(q.partners.map((p) => p.actualPence ?? 0)) : null,
    })),
  );
  const rows: PackRow[] = [];
  const subtotal = (name: string, total: ReportedTotal, shareBp: number) =>
    totalRows(total, periodText).map((r) => ({
      emphasis: true,
      cells: [text(name), text(r.label), ...r.cells, share(r.periodPlan ? shareBp : null)],
    }));
  partners.forEach((partner, i) => {
    for (const q of partner.quarters) {
      const reported = q.actualPence !== null;
      rows.push({
        cells: [
          text(partner.name),
          text(quarterText(q.quarter)),
          money(q.plannedPence),
          reported ? money(q.actualPence) : unreportedActual(q.quarter),
          q.actualPence !== null ? money(q.actualPence - q.plannedPence) : unreportedVariance(q.quarter),
          share(null),
        ],
      });
    }
    const total = totals[i];
    if (total) rows.push(...subtotal(partner.name, total, shares[i] ?? 0));
  });
  if (partners.length > 0) rows.push(...subtotal('All partners', all, 10_000));
  // The chart sets actual against the plan of the same quarters: with none reported, the plan alone and no actual bars.
  const chartQuarters = all.covers ? quartersText(all.covers) : periodText;
  const note = coverageNote(all);
  return {
    paragraphs: [`Each partner's planned and actual contributions to ${report.fund.name} ${report.fund.financialYear}, ${periodText}.`],
    table: {
      caption: `Contributions by partner and quarter, ${periodText}`,
      columns: columnsOf(
        ['Partner', 40],
        ['Quarter', 16],
        ['Planned (£)', 18],
        ['Actual (£)', 18],
        ['Variance (£)', 18],
        ['Share of planned', 14],
      ),
      rows,
      empty: 'No contributions have been recorded for this period.',
    },
    chart:
      partners.length === 0
        ? null
        : {
            title: `Planned and actual contributions by partner, ${chartQuarters} (£)`,
            scale: 'pence',
            categories: partners.map((p) => p.name),
            series: [
              { name: 'Planned', colour: COLOURS.planned, values: totals.map((t) => (all.covers ? t.plannedPence : t.periodPlannedPence)) },
              { name: 'Actual', colour: COLOURS.actual, values: totals.map((t) => (t.covers ? t.actualPence : null)) },
            ],
            ...(note ? { note } : {}),
          },
    notes: [
      'Variance is actual minus planned. Shares are of the planned total, by largest remainder, so they add up to exactly 100%.',
      ...(note ? [note] : []),
    ],
  };
}

function spendSection(report: BoardReport): SectionBody {
  const spend = report.spendByQuarter;
  const total = report.tiles.spentToDate;
  const periodText = periodLabel(report.period);
  const note = coverageNote(total);
  return {
    paragraphs: [`Planned and actual spend on the fund's schemes, quarter by quarter, ${periodText}.`],
    table: {
      caption: `Spend by quarter, ${periodText}`,
      columns: columnsOf(['Quarter', 22], ['Planned (£)', 20], ['Actual (£)', 20], ['Variance (£)', 20]),
      rows: [
        ...spend.map((q) => ({
          cells: [
            text(quarterText(q.quarter)),
            money(q.plannedPence),
            q.actualPence === null ? unreportedActual(q.quarter) : money(q.actualPence),
            q.actualPence === null ? unreportedVariance(q.quarter) : money(q.actualPence - q.plannedPence),
          ],
        })),
        ...(spend.length > 0
          ? totalRows(total, periodText, 'Total').map((r) => ({ emphasis: true, cells: [text(r.label), ...r.cells] }))
          : []),
      ],
      empty: 'No spend has been planned for this period.',
    },
    chart:
      spend.length === 0
        ? null
        : {
            title: `Planned and actual spend by quarter, ${periodText} (£)`,
            scale: 'pence',
            categories: spend.map((q) => quarterText(q.quarter)),
            series: [
              { name: 'Planned', colour: COLOURS.planned, values: spend.map((q) => q.plannedPence) },
              { name: 'Actual', colour: COLOURS.actual, values: spend.map((q) => q.actualPence) },
            ],
            ...(note ? { note } : {}),
          },
    notes: ['Variance is actual minus planned.', ...(note ? [note] : [])],
  };
}

function returnsSection(report: BoardReport): SectionBody {
  const schemes = report.schemeReturns;
  const perPound = (bp: number | null, missing: string): PackCell => ({ kind: 'perPound', bp, missing });
  return {
    paragraphs: ['What each appraised scheme cost and what it saved, with the evidence every figure rests on.'],
    table: {
      caption: 'Return on investment by scheme',
      columns: columnsOf(
        ['Code', 9],
        ['Scheme', 28],
        ['Cost (£)', 16],
        ['Net benefit (£)', 16],
        [WORDS.savingsPerPound, 12],
        ['Low', 9],
        ['High', 9],
        ['Net present value (£)', 17],
        [WORDS.benefitCostRatio, 11],
        [WORDS.payback, 14],
      ),
      rowHeader: 1,
      evidenceHeader: 'Evidence',
      rows: schemes.map((s) => ({
        cells: [
          text(s.code),
          text(s.name),
          money(s.costPence),
          money(s.netBenefitPence),
          perPound(s.savedPerPoundBp, WORDS.noCost),
          perPound(s.lowBp, WORDS.noFigure),
          perPound(s.highBp, WORDS.noFigure),
          money(s.netPresentValuePence),
          { kind: 'ratio', bp: s.benefitCostRatioBp, missing: WORDS.notApplicable },
          { kind: 'payback', year: s.paybackYear },
        ],
        evidence: s.evidence,
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
            series: [{ name: WORDS.savingsPerPound, colour: COLOURS.planned, values: schemes.map((s) => s.savedPerPoundBp ?? 0) }],
            bands: schemes.map((s) => (s.lowBp !== null && s.highBp !== null ? { low: s.lowBp, high: s.highBp } : null)),
          },
    notes: [
      'Savings per £1 is net benefit (after deadweight, the share credited to the scheme, optimism bias and drop-off) over cost, undiscounted, as POPP reported it; low and high are the band from the evidence range.',
      `Credited to this scheme (%): ${ATTRIBUTION_HELP}`,
      'Net present value and the benefit-cost ratio are discounted at the HM Treasury Green Book rates. The payback year counts from year 0, the first year of the appraisal.',
    ],
  };
}

function outcomesSection(report: BoardReport): SectionBody {
  const rows: PackRow[] = [];
  for (const metric of report.metricTrends) {
    for (const point of metric.points) {
      rows.push({
        cells: [
          text(metric.name),
          text(`${METRIC_UNIT_LABELS[metric.unit]}; ${POLARITY_LABELS[metric.polarity].toLowerCase()}`),
          text(quarterText(point.quarter)),
          { kind: 'metric', hundredths: point.targetHundredths, unit: metric.unit, missing: 'No target' },
          { kind: 'metric', hundredths: point.actualHundredths, unit: metric.unit, missing: 'No data yet' },
          { kind: 'status', status: point.status },
          text(point.narrative),
        ],
      });
    }
  }
  return {
    paragraphs: [
      `Each metric's target and actual by quarter, ${periodLabel(report.period)}, with its status as the national quarterly return words it.`,
    ],
    table: {
      caption: 'Metrics by quarter',
      columns: columnsOf(
        ['Metric', 30],
        ['Unit', 20],
        ['Quarter', 8],
        ['Target', 19],
        ['Actual', 19],
        ['Status', 18],
        ['Narrative', 42, PROSE],
      ),
      rows,
      empty: 'No metrics have been set for this fund.',
    },
    chart: null,
    notes: [
      'On track: the actual meets the target (at or below it when lower is better, at or above it when higher is better). Data not available: no target or no actual yet.',
    ],
  };
}

function balanceSection(report: BoardReport): SectionBody {
  const parties = report.investsVsBenefits;
  const invests = sumPence(parties.map((p) => p.investsPence));
  const benefits = sumPence(parties.map((p) => p.benefitsPence));
  return {
    paragraphs: [
      'What each party puts into the appraised schemes against what it saves: the one that pays is often not the one that saves.',
    ],
    table: {
      caption: 'Investment and benefit by party',
      columns: columnsOf(['Party', 40], ['Invests (£)', 18], ['Benefits (£)', 18], ['Benefits less investment (£)', 24]),
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

function evidenceSection(report: BoardReport): SectionBody {
  return {
    paragraphs: [
      'Every evidence item a figure in this pack used, once. The numbers in brackets elsewhere in the pack refer to the ID here.',
    ],
    table: {
      caption: 'Evidence used',
      columns: columnsOf(['ID', 6], ['Claim', 44], ['Value', 13], ['Low', 11], ['High', 11], ['Publication', 34], ['URL', 40]),
      rowHeader: 1,
      rows: report.evidence.map((e) => ({
        cells: [
          { kind: 'whole', value: e.id, missing: '' },
          text(e.claim),
          evidenceValue(e, e.value, ''),
          evidenceValue(e, e.low, WORDS.noFigure),
          evidenceValue(e, e.high, WORDS.noFigure),
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

const BUILD: Record<PackSectionKey, (report: BoardReport) => SectionBody> = {
  summary: summarySection,
  contributions: contributionsSection,
  spend: spendSection,
  returns: returnsSection,
  outcomes: outcomesSection,
  conditions: conditionsSection,
  balance: balanceSection,
  evidence: evidenceSection,
};

/** The pack's sections, in the order of BOARD_PACK_SECTIONS and with its titles. */
export function boardPackSections(report: BoardReport): PackSection[] {
  return BOARD_PACK_SECTIONS.map((s) => ({ key: s.key, title: s.title, ...BUILD[s.key](report) }));
}

/** The whole pack: its title, its masthead and its sections. */
export function boardPack(report: BoardReport): BoardPack {
  const fund = `${report.fund.name} ${report.fund.financialYear}`;
  return {
    title: `${report.partnership.name}: ${fund}, board pack`,
    masthead: {
      partnership: report.partnership.name,
      fund,
      year: report.fund.financialYear,
      period: periodLabel(report.period),
      date: reportDate(report),
      demo: report.partnership.isDemo ? DEMO : null,
    },
    sections: boardPackSections(report),
  };
}
