// The administrator's edits of BCF years and their streams: removing a stream (refused, naming the funds, while a fund
// of that year uses it), and the refusals of bcfYears.update. Every refusal leaves counts() unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'admin-years');
  // The fixture's fund is a 2025/26 fund; name its BCF year when fund creation does not (yet) set it.
});
afterAll(async () => {
  await api.close();
});

const newStream = (code: string) =>
  api.caller.bcfYears.createStream({ bcfYear: '2025/26', code, name: `Stream ${code}`, owner: 'any', isMinimum: false });

const streamCodes = async (bcfYear: string) => (await api.caller.bcfYears.streams({ bcfYear })).map((s) => s.code);

describe('bcfYears.removeStream', () => {
  it('removes an unused stream from its year only, audited; the other years keep theirs', async () => {
    const stream = await newStream('spare_stream');
    expect(await streamCodes('2025/26')).toContain('spare_stream');
    const before = await counts(api.db);
    await api.caller.bcfYears.removeStream({ id: stream.id, version: stream.version });
    expect(await streamCodes('2025/26')).not.toContain('spare_stream');
    expect(await streamCodes('2023-25')).toContain('discharge_icb');
    const after = await counts(api.db);
    expect(after.fundingStream).toBe((before.fundingStream ?? 0) - 1);
    expect(after.batch).toBe((before.batch ?? 0) + 1);
    const audit = await api.db
      .selectFrom('auditEvent')
      .select(['entity', 'field', 'oldValue', 'newValue'])
      .where('entity', '=', 'funding_stream')
      .where('entityId', '=', stream.id)
      .where('action', '=', 'delete')
      .execute();
    expect(audit.find((a) => a.field === 'code')).toMatchObject({ oldValue: JSON.stringify('spare_stream'), newValue: null });
  });

  it('is refused, naming the fund, while a contribution or a scheme of a fund of that year uses the stream', async () => {
    const byContribution = await newStream('used_by_contribution');
    const byScheme = await newStream('used_by_scheme');
    await api.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'used_by_contribution',
      quarter: 1,
      plannedPence: 100,
    });
    await api.caller.schemes.applyBatch({
      fundId: f.fundId,
      changes: [{ op: 'create', values: { code: 'S1', name: 'Uses the stream', fundingSource: 'used_by_scheme' } }],
    });
    const before = await counts(api.db);
    for (const stream of [byContribution, byScheme]) {
      const error = await expectTrpcError(api.caller.bcfYears.removeStream({ id: stream.id, version: stream.version }), 'BAD_REQUEST');
      const [problem] = fieldErrorsOf(error);
      expect(problem?.path).toBe('id');
      expect(problem?.message).toContain(`Funding stream '${stream.code}'`);
      expect(problem?.message).toContain(`Better Care Fund 2025/26 (fund ${f.fundId})`);
    }
    expect(await counts(api.db)).toEqual(before);
    expect(await streamCodes('2025/26')).toEqual(expect.arrayContaining(['used_by_contribution', 'used_by_scheme']));
  });

  it('is refused for a stale version (CONFLICT), an unknown id (NOT_FOUND), and for anyone but an administrator', async () => {
    const stream = await newStream('contested_stream');
    const renamed = await api.caller.bcfYears.updateStream({ id: stream.id, version: stream.version, patch: { name: 'Renamed' } });
    const { caller: commissioner } = await api.userWith('commissioner', [f.councilId]);
    const before = await counts(api.db);
    await expectTrpcError(api.caller.bcfYears.removeStream({ id: stream.id, version: stream.version }), 'CONFLICT');
    await expectTrpcError(api.caller.bcfYears.removeStream({ id: 999_999, version: 1 }), 'NOT_FOUND');
    await expectTrpcError(commissioner.bcfYears.removeStream({ id: stream.id, version: renamed.version }), 'FORBIDDEN');
    expect(await counts(api.db)).toEqual(before);
    await api.caller.bcfYears.removeStream({ id: stream.id, version: renamed.version });
    expect(await streamCodes('2025/26')).not.toContain('contested_stream');
  });
});

describe('bcfYears.update refusals', () => {
  it('an uplift past +/-100%, an unknown status, an empty label or a stale version: refused, nothing written', async () => {
    const year = (await api.caller.bcfYears.list()).find((y) => y.code === '2025/26');
    if (!year) throw new Error('2025/26 is seeded by the migration');
    const before = await counts(api.db);
    const refused = async (patch: Record<string, unknown>, field: string, text: RegExp) => {
      const error = await expectTrpcError(
        api.caller.bcfYears.update({ id: year.id, version: year.version, patch } as never),
        'BAD_REQUEST',
      );
      const problem = fieldErrorsOf(error).find((e) => e.path.endsWith(field));
      expect(problem?.message, JSON.stringify(fieldErrorsOf(error))).toMatch(text);
    };
    await refused({ nhsAscUpliftBp: 10_001 }, 'nhsAscUpliftBp', /-10000 to 10000/);
    await refused({ nhsAscUpliftBp: -10_001 }, 'nhsAscUpliftBp', /-10000 to 10000/);
    await refused({ nhsAscUpliftBp: 3.9 }, 'nhsAscUpliftBp', /whole number/);
    await refused({ status: 'archived' }, 'status', /open|closed/);
    await refused({ label: '' }, 'label', /./);
    await api.caller.bcfYears.update({ id: year.id, version: year.version, patch: { sourceNote: 'Checked' } });
    const afterOne = await counts(api.db);
    await expectTrpcError(api.caller.bcfYears.update({ id: year.id, version: year.version, patch: { label: 'Stale' } }), 'CONFLICT');
    expect(await counts(api.db)).toEqual(afterOne);
    expect(afterOne.bcfYear).toBe(before.bcfYear);
    expect((await api.caller.bcfYears.list()).find((y) => y.code === '2025/26')?.label).not.toBe('Stale');
  });
});
