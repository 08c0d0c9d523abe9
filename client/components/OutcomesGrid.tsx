// A fund's outcomes on the shared SheetGrid: one row per metric, scheme (or the whole fund) and quarter, with baseline,
// target and actual (or the actual's numerator and denominator for a rate) as input, and the status worked out from
// target, actual and the metric's polarity, in words, never typed in.
import { useMemo } from 'react';
import { METRIC_STATUS_LABELS, metricStatus } from '../../shared/metric-status';
import { outcomePatch } from '../../shared/outcome-schemas';
import type { Metric, Outcome } from '../../shared/outcome-types';
import { WORDS } from '../../shared/wording';
import { SheetGrid, type ApplyOutcome, type SheetChange, type SheetThreads, type UndoState } from './sheet/SheetGrid';
import type { SheetColumn } from './sheet/cells';
import { checkWith } from './sheet/validate';

const validate = checkWith(outcomePatch);

interface Props {
  metrics: readonly Metric[];
  schemes: readonly { id: number; code: string; name: string }[];
  rows: readonly Outcome[];
  editBlock: () => string | null;
  onApply: (changes: SheetChange<Outcome>[]) => Promise<ApplyOutcome<Outcome>>;
  undo: UndoState;
  rowActions: (row: Outcome) => React.ReactNode;
  /** Comment threads on the cells (Shift+F2). */
  threads?: SheetThreads<Outcome>;
}

export function OutcomesGrid({ metrics, schemes, ...sheet }: Props) {
  const columns = useMemo<SheetColumn<Outcome>[]>(() => {
    const polarity = new Map(metrics.map((m) => [m.id, m.polarity]));
    return [
      {
        field: 'metricId',
        header: 'Metric',
        kind: 'choice',
        pinned: true,
        width: 300,
        choices: metrics.map((m) => ({ value: m.id, label: m.name, aliases: [m.code] })),
      },
      {
        field: 'schemeId',
        header: 'Scheme',
        headerTooltip: `${WORDS.wholeFund}: the metric for the fund as a whole, not one scheme`,
        kind: 'choice',
        // Empty (null) is the whole fund: it reads so, and typing, pasting or choosing it, or clearing the cell, sets it.
        optional: true,
        emptyLabel: WORDS.wholeFund,
        width: 200,
        choices: schemes.map((s) => ({ value: s.id, label: `${s.code} ${s.name}`, aliases: [s.code] })),
      },
      {
        field: 'quarter',
        header: 'Quarter',
        kind: 'choice',
        width: 100,
        choices: [1, 2, 3, 4].map((q) => ({ value: q, label: `Q${q}`, aliases: [String(q)] })),
      },
      { field: 'baseline', header: 'Baseline', kind: 'decimal', optional: true, width: 120 },
      { field: 'target', header: 'Target', kind: 'decimal', optional: true, width: 120 },
      {
        field: 'actual',
        header: 'Actual',
        headerTooltip: 'Worked out from the numerator and denominator when they are given',
        kind: 'decimal',
        optional: true,
        width: 120,
      },
      { field: 'actualNumerator', header: 'Actual numerator', kind: 'count', optional: true, width: 150 },
      { field: 'actualDenominator', header: 'Actual denominator', kind: 'count', optional: true, width: 160 },
      {
        field: 'status',
        header: 'Status',
        headerTooltip: 'From target, actual and whether lower or higher is better',
        kind: 'computed',
        computedFormat: 'text',
        width: 160,
        compute: (row) =>
          METRIC_STATUS_LABELS[metricStatus({ target: row.target, actual: row.actual, polarity: polarity.get(row.metricId) ?? 'higher' })],
      },
      { field: 'narrative', header: 'Narrative', kind: 'text', width: 320, maxLength: 4000 },
    ];
  }, [metrics, schemes]);

  return (
    <SheetGrid<Outcome>
      label="Outcomes"
      columns={columns}
      validate={validate}
      newRow={() => ({ metricId: metrics[0]?.id, quarter: 1 })}
      describeRow={(row) => `Q${row.quarter} ${metrics.find((m) => m.id === row.metricId)?.name ?? 'outcome'}`}
      {...sheet}
    />
  );
}
