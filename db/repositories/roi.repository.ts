// Reads and writes of what an appraisal rests on: unit costs, evidence items, and the benefit lines of each scheme.
import { EVIDENCE_FIELD_LABELS, type EvidenceItem } from '../../shared/schema/evidence';
import { BENEFIT_FIELD_LABELS, type RoiBenefit, type RoiBenefitValues } from '../../shared/schema/roi-benefit';
import { UNIT_COST_FIELD_LABELS, type UnitCost } from '../../shared/schema/unit-cost';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { findIn, listIn, simpleAuditedTable } from './simple-table';

const nullableNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const toUnitCost = (r: Record<string, unknown>): UnitCost => ({
  id: Number(r.id),
  item: String(r.item),
  pence: Number(r.pence),
  priceYear: String(r.priceYear),
  source: String(r.source),
  version: Number(r.version),
});
const unitCostSpec = { table: 'unitCost', toRow: toUnitCost };
export const findUnitCost = findIn(unitCostSpec);
export const listUnitCosts = (db: DB | Tx) => listIn(unitCostSpec)(db);

export const unitCostTable = simpleAuditedTable<UnitCost, Omit<UnitCost, 'id' | 'version'>>({
  ...unitCostSpec,
  entity: 'unit_cost',
  noun: 'unit cost',
  fields: ['item', 'pence', 'priceYear', 'source'],
  fieldLabels: UNIT_COST_FIELD_LABELS,
  describe: async (_tx, row) => `the unit cost ‘${row.item}’`,
});

const toEvidence = (r: Record<string, unknown>): EvidenceItem => ({
  id: Number(r.id),
  claim: String(r.claim),
  valueKind: r.valueKind as EvidenceItem['valueKind'],
  value: Number(r.value),
  low: nullableNumber(r.low),
  high: nullableNumber(r.high),
  publication: String(r.publication),
  url: r.url === null || r.url === undefined ? null : String(r.url),
  version: Number(r.version),
});
const evidenceSpec = { table: 'evidenceItem', toRow: toEvidence };
export const findEvidence = findIn(evidenceSpec);
export const listEvidence = (db: DB | Tx) => listIn(evidenceSpec)(db);

export const evidenceTable = simpleAuditedTable<EvidenceItem, Omit<EvidenceItem, 'id' | 'version'>>({
  ...evidenceSpec,
  entity: 'evidence_item',
  noun: 'evidence item',
  fields: ['claim', 'valueKind', 'value', 'low', 'high', 'publication', 'url'],
  fieldLabels: EVIDENCE_FIELD_LABELS,
  describe: async (_tx, row) => `the evidence ‘${row.claim}’`,
});

const toBenefit = (r: Record<string, unknown>): RoiBenefit => ({
  id: Number(r.id),
  fundId: Number(r.fundId),
  schemeId: Number(r.schemeId),
  label: String(r.label),
  party: String(r.party),
  unitCostId: Number(r.unitCostId),
  startYear: Number(r.startYear),
  years: Number(r.years),
  activityPerYear: Number(r.activityPerYear),
  healthValue: Number(r.healthValue) === 1,
  evidenceId: nullableNumber(r.evidenceId),
  deadweightBp: Number(r.deadweightBp),
  attributionBp: Number(r.attributionBp),
  optimismBiasBp: Number(r.optimismBiasBp),
  dropOffBp: Number(r.dropOffBp),
  version: Number(r.version),
});
const benefitSpec = { table: 'roiBenefit', toRow: toBenefit };
export const listBenefits = (db: DB | Tx, fundId: number) => listIn(benefitSpec)(db, { fundId });

export type BenefitValuesRow = RoiBenefitValues;

export const benefitTable = simpleAuditedTable<RoiBenefit, BenefitValuesRow>({
  ...benefitSpec,
  entity: 'roi_benefit',
  noun: 'benefit line',
  fields: [
    'fundId',
    'schemeId',
    'label',
    'party',
    'unitCostId',
    'startYear',
    'years',
    'activityPerYear',
    'healthValue',
    'evidenceId',
    'deadweightBp',
    'attributionBp',
    'optimismBiasBp',
    'dropOffBp',
  ],
  fieldLabels: BENEFIT_FIELD_LABELS,
  describe: async (_tx, row) => `the benefit line ‘${row.label}’`,
  fundIdOf: (row) => row.fundId,
  toColumns: ({ healthValue, ...rest }) => ({ ...rest, ...(healthValue === undefined ? {} : { healthValue: healthValue ? 1 : 0 }) }),
});
