// How every grid reads the server's refusal of a batch (client/components/sheet/server-errors.ts) and checks a value
// before sending it (validate.ts): refused cells placed back on their rows, and the keep-mine / take-theirs question a
// CONFLICT over one cell puts, for any grid (a scheme's row as the server keeps it turned into the grid's row).
import { describe, expect, it } from 'vitest';
import { schemePatch } from '../../shared/schemas';
import type { SheetChange } from '../../client/components/sheet/block';
import { cellErrorsOf, placeRefusal, readConflict } from '../../client/components/sheet/server-errors';
import { checkWith } from '../../client/components/sheet/validate';

interface Row {
  id: number;
  version: number;
  name: string;
  q1PlannedPence: number;
}

const scheme: Row = { id: 7, version: 3, name: 'Reablement', q1PlannedPence: 100 };
const update = (values: Record<string, unknown>, row: Row = scheme): SheetChange<Row> => ({ kind: 'update', row, values });

describe('placeRefusal', () => {
  it('puts each field error on its change’s row, or names the new row by its place', () => {
    const changes: SheetChange<Row>[] = [update({ name: '' }), { kind: 'create', values: { name: 'x' } }];
    const refusal = {
      message: 'two problems',
      cellErrors: cellErrorsOf([
        { path: 'changes.0.values.name', message: 'Scheme name must not be empty' },
        { path: 'changes.1.values.code', message: 'Scheme ID is already used' },
        { path: 'fundId', message: 'not a cell' },
      ]),
    };
    expect(placeRefusal(changes, refusal)).toEqual({
      cellErrors: [{ rowId: 7, field: 'name', message: 'Scheme name must not be empty' }],
      newRowErrors: ['New row 2: Scheme ID is already used'],
    });
  });

  it('a refusal that names no cell is shown as its message', () => {
    expect(placeRefusal([update({ name: 'x' })], { message: 'Fund is closed', cellErrors: [] })).toEqual({
      cellErrors: [],
      newRowErrors: ['Fund is closed'],
    });
  });
});

describe('readConflict', () => {
  const theirs = { ...scheme, version: 4, q1PlannedPence: 500, updatedByName: 'Fin Officer (demo)', updatedAt: '2026-01-02T03:04:05Z' };

  it('asks about the first field of a one-row change, with their value, who and when, and my values to send again', () => {
    expect(readConflict([update({ q1PlannedPence: 900, name: 'Mine' })], theirs)).toEqual({
      field: 'q1PlannedPence',
      mine: 900,
      current: theirs,
      who: 'Fin Officer (demo)',
      at: '2026-01-02T03:04:05Z',
      rowId: 7,
      version: 4,
      values: { q1PlannedPence: 900, name: 'Mine' },
    });
  });

  it('turns the row as the server keeps it into the grid’s row', () => {
    const stored = { id: 7, version: 4, name: 'Reablement', spend: [{ quarter: 1, plannedPence: 500 }] };
    const toRow = (s: typeof stored): Row => ({
      id: s.id,
      version: s.version,
      name: s.name,
      q1PlannedPence: s.spend[0]?.plannedPence ?? 0,
    });
    const conflict = readConflict([update({ q1PlannedPence: 900 })], stored, toRow);
    expect(conflict?.current).toEqual({ id: 7, version: 4, name: 'Reablement', q1PlannedPence: 500 });
    expect(conflict?.who).toBeNull();
  });

  it('is no question for a block, a new row, or a conflict without the current row', () => {
    expect(readConflict([update({ name: 'a' }), update({ name: 'b' })], theirs)).toBeNull();
    expect(readConflict<Row, Row>([{ kind: 'create', values: { name: 'a' } }], theirs)).toBeNull();
    expect(readConflict([update({ name: 'a' })], null)).toBeNull();
  });
});

describe('checkWith', () => {
  const check = checkWith(schemePatch);

  it('refuses a negative amount in pounds, naming the column', () => {
    expect(check({ field: 'q1PlannedPence', header: 'Q1 planned (£)', kind: 'money' }, -500)).toBe(
      'Q1 planned (£) cannot be negative, got -£5.00',
    );
  });

  it('checks every other value with the schema the server uses', () => {
    expect(check({ field: 'q1PlannedPence', header: 'Q1 planned (£)', kind: 'money' }, 500)).toBeNull();
    expect(check({ field: 'name', header: 'Scheme name', kind: 'text' }, '')).toMatch(/Scheme name/);
  });
});
