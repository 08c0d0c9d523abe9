// What a sheet column is, and how its cells turn into text (for copying and editing) and back into values (for
// typing and pasting), with one message per refusal that names the column, the value and the rule.
import { evaluateMoneyExpression, isMoneyExpression } from '../../../shared/money-expression';
import { formatBasisPoints, formatPence, parseBasisPoints, parsePounds, penceToPlain } from '../../../shared/money';
import { describeValue } from '../../../shared/schema/fields';
import type { Conflict } from './useGridApply';

export interface Choice {
  value: string | number | boolean;
  label: string;
  /** Other spellings people type or paste for this choice ("Q1", "1"). Matching ignores case and outer spaces. */
  aliases?: readonly string[];
}

export interface SheetColumn<Row> {
  /** The row's field (and the grid's col-id). */
  field: string;
  header: string;
  /** money: integer pence; percent: basis points; count: a whole number of 0 or more; choice: one of `choices`;
   * decimal: hundredths of a unit, 0 or more (a metric value: 12.34% or 1,523.45 per 100,000 is 1234 or 152345);
   * text: free text; computed: read-only, from `compute`, shown as `computedFormat` (money unless said). */
  kind: 'money' | 'percent' | 'count' | 'decimal' | 'text' | 'choice' | 'computed';
  computedFormat?: 'money' | 'percent' | 'text';
  /** An empty cell is allowed and means "not given" (null): a missing value the plan's checklist will point at. */
  optional?: boolean;
  /** What an empty cell of an optional column reads, when empty has a meaning (an outcome's Scheme: "Whole fund");
   * typing or pasting these words empties the cell. */
  emptyLabel?: string;
  choices?: readonly Choice[];
  /** The choices this person may pick in the editor (a finance officer: their own organisations). */
  editorChoices?: readonly (string | number | boolean)[];
  compute?: (row: Row) => number | string | null;
  width?: number;
  minWidth?: number;
  flex?: number;
  pinned?: boolean;
  maxLength?: number;
  headerTooltip?: string;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

export function cellValue<Row>(row: Row, column: SheetColumn<Row>): unknown {
  if (column.kind === 'computed') return column.compute ? column.compute(row) : null;
  return (row as Record<string, unknown>)[column.field];
}

/** The cell as text for the clipboard and for editing: money as a plain decimal (1234.56) that Excel reads as a
 * number, a choice by its label. */
export function cellText<Row>(row: Row, column: SheetColumn<Row>): string {
  return cellTextOf(cellValue(row, column), column);
}

/** A value as the text that `parseCellText` reads back to the same value. */
export function cellTextOf<Row>(value: unknown, column: SheetColumn<Row>): string {
  if (value === null || value === undefined) return column.emptyLabel ?? '';
  if (column.kind === 'computed' && column.computedFormat === 'percent' && typeof value === 'number')
    return formatBasisPoints(value).replace('%', '');
  if ((column.kind === 'money' || column.kind === 'computed') && typeof value === 'number') return penceToPlain(value);
  if (column.kind === 'percent' && typeof value === 'number') return formatBasisPoints(value).replace('%', '');
  if (column.kind === 'decimal' && typeof value === 'number') return penceToPlain(value);
  if (column.kind === 'choice') return column.choices?.find((c) => c.value === value)?.label ?? String(value);
  return String(value);
}

/** The cell as a person reads it in the grid. */
export function cellDisplay<Row>(value: unknown, column: SheetColumn<Row>): string {
  if (value === null || value === undefined) return column.emptyLabel ?? '';
  if (column.kind === 'computed' && column.computedFormat === 'percent' && typeof value === 'number') return formatBasisPoints(value);
  if ((column.kind === 'money' || column.kind === 'computed') && typeof value === 'number') return formatPence(value);
  if (column.kind === 'percent' && typeof value === 'number') return formatBasisPoints(value);
  // Hundredths as a plain en-GB number with its two decimals always shown ("1.00" beside "1.10", as the wording table
  // writes a metric value): the same exact digits as pence, without the pound sign.
  if (column.kind === 'decimal' && typeof value === 'number') return formatPence(value).replace('£', '');
  if (column.kind === 'choice') return column.choices?.find((c) => c.value === value)?.label ?? `#${String(value)}`;
  return String(value);
}

function matchChoice(choices: readonly Choice[], text: string): Choice | undefined {
  const want = text.trim().toLowerCase();
  return choices.find((c) => [c.label, String(c.value), ...(c.aliases ?? [])].some((s) => s.trim().toLowerCase() === want));
}

/** Read what was typed or pasted into a cell. `current` is the cell's value before, for "+250" (add to it). */
export function parseCellText<Row>(column: SheetColumn<Row>, raw: unknown, current: unknown): Parsed {
  const text = typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : String(raw);
  const empty = text.trim() === '' || (column.emptyLabel !== undefined && text.trim().toLowerCase() === column.emptyLabel.toLowerCase());
  if (column.optional && empty) return { ok: true, value: null };
  if (column.kind === 'percent') {
    const parsed = parseBasisPoints(text);
    return parsed.ok
      ? { ok: true, value: parsed.pence }
      : { ok: false, message: `${column.header} ${parsed.reason}, got ${describeValue(text)}` };
  }
  if (column.kind === 'decimal') {
    const clean = text.trim().replace(/\s*%$/, '');
    const parsed = /[£()-]/.test(clean) ? null : parsePounds(clean);
    if (!parsed?.ok) {
      return {
        ok: false,
        message: `${column.header} must be a number of 0 or more with at most two decimal places, like 12.5 or 1,523.45, got ${describeValue(text)}`,
      };
    }
    return { ok: true, value: parsed.pence };
  }
  if (column.kind === 'count') {
    const clean = text.trim().replaceAll(',', '');
    if (!/^\d{1,12}$/.test(clean))
      return { ok: false, message: `${column.header} must be a whole number of 0 or more, got ${describeValue(text)}` };
    return { ok: true, value: Number(clean) };
  }
  if (column.kind === 'money') {
    if (isMoneyExpression(text)) {
      const result = evaluateMoneyExpression(text, typeof current === 'number' ? current : 0);
      return result.ok
        ? { ok: true, value: result.pence }
        : { ok: false, message: `${column.header} ${result.reason}, got ${describeValue(text)}` };
    }
    const parsed = parsePounds(text);
    if (!parsed.ok) return { ok: false, message: `${column.header} ${parsed.reason}, got ${describeValue(text)}` };
    return { ok: true, value: parsed.pence };
  }
  if (column.kind === 'choice') {
    const choice = matchChoice(column.choices ?? [], text);
    if (!choice) {
      const options = (column.choices ?? []).map((c) => c.label);
      const list = options.length > 8 ? `${options.slice(0, 8).join(', ')}, …` : options.join(', ');
      return { ok: false, message: `${column.header} must be one of ${list}, got ${describeValue(text)}` };
    }
    return { ok: true, value: choice.value };
  }
  if (column.kind === 'text') {
    if (column.maxLength !== undefined && text.length > column.maxLength) {
      return {
        ok: false,
        message: `${column.header} must be text of at most ${column.maxLength.toLocaleString('en-GB')} characters, got ${describeValue(text)}`,
      };
    }
    return { ok: true, value: text };
  }
  return { ok: false, message: `${column.header} is worked out by the tool and cannot be typed in` };
}

/** The value a cleared cell takes (Delete key): £0.00 for money, empty text; a choice cannot be cleared. */
export function clearedValue<Row>(column: SheetColumn<Row>): Parsed {
  if (column.optional) return { ok: true, value: null };
  if (column.kind === 'money') return { ok: true, value: 0 };
  if (column.kind === 'text') return { ok: true, value: '' };
  return { ok: false, message: `${column.header} cannot be left empty` };
}

/** Whether a cell counts as empty for "fill only empty cells". */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || value === 0;
}

/** The conflict as the grid's cells show it: the column's name, the row's, and both values formatted as in a cell. */
export function conflictText<Row>(conflict: Conflict<Row>, column: SheetColumn<Row> | undefined, describeRow: (row: Row) => string) {
  const show = (value: unknown) => (column ? cellDisplay(value, column) : String(value ?? '')) || '(empty)';
  const theirs = column ? cellValue(conflict.current, column) : (conflict.current as Record<string, unknown>)[conflict.field];
  return {
    who: conflict.who,
    at: conflict.at,
    what: column?.header ?? conflict.field,
    where: describeRow(conflict.current),
    theirs: show(theirs),
    mine: show(conflict.mine),
  };
}
