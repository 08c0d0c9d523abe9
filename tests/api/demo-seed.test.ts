// The demo seed, read back through the API: the borough BCF 2025/26 and the looked-after-children pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../support/api';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi({ demo: true });
});
afterAll(async () => {
  await api.close();
});

async function partnershipNamed(fragment: string) {
  const found = (await api.caller.partnerships.list()).find((p) => p.name.includes(fragment));
  if (!found) throw new Error(`no demo partnership named like '${fragment}'`);
  return found;
}

describe('demo seed', () => {
  it('every seeded partnership is marked isDemo', async () => {
    const list = await api.caller.partnerships.list();
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.every((p) => p.isDemo)).toBe(true);
  });

  it('the borough BCF 2025/26 has council and ICB contributions across at least five sources and all four quarters', async () => {
    const bcf = await partnershipNamed('Better Care Fund');
    const orgs = await api.caller.orgs.list();
    const members = orgs.filter((o) => bcf.memberOrgIds.includes(o.id));
    const council = members.find((o) => o.sector === 'social_care');
    const icb = members.find((o) => o.sector === 'health');
    expect(council).toBeDefined();
    expect(icb).toBeDefined();
    expect(bcf.hostOrgId).toBe(council?.id);

    const fund = (await api.caller.funds.list({ partnershipId: bcf.id })).find((f) => f.financialYear === '2025/26');
    expect(fund).toBeDefined();
    const rows = await api.caller.contributions.list({ fundId: fund?.id ?? 0 });
    const councilRows = rows.filter((r) => r.orgId === council?.id);
    const icbRows = rows.filter((r) => r.orgId === icb?.id);
    expect(councilRows.length).toBeGreaterThan(0);
    expect(icbRows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.source)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((r) => r.quarter))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(councilRows.map((r) => r.quarter))).toEqual(new Set([1, 2, 3, 4]));
    expect(new Set(icbRows.map((r) => r.quarter))).toEqual(new Set([1, 2, 3, 4]));
    expect(rows.every((r) => Number.isInteger(r.plannedPence) && r.plannedPence > 0)).toBe(true);

    // Its summary agrees with the rows and the shares add up.
    const summary = await api.caller.funds.summary({ fundId: fund?.id ?? 0 });
    let planned = 0;
    for (const r of rows) planned += r.plannedPence;
    expect(summary.plannedPence).toBe(planned);
    expect(summary.byPartner.reduce((acc, p) => acc + p.shareBp, 0)).toBe(10_000);
  });

  it('the three-partner looked-after-children pool exists with a fund and contributions from all three', async () => {
    const pool = await partnershipNamed('Looked-After Children');
    expect(pool.memberOrgIds).toHaveLength(3);
    const orgs = await api.caller.orgs.list();
    const sectors = orgs.filter((o) => pool.memberOrgIds.includes(o.id)).map((o) => o.sector);
    expect(new Set(sectors)).toEqual(new Set(['social_care', 'education', 'health']));
    const funds = await api.caller.funds.list({ partnershipId: pool.id });
    expect(funds.length).toBeGreaterThan(0);
    const rows = await api.caller.contributions.list({ fundId: funds[0]?.id ?? 0 });
    expect(new Set(rows.map((r) => r.orgId))).toEqual(new Set(pool.memberOrgIds));
  });

  it('the seed is in the audit log, so every demo figure is accounted for', async () => {
    const events = await api.caller.audit.list({ entity: 'contribution', limit: 1000 });
    const rows = await api.db.selectFrom('contribution').select('id').execute();
    const created = new Set(events.filter((e) => e.action === 'create').map((e) => e.entityId));
    expect(rows.every((r) => created.has(r.id))).toBe(true);
  });

  it('the borough BCF 2025/26 has an illustrative plan of valid schemes that nearly balances, with ring-fences set', async () => {
    const bcf = await partnershipNamed('Better Care Fund');
    const fund = (await api.caller.funds.list({ partnershipId: bcf.id })).find((f) => f.financialYear === '2025/26');
    const plan = await api.caller.schemes.plan({ fundId: fund?.id ?? 0 });
    expect(plan.bcfYear).toBe('2025/26');
    expect(plan.schemes.length).toBeGreaterThanOrEqual(10);
    expect(plan.schemes.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Bridging service',
        '6-week reablement',
        'Care home in-reach liaison',
        '4-year community grants',
        'DFG adaptations',
      ]),
    );
    expect(plan.settings.minNhsToSocialCarePence).toBeGreaterThan(0);
    expect(plan.settings.minOutOfHospitalPence).toBeGreaterThan(0);
    // Every code is one of the 2025/26 lists (the seed bypasses no rule a person would meet).
    const codes = (list: string) => new Set(plan.reference.filter((r) => r.list === list).map((r) => r.code));
    for (const s of plan.schemes) {
      expect(codes('scheme_type').has(s.schemeType ?? ''), s.code).toBe(true);
      expect(codes('area_of_spend').has(s.areaOfSpend ?? ''), s.code).toBe(true);
      expect(codes('commissioner').has(s.commissioner ?? ''), s.code).toBe(true);
      if (s.subType)
        expect(plan.reference.some((r) => r.list === 'sub_type' && r.parentCode === s.schemeType && r.code === s.subType)).toBe(true);
    }
    // Spend per source equals income except a deliberate £20,000 of the NHS minimum left unallocated.
    for (const income of plan.incomeBySource) {
      let spent = 0;
      for (const s of plan.schemes.filter((x) => x.fundingSource === income.source)) for (const q of s.spend) spent += q.plannedPence;
      expect(income.plannedPence - spent, income.source).toBe(income.source === 'nhs_minimum' ? 20_000_00 : 0);
    }
  });
});
