// The shapes the outcome and ROI procedures return now live with their noun's schema in shared/schema/; re-exported
// here under the old path.
export type { Metric } from './schema/metric';
export type { Outcome } from './schema/outcome';
export type { UnitCost } from './schema/unit-cost';
export type { EvidenceItem } from './schema/evidence';
export type { RoiBenefit } from './schema/roi-benefit';
