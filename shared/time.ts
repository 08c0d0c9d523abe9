// How the app tells people when something happened: UK local time (Europe/London, so British Summer Time is right
// whatever the server's own time zone), with the date only when it was not today. The formats are shared/dates.ts's.
import { formatLongDate, formatTime, ukDayOf } from './dates';

/** "19:40" for a time today, "19:40 on 24 November 2026" otherwise; the ISO text itself if it is not a date. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const day = ukDayOf(iso);
  if (day === null || Number.isNaN(new Date(iso).getTime())) return iso;
  return day === ukDayOf(now) ? formatTime(iso) : `${formatTime(iso)} on ${formatLongDate(iso)}`;
}
