// The contributions grid: one row per partner, funding source and quarter, on the shared SheetGrid (which brings the
// spreadsheet habits). This file says only what is particular to contributions: the columns, who may change a row,
// the domain check of a value, the totals, and "copy previous quarter".
import type { ColumnState } from 'ag-grid-community';
import { useCallback, useMemo, type ReactNode } from 'react';
import { totalsOf } from '../../shared/fund-summary';
import { QUARTERS, quarterLabel } from '../../shared/financial-year';
import {
  CONTRIBUTION_VALUE_LABELS,
  contributionPatch,
  type ContributionListRow as Contribution,
  type ContributionField,
} from '../../shared/schema/contribution';
import { NOTE_MAX_LENGTH } from '../../shared/schema/fields';
import { copyPreviousQuarter } from './sheet/block';
import { SheetGrid, type ApplyOutcome, type SheetChange, type SheetColumn, type SheetThreads, type UndoState } from './sheet/SheetGrid';
import { checkWith } from './sheet/validate';

export type EditableField = ContributionField;

export const FIELD_LABELS: Record<EditableField, string> = CONTRIBUTION_VALUE_LABELS;

interface Props {
  rows: readonly Contribution[];
  partners: readonly { id: number; name: string }[];
  sources: readonly { code: string; name: string }[];
  editBlock: (row: Contribution) => string | null;
  /** Why a cell of a row this person may change is locked by sign-off (a planned figure, a quarter's actual), or null. */
  cellBlock?: (row: Contribution, field: string) => string | null;
  /** The partners this person may put on a row (a finance officer: their own organisations). */
  assignablePartnerIds: readonly number[];
  onApply: (changes: SheetChange<Contribution>[]) => Promise<ApplyOutcome<Contribution>>;
  rowActions: (row: Contribution) => ReactNode;
  onShowHistory: (row: Contribution, field: EditableField | null) => void;
  undo: UndoState;
  /** Comment threads on the cells (Shift+F2). */
  threads?: SheetThreads<Contribution>;
  layout?: { saved: ColumnState[] | null; onChange: (state: ColumnState[] | null) => void };
  /** Who else has a cell selected (client/live presence). */
  cellMark?: (row: Contribution, field: string) => string | null;
}

const validate = checkWith(contributionPatch);

export function ContributionsGrid({
  rows,
  partners,
  sources,
  editBlock,
  cellBlock,
  assignablePartnerIds,
  onApply,
  rowActions,
  onShowHistory,
  threads,
  undo,
  layout,
  cellMark,
}: Props) {
  const partnerName = useMemo(() => new Map(partners.map((p) => [p.id, p.name])), [partners]);
  const sourceName = useMemo(() => new Map(sources.map((s) => [s.code, s.name])), [sources]);

  const columns = useMemo<SheetColumn<Contribution>[]>(
    () => [
      {
        field: 'orgId',
        header: FIELD_LABELS.orgId,
        kind: 'choice',
        pinned: true,
        width: 250,
        choices: partners.map((p) => ({ value: p.id, label: p.name })),
        editorChoices: partners.filter((p) => assignablePartnerIds.includes(p.id)).map((p) => p.id),
      },
      {
        field: 'source',
        header: FIELD_LABELS.source,
        kind: 'choice',
        width: 235,
        choices: sources.map((s) => ({ value: s.code, label: s.name })),
      },
      {
        field: 'quarter',
        header: FIELD_LABELS.quarter,
        kind: 'choice',
        width: 130,
        choices: QUARTERS.map((q) => ({ value: q, label: quarterLabel(q), aliases: [`Q${q}`, String(q)] })),
      },
      { field: 'plannedPence', header: FIELD_LABELS.plannedPence, kind: 'money', width: 150 },
      { field: 'actualPence', header: FIELD_LABELS.actualPence, kind: 'money', width: 150 },
      {
        field: 'variancePence',
        header: 'Variance (£)',
        headerTooltip: 'Actual − planned (computed)',
        kind: 'computed',
        width: 150,
        compute: (row) => row.actualPence - row.plannedPence,
      },
      { field: 'note', header: FIELD_LABELS.note, kind: 'text', flex: 1, minWidth: 180, maxLength: NOTE_MAX_LENGTH },
    ],
    [partners, sources, assignablePartnerIds],
  );

  const describeRow = useCallback(
    (row: Contribution) => `${partnerName.get(row.orgId) ?? ''}, ${sourceName.get(row.source) ?? ''}, ${quarterLabel(row.quarter)}`,
    [partnerName, sourceName],
  );

  // A row pasted past the end starts as the first partner this person may enter, with the first funding source.
  const newRow = useMemo(() => {
    const orgId = assignablePartnerIds[0];
    const source = sources[0]?.code;
    return orgId === undefined || source === undefined ? undefined : () => ({ orgId, source, quarter: 1 });
  }, [assignablePartnerIds, sources]);

  return (
    <SheetGrid<Contribution>
      label="Contributions"
      cellMark={cellMark}
      rows={rows}
      columns={columns}
      editBlock={editBlock}
      cellBlock={cellBlock}
      validate={validate}
      newRow={newRow}
      onApply={onApply}
      totals={(shown) => {
        const t = totalsOf(shown);
        return { plannedPence: t.plannedPence, actualPence: t.actualPence, variancePence: t.variancePence };
      }}
      rowActions={rowActions}
      describeRow={describeRow}
      undo={undo}
      layout={layout}
      threads={threads}
      onShowHistory={(row, field) => onShowHistory(row, (field as EditableField | null) ?? null)}
      toolbar={(tools) => (
        <button
          type="button"
          className="secondary-button"
          disabled={tools.readOnly !== null}
          title={tools.readOnly ?? "Set each selected row's planned amount to the same partner and source's amount in the quarter before"}
          onClick={() => void tools.apply(copyPreviousQuarter(rows, tools.selectedRows()), 'Copy previous quarter')}
        >
          Copy previous quarter
        </button>
      )}
    />
  );
}
