// `GET /events?fundId=N`: the live event stream of one page (server-sent events). Authorised by the session cookie
// like every call; a fund the person cannot see, or that does not exist, is refused with a plain message before any
// stream opens (nothing written). Events: `hello` ({connectionId}, for presence.select), `change` (a batch someone
// saved; its id is the batch's last audit event id), `presence`, `notifications` ({unread}) and `reset` (too much to
// catch up: reload). A reconnecting EventSource sends Last-Event-ID (or `?lastEventId=`) and gets the fund's visible
// changes since then from the audit log. Without `fundId`, only the person's notifications.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { DB } from '../../db/connection';
import { ForbiddenError, NotFoundError } from '../../shared/errors';
import type { LiveEventName } from '../../shared/live';
import { readCookie, SESSION_COOKIE } from '../auth/cookies';
import { userFromSession } from '../services/auth';
import type { LiveHub, LiveStream } from './hub';
import { fundForStream } from './presence';

export const EVENTS_PATH = '/events';

export function isEventsRequest(pathname: string): boolean {
  return pathname === EVENTS_PATH;
}

function refuse(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(text);
}

/** A whole number id from the query or a header, null when absent, undefined when it is not one. */
function wholeId(raw: string | null | undefined, allowZero: boolean): number | null | undefined {
  if (raw === null || raw === undefined || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n === 0 && !allowZero ? undefined : n;
}

/** One SSE frame; `data` is JSON on one line, so it never needs splitting. */
function frame(event: LiveEventName, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export async function handleEvents(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  deps: { db: DB; hub: LiveHub; now: () => Date; draining: () => boolean },
): Promise<void> {
  if (req.method !== 'GET') return refuse(res, 405, 'The event stream is read with GET', { Allow: 'GET' });
  const url = new URL(req.url ?? '/', 'http://localhost');
  const fundId = wholeId(url.searchParams.get('fundId'), false);
  if (fundId === undefined)
    return refuse(res, 400, `fundId must be a whole number id of 1 or more, got ${JSON.stringify(url.searchParams.get('fundId'))}`);
  const header = req.headers['last-event-id'];
  const rawLast = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId');
  const lastEventId = wholeId(rawLast, true);
  if (lastEventId === undefined)
    return refuse(res, 400, `Last-Event-ID must be the whole-number id of an event, got ${JSON.stringify(rawLast)}`);
  if (deps.draining()) return refuse(res, 503, 'The server is restarting: try again in a moment', { 'Retry-After': '2' });

  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const session = await userFromSession(deps.db, token, deps.now());
  if (!session || !token) return refuse(res, 401, 'Please sign in: you are not signed in, or your session has ended');
  let partnershipId: number | null = null;
  if (fundId !== null) {
    try {
      partnershipId = (await fundForStream(deps.db, session.user, fundId)).partnershipId;
    } catch (error) {
      if (error instanceof NotFoundError) return refuse(res, 404, error.message);
      if (error instanceof ForbiddenError) return refuse(res, 403, error.message);
      throw error;
    }
  }

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  req.socket.setNoDelay(true);
  // How long an EventSource waits before reconnecting after the connection drops.
  res.write('retry: 2000\n\n');

  const connectionId = randomUUID();
  let closed = false;
  let registered = false;
  const stream: LiveStream = {
    connectionId,
    userId: session.user.id,
    isAdmin: session.user.role === 'admin',
    fundId,
    partnershipId,
    sessionToken: token,
    send: (event, data, id) => {
      if (!closed && !res.writableEnded) res.write(frame(event, data, id));
    },
    ping: () => {
      if (!closed && !res.writableEnded) res.write(': heartbeat\n\n');
    },
    end: () => {
      if (!closed && !res.writableEnded) res.end();
    },
  };
  res.once('close', () => {
    closed = true;
    if (registered) deps.hub.remove(connectionId);
  });
  await deps.hub.open(stream, lastEventId);
  registered = true;
  if (closed) deps.hub.remove(connectionId);
  // Said once the stream's presence row exists, so a presence.select on this connection never comes before it.
  stream.send('hello', { connectionId });
}
