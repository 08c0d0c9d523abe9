// Actual that is not in yet, as the board pack's cells say it (issue 21, item 10; the rule is shared/board-report.ts's):
// an unreported quarter's actual and variance, totals that name the quarters they cover beside the plan of the same
// quarters, and the note saying which quarters are missing. The pack's sections and the dashboard's tables both use it.
import { NOT_YET_REPORTED, notReportedText, quartersText, type ReportedTotal } from '../board-report';
import type { PackCell, PackRow } from './model';

const text = (value: string): PackCell => ({ kind: 'text', text: value });
const money = (pence: number | null): PackCell => ({ kind: 'money', pence, missing: '' });

/** A row of totals: its label, then planned, actual and variance; `periodPlan` marks the row holding the period's plan. */
export interface TotalRow {
  label: string;
  cells: PackCell[];
  periodPlan: boolean;
}

/** A blank figure (a row that has no such figure). */
export const BLANK = money(null);
/** An actual not yet reported, and the variance that is therefore not shown. */
export const unreportedActual = (quarter: number): PackCell => ({
  kind: 'unreported',
  text: NOT_YET_REPORTED,
  note: `Q${quarter} actual not yet reported: left blank, not £0`,
});
export const unreportedVariance = (quarter: number): PackCell => ({
  kind: 'unreported',
  text: '—',
  note: `No variance: Q${quarter} actual not yet reported`,
});

/**
 * The total rows of actual against plan (shared/board-report.ts ReportedTotal), as [label, planned, actual, variance]:
 * one row labelled `whole` when every quarter of the period is reported; otherwise "Q1–Q3 actual" with the plan of the same
 * quarters, then the whole period's plan on its own row, its actual saying which quarters are not yet reported.
 */
export function totalRows(total: ReportedTotal, periodText: string, whole = periodText): TotalRow[] {
  if (total.unreported.length === 0) {
    return [{ label: whole, cells: [money(total.plannedPence), money(total.actualPence), money(total.variancePence)], periodPlan: true }];
  }
  const missing = notReportedText(total.unreported);
  const rows: TotalRow[] = [];
  if (total.covers) {
    rows.push({
      label: `${quartersText(total.covers)} actual`,
      cells: [money(total.plannedPence), money(total.actualPence), money(total.variancePence)],
      periodPlan: false,
    });
  }
  rows.push({
    label: `Planned, ${periodText}`,
    cells: [
      money(total.periodPlannedPence),
      { kind: 'unreported', text: missing, note: `${missing}: no actual to set against this plan` },
      BLANK,
    ],
    periodPlan: true,
  });
  return rows;
}

/** "Q4 not yet reported: totals of actual cover Q1–Q3 only; no variance is shown for Q4." ('' when all are reported) */
export function coverageNote(total: ReportedTotal): string {
  if (total.unreported.length === 0) return '';
  const covered = total.covers
    ? `totals of actual cover ${quartersText(total.covers)} only, against the plan of the same quarters`
    : 'no actual is in yet';
  const which = total.unreported.length === 1 ? `Q${total.unreported[0] ?? ''}` : 'those quarters';
  return `${notReportedText(total.unreported)}: ${covered}; no variance is shown for ${which}.`;
}

/** The summary's "spent to date": actual of the reported quarters beside their plan, and the period's plan apart. */
export function spentRows(spent: ReportedTotal, periodText: string): PackRow[] {
  const missing = spent.unreported.length > 0 ? `; ${notReportedText(spent.unreported)}` : '';
  if (!spent.covers) {
    return [
      {
        cells: [
          text(`Spent to date (${periodText})`),
          { kind: 'unreported', text: NOT_YET_REPORTED, note: `${notReportedText(spent.unreported)}: left blank, not £0` },
          text(`No actual spend on the fund's schemes has been reported for ${periodText} yet`),
        ],
      },
      {
        cells: [
          text(`Planned spend (${periodText})`),
          money(spent.periodPlannedPence),
          text("Planned spend on the fund's schemes in the period"),
        ],
      },
    ];
  }
  const covered = quartersText(spent.covers);
  return [
    {
      cells: [
        text(`Spent to date (${covered} actual)`),
        money(spent.actualPence),
        text(`Actual spend on the fund's schemes in the quarters reported so far, ${covered}${missing}`),
      ],
    },
    {
      cells: [
        text(`Planned for ${covered}`),
        money(spent.plannedPence),
        text('Planned spend of the same quarters: what the actual is measured against'),
      ],
    },
    ...(spent.unreported.length > 0
      ? [
          {
            cells: [
              text(`Planned spend (${periodText})`),
              money(spent.periodPlannedPence),
              text("Planned spend on the fund's schemes in the whole period"),
            ],
          },
        ]
      : []),
  ];
}
