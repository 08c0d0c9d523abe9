// rollover.*: start next year's plan from this year's fund (issue 15, item 5). A 2025/26 fund with contributions,
// a scheme, an outcome, settings and a risk share is rolled into 2026/27 with a 3.9% uplift: the figures are the pence
// worked out by hand, actuals are not copied, a code 2026/27 does not list is mapped by a person (and the choice kept),
// undo removes everything, and every bad input is refused naming the field with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let commissioner: TestApi['caller'];

// A sub-type added to 2025/26's list after 2026/27 was opened, so 2026/27 does not list it: a person must map it.
const NEW_SUB = 'home_based_ic/virtual_ward_pilot';

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'roll');
  commissioner = (await api.userWith('commissioner', [f.councilId], 'commissioner.roll@test.example')).caller;
  await api.caller.bcfYears.open({
    copyFrom: '2025/26',
    code: '2026/27',
    label: 'BCF 2026 to 2027',
    firstFinancialYear: '2026/27',
    lastFinancialYear: '2026/27',
  });
  await api.caller.reference.create({
    bcfYear: '2025/26',
    list: 'sub_type',
    code: 'virtual_ward_pilot',
    name: 'Virtual ward pilot',
    parentCode: 'home_based_ic',
  });
  const c = (orgId: number, source: string, quarter: number, plannedPence: number, actualPence = 0, note = '') =>
    api.caller.contributions.create({ fundId: f.fundId, orgId, source, quarter, plannedPence, actualPence, note });
  // NHS minimum from the ICB: £250,000.00, £250,000.00, £250,000.01 and £0 (total 75,000,001p).
  await c(f.icbId, 'nhs_minimum', 1, 25_000_000, 24_000_000, 'paid');
  await c(f.icbId, 'nhs_minimum', 2, 25_000_000);
  await c(f.icbId, 'nhs_minimum', 3, 25_000_001);
  await c(f.icbId, 'nhs_minimum', 4, 0);
  // The council's Better Care Grant: £10.01 in Q1, with an actual and a note that must not be copied.
  await c(f.councilId, 'la_better_care_grant', 1, 1001, 900, 'first instalment');
  // One scheme spending exactly the NHS minimum: £375,000.00 + £375,000.01, on the sub-type 2026/27 does not list.
  await api.caller.schemes.applyBatch({
    fundId: f.fundId,
    changes: [
      {
        op: 'create',
        values: {
          code: 'S1',
          name: 'Virtual wards',
          schemeType: 'home_based_ic',
          subType: 'virtual_ward_pilot',
          areaOfSpend: 'social_care',
          commissioner: 'la',
          providerType: 'la',
          fundingSource: 'nhs_minimum',
          isNew: true,
          q1PlannedPence: 37_500_000,
          q2PlannedPence: 37_500_001,
          q1ActualPence: 30_000_000,
        },
      },
    ],
  });
  const metric = (await api.caller.metrics.list({ bcfYear: '2025/26' }))[0];
  await api.caller.outcomes.applyBatch({
    fundId: f.fundId,
    changes: [
      { op: 'create', values: { metricId: metric?.id ?? 0, quarter: 1, schemeId: null, baseline: 1000, target: 900, actual: 950 } },
    ],
  });
  await api.caller.schemes.settings.update({
    fundId: f.fundId,
    patch: { minOutOfHospitalPence: 123_456, amberThresholdBp: 300, redThresholdBp: 900, minNhsToSocialCarePence: 5 },
  });
  const risk = await api.caller.riskshare.get({ fundId: f.fundId });
  await api.caller.riskshare.update({ fundId: f.fundId, version: risk.version, patch: { overspendMethod: { kind: 'host_bears' } } });
});
afterAll(async () => {
  await api.close();
});

const MAP_SUB = { list: 'sub_type' as const, fromCode: NEW_SUB, toCode: 'home_based_ic/reablement_at_home' };

describe('rollover.preview', () => {
  it('names the target year and financial year, the totals per stream now and next year, and the unmapped sub-type', async () => {
    const preview = await commissioner.rollover.preview({ fundId: f.fundId, upliftBp: 390 });
    expect(preview.target).toMatchObject({ bcfYear: '2026/27', financialYear: '2026/27', nhsAscUpliftBp: 390 });
    expect(preview.existingFund).toBeNull();
    const nhs = preview.streams.find((s) => s.code === 'nhs_minimum');
    // 75,000,001p x 1.039 = 77,925,001.039p -> 77,925,001p, for income and for spend alike.
    expect(nhs).toMatchObject({
      incomeNowPence: 75_000_001,
      incomeNextPence: 77_925_001,
      spendNowPence: 75_000_001,
      spendNextPence: 77_925_001,
    });
    // 1001p x 1.039 = 1040.039p -> 1040p.
    expect(preview.streams.find((s) => s.code === 'la_better_care_grant')).toMatchObject({ incomeNowPence: 1001, incomeNextPence: 1040 });
    const unmapped = preview.codes.filter((c) => c.how === 'unmapped');
    expect(unmapped.map((c) => [c.list, c.fromCode, c.fromName])).toEqual([['sub_type', NEW_SUB, 'Virtual ward pilot']]);
    expect(unmapped[0]?.choices.map((c) => c.code)).toContain('home_based_ic/reablement_at_home');
    expect(preview.codes.find((c) => c.list === 'scheme_type')).toMatchObject({
      fromCode: 'home_based_ic',
      toCode: 'home_based_ic',
      how: 'same',
    });
    expect(preview.counts).toEqual({ contributions: 5, schemes: 1, outcomes: 1 });
  });
});

describe('rollover.start refuses bad input, naming the field, and writes nothing', () => {
  const refused = async (input: Parameters<TestApi['caller']['rollover']['start']>[0], path: string, text: RegExp) => {
    const before = await counts(api.db);
    const error = await expectTrpcError(commissioner.rollover.start(input), 'BAD_REQUEST');
    const problem = fieldErrorsOf(error).find((e) => e.path === path);
    expect(problem?.message, JSON.stringify(fieldErrorsOf(error))).toMatch(text);
    expect(await counts(api.db)).toEqual(before);
  };

  it('an uplift outside -100% to +100%', async () => {
    await refused({ fundId: f.fundId, upliftBp: 10_001, mappings: [MAP_SUB] }, 'upliftBp', /Uplift.*-10000 to 10000/);
    await refused({ fundId: f.fundId, upliftBp: -10_001, mappings: [MAP_SUB] }, 'upliftBp', /-100% to \+100%/);
  });

  it('an unmapped code with no choice, a choice not in the target year, a code the fund does not use', async () => {
    await refused(
      { fundId: f.fundId, upliftBp: 390, mappings: [] },
      'mappings',
      /Sub-type 'home_based_ic\/virtual_ward_pilot' \(Virtual ward pilot\) is not in BCF year 2026\/27's list/,
    );
    await refused(
      { fundId: f.fundId, upliftBp: 390, mappings: [{ ...MAP_SUB, toCode: 'home_based_ic/made_up' }] },
      'mappings.0.toCode',
      /Sub-type 'home_based_ic\/made_up' is not in BCF year 2026\/27's list/,
    );
    await refused(
      { fundId: f.fundId, upliftBp: 390, mappings: [MAP_SUB, { list: 'funding_stream', fromCode: 'dfg', toCode: 'dfg' }] },
      'mappings.1.fromCode',
      /Funding stream 'dfg' is not used by Better Care Fund 2025\/26/,
    );
  });

  it('a target year that is closed, or not held at all', async () => {
    const year = (await api.caller.bcfYears.list()).find((y) => y.code === '2026/27');
    const closed = await api.caller.bcfYears.update({ id: year?.id ?? 0, version: year?.version ?? 0, patch: { status: 'closed' } });
    await refused({ fundId: f.fundId, upliftBp: 390, mappings: [MAP_SUB] }, 'fundId', /BCF year 2026\/27 is closed/);
    await api.caller.bcfYears.update({ id: closed.id, version: closed.version, patch: { status: 'open' } });
    const later = await api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Latest', financialYear: '2026/27' });
    await api.db.updateTable('fund').set({ bcfYear: '2026/27' }).where('id', '=', later.id).execute();
    await refused({ fundId: later.id, upliftBp: 390, mappings: [] }, 'fundId', /No BCF year after 2026\/27 is held/);
  });

  it('an unknown fund, and a role that may not make funds', async () => {
    const board = (await api.userWith('board_member', [f.councilId], 'board.roll@test.example')).caller;
    const before = await counts(api.db);
    await expectTrpcError(commissioner.rollover.start({ fundId: 999_999, upliftBp: 390, mappings: [] }), 'NOT_FOUND');
    await expectTrpcError(board.rollover.start({ fundId: f.fundId, upliftBp: 390, mappings: [MAP_SUB] }), 'FORBIDDEN');
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('rollover.start', () => {
  it('creates the 2026/27 fund with the uplifted figures in one batch, keeps the choice, and undo removes all of it', async () => {
    const before = await counts(api.db);
    const result = await commissioner.rollover.start({ fundId: f.fundId, upliftBp: 390, mappings: [MAP_SUB] });
    expect(result).toMatchObject({ name: 'Better Care Fund', financialYear: '2026/27', bcfYear: '2026/27' });
    const fundId = result.fundId;
    const plan = await commissioner.schemes.plan({ fundId });
    expect(plan.bcfYear).toBe('2026/27');

    // Contributions: planned uplifted per stream by largest remainder on the old cells; no actuals, no notes.
    const rows = (await commissioner.contributions.list({ fundId })).map((r) => [
      r.orgId,
      r.source,
      r.quarter,
      r.plannedPence,
      r.actualPence,
      r.note,
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [f.icbId, 'nhs_minimum', 1, 25_975_000, 0, ''],
        [f.icbId, 'nhs_minimum', 2, 25_975_000, 0, ''],
        [f.icbId, 'nhs_minimum', 3, 25_975_001, 0, ''],
        [f.icbId, 'nhs_minimum', 4, 0, 0, ''],
        [f.councilId, 'la_better_care_grant', 1, 1040, 0, ''],
      ]),
    );
    expect(rows).toHaveLength(5);

    // The scheme: sub-type mapped as chosen, spend uplifted to the same stream total as its income, no actuals.
    const [scheme] = plan.schemes;
    expect(plan.schemes).toHaveLength(1);
    expect(scheme).toMatchObject({
      code: 'S1',
      schemeType: 'home_based_ic',
      subType: 'reablement_at_home',
      fundingSource: 'nhs_minimum',
      isNew: false,
    });
    expect(scheme?.spend.map((q) => [q.plannedPence, q.actualPence])).toEqual([
      [38_962_500, 0],
      [38_962_501, 0],
      [0, 0],
      [0, 0],
    ]);

    // Settings and risk share carried over; the NHS minimum to adult social care is not copied (worked out per year).
    expect(plan.settings).toMatchObject({
      minOutOfHospitalPence: 123_456,
      amberThresholdBp: 300,
      redThresholdBp: 900,
      minNhsToSocialCarePence: 0,
    });
    expect((await commissioner.riskshare.get({ fundId })).overspendMethod).toMatchObject({ kind: 'host_bears' });

    // The outcome's baseline and target under 2026/27's metric of the same code; no actual.
    const metric2627 = (await api.caller.metrics.list({ bcfYear: '2026/27' }))[0];
    expect(
      (await commissioner.outcomes.list({ fundId })).outcomes.map((o) => [o.metricId, o.quarter, o.baseline, o.target, o.actual]),
    ).toEqual([[metric2627?.id, 1, 1000, 900, null]]);

    // The choice is kept for the next roll-over between these years.
    const mapping = await api.db.selectFrom('yearMapping').selectAll().where('fromCode', '=', NEW_SUB).execute();
    expect(mapping.map((m) => [m.fromYear, m.toYear, m.list, m.toCode])).toEqual([['2025/26', '2026/27', 'sub_type', MAP_SUB.toCode]]);

    // One batch, on the undo stack of the fund it started from, its events in the new fund's history; a second start is
    // refused, naming the fund that exists.
    expect((await commissioner.audit.stack({ fundId: f.fundId })).undo?.batchId).toBe(result.batchId);
    const history = await commissioner.audit.list({ fundId });
    expect(new Set(history.map((e) => e.batchId))).toEqual(new Set([result.batchId]));
    const again = await expectTrpcError(commissioner.rollover.start({ fundId: f.fundId, upliftBp: 390, mappings: [] }), 'BAD_REQUEST');
    expect(fieldErrorsOf(again).find((e) => e.path === 'name')?.message).toMatch(
      /A fund named 'Better Care Fund' already exists for 2026\/27/,
    );
    expect((await commissioner.rollover.preview({ fundId: f.fundId, upliftBp: 390 })).existingFund).toMatchObject({ id: fundId });

    // Undo by the commissioner who started it removes every row the batch made (only the batches and audit remain).
    await commissioner.audit.undo({ batchId: result.batchId });
    const after = await counts(api.db);
    const { batch: _b1, auditEvent: _a1, ...rest } = after;
    const { batch: _b0, auditEvent: _a0, ...was } = before;
    expect(rest).toEqual(was);
    expect(await api.db.selectFrom('fund').select('id').where('id', '=', fundId).executeTakeFirst()).toBeUndefined();

    // Redo (Ctrl+Y on the fund it started from) puts the fund back under its id, with its rows.
    await commissioner.audit.redoLast({ fundId: f.fundId });
    expect((await commissioner.contributions.list({ fundId })).map((r) => r.plannedPence).sort((a, b) => a - b)).toEqual([
      0, 1040, 25_975_000, 25_975_000, 25_975_001,
    ]);
    expect((await commissioner.schemes.plan({ fundId })).schemes).toHaveLength(1);
    await commissioner.audit.undoLast({ fundId: f.fundId });
    expect(await api.db.selectFrom('fund').select('id').where('id', '=', fundId).executeTakeFirst()).toBeUndefined();
  });

  it('a sub-type mapped under another type takes that type with it', async () => {
    const other = await api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Pilot fund', financialYear: '2025/26' });
    await api.caller.schemes.applyBatch({
      fundId: other.id,
      changes: [{ op: 'create', values: { code: 'P1', name: 'Pilot', schemeType: 'home_based_ic', subType: 'virtual_ward_pilot' } }],
    });
    const { fundId } = await api.caller.rollover.start({
      fundId: other.id,
      upliftBp: 0,
      mappings: [{ list: 'sub_type', fromCode: NEW_SUB, toCode: 'residential/care_home' }],
    });
    const [scheme] = (await api.caller.schemes.plan({ fundId })).schemes;
    expect([scheme?.schemeType, scheme?.subType]).toEqual(['residential', 'care_home']);
  });

  it('maps a stream by the saved year mapping and merges two old streams into one (sums kept)', async () => {
    // A 2023-25 fund rolled into 2025/26: the iBCF and the LA discharge fund both become the Better Care Grant.
    const old = await api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Two-year plan', financialYear: '2024/25' });
    await api.caller.contributions.create({ fundId: old.id, orgId: f.councilId, source: 'la_bcf', quarter: 1, plannedPence: 100 });
    await api.caller.contributions.create({ fundId: old.id, orgId: f.councilId, source: 'discharge_la', quarter: 1, plannedPence: 101 });
    const year = (await api.caller.bcfYears.list()).find((y) => y.code === '2025/26');
    expect(year?.status).toBe('open');
    const preview = await api.caller.rollover.preview({ fundId: old.id, upliftBp: 1000 });
    expect(preview.target).toMatchObject({ bcfYear: '2025/26', financialYear: '2025/26' });
    expect(preview.codes.filter((c) => c.list === 'funding_stream').map((c) => [c.fromCode, c.toCode, c.how])).toEqual([
      ['la_bcf', 'la_better_care_grant', 'saved'],
      ['discharge_la', 'la_better_care_grant', 'saved'],
    ]);
    const result = await api.caller.rollover.start({ fundId: old.id, upliftBp: 1000, mappings: [] });
    // 201p x 1.1 = 221.1p -> 221p, in one row for the partner, stream and quarter.
    const rows = await api.caller.contributions.list({ fundId: result.fundId });
    expect(rows.map((r) => [r.source, r.quarter, r.plannedPence])).toEqual([['la_better_care_grant', 1, 221]]);
  });
});
