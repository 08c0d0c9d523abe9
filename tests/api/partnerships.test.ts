// orgs.*, partnerships.* and funds.*: create, get, list, the membership rules, and NOT_FOUND for unknown ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { bad } from './fixtures';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(async () => {
  await api.close();
});

type OrgInput = Parameters<TestApi['caller']['orgs']['create']>[0];

describe('orgs', () => {
  it('create returns the new organisation and list includes it, sorted by name', async () => {
    const z = await api.caller.orgs.create({ name: 'Zedshire Council', sector: 'social_care', kind: 'County council' });
    const a = await api.caller.orgs.create({ name: 'Abbey Housing', sector: 'housing' });
    expect(z).toMatchObject({ name: 'Zedshire Council', sector: 'social_care', kind: 'County council', version: 1 });
    expect(a).toMatchObject({ name: 'Abbey Housing', sector: 'housing', kind: null });
    const list = await api.caller.orgs.list();
    const names = list.map((o) => o.name);
    expect(names).toContain('Zedshire Council');
    expect(names.indexOf('Abbey Housing')).toBeLessThan(names.indexOf('Zedshire Council'));
    expect(list.find((o) => o.id === z.id)).toEqual(z);
  });

  it('refuses a duplicate name and an unknown sector, writing nothing', async () => {
    await api.caller.orgs.create({ name: 'Only Once', sector: 'other' });
    const before = await counts(api.db);
    const dup = await expectTrpcError(api.caller.orgs.create({ name: 'Only Once', sector: 'other' }), 'BAD_REQUEST');
    expect(fieldErrorsOf(dup)[0]).toMatchObject({ path: 'name' });
    expect(fieldErrorsOf(dup)[0]?.message).toContain("'Only Once'");
    const sector = await expectTrpcError(api.caller.orgs.create(bad<OrgInput>({ name: 'Odd', sector: 'police' })), 'BAD_REQUEST');
    expect(fieldErrorsOf(sector)[0]?.path).toBe('sector');
    expect(fieldErrorsOf(sector)[0]?.message).toContain("'police'");
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('partnerships', () => {
  it('create, get and list, with the members and the host', async () => {
    const council = await api.caller.orgs.create({ name: 'Riverton Council', sector: 'social_care' });
    const icb = await api.caller.orgs.create({ name: 'NHS Riverton ICB', sector: 'health' });
    const created = await api.caller.partnerships.create({
      name: 'Riverton BCF',
      area: 'Riverton',
      arrangement: 'pooled_fund',
      hostOrgId: council.id,
      memberOrgIds: [icb.id, council.id, icb.id],
    });
    expect(created).toMatchObject({
      name: 'Riverton BCF',
      area: 'Riverton',
      arrangement: 'pooled_fund',
      hostOrgId: council.id,
      isDemo: false,
    });
    expect([...created.memberOrgIds].sort((x, y) => x - y)).toEqual([council.id, icb.id].sort((x, y) => x - y));
    expect(await api.caller.partnerships.get({ id: created.id })).toEqual(created);
    const list = await api.caller.partnerships.list();
    expect(list.find((p) => p.id === created.id)).toEqual(created);
  });

  it('refuses a host that is not a member, writing nothing', async () => {
    const m = await api.caller.orgs.create({ name: 'Member Org', sector: 'health' });
    const h = await api.caller.orgs.create({ name: 'Host Not Member', sector: 'social_care' });
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.partnerships.create({ name: 'Bad host', arrangement: 'aligned_budget', hostOrgId: h.id, memberOrgIds: [m.id] }),
      'BAD_REQUEST',
    );
    const fe = fieldErrorsOf(error).find((e) => e.path === 'hostOrgId');
    expect(fe?.message).toContain(String(h.id));
    expect(fe?.message).toContain('member');
    expect(await counts(api.db)).toEqual(before);
  });

  it('refuses an unknown member organisation at its index, writing nothing', async () => {
    const m = await api.caller.orgs.create({ name: 'Real Member', sector: 'health' });
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.partnerships.create({ name: 'Ghost member', arrangement: 'pooled_fund', memberOrgIds: [m.id, 909_090] }),
      'BAD_REQUEST',
    );
    const fe = fieldErrorsOf(error).find((e) => e.path === 'memberOrgIds.1');
    expect(fe?.message).toContain('909090');
    expect(fe?.message).toContain('does not exist');
    expect(await counts(api.db)).toEqual(before);
  });

  it('refuses a partnership with no members', async () => {
    const before = await counts(api.db);
    const error = await expectTrpcError(
      api.caller.partnerships.create({ name: 'Nobody', arrangement: 'pooled_fund', memberOrgIds: [] }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)[0]?.path).toBe('memberOrgIds');
    expect(await counts(api.db)).toEqual(before);
  });

  it('get of an unknown partnership is NOT_FOUND', async () => {
    await expectTrpcError(api.caller.partnerships.get({ id: 777_777 }), 'NOT_FOUND');
  });
});

describe('funds', () => {
  it('create and list, newest year first; get and summary work on the new fund', async () => {
    const org = await api.caller.orgs.create({ name: 'Fundholder Council', sector: 'social_care' });
    const p = await api.caller.partnerships.create({ name: 'Fundholder pool', arrangement: 'pooled_fund', memberOrgIds: [org.id] });
    const older = await api.caller.funds.create({ partnershipId: p.id, name: 'Pool', financialYear: '2024/25' });
    const newer = await api.caller.funds.create({ partnershipId: p.id, name: 'Pool', financialYear: '2025/26' });
    expect(newer).toMatchObject({ partnershipId: p.id, name: 'Pool', financialYear: '2025/26', version: 1 });
    const list = await api.caller.funds.list({ partnershipId: p.id });
    expect(list.map((x) => x.id)).toEqual([newer.id, older.id]);
    expect(await api.caller.funds.get({ id: newer.id })).toEqual(newer);
    // The year boundary: 2099/00 is the last allowed start year and wraps the second part.
    const wrap = await api.caller.funds.create({ partnershipId: p.id, name: 'Pool', financialYear: '2099/00' });
    expect(wrap.financialYear).toBe('2099/00');
  });

  it('NOT_FOUND for an unknown partnership on create and list, and for an unknown fund', async () => {
    const before = await counts(api.db);
    await expectTrpcError(api.caller.funds.create({ partnershipId: 555_555, name: 'Nowhere', financialYear: '2025/26' }), 'NOT_FOUND');
    await expectTrpcError(api.caller.funds.list({ partnershipId: 555_555 }), 'NOT_FOUND');
    await expectTrpcError(api.caller.funds.get({ id: 555_555 }), 'NOT_FOUND');
    await expectTrpcError(api.caller.funds.summary({ fundId: 555_555 }), 'NOT_FOUND');
    expect(await counts(api.db)).toEqual(before);
  });

  it('an id that is not a whole number of 1 or more is BAD_REQUEST at its field', async () => {
    const error = await expectTrpcError(api.caller.funds.list({ partnershipId: 0 }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)[0]).toMatchObject({ path: 'partnershipId' });
    expect(fieldErrorsOf(error)[0]?.message).toContain('got 0');
  });
});

it('sources.list gives the funding streams in template order', async () => {
  const sources = await api.caller.sources.list();
  expect(sources.map((s) => s.code).slice(0, 3)).toEqual(['nhs_minimum', 'la_bcf', 'dfg']);
  expect(sources.every((s) => s.name.length > 0)).toBe(true);
});
