// The expenditure plan's grid: one row per scheme with its spend by quarter, on the shared SheetGrid. Lists (scheme
// types, areas of spend, commissioners...) come from the fund's BCF year's reference data, never from code.
import { useCallback, useMemo } from 'react';
import { formatBasisPoints, sumPence } from '../../shared/money';
import { spendVariance } from '../../shared/plan-variance';
import { JOINT_COMMISSIONER, SPEND_FIELDS, type FundPlan, type QuarterSpend, type Scheme, type SpendField } from '../../shared/plan-types';
import { schemePatch } from '../../shared/schema/scheme';
import { SheetGrid, type ApplyOutcome, type SheetChange, type SheetThreads, type UndoState } from './sheet/SheetGrid';
import type { Choice, SheetColumn } from './sheet/cells';
import { checkWith } from './sheet/validate';
import { useLiveGrid } from '../live/useLiveGrid';

/** A scheme as a grid row: its fields, with the spend flattened to q1PlannedPence ... q4ActualPence. */
export type PlanRow = Omit<Scheme, 'spend'> & Record<SpendField, number>;

export function toPlanRow(scheme: Scheme): PlanRow {
  const { spend, ...rest } = scheme;
  const row = { ...rest } as PlanRow;
  for (const q of [1, 2, 3, 4]) {
    const s = spend.find((x) => x.quarter === q);
    row[`q${q}PlannedPence` as SpendField] = s?.plannedPence ?? 0;
    row[`q${q}ActualPence` as SpendField] = s?.actualPence ?? 0;
  }
  return row;
}

const plannedOf = (row: PlanRow) => sumPence([row.q1PlannedPence, row.q2PlannedPence, row.q3PlannedPence, row.q4PlannedPence]);
const actualOf = (row: PlanRow) => sumPence([row.q1ActualPence, row.q2ActualPence, row.q3ActualPence, row.q4ActualPence]);

const validate = checkWith(schemePatch);

/**
 * A joint scheme's shares always add up to 100%: typing one fills in the other. Leaving joint commissioning clears
 * both, since shares mean nothing for a single commissioner (the server refuses shares on a non-joint scheme).
 */
export function completeJointShares(row: PlanRow | null, values: Record<string, unknown>): Record<string, unknown> {
  const commissioner = 'commissioner' in values ? values.commissioner : row?.commissioner;
  if (commissioner !== JOINT_COMMISSIONER) {
    return 'commissioner' in values && (row?.nhsShareBp !== null || row?.laShareBp !== null)
      ? { ...values, nhsShareBp: null, laShareBp: null }
      : values;
  }
  if (typeof values.nhsShareBp === 'number' && !('laShareBp' in values)) return { ...values, laShareBp: 10_000 - values.nhsShareBp };
  if (typeof values.laShareBp === 'number' && !('nhsShareBp' in values)) return { ...values, nhsShareBp: 10_000 - values.laShareBp };
  return values;
}

interface Props {
  plan: FundPlan;
  onFirstRows?: () => void;
  rows: readonly PlanRow[];
  sources: readonly { code: string; name: string }[];
  editBlock: (row: PlanRow) => string | null;
  /** Why a cell is locked by sign-off (every planned field under the plan's lock, a quarter's actual under its own). */
  cellBlock?: (row: PlanRow, field: string) => string | null;
  /** The plan's lock: no scheme is added (pasting past the last row) while it holds. */
  planLock?: string | null;
  onApply: (changes: SheetChange<PlanRow>[]) => Promise<ApplyOutcome<PlanRow>>;
  undo: UndoState;
  focusRequest: { rowId: number; field: string; seq: number } | null;
  rowActions: (row: PlanRow) => React.ReactNode;
  nextCode: () => string;
  /** The last quarter with actuals: the "to date" of each line's forecast outturn. */
  lastReportedQuarter: number;
  /** Comment threads on the cells (Shift+F2). */
  threads?: SheetThreads<PlanRow>;
}

export const RAG_LABELS = { green: 'Green', amber: 'Amber', red: 'Red' } as const;

function spendOf(row: PlanRow): QuarterSpend[] {
  return [1, 2, 3, 4].map((quarter) => ({
    quarter,
    plannedPence: row[`q${quarter}PlannedPence` as SpendField],
    actualPence: row[`q${quarter}ActualPence` as SpendField],
  }));
}

export function PlanGrid({
  plan,
  rows,
  sources,
  editBlock,
  cellBlock,
  planLock = null,
  onApply,
  undo,
  focusRequest,
  rowActions,
  nextCode,
  lastReportedQuarter,
  threads,
  onFirstRows,
}: Props) {
  const columns = useMemo<SheetColumn<PlanRow>[]>(() => {
    const lineVariance = (row: PlanRow) => spendVariance(spendOf(row), lastReportedQuarter, plan.settings);
    // Actual against the plan of the same quarters: a quarter not yet reported is not an underspend (issue 21).
    const toDate =
      lastReportedQuarter === 0 ? 'Nothing reported yet' : `Actual − planned, Q1 to Q${lastReportedQuarter} (the quarters reported so far)`;
    const list = (name: string): Choice[] =>
      plan.reference.filter((r) => r.list === name).map((r) => ({ value: r.code, label: r.name, aliases: [r.code] }));
    const spend = (q: number, kind: 'Planned' | 'Actual'): SheetColumn<PlanRow> => ({
      field: `q${q}${kind}Pence`,
      header: `Q${q} ${kind.toLowerCase()} (£)`,
      kind: 'money',
      width: 140,
    });
    return [
      { field: 'code', header: 'Scheme ID', kind: 'text', pinned: true, width: 110, maxLength: 30 },
      { field: 'name', header: 'Scheme name', kind: 'text', pinned: true, width: 220, maxLength: 200 },
      { field: 'schemeType', header: 'Scheme type', kind: 'choice', optional: true, width: 220, choices: list('scheme_type') },
      { field: 'subType', header: 'Sub-type', kind: 'choice', optional: true, width: 200, choices: list('sub_type') },
      { field: 'subTypeOther', header: 'Sub-type: please specify', kind: 'text', width: 180, maxLength: 200 },
      { field: 'areaOfSpend', header: 'Area of spend', kind: 'choice', optional: true, width: 170, choices: list('area_of_spend') },
      { field: 'commissioner', header: 'Commissioner', kind: 'choice', optional: true, width: 150, choices: list('commissioner') },
      { field: 'nhsShareBp', header: '% NHS (joint)', kind: 'percent', optional: true, width: 120 },
      { field: 'laShareBp', header: '% LA (joint)', kind: 'percent', optional: true, width: 120 },
      { field: 'providerType', header: 'Provider type', kind: 'choice', optional: true, width: 180, choices: list('provider_type') },
      { field: 'providerName', header: 'Provider', kind: 'text', width: 160, maxLength: 200 },
      {
        field: 'fundingSource',
        header: 'Source of funding',
        kind: 'choice',
        optional: true,
        width: 220,
        choices: sources.map((s) => ({ value: s.code, label: s.name, aliases: [s.code] })),
      },
      { field: 'outputQuantity', header: 'Planned outputs', kind: 'count', optional: true, width: 120 },
      { field: 'outputUnit', header: 'Output unit', kind: 'text', width: 130, maxLength: 100 },
      {
        field: 'isNew',
        header: 'New or existing',
        kind: 'choice',
        width: 130,
        choices: [
          { value: true, label: 'New' },
          { value: false, label: 'Existing' },
        ],
      },
      spend(1, 'Planned'),
      spend(2, 'Planned'),
      spend(3, 'Planned'),
      spend(4, 'Planned'),
      { field: 'plannedTotal', header: 'Planned total (£)', kind: 'computed', width: 150, compute: plannedOf },
      spend(1, 'Actual'),
      spend(2, 'Actual'),
      spend(3, 'Actual'),
      spend(4, 'Actual'),
      { field: 'actualTotal', header: 'Actual to date (£)', kind: 'computed', width: 150, compute: actualOf },
      {
        field: 'variancePence',
        header: 'Variance to date (£)',
        headerTooltip: toDate,
        kind: 'computed',
        width: 140,
        compute: (r) => {
          const v = lineVariance(r);
          return lastReportedQuarter === 0 ? null : v.actualToDatePence - v.plannedToDatePence;
        },
      },
      {
        field: 'forecastPence',
        header: 'Forecast outturn (£)',
        headerTooltip: `Actual to Q${lastReportedQuarter} + the plan for the quarters after`,
        kind: 'computed',
        width: 160,
        compute: (r) => lineVariance(r).forecastPence,
      },
      {
        field: 'forecastVarianceBp',
        header: 'Forecast variance',
        headerTooltip: 'Forecast outturn − plan, as a share of plan',
        kind: 'computed',
        computedFormat: 'percent',
        width: 140,
        compute: (r) => lineVariance(r).forecastVarianceBp,
      },
      {
        field: 'rag',
        header: 'Status',
        headerTooltip: `Amber beyond ${formatBasisPoints(plan.settings.amberThresholdBp)}, red beyond ${formatBasisPoints(plan.settings.redThresholdBp)} of plan`,
        kind: 'computed',
        computedFormat: 'text',
        width: 100,
        compute: (r) => RAG_LABELS[lineVariance(r).rag],
      },
      { field: 'description', header: 'Description', kind: 'text', width: 220, maxLength: 2000 },
    ];
  }, [plan.reference, plan.settings, sources, lastReportedQuarter]);

  // Presence: the cell each other viewer has selected, outlined, and named in words on the presence bar.
  const describeCell = useCallback(
    (id: number, field: string | null) => {
      const row = rows.find((r) => r.id === id);
      if (!row) return null;
      const header = columns.find((c) => c.field === field)?.header;
      return header ? `${header} of scheme ${row.code} (${row.name})` : `scheme ${row.code} (${row.name})`;
    },
    [rows, columns],
  );
  const live = useLiveGrid<PlanRow>('scheme', describeCell);

  return (
    <div className="live-frame" {...live.frameProps}>
      <SheetGrid<PlanRow>
        cellMark={live.cellMark}
        label="Expenditure plan"
        totalsLabelField="name"
        rows={rows}
        columns={columns}
        editBlock={editBlock}
        cellBlock={cellBlock}
        validate={validate}
        newRow={() => ({ code: nextCode(), name: 'New scheme' })}
        newRowBlock={planLock}
        onApply={onApply}
        completeChange={completeJointShares}
        totals={(shown) => {
          const totals: Record<string, unknown> = {};
          for (const f of SPEND_FIELDS) totals[f] = sumPence(shown.map((r) => r[f]));
          const planned = sumPence(shown.map(plannedOf));
          const actual = sumPence(shown.map(actualOf));
          const toDate = shown.map((r) => spendVariance(spendOf(r), lastReportedQuarter, plan.settings));
          const variancePence = lastReportedQuarter === 0 ? null : sumPence(toDate.map((v) => v.actualToDatePence - v.plannedToDatePence));
          Object.assign(totals, { plannedTotal: planned, actualTotal: actual, variancePence });
          return totals;
        }}
        rowActions={rowActions}
        describeRow={(row) => `Scheme ${row.code} (${row.name})`}
        undo={undo}
        focusRequest={focusRequest}
        threads={threads}
        onFirstRows={onFirstRows}
      />
    </div>
  );
}
