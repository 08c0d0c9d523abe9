// The benefit lines of a fund's scheme appraisals on the shared SheetGrid: activity avoided a year, priced by a unit
// cost, saved by a partner or sector, over a number of years, with its adjustments (basis points) and its evidence.
import { useMemo } from 'react';
import { BENEFIT_FIELD_LABELS, benefitPatch } from '../../shared/outcome-schemas';
import type { EvidenceItem, RoiBenefit, UnitCost } from '../../shared/outcome-types';
import { formatPence } from '../../shared/money';
import { ATTRIBUTION_HELP } from '../../shared/roi';
import { SheetGrid, type ApplyOutcome, type SheetChange, type SheetThreads, type UndoState } from './sheet/SheetGrid';
import type { SheetColumn } from './sheet/cells';
import { checkWith } from './sheet/validate';
import type { PartyOption } from './SplitParties';

const validate = checkWith(benefitPatch);

interface Props {
  schemes: readonly { id: number; code: string; name: string }[];
  unitCosts: readonly UnitCost[];
  evidence: readonly EvidenceItem[];
  parties: readonly PartyOption[];
  rows: readonly RoiBenefit[];
  editBlock: () => string | null;
  onApply: (changes: SheetChange<RoiBenefit>[]) => Promise<ApplyOutcome<RoiBenefit>>;
  undo: UndoState;
  rowActions: (row: RoiBenefit) => React.ReactNode;
  /** Comment threads on the cells (Shift+F2). */
  threads?: SheetThreads<RoiBenefit>;
}

const label = (field: string) => BENEFIT_FIELD_LABELS[field] ?? field;

export function BenefitsGrid({ schemes, unitCosts, evidence, parties, ...sheet }: Props) {
  const columns = useMemo<SheetColumn<RoiBenefit>[]>(
    () => [
      {
        field: 'schemeId',
        header: label('schemeId'),
        kind: 'choice',
        pinned: true,
        width: 220,
        choices: schemes.map((s) => ({ value: s.id, label: `${s.code} ${s.name}`, aliases: [s.code] })),
      },
      { field: 'label', header: label('label'), kind: 'text', width: 280, maxLength: 300 },
      { field: 'party', header: label('party'), kind: 'choice', width: 200, choices: parties.map((p) => ({ value: p.value, label: p.label, aliases: [p.value] })) },
      {
        field: 'unitCostId',
        header: label('unitCostId'),
        kind: 'choice',
        width: 300,
        choices: unitCosts.map((u) => ({ value: u.id, label: `${u.item} (${formatPence(u.pence)}, ${u.priceYear})` })),
      },
      { field: 'activityPerYear', header: label('activityPerYear'), kind: 'count', width: 170 },
      { field: 'startYear', header: label('startYear'), headerTooltip: '0 is the fund’s own year', kind: 'count', width: 110 },
      { field: 'years', header: label('years'), kind: 'count', width: 90 },
      { field: 'deadweightBp', header: label('deadweightBp'), kind: 'percent', width: 120 },
      { field: 'attributionBp', header: label('attributionBp'), headerTooltip: ATTRIBUTION_HELP, kind: 'percent', width: 200 },
      { field: 'optimismBiasBp', header: label('optimismBiasBp'), kind: 'percent', width: 180 },
      { field: 'dropOffBp', header: label('dropOffBp'), headerTooltip: 'How far the benefit falls each year after its first', kind: 'percent', width: 110 },
      {
        field: 'healthValue',
        header: label('healthValue'),
        headerTooltip: 'Discounted at the Green Book’s health rate (1.5%) instead of 3.5%',
        kind: 'choice',
        width: 120,
        choices: [
          { value: true, label: 'Yes' },
          { value: false, label: 'No' },
        ],
      },
      {
        field: 'evidenceId',
        header: label('evidenceId'),
        kind: 'choice',
        optional: true,
        width: 320,
        choices: evidence.map((e) => ({ value: e.id, label: e.claim })),
      },
    ],
    [schemes, unitCosts, evidence, parties],
  );

  return (
    <SheetGrid<RoiBenefit>
      label="Benefit lines"
      columns={columns}
      validate={validate}
      newRow={() => ({ schemeId: schemes[0]?.id, label: 'New benefit line', party: 'health', unitCostId: unitCosts[0]?.id })}
      describeRow={(row) => `Benefit line ${row.label}`}
      {...sheet}
    />
  );
}
