// How the app tells people when something happened: UK local time (Europe/London, so British Summer Time is right
// whatever the server's own time zone), with the date only when it was not today.

const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric' });

/** "19:40" for a time today, "19:40 on 24 Nov 2026" otherwise; the ISO text itself if it is not a date. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const day = DATE.format(at);
  return day === DATE.format(now) ? TIME.format(at) : `${TIME.format(at)} on ${day}`;
}
