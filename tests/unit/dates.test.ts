// Dates as a UK user writes and reads them (issue 22 item 3): the three formats, in UK time whatever the machine's
// time zone, and what a user may type, with each refusal naming the field, the value and the rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatLongDate, formatShortDate, isoDay, parseUkDate, ukDayOf, ukDayStart } from '../../shared/dates';
import { formatWhen } from '../../shared/time';

describe('formatting', () => {
  it('shows a calendar day as itself: "5 December 2026" and "05/12/2026"', () => {
    expect(formatLongDate('2026-12-05')).toBe('5 December 2026');
    expect(formatShortDate('2026-12-05')).toBe('05/12/2026');
    expect(formatDateTime('2026-12-05')).toBe('05/12/2026 00:00');
  });

  it('shows a moment in UK time: GMT in winter, British Summer Time in summer', () => {
    expect(formatDateTime('2026-12-05T14:03:59Z')).toBe('05/12/2026 14:03');
    expect(formatDateTime('2026-06-15T09:30:00.000Z')).toBe('15/06/2026 10:30');
    // 23:30 UTC on 15 June is already 16 June in London.
    expect(formatLongDate('2026-06-15T23:30:00Z')).toBe('16 June 2026');
    expect(formatShortDate(new Date('2026-06-15T23:30:00Z'))).toBe('16/06/2026');
    expect(ukDayOf('2026-06-15T23:30:00Z')).toBe('2026-06-16');
  });

  it('returns text that is not a date unchanged, rather than "Invalid Date"', () => {
    expect(formatLongDate('soon')).toBe('soon');
    expect(formatDateTime('2026-02-31')).toBe('2026-02-31');
  });

  it('formatWhen reads "19:40 on 24 November 2026", or only the time today', () => {
    const now = new Date('2026-11-24T20:00:00Z');
    expect(formatWhen('2026-11-24T19:40:00Z', now)).toBe('19:40');
    expect(formatWhen('2026-11-23T19:40:00Z', now)).toBe('19:40 on 23 November 2026');
    expect(formatWhen('not a date', now)).toBe('not a date');
  });
});

describe('ukDayStart: the first moment of a UK day', () => {
  it('is midnight UTC in winter and 23:00 UTC the day before in summer', () => {
    expect(ukDayStart('2026-12-05')).toBe('2026-12-05T00:00:00.000Z');
    expect(ukDayStart('2026-06-15')).toBe('2026-06-14T23:00:00.000Z');
    expect(ukDayStart('2026-12-05', 1)).toBe('2026-12-06T00:00:00.000Z');
  });

  it('is right on the days the clocks change (29 March and 25 October 2026)', () => {
    expect(ukDayStart('2026-03-29')).toBe('2026-03-29T00:00:00.000Z');
    expect(ukDayStart('2026-03-30')).toBe('2026-03-29T23:00:00.000Z');
    expect(ukDayStart('2026-10-25')).toBe('2026-10-24T23:00:00.000Z');
    expect(ukDayStart('2026-10-26')).toBe('2026-10-26T00:00:00.000Z');
  });

  it('is undefined for text that is not yyyy-mm-dd', () => {
    expect(ukDayStart('05/12/2026')).toBeUndefined();
  });

  it('starts the very day it names, every day of the century (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = isoDay({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
        const start = ukDayStart(day) ?? '';
        expect(ukDayOf(start)).toBe(day);
        expect(ukDayOf(new Date(new Date(start).getTime() - 1))).not.toBe(day);
      }),
    );
  });
});

describe('parseUkDate: what a UK user types', () => {
  it.each([
    ['5/12/2026', '2026-12-05'],
    ['05/12/2026', '2026-12-05'],
    ['05/12/26', '2026-12-05'],
    ['5.12.2026', '2026-12-05'],
    ['5-12-2026', '2026-12-05'],
    [' 5 / 12 / 2026 ', '2026-12-05'],
    ['5 Dec 2026', '2026-12-05'],
    ['5 dec. 2026', '2026-12-05'],
    ['5th December 2026', '2026-12-05'],
    ['5 Sept 26', '2026-09-05'],
    ['2026-12-05', '2026-12-05'],
    ['29/02/2028', '2028-02-29'],
    ['31/12/2099', '2099-12-31'],
  ])('reads %s as %s', (text, day) => {
    expect(parseUkDate(text, 'From')).toEqual({ ok: true, day });
  });

  it("refuses an impossible day, naming the field, the value and the month's length", () => {
    expect(parseUkDate('31/02/2026', 'From')).toEqual({
      ok: false,
      message: "From must be a real date: February 2026 has 28 days, got '31/02/2026'",
    });
    expect(parseUkDate('29 Feb 2027', 'To')).toEqual({
      ok: false,
      message: "To must be a real date: February 2027 has 28 days, got '29 Feb 2027'",
    });
    expect(parseUkDate('2026-04-31', 'From')).toMatchObject({ ok: false, message: expect.stringContaining('April 2026 has 30 days') });
    expect(parseUkDate('0/12/2026', 'From')).toMatchObject({ ok: false });
  });

  it('refuses the month written first (US order) and says how to write it', () => {
    expect(parseUkDate('12/25/2026', 'From')).toEqual({
      ok: false,
      message:
        "From must be written day first (dd/mm/yyyy), not month first as in the US: for 25 December 2026 write 25/12/2026, got '12/25/2026'",
    });
    expect(parseUkDate('Dec 5, 2026', 'To')).toEqual({
      ok: false,
      message: "To must be written day first, not month first as in the US: write 5 December 2026, got 'Dec 5, 2026'",
    });
  });

  it('refuses a month that does not exist, a year out of range and text that is no date', () => {
    expect(parseUkDate('13/13/2026', 'From')).toMatchObject({ ok: false, message: expect.stringContaining('there is no month 13') });
    expect(parseUkDate('02/30/2026', 'From')).toMatchObject({ ok: false, message: expect.stringContaining('there is no month 30') });
    expect(parseUkDate('5 Foo 2026', 'From')).toMatchObject({ ok: false, message: expect.stringContaining("'Foo' is not a month") });
    expect(parseUkDate('5/12/1850', 'From')).toEqual({
      ok: false,
      message: "From must be a date in the years 1900 to 2099, got '5/12/1850'",
    });
    expect(parseUkDate('tomorrow', 'From')).toEqual({
      ok: false,
      message: "From must be a date written day first, like 5/12/2026, 05/12/26, 5 Dec 2026 or 2026-12-05, got 'tomorrow'",
    });
    expect(parseUkDate('', 'From')).toMatchObject({ ok: false });
  });

  it('reads back every day it shows, in both formats (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = isoDay({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
        expect(parseUkDate(formatShortDate(day), 'Day')).toEqual({ ok: true, day });
        expect(parseUkDate(formatLongDate(day), 'Day')).toEqual({ ok: true, day });
      }),
    );
  });
});
