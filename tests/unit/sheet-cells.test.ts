// How a sheet cell reads and is read back (client/components/sheet/cells.ts): a metric value always with its two
// decimals, and an optional column's empty cell with a meaning ("Whole fund") that reads, copies and parses as itself.
import { describe, expect, it } from 'vitest';
import { cellDisplay, cellTextOf, clearedValue, parseCellText, type SheetColumn } from '../../client/components/sheet/cells';
import { WORDS } from '../../shared/wording';

type Row = { id: number };
const target: SheetColumn<Row> = { field: 'target', header: 'Target', kind: 'decimal', optional: true };
const scheme: SheetColumn<Row> = {
  field: 'schemeId',
  header: 'Scheme',
  kind: 'choice',
  optional: true,
  emptyLabel: WORDS.wholeFund,
  choices: [{ value: 7, label: '7 Home care packages', aliases: ['7'] }],
};

describe('sheet cells', () => {
  it('shows a metric value with both decimals, so 1 and 1.10 read alike', () => {
    expect(cellDisplay(100, target)).toBe('1.00');
    expect(cellDisplay(110, target)).toBe('1.10');
    expect(cellDisplay(152_345, target)).toBe('1,523.45');
    expect(cellDisplay(null, target)).toBe('');
  });

  it('reads an empty scheme as the whole fund, and typing, pasting or clearing it sets the whole fund', () => {
    expect(cellDisplay(null, scheme)).toBe('Whole fund');
    expect(cellTextOf(null, scheme)).toBe('Whole fund');
    expect(parseCellText(scheme, 'whole FUND ', 7)).toEqual({ ok: true, value: null });
    expect(parseCellText(scheme, '', 7)).toEqual({ ok: true, value: null });
    expect(parseCellText(scheme, '7', null)).toEqual({ ok: true, value: 7 });
    expect(clearedValue(scheme)).toEqual({ ok: true, value: null });
    // A column without the words keeps an empty cell empty, and the words are no choice of it.
    const plain = { ...scheme, emptyLabel: undefined };
    expect(cellDisplay(null, plain)).toBe('');
    expect(parseCellText(plain, 'Whole fund', null).ok).toBe(false);
  });
});
