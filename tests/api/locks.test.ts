// Locks of sign-off on every write path (issue "Sign-off and returns", item 3): a fund whose plan is approved by the
// board and whose Q1 return is approved. Each path that could change a locked figure (a cell edit, a paste, a fill, an
// import, undo and redo, history undo, a scenario's promotion, a snapshot's restore, a roll-over's undo, a plan workbook
// import, the plan grid's batch, a condition's answer, the plan settings) is refused FORBIDDEN, naming the figure and
// the lock, with nothing written; figures no lock covers still save; a step of sign-off is never undone from History.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planWorkbookFor } from '../../server/plan-workbook';
import { errorDetails } from '../../server/trpc';
import { EXPENDITURE_HEADER_ROW } from '../../shared/plan-workbook';
import { EXPORT_HEADER, type ContributionImportInput, type ImportMapping } from '../../shared/import';
import type { SubmissionKind } from '../../shared/schema/submission';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type Caller, type TestApi } from '../support/api';
import { makeFund, nameSignOffPeople, type Fixture, type SignOffPeople } from './fixtures';

let api: TestApi;
let f: Fixture;
let finance: Caller;
let commissioner: Caller;
let people: SignOffPeople;
let councilName: string;

/** The fund's rows as they were just before the locks, and the ways round them prepared while it was open. */
const before: {
  councilQ1: number;
  councilQ2: number;
  icbQ1: number;
  schemeId: number;
  schemeBatchId: string;
  snapshotId: number;
  scenario: { id: number; version: number };
} = { councilQ1: 0, councilQ2: 0, icbQ1: 0, schemeId: 0, schemeBatchId: '', snapshotId: 0, scenario: { id: 0, version: 0 } };

const PLAN_LOCK = /Locked by the 2025\/26 plan, approved by the board on .*: an administrator can reopen it with a reason/;
const Q1_LOCK = /Locked by the 2025\/26 Q1 return, approved by the board on /;

const scheme = {
  code: 'S1',
  name: 'Reablement at home',
  schemeType: 'home_based_ic',
  subType: 'reablement_at_home',
  areaOfSpend: 'social_care',
  commissioner: 'la',
  providerType: 'la',
  fundingSource: 'nhs_minimum',
  q1PlannedPence: 150_00,
  q2PlannedPence: 50_00,
};

/** Walk a submission of the fund from draft to approved by the board, as tests/api/submissions.test.ts does. */
async function approve(fundId: number, kind: SubmissionKind): Promise<void> {
  const ref = { fundId, kind };
  // An administrator sends, so the finance officer's own undo stack holds only their figures.
  const sent = await api.caller.submissions.send(ref);
  const digest = sent.digest ?? '';
  if (kind === 'plan') {
    await people.ceoCouncil.submissions.sign({ ...ref, digest, capacity: 'chief_executive', orgId: f.councilId });
    await people.ceoIcb.submissions.sign({ ...ref, digest, capacity: 'chief_executive', orgId: f.icbId });
  }
  await people.s151.submissions.sign({ ...ref, digest, capacity: 'section_151', orgId: f.councilId });
  const approved = await people.chair.submissions.approve({ ...ref, digest, meetingDate: '2026-04-20', minuteReference: 'HWB/25/14' });
  expect(approved.status).toBe('approved');
}

async function row(id: number) {
  const found = (await api.caller.contributions.list({ fundId: f.fundId })).find((r) => r.id === id);
  if (!found) throw new Error(`no contribution ${id}`);
  return found;
}

/** The call must be refused as locked, naming the figure (`null`: a whole row made or removed, any of its fields) and
 * the lock, with nothing written anywhere. */
async function refusedAsLocked(call: () => Promise<unknown>, field: string | null, lock: RegExp): Promise<string> {
  const was = await counts(api.db);
  const rowsWere = await api.caller.contributions.list({ fundId: f.fundId });
  const schemesWere = await api.caller.schemes.list({ fundId: f.fundId });
  const error = await expectTrpcError(call(), 'FORBIDDEN');
  expect(error.message).toMatch(/cannot be changed\. /);
  expect(error.message).toMatch(lock);
  expect(errorDetails(error)).toMatchObject({ lockedField: field ?? expect.any(String), lock: expect.stringMatching(lock) });
  expect(await counts(api.db)).toEqual(was);
  expect(await api.caller.contributions.list({ fundId: f.fundId })).toEqual(rowsWere);
  expect(await api.caller.schemes.list({ fundId: f.fundId })).toEqual(schemesWere);
  return error.message;
}

const MAPPING: ImportMapping = { partner: 0, source: 1, quarter: 2, planned: 3, actual: 4, note: 6 };
function importInput(rows: string[][]): ContributionImportInput {
  return { fundId: f.fundId, header: [...EXPORT_HEADER], rows, mapping: MAPPING, mode: 'update', dryRun: false, fileName: 'c.csv' };
}

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'locks');
  councilName = (await api.caller.orgs.list()).find((o) => o.id === f.councilId)?.name ?? '';
  people = await nameSignOffPeople(api, f, 'locks');
  finance = (await api.userWith('finance_officer', [f.councilId], 'finance.locks@test.example')).caller;
  commissioner = (await api.userWith('commissioner', [f.councilId], 'commissioner.locks@test.example')).caller;
  await api.caller.bcfYears.open({
    copyFrom: '2025/26',
    code: '2026/27',
    label: 'BCF 2026 to 2027',
    firstFinancialYear: '2026/27',
    lastFinancialYear: '2026/27',
  });

  // The fund while it is open: contributions (Q1 with actuals), a scheme, a snapshot, then changes after the snapshot.
  const c = (orgId: number, source: string, quarter: number, plannedPence: number, actualPence = 0) =>
    api.caller.contributions.create({ fundId: f.fundId, orgId, source, quarter, plannedPence, actualPence });
  before.councilQ1 = (await c(f.councilId, 'la_better_care_grant', 1, 100_00, 90_00)).id;
  before.councilQ2 = (await c(f.councilId, 'la_better_care_grant', 2, 100_00)).id;
  before.icbQ1 = (await c(f.icbId, 'nhs_minimum', 1, 200_00, 200_00)).id;
  const created = await api.caller.schemes.applyBatch({ fundId: f.fundId, changes: [{ op: 'create', values: scheme }] });
  before.schemeId = created.rows[0]?.id ?? 0;
  before.snapshotId = (await api.caller.snapshots.create({ fundId: f.fundId, name: 'Before the board' })).id;
  const changed = await api.caller.schemes.applyBatch({
    fundId: f.fundId,
    changes: [{ op: 'update', id: before.schemeId, version: created.rows[0]?.version ?? 0, values: { q1PlannedPence: 175_00 } }],
  });
  before.schemeBatchId = changed.batchId ?? '';
  await api.caller.conditions.answer({ fundId: f.fundId, conditionCode: 'nc1', answer: 'yes', commentary: 'Agreed' });

  // The finance officer's own undo and redo stacks: two planned changes, the second undone (so it can be redone).
  const q1 = await row(before.councilQ1);
  await finance.contributions.update({ id: q1.id, version: q1.version, patch: { plannedPence: 110_00 } });
  const q2 = await row(before.councilQ2);
  await finance.contributions.update({ id: q2.id, version: q2.version, patch: { plannedPence: 120_00 } });
  await finance.audit.undoLast({ fundId: f.fundId });

  // A scenario taken from the plan as it now is, with a line's cost changed, so promoting it would move planned figures.
  const taken = await commissioner.scenarios.create({ fundId: f.fundId, name: 'More reablement' });
  const line = taken.lines[0];
  if (!line) throw new Error('the scenario has no line');
  const edited = await commissioner.scenarios.applyLines({
    scenarioId: taken.scenario.id,
    changes: [{ op: 'update', id: line.id, version: line.version, values: { q1Pence: 300_00 } }],
  });
  before.scenario = { id: edited.scenario.id, version: edited.scenario.version };

  await approve(f.fundId, 'plan');
  await approve(f.fundId, 'q1');
});
afterAll(async () => {
  await api.close();
});

describe('the locks a fund’s approved submissions hold', () => {
  it('are listed for the grids: the plan, and Q1’s actuals', async () => {
    const locks = await api.caller.submissions.locks({ fundId: f.fundId });
    expect(locks.map((l) => [l.kind, l.covers])).toEqual([
      ['plan', { plan: true, actualQuarters: [] }],
      ['q1', { plan: false, actualQuarters: [1] }],
    ]);
  });
});

describe('the contributions grid’s paths', () => {
  it('a single cell edit of a planned figure, and of a Q1 actual', async () => {
    const r = await row(before.councilQ1);
    const message = await refusedAsLocked(
      () => finance.contributions.update({ id: r.id, version: r.version, patch: { plannedPence: 1 } }),
      'plannedPence',
      PLAN_LOCK,
    );
    expect(message).toContain(councilName);
    await refusedAsLocked(
      () => finance.contributions.update({ id: r.id, version: r.version, patch: { actualPence: 1 } }),
      'actualPence',
      Q1_LOCK,
    );
  });

  it('a paste of several cells, one of them locked: the whole batch is refused', async () => {
    const q1 = await row(before.councilQ1);
    const q2 = await row(before.councilQ2);
    await refusedAsLocked(
      () =>
        finance.contributions.applyBatch({
          fundId: f.fundId,
          changes: [
            { op: 'update', id: q2.id, version: q2.version, values: { actualPence: 55_00, note: 'pasted' } },
            { op: 'update', id: q1.id, version: q1.version, values: { actualPence: 66_00 } },
          ],
        }),
      'actualPence',
      Q1_LOCK,
    );
  });

  it('a fill down of a planned figure (the grid sends a fill as a batch), and a pasted new row', async () => {
    const q1 = await row(before.councilQ1);
    const q2 = await row(before.councilQ2);
    await refusedAsLocked(
      () =>
        finance.contributions.applyBatch({
          fundId: f.fundId,
          changes: [q1, q2].map((r) => ({ op: 'update' as const, id: r.id, version: r.version, values: { plannedPence: 500_00 } })),
        }),
      'plannedPence',
      PLAN_LOCK,
    );
    await refusedAsLocked(
      () =>
        finance.contributions.applyBatch({
          fundId: f.fundId,
          changes: [{ op: 'create', values: { orgId: f.councilId, source: 'dfg', quarter: 3, plannedPence: 10_00 } }],
        }),
      'plannedPence',
      PLAN_LOCK,
    );
  });

  it('deleting a row with a planned figure', async () => {
    const q2 = await row(before.councilQ2);
    await refusedAsLocked(() => finance.contributions.delete({ id: q2.id, version: q2.version }), 'plannedPence', PLAN_LOCK);
  });

  it('an import (CSV, TSV and .xlsx arrive as the same rows) that changes a planned figure or a Q1 actual', async () => {
    // The preview already shows the locked figure's row as an error at its column, naming the lock; importing it is
    // refused the same way, with nothing written.
    const planned = importInput([[councilName, 'la_better_care_grant', 'Q1', '999.00', '90.00', '', '']]);
    const preview = await finance.contributions.import({ ...planned, dryRun: true });
    expect(preview.counts.error).toBe(1);
    expect(preview.rows[0]!.errors).toEqual([{ column: 'Planned (£)', message: expect.stringMatching(PLAN_LOCK) }]);
    await refusedInImport(planned, 'rows.0.3', PLAN_LOCK);
    await refusedInImport(
      importInput([
        [councilName, 'la_better_care_grant', 'Q2', '100.00', '12.00', '', ''],
        [councilName, 'la_better_care_grant', 'Q1', '110.00', '1.00', '', ''],
      ]),
      'rows.1.4',
      Q1_LOCK,
    );
  });
});

/** An import refused before it writes: BAD_REQUEST with the lock named at the row and column, nothing written. */
async function refusedInImport(input: ContributionImportInput, path: string, lock: RegExp): Promise<void> {
  const was = await counts(api.db);
  const rowsWere = await api.caller.contributions.list({ fundId: f.fundId });
  const error = await expectTrpcError(finance.contributions.import(input), 'BAD_REQUEST');
  expect(fieldErrorsOf(error)).toContainEqual({ path, message: expect.stringMatching(lock) });
  expect(await counts(api.db)).toEqual(was);
  expect(await api.caller.contributions.list({ fundId: f.fundId })).toEqual(rowsWere);
}

describe('undo, redo and history', () => {
  it('undo and redo of one’s own changes made before the lock', async () => {
    await refusedAsLocked(() => finance.audit.undoLast({ fundId: f.fundId }), 'plannedPence', PLAN_LOCK);
    await refusedAsLocked(() => finance.audit.redoLast({ fundId: f.fundId }), 'plannedPence', PLAN_LOCK);
  });

  it('History’s undo of a batch made before the lock', async () => {
    await refusedAsLocked(() => api.caller.audit.undo({ batchId: before.schemeBatchId }), 'q1PlannedPence', PLAN_LOCK);
  });

  it('a step of sign-off is never undone, not even by an administrator; the board may undo nothing', async () => {
    const events = await api.caller.audit.list({ fundId: f.fundId, limit: 1000 });
    const approval = events.find((e) => e.entity === 'submission' && e.field === 'status' && e.newValue === 'approved');
    if (!approval) throw new Error('no approval in the history');
    const was = await counts(api.db);
    const error = await expectTrpcError(api.caller.audit.undo({ batchId: approval.batchId }), 'FORBIDDEN');
    expect(error.message).toBe('A step of sign-off cannot be undone: an administrator can reopen the submission with a reason');
    await expectTrpcError(people.chair.audit.undo({ batchId: approval.batchId }), 'FORBIDDEN');
    expect(await counts(api.db)).toEqual(was);
    expect((await api.caller.submissions.get({ fundId: f.fundId, kind: 'plan' })).status).toBe('approved');
  });
});

describe('the plan’s paths', () => {
  it('promoting a scenario taken before the lock', async () => {
    await refusedAsLocked(() => commissioner.scenarios.promote(before.scenario), 'plannedPence', PLAN_LOCK);
  });

  it('restoring a snapshot taken before the lock', async () => {
    await refusedAsLocked(() => api.caller.snapshots.restore({ snapshotId: before.snapshotId }), 'q1PlannedPence', PLAN_LOCK);
  });

  it('the plan grid: planned spend, a new scheme, a deleted scheme', async () => {
    const [s] = await api.caller.schemes.list({ fundId: f.fundId });
    if (!s) throw new Error('no scheme');
    const batch = (change: Parameters<Caller['schemes']['applyBatch']>[0]['changes'][number]) => () =>
      api.caller.schemes.applyBatch({ fundId: f.fundId, changes: [change] });
    await refusedAsLocked(
      batch({ op: 'update', id: s.id, version: s.version, values: { q3PlannedPence: 1 } }),
      'q3PlannedPence',
      PLAN_LOCK,
    );
    await refusedAsLocked(batch({ op: 'update', id: s.id, version: s.version, values: { q1ActualPence: 1 } }), 'q1ActualPence', Q1_LOCK);
    await refusedAsLocked(batch({ op: 'create', values: { ...scheme, code: 'S2' } }), null, PLAN_LOCK);
    await refusedAsLocked(batch({ op: 'delete', id: s.id, version: s.version }), null, PLAN_LOCK);
  });

  it('a plan workbook import that renames a scheme, or drops it', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await planWorkbookFor(api.caller, f.fundId);
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Expenditure');
    if (!sheet) throw new Error('no Expenditure sheet');
    const at = EXPENDITURE_HEADER_ROW + 1;
    expect(sheet.getCell(`A${at}`).value).toBe('S1');
    // The workbook as exported changes nothing, so it is no refusal: a read-back of the locked plan is fine.
    const same = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    expect(await api.caller.schemes.importWorkbook({ fundId: f.fundId, fileBase64: same, dryRun: false })).toMatchObject({
      unchanged: 1,
      batchId: null,
    });
    sheet.getCell(`B${at}`).value = 'Renamed after approval';
    const renamed = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    await refusedAsLocked(
      () => api.caller.schemes.importWorkbook({ fundId: f.fundId, fileBase64: renamed, dryRun: false }),
      'name',
      PLAN_LOCK,
    );
    sheet.spliceRows(at, 1);
    const dropped = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    await refusedAsLocked(
      () => api.caller.schemes.importWorkbook({ fundId: f.fundId, fileBase64: dropped, dryRun: false }),
      null,
      PLAN_LOCK,
    );
  });

  it('a national condition’s answer, and the plan settings', async () => {
    const [nc1, nc2] = await api.caller.conditions.list({ fundId: f.fundId });
    await refusedAsLocked(
      () =>
        commissioner.conditions.answer({
          fundId: f.fundId,
          conditionCode: 'nc1',
          answer: 'no',
          commentary: 'Changed our mind',
          version: nc1?.version ?? 0,
        }),
      'answer',
      PLAN_LOCK,
    );
    await refusedAsLocked(
      () => commissioner.conditions.answer({ fundId: f.fundId, conditionCode: nc2?.code ?? 'nc2', answer: 'yes', commentary: '' }),
      'conditionCode',
      PLAN_LOCK,
    );
    await refusedAsLocked(
      () => api.caller.schemes.settings.update({ fundId: f.fundId, patch: { minOutOfHospitalPence: 1_00 } }),
      'minOutOfHospitalPence',
      PLAN_LOCK,
    );
  });

  it('a roll-over reads the locked fund and writes only next year’s; once that plan is approved, undoing the roll-over is refused', async () => {
    const rowsWere = await api.caller.contributions.list({ fundId: f.fundId });
    const schemesWere = await api.caller.schemes.list({ fundId: f.fundId });
    const rolled = await commissioner.rollover.start({ fundId: f.fundId, upliftBp: 390, mappings: [] });
    expect(rolled.fundId).not.toBe(f.fundId);
    expect(await api.caller.contributions.list({ fundId: f.fundId })).toEqual(rowsWere);
    expect(await api.caller.schemes.list({ fundId: f.fundId })).toEqual(schemesWere);

    await approve(rolled.fundId, 'plan');
    const was = await counts(api.db);
    const error = await expectTrpcError(commissioner.audit.undo({ batchId: rolled.batchId }), 'FORBIDDEN');
    expect(error.message).toMatch(/Locked by the 2026\/27 plan, approved by the board/);
    expect(errorDetails(error).lockedField).toBeDefined();
    expect(await counts(api.db)).toEqual(was);
  });
});

describe('what no lock covers still saves', () => {
  it('a Q2 actual while only Q1’s actuals are locked, and a planned figure once an administrator reopens the plan', async () => {
    const q2 = await row(before.councilQ2);
    const saved = await finance.contributions.update({ id: q2.id, version: q2.version, patch: { actualPence: 42_00 } });
    expect(saved.actualPence).toBe(42_00);

    const plan = await api.caller.submissions.get({ fundId: f.fundId, kind: 'plan' });
    const reopened = await api.caller.submissions.reopen({ fundId: f.fundId, kind: 'plan', version: plan.version ?? 0, reason: 'Q2 typo' });
    expect(reopened.status).toBe('draft');
    expect(reopened.voided).toHaveLength(3);
    expect((await api.caller.submissions.locks({ fundId: f.fundId })).map((l) => l.kind)).toEqual(['q1']);
    const again = await row(before.councilQ2);
    expect(
      (await finance.contributions.update({ id: again.id, version: again.version, patch: { plannedPence: 130_00 } })).plannedPence,
    ).toBe(130_00);
    // Q1's actuals stay locked by their own return.
    const q1 = await row(before.councilQ1);
    await refusedAsLocked(
      () => finance.contributions.update({ id: q1.id, version: q1.version, patch: { actualPence: 1 } }),
      'actualPence',
      Q1_LOCK,
    );
  });
});
