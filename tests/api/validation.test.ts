// Every bad input is BAD_REQUEST, names the field (path) and its message names the field, the value and the rule,
// and nothing is written: no contribution, no batch, no audit event (design rule 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { bad, makeFund, valuesOf, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
/** An existing row, so updates and duplicates have something to refer to. */
let existing: Awaited<ReturnType<TestApi['caller']['contributions']['create']>>;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api);
  existing = await api.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 1,
    plannedPence: 50_000,
    note: 'original',
  });
});
afterAll(async () => {
  await api.close();
});

/**
 * Run a call that must be refused: BAD_REQUEST, a field error at `path` whose message contains every fragment, and no
 * table touched. Also checks the existing row is exactly as it was.
 */
async function expectRefused(
  call: () => Promise<unknown>,
  path: string,
  fragments: string[],
): Promise<{ path: string; message: string }[]> {
  const before = await counts(api.db);
  const rowsBefore = (await api.caller.contributions.list({ fundId: f.fundId })).map(valuesOf);
  const error = await expectTrpcError(call(), 'BAD_REQUEST');
  const fieldErrors = fieldErrorsOf(error);
  const match = fieldErrors.find((e) => e.path === path);
  expect(match, `a field error at '${path}' in ${JSON.stringify(fieldErrors)}`).toBeDefined();
  for (const fragment of fragments) expect(match?.message).toContain(fragment);
  // The client-facing message carries the field messages too.
  expect(error.message).toContain(match?.message ?? '<none>');
  const after = await counts(api.db);
  expect(after).toEqual(before);
  expect(after.contribution).toBe(before.contribution);
  expect(after.auditEvent).toBe(before.auditEvent);
  expect(after.batch).toBe(before.batch);
  expect((await api.caller.contributions.list({ fundId: f.fundId })).map(valuesOf)).toEqual(rowsBefore);
  return fieldErrors;
}

type CreateInput = Parameters<TestApi['caller']['contributions']['create']>[0];
type UpdateInput = Parameters<TestApi['caller']['contributions']['update']>[0];
type DeleteInput = Parameters<TestApi['caller']['contributions']['delete']>[0];
type FundInput = Parameters<TestApi['caller']['funds']['create']>[0];

const good = () => ({ fundId: f.fundId, orgId: f.icbId, source: 'nhs_minimum', quarter: 2, plannedPence: 1_000 });

describe('contributions.create refuses', () => {
  it('a planned amount of the wrong type', async () => {
    await expectRefused(() => api.caller.contributions.create(bad<CreateInput>({ ...good(), plannedPence: 'twelve' })), 'plannedPence', [
      'Planned (£)',
      "'twelve'",
      'whole number of pence',
    ]);
  });

  it('a negative planned amount', async () => {
    await expectRefused(() => api.caller.contributions.create({ ...good(), plannedPence: -500 }), 'plannedPence', [
      'Planned (£)',
      'got -500',
      'from 0',
    ]);
  });

  it('a fractional amount of pence', async () => {
    await expectRefused(() => api.caller.contributions.create({ ...good(), actualPence: 12.5 }), 'actualPence', [
      'Actual (£)',
      '12.5',
      'whole number',
    ]);
  });

  it('quarter 5', async () => {
    await expectRefused(() => api.caller.contributions.create({ ...good(), quarter: 5 }), 'quarter', ['Quarter', 'got 5', '1, 2, 3 or 4']);
  });

  it('a partner that exists but is not a member of the partnership', async () => {
    await expectRefused(() => api.caller.contributions.create({ ...good(), orgId: f.outsiderId }), 'orgId', [
      'Partner',
      String(f.outsiderId),
      'not a member',
    ]);
  });

  it('a partner id that does not exist', async () => {
    await expectRefused(() => api.caller.contributions.create({ ...good(), orgId: 424_242 }), 'orgId', [
      'Partner',
      '424242',
      'not a member',
    ]);
  });

  it('an unknown funding source', async () => {
    await expectRefused(() => api.caller.contributions.create({ ...good(), source: 'lottery' }), 'source', [
      'Funding source',
      "'lottery'",
      'not a funding stream of BCF year 2025/26',
    ]);
  });

  it('a malformed funding source code', async () => {
    await expectRefused(() => api.caller.contributions.create({ ...good(), source: 'NHS Minimum!' }), 'source', [
      'Funding source',
      "'NHS Minimum!'",
      'code',
    ]);
  });

  it('a note over 2,000 characters', async () => {
    await expectRefused(() => api.caller.contributions.create({ ...good(), note: 'x'.repeat(2001) }), 'note', [
      'Note',
      '2,001 characters',
      'at most 2,000',
    ]);
  });

  it('accepts a note of exactly 2,000 characters (the boundary)', async () => {
    const row = await api.caller.contributions.create({ ...good(), source: 'other', note: 'y'.repeat(2000) });
    expect(row.note).toHaveLength(2000);
    await api.caller.contributions.delete({ id: row.id, version: row.version });
  });

  it('unknown extra keys', async () => {
    const errors = await expectRefused(() => api.caller.contributions.create(bad<CreateInput>({ ...good(), colour: 'red' })), 'colour', [
      'colour',
      'unknown field',
    ]);
    expect(errors).toHaveLength(1);
  });

  it('a missing required field', async () => {
    const { quarter: _q, ...withoutQuarter } = good();
    await expectRefused(() => api.caller.contributions.create(bad<CreateInput>(withoutQuarter)), 'quarter', ['Quarter', 'required']);
  });

  it('a duplicate partner + source + quarter in one fund', async () => {
    await expectRefused(
      () =>
        api.caller.contributions.create({
          fundId: f.fundId,
          orgId: f.councilId,
          source: 'la_better_care_grant',
          quarter: 1,
          plannedPence: 1,
        }),
      'quarter',
      ['Testshire Council', 'Local Authority Better Care Grant', 'Q1', 'already has'],
    );
  });

  it('reports every bad field at once, not just the first', async () => {
    const errors = await expectRefused(
      () => api.caller.contributions.create(bad<CreateInput>({ ...good(), plannedPence: 'twelve', quarter: 0 })),
      'plannedPence',
      ["'twelve'"],
    );
    expect(errors.map((e) => e.path).sort()).toEqual(['plannedPence', 'quarter']);
  });
});

describe('contributions.update and delete refuse', () => {
  it('update without a version', async () => {
    await expectRefused(
      () => api.caller.contributions.update(bad<UpdateInput>({ id: existing.id, patch: { plannedPence: 1 } })),
      'version',
      ['Version', 'required', 'version of the row you last saw'],
    );
  });

  it('delete without a version', async () => {
    await expectRefused(() => api.caller.contributions.delete(bad<DeleteInput>({ id: existing.id })), 'version', ['Version', 'required']);
  });

  it('a version that is not a number', async () => {
    await expectRefused(() => api.caller.contributions.delete(bad<DeleteInput>({ id: existing.id, version: 'latest' })), 'version', [
      'Version',
      "'latest'",
    ]);
  });

  it('a bad value inside the patch, at patch.<field>', async () => {
    await expectRefused(
      () =>
        api.caller.contributions.update(
          bad<UpdateInput>({ id: existing.id, version: existing.version, patch: { plannedPence: 'twelve' } }),
        ),
      'patch.plannedPence',
      ['Planned (£)', "'twelve'"],
    );
  });

  it('a note over 2,000 characters in a patch', async () => {
    await expectRefused(
      () => api.caller.contributions.update({ id: existing.id, version: existing.version, patch: { note: 'z'.repeat(2500) } }),
      'patch.note',
      ['Note', '2,500 characters', 'at most 2,000'],
    );
  });

  it('an unknown key inside the patch', async () => {
    await expectRefused(
      () =>
        api.caller.contributions.update(
          bad<UpdateInput>({ id: existing.id, version: existing.version, patch: { plannedPence: 5, fundId: 2 } }),
        ),
      'patch.fundId',
      ['fundId', 'unknown field'],
    );
  });

  it('an unknown key beside the patch', async () => {
    await expectRefused(
      () => api.caller.contributions.delete(bad<DeleteInput>({ id: existing.id, version: existing.version, force: true })),
      'force',
      ['force', 'unknown field'],
    );
  });

  it('an update that moves a row onto a partner that is not a member', async () => {
    await expectRefused(
      () => api.caller.contributions.update({ id: existing.id, version: existing.version, patch: { orgId: f.outsiderId } }),
      'patch.orgId',
      ['Partner', String(f.outsiderId), 'not a member'],
    );
  });

  it('an update that makes a duplicate partner + source + quarter', async () => {
    const other = await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'la_better_care_grant',
      quarter: 2,
    });
    await expectRefused(
      () => api.caller.contributions.update({ id: other.id, version: other.version, patch: { quarter: 1 } }),
      'patch.quarter',
      ['already has', 'Q1'],
    );
    await api.caller.contributions.delete({ id: other.id, version: other.version });
  });
});

describe('funds.create refuses', () => {
  it("a financial year written '2025-26'", async () => {
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Dashes', financialYear: '2025-26' }),
      'BAD_REQUEST',
    );
    const [fe] = fieldErrorsOf(error);
    expect(fe?.path).toBe('financialYear');
    expect(fe?.message).toContain('Financial year');
    expect(fe?.message).toContain("'2025-26'");
    expect(fe?.message).toContain('2025/26');
    expect(await counts(api.db)).toEqual(before);
  });

  it("a financial year of non-consecutive years '2025/27'", async () => {
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Gap', financialYear: '2025/27' }),
      'BAD_REQUEST',
    );
    const fe = fieldErrorsOf(error).find((e) => e.path === 'financialYear');
    expect(fe?.message).toContain("'2025/27'");
    expect(fe?.message).toContain('consecutive');
    expect(await counts(api.db)).toEqual(before);
  });

  it('a financial year that is not text', async () => {
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.funds.create(bad<FundInput>({ partnershipId: f.partnershipId, name: 'Number', financialYear: 2025 })),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error).find((e) => e.path === 'financialYear')?.message).toContain('2025');
    expect(await counts(api.db)).toEqual(before);
  });

  it('a second fund of the same name and year in one partnership', async () => {
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Better Care Fund', financialYear: '2025/26' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error).find((e) => e.path === 'name')?.message).toContain('2025/26');
    expect(await counts(api.db)).toEqual(before);
  });
});
