// The BCF years the demo opens, as an administrator would on /admin (bcfYears.open): ILLUSTRATIVE. 2023-25 and
// 2025/26 come with the migrations; 2026/27 is opened here as a copy of 2025/26's lists, before the 2026/27 fund that
// names it, so the demo shows a year added as data, never by a code change.
import type { BcfYearOpenInput } from '../../shared/schema/bcf-year';

export const DEMO_BCF_YEARS: readonly BcfYearOpenInput[] = [
  {
    copyFrom: '2025/26',
    code: '2026/27',
    label: 'BCF 2026 to 2027',
    firstFinancialYear: '2026/27',
    lastFinancialYear: '2026/27',
    sourceNote:
      'Opened by the illustrative demo as an administrator would, as a copy of BCF year 2025/26: its streams, lists and ' +
      'metrics are 2025/26’s, and its uplift of the NHS minimum to adult social care is copied from 2025/26 and ' +
      'illustrative, not the Better Care Fund framework 2026 to 2027’s figure.',
  },
];
