// What a board reads (issue 7): the figures of the board dashboard and the board pack, as the server returns them
// (`reports.board`). One shape for the dashboard page, the print page, the PDF and the workbook, so all four always
// show the same numbers. Money is integer pence; savings per £1 are basis points of £1 (7300 = £0.73); metric values
// are hundredths of their unit (shared/metric-status.ts).
import type { MetricStatus, MetricUnit, Polarity } from './metric-status';

/** An evidence item as a figure carries it: what it claims, where it was published, and its range. */
export interface EvidenceRef {
  id: number;
  claim: string;
  valueKind: 'per_pound' | 'pence';
  value: number;
  low: number | null;
  high: number | null;
  publication: string;
  url: string | null;
}

/** The quarters a board looks at: Q`from` to Q`to` of the fund's year (1..4). */
export interface Period {
  fromQuarter: number;
  toQuarter: number;
}

export interface BoardTiles {
  /** Planned contributions to the fund (the whole year: a pool is agreed for the year). */
  pooledPence: number;
  /** Actual spend on the fund's schemes in the period. */
  spentToDatePence: number;
  /** Net benefit / cost across the fund's appraised schemes, undiscounted as POPP reported it; null with no cost. */
  savedPerPoundBp: number | null;
  /** Metric lines whose latest quarter in the period with a status is on track / all metric lines. */
  metricsOnTrack: number;
  metricsTotal: number;
}

/** Contributions by partner in one quarter (for the stacked chart). */
export interface QuarterContributions {
  quarter: number;
  partners: { orgId: number; name: string; plannedPence: number; actualPence: number }[];
}

export interface QuarterSpend {
  quarter: number;
  plannedPence: number;
  actualPence: number;
}

/** One scheme's return on investment (shared/roi.ts appraise), with the band from its evidence's range. */
export interface SchemeReturn {
  schemeId: number;
  code: string;
  name: string;
  costPence: number;
  /** Net benefit after deadweight, attribution, optimism bias and drop-off, undiscounted. */
  netBenefitPence: number;
  savedPerPoundBp: number | null;
  /** The sensitivity band from the evidence range (low and high savings per £1); null when the evidence has none. */
  lowBp: number | null;
  highBp: number | null;
  netPresentValuePence: number;
  benefitCostRatioBp: number | null;
  paybackYear: number | null;
  evidence: EvidenceRef[];
}

export interface MetricTrend {
  metricId: number;
  code: string;
  name: string;
  unit: MetricUnit;
  polarity: Polarity;
  /** Each quarter in the period, in order. */
  points: { quarter: number; targetHundredths: number | null; actualHundredths: number | null; status: MetricStatus; narrative: string }[];
}

/** Who invests vs who benefits: each party's contributions to the appraised schemes against what it saves. */
export interface PartyBalance {
  party: string;
  name: string;
  investsPence: number;
  benefitsPence: number;
}

export interface BoardReport {
  partnership: { id: number; name: string; isDemo: boolean };
  fund: { id: number; name: string; financialYear: string };
  funds: { id: number; name: string; financialYear: string }[];
  period: Period;
  generatedAt: string;
  tiles: BoardTiles;
  contributionsByQuarter: QuarterContributions[];
  spendByQuarter: QuarterSpend[];
  schemeReturns: SchemeReturn[];
  metricTrends: MetricTrend[];
  investsVsBenefits: PartyBalance[];
  /** Every evidence item any figure above used, once. */
  evidence: EvidenceRef[];
}

/** The sections of the board pack, in order: the print page, the PDF and the workbook each have one per section. */
export const BOARD_PACK_SECTIONS = [
  { key: 'summary', title: 'Summary' },
  { key: 'contributions', title: 'Who paid what' },
  { key: 'spend', title: 'Spend against plan' },
  { key: 'returns', title: 'Return on investment' },
  { key: 'outcomes', title: 'Outcomes against targets' },
  { key: 'balance', title: 'Who invests and who benefits' },
  { key: 'evidence', title: 'Evidence' },
] as const;
