// reference.*: the reference lists per BCF year, seeded by the migration for 2023-25 and 2025/26; read by everyone
// signed in, added to and corrected by admins only, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_LISTS } from '../../shared/plan-types';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('reference lists per BCF year', () => {
  it('both years have every list; 2023-25 has 19 scheme types and five metrics, 2025/26 three metrics', async () => {
    for (const year of ['2023-25', '2025/26']) {
      const items = await api.caller.reference.list({ bcfYear: year });
      expect(items.every((i) => i.bcfYear === year)).toBe(true);
      for (const list of REFERENCE_LISTS)
        expect(
          items.some((i) => i.list === list),
          `${year} ${list}`,
        ).toBe(true);
      const types = new Set(items.filter((i) => i.list === 'scheme_type').map((i) => i.code));
      expect(types.has('other')).toBe(true);
      // Every sub-type belongs to a type of its year, and every type with sub-types has an 'other' one.
      const subTypes = items.filter((i) => i.list === 'sub_type');
      expect(subTypes.every((s) => s.parentCode !== null && types.has(s.parentCode))).toBe(true);
      for (const parent of new Set(subTypes.map((s) => s.parentCode))) {
        expect(subTypes.some((s) => s.parentCode === parent && s.code === 'other')).toBe(true);
      }
      expect(items.filter((i) => i.list === 'area_of_spend').map((i) => i.code)).toEqual([
        'social_care',
        'community_health',
        'continuing_care',
        'primary_care',
        'acute',
        'mental_health',
        'other',
      ]);
      expect(items.filter((i) => i.list === 'commissioner').map((i) => i.code)).toEqual(['la', 'icb', 'nhse', 'joint']);
    }
    const older = await api.caller.reference.list({ bcfYear: '2023-25' });
    expect(older.filter((i) => i.list === 'scheme_type')).toHaveLength(19);
    expect(older.filter((i) => i.list === 'metric').map((i) => i.code)).toEqual([
      'avoidable_admissions',
      'falls_65',
      'discharge_usual_residence',
      'residential_admissions_65',
      'reablement_91_days',
    ]);
    expect((await api.caller.reference.list({ bcfYear: '2025/26' })).filter((i) => i.list === 'metric')).toHaveLength(3);
    const all = await api.caller.reference.list();
    expect(new Set(all.map((i) => i.bcfYear))).toEqual(new Set(['2023-25', '2025/26']));
  });

  it('an admin adds and corrects items (audited, undoable); a sub-type needs a scheme type of its year; codes are unique', async () => {
    const added = await api.caller.reference.create({
      bcfYear: '2025/26',
      list: 'sub_type',
      code: 'night_sitting',
      name: 'Night sitting',
      parentCode: 'carers',
    });
    expect(added).toMatchObject({ bcfYear: '2025/26', list: 'sub_type', code: 'night_sitting', parentCode: 'carers', version: 1 });
    const renamed = await api.caller.reference.update({ id: added.id, version: added.version, patch: { name: 'Night-sitting service' } });
    expect(renamed).toMatchObject({ name: 'Night-sitting service', version: 2 });
    const [event] = await api.caller.audit.list({ entity: 'reference_item', entityId: added.id, limit: 1 });
    expect(event?.field).toBe('name');
    await api.caller.audit.undo({ batchId: event?.batchId ?? '' });
    expect((await api.caller.reference.list({ bcfYear: '2025/26' })).find((i) => i.id === added.id)?.name).toBe('Night sitting');

    const before = await counts(api.db);
    let error = await expectTrpcError(
      api.caller.reference.create({ bcfYear: '2025/26', list: 'sub_type', code: 'x', name: 'X', parentCode: 'hicm' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)).toEqual([{ path: 'parentCode', message: "Parent code 'hicm' is not a scheme type of BCF year 2025/26" }]);
    error = await expectTrpcError(
      api.caller.reference.create({ bcfYear: '2025/26', list: 'scheme_type', code: 'carers', name: 'Again' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)[0]?.path).toBe('code');
    error = await expectTrpcError(
      api.caller.reference.create({ bcfYear: '2025/26', list: 'metric', code: 'm', name: 'M', parentCode: 'carers' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)[0]?.path).toBe('parentCode');
    expect(await counts(api.db)).toEqual(before);
  });

  it('a new scheme type is usable in the plan of a fund of its year at once (data, not code)', async () => {
    await api.caller.reference.create({ bcfYear: '2025/26', list: 'scheme_type', code: 'digital', name: 'Digital inclusion' });
    const org = await api.caller.orgs.create({ name: 'Ref Council', sector: 'social_care' });
    const p = await api.caller.partnerships.create({ name: 'Ref BCF', arrangement: 'pooled_fund', memberOrgIds: [org.id] });
    const fund = await api.caller.funds.create({ partnershipId: p.id, name: 'BCF', financialYear: '2026/27' });
    const { rows } = await api.caller.schemes.applyBatch({
      fundId: fund.id,
      changes: [{ op: 'create', values: { code: 'D1', name: 'Tablets for carers', schemeType: 'digital' } }],
    });
    expect(rows[0]?.schemeType).toBe('digital');
  });

  it('only admins change reference data; everyone signed in reads it', async () => {
    const [item] = await api.caller.reference.list({ bcfYear: '2025/26' });
    if (!item) throw new Error('no items');
    for (const role of ['finance_officer', 'commissioner', 'board_member'] as const) {
      const { caller } = await api.userWith(role, []);
      expect((await caller.reference.list({ bcfYear: '2025/26' })).length).toBeGreaterThan(0);
      await expectTrpcError(caller.reference.create({ bcfYear: '2025/26', list: 'metric', code: 'x', name: 'X' }), 'FORBIDDEN');
      await expectTrpcError(caller.reference.update({ id: item.id, version: item.version, patch: { name: 'X' } }), 'FORBIDDEN');
    }
    await expectTrpcError(api.anonymous.reference.list(), 'UNAUTHORIZED');
  });
});
