// Scenarios (issue 6, item 3): take a working copy of a fund's cost lines, change lines and splits, compare with the
// committed plan, and promote one to the plan as one audited batch, refused when the plan has changed since the
// scenario was taken. The arithmetic is shared/scenario.ts's; this file loads what it needs and writes through the
// one write path. A scenario is its owner's private working copy: only they (and administrators) see or change it.
import type { DB } from '../../db/connection';
import { contributionTable, listContributions } from '../../db/repositories/contribution.repository';
import { findFund, listFundingSources } from '../../db/repositories/fund.repository';
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { findPartnership } from '../../db/repositories/partnership.repository';
import {
  findScenario,
  latestPlanChangeSince,
  listScenarioLines,
  listScenarios,
  planFingerprint,
  scenarioItemTable,
  scenarioTable,
  type ScenarioLineValues,
  type ScenarioRow,
} from '../../db/repositories/scenario.repository';
import { listSchemes } from '../../db/repositories/scheme.repository';
import { listSplitRules } from '../../db/repositories/split-rule.repository';
import { applyChanges, runBatch, type Actor, type BatchWriter, type ChangeSpec, type Tx } from '../../db/unit-of-work';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import {
  computeScenario,
  ruleIdOfSplit,
  type Member,
  type NamedRule,
  type PlanContribution,
  type ScenarioLineInput,
} from '../../shared/scenario';
import type {
  Scenario,
  ScenarioComparison,
  ScenarioCreateInput,
  ScenarioDetail,
  ScenarioLine,
  ScenarioLinesInput,
  ScenarioStaleness,
  ScenarioUpdateInput,
} from '../../shared/scenario-schemas';
import { formatWhen } from '../../shared/time';
import type { SignedInUser } from '../../shared/types';
import { removeScenarioThreads } from './comments';

/** Who is asking: the signed-in person and the partnerships they can see. */
export interface Viewer {
  user: SignedInUser;
  partnershipIds: ReadonlySet<number>;
}

/** What working out a fund's scenarios needs, read in one place. */
interface FundFacts {
  partnershipId: number;
  partnershipName: string;
  members: Member[];
  rules: NamedRule[];
  plan: PlanContribution[];
  sources: Set<string>;
}

async function fundFacts(db: DB | Tx, fundId: number): Promise<FundFacts> {
  const fund = await findFund(db, fundId);
  if (!fund) throw new NotFoundError(`No fund with id ${fundId}`);
  const partnership = await findPartnership(db, fund.partnershipId);
  if (!partnership) throw new NotFoundError(`No partnership with id ${fund.partnershipId}`);
  const memberIds = new Set(partnership.memberOrgIds);
  const orgs = (await listOrganisations(db)).filter((o) => memberIds.has(o.id));
  return {
    partnershipId: partnership.id,
    partnershipName: partnership.name,
    members: orgs.map((o) => ({ orgId: o.id, name: o.name, sector: o.sector })),
    rules: await listSplitRules(db, partnership.id),
    plan: (await listContributions(db, fundId)).map(({ orgId, source, quarter, plannedPence }) => ({
      orgId,
      source,
      quarter,
      plannedPence,
    })),
    sources: new Set((await listFundingSources(db)).map((s) => s.code)),
  };
}

const toScenario = ({ baseFingerprint: _fingerprint, ...scenario }: ScenarioRow): Scenario => scenario;

const toLineInput = (line: ScenarioLine): ScenarioLineInput => ({
  id: line.id,
  label: line.label,
  source: line.source,
  quarterPence: [line.q1Pence, line.q2Pence, line.q3Pence, line.q4Pence],
  split: line.split,
});

const toLine = ({ fundId: _fund, ...line }: ScenarioLine & { fundId: number }): ScenarioLine => line;

/** The scenario, if the viewer may see it: its owner or an administrator, in a partnership they can see. */
async function visibleScenario(db: DB | Tx, viewer: Viewer, id: number): Promise<ScenarioRow> {
  const scenario = await findScenario(db, id);
  if (!scenario) throw new NotFoundError(`No scenario with id ${id}: it may have been deleted`);
  const fund = await findFund(db, scenario.fundId);
  const mine = scenario.ownerId === viewer.user.id;
  if (viewer.user.role !== 'admin' && (!mine || !fund || !viewer.partnershipIds.has(fund.partnershipId))) {
    // Nothing of the scenario in the refusal, not even whose it is (issue 20).
    throw new ForbiddenError(`Scenario ${id} is another person’s private working copy; only its owner can see it`);
  }
  return scenario;
}

async function staleness(db: DB | Tx, scenario: ScenarioRow): Promise<ScenarioStaleness> {
  if ((await planFingerprint(db, scenario.fundId)) === scenario.baseFingerprint) return { stale: false, reason: null };
  const change = await latestPlanChangeSince(db, scenario.fundId, scenario.takenAt);
  const reason = change
    ? `${change.userName ?? 'The system'} changed the plan (${change.label}) at ${formatWhen(change.at)}, after this scenario was taken`
    : 'The plan has changed since this scenario was taken';
  return { stale: true, reason };
}

async function detailOf(db: DB | Tx, scenario: ScenarioRow): Promise<ScenarioDetail> {
  const facts = await fundFacts(db, scenario.fundId);
  const lines = (await listScenarioLines(db, scenario.id)).map(toLine);
  return {
    scenario: toScenario(scenario),
    lines,
    result: computeScenario(lines.map(toLineInput), facts.members, facts.rules, facts.plan),
    staleness: await staleness(db, scenario),
    members: facts.members.map(({ orgId, name }) => ({ orgId, name })),
  };
}

export async function listFundScenarios(db: DB, viewer: Viewer, fundId: number): Promise<(Scenario & { stale: boolean })[]> {
  const rows = await listScenarios(db, fundId, viewer.user.role === 'admin' ? undefined : viewer.user.id);
  const fingerprint = await planFingerprint(db, fundId);
  return rows.map((row) => ({ ...toScenario(row), stale: row.baseFingerprint !== fingerprint }));
}

export async function getScenario(db: DB, viewer: Viewer, id: number): Promise<ScenarioDetail> {
  return detailOf(db, await visibleScenario(db, viewer, id));
}

/** The fund's schemes as cost lines: each scheme's planned spend by quarter, from its funding source, split as the
 * plan splits that source. */
async function linesFromPlan(tx: Tx, scenarioId: number, fundId: number): Promise<ScenarioLineValues[]> {
  return (await listSchemes(tx, fundId)).map((scheme) => {
    const q = (quarter: number) => scheme.spend.find((s) => s.quarter === quarter)?.plannedPence ?? 0;
    return {
      scenarioId,
      fundId,
      schemeId: scheme.id,
      label: `${scheme.code} ${scheme.name}`.slice(0, 200),
      source: scheme.fundingSource,
      q1Pence: q(1),
      q2Pence: q(2),
      q3Pence: q(3),
      q4Pence: q(4),
      split: 'plan',
    };
  });
}

async function assertNameFree(tx: Tx, fundId: number, ownerId: number, name: string, path: string, exceptId?: number): Promise<void> {
  const clash = (await listScenarios(tx, fundId, ownerId)).find((s) => s.name === name && s.id !== exceptId);
  if (clash)
    throw new ValidationError([{ path, message: `Scenario name must be unique among your scenarios of this fund, got '${name}'` }]);
}

export async function createScenario(db: DB, actor: Actor, viewer: Viewer, input: ScenarioCreateInput): Promise<ScenarioDetail> {
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Took scenario ‘${input.name}’`, fundId: input.fundId },
    async (writer) => {
      await assertNameFree(writer.tx, input.fundId, viewer.user.id, input.name, 'name');
      const scenario = await writer.create(scenarioTable, {
        fundId: input.fundId,
        name: input.name,
        description: input.description,
        ownerId: viewer.user.id,
        baseFingerprint: await planFingerprint(writer.tx, input.fundId),
        takenAt: writer.stamp.at,
        promotedAt: null,
      });
      await writer.scopeTo(scenario.id);
      if (input.from === 'plan') {
        for (const line of await linesFromPlan(writer.tx, scenario.id, input.fundId)) await writer.create(scenarioItemTable, line);
      }
      return scenario;
    },
  );
  return detailOf(db, result);
}

export async function updateScenario(db: DB, actor: Actor, viewer: Viewer, input: ScenarioUpdateInput): Promise<ScenarioDetail> {
  const current = await visibleScenario(db, viewer, input.id);
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: 'Changed a scenario', fundId: current.fundId, scenarioId: current.id },
    async (writer) => {
      if (input.patch.name !== undefined) {
        await assertNameFree(writer.tx, current.fundId, current.ownerId, input.patch.name, 'patch.name', current.id);
      }
      return writer.update(scenarioTable, input.id, input.version, input.patch);
    },
  );
  return detailOf(db, result);
}

export async function deleteScenario(db: DB, actor: Actor, viewer: Viewer, input: { id: number; version: number }): Promise<{ ok: true }> {
  const current = await visibleScenario(db, viewer, input.id);
  await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Deleted scenario ‘${current.name}’`, fundId: current.fundId, scenarioId: current.id },
    async (writer) => {
      await removeScenarioThreads(writer, current.id);
      for (const line of await listScenarioLines(writer.tx, current.id)) await writer.remove(scenarioItemTable, line.id, line.version);
      await writer.remove(scenarioTable, current.id, input.version);
    },
  );
  return { ok: true };
}

type Line = ScenarioLine & { fundId: number };

/** A scenario's cost lines as one batch writes them: a source must be a known funding source and a split 'plan' or a
 * split rule of the partnership. Every problem is collected, so the grid can mark each bad cell. */
function lineChanges(facts: FundFacts, scenario: ScenarioRow, lines: Line[]): ChangeSpec<Line, ScenarioLineValues, Line> {
  return {
    table: scenarioItemTable,
    rows: new Map(lines.map((l) => [l.id, l])),
    notInScope: (id) => `Cost line ${id} is not in scenario ${scenario.id} (it may have been deleted)`,
    empty: { schemeId: null, label: '', source: null, q1Pence: 0, q2Pence: 0, q3Pence: 0, q4Pence: 0, split: 'plan' },
    problems: ({ values: { source, split }, at }) => {
      const problems: FieldError[] = [];
      if (source !== undefined && source !== null && !facts.sources.has(source)) {
        problems.push({ path: at('source'), message: `Source of funding must be a known funding source, got '${source}'` });
      }
      const ruleId = split === undefined ? null : ruleIdOfSplit(split);
      if (ruleId !== null && !facts.rules.some((r) => r.id === ruleId)) {
        problems.push({
          path: at('split'),
          message: `Split must be 'plan' or a split rule of ${facts.partnershipName}, got '${split}' (no such rule)`,
        });
      }
      return problems;
    },
    toValues: ({ label, source, q1Pence, q2Pence, q3Pence, q4Pence, split }) => {
      return { scenarioId: scenario.id, fundId: scenario.fundId, schemeId: null, label, source, q1Pence, q2Pence, q3Pence, q4Pence, split };
    },
  };
}

function describeLineBatch(input: ScenarioLinesInput): string {
  const [only] = input.changes;
  if (input.changes.length > 1 || !only) return `Applied ${input.changes.length} changes to cost lines`;
  if (only.op === 'create') return 'Added a cost line';
  if (only.op === 'delete') return 'Deleted a cost line';
  return `Changed ${Object.keys(only.values).join(', ')}`;
}

export async function applyScenarioLines(db: DB, actor: Actor, viewer: Viewer, input: ScenarioLinesInput): Promise<ScenarioDetail> {
  const scenario = await visibleScenario(db, viewer, input.scenarioId);
  await runBatch(
    db,
    actor,
    { kind: 'batch', label: describeLineBatch(input), fundId: scenario.fundId, scenarioId: scenario.id },
    async (writer) => {
      const spec = lineChanges(await fundFacts(writer.tx, scenario.fundId), scenario, await listScenarioLines(writer.tx, scenario.id));
      await applyChanges(writer, spec, input.changes);
    },
  );
  return detailOf(db, await visibleScenario(db, viewer, input.scenarioId));
}

/** Bring a scenario's plan lines up to date with the plan as it is now, keeping each line's split and every line typed
 * in by hand; lines of schemes since deleted go, new schemes come in split as the plan does. */
export async function refreshScenario(
  db: DB,
  actor: Actor,
  viewer: Viewer,
  input: { id: number; version: number },
): Promise<ScenarioDetail> {
  const scenario = await visibleScenario(db, viewer, input.id);
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Refreshed scenario ‘${scenario.name}’ from the plan`, fundId: scenario.fundId, scenarioId: scenario.id },
    async (writer) => {
      const fresh = await linesFromPlan(writer.tx, scenario.id, scenario.fundId);
      const lines = await listScenarioLines(writer.tx, scenario.id);
      for (const line of lines) {
        if (line.schemeId === null) continue;
        const now = fresh.find((f) => f.schemeId === line.schemeId);
        if (!now) await writer.remove(scenarioItemTable, line.id, line.version);
        else await writer.update(scenarioItemTable, line.id, line.version, { ...now, split: line.split });
      }
      for (const line of fresh) {
        if (!lines.some((l) => l.schemeId === line.schemeId)) await writer.create(scenarioItemTable, line);
      }
      return writer.update(scenarioTable, scenario.id, input.version, {
        baseFingerprint: await planFingerprint(writer.tx, scenario.fundId),
        takenAt: writer.stamp.at,
      });
    },
  );
  return detailOf(db, result);
}

/** What promotion wrote: the batch (undo it from the history or the Plan page's Undo) and how many contributions;
 * no batch when the scenario already matches the plan (nothing is written, not even the promotion date). */
export interface PromoteResult {
  batchId: string | null;
  changedContributions: number;
  detail: ScenarioDetail;
}

/**
 * Make a scenario the plan: every member's planned contribution to each funding source the scenario covers becomes the
 * scenario's figure (shared/scenario.ts), in one audited batch. Refused, with nothing written, when the scenario is
 * stale (someone changed the fund's contributions or schemes since it was taken) or when a line cannot be promoted.
 */
export async function promoteScenario(
  db: DB,
  actor: Actor,
  viewer: Viewer,
  input: { id: number; version: number },
): Promise<PromoteResult> {
  const scenario = await visibleScenario(db, viewer, input.id);
  try {
    return await writePromotion(db, actor, viewer, scenario, input);
  } catch (error) {
    if (!(error instanceof NothingToPromote)) throw error;
    // Rolled back: the batch and the scenario's promotion date go with it, so history shows no empty change.
    return { batchId: null, changedContributions: 0, detail: await detailOf(db, await visibleScenario(db, viewer, input.id)) };
  }
}

/** Thrown inside the promotion's batch when the scenario matches the plan: the batch is rolled back whole. */
class NothingToPromote extends Error {}

async function writePromotion(
  db: DB,
  actor: Actor,
  viewer: Viewer,
  scenario: ScenarioRow,
  input: { id: number; version: number },
): Promise<PromoteResult> {
  const { batchId, result } = await runBatch(
    db,
    actor,
    { kind: 'promote', label: `Promoted scenario ‘${scenario.name}’ to the plan`, fundId: scenario.fundId },
    async (writer) => {
      const current = await findScenario(writer.tx, scenario.id);
      if (!current) throw new NotFoundError(`No scenario with id ${scenario.id}: it may have been deleted`);
      if (current.version !== input.version) {
        throw new ConflictError(
          `This scenario was changed since you loaded it (you had version ${input.version}, it is now version ${current.version}); nothing was promoted`,
          toScenario(current),
        );
      }
      const stale = await staleness(writer.tx, current);
      if (stale.stale) {
        throw new ConflictError(`${stale.reason}; nothing was promoted. Refresh the scenario from the plan, check it, and promote again`, {
          scenario: toScenario(current),
          reason: stale.reason,
        });
      }
      const facts = await fundFacts(writer.tx, current.fundId);
      const lines = (await listScenarioLines(writer.tx, current.id)).map(toLine);
      const computed = computeScenario(lines.map(toLineInput), facts.members, facts.rules, facts.plan);
      if (computed.problems.length > 0) {
        throw new ValidationError([
          {
            path: 'id',
            message: `Scenario ‘${current.name}’ cannot be promoted yet: ${computed.problems.map((p) => p.message).join('; ')}`,
          },
        ]);
      }
      const changed = await writeContributions(writer, current.fundId, computed.contributions);
      if (changed === 0) throw new NothingToPromote();
      await writer.update(scenarioTable, current.id, current.version, {
        baseFingerprint: await planFingerprint(writer.tx, current.fundId),
        takenAt: writer.stamp.at,
        promotedAt: writer.stamp.at,
      });
      return changed;
    },
  );
  return { batchId, changedContributions: result, detail: await detailOf(db, await visibleScenario(db, viewer, input.id)) };
}

/** Set each planned contribution to its target: change the rows that differ, add the missing ones that are above 0. */
async function writeContributions(writer: BatchWriter, fundId: number, targets: PlanContribution[]): Promise<number> {
  const existing = new Map((await listContributions(writer.tx, fundId)).map((c) => [`${c.orgId}|${c.source}|${c.quarter}`, c]));
  let changed = 0;
  for (const target of targets) {
    const row = existing.get(`${target.orgId}|${target.source}|${target.quarter}`);
    if (row && row.plannedPence !== target.plannedPence) {
      await writer.update(contributionTable, row.id, row.version, { plannedPence: target.plannedPence });
      changed++;
    } else if (!row && target.plannedPence > 0) {
      await writer.create(contributionTable, { fundId, ...target, actualPence: 0, note: '' });
      changed++;
    }
  }
  return changed;
}

/** Each partner under the committed plan and under each scenario: £ and the change from the plan. */
export async function compareScenarios(
  db: DB,
  viewer: Viewer,
  input: { fundId: number; scenarioIds: number[] },
): Promise<ScenarioComparison> {
  const details: ScenarioDetail[] = [];
  for (const id of [...new Set(input.scenarioIds)]) {
    const scenario = await visibleScenario(db, viewer, id);
    if (scenario.fundId !== input.fundId) {
      throw new ValidationError([
        { path: 'scenarioIds', message: `Scenarios must be of fund ${input.fundId}, got scenario ${id} of fund ${scenario.fundId}` },
      ]);
    }
    details.push(await detailOf(db, scenario));
  }
  const members = (await fundFacts(db, input.fundId)).members;
  return {
    scenarios: details.map((d) => ({
      id: d.scenario.id,
      name: d.scenario.name,
      stale: d.staleness.stale,
      unfundedPence: d.result.unfundedPence,
      outsidePence: d.result.outsidePence,
    })),
    partners: members.map((m) => {
      const of = (d: ScenarioDetail) => d.result.partners.find((p) => p.orgId === m.orgId);
      return {
        orgId: m.orgId,
        name: m.name,
        planPence: details[0] ? (of(details[0])?.planPence ?? 0) : 0,
        scenarios: details.map((d) => ({ scenarioPence: of(d)?.scenarioPence ?? 0, changePence: of(d)?.changePence ?? 0 })),
      };
    }),
  };
}
