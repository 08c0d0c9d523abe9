// The cell editor for money: edits pounds as plain text ("1234.56"), as Excel does, and hands the grid the text
// typed; the grid parses it with shared/money's parsePounds and refuses what it cannot read.
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef } from 'react';
import { penceToPlain } from '../../shared/money';

/** The text an edit starts from: the key that started it (typing replaces the cell, as in Excel), or the value. */
function startingText(initialValue: unknown, eventKey: string | null): string {
  if (eventKey === 'Backspace' || eventKey === 'Delete') return '';
  if (eventKey && eventKey.length === 1) return eventKey;
  return typeof initialValue === 'number' ? penceToPlain(initialValue) : String(initialValue ?? '');
}

export function MoneyEditor({ initialValue, eventKey, onValueChange, colDef }: CustomCellEditorProps) {
  const input = useRef<HTMLInputElement>(null);
  const typedStart = eventKey !== null && eventKey.length === 1;
  useEffect(() => {
    const text = startingText(initialValue, eventKey);
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
      aria-label={`${colDef.headerName ?? 'Amount'}, in pounds`}
      inputMode="decimal"
      autoComplete="off"
      onChange={(e) => onValueChange(e.target.value)}
    />
  );
}
