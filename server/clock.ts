// The server's clock for sign-off's dates (when a version was sent, signed, approved; the days left to a deadline).
// BCF_CLOCK=2026-03-31T09:00:00Z starts it at that moment and lets it run from there, so a test (or a rehearsal of a
// signing round) can restart the server "on another day"; unset, it is the real time.
const start = process.env.BCF_CLOCK ? Date.parse(process.env.BCF_CLOCK) : Number.NaN;
const offsetMs = Number.isNaN(start) ? 0 : start - Date.now();

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today as an ISO day in UTC (2026-04-14). */
export function today(): string {
  return now().toISOString().slice(0, 10);
}
