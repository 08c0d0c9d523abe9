// A hand-made BoardReport for the board pack's tests: every section has figures, and the names are hostile (markup,
// formula text, characters the PDF's fonts do not have), so a test can see they come out literally and harmless.
import { reportedTotal, type BoardReport, type EvidenceRef } from '../../shared/board-report';

export const HOSTILE_PARTNERSHIP = '<img src=x onerror=alert(1)> Partnership';
export const FORMULA_PARTNER = '=HYPERLINK("http://evil.example","click")';

export const POPP_INTERIM: EvidenceRef = {
  id: 1,
  claim: 'POPP saved £0.73 on emergency bed-days for each £1 spent',
  valueKind: 'per_pound',
  value: 7300,
  low: null,
  high: null,
  publication: 'PSSRU, National evaluation of POPP, interim report (2008)',
  url: 'https://www.pssru.ac.uk/pub/dp2649.pdf',
};

export const POPP_FINAL: EvidenceRef = {
  id: 2,
  claim: 'POPP saved £1.20 for each £1 spent (range £0.80 to £1.60)',
  valueKind: 'per_pound',
  value: 12000,
  low: 8000,
  high: 16000,
  publication: 'PSSRU, National evaluation of POPP, final report (2010)',
  url: 'javascript:alert(1)',
};

export const FALL_COST: EvidenceRef = {
  id: 3,
  claim: '@SUM(1) a fall admission costs about £4,088',
  valueKind: 'pence',
  value: 408_800,
  low: 350_000,
  high: null,
  publication: 'NHS reference costs 2022/23',
  url: null,
};

/** NC2's commentary: a No's reason, which the PDF and the workbook must carry in full. */
export const CONDITION_COMMENTARY = 'Sign-off moved to the July board; =the plan is agreed in principle';

export function boardReportFixture(overrides: Partial<BoardReport> = {}): BoardReport {
  return {
    partnership: { id: 7, name: HOSTILE_PARTNERSHIP, isDemo: true },
    fund: { id: 11, name: 'Better Care Fund', financialYear: '2025/26' },
    funds: [{ id: 11, name: 'Better Care Fund', financialYear: '2025/26' }],
    period: { fromQuarter: 1, toQuarter: 2 },
    generatedAt: '2026-06-15T09:30:00.000Z',
    tiles: {
      pooledPence: 2_460_000_000,
      // Q2 is not reported yet (as the server finds it: no actual above zero in Q2): the total covers Q1.
      spentToDate: reportedTotal([
        { quarter: 1, plannedPence: 480_000_000, actualPence: 512_345_67 },
        { quarter: 2, plannedPence: 480_000_000, actualPence: null },
      ]),
      savedPerPoundBp: 7300,
      metricsOnTrack: 1,
      metricsTotal: 2,
    },
    reportedThrough: { spend: 1, contributions: 1 },
    contributionsByQuarter: [
      {
        quarter: 1,
        reported: true,
        partners: [
          { orgId: 1, name: 'Northbridge Borough Council', plannedPence: 300_000_000, actualPence: 290_000_001 },
          { orgId: 2, name: FORMULA_PARTNER, plannedPence: 200_000_000, actualPence: 210_000_000 },
        ],
      },
      {
        quarter: 2,
        reported: false,
        partners: [
          { orgId: 1, name: 'Northbridge Borough Council', plannedPence: 300_000_000, actualPence: null },
          { orgId: 2, name: FORMULA_PARTNER, plannedPence: 200_000_000, actualPence: null },
        ],
      },
    ],
    spendByQuarter: [
      { quarter: 1, reported: true, plannedPence: 480_000_000, actualPence: 512_345_67 },
      { quarter: 2, reported: false, plannedPence: 480_000_000, actualPence: null },
    ],
    schemeReturns: [
      {
        schemeId: 21,
        code: 'S01',
        name: 'Falls prevention – Ωmega 🚑',
        costPence: 100_000_000,
        netBenefitPence: 73_000_000,
        savedPerPoundBp: 7300,
        lowBp: 8000,
        highBp: 16000,
        netPresentValuePence: -28_123_45,
        benefitCostRatioBp: 7012,
        paybackYear: null,
        evidence: [POPP_INTERIM, POPP_FINAL],
      },
      {
        schemeId: 22,
        code: '+S02',
        name: '-Discharge to assess',
        costPence: 0,
        netBenefitPence: 0,
        savedPerPoundBp: null,
        lowBp: null,
        highBp: null,
        netPresentValuePence: 0,
        benefitCostRatioBp: null,
        paybackYear: 3,
        evidence: [],
      },
    ],
    metricTrends: [
      {
        metricId: 31,
        code: 'EA',
        name: 'Emergency admissions',
        unit: 'per_100000',
        polarity: 'lower',
        points: [
          { quarter: 1, targetHundredths: 152_345, actualHundredths: 150_000, status: 'on_track', narrative: 'Falls service started.' },
          { quarter: 2, targetHundredths: 152_345, actualHundredths: null, status: 'data_not_available', narrative: '\tawaiting SUS data' },
        ],
      },
      {
        metricId: 32,
        code: 'HOME',
        name: 'Home 91 days after discharge',
        unit: 'percent',
        polarity: 'higher',
        points: [
          { quarter: 1, targetHundredths: 8250, actualHundredths: 8012, status: 'not_on_track', narrative: '\rbelow target' },
          { quarter: 2, targetHundredths: 8250, actualHundredths: 8300, status: 'on_track', narrative: '' },
        ],
      },
    ],
    investsVsBenefits: [
      { party: 'social_care', name: 'Northbridge Borough Council', investsPence: 60_000_000, benefitsPence: 13_000_000 },
      { party: 'health', name: 'Northbridge ICB', investsPence: 40_000_000, benefitsPence: 60_000_000 },
    ],
    evidence: [POPP_INTERIM, POPP_FINAL, FALL_COST],
    // The pool and planned spend agree: no reason to give (shared/reconcile.ts).
    reconciliation: { pooledPence: 2_460_000_000, plannedSpendPence: 2_460_000_000, differencePence: 0, gaps: [] },
    conditions: {
      bcfYear: '2025/26',
      answers: [
        { code: 'nc1', text: 'A jointly agreed plan, signed off by the HWB', answer: 'yes', commentary: '', id: 1, version: 1 },
        { code: 'nc2', text: 'Implementing the BCF policy objectives', answer: 'no', commentary: CONDITION_COMMENTARY, id: 2, version: 1 },
        { code: 'nc3', text: 'Complying with grant and funding conditions', answer: null, commentary: '', id: null, version: null },
      ],
    },
    ...overrides,
  };
}
