// A date a UK user types: a text box that shows and reads dd/mm/yyyy (and 05/12/26, 5 Dec 2026, 2026-12-05) whatever
// the browser's locale, with a calendar beside it (react-day-picker: arrow keys, Page Up/Down, Enter, Esc). A native
// <input type="date"> shows the browser's order (mm/dd/yyyy in a US browser), hence this. Its value is an ISO day
// ("2026-12-05") or '' for none; shared/dates.ts reads and writes the text.
import { useEffect, useId, useRef, useState } from 'react';
import { DayPicker } from 'react-day-picker';
import { enGB } from 'react-day-picker/locale';
import 'react-day-picker/style.css';
import { formatLongDate, formatShortDate, isoDay, parseUkDate, type IsoDay } from '../../shared/dates';
import './date-field.css';

interface Props {
  label: string;
  value: IsoDay | '';
  /** Called with the day read from the text (on Enter, on leaving the box, or a click in the calendar), or ''. */
  onChange: (day: IsoDay | '') => void;
  /** A problem found outside the field (a 'To' before its 'From'), shown and announced like the field's own. */
  problem?: string | null;
}

/** The calendar works in the browser's local dates; a calendar day is built and read from its own parts. */
const localDate = (day: IsoDay): Date | undefined => {
  const [y, m, d] = day.split('-').map(Number);
  return y && m && d ? new Date(y, m - 1, d) : undefined;
};
const dayOfLocal = (date: Date): IsoDay => isoDay({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });

export function DateField({ label, value, onChange, problem = null }: Props) {
  const id = useId();
  const [text, setText] = useState(value ? formatShortDate(value) : '');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);

  // A value set from outside (the link, "Clear filters", the calendar) is shown in the one format.
  useEffect(() => {
    setText(value ? formatShortDate(value) : '');
    setError(null);
  }, [value]);

  // A click anywhere else closes the calendar, as a menu would.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!popup.current?.contains(target) && !toggle.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const commit = () => {
    if (text.trim() === '') {
      setError(null);
      if (value !== '') onChange('');
      return;
    }
    const read = parseUkDate(text, label);
    if (!read.ok) {
      setError(read.message);
      return;
    }
    setError(null);
    if (read.day === value) setText(formatShortDate(read.day));
    else onChange(read.day);
  };

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  const shown = error ?? problem;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const chosen = value ? localDate(value) : undefined;
  return (
    <div className="field date-field">
      <div className="date-field-label">
        <label htmlFor={id}>{label}</label>{' '}
        <span id={hintId} className="date-field-hint">
          {value ? formatLongDate(value) : 'dd/mm/yyyy'}
        </span>
      </div>
      <div className="date-field-row">
        <input
          id={id}
          ref={input}
          type="text"
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          size={11}
          value={text}
          placeholder="dd/mm/yyyy"
          aria-describedby={shown ? `${hintId} ${errorId}` : hintId}
          aria-invalid={shown ? true : undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
        <button
          type="button"
          ref={toggle}
          className="secondary-button date-field-toggle"
          aria-expanded={open}
          aria-haspopup="dialog"
          onClick={() => setOpen((o) => !o)}
        >
          <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
            <rect x="2" y="4" width="16" height="14" rx="1" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M2 8h16M6 2v4M14 2v4" stroke="currentColor" strokeWidth="2" />
          </svg>
          <span className="visually-hidden">Choose the {label} date from a calendar</span>
        </button>
      </div>
      {open && (
        <div
          ref={popup}
          className="date-field-popup"
          role="dialog"
          aria-label={`Choose the ${label} date`}
          // Tabbing out of the calendar closes it (a focus lost to nothing, as when a month is redrawn, does not).
          onBlur={(e) => {
            if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget) && e.relatedTarget !== toggle.current) setOpen(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <DayPicker
            mode="single"
            required
            locale={enGB}
            weekStartsOn={1}
            autoFocus
            selected={chosen}
            defaultMonth={chosen}
            onSelect={(date) => {
              onChange(dayOfLocal(date));
              setOpen(false);
              input.current?.focus();
            }}
          />
        </div>
      )}
      {shown && (
        <p id={errorId} className="field-error date-field-error" role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}
