// The roles matrix (issue "Sign-in, roles and history"): every mutation in the router, called by every role and by no
// one signed in, is allowed or refused exactly as the roles say, and a refused call writes nothing. A procedure added
// to the router without a row here fails the first test, so the matrix cannot silently fall behind. Every procedure
// names the rule of the permissions table (shared/permissions.ts) it is allowed by, and the roles it allows are the
// roles that rule gives (issue 14): a procedure with no entry in the table fails here too.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPresence } from '../../db/repositories/live.repository';
import { findPlanSettings, planSettingsTable } from '../../db/repositories/plan-settings.repository';
import { planWorkbookFor } from '../../server/plan-workbook';
import { actorFor, visiblePartnershipIds } from '../../server/policy';
import { appRouter, createCaller } from '../../server/router';
import type { ProcedureMeta } from '../../server/trpc';
import { roleCan, ruleFor } from '../../shared/permissions';
import { ROLES } from '../../shared/roles';
import type { SignedInUser } from '../../shared/types';
import { counts, expectTrpcError, openTestApi, testContext, TEST_PASSWORD, type Caller, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

type Who = 'admin' | 'finance_officer' | 'commissioner' | 'board_member' | 'anonymous';
const EVERYONE: readonly Who[] = ['admin', 'finance_officer', 'commissioner', 'board_member', 'anonymous'];

/** One row of the matrix: who may call it, and how to make a valid call for a given caller (any set-up it needs is
 * done by `prepare`, before the write counts are taken, so only the call itself is measured). */
interface MatrixEntry {
  allowed: readonly Who[];
  prepare: (who: Who) => Promise<(caller: Caller) => Promise<unknown>>;
}

let api: TestApi;
let f: Fixture;
const users = new Map<Who, SignedInUser | null>();
const callers = new Map<Who, Caller>();
let serial = 0;
const next = () => ++serial;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'matrix');
  const finance = await api.userWith('finance_officer', [f.councilId], 'finance.matrix@test.example');
  const commissioner = await api.userWith('commissioner', [f.councilId], 'commissioner.matrix@test.example');
  const board = await api.userWith('board_member', [f.councilId, f.icbId], 'board.matrix@test.example');
  users.set('admin', api.admin).set('finance_officer', finance.user).set('commissioner', commissioner.user);
  users.set('board_member', board.user).set('anonymous', null);
  for (const [who, user] of users) callers.set(who, createCaller(testContext(api.db, user)));
});
afterAll(async () => {
  await api.close();
});

/** A new, empty fund in the matrix partnership (made by the admin), so each call can add rows without clashing. */
async function freshFund(): Promise<number> {
  const fund = await api.caller.funds.create({ partnershipId: f.partnershipId, name: `Matrix fund ${next()}`, financialYear: '2025/26' });
  return fund.id;
}

/** 2026/27 open (a copy of 2025/26), so a 2025/26 fund can start next year's plan. */
async function open2026(): Promise<void> {
  if ((await api.caller.bcfYears.list()).some((y) => y.code === '2026/27')) return;
  await api.caller.bcfYears.open({
    copyFrom: '2025/26',
    code: '2026/27',
    label: 'BCF 2026 to 2027',
    firstFinancialYear: '2026/27',
    lastFinancialYear: '2026/27',
  });
}

/** A council row in a fresh fund, created by the admin. */
async function councilRow() {
  const fundId = await freshFund();
  return api.caller.contributions.create({ fundId, orgId: f.councilId, source: 'la_better_care_grant', quarter: 1, plannedPence: 1000 });
}

/** A fresh fund of the matrix partnership (host: the council) with one council row: its plan needs the council's
 * chief executive and section 151 officer. */
async function planToSign(): Promise<{ fundId: number }> {
  const row = await councilRow();
  return { fundId: row.fundId };
}

/** Name `who` (once) as the council's chief executive, or as the matrix partnership's board approver, so a sign or
 * approve call by them is valid and the service's "who is named" check passes. */
const named = new Set<string>();
async function nameAs(who: Who, capacity: 'chief_executive' | 'hwb_approval'): Promise<void> {
  const user = users.get(who);
  if (!user || named.has(`${who}:${capacity}`)) return;
  named.add(`${who}:${capacity}`);
  await api.caller.signatories.create(
    capacity === 'hwb_approval'
      ? { userId: user.id, capacity, partnershipId: f.partnershipId }
      : { userId: user.id, capacity, orgId: f.councilId },
  );
}

/** A plan sent and signed by every signatory it needs (a council chief executive and section 151 officer kept for
 * the matrix), awaiting the board's approval. */
let signer: Caller | null = null;
let approver: Caller | null = null;
async function signedPlan() {
  if (!signer) {
    const made = await api.userWith('board_member', [f.councilId], `signer.matrix@test.example`);
    await api.caller.signatories.create({ userId: made.user.id, capacity: 'chief_executive', orgId: f.councilId });
    await api.caller.signatories.create({ userId: made.user.id, capacity: 'section_151', orgId: f.councilId });
    signer = made.caller;
  }
  const { fundId } = await planToSign();
  const sent = await api.caller.submissions.send({ fundId, kind: 'plan' });
  const ref = { fundId, kind: 'plan' as const, digest: sent.digest! };
  await signer.submissions.sign({ ...ref, capacity: 'chief_executive', orgId: f.councilId });
  return signer.submissions.sign({ ...ref, capacity: 'section_151', orgId: f.councilId });
}

/** A plan approved by the board (its approval recorded by an approver kept for the matrix). */
async function approvedPlan() {
  if (!approver) {
    const made = await api.userWith('board_member', [f.councilId, f.icbId], `approver.matrix@test.example`);
    await api.caller.signatories.create({ userId: made.user.id, capacity: 'hwb_approval', partnershipId: f.partnershipId });
    approver = made.caller;
  }
  const signed = await signedPlan();
  return approver.submissions.approve({
    fundId: signed.fundId,
    kind: 'plan',
    digest: signed.digest!,
    meetingDate: '2026-03-20',
    minuteReference: `HWB/${next()}`,
  });
}

const MUTATIONS: Record<string, MatrixEntry> = {
  'auth.login': {
    allowed: EVERYONE,
    prepare: async (who) => {
      const email = users.get(who)?.email ?? api.admin.email;
      return (caller) => caller.auth.login({ email, password: TEST_PASSWORD });
    },
  },
  'auth.logout': { allowed: EVERYONE, prepare: async () => (caller) => caller.auth.logout() },
  'users.create': {
    allowed: ['admin'],
    prepare: async () => {
      const email = `made.${next()}@test.example`;
      return (caller) => caller.users.create({ email, name: 'Made by matrix', role: 'board_member', orgIds: [f.councilId] });
    },
  },
  'users.update': {
    allowed: ['admin'],
    prepare: async () => {
      const { user } = await api.caller.users.create({
        email: `target.${next()}@test.example`,
        name: 'Target',
        role: 'board_member',
        orgIds: [],
      });
      return (caller) => caller.users.update({ id: user.id, version: user.version, patch: { role: 'commissioner', orgIds: [f.icbId] } });
    },
  },
  'users.resetPassword': {
    allowed: ['admin'],
    prepare: async () => {
      const { user } = await api.caller.users.create({
        email: `reset.${next()}@test.example`,
        name: 'Reset',
        role: 'board_member',
        orgIds: [],
      });
      return (caller) => caller.users.resetPassword({ id: user.id });
    },
  },
  'orgs.create': {
    allowed: ['admin'],
    prepare: async () => {
      const name = `Matrix Org ${next()}`;
      return (caller) => caller.orgs.create({ name, sector: 'voluntary' });
    },
  },
  'partnerships.create': {
    allowed: ['admin'],
    prepare: async () => {
      const name = `Matrix Partnership ${next()}`;
      return (caller) => caller.partnerships.create({ name, arrangement: 'aligned_budget', memberOrgIds: [f.councilId, f.icbId] });
    },
  },
  'funds.create': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const name = `Matrix-made fund ${next()}`;
      return (caller) => caller.funds.create({ partnershipId: f.partnershipId, name, financialYear: '2026/27' });
    },
  },
  'contributions.create': {
    allowed: ['admin', 'finance_officer'],
    prepare: async () => {
      const fundId = await freshFund();
      return (caller) => caller.contributions.create({ fundId, orgId: f.councilId, source: 'dfg', quarter: 2, plannedPence: 12_345 });
    },
  },
  'contributions.update': {
    allowed: ['admin', 'finance_officer'],
    prepare: async () => {
      const row = await councilRow();
      return (caller) => caller.contributions.update({ id: row.id, version: row.version, patch: { actualPence: 999 } });
    },
  },
  'contributions.delete': {
    allowed: ['admin', 'finance_officer'],
    prepare: async () => {
      const row = await councilRow();
      return (caller) => caller.contributions.delete({ id: row.id, version: row.version });
    },
  },
  'contributions.applyBatch': {
    allowed: ['admin', 'finance_officer'],
    prepare: async () => {
      const row = await councilRow();
      return (caller) =>
        caller.contributions.applyBatch({
          fundId: row.fundId,
          changes: [
            { op: 'update', id: row.id, version: row.version, values: { plannedPence: 2000 } },
            { op: 'create', values: { orgId: f.councilId, source: 'additional_la', quarter: 3, plannedPence: 3000 } },
          ],
        });
    },
  },
  'contributions.import': {
    allowed: ['admin', 'finance_officer'],
    prepare: async () => {
      const fundId = await freshFund();
      const orgs = await api.caller.orgs.list();
      const council = orgs.find((o) => o.id === f.councilId)?.name ?? '';
      return (caller) =>
        caller.contributions.import({
          fundId,
          header: ['Partner', 'Funding source', 'Quarter', 'Planned (£)'],
          rows: [[council, 'dfg', 'Q1', '12.34']],
          mapping: { partner: 0, source: 1, quarter: 2, planned: 3 },
          mode: 'add',
          dryRun: false,
        });
    },
  },
  'audit.undo': {
    // Your own batch, or anyone's for an admin; board members make no batches and may undo none.
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async (who) => {
      const user = users.get(who) ?? null;
      const own = user && who !== 'board_member' ? createCaller(testContext(api.db, user)) : api.caller;
      let batchId: string;
      if (who === 'commissioner') {
        await own.funds.create({ partnershipId: f.partnershipId, name: `Undo me ${next()}`, financialYear: '2025/26' });
        const [event] = await api.caller.audit.list({ entity: 'fund', userId: user?.id ?? 0, limit: 1 });
        batchId = event?.batchId ?? '';
      } else {
        const fundId = await freshFund();
        const result = await own.contributions.applyBatch({
          fundId,
          changes: [{ op: 'create', values: { orgId: f.councilId, source: 'la_better_care_grant', quarter: 4, plannedPence: 4000 } }],
        });
        batchId = result.batchId;
      }
      expect(batchId).not.toBe('');
      return (caller) => caller.audit.undo({ batchId });
    },
  },
  'audit.undoLast': {
    // Editors step back through their own stack (a commissioner has no contribution batches here, so their call is
    // allowed and does nothing); board members change nothing and may undo nothing.
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async (who) => {
      const fundId = await fundWithOwnBatch(who, false);
      return (caller) => caller.audit.undoLast({ fundId });
    },
  },
  'audit.redoLast': {
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async (who) => {
      const fundId = await fundWithOwnBatch(who, true);
      return (caller) => caller.audit.redoLast({ fundId });
    },
  },
  'schemes.applyBatch': {
    // The plan is changed by the partnership's commissioners and finance officers and by admins; never by the board.
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      return (caller) =>
        caller.schemes.applyBatch({
          fundId,
          changes: [{ op: 'create', values: { code: `M${next()}`, name: 'Matrix scheme', q1PlannedPence: 100 } }],
        });
    },
  },
  'schemes.importWorkbook': {
    // Importing a workbook replaces the plan, so it is allowed to exactly those who change the plan.
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async () => {
      const from = await freshFund();
      await api.caller.schemes.applyBatch({
        fundId: from,
        changes: [{ op: 'create', values: { code: '1', name: 'From a workbook', q1PlannedPence: 100 } }],
      });
      const fileBase64 = (await planWorkbookFor(api.caller, from)).toString('base64');
      const fundId = await freshFund();
      return (caller) => caller.schemes.importWorkbook({ fundId, fileBase64, dryRun: false });
    },
  },
  'schemes.settings.update': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      return (caller) => caller.schemes.settings.update({ fundId, patch: { minNhsToSocialCarePence: 123_00 } });
    },
  },
  'conditions.answer': {
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      return (caller) => caller.conditions.answer({ fundId, conditionCode: 'nc1', answer: 'yes', commentary: 'Matrix' });
    },
  },
  'snapshots.create': {
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      return (caller) => caller.snapshots.create({ fundId, name: `Matrix snapshot ${next()}` });
    },
  },
  'snapshots.restore': {
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      const snapshot = await api.caller.snapshots.create({ fundId, name: 'Before' });
      await api.caller.schemes.applyBatch({ fundId, changes: [{ op: 'create', values: { code: '1', name: 'Added after' } }] });
      return (caller) => caller.snapshots.restore({ snapshotId: snapshot.id });
    },
  },
  'reference.create': {
    allowed: ['admin'],
    prepare: async () => {
      const code = `matrix_${next()}`;
      return (caller) => caller.reference.create({ bcfYear: '2025/26', list: 'provider_type', code, name: 'Matrix provider' });
    },
  },
  'reference.update': {
    allowed: ['admin'],
    prepare: async () => {
      const item = await api.caller.reference.create({ bcfYear: '2025/26', list: 'provider_type', code: `matrix_${next()}`, name: 'Old' });
      return (caller) => caller.reference.update({ id: item.id, version: item.version, patch: { name: 'New' } });
    },
  },
  'bcfYears.open': {
    allowed: ['admin'],
    prepare: async () => {
      // Each allowed call opens the next free year after the latest held, copying 2025/26.
      const start = 2030 + (next() % 60);
      const code = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
      return (caller) =>
        caller.bcfYears.open({ copyFrom: '2025/26', code, label: `Matrix ${code}`, firstFinancialYear: code, lastFinancialYear: code });
    },
  },
  'bcfYears.update': {
    allowed: ['admin'],
    prepare: async () => {
      const year = (await api.caller.bcfYears.list()).find((y) => y.code === '2025/26')!;
      return (caller) => caller.bcfYears.update({ id: year.id, version: year.version, patch: { label: `Matrix ${next()}` } });
    },
  },
  'bcfYears.createStream': {
    allowed: ['admin'],
    prepare: async () => {
      const code = `matrix_${next()}`;
      return (caller) => caller.bcfYears.createStream({ bcfYear: '2025/26', code, name: 'Matrix stream', owner: 'any', isMinimum: false });
    },
  },
  'bcfYears.updateStream': {
    allowed: ['admin'],
    prepare: async () => {
      const stream = await api.caller.bcfYears.createStream({
        bcfYear: '2025/26',
        code: `matrix_${next()}`,
        name: 'Old',
        owner: 'any',
        isMinimum: false,
      });
      return (caller) => caller.bcfYears.updateStream({ id: stream.id, version: stream.version, patch: { name: 'New' } });
    },
  },
  'rollover.start': {
    // Starting next year's plan makes a fund: the fund 'change' rule (commissioners and administrators).
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      await open2026();
      const fundId = await freshFund();
      return (caller) => caller.rollover.start({ fundId, upliftBp: 390, mappings: [] });
    },
  },
  'bcfYears.removeStream': {
    allowed: ['admin'],
    prepare: async () => {
      const stream = await api.caller.bcfYears.createStream({
        bcfYear: '2025/26',
        code: `matrix_${next()}`,
        name: 'Unused',
        owner: 'any',
        isMinimum: false,
      });
      return (caller) => caller.bcfYears.removeStream({ id: stream.id, version: stream.version });
    },
  },
  'splits.rules.create': {
    // Who pays is the commissioners' call: commissioners of the partnership and admins; never finance or the board.
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const name = `Matrix rule ${next()}`;
      return (caller) =>
        caller.splits.rules.create({
          partnershipId: f.partnershipId,
          name,
          shares: [{ party: 'social_care', basisPoints: 3000 }],
          remainder: 'unfunded',
        });
    },
  },
  'splits.rules.update': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const rule = await api.caller.splits.rules.create({
        partnershipId: f.partnershipId,
        name: `Matrix rule ${next()}`,
        shares: [{ party: 'health', basisPoints: 2000 }],
        remainder: 'normalise',
      });
      return (caller) => caller.splits.rules.update({ id: rule.id, version: rule.version, patch: { description: 'Changed' } });
    },
  },
  'splits.rules.delete': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const rule = await api.caller.splits.rules.create({
        partnershipId: f.partnershipId,
        name: `Matrix rule ${next()}`,
        shares: [{ party: 'health', basisPoints: 2000 }],
        remainder: 'unfunded',
      });
      return (caller) => caller.splits.rules.delete({ id: rule.id, version: rule.version });
    },
  },
  'riskshare.update': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      const { version } = await api.caller.riskshare.get({ fundId });
      return (caller) => caller.riskshare.update({ fundId, version, patch: { contingencyPence: 50_000_00 } });
    },
  },
  'scenarios.create': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      return (caller) => caller.scenarios.create({ fundId, name: `Matrix scenario ${next()}` });
    },
  },
  'scenarios.update': {
    allowed: ['admin', 'commissioner'],
    prepare: async (who) => {
      const { scenario } = await ownScenario(who);
      return (caller) => caller.scenarios.update({ id: scenario.id, version: scenario.version, patch: { description: 'Changed' } });
    },
  },
  'scenarios.delete': {
    allowed: ['admin', 'commissioner'],
    prepare: async (who) => {
      const { scenario } = await ownScenario(who);
      return (caller) => caller.scenarios.delete({ id: scenario.id, version: scenario.version });
    },
  },
  'scenarios.applyLines': {
    allowed: ['admin', 'commissioner'],
    prepare: async (who) => {
      const { scenario } = await ownScenario(who);
      return (caller) =>
        caller.scenarios.applyLines({
          scenarioId: scenario.id,
          changes: [{ op: 'create', values: { label: 'Care package', q1Pence: 100 } }],
        });
    },
  },
  'scenarios.refresh': {
    allowed: ['admin', 'commissioner'],
    prepare: async (who) => {
      const { scenario } = await ownScenario(who);
      return (caller) => caller.scenarios.refresh({ id: scenario.id, version: scenario.version });
    },
  },
  'scenarios.promote': {
    allowed: ['admin', 'commissioner'],
    prepare: async (who) => {
      const { scenario } = await ownScenario(who, true);
      return (caller) => caller.scenarios.promote({ id: scenario.id, version: scenario.version });
    },
  },
  'metrics.create': {
    allowed: ['admin'],
    prepare: async () => {
      const code = `matrix_metric_${next()}`;
      return (caller) => caller.metrics.create({ bcfYear: '2025/26', code, name: 'Matrix metric', unit: 'percent', polarity: 'higher' });
    },
  },
  'metrics.update': {
    allowed: ['admin'],
    prepare: async () => {
      const metric = await api.caller.metrics.create({
        bcfYear: '2025/26',
        code: `matrix_metric_${next()}`,
        name: 'Matrix metric',
        unit: 'count',
        polarity: 'lower',
      });
      return (caller) => caller.metrics.update({ id: metric.id, version: metric.version, patch: { name: 'Renamed' } });
    },
  },
  'outcomes.applyBatch': {
    // Finance officers and commissioners of the partnership report outcomes; board members read them.
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      const [metric] = await api.caller.metrics.list({ bcfYear: '2025/26' });
      return (caller) =>
        caller.outcomes.applyBatch({ fundId, changes: [{ op: 'create', values: { metricId: metric?.id ?? 0, quarter: 1, actual: 100 } }] });
    },
  },
  'unitCosts.create': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => (caller) =>
      caller.unitCosts.create({ item: `Matrix cost ${next()}`, pence: 100, priceYear: '2024/25', source: 'Matrix' }),
  },
  'unitCosts.update': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const cost = await api.caller.unitCosts.create({ item: `Matrix cost ${next()}`, pence: 100, priceYear: '2024/25', source: 'Matrix' });
      return (caller) => caller.unitCosts.update({ id: cost.id, version: cost.version, patch: { pence: 200 } });
    },
  },
  'evidence.create': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => (caller) =>
      caller.evidence.create({ claim: `Matrix claim ${next()}`, valueKind: 'per_pound', value: 7300, publication: 'Matrix' }),
  },
  'evidence.update': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const item = await api.caller.evidence.create({
        claim: `Matrix claim ${next()}`,
        valueKind: 'pence',
        value: 100,
        publication: 'Matrix',
      });
      return (caller) => caller.evidence.update({ id: item.id, version: item.version, patch: { value: 200 } });
    },
  },
  'roi.benefits.applyBatch': {
    allowed: ['admin', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      const { rows } = await api.caller.schemes.applyBatch({
        fundId,
        changes: [{ op: 'create', values: { code: '1', name: 'Matrix scheme' } }],
      });
      const [cost] = await api.caller.unitCosts.list();
      return (caller) =>
        caller.roi.benefits.applyBatch({
          fundId,
          changes: [
            { op: 'create', values: { schemeId: rows[0]?.id ?? 0, label: 'Matrix line', party: 'health', unitCostId: cost?.id ?? 0 } },
          ],
        });
    },
  },
  'submissions.answer': {
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async () => {
      const fundId = await freshFund();
      return (caller) => caller.submissions.answer({ fundId, kind: 'q2', item: 'condition', code: 'nc1', answer: 'yes' });
    },
  },
  'submissions.send': {
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async () => {
      const { fundId } = await planToSign();
      return (caller) => caller.submissions.send({ fundId, kind: 'plan' });
    },
  },
  'submissions.sign': {
    // Every role may sign by the table; the service then asks who is named, so the caller is named first.
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async (who) => {
      await nameAs(who, 'chief_executive');
      const { fundId } = await planToSign();
      const sent = await api.caller.submissions.send({ fundId, kind: 'plan' });
      return (caller) =>
        caller.submissions.sign({ fundId, kind: 'plan', digest: sent.digest!, capacity: 'chief_executive', orgId: f.councilId });
    },
  },
  'submissions.approve': {
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async (who) => {
      await nameAs(who, 'hwb_approval');
      const signed = await signedPlan();
      return (caller) =>
        caller.submissions.approve({
          fundId: signed.fundId,
          kind: 'plan',
          digest: signed.digest!,
          meetingDate: '2026-03-20',
          minuteReference: `HWB/${next()}`,
        });
    },
  },
  'submissions.submit': {
    allowed: ['admin', 'finance_officer', 'commissioner'],
    prepare: async () => {
      const approved = await approvedPlan();
      return (caller) =>
        caller.submissions.submit({ fundId: approved.fundId, kind: 'plan', version: approved.version!, submittedOn: '2026-03-21' });
    },
  },
  'submissions.returnForChanges': {
    // Plan editors may by their role; a board member only when named (here, as the board's approver).
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async (who) => {
      await nameAs(who, 'hwb_approval');
      const { fundId } = await planToSign();
      const sent = await api.caller.submissions.send({ fundId, kind: 'plan' });
      return (caller) => caller.submissions.returnForChanges({ fundId, kind: 'plan', version: sent.version!, reason: 'Matrix' });
    },
  },
  'submissions.reopen': {
    allowed: ['admin'],
    prepare: async () => {
      const approved = await approvedPlan();
      return (caller) => caller.submissions.reopen({ fundId: approved.fundId, kind: 'plan', version: approved.version!, reason: 'Matrix' });
    },
  },
  'signatories.create': {
    allowed: ['admin'],
    prepare: async () => {
      const { user } = await api.userWith('board_member', [f.icbId], `named.${next()}@test.example`);
      return (caller) =>
        caller.signatories.create({ userId: user.id, capacity: 'chief_executive', orgId: f.icbId, jobTitle: 'Chief executive' });
    },
  },
  'signatories.remove': {
    allowed: ['admin'],
    prepare: async () => {
      const { user } = await api.userWith('board_member', [f.icbId], `unnamed.${next()}@test.example`);
      const named = await api.caller.signatories.create({ userId: user.id, capacity: 'chief_executive', orgId: f.icbId });
      return (caller) => caller.signatories.remove({ id: named.id, version: named.version });
    },
  },
  'deadlines.set': {
    allowed: ['admin'],
    prepare: async () => {
      const dueOn = `2026-0${1 + (next() % 9)}-15`;
      return (caller) => caller.deadlines.set({ bcfYear: '2025/26', kind: 'q2', dueOn, note: 'Matrix' });
    },
  },
  'deadlines.remove': {
    allowed: ['admin'],
    prepare: async () => {
      const set = await api.caller.deadlines.set({ bcfYear: '2025/26', kind: 'q3', dueOn: '2026-01-30' });
      return (caller) => caller.deadlines.remove({ id: set.id, version: set.version });
    },
  },
  'settings.put': {
    // Everyone signed in keeps their own layout, board members included.
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async () => {
      const key = `grid:matrix:${next()}`;
      return (caller) => caller.settings.put({ key, value: { columns: ['orgId'] } });
    },
  },
  // A person's own notifications and choice of email: everyone signed in, board members included.
  'notifications.markRead': {
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async () => (caller) => caller.notifications.markRead({}),
  },
  'notifications.setEmailPreference': {
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async () => (caller) => caller.notifications.setEmailPreference({ email: 'daily' }),
  },
  // Conversation on the figures: every member, board members included, comments; a comment is changed by its author,
  // so edit and delete are prepared with a comment of the caller's own (the admin's for no one signed in).
  'comments.start': {
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async () => {
      const row = await councilRow();
      const target = { entity: 'contribution' as const, id: row.id, field: 'plannedPence' };
      return (caller) => caller.comments.start({ fundId: row.fundId, target, body: 'Matrix question', isQuestion: true });
    },
  },
  'comments.reply': {
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async () => {
      const thread = await rowThread();
      return (caller) => caller.comments.reply({ threadId: thread.id, body: 'Matrix reply' });
    },
  },
  'comments.edit': {
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async (who) => {
      const comment = await ownComment(who);
      return (caller) => caller.comments.edit({ id: comment.id, version: comment.version, body: 'Matrix, edited' });
    },
  },
  'comments.delete': {
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async (who) => {
      const comment = await ownComment(who);
      return (caller) => caller.comments.delete({ id: comment.id, version: comment.version });
    },
  },
  'comments.resolve': {
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async () => {
      const thread = await rowThread();
      return (caller) => caller.comments.resolve({ id: thread.id, version: thread.version });
    },
  },
  'comments.reopen': {
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async () => {
      const thread = await rowThread();
      const resolved = await api.caller.comments.resolve({ id: thread.id, version: thread.version });
      return (caller) => caller.comments.reopen({ id: resolved.id, version: resolved.version });
    },
  },
  'presence.select': {
    // Everyone signed in shows where they are on a fund they have open, board members included: on their own page's
    // connection (a row the event stream made).
    allowed: ['admin', 'finance_officer', 'commissioner', 'board_member'],
    prepare: async (who) => {
      const connectionId = randomUUID();
      const user = users.get(who) ?? api.admin;
      await openPresence(api.db, { connectionId, userId: user.id, fundId: f.fundId, at: new Date().toISOString() });
      return (caller) => caller.presence.select({ connectionId, cell: { entity: 'contribution', id: 1, field: 'plannedPence' } });
    },
  },
};

/** A thread on a council row of the matrix fund, started by `author` (the admin by default). */
async function rowThread(author: Caller = api.caller) {
  const row = await councilRow();
  return author.comments.start({ fundId: row.fundId, target: { entity: 'contribution', id: row.id, field: null }, body: 'Matrix' });
}

/** A comment of `who`'s own (the admin's for no one signed in): only its author edits or deletes it. */
async function ownComment(who: Who) {
  const user = users.get(who) ?? null;
  const comment = (await rowThread(user ? createCaller(testContext(api.db, user)) : api.caller)).comments[0];
  if (!comment) throw new Error('a new thread has its first comment');
  return comment;
}

/** A scenario of a fresh fund owned by `who` when they may have one (admin, commissioner), else by the admin; with
 * `withLine`, one council line split as the plan splits its source, so promoting it writes a contribution. */
async function ownScenario(who: Who, withLine = false) {
  const fundId = await freshFund();
  if (withLine)
    await api.caller.contributions.create({ fundId, orgId: f.councilId, source: 'la_better_care_grant', quarter: 1, plannedPence: 1000 });
  const user = users.get(who) ?? null;
  const owner = user && (who === 'admin' || who === 'commissioner') ? createCaller(testContext(api.db, user)) : api.caller;
  const detail = await owner.scenarios.create({ fundId, name: `Matrix scenario ${next()}`, from: 'empty' });
  if (!withLine) return detail;
  return owner.scenarios.applyLines({
    scenarioId: detail.scenario.id,
    changes: [{ op: 'create', values: { label: 'Care package', source: 'la_better_care_grant', q1Pence: 5000, split: 'plan' } }],
  });
}

/** For undoLast and redoLast: a fresh fund in which the caller, when their role lets them add contributions, has made
 * one batch of their own (and undone it, when `undone`, so there is something to redo). */
async function fundWithOwnBatch(who: Who, undone: boolean): Promise<number> {
  const fundId = await freshFund();
  const user = users.get(who) ?? null;
  if (user && (who === 'admin' || who === 'finance_officer')) {
    const own = createCaller(testContext(api.db, user));
    await own.contributions.create({ fundId, orgId: f.councilId, source: 'la_better_care_grant', quarter: 1, plannedPence: 100 });
    if (undone) await own.audit.undoLast({ fundId });
  }
  return fundId;
}

/** The procedures of the router of one type ('query' or 'mutation'), by their dotted names. */
function procedureNames(type: 'query' | 'mutation'): string[] {
  const procedures: Record<string, unknown> = appRouter._def.procedures;
  return Object.entries(procedures)
    .filter(([, procedure]) => {
      const def: unknown =
        typeof procedure === 'function' || typeof procedure === 'object' ? Reflect.get(procedure ?? {}, '_def') : undefined;
      return typeof def === 'object' && def !== null && Reflect.get(def, 'type') === type;
    })
    .map(([name]) => name)
    .sort();
}

const mutationNames = () => procedureNames('mutation');
const queryNames = () => procedureNames('query');

/** What a procedure says it is allowed by (its meta, set by publicProcedure or procedureFor), or undefined. */
function accessOf(name: string): ProcedureMeta['access'] | undefined {
  const procedure: unknown = Reflect.get(appRouter._def.procedures, name);
  const def: unknown = typeof procedure === 'function' || typeof procedure === 'object' ? Reflect.get(procedure ?? {}, '_def') : undefined;
  const meta: unknown = typeof def === 'object' && def !== null ? Reflect.get(def, 'meta') : undefined;
  return typeof meta === 'object' && meta !== null ? (Reflect.get(meta, 'access') as ProcedureMeta['access'] | undefined) : undefined;
}

/** Who the permissions table lets call a procedure: everyone for a public one, else the roles of its rule. */
function allowedByTable(name: string): Who[] {
  const access = accessOf(name);
  if (access === 'public') return [...EVERYONE];
  if (!access) return [];
  return ROLES.filter((role) => roleCan(role, access.entity, access.action));
}

describe('every procedure against the permissions table', () => {
  const PUBLIC = ['auth.login', 'auth.logout', 'auth.me'];

  it('every procedure has an entry in the table (or is one of the public sign-in calls)', () => {
    const names = [...mutationNames(), ...queryNames()];
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) {
      const access = accessOf(name);
      expect(access, `${name} names no rule of shared/permissions.ts`).toBeDefined();
      if (access === 'public') expect(PUBLIC, `${name} is public`).toContain(name);
      else expect(access && ruleFor(access.entity, access.action), `${name}: ${JSON.stringify(access)} is not in the table`).toBeDefined();
    }
    expect(names.filter((name) => accessOf(name) === 'public').sort()).toEqual(PUBLIC);
  });

  it('each mutation is allowed to exactly the roles its rule gives', () => {
    for (const [name, entry] of Object.entries(MUTATIONS)) {
      const signedIn = entry.allowed.filter((who) => who !== 'anonymous');
      const expected = allowedByTable(name).filter((who) => who !== 'anonymous');
      expect([...signedIn].sort(), name).toEqual([...expected].sort());
    }
  });
});

describe('the roles matrix of mutations', () => {
  it('lists every mutation in the router, and nothing that is not one', () => {
    expect(mutationNames().length).toBeGreaterThanOrEqual(13);
    expect(Object.keys(MUTATIONS).sort()).toEqual(mutationNames());
  });

  for (const [name, entry] of Object.entries(MUTATIONS)) {
    for (const who of EVERYONE) {
      const allowed = entry.allowed.includes(who);
      it(`${name} by ${who}: ${allowed ? 'allowed' : 'refused, writing nothing'}`, async () => {
        const call = await entry.prepare(who);
        const caller = callers.get(who);
        if (!caller) throw new Error(`no caller for ${who}`);
        if (allowed) {
          await expect(call(caller)).resolves.toBeDefined();
          return;
        }
        const before = await counts(api.db);
        const error = await expectTrpcError(call(caller), who === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
        expect(error.message.length).toBeGreaterThan(10);
        expect(await counts(api.db)).toEqual(before);
      });
    }
  }

  it('a commissioner cannot add a fund to a partnership they are not in, and nothing is written', async () => {
    const elsewhere = await api.caller.partnerships.create({
      name: `Not theirs ${next()}`,
      arrangement: 'pooled_fund',
      memberOrgIds: [f.icbId],
    });
    const caller = callers.get('commissioner');
    if (!caller) throw new Error('no commissioner');
    const before = await counts(api.db);
    const error = await expectTrpcError(
      caller.funds.create({ partnershipId: elsewhere.id, name: 'Sneaky fund', financialYear: '2025/26' }),
      'FORBIDDEN',
    );
    expect(error.message).toMatch(/own partnerships/);
    expect(await counts(api.db)).toEqual(before);
  });

  it('a finance officer cannot undo someone else’s batch, and nothing is written', async () => {
    const fundId = await freshFund();
    const { batchId } = await api.caller.contributions.applyBatch({
      fundId,
      changes: [{ op: 'create', values: { orgId: f.councilId, source: 'la_better_care_grant', quarter: 1, plannedPence: 1 } }],
    });
    const caller = callers.get('finance_officer');
    if (!caller) throw new Error('no finance officer');
    const before = await counts(api.db);
    const error = await expectTrpcError(caller.audit.undo({ batchId }), 'FORBIDDEN');
    expect(error.message).toMatch(/only your own changes/);
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('the write path resolves each row’s scope, and fails closed', () => {
  const edit = { kind: 'edit', rootKind: 'edit' } as const;

  /** The write path's row-level check of one change to a fund's plan settings, by `user`. */
  async function authoriseSettings(user: SignedInUser, before: object, after: object): Promise<void> {
    const actor = actorFor(user, await visiblePartnershipIds(api.db, user));
    await api.db.transaction().execute((tx) => actor.authorise?.(tx, 'fund_plan_settings', before, after, edit) ?? Promise.resolve());
  }

  async function settingsRow(fundId: number): Promise<object> {
    const row = await findPlanSettings(api.db, fundId);
    if (!row) throw new Error(`no fund ${fundId}`);
    return planSettingsTable.pick(row);
  }

  it('a fund’s plan settings carry their fund, so the partnership rule runs (it never ran while the row omitted fundId)', async () => {
    const fundId = await freshFund();
    const row = await settingsRow(fundId);
    expect(row).toMatchObject({ fundId });
    const changed = { ...row, amberThresholdBp: 1 };

    // A commissioner of another partnership is refused by the write path itself, not only by the procedure.
    const elsewhere = await makeFund(api, 'settings-elsewhere');
    const { user: outsider } = await api.userWith('commissioner', [elsewhere.councilId]);
    await expect(authoriseSettings(outsider, row, changed)).rejects.toThrow(/only in your own partnerships/);

    // The partnership's own commissioner may; its finance officer may not (settings are the commissioners').
    const commissioner = users.get('commissioner');
    const finance = users.get('finance_officer');
    if (!commissioner || !finance) throw new Error('no commissioner or finance officer');
    await expect(authoriseSettings(commissioner, row, changed)).resolves.toBeUndefined();
    await expect(authoriseSettings(finance, row, changed)).rejects.toThrow(/only commissioners and administrators can/);
  });

  it('a row whose partnership cannot be resolved is refused, even to an administrator', async () => {
    const withoutFund = { minNhsToSocialCarePence: 0, minOutOfHospitalPence: 0, amberThresholdBp: 500, redThresholdBp: 1000 };
    const commissioner = users.get('commissioner');
    if (!commissioner) throw new Error('no commissioner');
    for (const user of [commissioner, api.admin]) {
      await expect(authoriseSettings(user, withoutFund, { ...withoutFund, amberThresholdBp: 1 })).rejects.toThrow(/could not be found/);
    }
    const noSuchFund = { ...withoutFund, fundId: 987_654 };
    await expect(authoriseSettings(api.admin, noSuchFund, noSuchFund)).rejects.toThrow(/could not be found/);
  });
});

describe('queries', () => {
  /** A valid input for every query, so the check covers each one; a new query without a row fails the first test. */
  const QUERIES: Record<string, (caller: Caller) => Promise<unknown>> = {
    'auth.me': (c) => c.auth.me(),
    'users.list': (c) => c.users.list(),
    'orgs.list': (c) => c.orgs.list(),
    'partnerships.list': (c) => c.partnerships.list(),
    'partnerships.get': (c) => c.partnerships.get({ id: f.partnershipId }),
    'partnerships.years': (c) => c.partnerships.years({ partnershipId: f.partnershipId }),
    'funds.list': (c) => c.funds.list({ partnershipId: f.partnershipId }),
    'funds.get': (c) => c.funds.get({ id: f.fundId }),
    'funds.summary': (c) => c.funds.summary({ fundId: f.fundId }),
    'sources.list': (c) => c.sources.list(),
    'contributions.list': (c) => c.contributions.list({ fundId: f.fundId }),
    'audit.list': (c) => c.audit.list({}),
    'audit.people': (c) => c.audit.people({ partnershipId: f.partnershipId }),
    'audit.stack': (c) => c.audit.stack({ fundId: f.fundId }),
    'settings.get': (c) => c.settings.get({ key: 'grid:contributions:columns' }),
    'schemes.plan': (c) => c.schemes.plan({ fundId: f.fundId }),
    'schemes.list': (c) => c.schemes.list({ fundId: f.fundId }),
    'reference.list': (c) => c.reference.list({ bcfYear: '2025/26' }),
    'bcfYears.list': (c) => c.bcfYears.list(),
    'bcfYears.streams': (c) => c.bcfYears.streams({ bcfYear: '2025/26' }),
    'conditions.list': (c) => c.conditions.list({ fundId: f.fundId }),
    'rollover.preview': (c) => c.rollover.preview({ fundId: f.fundId, upliftBp: 390 }),
    'snapshots.list': (c) => c.snapshots.list({ fundId: f.fundId }),
    'snapshots.compare': (c) => c.snapshots.compare({ fundId: f.fundId, a: 'current', b: 'current' }),
    'splits.rules.list': (c) => c.splits.rules.list({ partnershipId: f.partnershipId }),
    'riskshare.get': (c) => c.riskshare.get({ fundId: f.fundId }),
    'riskshare.statement': (c) => c.riskshare.statement({ fundId: f.fundId, basis: 'actual' }),
    'splits.allocate': (c) =>
      c.splits.allocate({ amountPence: 1_000_000, shares: [{ party: 'social_care', basisPoints: 3000 }], remainder: 'unfunded' }),
    'scenarios.list': (c) => c.scenarios.list({ fundId: f.fundId }),
    'metrics.list': (c) => c.metrics.list({ bcfYear: '2025/26' }),
    'outcomes.list': (c) => c.outcomes.list({ fundId: f.fundId }),
    'unitCosts.list': (c) => c.unitCosts.list(),
    'evidence.list': (c) => c.evidence.list(),
    'roi.benefits.list': (c) => c.roi.benefits.list({ fundId: f.fundId }),
    'roi.fund': (c) => c.roi.fund({ fundId: f.fundId }),
    'roi.partnership': (c) => c.roi.partnership({ partnershipId: f.partnershipId }),
    'reports.board': (c) => c.reports.board({ partnershipId: f.partnershipId }),
    'national.lines': (c) => c.national.lines({ offset: 0, limit: 10 }),
    'national.rollup': (c) => c.national.rollup({}),
    'scenarios.get': (c) => c.scenarios.get({ id: adminScenarioId }),
    'scenarios.compare': (c) => c.scenarios.compare({ fundId: f.fundId, scenarioIds: [adminScenarioId] }),
    'submissions.board': (c) => c.submissions.board({ partnershipId: f.partnershipId }),
    'submissions.get': (c) => c.submissions.get({ fundId: f.fundId, kind: 'plan' }),
    'submissions.locks': (c) => c.submissions.locks({ fundId: f.fundId }),
    'returns.get': (c) => c.returns.get({ fundId: f.fundId, kind: 'q2' }),
    'submissions.answers': (c) => c.submissions.answers({ fundId: f.fundId, kind: 'q2' }),
    'signatories.list': (c) => c.signatories.list(),
    'deadlines.list': (c) => c.deadlines.list({ bcfYear: '2025/26' }),
    'notifications.list': (c) => c.notifications.list({}),
    'notifications.unreadCount': (c) => c.notifications.unreadCount(),
    'notifications.emailPreference': (c) => c.notifications.emailPreference(),
    'comments.list': (c) => c.comments.list({ fundId: f.fundId }),
    'comments.mentionable': (c) => c.comments.mentionable({ fundId: f.fundId }),
  };
  let adminScenarioId = 0;
  beforeAll(async () => {
    adminScenarioId = (await api.caller.scenarios.create({ fundId: f.fundId, name: 'Matrix query scenario' })).scenario.id;
    await open2026();
  });

  it('the query table lists every query in the router', () => {
    expect(Object.keys(QUERIES).sort()).toEqual(queryNames());
  });

  it('no one signed in gets UNAUTHORIZED on every query except auth.me, which says no one is signed in', async () => {
    for (const [name, query] of Object.entries(QUERIES)) {
      if (name === 'auth.me') continue;
      const error = await expectTrpcError(query(api.anonymous), 'UNAUTHORIZED');
      expect(error.message, name).toMatch(/sign in/i);
    }
    expect(await api.anonymous.auth.me()).toEqual({ user: null });
  });

  it('an administrator can run every query', async () => {
    for (const query of Object.values(QUERIES)) await expect(query(api.caller)).resolves.toBeDefined();
  });

  it('every role the table refuses a query is refused it with FORBIDDEN, before any row is read', async () => {
    let refusals = 0;
    for (const [name, query] of Object.entries(QUERIES)) {
      const allowed = allowedByTable(name);
      for (const who of ['finance_officer', 'commissioner', 'board_member'] as const) {
        if (allowed.includes(who)) continue;
        const caller = callers.get(who);
        if (!caller) throw new Error(`no caller for ${who}`);
        const error = await expectTrpcError(query(caller), 'FORBIDDEN');
        expect(error.message, `${name} by ${who}`).toContain(`Your role (${who}) cannot`);
        refusals++;
      }
    }
    expect(refusals).toBeGreaterThan(5);
  });

  it('only admins list users, and who signs for every organisation (names and email addresses)', async () => {
    for (const who of ['finance_officer', 'commissioner', 'board_member'] as const) {
      const caller = callers.get(who);
      if (!caller) throw new Error(`no caller for ${who}`);
      await expectTrpcError(caller.users.list(), 'FORBIDDEN');
      await expectTrpcError(caller.signatories.list(), 'FORBIDDEN');
    }
  });

  it('members read their partnership; people whose organisations are not in it are refused and do not see it', async () => {
    const member = callers.get('board_member');
    if (!member) throw new Error('no board member');
    expect((await member.partnerships.list()).map((p) => p.id)).toContain(f.partnershipId);
    await expect(member.funds.summary({ fundId: f.fundId })).resolves.toBeDefined();
    await expect(member.contributions.list({ fundId: f.fundId })).resolves.toBeDefined();

    for (const role of ['finance_officer', 'commissioner', 'board_member'] as const) {
      const { caller: outsider } = await api.userWith(role, [f.outsiderId]);
      expect((await outsider.partnerships.list()).map((p) => p.id)).not.toContain(f.partnershipId);
      for (const call of [
        () => outsider.partnerships.get({ id: f.partnershipId }),
        () => outsider.funds.summary({ fundId: f.fundId }),
        () => outsider.contributions.list({ fundId: f.fundId }),
        () => outsider.funds.list({ partnershipId: f.partnershipId }),
        () => outsider.funds.get({ id: f.fundId }),
        () => outsider.schemes.plan({ fundId: f.fundId }),
        () => outsider.schemes.list({ fundId: f.fundId }),
        () => outsider.conditions.list({ fundId: f.fundId }),
        () => outsider.snapshots.list({ fundId: f.fundId }),
        () => outsider.snapshots.compare({ fundId: f.fundId, a: 'current', b: 'current' }),
        () => outsider.splits.rules.list({ partnershipId: f.partnershipId }),
        () => outsider.riskshare.get({ fundId: f.fundId }),
        () => outsider.riskshare.statement({ fundId: f.fundId, basis: 'forecast' }),
        () => outsider.outcomes.list({ fundId: f.fundId }),
        () => outsider.roi.fund({ fundId: f.fundId }),
        () => outsider.roi.partnership({ partnershipId: f.partnershipId }),
        () => outsider.reports.board({ partnershipId: f.partnershipId }),
        () => outsider.submissions.board({ partnershipId: f.partnershipId }),
        () => outsider.submissions.get({ fundId: f.fundId, kind: 'plan' }),
        () => outsider.submissions.locks({ fundId: f.fundId }),
        () => outsider.submissions.answers({ fundId: f.fundId, kind: 'q1' }),
        () => outsider.returns.get({ fundId: f.fundId, kind: 'q1' }),
      ]) {
        const error = await expectTrpcError(call(), 'FORBIDDEN');
        expect(error.message).toMatch(/not a member/);
      }
    }
    // A user with no organisations at all sees no partnership.
    const { caller: nobody } = await api.userWith('board_member', []);
    expect(await nobody.partnerships.list()).toEqual([]);
  });

  it('audit.list and audit.people for a non-admin return only events of their partnerships', async () => {
    // A second partnership the board member is not in, with a change of its own.
    const other = await makeFund(api, 'other');
    await api.caller.contributions.create({
      fundId: other.fundId,
      orgId: other.councilId,
      source: 'la_better_care_grant',
      quarter: 1,
      plannedPence: 5,
    });
    const { user: otherFinance, caller: otherCaller } = await api.userWith('finance_officer', [other.councilId]);
    await otherCaller.contributions.create({ fundId: other.fundId, orgId: other.councilId, source: 'dfg', quarter: 1, plannedPence: 6 });

    const adminEvents = await api.caller.audit.list({ limit: 1000 });
    expect(adminEvents.some((e) => e.partnershipId === other.partnershipId)).toBe(true);
    expect(adminEvents.some((e) => e.partnershipId === null)).toBe(true); // organisations and users

    const board = callers.get('board_member');
    if (!board) throw new Error('no board member');
    const seen = await board.audit.list({ limit: 1000 });
    expect(seen.length).toBeGreaterThan(0);
    const visible = new Set((await board.partnerships.list()).map((p) => p.id));
    expect(visible.has(other.partnershipId)).toBe(false);
    expect(seen.some((e) => e.partnershipId === f.partnershipId)).toBe(true);
    expect(seen.every((e) => e.partnershipId !== null && visible.has(e.partnershipId))).toBe(true);
    // Asking for the other partnership explicitly gives nothing either.
    expect(await board.audit.list({ partnershipId: other.partnershipId })).toEqual([]);
    const people = await board.audit.people();
    expect(people.map((p) => p.userId)).not.toContain(otherFinance.id);
  });
});
