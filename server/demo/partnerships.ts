// The demo's partnerships, their funds and each partner's income by funding stream: ILLUSTRATIVE ONLY, fictional
// amounts shaped on the public case studies of domain.md ("Demo data"), not any real area's figures.
import { NORTHBRIDGE_PLAN } from './northbridge-plan';
import type { ActualBp, DemoIncomeLine, DemoPartnership, DemoRiskShare, DemoSplitRule } from './types';

/** The note every demo partnership carries, so no one takes its figures for real ones. */
export const DEMO_NOTE = 'Illustrative demo data: fictional organisations and amounts shaped on public case studies. Not real figures.';

/** Paid exactly as planned in every quarter. */
const FULL_YEAR: ActualBp = [10_000, 10_000, 10_000, 10_000];

// Each partner's income by funding stream: [partner, funding stream, annual £, actual as basis points of plan per quarter].

/** The borough BCF 2025/26: the council's and the ICB's streams of the BCF policy framework 2025 to 2026. The NHS
 * minimum contribution includes what was the ICB discharge funding (£21,634,000 + £2,486,000), and the Local Authority
 * Better Care Grant what were the iBCF and the council's discharge funding (£9,872,000 + £1,734,000); the actuals are
 * those lines' together, to the nearest basis point. */
const NORTHBRIDGE_2025_26: readonly DemoIncomeLine[] = [
  ['icb', 'nhs_minimum', 24_120_000, [10_000, 10_000, 10_000, 9_964]],
  ['icb', 'additional_icb', 500_000, FULL_YEAR],
  ['council', 'la_better_care_grant', 11_606_000, [10_000, 10_000, 10_060, 10_090]],
  ['council', 'dfg', 2_918_000, [8_400, 9_100, 9_600, 11_200]],
  ['council', 'additional_la', 1_200_000, FULL_YEAR],
];

/** The borough BCF 2026/27, half a year in, on the streams of BCF year 2026/27 (the demo opens it as a copy of
 * 2025/26's: server/demo/bcf-years.ts). */
const NORTHBRIDGE_2026_27: readonly DemoIncomeLine[] = [
  ['icb', 'nhs_minimum', 25_344_000, [10_000, 9_980]],
  ['council', 'la_better_care_grant', 11_606_000, [10_000, 10_000]],
  ['council', 'dfg', 3_010_000, [7_900, 9_300]],
  ['council', 'additional_la', 1_350_000, [10_000, 10_000]],
];

/** The looked-after children pool: each partner's agreed contribution; placements cost more than planned late in the
 * year. */
const WESTMOOR_POOL: readonly DemoIncomeLine[] = [
  ['westmoorCsc', 'partner_contribution', 3_600_000, [10_000, 10_000, 10_800, 11_500]],
  ['westmoorEdu', 'partner_contribution', 1_500_000, FULL_YEAR],
  ['westmoorIcb', 'partner_contribution', 900_000, [10_000, 10_000, 10_000, 10_500]],
];

/** The prevention pilot: the council's and the ICB's additional money, and the forum's own. */
const PREVENTION_PILOT: readonly DemoIncomeLine[] = [
  ['council', 'additional_la', 450_000, [9_000, 10_000, 10_000, 10_400]],
  ['icb', 'additional_icb', 350_000, FULL_YEAR],
  ['forum', 'partner_contribution', 40_000, FULL_YEAR],
];

export const DEMO_PARTNERSHIPS: readonly DemoPartnership[] = [
  {
    // A borough BCF (council + ICB) for 2025/26, and the first half of 2026/27.
    name: 'Northbridge Better Care Fund',
    area: 'Northbridge Health and Wellbeing Board',
    arrangement: 'pooled_fund',
    host: 'council',
    members: ['council', 'icb'],
    funds: [
      { name: 'Better Care Fund', financialYear: '2025/26', bcfYear: '2025/26', income: NORTHBRIDGE_2025_26, plan: NORTHBRIDGE_PLAN },
      { name: 'Better Care Fund', financialYear: '2026/27', bcfYear: '2026/27', income: NORTHBRIDGE_2026_27 },
    ],
  },
  {
    // A council / ICB / education pool for looked-after children placed out of area (three partners).
    name: 'Westmoor Looked-After Children Placements Pool',
    area: 'Westmoor county',
    arrangement: 'pooled_fund',
    host: 'westmoorCsc',
    members: ['westmoorCsc', 'westmoorEdu', 'westmoorIcb'],
    funds: [{ name: 'Out-of-area placements pool', financialYear: '2025/26', income: WESTMOOR_POOL }],
  },
  {
    // An older people's prevention pilot in the POPP style.
    name: 'Northbridge Older People’s Prevention Pilot',
    area: 'Northbridge',
    arrangement: 'aligned_budget',
    host: 'council',
    members: ['council', 'icb', 'forum'],
    funds: [{ name: 'Prevention pilot (POPP-style)', financialYear: '2025/26', income: PREVENTION_PILOT }],
  },
];

/** The transitions joint-funding rule of domain.md "Splits", held by every demo partnership. */
export const STANDARD_FORMULA: DemoSplitRule = {
  name: 'Standard formula 30/20 (transitions)',
  description:
    'A person moving from children’s to adult services with a significant health need: 30% from social care and 20% from ' +
    'health; the other 50% (education, the person’s own contribution, or a gap) is shown as unfunded. Illustrative.',
  sourceOfRule: 'A local joint-funding protocol (illustrative); no national source defines the 30/20 formula',
  fixed: [],
  shares: [
    { party: 'social_care', basisPoints: 3_000 },
    { party: 'health', basisPoints: 2_000 },
  ],
  remainder: 'unfunded',
};

/** The Section 75 risk share most agreements start from (domain.md "Risk share"): pro rata to planned contributions
 * both ways, with no contingency or uncommitted money held. A new fund already reads as this; every demo fund states
 * it anyway, to say what the demo agrees. */
export const DEMO_RISK_SHARE: DemoRiskShare = {
  overspendMethod: { kind: 'pro_rata_planned' },
  underspendMethod: { kind: 'pro_rata_planned' },
  contingencyPence: 0,
  uncommittedPence: 0,
};
