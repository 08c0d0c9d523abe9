// A scenario's cost lines on the shared SheetGrid: each line's cost by quarter and its split (as the plan, or a split
// rule), with what each partner pays for it worked out by the server (shared/scenario.ts) in grey computed columns.
import { useMemo } from 'react';
import { sumPence } from '../../shared/money';
import type { LineResult } from '../../shared/scenario';
import { scenarioLinePatch, type ScenarioDetail, type ScenarioLine } from '../../shared/scenario-schemas';
import type { SplitRule } from '../../shared/split-schemas';
import { SheetGrid, type ApplyOutcome, type SheetChange, type SheetThreads, type UndoState } from './sheet/SheetGrid';
import type { SheetColumn } from './sheet/cells';
import { checkWith } from './sheet/validate';

/** A line as a grid row, with the server's result for it. */
export type ScenarioRow = ScenarioLine & { result: LineResult | null };

/** A line as a grid row; its result (for the computed columns) where the scenario's result has it. */
export function toScenarioRow(line: ScenarioLine, result: LineResult | null = null): ScenarioRow {
  return { ...line, result };
}

const costOf = (row: ScenarioRow) => sumPence([row.q1Pence, row.q2Pence, row.q3Pence, row.q4Pence]);

const validate = checkWith(scenarioLinePatch);

interface Props {
  detail: ScenarioDetail;
  rules: readonly SplitRule[];
  sources: readonly { code: string; name: string }[];
  onApply: (changes: SheetChange<ScenarioRow>[]) => Promise<ApplyOutcome<ScenarioRow>>;
  undo: UndoState;
  rowActions: (row: ScenarioRow) => React.ReactNode;
  /** Comment threads on the cells (Shift+F2): as private as the scenario. */
  threads?: SheetThreads<ScenarioRow>;
}

export function ScenarioGrid({ detail, rules, sources, onApply, undo, rowActions, threads }: Props) {
  const rows = useMemo<ScenarioRow[]>(
    () => detail.lines.map((line) => toScenarioRow(line, detail.result.lines.find((r) => r.lineId === line.id) ?? null)),
    [detail],
  );
  const columns = useMemo<SheetColumn<ScenarioRow>[]>(() => {
    const cost = (q: 1 | 2 | 3 | 4): SheetColumn<ScenarioRow> => ({ field: `q${q}Pence`, header: `Q${q} cost (£)`, kind: 'money', width: 130 });
    return [
      { field: 'label', header: 'Cost line', kind: 'text', pinned: true, width: 240, maxLength: 200 },
      {
        field: 'source',
        header: 'Source of funding',
        kind: 'choice',
        optional: true,
        width: 220,
        choices: sources.map((s) => ({ value: s.code, label: s.name, aliases: [s.code] })),
      },
      cost(1),
      cost(2),
      cost(3),
      cost(4),
      { field: 'costTotal', header: 'Cost (£)', kind: 'computed', width: 140, compute: costOf },
      {
        field: 'split',
        header: 'Split',
        headerTooltip: 'As the plan shares the line’s funding source, or one of the partnership’s split rules',
        kind: 'choice',
        width: 260,
        choices: [
          { value: 'plan', label: 'As in the plan', aliases: ['plan'] },
          ...rules.map((r) => ({ value: `rule:${r.id}`, label: r.name })),
        ],
      },
      ...detail.members.map(
        (m): SheetColumn<ScenarioRow> => ({
          field: `org${m.orgId}`,
          header: `${m.name} pays (£)`,
          kind: 'computed',
          width: 190,
          compute: (row) => row.result?.byOrg.find((b) => b.orgId === m.orgId)?.pence ?? 0,
        }),
      ),
      {
        field: 'unfunded',
        header: 'Unfunded or outside (£)',
        headerTooltip: 'The gap a rule leaves unfunded, and parts that fall to sectors with no partner in the pool',
        kind: 'computed',
        width: 180,
        compute: (row) => (row.result ? row.result.unfundedPence + sumPence(row.result.outside.map((o) => o.pence)) : 0),
      },
      {
        field: 'problem',
        header: 'Check',
        kind: 'computed',
        computedFormat: 'text',
        width: 260,
        compute: (row) => (row.result?.problems.length ? row.result.problems.join('; ') : 'OK'),
      },
    ];
  }, [detail.members, rules, sources]);

  return (
    <SheetGrid<ScenarioRow>
      label="Scenario cost lines"
      rows={rows}
      columns={columns}
      editBlock={() => null}
      validate={validate}
      newRow={() => ({ label: 'New cost line' })}
      onApply={onApply}
      totals={(shown) => {
        const totals: Record<string, unknown> = {};
        for (const q of [1, 2, 3, 4]) totals[`q${q}Pence`] = sumPence(shown.map((r) => r[`q${q}Pence` as 'q1Pence']));
        totals.costTotal = sumPence(shown.map(costOf));
        for (const m of detail.members) {
          totals[`org${m.orgId}`] = sumPence(shown.map((r) => r.result?.byOrg.find((b) => b.orgId === m.orgId)?.pence ?? 0));
        }
        totals.unfunded = sumPence(
          shown.map((r) => (r.result ? r.result.unfundedPence + sumPence(r.result.outside.map((o) => o.pence)) : 0)),
        );
        return totals;
      }}
      rowActions={rowActions}
      describeRow={(row) => `Cost line ${row.label}`}
      undo={undo}
      threads={threads}
    />
  );
}
