// The NHS minimum to adult social care by the year's uplift (shared/nhs-minimum.ts): exact pence, rounded once to the
// penny half up, and the rules that choose the baseline; then the ring-fence check that words the working.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_PENCE } from '../../shared/money';
import {
  NHS_MINIMUM_ROUNDING,
  nhsMinimumWorking,
  requirementText,
  upliftedMinimum,
  upliftFactorText,
  type NhsMinimumInputs,
} from '../../shared/nhs-minimum';
import { ringFenceChecks } from '../../shared/plan-checks';
import type { FundPlan, Scheme } from '../../shared/plan-types';

const baselineArb = fc.integer({ min: 0, max: MAX_AMOUNT_PENCE });
const upliftArb = fc.integer({ min: -10_000, max: 10_000 });

describe('upliftedMinimum', () => {
  it('works the 2025/26 rule exactly: £7,998,341.00 x 1.039 = £8,310,276.299, so £8,310,276.30', () => {
    expect(upliftedMinimum(799_834_100, 390)).toEqual({
      baselinePence: 799_834_100,
      upliftBp: 390,
      exactText: '£8,310,276.299',
      resultPence: 831_027_630,
    });
  });

  it('rounds a product exactly half a penny over up, and anything under half down', () => {
    expect(upliftedMinimum(50, 100)).toMatchObject({ exactText: '£0.505', resultPence: 51 }); // 50.5p
    expect(upliftedMinimum(150, -100)).toMatchObject({ exactText: '£1.485', resultPence: 149 }); // 148.5p
    expect(upliftedMinimum(1, 4_999)).toMatchObject({ exactText: '£0.014999', resultPence: 1 }); // 1.4999p
    expect(upliftedMinimum(1, 5_000)).toMatchObject({ exactText: '£0.015', resultPence: 2 }); // 1.5p
  });

  it('is exact beyond 2^53: the largest baseline doubled (+100%) and a product whose 1/10,000ths of a penny pass 2^53', () => {
    expect(upliftedMinimum(MAX_AMOUNT_PENCE, 10_000).resultPence).toBe(2 * MAX_AMOUNT_PENCE);
    // 9,999,999,999,999p x 10,001 is about 10^17, past 2^53: exactly 10,000,999,999,998.9999p, so ...999p.
    expect(upliftedMinimum(9_999_999_999_999, 1)).toMatchObject({ resultPence: 10_000_999_999_999, exactText: '£100,009,999,999.989999' });
  });

  it('writes the factor as people do', () => {
    expect([390, 0, -50, -10_000, 10_000, 1_234, 566].map(upliftFactorText)).toEqual(['1.039', '1', '0.995', '0', '2', '1.1234', '1.0566']);
  });

  it('refuses a negative or fractional baseline and an uplift outside -100% to +100%', () => {
    expect(() => upliftedMinimum(-1, 390)).toThrow(/Baseline must be a whole number of pence of 0 or more, got -1/);
    expect(() => upliftedMinimum(1.5, 390)).toThrow(/got 1.5/);
    expect(() => upliftedMinimum(100, 10_001)).toThrow(/-10000 to 10000, got 10001/);
  });

  it('property: 0 bp is the identity', () => {
    fc.assert(fc.property(baselineArb, (b) => upliftedMinimum(b, 0).resultPence === b));
  });

  it('property: the result is within half a penny of the exact product, and a tie goes up', () => {
    fc.assert(
      fc.property(baselineArb, upliftArb, (b, u) => {
        const exact = BigInt(b) * BigInt(10_000 + u); // in 1/10,000ths of a penny
        const diff = BigInt(upliftedMinimum(b, u).resultPence) * 10_000n - exact;
        return diff > -5_000n && diff <= 5_000n;
      }),
    );
  });

  it('property: monotonic in the baseline and in the uplift', () => {
    fc.assert(
      fc.property(baselineArb, baselineArb, upliftArb, (a, b, u) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return upliftedMinimum(lo, u).resultPence <= upliftedMinimum(hi, u).resultPence;
      }),
    );
    fc.assert(
      fc.property(baselineArb, upliftArb, upliftArb, (b, u, v) => {
        const [lo, hi] = u <= v ? [u, v] : [v, u];
        return upliftedMinimum(b, lo).resultPence <= upliftedMinimum(b, hi).resultPence;
      }),
    );
  });

  it('property: whole pounds and the exact text agree (the text read back is the exact product)', () => {
    fc.assert(
      fc.property(baselineArb, upliftArb, (b, u) => {
        const { exactText } = upliftedMinimum(b, u);
        const digits = exactText.replace(/[£,]/g, '');
        const [whole = '', fraction = ''] = digits.split('.');
        return BigInt(whole + fraction.padEnd(6, '0')) === BigInt(b) * BigInt(10_000 + u);
      }),
    );
  });
});

const INPUTS: NhsMinimumInputs = {
  baselineYear: '2024/25',
  upliftBp: 390,
  typedMinimumPence: 0,
  previous: null,
  typedBaselinePence: null,
  overridePence: null,
  overrideReason: null,
};

describe('nhsMinimumWorking: which baseline, and what is required', () => {
  it('a year without an uplift keeps the typed minimum (£0.00: no requirement), whatever else is stored', () => {
    const typed = nhsMinimumWorking({ ...INPUTS, upliftBp: null, typedMinimumPence: 890_000_000, typedBaselinePence: 1, overridePence: 2 });
    expect(typed).toMatchObject({ baselinePence: null, workedPence: null, overridePence: null, requiredPence: 890_000_000 });
    expect(nhsMinimumWorking({ ...INPUTS, upliftBp: null }).requiredPence).toBeNull();
  });

  it('takes the previous year’s fund’s requirement over a typed baseline', () => {
    const previous = { fundId: 7, name: 'Better Care Fund', financialYear: '2024/25', requiredPence: 799_834_100 };
    const working = nhsMinimumWorking({ ...INPUTS, previous, typedBaselinePence: 1_000 });
    expect(working).toMatchObject({
      baselinePence: 799_834_100,
      baselineFrom: { fundId: 7, name: 'Better Care Fund', financialYear: '2024/25' },
      workedPence: 831_027_630,
      requiredPence: 831_027_630,
    });
  });

  it('a previous fund with no requirement leaves the typed baseline; with neither there is no requirement yet', () => {
    const previous = { fundId: 7, name: 'Better Care Fund', financialYear: '2024/25', requiredPence: null };
    expect(nhsMinimumWorking({ ...INPUTS, previous, typedBaselinePence: 100_000 })).toMatchObject({
      baselineFrom: 'typed',
      workedPence: 103_900,
    });
    expect(nhsMinimumWorking({ ...INPUTS, previous })).toMatchObject({ baselineFrom: null, workedPence: null, requiredPence: null });
  });

  it('an override wins, with or without a baseline', () => {
    const withBaseline = nhsMinimumWorking({ ...INPUTS, typedBaselinePence: 100_000, overridePence: 99_000, overrideReason: 'Agreed' });
    expect(withBaseline).toMatchObject({ workedPence: 103_900, overridePence: 99_000, overrideReason: 'Agreed', requiredPence: 99_000 });
    expect(nhsMinimumWorking({ ...INPUTS, overridePence: 5, overrideReason: 'x' }).requiredPence).toBe(5);
  });

  it('words the working, the override and the stated rounding', () => {
    const worked = nhsMinimumWorking({ ...INPUTS, typedBaselinePence: 799_834_100 });
    expect(requirementText(worked)).toBe(`£8,310,276.30 = 2024/25 baseline £7,998,341.00 x 1.039 (${NHS_MINIMUM_ROUNDING})`);
    expect(NHS_MINIMUM_ROUNDING).toBe('rounded to the penny, half up');
    const overridden = nhsMinimumWorking({
      ...INPUTS,
      typedBaselinePence: 799_834_100,
      overridePence: 800_000_000,
      overrideReason: 'Agreed by the board',
    });
    expect(requirementText(overridden)).toBe(
      '£8,000,000.00, overridden: Agreed by the board (worked out: £8,310,276.30 = 2024/25 baseline £7,998,341.00 x 1.039 (rounded to the penny, half up))',
    );
  });
});

describe('the ring-fence check by the year’s rule', () => {
  const socialCare = (plannedPence: number) =>
    ({
      fundingSource: 'nhs_minimum',
      areaOfSpend: 'social_care',
      spend: [1, 2, 3, 4].map((quarter) => ({ quarter, plannedPence: quarter === 1 ? plannedPence : 0, actualPence: 0 })),
    }) as unknown as Scheme;
  const settings = { minNhsToSocialCarePence: 123, minOutOfHospitalPence: 0, amberThresholdBp: 500, redThresholdBp: 1000 };
  const checkOf = (
    nhsMinimum: ReturnType<typeof nhsMinimumWorking> | undefined,
    planned: number,
    incomeBySource: FundPlan['incomeBySource'] = [],
  ) =>
    ringFenceChecks({ schemes: planned === 0 ? [] : [socialCare(planned)], settings, nhsMinimum, incomeBySource }).find(
      (c) => c.id === 'ring_fence:nhs_minimum_social_care',
    );

  it('requires the worked figure (not the typed minimum), passing at it and failing a penny under, with the working', () => {
    const working = nhsMinimumWorking({ ...INPUTS, typedBaselinePence: 799_834_100 });
    const pass = checkOf(working, 831_027_630);
    expect(pass).toMatchObject({
      ok: true,
      label:
        'NHS minimum contribution to adult social care: at least £8,310,276.30 = 2024/25 baseline £7,998,341.00 x 1.039 (rounded to the penny, half up)',
    });
    expect(checkOf(working, 831_027_629)).toMatchObject({ ok: false, detail: expect.stringMatching(/^£0.01 short/) });
  });

  it('fails asking for the baseline when a fund holding NHS minimum money has none; a pool without such money has no check', () => {
    const asking = { ok: false, label: 'NHS minimum contribution to adult social care: type the 2024/25 baseline' };
    expect(checkOf(nhsMinimumWorking(INPUTS), 10 ** 9)).toMatchObject(asking);
    const income = [{ source: 'nhs_minimum', name: 'NHS minimum contribution', plannedPence: 1 }];
    expect(checkOf(nhsMinimumWorking(INPUTS), 0, income)).toMatchObject(asking);
    const otherIncome = [{ source: 'partner_contribution', name: 'Partner contribution', plannedPence: 10 ** 9 }];
    expect(checkOf(nhsMinimumWorking(INPUTS), 0, otherIncome)).toBeUndefined();
    // A baseline makes it a requirement even before any NHS minimum money is planned.
    expect(checkOf(nhsMinimumWorking({ ...INPUTS, typedBaselinePence: 100 }), 0, otherIncome)).toMatchObject({ ok: false });
  });

  it('a year without an uplift (or a plan without the working) checks the typed minimum, as before', () => {
    const typed = nhsMinimumWorking({ ...INPUTS, upliftBp: null, typedMinimumPence: 123 });
    expect(checkOf(typed, 122)).toMatchObject({ ok: false, label: 'NHS minimum contribution to adult social care: at least £1.23' });
    expect(checkOf(undefined, 123)).toMatchObject({ ok: true, label: 'NHS minimum contribution to adult social care: at least £1.23' });
  });
});
