// The HTTP server: the tRPC API at /trpc, health (/healthz) and readiness (/readyz) checks, the export routes, and the
// built client (dist/client) with a fallback to index.html so every page's URL can be opened directly. Every response
// carries the security headers and an X-Request-Id, and every request is logged as one JSON line (server/log.ts).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { sql } from 'kysely';
import type { DB } from '../db/connection';
import { MAX_BATCH_CALLS } from '../shared/api-limits';
import { API_BASE, handleApiRequest, MAX_BODY_BYTES } from './api-gate';
import { handleBoardPack, isBoardPackRequest } from './board-pack/route';
import { acceptedEncoding, compressedAsset, compressResponse } from './compression';
import { handleReturn, isReturnRequest } from './returns/route';
import { handleExport, isExportRequest } from './export';
import { LiveHub, type LiveOptions } from './live/hub';
import { handleEvents, isEventsRequest } from './live/stream';
import { loggablePath, requestIdFrom, silentLogger, type Logger } from './log';
import { handlePlanWorkbook, isPlanWorkbookRequest } from './plan-workbook';
import { appRouter, createCaller } from './router';
import { readCookie, SESSION_COOKIE } from './auth/cookies';
import { userFromSession } from './services/auth';
import type { Context } from './trpc';

export { MAX_BODY_BYTES } from './api-gate';

export const CLIENT_DIR = path.resolve('dist/client');

/**
 * How long a client may take, so slow or idle ones cannot hold the server's connections (a "slowloris" sends its
 * headers a byte at a time, and never finishes): all its headers within HEADERS_TIMEOUT_MS; the whole request, body
 * included, within REQUEST_TIMEOUT_MS (a 16 MB body over a 1.5 Mbit/s link takes 90 s); a kept-alive connection with
 * no next request closed after KEEP_ALIVE_TIMEOUT_MS; and any connection silent for SOCKET_IDLE_TIMEOUT_MS closed,
 * well past the slowest answer the server computes (an import of 100,000 lines takes about 10 s). Node's defaults
 * are 60 s, 300 s, 5 s and never.
 */
export const HEADERS_TIMEOUT_MS = 20_000;
export const REQUEST_TIMEOUT_MS = 120_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
export const SOCKET_IDLE_TIMEOUT_MS = 180_000;

export interface ServerTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  socketIdleMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: HEADERS_TIMEOUT_MS,
  requestMs: REQUEST_TIMEOUT_MS,
  keepAliveMs: KEEP_ALIVE_TIMEOUT_MS,
  socketIdleMs: SOCKET_IDLE_TIMEOUT_MS,
};

/** The timeouts with `overrides` applied, or an error naming the one that makes no sense: each a whole number of
 * milliseconds above 0, and in the order they act (a kept-alive connection waits for its next request's headers). */
export function serverTimeouts(overrides: Partial<ServerTimeouts> = {}): ServerTimeouts {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...overrides };
  for (const [name, ms] of Object.entries(timeouts)) {
    if (!Number.isInteger(ms) || ms <= 0)
      throw new RangeError(`Server timeout ${name} must be a whole number of milliseconds above 0, got ${ms}`);
  }
  if (!(
    timeouts.keepAliveMs <= timeouts.headersMs &&
    timeouts.headersMs <= timeouts.requestMs &&
    timeouts.requestMs <= timeouts.socketIdleMs
  )) {
    throw new RangeError(
      `Server timeouts must be keepAliveMs <= headersMs <= requestMs <= socketIdleMs, got ${timeouts.keepAliveMs}, ${timeouts.headersMs}, ${timeouts.requestMs}, ${timeouts.socketIdleMs}`,
    );
  }
  return timeouts;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  // ag-grid's theming API and recharts set inline styles, hence style-src 'unsafe-inline'; scripts are ours only.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'X-Frame-Options': 'DENY',
  // Another site's page may not read our responses through a <script> or <img> tag, nor keep a handle on our window.
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Sent only when served over HTTPS (BCF_SECURE_COOKIES=1): browsers then refuse plain HTTP to this host for a year. */
const HSTS = 'max-age=31536000';

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse): void {
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    plain(res, 400, 'Bad request');
    return;
  }
  let file = path.join(CLIENT_DIR, path.normalize(urlPath));
  if (!file.startsWith(CLIENT_DIR)) file = CLIENT_DIR;
  const isAsset = path.extname(urlPath) !== '';
  if (!isAsset || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (isAsset) {
      plain(res, 404, 'Not found');
      return;
    }
    file = path.join(CLIENT_DIR, 'index.html');
  }
  if (!fs.existsSync(file)) {
    plain(res, 503, 'The client has not been built: run `npm run build` (npm start does this for you).');
    return;
  }
  const immutable = urlPath.startsWith('/assets/');
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const headers = { 'Content-Type': type, 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' };
  const encoding = acceptedEncoding(req.headers['accept-encoding']);
  if (immutable && encoding && req.method === 'GET') {
    // A hashed asset never changes: compressed once and kept (server/compression.ts); index.html is compressed per
    // request, by compressResponse, as it may be rebuilt.
    void compressedAsset(file, type, encoding).then(
      (body) => {
        if (!body) fs.createReadStream(file).pipe(res.writeHead(200, headers));
        else res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length }).end(body);
      },
      () => plain(res, 500, 'Something went wrong on the server'),
    );
    return;
  }
  fs.createReadStream(file).pipe(res.writeHead(200, headers));
}

function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return (trustProxy && first) || req.socket.remoteAddress || 'unknown';
}

/** Whether the database answers a query on the migrated schema (for /readyz). */
async function databaseAnswers(db: DB): Promise<boolean> {
  try {
    await sql`select 1 from kysely_migration limit 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export interface ServerOptions {
  secureCookies?: boolean;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (for sign-in throttling). */
  trustProxy?: boolean;
  now?: () => Date;
  /** Where request lines go; silent unless given (the CLI passes the BCF_LOG logger). */
  log?: Logger;
  /** Origins besides the app's own whose pages may send changes (BCF_ALLOWED_ORIGINS): the Vite dev server's, whose
   * proxy rewrites Host, or the public address behind a reverse proxy that does. */
  allowedOrigins?: readonly string[];
  /** Shorter or longer than the defaults (tests use a short one); checked by serverTimeouts. */
  timeouts?: Partial<ServerTimeouts>;
  /** The live event streams (/events): a PostgreSQL URL to LISTEN on, and shorter heartbeats in tests. */
  live?: LiveOptions;
  /** This worker's number when several processes serve the port (server/workers.ts): sent as X-Bcf-Worker. */
  workerNumber?: number | null;
}

/** What a server needs to shut down gracefully: the responses still being written. */
interface Lifecycle {
  draining: boolean;
  inFlight: Set<http.ServerResponse>;
  /** The open event streams, ended when the server drains (they never finish by themselves). */
  live: LiveHub;
}

const lifecycles = new WeakMap<http.Server, Lifecycle>();

export function createServer(db: DB, options: ServerOptions = {}): http.Server {
  const timeouts = serverTimeouts(options.timeouts);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? silentLogger;
  const live = new LiveHub(db, now, { onError: (message, error) => log.error(message, { error: String(error) }), ...options.live });
  live.start();
  const lifecycle: Lifecycle = { draining: false, inFlight: new Set(), live };
  const requestIds = new WeakMap<http.IncomingMessage, string>();
  /** Who is asking and how to answer them, for the API and for the export routes alike. */
  const contextFor = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<Context> => {
    const session = await userFromSession(db, readCookie(req.headers.cookie, SESSION_COOKIE), now());
    return {
      db,
      user: session?.user ?? null,
      sessionTokenHash: session?.tokenHash ?? null,
      clientAddress: clientAddress(req, options.trustProxy ?? false),
      now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      setCookie: (cookie) => res.appendHeader('Set-Cookie', cookie),
      secureCookies: options.secureCookies ?? false,
    };
  };
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: API_BASE,
    maxBodySize: MAX_BODY_BYTES,
    // handleApiRequest refuses a larger batch first, with a message naming the limit; this is tRPC's own lock.
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: ({ req, res }) => contextFor(req, res),
    // The input is never logged: it may hold a password (auth.login) or personal data.
    onError: ({ error, path: procedure, req }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log.error('internal error', { requestId: requestIds.get(req) ?? null, procedure: procedure ?? null, error: error.message });
      }
    },
  });

  const server = http.createServer({
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node checks the two timeouts above this often (every 30 s unless told): a few times within the headers timeout.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(timeouts.headersMs / 4))),
  });
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // A connection silent this long is closed, whatever it was doing.
  server.setTimeout(timeouts.socketIdleMs);
  // CONNECT (a proxy tunnel) never reaches the request handler; without this listener Node would drop the connection
  // unanswered.
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    log.info('request', { requestId: requestIdFrom(req.headers['x-request-id']), method: 'CONNECT', path: '', status: 405 });
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });

  server.once('close', () => void live.close());

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    requestIds.set(req, requestId);
    lifecycle.inFlight.add(res);
    res.once('close', () => {
      lifecycle.inFlight.delete(res);
      log.info('request', {
        requestId,
        method: req.method ?? '',
        path: loggablePath(req.url),
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
      // A finished response leaves its keep-alive connection idle; while draining, close it so shutdown can end.
      if (lifecycle.draining) server.closeIdleConnections();
    });
    res.setHeader('X-Request-Id', requestId);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (options.secureCookies) res.setHeader('Strict-Transport-Security', HSTS);
    if (options.workerNumber) res.setHeader('X-Bcf-Worker', String(options.workerNumber));
    if (lifecycle.draining) res.setHeader('Connection', 'close');
    route(req, res);
  });

  const route = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = req.url ?? '/';
    const pathname = url.split('?', 1)[0] ?? '/';
    // Every answer over 1 KB compressed when accepted, but the live event stream, which must flow as it is written.
    if (!isEventsRequest(pathname)) compressResponse(req, res);
    if (url.startsWith(API_BASE)) {
      res.setHeader('Cache-Control', 'no-store');
      void handleApiRequest(req, res, trpc, options.allowedOrigins ?? []);
    } else if (isEventsRequest(pathname)) {
      void handleEvents(req, res, { db, hub: live, now, draining: () => lifecycle.draining }).catch((error: unknown) => {
        log.error('event stream failed', { requestId: requestIds.get(req) ?? null, error: String(error) });
        if (!res.headersSent) plain(res, 500, 'Something went wrong on the server');
        else res.end();
      });
    } else if (isExportRequest(url)) {
      void handleExport(req, res, async () => createCaller(await contextFor(req, res)));
    } else if (isPlanWorkbookRequest(url)) {
      void handlePlanWorkbook(req, res, async () => createCaller(await contextFor(req, res)));
    } else if (isBoardPackRequest(url)) {
      void handleBoardPack(req, res, async () => createCaller(await contextFor(req, res)));
    } else if (isReturnRequest(url)) {
      void handleReturn(req, res, async () => createCaller(await contextFor(req, res)));
    } else if ((pathname === '/healthz' || pathname === '/readyz') && req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    } else if (pathname === '/healthz') {
      // Liveness: the process is up and answering. It does not touch the database, so a slow disk never gets a
      // healthy process restarted.
      json(res, 200, { ok: true });
    } else if (pathname === '/readyz') {
      // Readiness: send traffic here only while the database answers and the server is not shutting down.
      if (lifecycle.draining) {
        json(res, 503, { ok: false, reason: 'shutting down' });
      } else {
        void databaseAnswers(db).then((ok) =>
          ok ? json(res, 200, { ok: true }) : json(res, 503, { ok: false, reason: 'the database does not answer' }),
        );
      }
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      serveStatic(req, res);
    } else {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    }
  };

  lifecycles.set(server, lifecycle);
  return server;
}

/**
 * Stop taking connections and let the requests in flight finish (each answered with `Connection: close`), then
 * resolve true; after `graceMs` cut off whatever is left and resolve false. /readyz answers 503 meanwhile, so a load
 * balancer stops sending work here.
 */
export function drain(server: http.Server, graceMs: number): Promise<boolean> {
  const lifecycle = lifecycles.get(server);
  if (lifecycle) {
    lifecycle.draining = true;
    for (const res of lifecycle.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    void lifecycle.live.close();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve(false);
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve(true);
    });
    server.closeIdleConnections();
  });
}
