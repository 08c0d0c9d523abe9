// riskshare.* (issue 6, item 4): a fund's Section 75 risk share, configured through the one write path, and the
// statement drawn from the fund's plan and contributions: the outturn, each step of the BCF order, and what each
// partner pays or receives, summing exactly to the variance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planVariance } from '../../shared/plan-variance';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let demoFundId = 0;
const POUND = 100;

beforeAll(async () => {
  api = await openTestApi({ demo: true });
  f = await makeFund(api, 'risk');
  const northbridge = (await api.caller.partnerships.list()).find((p) => p.name === 'Northbridge Better Care Fund');
  const funds = await api.caller.funds.list({ partnershipId: northbridge?.id ?? 0 });
  demoFundId = funds.find((fund) => fund.financialYear === '2025/26')?.id ?? 0;
  expect(demoFundId).toBeGreaterThan(0);
});
afterAll(async () => {
  await api.close();
});

type Statement = Awaited<ReturnType<TestApi['caller']['riskshare']['statement']>>;

/** contingency + uncommitted + pays - receives === variance: every penny of the variance accounted for. */
function expectExact(statement: Statement) {
  const absorbed = statement.steps
    .filter((s) => s.kind === 'contingency' || s.kind === 'uncommitted')
    .reduce((acc, s) => acc + s.absorbedPence, 0);
  const pays = statement.partners.reduce((acc, p) => acc + p.paysPence, 0);
  const receives = statement.partners.reduce((acc, p) => acc + p.receivesPence, 0);
  expect(absorbed + pays - receives).toBe(statement.variancePence);
  expect(statement.outturn.variancePence).toBe(statement.variancePence);
  expect(statement.lines.reduce((acc, l) => acc + l.variancePence, 0)).toBe(statement.variancePence);
}

describe('the demo fund', () => {
  it('has a pro-rata-to-planned risk share, and its statement sums exactly on both bases', async () => {
    const config = await api.caller.riskshare.get({ fundId: demoFundId });
    expect(config).toMatchObject({ overspendMethod: { kind: 'pro_rata_planned' }, underspendMethod: { kind: 'pro_rata_planned' } });
    expect(config.hostParty).toMatch(/^org:\d+$/);
    for (const basis of ['actual', 'forecast'] as const) {
      const statement = await api.caller.riskshare.statement({ fundId: demoFundId, basis });
      expectExact(statement);
      expect(statement.partners.length).toBe(2);
      expect(statement.overspendMethod).toEqual({ kind: 'pro_rata_planned' });
    }
  });

  it('the forecast basis uses the plan page’s forecast outturn', async () => {
    const plan = await api.caller.schemes.plan({ fundId: demoFundId });
    const statement = await api.caller.riskshare.statement({ fundId: demoFundId, basis: 'forecast' });
    const variance = planVariance(plan, statement.lastReportedQuarter);
    expect(statement.variancePence).toBe(variance.fund.forecastVariancePence);
    const actual = await api.caller.riskshare.statement({ fundId: demoFundId, basis: 'actual' });
    expect(actual.variancePence).toBe(variance.fund.variancePence);
    expect(actual.outturn.outturnPence).toBe(variance.fund.actualPence);
  });

  it('uses the configured method: host bears puts all of it on the host', async () => {
    const { version, hostParty } = await api.caller.riskshare.get({ fundId: demoFundId });
    await api.caller.riskshare.update({
      fundId: demoFundId,
      version,
      patch: { overspendMethod: { kind: 'host_bears' }, underspendMethod: { kind: 'host_bears' } },
    });
    const statement = await api.caller.riskshare.statement({ fundId: demoFundId, basis: 'actual' });
    expectExact(statement);
    expect(statement.overspendMethod).toEqual({ kind: 'host_bears', host: hostParty });
    const others = statement.partners.filter((p) => p.party !== hostParty);
    expect(others.every((p) => p.paysPence === 0 && p.receivesPence === 0)).toBe(true);
  });
});

/** A fund whose partners planned £7m (council) and £3m (ICB) and whose one scheme overspent by `overspendPounds`. */
let serial = 0;
async function workedFund(overspendPounds: number): Promise<number> {
  serial += 1;
  const name = `Worked ${serial}: £${overspendPounds} over`;
  const { id: fundId } = await api.caller.funds.create({ partnershipId: f.partnershipId, name, financialYear: '2025/26' });
  await api.caller.contributions.create({
    fundId,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 1,
    plannedPence: 7_000_000 * POUND,
    actualPence: 7_000_000 * POUND,
  });
  await api.caller.contributions.create({
    fundId,
    orgId: f.icbId,
    source: 'nhs_minimum',
    quarter: 1,
    plannedPence: 3_000_000 * POUND,
    actualPence: 3_000_000 * POUND,
  });
  await api.caller.schemes.applyBatch({
    fundId,
    changes: [
      {
        op: 'create',
        values: {
          code: '1',
          name: 'Reablement',
          commissioner: 'la',
          q1PlannedPence: 10_000_000 * POUND,
          q1ActualPence: (10_000_000 + overspendPounds) * POUND,
        },
      },
    ],
  });
  return fundId;
}

describe('worked case', () => {
  it('an overspend of £1,000,000.00 pro rata to contributions of £7m / £3m is £700,000.00 / £300,000.00', async () => {
    const fundId = await workedFund(1_000_000);
    const statement = await api.caller.riskshare.statement({ fundId, basis: 'actual' });
    expect(statement.outcome).toBe('overspend');
    expect(statement.variancePence).toBe(1_000_000 * POUND);
    // Partners are listed as funds.summary lists them (by name), so compare by party.
    const byParty = new Map(statement.partners.map((p) => [p.party, [p.paysPence, p.receivesPence]]));
    expect(byParty).toEqual(
      new Map([
        [`org:${f.councilId}`, [700_000 * POUND, 0]],
        [`org:${f.icbId}`, [300_000 * POUND, 0]],
      ]),
    );
    expect(statement.steps.map((s) => [s.kind, s.absorbedPence])).toEqual([
      ['underspends_elsewhere', 0],
      ['contingency', 0],
      ['uncommitted', 0],
      ['partners', 1_000_000 * POUND],
    ]);
    expectExact(statement);
  });

  it('a contingency meets the overspend first (step 2), the partners the rest; commissioner bears maps la to the council', async () => {
    const fundId = await workedFund(1_000_000);
    const { version } = await api.caller.riskshare.get({ fundId });
    await api.caller.riskshare.update({
      fundId,
      version,
      patch: { contingencyPence: 250_000 * POUND, overspendMethod: { kind: 'commissioner_bears' } },
    });
    const statement = await api.caller.riskshare.statement({ fundId, basis: 'actual' });
    expect(statement.steps.find((s) => s.kind === 'contingency')?.absorbedPence).toBe(250_000 * POUND);
    expect(statement.lines[0]?.commissioner).toBe(`org:${f.councilId}`);
    expect(statement.partners.find((p) => p.party === `org:${f.councilId}`)?.paysPence).toBe(750_000 * POUND);
    expectExact(statement);
  });
});

describe('riskshare.update: the write path', () => {
  it('is audited, refuses a stale version, and undo restores the method', async () => {
    const fundId = await workedFund(10);
    const before = await api.caller.riskshare.get({ fundId });
    const after = await api.caller.riskshare.update({
      fundId,
      version: before.version,
      patch: {
        overspendMethod: {
          kind: 'fixed_percentages',
          shares: [
            { party: `org:${f.councilId}`, basisPoints: 6000 },
            { party: `org:${f.icbId}`, basisPoints: 4000 },
          ],
        },
      },
    });
    expect(after.version).toBe(before.version + 1);
    expect(after.overspendMethod.kind).toBe('fixed_percentages');

    const unchanged = await counts(api.db);
    await expectTrpcError(api.caller.riskshare.update({ fundId, version: before.version, patch: { uncommittedPence: 1 } }), 'CONFLICT');
    expect(await counts(api.db)).toEqual(unchanged);

    const [event] = await api.caller.audit.list({ entity: 'fund_risk_share', entityId: fundId, limit: 1 });
    expect(event).toMatchObject({ field: 'overspendMethod', action: 'update' });
    await api.caller.audit.undo({ batchId: event?.batchId ?? '' });
    expect((await api.caller.riskshare.get({ fundId })).overspendMethod).toEqual({ kind: 'pro_rata_planned' });
  });

  it('bad configurations are refused with the field named, and nothing is written', async () => {
    const fundId = await workedFund(10);
    const { version } = await api.caller.riskshare.get({ fundId });
    const cases: [Parameters<TestApi['caller']['riskshare']['update']>[0]['patch'], string][] = [
      [
        { overspendMethod: { kind: 'fixed_percentages', shares: [{ party: 'health', basisPoints: 9000 }] } },
        'patch.overspendMethod.shares',
      ],
      [{ underspendMethod: { kind: 'host_bears', host: `org:${f.outsiderId}` } }, 'patch.underspendMethod.host'],
      [{ contingencyPence: -1 }, 'patch.contingencyPence'],
    ];
    for (const [patch, path] of cases) {
      const before = await counts(api.db);
      const error = await expectTrpcError(api.caller.riskshare.update({ fundId, version, patch }), 'BAD_REQUEST');
      expect(fieldErrorsOf(error).map((e) => e.path)).toContain(path);
      expect(await counts(api.db)).toEqual(before);
    }
  });

  it('board members and finance officers read but may not change it; nor may a commissioner of another partnership', async () => {
    const fundId = await workedFund(10);
    const { version } = await api.caller.riskshare.get({ fundId });
    const other = await makeFund(api, 'elsewhere');
    const refused = [
      (await api.userWith('board_member', [f.councilId])).caller,
      (await api.userWith('finance_officer', [f.councilId])).caller,
      (await api.userWith('commissioner', [other.councilId])).caller,
    ];
    for (const [index, caller] of refused.entries()) {
      if (index < 2) await expect(caller.riskshare.statement({ fundId, basis: 'actual' })).resolves.toBeDefined();
      const before = await counts(api.db);
      await expectTrpcError(caller.riskshare.update({ fundId, version, patch: { contingencyPence: 1 } }), 'FORBIDDEN');
      expect(await counts(api.db)).toEqual(before);
    }
  });
});
