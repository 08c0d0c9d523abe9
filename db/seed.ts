// Demo data for a first start: ILLUSTRATIVE ONLY. The places, organisations and amounts are fictional, shaped on the
// public case studies listed in domain.md ("Demo data"); they are not any real area's figures. Written through the
// same audited write path as every other change, so the audit log accounts for every demo figure too.
import { applyBasisPoints, quarterlyInstalments } from '../shared/allocate';
import { bcfYearOf } from '../shared/bcf-year';
import { RATE_PER, rateFromCounts } from '../shared/metric-status';
import type { Arrangement, Sector } from '../shared/schemas';
import type { DB } from './connection';
import { contributionTable } from './repositories/contribution.repository';
import { fundTable } from './repositories/fund.repository';
import { organisationTable } from './repositories/organisation.repository';
import { listMetrics, outcomeTable } from './repositories/outcome.repository';
import { partnershipTable } from './repositories/partnership.repository';
import { planSettingsTable } from './repositories/plan-settings.repository';
import { riskShareTable } from './repositories/risk-share.repository';
import { benefitTable, listEvidence, listUnitCosts } from './repositories/roi.repository';
import { schemeTable } from './repositories/scheme.repository';
import { splitRuleTable } from './repositories/split-rule.repository';
import { runBatch, type BatchWriter } from './unit-of-work';

export const DEMO_NOTE = 'Illustrative demo data: fictional organisations and amounts shaped on public case studies. Not real figures.';

const POUND = 100;

interface DemoFund {
  name: string;
  financialYear: string;
  /** [partner key, funding source, annual planned £, actual as basis points of plan per quarter (omit = not yet)] */
  lines: [string, string, number, number[]][];
  /** The expenditure plan (illustrative), spending the income above so the plan nearly balances. */
  schemes?: DemoScheme[];
  /** Ring-fence minimums in pounds (illustrative). */
  ringFences?: { nhsToSocialCarePounds: number; outOfHospitalPounds: number };
  /** Fund-level outcomes (illustrative): metric code -> baseline, then per quarter [target, actual or counts or null]. */
  outcomes?: DemoOutcome[];
  /** Benefit lines of the schemes' appraisals (illustrative). */
  benefits?: DemoBenefit[];
}

/** Values are in hundredths of the metric's unit (shared/metric-status.ts); an actual may be [numerator, denominator]. */
interface DemoOutcome {
  metric: string;
  baseline: number;
  quarters: [target: number, actual: number | [number, number] | null, narrative: string][];
}

interface DemoBenefit {
  scheme: string;
  label: string;
  party: 'health' | 'social_care';
  /** The start of the unit cost's item name. */
  unitCost: string;
  activityPerYear: number;
  years: number;
  /** The start of the evidence item's claim, when the line rests on one. */
  evidence?: string;
  deadweightBp: number;
  attributionBp: number;
  optimismBiasBp: number;
  dropOffBp: number;
}

// The borough BCF 2025/26 outcomes and appraisals (domain.md "Demo data"), ILLUSTRATIVE: shaped to show each status
// (Q4 actuals not in yet) and who invests against who benefits. Not real figures.
const NORTHBRIDGE_OUTCOMES: DemoOutcome[] = [
  {
    metric: 'emergency_admissions_65',
    baseline: 2_300_00,
    quarters: [
      [2_250_00, 2_240_00, 'Bridging service at full strength from May.'],
      [2_220_00, 2_260_00, 'A hard summer heatwave; admissions above plan.'],
      [2_200_00, 2_190_00, 'Back on track after the in-reach teams joined.'],
      [2_180_00, null, 'Data not yet published (two-month lag).'],
    ],
  },
  {
    metric: 'discharge_delay_days',
    baseline: 1_20,
    quarters: [
      [1_10, 1_08, ''],
      [1_05, 1_02, ''],
      [1_00, 1_04, 'Care home capacity tight in December.'],
      [95, null, ''],
    ],
  },
  {
    metric: 'residential_admissions',
    baseline: 560_00,
    quarters: [
      [140_00, [62, 45_000], ''],
      [140_00, [66, 45_000], 'More people placed from hospital than planned.'],
      [140_00, [60, 45_000], ''],
      [140_00, null, ''],
    ],
  },
];

const NORTHBRIDGE_BENEFITS: DemoBenefit[] = [
  {
    scheme: '1',
    label: 'Emergency bed-days avoided by earlier discharge',
    party: 'health',
    unitCost: 'Emergency hospital bed-day',
    activityPerYear: 5_200,
    years: 1,
    evidence: 'POPP: about £1.20',
    deadweightBp: 1_500,
    attributionBp: 8_000,
    optimismBiasBp: 1_000,
    dropOffBp: 0,
  },
  {
    scheme: '2',
    label: 'Emergency bed-days avoided by reablement',
    party: 'health',
    unitCost: 'Emergency hospital bed-day',
    activityPerYear: 6_500,
    years: 2,
    evidence: 'POPP: about £1.20',
    deadweightBp: 2_000,
    attributionBp: 7_000,
    optimismBiasBp: 1_500,
    dropOffBp: 3_000,
  },
  {
    scheme: '2',
    label: 'Long-term residential placements put off by reablement',
    party: 'social_care',
    unitCost: 'Residential care placement',
    activityPerYear: 18,
    years: 2,
    deadweightBp: 2_500,
    attributionBp: 6_000,
    optimismBiasBp: 1_500,
    dropOffBp: 5_000,
  },
  {
    scheme: '4',
    label: 'Fall admissions avoided by community falls classes',
    party: 'health',
    unitCost: 'Emergency hospital admission for a fall',
    activityPerYear: 95,
    years: 2,
    deadweightBp: 2_000,
    attributionBp: 5_000,
    optimismBiasBp: 1_000,
    dropOffBp: 3_000,
  },
  {
    scheme: '3',
    label: 'Bed-days avoided by care home in-reach',
    party: 'health',
    unitCost: 'Emergency hospital bed-day',
    activityPerYear: 3_000,
    years: 1,
    evidence: 'POPP: £0.73',
    deadweightBp: 1_000,
    attributionBp: 8_000,
    optimismBiasBp: 1_000,
    dropOffBp: 0,
  },
  {
    scheme: '12',
    label: 'Fall admissions avoided',
    party: 'health',
    unitCost: 'Emergency hospital admission for a fall',
    activityPerYear: 160,
    years: 3,
    deadweightBp: 1_000,
    attributionBp: 7_000,
    optimismBiasBp: 1_000,
    dropOffBp: 2_500,
  },
];

/** A demo scheme: annual planned £ split into four instalments, actual as basis points of plan per quarter. */
interface DemoScheme {
  code: string;
  name: string;
  description: string;
  type: string;
  subType: string | null;
  area: string;
  commissioner: string;
  /** % NHS and % LA in basis points, for a joint scheme. */
  split?: [number, number];
  providerType: string;
  providerName: string;
  source: string;
  outputs: [number, string];
  isNew: boolean;
  annualPounds: number;
  actualBp: number[];
}

interface DemoPartnership {
  name: string;
  area: string;
  arrangement: Arrangement;
  host: string;
  members: string[];
  funds: DemoFund[];
}

const ORGANISATIONS: Record<string, { name: string; sector: Sector; kind: string }> = {
  council: { name: 'Northbridge Borough Council', sector: 'social_care', kind: 'Unitary authority' },
  icb: { name: 'NHS Northbridge and Vale ICB', sector: 'health', kind: 'Integrated care board' },
  forum: { name: 'Northbridge Older People’s Forum', sector: 'voluntary', kind: 'Voluntary organisation' },
  westmoorCsc: { name: 'Westmoor County Council – Children’s Social Care', sector: 'social_care', kind: 'County council' },
  westmoorEdu: { name: 'Westmoor County Council – Education', sector: 'education', kind: 'County council' },
  westmoorIcb: { name: 'NHS Westmoor ICB', sector: 'health', kind: 'Integrated care board' },
};

const FULL_YEAR = [10_000, 10_000, 10_000, 10_000];

// The borough BCF 2025/26 plan (domain.md "Demo data"), ILLUSTRATIVE: schemes shaped on public case studies, spending
// each funding stream's income except £20,000 of the NHS minimum contribution left unallocated, so the balance check
// has something to show.
const NORTHBRIDGE_SCHEMES: DemoScheme[] = [
  {
    code: '1',
    name: 'Bridging service',
    description: 'Five-day discharge support at home while a long-term package is arranged.',
    type: 'home_based_ic',
    subType: 'reablement_at_home',
    area: 'community_health',
    commissioner: 'joint',
    split: [6_000, 4_000],
    providerType: 'nhs_community',
    providerName: 'Northbridge Community Health (illustrative)',
    source: 'discharge_icb',
    outputs: [1_400, 'people discharged'],
    isNew: false,
    annualPounds: 2_486_000,
    actualBp: [10_200, 10_400, 11_100, 0],
  },
  {
    code: '2',
    name: '6-week reablement',
    description: 'Short-term reablement at home after a hospital stay or a crisis.',
    type: 'home_based_ic',
    subType: 'reablement_at_home',
    area: 'social_care',
    commissioner: 'la',
    providerType: 'la',
    providerName: 'Northbridge Borough Council reablement team',
    source: 'nhs_minimum',
    outputs: [1_150, 'packages'],
    isNew: false,
    annualPounds: 4_200_000,
    actualBp: [9_800, 9_900, 10_100, 0],
  },
  {
    code: '3',
    name: 'Care home in-reach liaison',
    description: 'Nurses and therapists visiting care homes to prevent avoidable admissions.',
    type: 'care_planning',
    subType: 'care_home_support',
    area: 'community_health',
    commissioner: 'icb',
    providerType: 'nhs_community',
    providerName: 'Northbridge Community Health (illustrative)',
    source: 'nhs_minimum',
    outputs: [42, 'care homes supported'],
    isNew: true,
    annualPounds: 1_150_000,
    actualBp: [7_600, 8_800, 9_400, 0],
  },
  {
    code: '4',
    name: '4-year community grants',
    description: 'Grants to voluntary groups for befriending, lunch clubs and falls classes (year 2 of 4).',
    type: 'prevention',
    subType: 'community_grants',
    area: 'social_care',
    commissioner: 'la',
    providerType: 'voluntary',
    providerName: 'Various voluntary organisations',
    source: 'additional_la',
    outputs: [18, 'grants'],
    isNew: false,
    annualPounds: 1_200_000,
    actualBp: [10_000, 10_000, 10_000, 0],
  },
  {
    code: '5',
    name: 'DFG adaptations',
    description: 'Statutory Disabled Facilities Grants: stairlifts, level-access showers, ramps.',
    type: 'dfg',
    subType: 'adaptations',
    area: 'social_care',
    commissioner: 'la',
    providerType: 'private_sector',
    providerName: 'Approved adaptation contractors',
    source: 'dfg',
    outputs: [310, 'adaptations'],
    isNew: false,
    annualPounds: 2_918_000,
    actualBp: [8_400, 9_100, 9_600, 0],
  },
  {
    code: '6',
    name: 'Home care packages',
    description: 'Domiciliary care to keep people at home: protecting adult social care from the NHS minimum.',
    type: 'home_care',
    subType: 'domiciliary_care_packages',
    area: 'social_care',
    commissioner: 'la',
    providerType: 'private_sector',
    providerName: 'Framework home care providers',
    source: 'nhs_minimum',
    outputs: [260_000, 'hours of care'],
    isNew: false,
    annualPounds: 9_500_000,
    actualBp: [10_000, 10_300, 10_600, 0],
  },
  {
    code: '7',
    name: 'Urgent community response',
    description: 'Two-hour crisis response at home, seven days a week.',
    type: 'ucr',
    subType: null,
    area: 'community_health',
    commissioner: 'icb',
    providerType: 'nhs_community',
    providerName: 'Northbridge Community Health (illustrative)',
    source: 'nhs_minimum',
    outputs: [5_200, 'responses'],
    isNew: false,
    annualPounds: 4_100_000,
    actualBp: [10_000, 10_000, 9_700, 0],
  },
  {
    code: '8',
    name: 'Carers support',
    description: 'Carers’ assessments, advice and short breaks.',
    type: 'carers',
    subType: 'carer_advice',
    area: 'social_care',
    commissioner: 'la',
    providerType: 'voluntary',
    providerName: 'Northbridge Carers Centre (illustrative)',
    source: 'nhs_minimum',
    outputs: [900, 'carers supported'],
    isNew: false,
    annualPounds: 1_034_000,
    actualBp: [10_000, 10_000, 10_000, 0],
  },
  {
    code: '9',
    name: 'Integrated care coordination',
    description: 'Joint health and care coordinators in the neighbourhood teams.',
    type: 'care_planning',
    subType: 'care_coordination',
    area: 'community_health',
    commissioner: 'icb',
    providerType: 'nhs_community',
    providerName: 'Northbridge Community Health (illustrative)',
    source: 'nhs_minimum',
    outputs: [24, 'coordinators'],
    isNew: true,
    annualPounds: 1_630_000,
    actualBp: [9_000, 9_500, 10_000, 0],
  },
  {
    code: '10',
    name: 'Adult social care market sustainability',
    description: 'Local Authority BCF grant supporting care home fees and the care market.',
    type: 'residential',
    subType: 'care_home',
    area: 'social_care',
    commissioner: 'la',
    providerType: 'private_sector',
    providerName: 'Contracted care homes',
    source: 'la_bcf',
    outputs: [640, 'placements'],
    isNew: false,
    annualPounds: 9_872_000,
    actualBp: [10_000, 10_000, 10_000, 0],
  },
  {
    code: '11',
    name: 'Discharge to assess beds',
    description: 'Step-down beds for assessment after a hospital stay (pathway 2).',
    type: 'bed_based_ic',
    subType: 'step_down',
    area: 'social_care',
    commissioner: 'la',
    providerType: 'private_sector',
    providerName: 'Contracted care homes',
    source: 'discharge_la',
    outputs: [380, 'admissions'],
    isNew: false,
    annualPounds: 1_734_000,
    actualBp: [10_000, 10_000, 10_400, 0],
  },
  {
    code: '12',
    name: 'Falls prevention and response',
    description: 'Falls clinics and a non-injury falls pick-up service.',
    type: 'prevention',
    subType: 'other',
    area: 'community_health',
    commissioner: 'icb',
    providerType: 'nhs_community',
    providerName: 'Northbridge Community Health (illustrative)',
    source: 'additional_icb',
    outputs: [1_100, 'people seen'],
    isNew: true,
    annualPounds: 500_000,
    actualBp: [8_000, 9_000, 9_500, 0],
  },
];

const PARTNERSHIPS: DemoPartnership[] = [
  {
    name: 'Northbridge Better Care Fund',
    area: 'Northbridge Health and Wellbeing Board',
    arrangement: 'pooled_fund',
    host: 'council',
    members: ['council', 'icb'],
    funds: [
      {
        name: 'Better Care Fund',
        financialYear: '2025/26',
        lines: [
          ['icb', 'nhs_minimum', 21_634_000, FULL_YEAR],
          ['icb', 'discharge_icb', 2_486_000, [10_000, 10_000, 10_000, 9_650]],
          ['icb', 'additional_icb', 500_000, [10_000, 10_000, 10_000, 10_000]],
          ['council', 'la_bcf', 9_872_000, FULL_YEAR],
          ['council', 'dfg', 2_918_000, [8_400, 9_100, 9_600, 11_200]],
          ['council', 'discharge_la', 1_734_000, [10_000, 10_000, 10_400, 10_600]],
          ['council', 'additional_la', 1_200_000, [10_000, 10_000, 10_000, 10_000]],
        ],
        schemes: NORTHBRIDGE_SCHEMES,
        ringFences: { nhsToSocialCarePounds: 8_900_000, outOfHospitalPounds: 6_200_000 },
        outcomes: NORTHBRIDGE_OUTCOMES,
        benefits: NORTHBRIDGE_BENEFITS,
      },
      {
        name: 'Better Care Fund',
        financialYear: '2026/27',
        lines: [
          ['icb', 'nhs_minimum', 22_858_000, [10_000, 10_000]],
          ['icb', 'discharge_icb', 2_486_000, [10_000, 9_800]],
          ['council', 'la_bcf', 9_872_000, [10_000, 10_000]],
          ['council', 'dfg', 3_010_000, [7_900, 9_300]],
          ['council', 'discharge_la', 1_734_000, [10_000, 10_000]],
          ['council', 'additional_la', 1_350_000, [10_000, 10_000]],
        ],
      },
    ],
  },
  {
    name: 'Westmoor Looked-After Children Placements Pool',
    area: 'Westmoor county',
    arrangement: 'pooled_fund',
    host: 'westmoorCsc',
    members: ['westmoorCsc', 'westmoorEdu', 'westmoorIcb'],
    funds: [
      {
        name: 'Out-of-area placements pool',
        financialYear: '2025/26',
        lines: [
          ['westmoorCsc', 'partner_contribution', 3_600_000, [10_000, 10_000, 10_800, 11_500]],
          ['westmoorEdu', 'partner_contribution', 1_500_000, FULL_YEAR],
          ['westmoorIcb', 'partner_contribution', 900_000, [10_000, 10_000, 10_000, 10_500]],
        ],
      },
    ],
  },
  {
    name: 'Northbridge Older People’s Prevention Pilot',
    area: 'Northbridge',
    arrangement: 'aligned_budget',
    host: 'council',
    members: ['council', 'icb', 'forum'],
    funds: [
      {
        name: 'Prevention pilot (POPP-style)',
        financialYear: '2025/26',
        lines: [
          ['council', 'additional_la', 450_000, [9_000, 10_000, 10_000, 10_400]],
          ['icb', 'additional_icb', 350_000, FULL_YEAR],
          ['forum', 'partner_contribution', 40_000, [10_000, 10_000, 10_000, 10_000]],
        ],
      },
    ],
  },
];

/** The transitions joint-funding rule of domain.md "Splits", seeded in every demo partnership. */
const STANDARD_FORMULA = {
  name: 'Standard formula 30/20 (transitions)',
  description:
    'A person moving from children’s to adult services with a significant health need: 30% from social care and 20% from ' +
    'health; the other 50% (education, the person’s own contribution, or a gap) is shown as unfunded. Illustrative.',
  sourceOfRule: 'A local joint-funding protocol (illustrative); no national source defines the 30/20 formula',
  fixed: [],
  shares: [
    { party: 'social_care' as const, basisPoints: 3_000 },
    { party: 'health' as const, basisPoints: 2_000 },
  ],
  remainder: 'unfunded' as const,
};

/** Pro rata to planned contributions, both ways, with no contingency or uncommitted money held (illustrative). */
const DEMO_RISK_SHARE = {
  overspendMethod: { kind: 'pro_rata_planned' as const },
  underspendMethod: { kind: 'pro_rata_planned' as const },
  contingencyPence: 0,
  uncommittedPence: 0,
};

/** Whether the database holds no partnerships or organisations yet (a first start). */
export async function isEmpty(db: DB): Promise<boolean> {
  const org = await db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  const partnership = await db.selectFrom('partnership').select('id').limit(1).executeTakeFirst();
  return !org && !partnership;
}

async function seedPartnership(writer: BatchWriter, spec: DemoPartnership, orgIds: Record<string, number>): Promise<void> {
  const idOf = (key: string): number => {
    const id = orgIds[key];
    if (id === undefined) throw new Error(`demo seed names an unknown organisation '${key}'`);
    return id;
  };
  const partnership = await writer.create(partnershipTable, {
    name: spec.name,
    area: spec.area,
    arrangement: spec.arrangement,
    hostOrgId: idOf(spec.host),
    notes: DEMO_NOTE,
    memberOrgIds: spec.members.map(idOf),
  });
  await writer.tx.updateTable('partnership').set({ isDemo: 1 }).where('id', '=', partnership.id).execute();
  await writer.create(splitRuleTable, { partnershipId: partnership.id, ...STANDARD_FORMULA });
  for (const fundSpec of spec.funds) {
    const fund = await writer.create(fundTable, {
      partnershipId: partnership.id,
      name: fundSpec.name,
      financialYear: fundSpec.financialYear,
    });
    for (const [partner, source, annualPounds, actualBp] of fundSpec.lines) {
      const instalments = quarterlyInstalments(annualPounds * POUND);
      for (const [index, plannedPence] of instalments.entries()) {
        const bp = actualBp[index];
        await writer.create(contributionTable, {
          fundId: fund.id,
          orgId: idOf(partner),
          source,
          quarter: index + 1,
          plannedPence,
          actualPence: bp === undefined ? 0 : applyBasisPoints(plannedPence, bp),
          note: bp === undefined ? 'Not yet received' : '',
        });
      }
    }
    const schemeIds = new Map<string, number>();
    for (const scheme of fundSpec.schemes ?? []) schemeIds.set(scheme.code, await seedScheme(writer, fund.id, scheme));
    await seedOutcomes(writer, fund.id, fundSpec.financialYear, fundSpec.outcomes ?? []);
    await seedBenefits(writer, fund.id, schemeIds, fundSpec.benefits ?? []);
    // The Section 75 risk share most agreements start from (domain.md "Risk share"): pro rata to planned contributions.
    // A new fund already reads as this, so the write path records no change; it is here to say what the demo agrees.
    const riskShare = await writer.update(riskShareTable, fund.id, fund.version, DEMO_RISK_SHARE);
    if (fundSpec.ringFences) {
      await writer.update(planSettingsTable, fund.id, riskShare.version, {
        minNhsToSocialCarePence: fundSpec.ringFences.nhsToSocialCarePounds * POUND,
        minOutOfHospitalPence: fundSpec.ringFences.outOfHospitalPounds * POUND,
      });
    }
  }
}

async function seedOutcomes(writer: BatchWriter, fundId: number, financialYear: string, outcomes: DemoOutcome[]): Promise<void> {
  const metrics = await listMetrics(writer.tx, bcfYearOf(financialYear));
  for (const spec of outcomes) {
    const metric = metrics.find((m) => m.code === spec.metric);
    if (!metric) throw new Error(`demo seed names an unknown metric '${spec.metric}'`);
    for (const [index, [target, actual, narrative]] of spec.quarters.entries()) {
      const counts = Array.isArray(actual) ? actual : null;
      await writer.create(outcomeTable, {
        fundId,
        schemeId: null,
        metricId: metric.id,
        quarter: index + 1,
        baseline: spec.baseline,
        target,
        actual: counts && metric.unit !== 'count' ? rateFromCounts(counts[0], counts[1], RATE_PER[metric.unit]) : (actual as number | null),
        actualNumerator: counts?.[0] ?? null,
        actualDenominator: counts?.[1] ?? null,
        narrative,
      });
    }
  }
}

async function seedBenefits(writer: BatchWriter, fundId: number, schemeIds: Map<string, number>, benefits: DemoBenefit[]): Promise<void> {
  const [costs, evidence] = [await listUnitCosts(writer.tx), await listEvidence(writer.tx)];
  for (const spec of benefits) {
    const schemeId = schemeIds.get(spec.scheme);
    const unitCost = costs.find((u) => u.item.startsWith(spec.unitCost));
    const item = spec.evidence === undefined ? null : evidence.find((e) => e.claim.startsWith(spec.evidence ?? ''));
    if (schemeId === undefined || !unitCost || item === undefined) throw new Error(`demo benefit line '${spec.label}' names something unknown`);
    await writer.create(benefitTable, {
      fundId,
      schemeId,
      label: `${spec.label} (illustrative)`,
      party: spec.party,
      unitCostId: unitCost.id,
      startYear: 0,
      years: spec.years,
      activityPerYear: spec.activityPerYear,
      healthValue: false,
      evidenceId: item?.id ?? null,
      deadweightBp: spec.deadweightBp,
      attributionBp: spec.attributionBp,
      optimismBiasBp: spec.optimismBiasBp,
      dropOffBp: spec.dropOffBp,
    });
  }
}

async function seedScheme(writer: BatchWriter, fundId: number, scheme: DemoScheme): Promise<number> {
  const planned = quarterlyInstalments(scheme.annualPounds * POUND);
  const spend: Record<string, number> = {};
  for (const [index, plannedPence] of planned.entries()) {
    spend[`q${index + 1}PlannedPence`] = plannedPence;
    spend[`q${index + 1}ActualPence`] = applyBasisPoints(plannedPence, scheme.actualBp[index] ?? 0);
  }
  const row = await writer.create(schemeTable, {
    fundId,
    code: scheme.code,
    name: scheme.name,
    description: `${scheme.description} Illustrative.`,
    schemeType: scheme.type,
    subType: scheme.subType,
    subTypeOther: scheme.subType === 'other' ? 'Falls clinics and non-injury falls pick-up' : '',
    areaOfSpend: scheme.area,
    commissioner: scheme.commissioner,
    nhsShareBp: scheme.split?.[0] ?? null,
    laShareBp: scheme.split?.[1] ?? null,
    providerType: scheme.providerType,
    providerName: scheme.providerName,
    fundingSource: scheme.source,
    outputQuantity: scheme.outputs[0],
    outputUnit: scheme.outputs[1],
    isNew: scheme.isNew,
    q1PlannedPence: spend.q1PlannedPence ?? 0,
    q1ActualPence: spend.q1ActualPence ?? 0,
    q2PlannedPence: spend.q2PlannedPence ?? 0,
    q2ActualPence: spend.q2ActualPence ?? 0,
    q3PlannedPence: spend.q3PlannedPence ?? 0,
    q3ActualPence: spend.q3ActualPence ?? 0,
    q4PlannedPence: spend.q4PlannedPence ?? 0,
    q4ActualPence: spend.q4ActualPence ?? 0,
  });
  return row.id;
}

/** Write the illustrative demo data as one audited batch. */
export async function seedDemo(db: DB): Promise<void> {
  await runBatch(db, { userId: null }, { kind: 'seed', label: 'Demo data (illustrative)', fundId: null }, async (writer) => {
    const orgIds: Record<string, number> = {};
    for (const [key, org] of Object.entries(ORGANISATIONS)) {
      const row = await writer.create(organisationTable, { ...org, onsCode: null });
      orgIds[key] = row.id;
    }
    for (const spec of PARTNERSHIPS) await seedPartnership(writer, spec, orgIds);
  });
}
