// The zod input schemas of the outcome procedures (metrics, outcome values, unit costs, evidence items), shared by the
// server (which enforces them) and the client (which checks a value before sending it). Messages name the field, the
// value and the rule (design rule 5); the range rule (low <= value <= high) is shared/roi.ts's own, so the schema and
// the ROI engine can never disagree.
import { z } from 'zod';
import { financialYearProblem } from './financial-year';
import { MAX_METRIC_COUNT, MAX_METRIC_HUNDREDTHS, METRIC_UNITS, POLARITIES } from './metric-status';
import { formatPence, MAX_AMOUNT_PENCE } from './money';
import { ADJUSTMENT_LABELS, BASIS_POINTS_RULE, formatPerPound, MAX_PER_POUND_BP, rangeProblems, type RangeField } from './roi';
import { batchOf, bcfYearSchema, describeValue, id, quarterSchema, rule, strict, text, version, wholeNumber } from './schemas';
import { isParty, type SplitProblem } from './split';
import { wellFormedString } from './unicode';

function oneOf<T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, rule(label, `must be one of ${values.join(', ')}`));
}

/** A change must change something. */
const nonEmpty = { message: 'Patch must change at least one field' };
const hasFields = (patch: object) => Object.keys(patch).length > 0;

/** A share in basis points, 0 to 10000 (100%): deadweight, attribution, optimism bias, drop-off. */
export const basisPoints = (label: string) => wholeNumber(label, 0, 10_000, BASIS_POINTS_RULE);

/** The adjustments of an appraisal (shared/roi.ts), each optional and defaulted there. */
export const roiAdjustmentsInput = strict(
  {
    deadweightBp: basisPoints(ADJUSTMENT_LABELS.deadweightBp).optional(),
    attributionBp: basisPoints(ADJUSTMENT_LABELS.attributionBp).optional(),
    optimismBiasBenefitBp: basisPoints(ADJUSTMENT_LABELS.optimismBiasBenefitBp).optional(),
    dropOffBp: basisPoints(ADJUSTMENT_LABELS.dropOffBp).optional(),
    optimismBiasCostBp: basisPoints(ADJUSTMENT_LABELS.optimismBiasCostBp).optional(),
  },
  'Adjustments',
);

// ---- metric definitions (metrics.*) ----

const CODE_RULE = 'must be 1 to 50 lower case letters, digits or _';
/** The longest typical lag a metric may declare: three years. */
export const MAX_LAG_MONTHS = 36;

const metricFields = {
  code: wellFormedString('Code', rule('Code', CODE_RULE)).regex(/^[a-z0-9_]{1,50}$/, rule('Code', CODE_RULE)),
  name: text('Name', 1, 300),
  unit: oneOf('Unit', METRIC_UNITS),
  polarity: oneOf('Polarity', POLARITIES),
  dataSource: text('Data source', 0, 500),
  lagMonths: wholeNumber('Typical lag', 0, MAX_LAG_MONTHS, `must be a whole number of months from 0 to ${MAX_LAG_MONTHS}`),
};

/** `metrics.create`: a metric of one BCF year. The data source defaults to empty and the typical lag to 0 months. */
export const metricDefinitionCreateInput = strict(
  {
    bcfYear: bcfYearSchema,
    code: metricFields.code,
    name: metricFields.name,
    unit: metricFields.unit,
    polarity: metricFields.polarity,
    dataSource: metricFields.dataSource.default(''),
    lagMonths: metricFields.lagMonths.default(0),
  },
  'Metric',
);

/** `metrics.update`: any field but the BCF year, which is what the metric belongs to. */
export const metricDefinitionUpdateInput = strict(
  {
    id: id('Id'),
    version,
    patch: strict(
      {
        code: metricFields.code.optional(),
        name: metricFields.name.optional(),
        unit: metricFields.unit.optional(),
        polarity: metricFields.polarity.optional(),
        dataSource: metricFields.dataSource.optional(),
        lagMonths: metricFields.lagMonths.optional(),
      },
      'Patch',
    ).refine(hasFields, nonEmpty),
  },
  'Update',
);

export type MetricDefinitionCreateInput = z.infer<typeof metricDefinitionCreateInput>;
export type MetricDefinitionUpdateInput = z.infer<typeof metricDefinitionUpdateInput>;

// ---- outcome values (outcomes.*) ----

export const NARRATIVE_MAX_LENGTH = 4000;

const HUNDREDTHS_RULE = `must be a whole number of hundredths from 0 to ${MAX_METRIC_HUNDREDTHS} (12.34% is 1234)`;
const countRule = (min: number) => `must be a whole number from ${min} to ${MAX_METRIC_COUNT.toLocaleString('en-GB')}`;

/**
 * A baseline, target or actual: hundredths of the metric's unit (shared/metric-status.ts), or the numerator and
 * denominator of a rate; null clears it.
 */
function metricValue(label: string) {
  const counts = strict(
    {
      numerator: wholeNumber(`${label} numerator`, 0, MAX_METRIC_COUNT, countRule(0)),
      denominator: wholeNumber(`${label} denominator`, 1, MAX_METRIC_COUNT, countRule(1)),
    },
    label,
  );
  return z
    .union(
      [wholeNumber(label, 0, MAX_METRIC_HUNDREDTHS, HUNDREDTHS_RULE), counts],
      rule(label, `${HUNDREDTHS_RULE}, or the { numerator, denominator } counts of a rate, or null`),
    )
    .nullable();
}

/**
 * `outcomes.upsert`: one quarter of one metric, for a fund or (with schemeId) one of its schemes. A figure left out is
 * kept as it is; null clears it. Whether a numerator and denominator suit the metric's unit (a count has none) is
 * checked by the service, which knows the unit.
 */
export const outcomeValueUpsertInput = strict(
  {
    fundId: id('Fund'),
    schemeId: id('Scheme').nullable().optional(),
    metricId: id('Metric'),
    quarter: quarterSchema,
    baseline: metricValue('Baseline').optional(),
    target: metricValue('Target').optional(),
    actual: metricValue('Actual').optional(),
    narrative: text('Narrative', 0, NARRATIVE_MAX_LENGTH, false).optional(),
  },
  'Outcome',
);

export type OutcomeValueUpsertInput = z.infer<typeof outcomeValueUpsertInput>;

// ---- unit costs ----

const penceRule = `must be a whole number of pence from 0 up to ${formatPence(MAX_AMOUNT_PENCE)}`;

/** The financial year whose prices a unit cost is in, like 2022/23. */
export const priceYearSchema = wellFormedString('Price year', rule('Price year', 'must be written like 2022/23')).superRefine(
  (value, ctx) => {
    const problem = financialYearProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `Price year ${problem}, got '${value}'` });
  },
);

const unitCostFields = {
  item: text('Item', 1, 300),
  pence: wholeNumber('Unit cost (£)', 0, MAX_AMOUNT_PENCE, penceRule),
  priceYear: priceYearSchema,
  source: text('Source', 1, 1000),
};

/** A unit cost: "Fall admission, £4,088.00, 2022/23 prices, source ...". */
export const unitCostCreateInput = strict(unitCostFields, 'Unit cost');

export const unitCostUpdateInput = strict(
  {
    id: id('Id'),
    version,
    patch: strict(
      {
        item: unitCostFields.item.optional(),
        pence: unitCostFields.pence.optional(),
        priceYear: unitCostFields.priceYear.optional(),
        source: unitCostFields.source.optional(),
      },
      'Patch',
    ).refine(hasFields, nonEmpty),
  },
  'Update',
);

export type UnitCostCreateInput = z.infer<typeof unitCostCreateInput>;
export type UnitCostUpdateInput = z.infer<typeof unitCostUpdateInput>;

// ---- evidence items ----

/** What an evidence value is: savings per £1 in basis points of £1 (7300 = £0.73), or an amount in pence. */
export const EVIDENCE_VALUE_KINDS = ['per_pound', 'pence'] as const;
export type EvidenceValueKind = (typeof EVIDENCE_VALUE_KINDS)[number];

const URL_RULE = 'must be a web address starting with http:// or https://';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const httpUrlSchema = wellFormedString('URL', rule('URL', URL_RULE))
  .trim()
  .max(2000, rule('URL', `${URL_RULE}, of at most 2,000 characters`))
  .refine(isHttpUrl, rule('URL', URL_RULE));

const EVIDENCE_VALUE_RULE = `must be a whole number from 0 to ${MAX_AMOUNT_PENCE}: basis points of £1 (7300 = £0.73 per £1) or pence`;
const evidenceNumber = (label: string) => wholeNumber(label, 0, MAX_AMOUNT_PENCE, EVIDENCE_VALUE_RULE);

const evidenceFields = {
  claim: text('Claim', 1, 1000),
  valueKind: oneOf('Value kind', EVIDENCE_VALUE_KINDS),
  value: evidenceNumber('Value'),
  low: evidenceNumber('Low value').nullable(),
  high: evidenceNumber('High value').nullable(),
  publication: text('Publication', 1, 500),
  url: httpUrlSchema.nullable(),
};

/** The figures of an evidence item, whole or in part (a patch), for the rules that look at more than one field. */
export interface EvidenceFigures {
  valueKind?: EvidenceValueKind;
  value?: number;
  low?: number | null;
  high?: number | null;
}

const EVIDENCE_LABELS = { value: 'Value', low: 'Low value', high: 'High value' } as const;

function showEvidence(kind: EvidenceValueKind | undefined): (value: number) => string {
  if (kind === 'per_pound') return (bp) => `${formatPerPound(bp)} per £1`;
  if (kind === 'pence') return formatPence;
  return String;
}

/**
 * The rules of an evidence item's figures together: a per-£1 value at most £1,000 per £1, low and high given
 * together, and low <= value <= high. Fields a patch leaves out are not checked here (the service checks the row as
 * it would be); paths are from the item, under `prefix` ("patch").
 */
export function evidenceFigureProblems(figures: EvidenceFigures, prefix: readonly string[] = []): SplitProblem[] {
  const at = (field: string): RangeField['path'] => [...prefix, field];
  // A figure that breaks its own field rule is reported by that rule alone, not again as out of range.
  const fieldOk = (value: unknown) => value === undefined || value === null || (Number.isSafeInteger(value) && Number(value) >= 0);
  if (![figures.value, figures.low, figures.high].every(fieldOk)) return [];
  const problems: SplitProblem[] = [];
  if (figures.valueKind === 'per_pound') {
    for (const field of ['value', 'low', 'high'] as const) {
      const value = figures[field];
      if (typeof value === 'number' && value > MAX_PER_POUND_BP) {
        problems.push({
          path: at(field),
          message: `${EVIDENCE_LABELS[field]} must be at most ${MAX_PER_POUND_BP} basis points of £1 (£1,000 per £1) for a per-£1 figure, got ${describeValue(value)}`,
        });
      }
    }
  }
  const { low, high } = figures;
  if (low !== undefined && high !== undefined && (low === null) !== (high === null)) {
    problems.push({
      path: at(low === null ? 'low' : 'high'),
      message: `Low and high values must be given together (or both left empty), got low ${describeValue(low)} and high ${describeValue(high)}`,
    });
  }
  if (problems.length > 0 || typeof low !== 'number' || typeof high !== 'number') return problems;
  return rangeProblems(
    { low, central: typeof figures.value === 'number' ? figures.value : null, high },
    {
      low: { path: at('low'), label: EVIDENCE_LABELS.low },
      central: { path: at('value'), label: EVIDENCE_LABELS.value },
      high: { path: at('high'), label: EVIDENCE_LABELS.high },
    },
    showEvidence(figures.valueKind),
  );
}

/** `evidence.create`: a claim with its value, its range when the source gives one, its publication and web address.
 * POPP's final report: "£1.20 saved on emergency bed-days per £1", per_pound 12000, low 8000, high 16000. */
export const evidenceItemCreateInput = strict(
  {
    claim: evidenceFields.claim,
    valueKind: evidenceFields.valueKind,
    value: evidenceFields.value,
    low: evidenceFields.low.default(null),
    high: evidenceFields.high.default(null),
    publication: evidenceFields.publication,
    url: evidenceFields.url.default(null),
  },
  'Evidence item',
).superRefine((item, ctx) => {
  for (const problem of evidenceFigureProblems(item)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

/** `evidence.update`: any fields; the figures a patch holds are checked together here, the whole row by the service. */
export const evidenceItemUpdateInput = strict(
  {
    id: id('Id'),
    version,
    patch: strict(
      {
        claim: evidenceFields.claim.optional(),
        valueKind: evidenceFields.valueKind.optional(),
        value: evidenceFields.value.optional(),
        low: evidenceFields.low.optional(),
        high: evidenceFields.high.optional(),
        publication: evidenceFields.publication.optional(),
        url: evidenceFields.url.optional(),
      },
      'Patch',
    ).refine(hasFields, nonEmpty),
  },
  'Update',
).superRefine((input, ctx) => {
  for (const problem of evidenceFigureProblems(input.patch, ['patch'])) {
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }
});

export type EvidenceItemCreateInput = z.infer<typeof evidenceItemCreateInput>;
export type EvidenceItemUpdateInput = z.infer<typeof evidenceItemUpdateInput>;

// ---- the Outcomes page's grids: outcome values and benefit lines, each changed in batches (all or nothing) ----

/** What a person calls each field of an outcome row, as the outcomes grid names its columns. */
export const OUTCOME_FIELD_LABELS: Record<string, string> = {
  metricId: 'Metric',
  schemeId: 'Scheme',
  quarter: 'Quarter',
  baseline: 'Baseline',
  target: 'Target',
  actual: 'Actual',
  actualNumerator: 'Actual numerator',
  actualDenominator: 'Actual denominator',
  narrative: 'Narrative',
};

const hundredths = (label: string) => wholeNumber(label, 0, MAX_METRIC_HUNDREDTHS, HUNDREDTHS_RULE).nullable();

const outcomeFields = {
  metricId: id(OUTCOME_FIELD_LABELS.metricId ?? 'Metric'),
  schemeId: id('Scheme').nullable(),
  quarter: quarterSchema,
  baseline: hundredths('Baseline'),
  target: hundredths('Target'),
  actual: hundredths('Actual'),
  actualNumerator: wholeNumber('Actual numerator', 0, MAX_METRIC_COUNT, countRule(0)).nullable(),
  actualDenominator: wholeNumber('Actual denominator', 1, MAX_METRIC_COUNT, countRule(1)).nullable(),
  narrative: text('Narrative', 0, NARRATIVE_MAX_LENGTH, false),
};

type OutcomeShape = typeof outcomeFields;
const optionalOutcome = Object.fromEntries(Object.entries(outcomeFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof OutcomeShape]: z.ZodOptional<OutcomeShape[K]>;
};

export const outcomeValues = strict({ ...optionalOutcome, metricId: outcomeFields.metricId, quarter: outcomeFields.quarter }, 'Outcome');
export const outcomePatch = strict(optionalOutcome, 'Patch').refine(hasFields, nonEmpty);

/** What a person calls each field of a benefit line, as the benefits grid names its columns. */
export const BENEFIT_FIELD_LABELS: Record<string, string> = {
  schemeId: 'Scheme',
  label: 'Benefit',
  party: 'Saved by',
  unitCostId: 'Unit cost',
  startYear: 'First year',
  years: 'Years',
  activityPerYear: 'Activity avoided a year',
  healthValue: 'Health value',
  evidenceId: 'Evidence',
  deadweightBp: ADJUSTMENT_LABELS.deadweightBp,
  attributionBp: ADJUSTMENT_LABELS.attributionBp,
  optimismBiasBp: ADJUSTMENT_LABELS.optimismBiasBenefitBp,
  dropOffBp: ADJUSTMENT_LABELS.dropOffBp,
};

const benefitFields = {
  schemeId: id('Scheme'),
  label: text('Benefit', 1, 300),
  party: partyText('Saved by'),
  unitCostId: id('Unit cost'),
  startYear: wholeNumber('First year', 0, 75, 'must be a whole number of years from 0 (the fund’s year) to 75'),
  years: wholeNumber('Years', 1, 76, 'must be a whole number of years from 1 to 76'),
  activityPerYear: wholeNumber('Activity avoided a year', 0, 1_000_000_000, 'must be a whole number from 0 to 1,000,000,000'),
  healthValue: z.boolean(rule('Health value', 'must be true (discounted at the health rate) or false')),
  evidenceId: id('Evidence').nullable(),
  deadweightBp: basisPoints(ADJUSTMENT_LABELS.deadweightBp),
  attributionBp: basisPoints(ADJUSTMENT_LABELS.attributionBp),
  optimismBiasBp: basisPoints(ADJUSTMENT_LABELS.optimismBiasBenefitBp),
  dropOffBp: basisPoints(ADJUSTMENT_LABELS.dropOffBp),
};

function partyText(label: string) {
  return wellFormedString(label, rule(label, 'must be a sector code or org:<id>')).refine(
    (value) => isParty(value),
    rule(label, 'must be a sector code (social_care, health, ...) or org:<id>'),
  );
}

type BenefitShape = typeof benefitFields;
const optionalBenefit = Object.fromEntries(Object.entries(benefitFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof BenefitShape]: z.ZodOptional<BenefitShape[K]>;
};

export const benefitValues = strict(
  { ...optionalBenefit, schemeId: benefitFields.schemeId, label: benefitFields.label, party: benefitFields.party, unitCostId: benefitFields.unitCostId },
  'Benefit line',
);
export const benefitPatch = strict(optionalBenefit, 'Patch').refine(hasFields, nonEmpty);

export const outcomesBatchInput = batchOf(outcomeValues, outcomePatch);
export const benefitsBatchInput = batchOf(benefitValues, benefitPatch);

export type OutcomeValues = z.infer<typeof outcomeValues>;
export type OutcomePatch = z.infer<typeof outcomePatch>;
export type OutcomesBatchInput = z.infer<typeof outcomesBatchInput>;
export type BenefitValues = z.infer<typeof benefitValues>;
export type BenefitPatch = z.infer<typeof benefitPatch>;
export type BenefitsBatchInput = z.infer<typeof benefitsBatchInput>;

/** `reports.board`: a partnership's board figures for one fund (the newest by default) and a range of its quarters. */
export const boardReportInput = strict(
  {
    partnershipId: id('Partnership'),
    fundId: id('Fund').optional(),
    fromQuarter: quarterSchema.optional(),
    toQuarter: quarterSchema.optional(),
  },
  'Input',
).superRefine((input, ctx) => {
  if (input.fromQuarter !== undefined && input.toQuarter !== undefined && input.fromQuarter > input.toQuarter) {
    ctx.addIssue({
      code: 'custom',
      path: ['toQuarter'],
      message: `To quarter must be the from quarter (Q${input.fromQuarter}) or later, got Q${input.toQuarter}`,
    });
  }
});
export type BoardReportInput = z.infer<typeof boardReportInput>;
