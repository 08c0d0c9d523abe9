// The years side by side: planned totals by stream and partner per financial year, exact in pence; the change from the
// year before in £ and per mille, rounded half away from zero; streams moved between BCF years by the mapping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeBetween, partnershipYears, perMilleText, type YearsInput } from '../../shared/partnership-years';

const input: YearsInput = {
  years: [
    { financialYear: '2025/26', bcfYear: '2025/26', bcfYearLabel: 'BCF 2025 to 2026', fundNames: ['Better Care Fund'] },
    { financialYear: '2024/25', bcfYear: '2023-25', bcfYearLabel: 'BCF 2023 to 2025', fundNames: ['Better Care Fund'] },
  ],
  lines: [
    { financialYear: '2024/25', source: 'nhs_minimum', orgId: 2, plannedPence: 1_000_00 },
    { financialYear: '2024/25', source: 'discharge_icb', orgId: 2, plannedPence: 200_00 },
    { financialYear: '2024/25', source: 'la_bcf', orgId: 1, plannedPence: 300_00 },
    { financialYear: '2024/25', source: 'discharge_la', orgId: 1, plannedPence: 33_33 },
    { financialYear: '2024/25', source: 'carry_forward', orgId: 1, plannedPence: 10_00 },
    { financialYear: '2025/26', source: 'nhs_minimum', orgId: 2, plannedPence: 1_246_80 },
    { financialYear: '2025/26', source: 'la_better_care_grant', orgId: 1, plannedPence: 333_33 },
  ],
  streamsByYear: {
    '2023-25': [
      { code: 'nhs_minimum', name: 'NHS minimum contribution' },
      { code: 'discharge_icb', name: 'Discharge fund (ICB)' },
      { code: 'la_bcf', name: 'Local Authority BCF (iBCF)' },
      { code: 'discharge_la', name: 'Discharge fund (LA)' },
      { code: 'carry_forward', name: 'Carry-forward' },
    ],
    '2025/26': [
      { code: 'nhs_minimum', name: 'NHS minimum contribution' },
      { code: 'la_better_care_grant', name: 'Local Authority Better Care Grant' },
      { code: 'carry_forward', name: 'Carry-forward of underspend' },
    ],
  },
  sourceNames: {},
  mappings: [
    { fromYear: '2023-25', toYear: '2025/26', fromCode: 'discharge_icb', toCode: 'nhs_minimum' },
    { fromYear: '2023-25', toYear: '2025/26', fromCode: 'la_bcf', toCode: 'la_better_care_grant' },
    { fromYear: '2023-25', toYear: '2025/26', fromCode: 'discharge_la', toCode: 'la_better_care_grant' },
  ],
  orgNames: { 1: 'Council', 2: 'ICB' },
};

describe('partnershipYears', () => {
  it('lines up mapped streams under the later year’s names, with exact pence and per-mille changes', () => {
    const result = partnershipYears(input);
    expect(result.years.map((y) => y.financialYear)).toEqual(['2024/25', '2025/26']);
    expect(result.streams.map((s) => [s.name, s.byYear, s.changes[1]])).toEqual([
      ['NHS minimum contribution', [1_200_00, 1_246_80], { pence: 46_80, perMille: 39 }],
      ['Local Authority Better Care Grant', [333_33, 333_33], { pence: 0, perMille: 0 }],
      ['Carry-forward of underspend', [10_00, 0], { pence: -10_00, perMille: -1000 }],
    ]);
    expect(result.streams[0]?.mappedFrom).toEqual(['Discharge fund (ICB) (2023-25)']);
    expect(result.streams[1]?.mappedFrom).toEqual(['Discharge fund (LA) (2023-25)', 'Local Authority BCF (iBCF) (2023-25)']);
    expect(result.mappingNotes).toEqual([
      'Discharge fund (ICB) (2023-25) is shown under NHS minimum contribution, as the years’ mapping says.',
      'Discharge fund (LA) (2023-25) and Local Authority BCF (iBCF) (2023-25) are shown under Local Authority Better Care Grant, as the years’ mapping says.',
    ]);
    expect(result.partners.map((p) => [p.name, p.byYear, p.changes[1]])).toEqual([
      ['Council', [343_33, 333_33], { pence: -10_00, perMille: -29 }],
      ['ICB', [1_200_00, 1_246_80], { pence: 46_80, perMille: 39 }],
    ]);
    expect(result.total.byYear).toEqual([1_543_33, 1_580_13]);
    expect(result.total.changes).toEqual([null, { pence: 36_80, perMille: 24 }]);
  });

  it('per mille rounds half away from zero and is none from £0; the text has one decimal and a sign', () => {
    expect(changeBetween(2000, 2001)).toEqual({ pence: 1, perMille: 1 }); // 0.5 per mille rounds up
    expect(changeBetween(2000, 1999)).toEqual({ pence: -1, perMille: -1 });
    expect(changeBetween(0, 500)).toEqual({ pence: 500, perMille: null });
    expect(perMilleText(57)).toBe('+5.7%');
    expect(perMilleText(-3)).toBe('-0.3%');
    expect(perMilleText(0)).toBe('0.0%');
    expect(perMilleText(null)).toBe('—');
  });

  it('the stream rows and the partner rows each add up to the total, every year', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            financialYear: fc.constantFrom('2024/25', '2025/26'),
            source: fc.constantFrom('nhs_minimum', 'discharge_icb', 'la_bcf', 'other_code'),
            orgId: fc.constantFrom(1, 2, 3),
            plannedPence: fc.integer({ min: 0, max: 10_000_000_000 }),
          }),
        ),
        (lines) => {
          const result = partnershipYears({ ...input, lines });
          for (const rows of [result.streams, result.partners]) {
            const sums = result.years.map((_, i) => rows.reduce((sum, r) => sum + (r.byYear[i] ?? 0), 0));
            expect(sums).toEqual(result.total.byYear);
          }
        },
      ),
    );
  });
});
