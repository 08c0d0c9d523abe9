// scenarios.* (issue 6, item 3) over the real routers and a migrated database with the demo data: take a scenario
// from the demo BCF plan, change a split and see each partner move, compare, promote as one audited batch (refused
// after the plan changed), and every bad input refused with the field named and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumPence } from '../../shared/money';
import type { SignedInUser } from '../../shared/types';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type Caller, type TestApi } from '../support/api';
import { bad } from './fixtures';

let api: TestApi;
let fundId = 0;
let partnershipId = 0;
let councilId = 0;
let icbId = 0;
let commissioner: { user: SignedInUser; caller: Caller };
let finance: { user: SignedInUser; caller: Caller };
let normalisedRuleId = 0;

beforeAll(async () => {
  api = await openTestApi({ demo: true });
  const northbridge = (await api.caller.partnerships.list()).find((p) => p.name === 'Northbridge Better Care Fund');
  partnershipId = northbridge?.id ?? 0;
  const funds = await api.caller.funds.list({ partnershipId });
  fundId = funds.find((f) => f.financialYear === '2025/26')?.id ?? 0;
  const orgs = await api.caller.orgs.list();
  councilId = orgs.find((o) => o.name === 'Northbridge Borough Council')?.id ?? 0;
  icbId = orgs.find((o) => o.name === 'NHS Northbridge and Vale ICB')?.id ?? 0;
  expect(fundId * councilId * icbId).toBeGreaterThan(0);
  commissioner = await api.userWith('commissioner', [councilId, icbId]);
  finance = await api.userWith('finance_officer', [councilId, icbId]);
  const rule = await commissioner.caller.splits.rules.create({
    partnershipId,
    name: 'Standard formula normalised (60/40)',
    shares: [
      { party: 'social_care', basisPoints: 3000 },
      { party: 'health', basisPoints: 2000 },
    ],
    remainder: 'normalise',
  });
  normalisedRuleId = rule.id;
});
afterAll(async () => {
  await api.close();
});

/** Each member's planned total in the fund, as the Contributions page shows it. */
async function plannedByPartner(): Promise<Map<number, number>> {
  const rows = await api.caller.contributions.list({ fundId });
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.orgId, (out.get(r.orgId) ?? 0) + r.plannedPence);
  return out;
}

describe('taking a scenario from the plan', () => {
  it('copies every scheme as a cost line, split as the plan splits its source, and is not stale', async () => {
    const schemes = await api.caller.schemes.list({ fundId });
    const detail = await commissioner.caller.scenarios.create({ fundId, name: 'As planned' });
    expect(detail.lines).toHaveLength(schemes.length);
    expect(detail.lines.every((l) => l.split === 'plan')).toBe(true);
    expect(detail.staleness).toEqual({ stale: false, reason: null });
    expect(detail.result.problems).toEqual([]);
    const reablement = detail.lines.find((l) => l.label.includes('6-week reablement'));
    const scheme = schemes.find((s) => s.name === '6-week reablement');
    expect(sumPence([reablement?.q1Pence ?? 0, reablement?.q2Pence ?? 0, reablement?.q3Pence ?? 0, reablement?.q4Pence ?? 0])).toBe(
      sumPence((scheme?.spend ?? []).map((s) => s.plannedPence)),
    );
    // The line is paid from the NHS minimum contribution, which only the ICB pays into.
    const line = detail.result.lines.find((l) => l.lineId === reablement?.id);
    expect(line?.byOrg.find((b) => b.orgId === icbId)?.pence).toBe(line?.costPence);
    // Nothing lost: every line's cost is on a partner, unfunded or outside.
    const onPartners = sumPence(detail.result.contributions.map((c) => c.plannedPence));
    expect(onPartners + detail.result.unfundedPence + detail.result.outsidePence).toBe(detail.result.costPence);
  });

  it('is private: another commissioner neither lists nor opens it; finance officers and board members use no scenarios', async () => {
    const [mine] = await commissioner.caller.scenarios.list({ fundId });
    expect(mine?.name).toBe('As planned');
    const other = await api.userWith('commissioner', [councilId]);
    expect(await other.caller.scenarios.list({ fundId })).toEqual([]);
    const error = await expectTrpcError(other.caller.scenarios.get({ id: mine?.id ?? 0 }), 'FORBIDDEN');
    expect(error.message).toMatch(/private working copy/);
    const board = await api.userWith('board_member', [councilId]);
    const before = await counts(api.db);
    await expectTrpcError(other.caller.scenarios.update({ id: mine?.id ?? 0, version: mine?.version ?? 0, patch: { name: 'Mine now' } }), 'FORBIDDEN');
    await expectTrpcError(finance.caller.scenarios.list({ fundId }), 'FORBIDDEN');
    await expectTrpcError(board.caller.scenarios.create({ fundId, name: 'Board idea' }), 'FORBIDDEN');
    expect(await counts(api.db)).toEqual(before);
    // An administrator sees every scenario.
    expect((await api.caller.scenarios.list({ fundId })).map((s) => s.id)).toContain(mine?.id);
  });
});

describe('changing a split, comparing and promoting', () => {
  it('a split moves each partner’s total; compare shows the plan and both scenarios side by side', async () => {
    const base = await commissioner.caller.scenarios.create({ fundId, name: 'Reablement 60/40' });
    const reablement = base.lines.find((l) => l.label.includes('6-week reablement'));
    if (!reablement) throw new Error('no reablement line');
    const changed = await commissioner.caller.scenarios.applyLines({
      scenarioId: base.scenario.id,
      changes: [{ op: 'update', id: reablement.id, version: reablement.version, values: { split: `rule:${normalisedRuleId}` } }],
    });
    const cost = changed.result.lines.find((l) => l.lineId === reablement.id)?.costPence ?? 0;
    expect(cost).toBe(4_200_000_00);
    const council = (d: typeof base) => d.result.partners.find((p) => p.orgId === councilId)?.scenarioPence ?? 0;
    const icb = (d: typeof base) => d.result.partners.find((p) => p.orgId === icbId)?.scenarioPence ?? 0;
    // 60% of £4.2m moves from the ICB to the council, to the penny.
    expect(council(changed) - council(base)).toBe(2_520_000_00);
    expect(icb(base) - icb(changed)).toBe(2_520_000_00);

    const planned = (await commissioner.caller.scenarios.list({ fundId })).find((s) => s.name === 'As planned');
    const comparison = await commissioner.caller.scenarios.compare({ fundId, scenarioIds: [planned?.id ?? 0, base.scenario.id] });
    expect(comparison.scenarios.map((s) => s.name)).toEqual(['As planned', 'Reablement 60/40']);
    const councilRow = comparison.partners.find((p) => p.orgId === councilId);
    const plan = await plannedByPartner();
    expect(councilRow?.planPence).toBe(plan.get(councilId));
    expect(councilRow?.scenarios[1]?.scenarioPence).toBe(council(changed));
    expect(councilRow?.scenarios[1]?.changePence).toBe(council(changed) - (plan.get(councilId) ?? 0));
  });

  it('promote writes the scenario’s figures as one audited batch; the Contributions figures match; undo restores them', async () => {
    const detail = (await commissioner.caller.scenarios.list({ fundId })).find((s) => s.name === 'Reablement 60/40');
    if (!detail) throw new Error('no scenario');
    const before = await api.caller.contributions.list({ fundId });
    const expected = await commissioner.caller.scenarios.get({ id: detail.id });
    const promoted = await commissioner.caller.scenarios.promote({ id: detail.id, version: detail.version });
    expect(promoted.changedContributions).toBeGreaterThan(0);
    if (promoted.batchId === null) throw new Error('a promotion that changes figures has a batch');
    const after = await plannedByPartner();
    for (const p of expected.result.partners) expect(after.get(p.orgId)).toBe(p.scenarioPence);
    // Actuals and notes are never touched.
    const rows = await api.caller.contributions.list({ fundId });
    for (const row of before) {
      const now = rows.find((r) => r.id === row.id);
      expect(now?.actualPence).toBe(row.actualPence);
      expect(now?.note).toBe(row.note);
    }
    // The council now pays into the NHS minimum contribution: new rows, with no actual.
    const added = rows.filter((r) => !before.some((b) => b.id === r.id));
    expect(added.length).toBe(4);
    expect(added.every((r) => r.orgId === councilId && r.source === 'nhs_minimum' && r.actualPence === 0)).toBe(true);
    const events = await api.caller.audit.list({ batchId: promoted.batchId, limit: 1000 });
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]?.batchLabel).toBe('Promoted scenario ‘Reablement 60/40’ to the plan');
    // The promoted scenario is in step with the plan it made.
    expect(promoted.detail.staleness.stale).toBe(false);
    expect(promoted.detail.scenario.promotedAt).not.toBeNull();

    // The commissioner's undo puts the plan back (planned figures only, so their role may).
    await commissioner.caller.audit.undo({ batchId: promoted.batchId });
    const undone = await api.caller.contributions.list({ fundId });
    expect(undone.map((r) => [r.id, r.plannedPence])).toEqual(before.map((r) => [r.id, r.plannedPence]));
  });

  it('promote is refused after the plan changed, naming who changed it, and writes nothing; refresh then allows it', async () => {
    const taken = await commissioner.caller.scenarios.create({ fundId, name: 'Taken before an edit' });
    const [row] = await finance.caller.contributions.list({ fundId });
    if (!row) throw new Error('no contribution');
    await finance.caller.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: row.plannedPence + 100 } });

    const before = await counts(api.db);
    const error = await expectTrpcError(
      commissioner.caller.scenarios.promote({ id: taken.scenario.id, version: taken.scenario.version }),
      'CONFLICT',
    );
    expect(error.message).toContain(finance.user.name);
    expect(error.message).toMatch(/changed the plan .* after this scenario was taken; nothing was promoted/);
    expect(await counts(api.db)).toEqual(before);
    expect((await commissioner.caller.scenarios.get({ id: taken.scenario.id })).staleness.stale).toBe(true);

    const refreshed = await commissioner.caller.scenarios.refresh({ id: taken.scenario.id, version: taken.scenario.version });
    expect(refreshed.staleness.stale).toBe(false);
    const promoted = await commissioner.caller.scenarios.promote({ id: refreshed.scenario.id, version: refreshed.scenario.version });
    expect(promoted.batchId).toMatch(/[0-9a-f-]{36}/);
  });

  it('a stale scenario version is a CONFLICT with the scenario as it is now', async () => {
    const taken = await commissioner.caller.scenarios.create({ fundId, name: 'Renamed twice' });
    await commissioner.caller.scenarios.update({ id: taken.scenario.id, version: taken.scenario.version, patch: { name: 'Renamed once' } });
    const error = await expectTrpcError(
      commissioner.caller.scenarios.promote({ id: taken.scenario.id, version: taken.scenario.version }),
      'CONFLICT',
    );
    expect(error.message).toMatch(/changed since you loaded it/);
  });

  it('a line that cannot be promoted (no funding source) is named, and nothing is written', async () => {
    const empty = await commissioner.caller.scenarios.create({ fundId, name: 'Care package', from: 'empty' });
    const withLine = await commissioner.caller.scenarios.applyLines({
      scenarioId: empty.scenario.id,
      changes: [{ op: 'create', values: { label: 'Transitions package for J (illustrative)', q1Pence: 13_000_00 } }],
    });
    expect(withLine.result.unfundedPence).toBe(13_000_00);
    const before = await counts(api.db);
    const error = await expectTrpcError(
      commissioner.caller.scenarios.promote({ id: empty.scenario.id, version: withLine.scenario.version }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)[0]?.path).toBe('id');
    expect(error.message).toMatch(/Transitions package for J \(illustrative\): choose the funding source/);
    expect(await counts(api.db)).toEqual(before);
  });

  it('its own undo stack: Ctrl+Z in the scenario undoes the scenario’s last change, not the fund’s', async () => {
    const taken = await commissioner.caller.scenarios.create({ fundId, name: 'Undo me' });
    const [first] = taken.lines;
    if (!first) throw new Error('no line');
    await commissioner.caller.scenarios.applyLines({
      scenarioId: taken.scenario.id,
      changes: [{ op: 'update', id: first.id, version: first.version, values: { q1Pence: 1 } }],
    });
    const stack = await commissioner.caller.audit.stack({ fundId, scenarioId: taken.scenario.id });
    expect(stack.undo?.label).toBe('Changed q1Pence');
    const step = await commissioner.caller.audit.undoLast({ fundId, scenarioId: taken.scenario.id });
    expect(step.label).toBe('Changed q1Pence');
    const detail = await commissioner.caller.scenarios.get({ id: taken.scenario.id });
    expect(detail.lines.find((l) => l.id === first.id)?.q1Pence).toBe(first.q1Pence);
    // The fund's own stack never shows scenario edits.
    const fundStack = await commissioner.caller.audit.stack({ fundId });
    expect(fundStack.undo?.label ?? '').not.toMatch(/q1Pence|Took scenario/);
  });
});

describe('bad input is refused with the field named, and nothing is written', () => {
  let scenarioId = 0;
  let line = { id: 0, version: 0 };
  beforeAll(async () => {
    const detail = await commissioner.caller.scenarios.create({ fundId, name: 'Bad inputs' });
    scenarioId = detail.scenario.id;
    const [first] = detail.lines;
    line = { id: first?.id ?? 0, version: first?.version ?? 0 };
  });

  const cases: [string, () => unknown, string, RegExp][] = [
    ['a negative cost', () => ({ q1Pence: -1 }), 'changes.0.values.q1Pence', /Q1 cost \(£\) must be a whole number of pence/],
    ['a fraction of a penny', () => ({ q2Pence: 1.5 }), 'changes.0.values.q2Pence', /whole number of pence/],
    ['a split that is neither plan nor a rule', () => ({ split: 'half' }), 'changes.0.values.split', /Split must be 'plan'.*got 'half'/],
    ['a rule that does not exist', () => ({ split: 'rule:99999' }), 'changes.0.values.split', /split rule of Northbridge Better Care Fund, got 'rule:99999'/],
    ['an unknown funding source', () => ({ source: 'lottery' }), 'changes.0.values.source', /known funding source, got 'lottery'/],
    ['an empty label', () => ({ label: '  ' }), 'changes.0.values.label', /Cost line must be text of 1 to 200 characters/],
  ];
  for (const [what, values, path, message] of cases) {
    it(what, async () => {
      const before = await counts(api.db);
      const error = await expectTrpcError(
        commissioner.caller.scenarios.applyLines(
          bad({ scenarioId, changes: [{ op: 'update', id: line.id, version: line.version, values: values() }] }),
        ),
        'BAD_REQUEST',
      );
      const fieldError = fieldErrorsOf(error).find((e) => e.path === path);
      expect(fieldError?.message).toMatch(message);
      expect(await counts(api.db)).toEqual(before);
    });
  }

  it('a batch with one bad change writes none of it', async () => {
    const before = await counts(api.db);
    const error = await expectTrpcError(
      commissioner.caller.scenarios.applyLines({
        scenarioId,
        changes: [
          { op: 'create', values: { label: 'Fine', q1Pence: 100 } },
          { op: 'update', id: 999_999, version: 1, values: { q1Pence: 5 } },
        ],
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)[0]).toEqual({ path: 'changes.1.id', message: expect.stringMatching(/not in scenario/) });
    expect(await counts(api.db)).toEqual(before);
  });

  it('a scenario name used twice by the same person is refused at name', async () => {
    const before = await counts(api.db);
    const error = await expectTrpcError(commissioner.caller.scenarios.create({ fundId, name: 'Bad inputs' }), 'BAD_REQUEST');
    expect(fieldErrorsOf(error)[0]?.path).toBe('name');
    expect(await counts(api.db)).toEqual(before);
  });

  it('renaming a scenario to the name of another of yours is refused at patch.name', async () => {
    const second = await commissioner.caller.scenarios.create({ fundId, name: 'Second of mine', from: 'empty' });
    const before = await counts(api.db);
    const error = await expectTrpcError(
      commissioner.caller.scenarios.update({ id: second.scenario.id, version: second.scenario.version, patch: { name: 'Bad inputs' } }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)[0]?.path).toBe('patch.name');
    expect(await counts(api.db)).toEqual(before);
  });

  it('comparing too many, none, or another fund’s scenarios is refused', async () => {
    await expectTrpcError(commissioner.caller.scenarios.compare({ fundId, scenarioIds: [] }), 'BAD_REQUEST');
    await expectTrpcError(commissioner.caller.scenarios.compare({ fundId, scenarioIds: [1, 2, 3, 4, 5, 6, 7] }), 'BAD_REQUEST');
    const funds = await api.caller.funds.list({ partnershipId });
    const otherFund = funds.find((f) => f.id !== fundId)?.id ?? 0;
    const error = await expectTrpcError(commissioner.caller.scenarios.compare({ fundId: otherFund, scenarioIds: [scenarioId] }), 'BAD_REQUEST');
    expect(error.message).toMatch(/must be of fund/);
  });
});
