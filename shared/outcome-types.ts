// The shapes the outcome and ROI procedures return (issue 7), shared so the client and the server agree on them.
import type { MetricStatus, MetricUnit, Polarity } from './metric-status';
import type { EvidenceValueKind } from './outcome-schemas';

export interface Metric {
  id: number;
  bcfYear: string;
  code: string;
  name: string;
  unit: MetricUnit;
  polarity: Polarity;
  dataSource: string;
  lagMonths: number;
  version: number;
}

/** One quarter of one metric for a fund (schemeId null) or one of its schemes; values are hundredths of the unit. */
export interface Outcome {
  id: number;
  fundId: number;
  schemeId: number | null;
  metricId: number;
  quarter: number;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  actualNumerator: number | null;
  actualDenominator: number | null;
  narrative: string;
  version: number;
  /** Derived from target, actual and the metric's polarity (shared/metric-status.ts), never typed in. */
  status: MetricStatus;
}

export interface UnitCost {
  id: number;
  item: string;
  pence: number;
  priceYear: string;
  source: string;
  version: number;
}

export interface EvidenceItem {
  id: number;
  claim: string;
  valueKind: EvidenceValueKind;
  value: number;
  low: number | null;
  high: number | null;
  publication: string;
  url: string | null;
  version: number;
}

/** A benefit line of a scheme's appraisal: `activityPerYear` of a unit cost avoided in each of `years` years from
 * `startYear` (0 is the fund's own year), saved by `party`, adjusted in basis points. */
export interface RoiBenefit {
  id: number;
  fundId: number;
  schemeId: number;
  label: string;
  party: string;
  unitCostId: number;
  startYear: number;
  years: number;
  activityPerYear: number;
  healthValue: boolean;
  evidenceId: number | null;
  deadweightBp: number;
  attributionBp: number;
  optimismBiasBp: number;
  dropOffBp: number;
  version: number;
}
