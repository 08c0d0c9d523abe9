// partnerships.years on a small fixture with two years: a 2024/25 fund (BCF 2023-25, the old streams) and a 2025/26
// fund (the new streams). Exact pence by stream and partner, the change in pence and per mille, mapped streams lined
// up under their successors and said so; one year only says nothing to compare; outsiders are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTrpcError, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'years');
  const older = await api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Better Care Fund', financialYear: '2024/25' });
  // Name each fund's BCF year where fund creation does not (yet) set it.
  const add = (fundId: number, orgId: number, source: string, quarter: number, plannedPence: number) =>
    api.caller.contributions.create({ fundId, orgId, source, quarter, plannedPence });
  // 2024/25: ICB £1,000.00 NHS minimum + £200.00 discharge (ICB); council £300.00 iBCF + £33.33 discharge (LA).
  await add(older.id, f.icbId, 'nhs_minimum', 1, 600_00);
  await add(older.id, f.icbId, 'nhs_minimum', 2, 400_00);
  await add(older.id, f.icbId, 'discharge_icb', 1, 200_00);
  await add(older.id, f.councilId, 'la_bcf', 1, 300_00);
  await add(older.id, f.councilId, 'discharge_la', 1, 33_33);
  // 2025/26: ICB £1,246.80 NHS minimum (3.9% more than £1,200.00); council £333.33 Better Care Grant (no change).
  await add(f.fundId, f.icbId, 'nhs_minimum', 1, 1_246_80);
  await add(f.fundId, f.councilId, 'la_better_care_grant', 1, 333_33);
});
afterAll(async () => {
  await api.close();
});

describe('partnerships.years', () => {
  it('adds up each year by stream and partner in pence, lines up mapped streams and gives the change in £ and per mille', async () => {
    const result = await api.caller.partnerships.years({ partnershipId: f.partnershipId });
    expect(result.years.map((y) => [y.financialYear, y.bcfYear])).toEqual([
      ['2024/25', '2023-25'],
      ['2025/26', '2025/26'],
    ]);
    expect(result.streams.map((s) => [s.name, s.byYear, s.changes[1]])).toEqual([
      ['NHS minimum contribution', [1_200_00, 1_246_80], { pence: 46_80, perMille: 39 }],
      ['Local Authority Better Care Grant', [333_33, 333_33], { pence: 0, perMille: 0 }],
    ]);
    expect(result.streams[0]?.mappedFrom).toEqual([expect.stringMatching(/\(2023-25\)$/)]);
    expect(result.mappingNotes).toHaveLength(2);
    expect(result.mappingNotes[0]).toMatch(/is shown under NHS minimum contribution, as the years’ mapping says/);
    const byName = Object.fromEntries(result.partners.map((p) => [p.key, [p.byYear, p.changes[1]]]));
    expect(byName[String(f.icbId)]).toEqual([[1_200_00, 1_246_80], { pence: 46_80, perMille: 39 }]);
    expect(byName[String(f.councilId)]).toEqual([[333_33, 333_33], { pence: 0, perMille: 0 }]);
    expect(result.total.byYear).toEqual([1_533_33, 1_580_13]);
    // 4,680 / 153,333 = 3.052...% -> 31 per mille (3.1%).
    expect(result.total.changes[1]).toEqual({ pence: 46_80, perMille: 31 });
  });

  it('a partnership with one year has nothing to compare: one column and no changes', async () => {
    const single = await makeFund(api, 'single');
    await api.caller.contributions.create({
      fundId: single.fundId,
      orgId: single.icbId,
      source: 'nhs_minimum',
      quarter: 1,
      plannedPence: 5_00,
    });
    const result = await api.caller.partnerships.years({ partnershipId: single.partnershipId });
    expect(result.years).toHaveLength(1);
    expect(result.total).toMatchObject({ byYear: [5_00], changes: [null] });
  });

  it('is refused to someone whose organisations are not in the partnership', async () => {
    const { caller: outsider } = await api.userWith('board_member', [f.outsiderId]);
    await expectTrpcError(outsider.partnerships.years({ partnershipId: f.partnershipId }), 'FORBIDDEN');
    const { caller: member } = await api.userWith('board_member', [f.councilId]);
    expect((await member.partnerships.years({ partnershipId: f.partnershipId })).years).toHaveLength(2);
  });
});
