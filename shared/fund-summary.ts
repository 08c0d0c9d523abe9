// The figures a fund shows: totals, each partner's share, and breakdowns by partner, funding source and quarter.
// The server's funds.summary and the client's totals row both use this, so they can never disagree (design rule 4).
// Variance is always actual - planned: negative means less was paid in (or spent) than planned.
import { sharesInBasisPoints } from './allocate';
import { sumPence } from './money';

export interface ContributionFigures {
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
  actualPence: number;
}

export interface Totals {
  plannedPence: number;
  actualPence: number;
  variancePence: number;
}

export interface PartnerTotals extends Totals {
  orgId: number;
  name: string;
  /** This partner's share of the fund's planned total in basis points; the shares sum to exactly 10000. */
  shareBp: number;
}
export interface SourceTotals extends Totals {
  source: string;
  name: string;
}
export interface QuarterTotals extends Totals {
  quarter: number;
}

export interface FundSummary extends Totals {
  byPartner: PartnerTotals[];
  bySource: SourceTotals[];
  byQuarter: QuarterTotals[];
}

export function totalsOf(rows: readonly Pick<ContributionFigures, 'plannedPence' | 'actualPence'>[]): Totals {
  const plannedPence = sumPence(rows.map((r) => r.plannedPence));
  const actualPence = sumPence(rows.map((r) => r.actualPence));
  return { plannedPence, actualPence, variancePence: actualPence - plannedPence };
}

/**
 * Summarise a fund's contributions. `partners` and `sources` give the names and the order to report in (partners
 * with no rows still appear, with zeros, so a board sees who has not contributed). Partner shares are apportioned by
 * largest remainder in the order of `partners`, which is also the tie-break.
 */
export function summariseFund(
  rows: readonly ContributionFigures[],
  partners: readonly { id: number; name: string }[],
  sources: readonly { code: string; name: string }[],
): FundSummary {
  const byPartnerTotals = partners.map((p) => ({ orgId: p.id, name: p.name, ...totalsOf(rows.filter((r) => r.orgId === p.id)) }));
  const shares = sharesInBasisPoints(byPartnerTotals.map((p) => Math.max(0, p.plannedPence)));
  const byPartner = byPartnerTotals.map((p, i) => ({ ...p, shareBp: shares[i] ?? 0 }));

  const usedSources = sources.filter((s) => rows.some((r) => r.source === s.code));
  const bySource = usedSources.map((s) => ({ source: s.code, name: s.name, ...totalsOf(rows.filter((r) => r.source === s.code)) }));

  const byQuarter = [1, 2, 3, 4].map((quarter) => ({ quarter, ...totalsOf(rows.filter((r) => r.quarter === quarter)) }));

  return { ...totalsOf(rows), byPartner, bySource, byQuarter };
}
