// Dates as a UK user writes and reads them, whatever the browser's or the server's locale and time zone: "5 December
// 2026", "05/12/2026" and "05/12/2026 14:03". A moment (an ISO timestamp) is shown in UK time, Europe/London, so
// British Summer Time is right; a calendar day ("2026-12-05", as kept in links and filters) is shown as that day.
import { describeValue } from './schema/fields';

export const UK_TIME_ZONE = 'Europe/London';

/** A calendar day as the URL and the API keep it: "2026-12-05". */
export type IsoDay = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

interface DayParts {
  year: number;
  month: number; // 1 = January
  day: number;
}
interface MomentParts extends DayParts {
  hour: number;
  minute: number;
}

// formatToParts, not format: en-GB's own output puts a comma between date and time ("05/12/2026, 14:03").
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

function londonParts(at: Date): MomentParts {
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(LONDON.formatToParts(at).find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** A calendar day read as itself, or a timestamp read in UK time; null when the value is not a date. */
function partsOf(value: Date | string): MomentParts | null {
  if (typeof value === 'string') {
    const day = ISO_DAY.exec(value);
    if (day) {
      const parts = { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) };
      return isRealDay(parts) ? { ...parts, hour: 0, minute: 0 } : null;
    }
  }
  const at = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(at.getTime()) ? null : londonParts(at);
}

const two = (n: number) => String(n).padStart(2, '0');
const shown = (value: Date | string) => (typeof value === 'string' ? value : String(value));

/** "5 December 2026" (the text itself if it is not a date). */
export function formatLongDate(value: Date | string): string {
  const p = partsOf(value);
  return p ? `${p.day} ${MONTHS[p.month - 1]} ${p.year}` : shown(value);
}

/** "05/12/2026" (the text itself if it is not a date). */
export function formatShortDate(value: Date | string): string {
  const p = partsOf(value);
  return p ? `${two(p.day)}/${two(p.month)}/${p.year}` : shown(value);
}

/** "05/12/2026 14:03", the time in UK time (the text itself if it is not a date). */
export function formatDateTime(value: Date | string): string {
  const p = partsOf(value);
  return p ? `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}` : shown(value);
}

/** "14:03" in UK time. */
export function formatTime(value: Date | string): string {
  const p = partsOf(value);
  return p ? `${two(p.hour)}:${two(p.minute)}` : shown(value);
}

/** The UK calendar day a moment falls on: "2026-12-05". */
export function ukDayOf(value: Date | string): IsoDay | null {
  const p = partsOf(value);
  return p ? isoDay(p) : null;
}

export function isoDay({ year, month, day }: DayParts): IsoDay {
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRealDay({ year, month, day }: DayParts): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The first moment of a UK calendar day (plus `addDays`), as an ISO timestamp: what "from 5/12/2026" means. */
export function ukDayStart(day: IsoDay, addDays = 0): string | undefined {
  const match = ISO_DAY.exec(day);
  if (!match) return undefined;
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  // UK clocks change at 01:00 UTC, never at midnight, so the offset at UTC midnight is the offset at UK midnight.
  const p = londonParts(new Date(utcMidnight));
  const offsetMs = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - utcMidnight;
  return new Date(utcMidnight - offsetMs).toISOString();
}

// ---- Reading what a UK user types ----------------------------------------------------------------------------------

export type DateReading = { ok: true; day: IsoDay } | { ok: false; message: string };

/** Years people mean in this tool; a two-digit year is this century ("05/12/26" is 2026). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2099;

const HOW = 'a date written day first, like 5/12/2026, 05/12/26, 5 Dec 2026 or 2026-12-05';

const NUMERIC = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_NAMED = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2}|\d{4})$/i;
const NAMED_DAY = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2}|\d{4})$/i;

/** "Dec", "december", "Sept" -> 12 / 9; null when it is not a month's name or its first three letters or more. */
function monthByName(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const index = MONTHS.findIndex((m) => m.toLowerCase().startsWith(w));
  return index === -1 ? null : index + 1;
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** Checks a day, month and year read from `value`, naming the field, the value and the rule when one is wrong. */
function checked(field: string, value: string, parts: DayParts): DateReading {
  const got = `got ${describeValue(value)}`;
  if (parts.year < FIRST_YEAR || parts.year > LAST_YEAR) {
    return { ok: false, message: `${field} must be a date in the years ${FIRST_YEAR} to ${LAST_YEAR}, ${got}` };
  }
  if (parts.month < 1 || parts.month > 12) {
    return { ok: false, message: `${field} must be ${HOW}: there is no month ${parts.month}, ${got}` };
  }
  const days = daysInMonth(parts.year, parts.month);
  if (parts.day < 1 || parts.day > days) {
    const month = `${MONTHS[parts.month - 1]} ${parts.year}`;
    return { ok: false, message: `${field} must be a real date: ${month} has ${days} days, ${got}` };
  }
  return { ok: true, day: isoDay(parts) };
}

/**
 * Reads a date as a UK user types it: 5/12/2026, 05/12/26, 5.12.2026, 5 Dec 2026, 5th December 2026 or 2026-12-05.
 * Refuses impossible days (31/02/2026) and the month written first (12/25/2026, Dec 5 2026: US order), each with a
 * message naming `field`, the value and the rule. 5/12/2026 is always 5 December: a day of 12 or less cannot tell US
 * order apart, so the field shows what it read back as "5 December 2026" for the user to see.
 */
export function parseUkDate(text: string, field: string): DateReading {
  const value = text.trim().replace(/\s+/g, ' ');
  const iso = ISO.exec(value);
  if (iso) return checked(field, text, { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) });

  const numeric = NUMERIC.exec(value);
  if (numeric) {
    const [day, month, year] = [Number(numeric[1]), Number(numeric[2]), fullYear(numeric[3] ?? '')];
    if (month > 12 && day >= 1 && day <= 12 && isRealDay({ year, month: day, day: month })) {
      const meant = `${two(month)}/${two(day)}/${year}`;
      return {
        ok: false,
        message: `${field} must be written day first (dd/mm/yyyy), not month first as in the US: for ${month} ${MONTHS[day - 1]} ${year} write ${meant}, got ${describeValue(text)}`,
      };
    }
    return checked(field, text, { year, month, day });
  }

  const dayNamed = DAY_NAMED.exec(value);
  if (dayNamed) {
    const month = monthByName(dayNamed[2] ?? '');
    if (month === null)
      return { ok: false, message: `${field} must be ${HOW}: '${dayNamed[2]}' is not a month, got ${describeValue(text)}` };
    return checked(field, text, { year: fullYear(dayNamed[3] ?? ''), month, day: Number(dayNamed[1]) });
  }

  const namedDay = NAMED_DAY.exec(value);
  const namedMonth = namedDay ? monthByName(namedDay[1] ?? '') : null;
  if (namedDay && namedMonth !== null) {
    const day = Number(namedDay[2]);
    return {
      ok: false,
      message: `${field} must be written day first, not month first as in the US: write ${day} ${MONTHS[namedMonth - 1]} ${fullYear(namedDay[3] ?? '')}, got ${describeValue(text)}`,
    };
  }

  return { ok: false, message: `${field} must be ${HOW}, got ${describeValue(text)}` };
}
