// Reads and writes of scenarios and their cost lines (shared/scenario.ts), and the fingerprint of a fund's plan that
// tells whether the plan has changed since a scenario was taken from it.
import { createHash } from 'node:crypto';
import {
  SCENARIO_FIELDS,
  SCENARIO_LINE_FIELDS,
  SCENARIO_LINE_LABELS,
  type Scenario,
  type ScenarioLine,
  type ScenarioLineRowValues,
} from '../../shared/schema/scenario';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { auditedTable } from './row-writes';

/** A scenario row with the fingerprint it was taken against (which the API does not return). */
export type ScenarioRow = Scenario & { baseFingerprint: string };

/** The audited fields of a scenario: everything but the system's columns and the owner's name. */
export type ScenarioValues = Omit<ScenarioRow, 'id' | 'ownerName' | 'version' | 'updatedAt'>;

/** The audited fields of a cost line. */
export type ScenarioLineValues = ScenarioLineRowValues;

const SCENARIO_COLUMNS = [
  'id',
  'fundId',
  ...SCENARIO_FIELDS,
  'ownerId',
  'baseFingerprint',
  'takenAt',
  'promotedAt',
  'version',
  'updatedAt',
] as const;

function selectScenarios(db: DB | Tx) {
  return db
    .selectFrom('scenario')
    .leftJoin('appUser', 'appUser.id', 'scenario.ownerId')
    .select(SCENARIO_COLUMNS.map((c) => `scenario.${c}` as const))
    .select('appUser.name as ownerName');
}

/** A fund's scenarios, newest first; only `ownerId`'s when given (scenarios are private working copies). */
export function listScenarios(db: DB | Tx, fundId: number, ownerId?: number): Promise<ScenarioRow[]> {
  let query = selectScenarios(db).where('scenario.fundId', '=', fundId);
  if (ownerId !== undefined) query = query.where('scenario.ownerId', '=', ownerId);
  return query.orderBy('scenario.id', 'desc').execute();
}

export function findScenario(db: DB | Tx, id: number): Promise<ScenarioRow | undefined> {
  return selectScenarios(db).where('scenario.id', '=', id).executeTakeFirst();
}

const LINE_COLUMNS = ['id', 'scenarioId', 'fundId', 'schemeId', ...SCENARIO_LINE_FIELDS, 'version'] as const;

type LineRow = ScenarioLine & { fundId: number };

export function listScenarioLines(db: DB | Tx, scenarioId: number): Promise<LineRow[]> {
  return db.selectFrom('scenarioItem').select(LINE_COLUMNS).where('scenarioId', '=', scenarioId).orderBy('id').execute();
}

function findLine(db: DB | Tx, id: number): Promise<LineRow | undefined> {
  return db.selectFrom('scenarioItem').select(LINE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/**
 * A digest of the fund's plan: every contribution's and scheme's id and version. Any write to either (an edit, a new
 * or deleted row, an undo) changes a version or the set of ids, so the digest changes; nothing else does.
 */
export async function planFingerprint(db: DB | Tx, fundId: number): Promise<string> {
  const [contributions, schemes] = await Promise.all([
    db.selectFrom('contribution').select(['id', 'version']).where('fundId', '=', fundId).orderBy('id').execute(),
    db.selectFrom('scheme').select(['id', 'version']).where('fundId', '=', fundId).orderBy('id').execute(),
  ]);
  const text = [...contributions.map((r) => `c${r.id}:${r.version}`), ...schemes.map((r) => `s${r.id}:${r.version}`)].join(',');
  return createHash('sha256').update(text).digest('hex');
}

/** The latest change to the fund's contributions or schemes at or after `since`: who, what and when. */
export function latestPlanChangeSince(db: DB | Tx, fundId: number, since: string) {
  return db
    .selectFrom('auditEvent')
    .innerJoin('batch', 'batch.id', 'auditEvent.batchId')
    .leftJoin('appUser', 'appUser.id', 'auditEvent.userId')
    .select(['auditEvent.at', 'batch.label', 'appUser.name as userName'])
    .where('auditEvent.fundId', '=', fundId)
    .where('auditEvent.entity', 'in', ['contribution', 'scheme'])
    .where('auditEvent.at', '>=', since)
    .orderBy('auditEvent.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export const scenarioTable = auditedTable<ScenarioRow, ScenarioValues>({
  table: 'scenario',
  entity: 'scenario',
  noun: 'scenario',
  fields: ['fundId', 'name', 'description', 'ownerId', 'baseFingerprint', 'takenAt', 'promotedAt'],
  fieldLabels: { name: 'Scenario name', baseFingerprint: 'Plan taken', takenAt: 'Taken at', promotedAt: 'Promoted at' },
  describe: async (_tx, row) => `the scenario ‘${row.name}’`,
  fundIdOf: (row) => row.fundId,
  find: findScenario,
  stamps: 'updated',
});

export const scenarioItemTable = auditedTable<LineRow, ScenarioLineValues>({
  table: 'scenarioItem',
  entity: 'scenario_item',
  noun: 'scenario cost line',
  fields: ['scenarioId', 'fundId', 'schemeId', 'label', 'source', 'q1Pence', 'q2Pence', 'q3Pence', 'q4Pence', 'split'],
  fieldLabels: SCENARIO_LINE_LABELS,
  describe: async (_tx, row) => `the cost line ‘${row.label}’`,
  fundIdOf: (row) => row.fundId,
  find: findLine,
  stamps: 'updated',
});
