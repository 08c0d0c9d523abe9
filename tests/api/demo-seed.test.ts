// The demo seed, read back through the API: the borough BCF 2025/26 and the looked-after-children pool; and how it was
// written: through the same service functions a person's request reaches, with inputs their procedures accept.
import { afterAll, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import type { z } from 'zod';
import { isEmpty, seedDemo, seedDemoUsers } from '../../server/demo/seed';
import { applyContributionBatch } from '../../server/services/contributions';
import { applyOutcomeBatch } from '../../server/services/outcomes';
import { createFund, createOrganisation, createPartnership } from '../../server/services/partnerships';
import { updateRiskShare } from '../../server/services/risk-share';
import { applyBenefitBatch } from '../../server/services/roi';
import { applySchemeBatch, updatePlanSettings } from '../../server/services/schemes';
import { createRule } from '../../server/services/split-rules';
import { createUser } from '../../server/services/users';
import { benefitsBatchInput, benefitValues, outcomesBatchInput, outcomeValues } from '../../shared/outcome-schemas';
import { riskShareUpdateInput } from '../../shared/risk-share-schemas';
import {
  applyBatchInput,
  contributionCreateInput,
  fundCreateInput,
  orgCreateInput,
  partnershipCreateInput,
  planSettingsUpdateInput,
  schemeBatchInput,
  schemeValues,
  userCreateInput,
} from '../../shared/schemas';
import { splitRuleCreateInput } from '../../shared/split-schemas';
import { createCaller } from '../../server/router';
import { counts, expectTrpcError, openTestApi, testContext, TEST_PASSWORD, type TestApi } from '../support/api';

// Every function of the services the seed may call is wrapped (and still runs), so the tests can see the calls.
const { spied } = vi.hoisted(() => ({
  spied: (module: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(module).map(([name, value]) => [
        name,
        typeof value === 'function' ? vi.fn(value as (...args: unknown[]) => unknown) : value,
      ]),
    ),
}));
vi.mock('../../server/services/contributions', async (original) => spied(await original()));
vi.mock('../../server/services/outcomes', async (original) => spied(await original()));
vi.mock('../../server/services/partnerships', async (original) => spied(await original()));
vi.mock('../../server/services/risk-share', async (original) => spied(await original()));
vi.mock('../../server/services/roi', async (original) => spied(await original()));
vi.mock('../../server/services/schemes', async (original) => spied(await original()));
vi.mock('../../server/services/split-rules', async (original) => spied(await original()));
vi.mock('../../server/services/users', async (original) => spied(await original()));

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi({ demo: true });
  await seedDemoUsers(api.db, TEST_PASSWORD);
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
  it("went through the service functions a person's request reaches, as the system, with inputs their procedures accept", () => {
    const services: [string, unknown, z.ZodType][] = [
      ['createOrganisation', createOrganisation, orgCreateInput],
      ['createPartnership', createPartnership, partnershipCreateInput],
      ['createRule', createRule, splitRuleCreateInput],
      ['createFund', createFund, fundCreateInput],
      ['applyContributionBatch', applyContributionBatch, applyBatchInput],
      ['applySchemeBatch', applySchemeBatch, schemeBatchInput],
      ['applyOutcomeBatch', applyOutcomeBatch, outcomesBatchInput],
      ['applyBenefitBatch', applyBenefitBatch, benefitsBatchInput],
      ['updateRiskShare', updateRiskShare, riskShareUpdateInput],
      ['updatePlanSettings', updatePlanSettings, planSettingsUpdateInput],
      ['createUser', createUser, userCreateInput],
    ];
    for (const [name, service, schema] of services) {
      const calls = (service as Mock).mock.calls;
      expect(calls.length, name).toBeGreaterThan(0);
      for (const [, actor, input] of calls) {
        expect(actor, name).toEqual({ userId: null });
        expect(problemsOf(schema, input), name).toEqual([]);
      }
    }
  });

  it('wrote nothing around the services: each demo row was created by an audited change of theirs', async () => {
    const batches = await api.db.selectFrom('batch').select(['kind', 'userId']).execute();
    expect(new Set(batches.map((b) => b.kind))).toEqual(new Set(['edit', 'batch', 'sign_off', 'comment']));
    // Every batch is the system's but the demo plan's signature, which only the person named may give, and the demo
    // conversation's question and answer, written by the people themselves.
    const users = await api.caller.users.list();
    const idOf = (email: string) => users.find((u) => u.email === email)?.id;
    const byPeople = batches.filter((b) => b.userId !== null);
    expect(byPeople).toHaveLength(3);
    expect(byPeople).toEqual(
      expect.arrayContaining([
        { kind: 'sign_off', userId: idOf('ceo.icb@demo.test') },
        { kind: 'comment', userId: idOf('board@demo.test') },
        { kind: 'comment', userId: idOf('council.finance@demo.test') },
      ]),
    );
    const tables = [
      ['organisation', 'organisation'],
      ['partnership', 'partnership'],
      ['splitRule', 'split_rule'],
      ['fund', 'fund'],
      ['contribution', 'contribution'],
      ['scheme', 'scheme'],
      ['outcome', 'outcome'],
      ['roiBenefit', 'roi_benefit'],
      ['appUser', 'app_user'],
      ['commentThread', 'comment_thread'],
      ['comment', 'comment'],
    ] as const;
    for (const [table, entity] of tables) {
      const rows = await api.db.selectFrom(table).select('id').execute();
      const events = await api.db
        .selectFrom('auditEvent')
        .select('entityId')
        .where('entity', '=', entity)
        .where('action', '=', 'create')
        .execute();
      const created = new Set(events.map((e) => e.entityId));
      const notCreatedByAChange = rows.filter((r) => !created.has(r.id));
      expect(rows.length, table).toBeGreaterThan(0);
      expect(notCreatedByAChange, table).toEqual([]);
    }
  });

  it("every seeded row, read back through the API, passes the shared zod schemas a person's input meets", async () => {
    const problems: string[] = [];
    const check = (schema: z.ZodType, what: string, value: unknown) =>
      problems.push(...problemsOf(schema, value).map((p) => `${what}: ${p}`));
    const absentIfNull = <T>(value: T | null) => value ?? undefined;
    for (const o of await api.caller.orgs.list()) {
      check(orgCreateInput, o.name, { name: o.name, sector: o.sector, kind: absentIfNull(o.kind), onsCode: absentIfNull(o.onsCode) });
    }
    const users = (await api.caller.users.list()).filter((u) => u.email.endsWith('@demo.test'));
    expect(users).toHaveLength(8);
    for (const u of users) check(userCreateInput, u.email, { email: u.email, name: u.name, role: u.role, orgIds: u.orgIds });
    for (const p of await api.caller.partnerships.list()) {
      const { name, arrangement, memberOrgIds } = p;
      const partnership = {
        name,
        arrangement,
        memberOrgIds,
        area: absentIfNull(p.area),
        hostOrgId: absentIfNull(p.hostOrgId),
        notes: absentIfNull(p.notes),
      };
      check(partnershipCreateInput, name, partnership);
      for (const { id: _id, version: _version, updatedAt: _at, ...rule } of await api.caller.splits.rules.list({ partnershipId: p.id })) {
        check(splitRuleCreateInput, rule.name, rule);
      }
      for (const fund of await api.caller.funds.list({ partnershipId: p.id })) {
        check(fundCreateInput, fund.name, { partnershipId: fund.partnershipId, name: fund.name, financialYear: fund.financialYear });
        await checkFund(fund.id, check);
      }
    }
    expect(problems).toEqual([]);
  });
});

/** What `schema` says is wrong with `value`: nothing when it passes. */
function problemsOf(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** A fund's contributions, schemes, outcomes, benefit lines, risk share and plan settings, each as its grid or form
 * would send it. */
async function checkFund(fundId: number, check: (schema: z.ZodType, what: string, value: unknown) => void): Promise<void> {
  for (const { orgId, source, quarter, plannedPence, actualPence, note } of await api.caller.contributions.list({ fundId })) {
    check(contributionCreateInput, `contribution ${orgId} ${source} Q${quarter}`, {
      fundId,
      orgId,
      source,
      quarter,
      plannedPence,
      actualPence,
      note,
    });
  }
  const plan = await api.caller.schemes.plan({ fundId });
  for (const { id: _id, fundId: _fund, version: _version, updatedAt: _at, updatedByName: _by, spend, ...scheme } of plan.schemes) {
    const quarters = spend.map((q) => [
      [`q${q.quarter}PlannedPence`, q.plannedPence],
      [`q${q.quarter}ActualPence`, q.actualPence],
    ]);
    check(schemeValues, `scheme ${scheme.code}`, { ...scheme, ...Object.fromEntries(quarters.flat()) });
  }
  check(planSettingsUpdateInput, `plan settings of fund ${fundId}`, { fundId, patch: plan.settings });
  const { outcomes } = await api.caller.outcomes.list({ fundId });
  for (const { id: _id, fundId: _fund, version: _version, status: _status, ...outcome } of outcomes) {
    check(outcomeValues, `outcome ${outcome.metricId} Q${outcome.quarter}`, outcome);
  }
  for (const { id: _id, fundId: _fund, version: _version, ...benefit } of await api.caller.roi.benefits.list({ fundId })) {
    check(benefitValues, benefit.label, benefit);
  }
  const { overspendMethod, underspendMethod, contingencyPence, uncommittedPence, version } = await api.caller.riskshare.get({ fundId });
  check(riskShareUpdateInput, `risk share of fund ${fundId}`, {
    fundId,
    version,
    patch: { overspendMethod, underspendMethod, contingencyPence, uncommittedPence },
  });
}

describe('a first start', () => {
  it('seeds all or nothing: every batch of the seed joins the transaction it runs in, so a start that stops half-way leaves an empty database', async () => {
    const fresh = await openTestApi();
    try {
      const batches = async () =>
        Number(
          (
            await fresh.db
              .selectFrom('batch')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const batchesBefore = await batches();
      expect(await isEmpty(fresh.db)).toBe(true);
      const stopped = fresh.db.transaction().execute(async (tx) => {
        await seedDemo(tx);
        expect(await isEmpty(tx)).toBe(false);
        throw new Error('the machine stopped');
      });
      await expect(stopped).rejects.toThrow('the machine stopped');
      expect(await isEmpty(fresh.db)).toBe(true);
      expect(await batches()).toBe(batchesBefore);
    } finally {
      await fresh.close();
    }
  });
});

describe('the demo’s sign-off (illustrative)', () => {
  it('names the council’s and the ICB’s chief executives, the council’s section 151 officer, and board@demo.test for every demo board', async () => {
    const named = await api.caller.signatories.list();
    const orgs = await api.caller.orgs.list();
    const orgName = (fragment: string) => orgs.find((o) => o.name.includes(fragment))?.name;
    const rows = named.map((s) => [s.userEmail, s.capacity, s.orgName ?? s.partnershipName]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['ceo.council@demo.test', 'chief_executive', orgName('Northbridge Borough Council')],
        ['ceo.icb@demo.test', 'chief_executive', orgName('NHS Northbridge and Vale ICB')],
        ['s151@demo.test', 'section_151', orgName('Northbridge Borough Council')],
      ]),
    );
    const partnerships = await api.caller.partnerships.list();
    const approvers = named.filter((s) => s.capacity === 'hwb_approval');
    expect(approvers.map((s) => s.partnershipId).sort()).toEqual(partnerships.map((p) => p.id).sort());
    expect(approvers.every((s) => s.userEmail === 'board@demo.test' && s.orgId === null)).toBe(true);
    expect(named.every((s) => s.jobTitle.endsWith('(demo)'))).toBe(true);
  });

  it('sets each demo year’s six deadlines, each noted as illustrative', async () => {
    for (const bcfYear of ['2025/26', '2026/27']) {
      const deadlines = await api.caller.deadlines.list({ bcfYear });
      expect(deadlines.map((d) => d.kind)).toEqual(['plan', 's75', 'q1', 'q2', 'q3', 'year_end']);
      expect(deadlines.every((d) => /^Illustrative demo date: check it against/.test(d.note))).toBe(true);
      // In the order of the year: the plan first, the year end last.
      const [plan, , q1, q2, q3, yearEnd] = deadlines.map((d) => d.dueOn);
      const inOrder = [plan, q1, q2, q3, yearEnd];
      expect([...inOrder].sort()).toEqual(inOrder);
    }
  });

  it('leaves the borough’s 2025/26 plan awaiting signatures, signed by the ICB’s chief executive only; nothing approved or locked', async () => {
    const bcf = await partnershipNamed('Better Care Fund');
    const funds = await api.caller.funds.list({ partnershipId: bcf.id });
    const fund = funds.find((f) => f.bcfYear === '2025/26');
    if (!fund) throw new Error('no 2025/26 demo fund');
    const plan = await api.caller.submissions.get({ fundId: fund.id, kind: 'plan' });
    expect(plan).toMatchObject({ status: 'awaiting_signatures', round: 1, changedSinceSent: false });
    expect(plan.signatures.filter((s) => s.signed).map((s) => s.label)).toEqual(['Chief executive of NHS Northbridge and Vale ICB']);
    expect(plan.missing).toEqual(['Chief executive of Northbridge Borough Council', 'Section 151 officer of Northbridge Borough Council']);
    expect(plan.approvers.map((a) => a.name)).toEqual(['Bea Board-Member (demo)']);
    for (const p of await api.caller.partnerships.list()) {
      for (const f of await api.caller.funds.list({ partnershipId: p.id })) {
        expect(await api.caller.submissions.locks({ fundId: f.id }), f.name).toEqual([]);
      }
    }
  });

  // Last in the file: it finishes the demo plan's cycle, which locks its figures.
  it('the demo sign-ins can finish the cycle: the other two sign, the board’s approval is recorded, and the plan is submitted and locked', async () => {
    const users = await api.caller.users.list();
    const as = (email: string) => {
      const user = users.find((u) => u.email === email);
      if (!user) throw new Error(`no demo sign-in ${email}`);
      return createCaller(testContext(api.db, user));
    };
    const bcf = await partnershipNamed('Better Care Fund');
    const fund = (await api.caller.funds.list({ partnershipId: bcf.id })).find((f) => f.bcfYear === '2025/26');
    if (!fund) throw new Error('no 2025/26 demo fund');
    const ref = { fundId: fund.id, kind: 'plan' as const };
    const sent = await api.caller.submissions.get(ref);
    const digest = sent.digest ?? '';
    const councilId = sent.signatures.find((s) => s.capacity === 'section_151')?.orgId ?? 0;
    await as('ceo.council@demo.test').submissions.sign({ ...ref, digest, capacity: 'chief_executive', orgId: councilId });
    const signed = await as('s151@demo.test').submissions.sign({ ...ref, digest, capacity: 'section_151', orgId: councilId });
    expect(signed.status).toBe('signed');
    const approved = await as('board@demo.test').submissions.approve({
      ...ref,
      digest,
      meetingDate: '2025-04-14',
      minuteReference: 'HWB/DEMO/1',
    });
    const submitted = await as('finance@demo.test').submissions.submit({
      ...ref,
      version: approved.version ?? 0,
      submittedOn: '2025-04-15',
    });
    expect(submitted.status).toBe('submitted');

    const [row] = await api.caller.contributions.list({ fundId: fund.id });
    if (!row) throw new Error('no demo contribution');
    const before = await counts(api.db);
    const refused = await expectTrpcError(
      as('finance@demo.test').contributions.update({ id: row.id, version: row.version, patch: { plannedPence: row.plannedPence + 1 } }),
      'FORBIDDEN',
    );
    expect(refused.message).toMatch(/Locked by the 2025\/26 plan/);
    expect(await counts(api.db)).toEqual(before);
  });
});
