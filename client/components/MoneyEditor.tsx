// The cell editor for numbers (money, percentages, counts): edits the plain text of the value ("1234.56" for £1,234.56,
// "60" for 60%), as Excel does, and hands the grid the text typed; the grid's column parser reads it and refuses what it
// cannot read. `toText` (from the column) turns the stored value into that text.
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef } from 'react';
import { penceToPlain } from '../../shared/money';

/** The text an edit starts from: the key that started it (typing replaces the cell, as in Excel), or the value. */
function startingText(initialValue: unknown, eventKey: string | null, toText: (value: unknown) => string): string {
  if (eventKey === 'Backspace' || eventKey === 'Delete') return '';
  if (eventKey && eventKey.length === 1) return eventKey;
  return toText(initialValue);
}

const plainPence = (value: unknown) => (typeof value === 'number' ? penceToPlain(value) : String(value ?? ''));

export function MoneyEditor({
  initialValue,
  eventKey,
  onValueChange,
  colDef,
  toText = plainPence,
}: CustomCellEditorProps & { toText?: (value: unknown) => string }) {
  const input = useRef<HTMLInputElement>(null);
  const typedStart = eventKey !== null && eventKey.length === 1;
  useEffect(() => {
    const text = startingText(initialValue, eventKey, toText);
    onValueChange(text);
    const el = input.current;
    if (!el) return;
    el.value = text;
    el.focus();
    if (typedStart) el.setSelectionRange(text.length, text.length);
    else el.select();
    // Run once, when the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <input
      ref={input}
      className="money-editor"
      aria-label={colDef.headerName ?? 'Value'}
      inputMode="decimal"
      autoComplete="off"
      onChange={(e) => onValueChange(e.target.value)}
    />
  );
}
