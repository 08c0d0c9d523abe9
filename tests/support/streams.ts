// The funding streams of BCF year 2025/26, in the order the year lists them (db/migrations/20261206T000000_bcf_years.ts):
// the sources a 2025/26 fund's contributions may name, for tests and the bench that make many rows (eight streams,
// so 32 rows a partner in a fund). tests/api/fund-streams.test.ts checks that the year lists exactly these.
export const STREAMS_2025_26: readonly string[] = [
  'nhs_minimum',
  'la_better_care_grant',
  'dfg',
  'additional_icb',
  'additional_la',
  'carry_forward',
  'partner_contribution',
  'other',
];
