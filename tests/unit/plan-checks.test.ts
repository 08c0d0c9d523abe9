// The plan's checklist as the national BCF template does it (domain.md, "The expenditure plan"; issue 5): balance per
// funding source, the two ring-fences, joint splits and required fields, on small plans that pass and that fail by
// exactly one penny (or one basis point).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPlan,
  isComplete,
  nhsCommissionedOutOfHospitalPence,
  nhsMinimumToSocialCarePence,
  plannedSpendOf,
  schemeLabel,
} from '../../shared/plan-checks';
import type { FundPlan, PlanCheck, ReferenceItem, Scheme } from '../../shared/plan-types';

const quarters = (q1: number, q2 = 0, q3 = 0, q4 = 0) =>
  [q1, q2, q3, q4].map((plannedPence, i) => ({ quarter: i + 1, plannedPence, actualPence: 0 }));

/** A complete scheme: every required field filled in, commissioned by the council, funded from iBCF. */
function scheme(id: number, overrides: Partial<Scheme> = {}): Scheme {
  return {
    id,
    fundId: 1,
    code: String(id),
    name: `Scheme number ${id}`,
    description: '',
    schemeType: 'home_care',
    subType: null,
    subTypeOther: '',
    areaOfSpend: 'social_care',
    commissioner: 'la',
    nhsShareBp: null,
    laShareBp: null,
    providerType: 'private_sector',
    providerName: '',
    fundingSource: 'ibcf',
    outputQuantity: null,
    outputUnit: '',
    isNew: false,
    spend: quarters(0),
    version: 1,
    updatedAt: '2025-04-01T00:00:00.000Z',
    updatedByName: null,
    ...overrides,
  };
}

const ref = (list: ReferenceItem['list'], code: string, parentCode: string | null = null): ReferenceItem => ({
  id: 0,
  bcfYear: '2025/26',
  list,
  code,
  name: code,
  parentCode,
  sortOrder: 0,
  version: 1,
});

const REFERENCE: ReferenceItem[] = [
  ref('scheme_type', 'home_care'),
  ref('scheme_type', 'bridging'),
  ref('scheme_type', 'other'),
  // Only "bridging" has sub-types: a bridging scheme needs one, a home-care scheme does not.
  ref('sub_type', 'discharge_5_day', 'bridging'),
  ref('sub_type', 'other', 'bridging'),
];

const NO_MINIMUMS = { minNhsToSocialCarePence: 0, minOutOfHospitalPence: 0, amberThresholdBp: 500, redThresholdBp: 1000 };

/** A plan whose year lists `streams` (by default every source the plan uses, so only the stream tests see one outside). */
function plan(
  schemes: Scheme[],
  income: [string, number][],
  settings: Partial<FundPlan['settings']> = {},
  streams: string[] = [...income.map(([source]) => source), ...schemes.flatMap((s) => (s.fundingSource ? [s.fundingSource] : []))],
): FundPlan {
  return {
    fundId: 1,
    bcfYear: '2025/26',
    settings: { ...NO_MINIMUMS, ...settings },
    schemes,
    incomeBySource: income.map(([source, plannedPence]) => ({ source, name: NAMES[source] ?? source, plannedPence })),
    reference: REFERENCE,
    streams: [...new Set(streams)].map((code) => ({ code, name: NAMES[code] ?? code })),
    settingsVersion: 1,
  };
}
const NAMES: Record<string, string> = {
  nhs_minimum: 'NHS minimum contribution',
  ibcf: 'iBCF',
  dfg: 'Disabled Facilities Grant',
  discharge_icb: 'Discharge fund (ICB)',
};

const byId = (checks: PlanCheck[], id: string): PlanCheck => {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${checks.map((c) => c.id).join(', ')}`);
  return found;
};
const failing = (checks: PlanCheck[]) => checks.filter((c) => !c.ok).map((c) => c.id);

describe("streams: every source the plan uses is a funding stream of the fund's BCF year", () => {
  const year = ['nhs_minimum', 'dfg'];

  it("adds no check when every source with income or spend is one of the year's streams", () => {
    const checks = checkPlan(plan([scheme(1, { fundingSource: 'nhs_minimum', spend: quarters(100) })], [['nhs_minimum', 100]], {}, year));
    expect(checks.filter((c) => c.kind === 'stream')).toEqual([]);
  });

  it('flags income and spend kept on a stream the year no longer lists, once per source, pointing at its first scheme', () => {
    const schemes = [
      scheme(1, { fundingSource: 'nhs_minimum', spend: quarters(100) }),
      scheme(2, { fundingSource: 'discharge_icb', spend: quarters(40) }),
      scheme(3, { fundingSource: 'discharge_icb', spend: quarters(60) }),
    ];
    const checks = checkPlan(
      plan(
        schemes,
        [
          ['nhs_minimum', 100],
          ['discharge_icb', 100],
        ],
        {},
        year,
      ),
    );
    expect(checks.filter((c) => c.kind === 'stream')).toEqual([
      {
        id: 'stream:discharge_icb',
        kind: 'stream',
        label: 'Discharge fund (ICB) is a funding stream of BCF year 2025/26',
        ok: false,
        detail:
          "BCF year 2025/26 does not list Discharge fund (ICB) ('discharge_icb'): move its income and spend to one of the year's streams (NHS minimum contribution, Disabled Facilities Grant)",
        target: { schemeId: 2, field: 'fundingSource' },
      },
    ]);
    // The balance still holds for it, so the plan is not complete for the stream alone.
    expect(byId(checks, 'balance:discharge_icb').ok).toBe(true);
    expect(isComplete(checks)).toBe(false);
  });

  it('flags income alone (no scheme to jump to) and ignores a source with no planned income and no spend', () => {
    const checks = checkPlan(
      plan(
        [],
        [
          ['discharge_icb', 500],
          ['ibcf', 0],
        ],
        {},
        year,
      ),
    );
    expect(failing(checks)).toEqual(['balance:discharge_icb', 'stream:discharge_icb']);
    expect(byId(checks, 'stream:discharge_icb').target).toBeNull();
  });
});

describe('balance: planned spend per funding source equals the income from that source', () => {
  // iBCF income £1,000.00 spent by two schemes: 25,000 + 25,000 + 25,000 + 24,999 = 99,999 and 1p in Q4 of the other.
  const ibcfSchemes = (lastPenny: number) => [
    scheme(1, { spend: quarters(25_000, 25_000, 25_000, 24_999) }),
    scheme(2, { spend: quarters(0, 0, 0, lastPenny) }),
  ];

  it('passes when spend equals income to the penny', () => {
    const checks = checkPlan(plan(ibcfSchemes(1), [['ibcf', 100_000]]));
    expect(byId(checks, 'balance:ibcf')).toEqual({
      id: 'balance:ibcf',
      kind: 'balance',
      label: 'Planned spend from iBCF equals its income',
      ok: true,
      detail: '',
      target: { schemeId: 1, field: 'fundingSource' },
    });
    expect(isComplete(checks)).toBe(true);
  });

  it('fails one penny short, saying "£0.01 short" and pointing at the first scheme funded from the source', () => {
    const checks = checkPlan(plan(ibcfSchemes(0), [['ibcf', 100_000]]));
    const check = byId(checks, 'balance:ibcf');
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('£0.01 short: planned spend £999.99 against income £1,000.00');
    expect(check.target).toEqual({ schemeId: 1, field: 'fundingSource' });
    expect(isComplete(checks)).toBe(false);
  });

  it('fails one penny over, saying "£0.01 over"', () => {
    const check = byId(checkPlan(plan(ibcfSchemes(2), [['ibcf', 100_000]])), 'balance:ibcf');
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('£0.01 over: planned spend £1,000.01 against income £1,000.00');
  });

  it('checks a source that has income but no schemes (target null) and one that has spend but no income', () => {
    const checks = checkPlan(plan([scheme(7, { fundingSource: 'dfg', spend: quarters(123_456_78) })], [['ibcf', 500_000_00]]));
    expect(checks.filter((c) => c.kind === 'balance')).toEqual([
      {
        id: 'balance:ibcf',
        kind: 'balance',
        label: 'Planned spend from iBCF equals its income',
        ok: false,
        detail: '£500,000.00 short: planned spend £0.00 against income £500,000.00',
        target: null,
      },
      {
        id: 'balance:dfg',
        kind: 'balance',
        label: 'Planned spend from dfg equals its income',
        ok: false,
        detail: '£123,456.78 over: planned spend £123,456.78 against income £0.00',
        target: { schemeId: 7, field: 'fundingSource' },
      },
    ]);
  });

  it('skips a source with neither income nor spend, and leaves a scheme with no source to its required-field check', () => {
    const checks = checkPlan(plan([scheme(1, { fundingSource: null, spend: quarters(100) })], [['dfg', 0]]));
    expect(checks.filter((c) => c.kind === 'balance')).toEqual([]);
    expect(failing(checks)).toEqual(['required:1:fundingSource']);
  });

  it('adds the income of a source listed twice (one entry per partner)', () => {
    const checks = checkPlan(
      plan(
        [scheme(1, { spend: quarters(300) })],
        [
          ['ibcf', 100],
          ['ibcf', 200],
        ],
      ),
    );
    expect(byId(checks, 'balance:ibcf').ok).toBe(true);
  });

  it('property: the check passes exactly when the planned spend equals the income, and states the gap to the penny', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000_00 });
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, amount, amount, amount), { minLength: 1, maxLength: 6 }), amount, (lines, income) => {
        const schemes = lines.map((q, i) => scheme(i + 1, { spend: quarters(...q) }));
        const spend = lines.flat().reduce((a, b) => a + b, 0);
        const check = checkPlan(plan(schemes, [['ibcf', income]])).find((c) => c.id === 'balance:ibcf');
        if (spend === 0 && income === 0) return check === undefined;
        if (!check) return false;
        if (check.ok !== (spend === income)) return false;
        if (spend === income) return check.detail === '';
        const gap = Math.abs(spend - income);
        const pounds = `£${Math.floor(gap / 100).toLocaleString('en-GB')}.${String(gap % 100).padStart(2, '0')}`;
        return check.detail.startsWith(`${pounds} ${spend < income ? 'short' : 'over'}:`);
      }),
    );
  });
});

describe('ring-fence 1: NHS minimum contribution to adult social care', () => {
  // NHS minimum money on social care: 40,000 (LA) + 20,000 (joint, counted in full) = 60,000.
  // Not counted: NHS minimum on community health (5,000), iBCF on social care (7,000).
  const schemes = [
    scheme(1, { fundingSource: 'nhs_minimum', spend: quarters(10_000, 10_000, 10_000, 10_000) }),
    scheme(2, { fundingSource: 'nhs_minimum', commissioner: 'joint', nhsShareBp: 3000, laShareBp: 7000, spend: quarters(20_000) }),
    scheme(3, { fundingSource: 'nhs_minimum', areaOfSpend: 'community_health', commissioner: 'icb', spend: quarters(5_000) }),
    scheme(4, { fundingSource: 'ibcf', spend: quarters(7_000) }),
  ];
  const income: [string, number][] = [
    ['nhs_minimum', 65_000],
    ['ibcf', 7_000],
  ];

  it('counts NHS-minimum money on social care, a jointly commissioned line in full', () => {
    expect(nhsMinimumToSocialCarePence(schemes)).toBe(60_000);
  });

  it('passes at exactly the minimum', () => {
    const checks = checkPlan(plan(schemes, income, { minNhsToSocialCarePence: 60_000 }));
    expect(byId(checks, 'ring_fence:nhs_minimum_social_care')).toEqual({
      id: 'ring_fence:nhs_minimum_social_care',
      kind: 'ring_fence',
      label: 'NHS minimum contribution to adult social care: at least £600.00',
      ok: true,
      detail: '',
      target: null,
    });
    expect(isComplete(checks)).toBe(true);
  });

  it('fails one penny under the minimum', () => {
    const check = byId(checkPlan(plan(schemes, income, { minNhsToSocialCarePence: 60_001 })), 'ring_fence:nhs_minimum_social_care');
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('£0.01 short: planned £600.00 against a minimum of £600.01');
  });

  it('is not checked when the fund sets no minimum (0)', () => {
    expect(checkPlan(plan(schemes, income)).filter((c) => c.kind === 'ring_fence')).toEqual([]);
  });
});

describe('ring-fence 2: NHS-commissioned out-of-hospital spend from the NHS minimum contribution', () => {
  // Counted: ICB community health 30,000; NHS England mental health 10,000; joint social care 10,001 at 50% NHS = 5,000.5,
  // rounded half away from zero to 5,001. Total 45,001.
  // Not counted: ICB acute (hospital) 50,000; LA-commissioned 7,000; ICB community health paid from iBCF 9,000;
  // an ICB line with no area of spend yet 4,000.
  const schemes = [
    scheme(1, { fundingSource: 'nhs_minimum', commissioner: 'icb', areaOfSpend: 'community_health', spend: quarters(15_000, 15_000) }),
    scheme(2, { fundingSource: 'nhs_minimum', commissioner: 'nhse', areaOfSpend: 'mental_health', spend: quarters(10_000) }),
    scheme(3, { fundingSource: 'nhs_minimum', commissioner: 'joint', nhsShareBp: 5000, laShareBp: 5000, spend: quarters(10_001) }),
    scheme(4, { fundingSource: 'nhs_minimum', commissioner: 'icb', areaOfSpend: 'acute', spend: quarters(50_000) }),
    scheme(5, { fundingSource: 'nhs_minimum', commissioner: 'la', areaOfSpend: 'community_health', spend: quarters(7_000) }),
    scheme(6, { fundingSource: 'ibcf', commissioner: 'icb', areaOfSpend: 'community_health', spend: quarters(9_000) }),
    scheme(7, { fundingSource: 'nhs_minimum', commissioner: 'icb', areaOfSpend: null, spend: quarters(4_000) }),
  ];

  it('counts NHS-commissioned lines in full and the NHS share of joint lines, out of hospital only', () => {
    expect(nhsCommissionedOutOfHospitalPence(schemes)).toBe(45_001);
  });

  it('passes at exactly the minimum and fails one penny under it', () => {
    const at = byId(checkPlan(plan(schemes, [], { minOutOfHospitalPence: 45_001 })), 'ring_fence:out_of_hospital');
    expect(at.ok).toBe(true);
    expect(at.label).toBe('NHS-commissioned out-of-hospital services: at least £450.01');
    const under = byId(checkPlan(plan(schemes, [], { minOutOfHospitalPence: 45_002 })), 'ring_fence:out_of_hospital');
    expect(under.ok).toBe(false);
    expect(under.detail).toBe('£0.01 short: planned £450.01 against a minimum of £450.02');
  });

  it('counts a joint line with no NHS % as 0% (its joint-split check fails instead)', () => {
    const joint = scheme(1, { fundingSource: 'nhs_minimum', commissioner: 'joint', areaOfSpend: 'community_health', spend: quarters(100) });
    expect(nhsCommissionedOutOfHospitalPence([joint])).toBe(0);
    expect(failing(checkPlan(plan([joint], [['nhs_minimum', 100]])))).toEqual(['joint_split:1']);
  });

  it('property: passes exactly when the counted spend reaches the minimum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000_00 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 6_000_000_00 }),
        (amounts, minimum) => {
          const lines = amounts.map((a, i) =>
            scheme(i + 1, { fundingSource: 'nhs_minimum', commissioner: 'icb', areaOfSpend: 'community_health', spend: quarters(a) }),
          );
          const check = byId(checkPlan(plan(lines, [], { minOutOfHospitalPence: minimum })), 'ring_fence:out_of_hospital');
          return check.ok === amounts.reduce((x, y) => x + y, 0) >= minimum;
        },
      ),
    );
  });
});

describe('joint split: NHS % + LA % = 100% for a jointly commissioned scheme', () => {
  const joint = (nhsShareBp: number | null, laShareBp: number | null) =>
    scheme(3, {
      code: '3',
      name: 'Bridging service',
      schemeType: 'other',
      subTypeOther: 'Bridging',
      commissioner: 'joint',
      nhsShareBp,
      laShareBp,
    });

  it('passes at 50% + 50%', () => {
    const checks = checkPlan(plan([joint(5000, 5000)], []));
    expect(byId(checks, 'joint_split:3')).toEqual({
      id: 'joint_split:3',
      kind: 'joint_split',
      label: 'Scheme 3 (Bridging service): NHS % + LA % = 100%',
      ok: true,
      detail: '',
      target: { schemeId: 3, field: 'nhsShareBp' },
    });
    expect(isComplete(checks)).toBe(true);
  });

  it('fails one basis point short: 50% + 49.99%', () => {
    const check = byId(checkPlan(plan([joint(5000, 4999)], [])), 'joint_split:3');
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('NHS 50% + LA 49.99% = 99.99%, must be 100%');
    expect(check.target).toEqual({ schemeId: 3, field: 'nhsShareBp' });
  });

  it('fails one basis point over, a missing share, and a share outside 0%-100% even when the sum is 100%', () => {
    expect(byId(checkPlan(plan([joint(5001, 5000)], [])), 'joint_split:3').detail).toBe('NHS 50.01% + LA 50% = 100.01%, must be 100%');
    const missingLa = byId(checkPlan(plan([joint(10_000, null)], [])), 'joint_split:3');
    expect([missingLa.ok, missingLa.detail, missingLa.target]).toEqual([false, 'LA % is missing', { schemeId: 3, field: 'laShareBp' }]);
    expect(byId(checkPlan(plan([joint(null, null)], [])), 'joint_split:3').detail).toBe('NHS % and LA % are missing');
    const negative = byId(checkPlan(plan([joint(12_000, -2_000)], [])), 'joint_split:3');
    expect([negative.ok, negative.detail]).toEqual([false, 'NHS % is 120%, must be between 0% and 100%']);
  });

  it('does not check schemes that are not jointly commissioned', () => {
    expect(checkPlan(plan([scheme(1, { commissioner: 'icb' })], [])).filter((c) => c.kind === 'joint_split')).toEqual([]);
  });

  it('property: passes exactly when both shares are 0-100% and add up to 10000 basis points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (nhs, la) => {
        return byId(checkPlan(plan([joint(nhs, la)], [])), 'joint_split:3').ok === (nhs + la === 10_000);
      }),
    );
  });
});

describe('required fields', () => {
  it('lists one failing check per missing field, naming the scheme and the field, with the cell as target', () => {
    const bare = scheme(3, {
      name: 'Bridging service',
      schemeType: 'bridging',
      subType: null,
      areaOfSpend: null,
      commissioner: null,
      providerType: null,
      fundingSource: null,
    });
    const checks = checkPlan(plan([bare], []));
    expect(checks).toEqual(
      (
        [
          ['subType', 'sub-type'],
          ['areaOfSpend', 'area of spend'],
          ['commissioner', 'commissioner'],
          ['providerType', 'provider type'],
          ['fundingSource', 'source of funding'],
        ] as const
      ).map(([field, words]) => ({
        id: `required:3:${field}`,
        kind: 'required_field',
        label: `Scheme 3 (Bridging service): ${words} is missing`,
        ok: false,
        detail: `Enter the ${words} of this scheme`,
        target: { schemeId: 3, field },
      })),
    );
  });

  it('gives a complete scheme one passing check', () => {
    expect(checkPlan(plan([scheme(1)], []))).toEqual([
      {
        id: 'required:1',
        kind: 'required_field',
        label: 'Scheme 1 (Scheme number 1): every required field is filled in',
        ok: true,
        detail: '',
        target: { schemeId: 1, field: 'code' },
      },
    ]);
  });

  it('needs a sub-type only when the scheme type has sub-types in the reference lists', () => {
    expect(failing(checkPlan(plan([scheme(1, { schemeType: 'home_care', subType: null })], [])))).toEqual([]);
    expect(failing(checkPlan(plan([scheme(1, { schemeType: 'bridging', subType: null })], [])))).toEqual(['required:1:subType']);
    expect(failing(checkPlan(plan([scheme(1, { schemeType: 'bridging', subType: 'discharge_5_day' })], [])))).toEqual([]);
  });

  it("needs the 'please specify' text when the type or the sub-type is Other (blank text counts as missing)", () => {
    expect(failing(checkPlan(plan([scheme(1, { schemeType: 'other', subTypeOther: '  ' })], [])))).toEqual(['required:1:subTypeOther']);
    expect(failing(checkPlan(plan([scheme(1, { schemeType: 'bridging', subType: 'other' })], [])))).toEqual(['required:1:subTypeOther']);
    expect(failing(checkPlan(plan([scheme(1, { schemeType: 'bridging', subType: 'other', subTypeOther: 'Night sitting' })], [])))).toEqual(
      [],
    );
  });

  it('names a scheme without an ID by its line, and a missing type makes no sub-type demand', () => {
    const checks = checkPlan(plan([scheme(1), scheme(2, { code: '', name: '', schemeType: null })], []));
    expect(checks.filter((c) => !c.ok).map((c) => c.label)).toEqual([
      'Scheme on line 2: scheme ID is missing',
      'Scheme on line 2: scheme name is missing',
      'Scheme on line 2: scheme type is missing',
    ]);
    expect(schemeLabel({ code: ' 2a ', name: ' Reablement ' }, 0)).toBe('Scheme 2a (Reablement)');
  });
});

describe('the checklist as a whole', () => {
  it('orders balance checks, ring-fences, joint splits, then required fields in scheme order', () => {
    const schemes = [
      scheme(1, { fundingSource: 'nhs_minimum', commissioner: 'joint', nhsShareBp: 5000, laShareBp: 4999, spend: quarters(100) }),
      scheme(2, { providerType: null, spend: quarters(50) }),
      scheme(3, { fundingSource: 'nhs_minimum', commissioner: 'joint', nhsShareBp: 4000, laShareBp: 6000, name: '' }),
    ];
    const checks = checkPlan(
      plan(
        schemes,
        [
          ['ibcf', 50],
          ['nhs_minimum', 100],
        ],
        { minNhsToSocialCarePence: 100, minOutOfHospitalPence: 1 },
      ),
    );
    expect(checks.map((c) => `${c.id} ${c.ok ? 'yes' : 'no'}`)).toEqual([
      'balance:ibcf yes',
      'balance:nhs_minimum yes',
      'ring_fence:nhs_minimum_social_care yes',
      'ring_fence:out_of_hospital yes', // 50% of 100p = 50p, at least 1p
      'joint_split:1 no',
      'joint_split:3 yes',
      'required:1 yes',
      'required:2:providerType no',
      'required:3:name no',
    ]);
    expect(isComplete(checks)).toBe(false);
  });

  it('does not call an empty plan complete', () => {
    expect(isComplete([])).toBe(false);
    expect(isComplete(checkPlan(plan([], [])))).toBe(false);
  });

  it('plannedSpendOf adds the four quarters exactly', () => {
    expect(plannedSpendOf(scheme(1, { spend: quarters(1, 2, 3, 4) }))).toBe(10);
  });
});
