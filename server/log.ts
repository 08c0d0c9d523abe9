// Structured logs: one JSON line per HTTP request (time, request id, method, path, status, duration) and a few
// lifecycle events, on stdout where any log collector picks them up. Nothing here ever sees a header or a body.
import { randomUUID } from 'node:crypto';

export type LogValue = string | number | boolean | null;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** A logger writing one JSON object per line; `enabled: false` (BCF_LOG=0, and in-process tests) writes nothing. */
export function createLogger(enabled: boolean, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const emit = (level: 'info' | 'error', msg: string, fields: LogFields = {}) => {
    if (!enabled) return;
    // time, level and msg first and not overridable, so every line can be read the same way.
    write(JSON.stringify({ ...fields, time: new Date().toISOString(), level, msg }));
  };
  return { info: (msg, fields) => emit('info', msg, fields), error: (msg, fields) => emit('error', msg, fields) };
}

export const silentLogger: Logger = createLogger(false);

/** A caller's X-Request-Id is kept only when it is a short, plain token (a proxy's or load balancer's id), so it can
 * tie our line to theirs; anything else (long, spaces, newlines, quotes) could forge or break log lines, and is
 * replaced by a fresh id. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** The path of a request URL without its query string: queries carry tRPC inputs (`?input=...`), which may hold
 * personal data, and links people paste may carry tokens. Capped, so a huge URL cannot flood the log. */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0] ?? '/';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/** A database URL fit to print: a file path as it is, a postgres:// URL without its password. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
