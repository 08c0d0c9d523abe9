// The NHS minimum to adult social care by the BCF year's rule, through the real routers: the baseline from the previous
// year's fund (or typed when there is none), the worked figure the checklist requires, an override with its reason
// (audited, undoable), bad input refused naming the field and the value with nothing written, a 2023-25 fund as before,
// and the demo's 2025/26 fund passing its ring-fence exactly as it did with the typed minimum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../shared/plan-checks';
import type { PlanSettingsUpdateInput } from '../../shared/schemas';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { bad, makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'nhs-minimum');
});
afterAll(async () => {
  await api.close();
});

const RING_FENCE = 'ring_fence:nhs_minimum_social_care';

async function fundOf(financialYear: string, name = 'Better Care Fund', partnershipId = f.partnershipId): Promise<number> {
  return (await api.caller.funds.create({ partnershipId, name, financialYear })).id;
}

/** A partnership of its own, with its 2025/26 'Better Care Fund' (fixtures.ts makeFund). */
async function newPartnership(): Promise<number> {
  return (await makeFund(api, 'nhs-minimum')).partnershipId;
}

async function newBcfFund(): Promise<Fixture> {
  return makeFund(api, 'nhs-minimum');
}

const settings = (fundId: number, patch: PlanSettingsUpdateInput['patch']) => api.caller.schemes.settings.update({ fundId, patch });

async function ringFenceOf(fundId: number) {
  return checkPlan(await api.caller.schemes.plan({ fundId })).find((c) => c.id === RING_FENCE);
}

/** The row of the fund as stored, to show a refused call left it alone (counts() sees rows added, not columns changed). */
async function fundRow(fundId: number) {
  return api.db.selectFrom('fund').selectAll().where('id', '=', fundId).executeTakeFirstOrThrow();
}

describe('the requirement by the year’s rule', () => {
  it('a 2023-25 fund keeps its typed minimum as the requirement, as before', async () => {
    const fundId = await fundOf('2024/25', 'Typed fund', await newPartnership());
    await settings(fundId, { minNhsToSocialCarePence: 799_834_100 });
    const { nhsMinimum } = await api.caller.schemes.plan({ fundId });
    expect(nhsMinimum).toMatchObject({ upliftBp: null, baselinePence: null, workedPence: null, requiredPence: 799_834_100 });
    expect(await ringFenceOf(fundId)).toMatchObject({ label: 'NHS minimum contribution to adult social care: at least £7,998,341.00' });
  });

  it('a 2025/26 fund works it out from the 2024/25 fund of the same name: its requirement x 1.039, with the working', async () => {
    const { partnershipId, fundId } = await newBcfFund();
    const before = await fundOf('2024/25', 'Better Care Fund', partnershipId);
    await fundOf('2024/25', 'Another pool', partnershipId);
    await settings(before, { minNhsToSocialCarePence: 799_834_100 });
    // A typed baseline is not used while the previous year's fund holds one.
    await settings(fundId, { nhsAscBaselinePence: 1_00 });

    const { nhsMinimum } = await api.caller.schemes.plan({ fundId });
    expect(nhsMinimum).toEqual({
      baselineYear: '2024/25',
      baselinePence: 799_834_100,
      baselineFrom: { fundId: before, name: 'Better Care Fund', financialYear: '2024/25' },
      upliftBp: 390,
      exactText: '£8,310,276.299',
      workedPence: 831_027_630,
      overridePence: null,
      overrideReason: null,
      requiredPence: 831_027_630,
    });
    expect(await ringFenceOf(fundId)).toMatchObject({
      ok: false,
      label:
        'NHS minimum contribution to adult social care: at least £8,310,276.30 = 2024/25 baseline £7,998,341.00 x 1.039 (rounded to the penny, half up)',
    });

    // The year after takes this fund's requirement as its baseline; changing the 2024/25 figure moves both.
    const next = await fundOf('2026/27', 'Better Care Fund', partnershipId);
    expect((await api.caller.schemes.plan({ fundId: next })).nhsMinimum).toMatchObject({
      baselineFrom: { fundId, financialYear: '2025/26' },
      baselinePence: 831_027_630,
      workedPence: 863_437_708, // 8,634,377.0757 pounds
    });
    await settings(before, { minNhsToSocialCarePence: 100_000 });
    expect((await api.caller.schemes.plan({ fundId: next })).nhsMinimum?.requiredPence).toBe(107_952); // 1,039.00 x 1.039
  });

  it('with several previous funds and none of the same name, or none at all, the typed baseline is used; without one, the check asks for it', async () => {
    const { partnershipId, fundId } = await newBcfFund();
    await fundOf('2024/25', 'Pool A', partnershipId);
    await fundOf('2024/25', 'Pool B', partnershipId);
    // No NHS minimum money and no baseline: no requirement, so no check (a Section 75 pool is not a BCF fund).
    expect((await api.caller.schemes.plan({ fundId })).nhsMinimum).toMatchObject({ baselineFrom: null, requiredPence: null });
    expect(await ringFenceOf(fundId)).toBeUndefined();

    await api.caller.schemes.applyBatch({
      fundId,
      changes: [{ op: 'create', values: { code: '1', name: 'Reablement', fundingSource: 'nhs_minimum', areaOfSpend: 'social_care' } }],
    });
    expect(await ringFenceOf(fundId)).toMatchObject({
      ok: false,
      label: 'NHS minimum contribution to adult social care: type the 2024/25 baseline',
    });

    await settings(fundId, { nhsAscBaselinePence: 100_000 });
    expect((await api.caller.schemes.plan({ fundId })).nhsMinimum).toMatchObject({
      baselineFrom: 'typed',
      baselinePence: 100_000,
      workedPence: 103_900,
    });
  });

  it('an override with its reason wins, is audited field by field, and undo restores the worked figure', async () => {
    const fundId = await fundOf('2025/26', 'Override fund', await newPartnership());
    await settings(fundId, { nhsAscBaselinePence: 100_000 });
    const saved = await settings(fundId, { nhsAscOverridePence: 99_000, nhsAscOverrideReason: 'Agreed with NHS England on 1 May' });
    expect(saved.nhsMinimumSettings).toEqual({
      nhsAscBaselinePence: 100_000,
      nhsAscOverridePence: 99_000,
      nhsAscOverrideReason: 'Agreed with NHS England on 1 May',
    });
    expect((await api.caller.schemes.plan({ fundId })).nhsMinimum).toMatchObject({ workedPence: 103_900, requiredPence: 99_000 });
    expect((await ringFenceOf(fundId))?.label).toBe(
      'NHS minimum contribution to adult social care: at least £990.00, overridden: Agreed with NHS England on 1 May (worked out: £1,039.00 = 2024/25 baseline £1,000.00 x 1.039 (rounded to the penny, half up))',
    );

    const events = await api.caller.audit.list({ entity: 'fund_plan_settings', entityId: fundId, limit: 10 });
    const [latest] = events;
    if (!latest) throw new Error('no audit event');
    const ofBatch = events.filter((e) => e.batchId === latest.batchId).map((e) => [e.field, e.oldValue, e.newValue]);
    expect(ofBatch).toEqual(
      expect.arrayContaining([
        ['nhsAscOverridePence', null, 99_000],
        ['nhsAscOverrideReason', null, 'Agreed with NHS England on 1 May'],
      ]),
    );
    await api.caller.audit.undo({ batchId: latest.batchId });
    expect((await api.caller.schemes.plan({ fundId })).nhsMinimum).toMatchObject({
      overridePence: null,
      overrideReason: null,
      requiredPence: 103_900,
    });
  });
});

describe('bad input is refused naming the field and the value, and nothing is written', () => {
  let fundId: number;
  let older: number;
  beforeAll(async () => {
    const partnershipId = await newPartnership();
    older = await fundOf('2024/25', 'Older fund', partnershipId);
    fundId = await fundOf('2025/26', 'Checked fund', partnershipId);
    await settings(fundId, { nhsAscBaselinePence: 100_000, nhsAscOverridePence: 90_000, nhsAscOverrideReason: 'Agreed' });
  });

  async function refused(id: number, patch: unknown): Promise<{ path: string; message: string }[]> {
    const before = await counts(api.db);
    const row = await fundRow(id);
    const error = await expectTrpcError(settings(id, bad(patch)), 'BAD_REQUEST');
    expect(await counts(api.db)).toEqual(before);
    expect(await fundRow(id)).toEqual(row);
    return fieldErrorsOf(error);
  }

  it('an override without a reason', async () => {
    const other = await fundOf('2025/26', 'No reason fund', await newPartnership());
    const [error] = await refused(other, { nhsAscOverridePence: 90_000 });
    expect(error).toMatchObject({
      path: 'patch.nhsAscOverrideReason',
      message: expect.stringMatching(/Reason for the override is required with an override of £900.00.*got null/),
    });
    // ...nor by clearing the reason of an existing override.
    const [cleared] = await refused(fundId, { nhsAscOverrideReason: null });
    expect(cleared?.path).toBe('patch.nhsAscOverrideReason');
    // An empty reason is no reason.
    const [empty] = await refused(fundId, { nhsAscOverrideReason: '   ' });
    expect(empty).toMatchObject({
      path: 'patch.nhsAscOverrideReason',
      message: expect.stringMatching(/Reason for the override must be text of 1 to 1,000 characters/),
    });
  });

  it('a reason without an override', async () => {
    const other = await fundOf('2025/26', 'Reason only fund', await newPartnership());
    const [error] = await refused(other, { nhsAscOverrideReason: 'Because' });
    expect(error).toMatchObject({ path: 'patch.nhsAscOverrideReason', message: expect.stringMatching(/'Because' needs an override/) });
    // Clearing the override while its reason stays.
    const [cleared] = await refused(fundId, { nhsAscOverridePence: null });
    expect(cleared).toMatchObject({ path: 'patch.nhsAscOverridePence', message: expect.stringMatching(/'Agreed' needs an override/) });
  });

  it('negative, fractional or too-large pence', async () => {
    for (const [field, value] of [
      ['nhsAscBaselinePence', -1],
      ['nhsAscBaselinePence', 1.5],
      ['nhsAscOverridePence', 10_000_000_000_001],
      ['nhsAscBaselinePence', '100'],
    ] as const) {
      const [error] = await refused(fundId, { [field]: value });
      expect(error?.path).toBe(`patch.${field}`);
      expect(error?.message).toMatch(/must be a whole number of pence from 0 up to £100,000,000,000.00, got/);
      expect(error?.message).toContain(typeof value === 'string' ? `'${value}'` : String(value));
    }
  });

  it('a baseline or an override for a fund whose year types its minimum (2023-25)', async () => {
    const [error] = await refused(older, { nhsAscBaselinePence: 100 });
    expect(error).toMatchObject({
      path: 'patch.nhsAscBaselinePence',
      message: expect.stringMatching(/BCF year 2023-25, which has no uplift.*got 100/),
    });
    const errors = await refused(older, { nhsAscOverridePence: 100, nhsAscOverrideReason: 'Why' });
    expect(errors.map((e) => e.path)).toEqual(['patch.nhsAscOverridePence']);
  });
});

describe('the demo', () => {
  let demo: TestApi;
  beforeAll(async () => {
    demo = await openTestApi({ demo: true });
  });
  afterAll(async () => {
    await demo.close();
  });

  it('the 2025/26 BCF fund works its minimum out from a typed 2024/25 baseline and passes as before; 2026/27 follows on', async () => {
    const partnership = (await demo.caller.partnerships.list()).find((p) => p.name === 'Northbridge Better Care Fund');
    if (!partnership) throw new Error('no demo BCF partnership');
    const funds = await demo.caller.funds.list({ partnershipId: partnership.id });
    const fundIn = (year: string) => {
      const found = funds.find((fund) => fund.financialYear === year);
      if (!found) throw new Error(`no demo fund for ${year}`);
      return found.id;
    };
    const plan = await demo.caller.schemes.plan({ fundId: fundIn('2025/26') });
    expect(plan.nhsMinimum).toMatchObject({
      baselineFrom: 'typed',
      baselinePence: 856_592_900,
      exactText: '£8,900,000.231',
      requiredPence: 890_000_023,
    });
    // It passed the typed £8,900,000.00 before; it passes the worked £8,900,000.23 now.
    expect(checkPlan(plan).find((c) => c.id === RING_FENCE)).toMatchObject({
      ok: true,
      label:
        'NHS minimum contribution to adult social care: at least £8,900,000.23 = 2024/25 baseline £8,565,929.00 x 1.039 (rounded to the penny, half up)',
    });
    expect((await demo.caller.schemes.plan({ fundId: fundIn('2026/27') })).nhsMinimum).toMatchObject({
      baselineFrom: { fundId: fundIn('2025/26'), financialYear: '2025/26' },
      baselinePence: 890_000_023,
      workedPence: 924_710_024, // 9,247,100.23897 pounds
    });
  });
});
