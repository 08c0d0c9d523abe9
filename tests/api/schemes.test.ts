// schemes.*: the expenditure plan of a fund. Every bad scheme input named in the issue (an unknown type for the fund's
// BCF year, a joint split not summing to 100%, Other without "please specify", negative spend) is refused with its
// field and writes nothing; a good batch is one audited batch that undo reverses; roles and partnerships hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemeBatchInput } from '../../shared/schemas';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { bad, makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'schemes');
});
afterAll(async () => {
  await api.close();
});

type Change = SchemeBatchInput['changes'][number];

const goodScheme = (code: string) => ({
  code,
  name: `Reablement ${code}`,
  schemeType: 'home_based_ic',
  subType: 'reablement_at_home',
  areaOfSpend: 'social_care',
  commissioner: 'la',
  providerType: 'la',
  fundingSource: 'nhs_minimum',
  q1PlannedPence: 250_000_00,
  q2PlannedPence: 250_000_00,
});

/** A fund of its own for a test, so tests do not share schemes. */
async function freshFund(financialYear = '2025/26'): Promise<number> {
  const fund = await api.caller.funds.create({ partnershipId: f.partnershipId, name: `Plan ${Math.random()}`, financialYear });
  return fund.id;
}

/** Send a batch that must be refused; returns its field errors after checking nothing was written. */
async function refused(fundId: number, changes: Change[]) {
  const before = await counts(api.db);
  const error = await expectTrpcError(api.caller.schemes.applyBatch({ fundId, changes }), 'BAD_REQUEST');
  expect(await counts(api.db)).toEqual(before);
  return fieldErrorsOf(error);
}

describe('schemes.applyBatch refuses bad input with its field and writes nothing', () => {
  it('a scheme type unknown for the fund’s BCF year (a 2023-25 type in a 2025/26 fund)', async () => {
    const fundId = await freshFund();
    const errors = await refused(fundId, [
      { op: 'create', values: goodScheme('1') },
      { op: 'create', values: { ...goodScheme('2'), schemeType: 'hicm', subType: null } },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('changes.1.values.schemeType');
    expect(errors[0]?.message).toMatch(/Scheme type 'hicm' is not a scheme type of BCF year 2025\/26/);
    // The same type is fine in a 2024/25 fund, which uses the 2023-25 lists.
    const older = await freshFund('2024/25');
    const ok = await api.caller.schemes.applyBatch({
      fundId: older,
      changes: [{ op: 'create', values: { ...goodScheme('1'), schemeType: 'hicm', subType: null } }],
    });
    expect(ok.rows[0]?.schemeType).toBe('hicm');
    expect((await api.caller.schemes.plan({ fundId: older })).bcfYear).toBe('2023-25');
  });

  it('unknown area of spend, commissioner, provider type, funding source and a sub-type of another type, all at once', async () => {
    const fundId = await freshFund();
    const errors = await refused(fundId, [
      {
        op: 'create',
        values: {
          ...goodScheme('1'),
          subType: 'telecare',
          areaOfSpend: 'space',
          commissioner: 'ccg',
          providerType: 'wizard',
          fundingSource: 'lottery',
        },
      },
    ]);
    expect(errors.map((e) => e.path).sort()).toEqual(
      [
        'changes.0.values.subType',
        'changes.0.values.areaOfSpend',
        'changes.0.values.commissioner',
        'changes.0.values.providerType',
        'changes.0.values.fundingSource',
      ].sort(),
    );
    expect(errors.find((e) => e.path.endsWith('subType'))?.message).toMatch(/'telecare' is not a sub-type of scheme type 'home_based_ic'/);
    expect(errors.find((e) => e.path.endsWith('fundingSource'))?.message).toMatch(
      /^Source of funding 'lottery' is not a funding stream of BCF year 2025\/26: choose one of NHS minimum contribution, /,
    );
  });

  it('a joint commissioner whose % NHS and % LA do not add up to exactly 100%', async () => {
    const fundId = await freshFund();
    const errors = await refused(fundId, [
      { op: 'create', values: { ...goodScheme('1'), commissioner: 'joint', nhsShareBp: 6_000, laShareBp: 3_999 } },
    ]);
    expect(errors).toEqual([
      {
        path: 'changes.0.values.nhsShareBp',
        message: '% NHS (60.00%) and % LA (39.99%) must add up to exactly 100% for a jointly commissioned scheme, got 99.99%',
      },
    ]);
    // One share without the other, and shares on a scheme that is not jointly commissioned, are refused too.
    expect(
      (await refused(fundId, [{ op: 'create', values: { ...goodScheme('1'), commissioner: 'joint', nhsShareBp: 10_000 } }]))[0]?.path,
    ).toBe('changes.0.values.laShareBp');
    expect((await refused(fundId, [{ op: 'create', values: { ...goodScheme('1'), laShareBp: 5_000 } }]))[0]?.message).toMatch(
      /% LA must be empty unless the commissioner is Joint/,
    );
    // Exactly 100% is accepted, as is joint with both shares still empty (the plan's checklist flags that).
    const { rows } = await api.caller.schemes.applyBatch({
      fundId,
      changes: [
        { op: 'create', values: { ...goodScheme('1'), commissioner: 'joint', nhsShareBp: 6_001, laShareBp: 3_999 } },
        { op: 'create', values: { ...goodScheme('2'), commissioner: 'joint' } },
      ],
    });
    expect(rows.map((r) => [r.nhsShareBp, r.laShareBp])).toEqual([
      [6_001, 3_999],
      [null, null],
    ]);
    // Changing the split of a saved scheme to 99.99% is refused at the field the change set.
    const [first] = rows;
    if (!first) throw new Error('no scheme');
    const update = await refused(fundId, [{ op: 'update', id: first.id, version: first.version, values: { laShareBp: 3_998 } }]);
    expect(update[0]?.path).toBe('changes.0.values.laShareBp');
  });

  it('Other (as the sub-type or as the type) without "please specify"', async () => {
    const fundId = await freshFund();
    const errors = await refused(fundId, [
      { op: 'create', values: { ...goodScheme('1'), subType: 'other' } },
      { op: 'create', values: { ...goodScheme('2'), schemeType: 'other', subType: null, subTypeOther: '   ' } },
    ]);
    expect(errors.map((e) => e.path)).toEqual(['changes.0.values.subType', 'changes.1.values.subTypeOther']);
    expect(errors[0]?.message).toMatch(/Sub-type \(please specify\) is required when the scheme type or sub-type is Other/);
    const { rows } = await api.caller.schemes.applyBatch({
      fundId,
      changes: [{ op: 'create', values: { ...goodScheme('1'), subType: 'other', subTypeOther: 'Hospital at home' } }],
    });
    expect(rows[0]?.subTypeOther).toBe('Hospital at home');
  });

  it('negative or fractional spend, and a missing name, are refused by the schema with the field named', async () => {
    const fundId = await freshFund();
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.schemes.applyBatch({
        fundId,
        changes: [
          { op: 'create', values: { ...goodScheme('1'), q2PlannedPence: -1 } },
          { op: 'create', values: { ...goodScheme('2'), q4ActualPence: 10.5 } },
          { op: 'create', values: bad({ code: '3' }) },
        ],
      }),
      'BAD_REQUEST',
    );
    expect(await counts(api.db)).toEqual(before);
    const errors = fieldErrorsOf(error);
    expect(errors.map((e) => e.path)).toEqual([
      'changes.0.values.q2PlannedPence',
      'changes.1.values.q4ActualPence',
      'changes.2.values.name',
    ]);
    expect(errors[0]?.message).toBe('Q2 planned (£) must be a whole number of pence from 0 up to £100,000,000,000.00, got -1');
    expect(errors[2]?.message).toMatch(/Scheme name is required/);
  });

  it('a scheme ID used twice in the fund (already saved, or twice in one batch)', async () => {
    const fundId = await freshFund();
    await api.caller.schemes.applyBatch({ fundId, changes: [{ op: 'create', values: goodScheme('1') }] });
    const errors = await refused(fundId, [
      { op: 'create', values: goodScheme('1') },
      { op: 'create', values: goodScheme('2') },
      { op: 'create', values: goodScheme('2') },
    ]);
    expect(errors.map((e) => e.path)).toEqual(['changes.0.values.code', 'changes.2.values.code']);
    expect(errors[0]?.message).toMatch(/Scheme ID '1' is already used by 'Reablement 1'/);
  });

  it('a change to a scheme of another fund', async () => {
    const fundId = await freshFund();
    const other = await freshFund();
    const { rows } = await api.caller.schemes.applyBatch({ fundId: other, changes: [{ op: 'create', values: goodScheme('1') }] });
    const [row] = rows;
    if (!row) throw new Error('no scheme');
    const errors = await refused(fundId, [{ op: 'update', id: row.id, version: row.version, values: { name: 'Hijack' } }]);
    expect(errors[0]?.path).toBe('changes.0.id');
  });
});

describe('a good batch', () => {
  it('creates, updates spend and deletes in one audited batch; undo restores the plan exactly', async () => {
    const fundId = await freshFund();
    const first = await api.caller.schemes.applyBatch({
      fundId,
      changes: [
        { op: 'create', values: goodScheme('1') },
        { op: 'create', values: goodScheme('2') },
      ],
    });
    const [one, two] = first.rows;
    if (!one || !two) throw new Error('schemes not created');
    expect(one.spend).toEqual([
      { quarter: 1, plannedPence: 250_000_00, actualPence: 0 },
      { quarter: 2, plannedPence: 250_000_00, actualPence: 0 },
      { quarter: 3, plannedPence: 0, actualPence: 0 },
      { quarter: 4, plannedPence: 0, actualPence: 0 },
    ]);
    const before = await api.caller.schemes.list({ fundId });

    const { batchId, rows } = await api.caller.schemes.applyBatch({
      fundId,
      changes: [
        { op: 'update', id: one.id, version: one.version, values: { name: 'Reablement (renamed)', q2PlannedPence: 1, q3ActualPence: 77 } },
        { op: 'delete', id: two.id, version: two.version },
        { op: 'create', values: { ...goodScheme('3'), commissioner: 'joint', nhsShareBp: 5_000, laShareBp: 5_000 } },
      ],
    });
    expect(rows.map((r) => r.code)).toEqual(['1', '3']);
    expect(rows[0]?.version).toBe(one.version + 1);
    expect(rows[0]?.spend[1]).toEqual({ quarter: 2, plannedPence: 1, actualPence: 0 });
    expect(rows[0]?.spend[2]).toEqual({ quarter: 3, plannedPence: 0, actualPence: 77 });

    // One batch, audited per field under the entity 'scheme'.
    const events = await api.caller.audit.list({ batchId, limit: 1000 });
    expect(new Set(events.map((e) => e.entity))).toEqual(new Set(['scheme']));
    const updates = events.filter((e) => e.action === 'update').map((e) => [e.field, e.oldValue, e.newValue]);
    expect(updates).toEqual(
      expect.arrayContaining([
        ['name', 'Reablement 1', 'Reablement (renamed)'],
        ['q2PlannedPence', 250_000_00, 1],
        ['q3ActualPence', 0, 77],
      ]),
    );
    expect(updates).toHaveLength(3);
    expect(events.some((e) => e.action === 'delete' && e.entityId === two.id)).toBe(true);

    await api.caller.audit.undo({ batchId });
    const after = await api.caller.schemes.list({ fundId });
    const strip = (list: typeof after) => list.map(({ version: _v, updatedAt: _u, updatedByName: _n, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
    expect(after.find((s) => s.code === '2')?.id).toBe(two.id);
  });

  it('a stale version is a CONFLICT with the current row, and nothing is written', async () => {
    const fundId = await freshFund();
    const { rows } = await api.caller.schemes.applyBatch({ fundId, changes: [{ op: 'create', values: goodScheme('1') }] });
    const [row] = rows;
    if (!row) throw new Error('no scheme');
    await api.caller.schemes.applyBatch({
      fundId,
      changes: [{ op: 'update', id: row.id, version: row.version, values: { name: 'First' } }],
    });
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.schemes.applyBatch({ fundId, changes: [{ op: 'update', id: row.id, version: row.version, values: { name: 'Second' } }] }),
      'CONFLICT',
    );
    expect(await counts(api.db)).toEqual(before);
    expect((error.cause as { current?: { name?: string } } | undefined)?.current?.name).toBe('First');
  });

  it('undoLast steps back through plan edits too', async () => {
    const fundId = await freshFund();
    await api.caller.schemes.applyBatch({ fundId, changes: [{ op: 'create', values: goodScheme('1') }] });
    const step = await api.caller.audit.undoLast({ fundId });
    expect(step.label).toBe('Added scheme 1');
    expect(await api.caller.schemes.list({ fundId })).toEqual([]);
  });
});

describe('schemes.plan and settings', () => {
  it('returns the fund’s BCF year, settings, income by source and the year’s reference lists', async () => {
    const fundId = await freshFund();
    await api.caller.contributions.create({ fundId, orgId: f.icbId, source: 'nhs_minimum', quarter: 1, plannedPence: 600_000_00 });
    await api.caller.schemes.applyBatch({ fundId, changes: [{ op: 'create', values: { ...goodScheme('1'), fundingSource: 'dfg' } }] });
    const plan = await api.caller.schemes.plan({ fundId });
    expect(plan.bcfYear).toBe('2025/26');
    expect(plan.settings).toEqual({ minNhsToSocialCarePence: 0, minOutOfHospitalPence: 0, amberThresholdBp: 500, redThresholdBp: 1000 });
    expect(plan.incomeBySource).toEqual([
      { source: 'nhs_minimum', name: 'NHS minimum contribution', plannedPence: 600_000_00 },
      { source: 'dfg', name: 'Disabled Facilities Grant', plannedPence: 0 },
    ]);
    expect(plan.schemes).toHaveLength(1);
    expect(plan.reference.every((r) => r.bcfYear === '2025/26')).toBe(true);
    expect(plan.reference.filter((r) => r.list === 'metric')).toHaveLength(3);
  });

  it('settings.update is audited, checks the version and amber <= red, and undo restores it', async () => {
    const fundId = await freshFund();
    const plan = await api.caller.schemes.plan({ fundId });
    const updated = await api.caller.schemes.settings.update({
      fundId,
      version: plan.settingsVersion,
      patch: { minNhsToSocialCarePence: 8_900_000_00, amberThresholdBp: 300 },
    });
    expect(updated.settings).toEqual({
      minNhsToSocialCarePence: 8_900_000_00,
      minOutOfHospitalPence: 0,
      amberThresholdBp: 300,
      redThresholdBp: 1000,
    });
    expect(updated.version).toBe(plan.settingsVersion + 1);

    let before = await counts(api.db);
    await expectTrpcError(
      api.caller.schemes.settings.update({ fundId, version: plan.settingsVersion, patch: { redThresholdBp: 2000 } }),
      'CONFLICT',
    );
    const error = await expectTrpcError(api.caller.schemes.settings.update({ fundId, patch: { redThresholdBp: 200 } }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)[0]?.path).toBe('patch.redThresholdBp');
    expect(await counts(api.db)).toEqual(before);

    const [event] = await api.caller.audit.list({ entity: 'fund_plan_settings', entityId: fundId, limit: 1 });
    if (!event) throw new Error('no audit event');
    before = await counts(api.db);
    await api.caller.audit.undo({ batchId: event.batchId });
    expect((await api.caller.schemes.plan({ fundId })).settings.minNhsToSocialCarePence).toBe(0);
  });
});

describe('who may change the plan', () => {
  it('board members and finance officers of another partnership cannot; a finance officer of the partnership can', async () => {
    const fundId = await freshFund();
    const board = await api.userWith('board_member', [f.councilId, f.icbId]);
    const elsewhere = await makeFund(api, 'elsewhere');
    const outsider = await api.userWith('finance_officer', [elsewhere.councilId]);
    const member = await api.userWith('finance_officer', [f.icbId]);
    const changes: Change[] = [{ op: 'create', values: goodScheme('1') }];

    const before = await counts(api.db);
    expect((await expectTrpcError(board.caller.schemes.applyBatch({ fundId, changes }), 'FORBIDDEN')).message).toMatch(
      /board members read only/,
    );
    expect((await expectTrpcError(outsider.caller.schemes.applyBatch({ fundId, changes }), 'FORBIDDEN')).message).toMatch(/not a member/);
    await expectTrpcError(board.caller.schemes.settings.update({ fundId, patch: { amberThresholdBp: 1 } }), 'FORBIDDEN');
    await expectTrpcError(member.caller.schemes.settings.update({ fundId, patch: { amberThresholdBp: 1 } }), 'FORBIDDEN');
    expect(await counts(api.db)).toEqual(before);

    // Both read it; the partnership's finance officer changes it.
    await expect(board.caller.schemes.plan({ fundId })).resolves.toBeDefined();
    await expectTrpcError(outsider.caller.schemes.list({ fundId }), 'FORBIDDEN');
    const { rows } = await member.caller.schemes.applyBatch({ fundId, changes });
    expect(rows[0]?.updatedByName).toBe(member.user.name);
  });
});
