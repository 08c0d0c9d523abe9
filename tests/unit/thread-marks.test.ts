import { describe, expect, it } from 'vitest';
import { openThreadsByCell } from '../../shared/comments';
import type { ThreadView } from '../../shared/schema/comment';
import type { PackRow } from '../../shared/board-pack/model';
import { boardField } from '../../client/components/comments/FigureComment';
import { cellHasThread, cellTarget, organisationsText } from '../../client/components/comments/thread-marks';
import { packRowName } from '../../client/pages/BoardPackPage';

function thread(id: number, field: string | null, status: 'open' | 'resolved' = 'open'): ThreadView {
  const person = { id: 1, name: 'Ann' };
  return {
    id,
    fundId: 1,
    target: { entity: 'contribution', id: 7, field },
    label: 'x',
    isQuestion: false,
    status,
    createdBy: person,
    createdAt: '2026-12-06T10:00:00.000Z',
    resolvedBy: null,
    resolvedAt: null,
    version: 1,
    comments: [],
    link: '/',
  };
}

describe('comment marks on a grid', () => {
  it('marks a figure with an open thread, and the key cell for a thread on the whole row', () => {
    const byCell = openThreadsByCell([thread(1, 'plannedPence'), thread(2, null), thread(3, 'note', 'resolved')]);
    expect(cellHasThread(byCell, 'contribution', 7, 'plannedPence', 'orgId')).toBe(true);
    expect(cellHasThread(byCell, 'contribution', 7, 'orgId', 'orgId')).toBe(true);
    expect(cellHasThread(byCell, 'contribution', 7, 'actualPence', 'orgId')).toBe(false);
    // A resolved thread leaves no mark; another row or kind of row is not marked.
    expect(cellHasThread(byCell, 'contribution', 7, 'note', 'orgId')).toBe(false);
    expect(cellHasThread(byCell, 'contribution', 8, 'plannedPence', 'orgId')).toBe(false);
    expect(cellHasThread(byCell, 'scheme', 7, 'plannedPence', 'code')).toBe(false);
  });

  it('opens the whole row from its key cell and the figure from any other', () => {
    expect(cellTarget('scheme', 4, 'code', 'code')).toEqual({ entity: 'scheme', id: 4, field: null });
    expect(cellTarget('scheme', 4, 'q1PlannedPence', 'code')).toEqual({ entity: 'scheme', id: 4, field: 'q1PlannedPence' });
    expect(cellTarget('outcome', 4, 'baseline', undefined)).toEqual({ entity: 'outcome', id: 4, field: 'baseline' });
  });

  it('names two organisations, then how many more', () => {
    expect(organisationsText([])).toBe('');
    expect(organisationsText(['A', 'B'])).toBe('A, B');
    expect(organisationsText(['A', 'B', 'C', 'D'])).toBe('A, B and 2 more');
  });
});

describe('board-pack figures', () => {
  it("names a row by its text before its first figure, so a partner's quarters are different figures", () => {
    const row = (cells: PackRow['cells']): PackRow => ({ cells });
    expect(
      packRowName(
        row([
          { kind: 'text', text: 'NHS ICB' },
          { kind: 'text', text: 'Q2' },
          { kind: 'money', pence: 100 },
        ]),
      ),
    ).toBe('NHS ICB, Q2');
    expect(
      packRowName(
        row([
          { kind: 'text', text: 'All partners' },
          { kind: 'text', text: '' },
          { kind: 'money', pence: 1 },
        ]),
      ),
    ).toBe('All partners');
    expect(
      packRowName(
        row([
          { kind: 'whole', value: 3, missing: '' },
          { kind: 'text', text: 'POPP claim' },
          { kind: 'link', url: null },
        ]),
      ),
    ).toBe('POPP claim');
    expect(boardField('who-paid', 'NHS ICB, Q2')).toBe('board.who-paid.nhs-icb-q2');
    expect(boardField('summary', 'Spent to date (Q1–Q3 actual)')).toBe('board.summary.spent-to-date-q1-q3-actual');
    expect(boardField('summary', '££')).toBe('board.summary.row');
  });
});
