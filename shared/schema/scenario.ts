// The zod input schemas of scenarios.* (issue 6, item 3), shared by the server (which enforces them) and the client
// (the scenario grid checks a cell before sending it). Messages name the field, the value and the rule.
import { z } from 'zod';
import { isLineSplit, type LineSplit, type ScenarioResult } from '../scenario';
import { id, pence, rule, sourceSchema, strict, text, version } from './fields';
import { batchOf, changeOf, keysOf, labelsOf, optionalShape, patchOf, type RowOf, updateOf } from './shape';

export const lineSplitSchema = z
  .custom<LineSplit>(
    (value) => isLineSplit(value),
    rule('Split', "must be 'plan' (as the plan shares the source) or 'rule:<id>' for a split rule of the partnership"),
  )
  .describe('Split');

const lineFields = {
  label: text('Cost line', 1, 200),
  source: sourceSchema.describe('Source of funding').nullable(),
  q1Pence: pence('Q1 cost (£)'),
  q2Pence: pence('Q2 cost (£)'),
  q3Pence: pence('Q3 cost (£)'),
  q4Pence: pence('Q4 cost (£)'),
  split: lineSplitSchema,
};

/** What a person calls each field of a scenario line, as the scenario grid names its columns. */
export const SCENARIO_LINE_LABELS = labelsOf(lineFields);

/** A new cost line: a label is required; the rest default to no source, £0.00 and the plan's split. */
export const scenarioLineValues = strict({ ...optionalShape(lineFields), label: lineFields.label }, 'Cost line');

export const scenarioLinePatch = patchOf(lineFields);

export const scenarioLineChange = changeOf(scenarioLineValues, scenarioLinePatch);
export const scenarioLinesInput = batchOf(scenarioLineValues, scenarioLinePatch, { name: 'scenarioId', label: 'Scenario' });

const scenarioFields = {
  name: text('Scenario name', 1, 200),
  description: text('Description', 0, 2000),
};
export const SCENARIO_FIELDS = keysOf(scenarioFields);

export const scenarioCreateInput = strict(
  {
    fundId: id('Fund'),
    ...scenarioFields,
    description: scenarioFields.description.default(''),
    /** 'plan' copies the fund's schemes as cost lines; 'empty' starts with none (care packages typed in). */
    from: z.enum(['plan', 'empty'], rule('Start from', "must be 'plan' or 'empty'")).default('plan'),
  },
  'Scenario',
);

export const scenarioUpdateInput = updateOf(strict(optionalShape(scenarioFields), 'Patch'));

export const scenarioRefInput = strict({ id: id('Id'), version }, 'Input');
export const scenarioGetInput = strict({ id: id('Id') }, 'Input');

export const MAX_COMPARED_SCENARIOS = 6;

export const scenarioCompareInput = strict(
  {
    fundId: id('Fund'),
    scenarioIds: z
      .array(id('Scenario'), rule('Scenarios', 'must be a list of scenario ids'))
      .min(1, rule('Scenarios', 'must hold at least one scenario'))
      .max(MAX_COMPARED_SCENARIOS, rule('Scenarios', `must hold at most ${MAX_COMPARED_SCENARIOS} scenarios`)),
  },
  'Comparison',
);

export type ScenarioLineValues = z.infer<typeof scenarioLineValues>;
export type ScenarioLinePatch = z.infer<typeof scenarioLinePatch>;
export type ScenarioLineChange = z.infer<typeof scenarioLineChange>;
export type ScenarioLinesInput = z.infer<typeof scenarioLinesInput>;
export type ScenarioCreateInput = z.infer<typeof scenarioCreateInput>;
export type ScenarioUpdateInput = z.infer<typeof scenarioUpdateInput>;

/** A scenario as the API returns it. */
export interface Scenario extends RowOf<typeof scenarioFields> {
  id: number;
  fundId: number;
  ownerId: number;
  ownerName: string | null;
  /** When the scenario was taken from (or last refreshed against) the plan. */
  takenAt: string;
  promotedAt: string | null;
  version: number;
  updatedAt: string;
}

/** The stored fields of a cost line: its scenario, fund and the scheme it was copied from, and what a person edits. */
export type ScenarioLineRowValues = { scenarioId: number; fundId: number; schemeId: number | null } & RowOf<typeof lineFields>;
export const SCENARIO_LINE_FIELDS = keysOf(lineFields);

/** A cost line of a scenario, as the API returns it. */
export interface ScenarioLine extends Omit<ScenarioLineRowValues, 'fundId'> {
  id: number;
  version: number;
}

/** What the plan looks like now against when the scenario was taken: stale means it cannot be promoted. */
export interface ScenarioStaleness {
  stale: boolean;
  /** Who changed the plan last since the scenario was taken, and what ("Fin Officer: Changed Planned (£) at 19:40"). */
  reason: string | null;
}

/** scenarios.get: the scenario, its lines, and the result worked out against the plan as it is now. */
export interface ScenarioDetail {
  scenario: Scenario;
  lines: ScenarioLine[];
  result: ScenarioResult;
  staleness: ScenarioStaleness;
  members: { orgId: number; name: string }[];
}

/** scenarios.compare: per partner, the committed plan and each scenario (£ and change from the plan). */
export interface ScenarioComparison {
  scenarios: { id: number; name: string; stale: boolean; unfundedPence: number; outsidePence: number }[];
  partners: { orgId: number; name: string; planPence: number; scenarios: { scenarioPence: number; changePence: number }[] }[];
}
