// The contributions page's chart by partner: each partner's actual against the plan of the same reported quarters
// (shared/board-report.ts partnersReported), so a fund half a year in does not read as a half-year shortfall.
import { notReportedText, partnersReported, quartersText } from '../../shared/board-report';
import type { FundSummary } from '../../shared/fund-summary';
import { PlannedActualChart } from './PlannedActualChart';

interface Props {
  summary: FundSummary;
  /** The fund's contribution rows (their quarters say which are reported). */
  rows: readonly { orgId: number; quarter: number; plannedPence: number; actualPence: number }[];
}

export function PartnerPlannedActualChart({ summary, rows }: Props) {
  const reported = partnersReported(rows, summary.byPartner);
  const missing = notReportedText(reported.unreported);
  const title =
    reported.covers && missing ? `Planned vs actual by partner, ${quartersText(reported.covers)}` : 'Planned vs actual by partner';
  return <PlannedActualChart title={title} nameHeader="Partner" rows={reported.partners} note={missing || undefined} />;
}
