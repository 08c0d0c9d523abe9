// How the sheet grids size their columns (client/components/sheet/fit-columns.ts), without a browser: which columns
// the grid fits to their content and with what cap, and what of a person's column layout is saved.
import type { ColumnState, GridApi, ISizeColumnsToContentParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import type { SheetColumn } from '../../client/components/sheet/cells';
import {
  fitColumnsTo,
  fitModeOf,
  fitStrategyOf,
  layoutToSave,
  NAME_MAX_WIDTH,
  sizedIn,
  TEXT_MAX_WIDTH,
} from '../../client/components/sheet/fit-columns';

type Row = { id: number };
const columns: SheetColumn<Row>[] = [
  { field: 'orgId', header: 'Partner', kind: 'choice', pinned: true, choices: [] },
  { field: 'plannedPence', header: 'Planned (£)', kind: 'money' },
  { field: 'share', header: '% NHS', kind: 'percent' },
  { field: 'variancePence', header: 'Variance (£)', kind: 'computed', compute: () => 0 },
  { field: 'status', header: 'Status', kind: 'computed', computedFormat: 'text', compute: () => 'OK' },
  { field: 'name', header: 'Scheme name', kind: 'text', maxLength: 200 },
  { field: 'description', header: 'Description', kind: 'text', maxLength: 2000 },
  { field: 'note', header: 'Note', kind: 'text', flex: 1, maxLength: 2000 },
];

describe('fitting columns to their content', () => {
  it('treats money, percentages and computed figures as figures, short text and choices as names, long text as free text', () => {
    expect(columns.map((c) => [c.field, fitModeOf(c)])).toEqual([
      ['orgId', 'name'],
      ['plannedPence', 'figure'],
      ['share', 'figure'],
      ['variancePence', 'figure'],
      ['status', 'name'],
      ['name', 'name'],
      ['description', 'text'],
      ['note', 'text'],
    ]);
  });

  it('fits every column but the one that flexes, with no cap on a figure and a cap on names and free text', () => {
    const strategy = fitStrategyOf(columns);
    expect(strategy.type).toBe('fitCellContents');
    expect(strategy.colIds).toEqual(['orgId', 'plannedPence', 'share', 'variancePence', 'status', 'name', 'description']);
    expect(strategy.columnLimits).toEqual([
      { colId: 'orgId', maxWidth: NAME_MAX_WIDTH },
      { colId: 'status', maxWidth: NAME_MAX_WIDTH },
      { colId: 'name', maxWidth: NAME_MAX_WIDTH },
      { colId: 'description', maxWidth: TEXT_MAX_WIDTH },
    ]);
    // Never a minimum or maximum that would cut a figure.
    expect(strategy.defaultMaxWidth).toBeUndefined();
  });
});

describe('asking the grid to fit', () => {
  /** The two calls fitColumnsTo makes of the grid, recorded: what it asks autoSizeColumns for. */
  function fakeGrid(widths: Record<string, number>) {
    const asked: ISizeColumnsToContentParams[] = [];
    const api = {
      getColumn: (id: string) => (id in widths ? { getActualWidth: () => widths[id] } : null),
      autoSizeColumns: (params: ISizeColumnsToContentParams) => asked.push(params),
    } as unknown as GridApi;
    return { api, asked };
  }

  it('a full fit sets no floor: the starting widths are no one’s measure and a column may come out narrower', () => {
    const { api, asked } = fakeGrid({ partnership: 260, plannedPence: 180 });
    fitColumnsTo(api, ['partnership', 'plannedPence'], [{ colId: 'partnership', maxWidth: NAME_MAX_WIDTH }], false);
    expect(asked).toEqual([
      {
        colIds: ['partnership', 'plannedPence'],
        columnLimits: [{ colId: 'partnership', maxWidth: NAME_MAX_WIDTH }, { colId: 'plannedPence' }],
      },
    ]);
  });

  it('a growing fit keeps each column at least as wide as it is, within its cap', () => {
    const { api, asked } = fakeGrid({ partnership: 700, plannedPence: 159 });
    fitColumnsTo(api, ['partnership', 'plannedPence'], [{ colId: 'partnership', maxWidth: NAME_MAX_WIDTH }], true);
    expect(asked[0]?.columnLimits).toEqual([
      { colId: 'partnership', minWidth: NAME_MAX_WIDTH, maxWidth: NAME_MAX_WIDTH },
      { colId: 'plannedPence', minWidth: 159 },
    ]);
  });

  it('asks for nothing when every column is the person’s own', () => {
    const { api, asked } = fakeGrid({});
    fitColumnsTo(api, [], [], true);
    expect(asked).toEqual([]);
  });
});

describe('saving a person’s column layout', () => {
  const state: ColumnState[] = [
    { colId: 'orgId', width: 232, sort: null, pinned: 'left', hide: false },
    { colId: 'plannedPence', width: 90, sort: 'desc', pinned: null, hide: false },
    { colId: 'actualPence', width: 163, sort: null, pinned: null, hide: false },
  ];

  it('keeps a width only where the person sized the column, so fitted widths are fitted again next time', () => {
    const saved = layoutToSave(state, new Set(['plannedPence']));
    expect(saved).toEqual([
      { colId: 'orgId', sort: null, pinned: 'left', hide: false },
      { colId: 'plannedPence', width: 90, sort: 'desc', pinned: null, hide: false },
      { colId: 'actualPence', sort: null, pinned: null, hide: false },
    ]);
    expect(sizedIn(saved)).toEqual(['plannedPence']);
  });

  it('reads a layout saved before columns were fitted (a width on every column) as sizing none', () => {
    const old = ['orgId', 'plannedPence', 'share', 'variancePence'].map((colId) => ({ colId, width: 148 }));
    expect(sizedIn(old)).toEqual([]);
    expect(sizedIn([...old.slice(0, 3), { colId: 'variancePence' }])).toEqual(['orgId', 'plannedPence', 'share']);
  });

  it('reads no sized columns from no layout', () => {
    expect(sizedIn(null)).toEqual([]);
    expect(sizedIn(layoutToSave(state, new Set()))).toEqual([]);
  });
});
