// The HTTP server: the tRPC API at /trpc, health (/healthz) and readiness (/readyz) checks, the export routes, and the
// built client (dist/client) with a fallback to index.html so every page's URL can be opened directly. Every response
// carries the security headers and an X-Request-Id, and every request is logged as one JSON line (server/log.ts).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { sql } from 'kysely';
import type { DB } from '../db/connection';
import { handleBoardPack, isBoardPackRequest } from './board-pack';
import { handleExport, isExportRequest } from './export';
import { loggablePath, requestIdFrom, silentLogger, type Logger } from './log';
import { handlePlanWorkbook, isPlanWorkbookRequest } from './plan-workbook';
import { appRouter, createCaller } from './router';
import { readCookie, SESSION_COOKIE } from './auth/cookies';
import { userFromSession } from './services/auth';
import type { Context } from './trpc';

export const CLIENT_DIR = path.resolve('dist/client');
/** Largest request body accepted: a 20,000-row import (the most contributions.import takes) of the mapped columns
 * only, with notes of a few hundred characters; a 10,000-change paste is well under it. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

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
  const cache = urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': cache });
  fs.createReadStream(file).pipe(res);
}

/**
 * Why a POST to the API is refused before it reaches tRPC, or null when it may go on. Three locks, any one enough,
 * against another site's page changing data with the signed-in user's cookie (SameSite=Strict already keeps the
 * cookie off such requests in current browsers):
 * - Origin, when sent, must be this host;
 * - Sec-Fetch-Site, when sent (every current browser does), must say the request came from this origin;
 * - the body must be declared JSON: an HTML form can only send urlencoded, multipart or text/plain bodies, and a
 *   script on another origin cannot send `application/json` without a CORS preflight, which this server never
 *   grants. Our own client (httpBatchLink) and every API client send JSON.
 */
function refuseMutation(req: http.IncomingMessage, allowedOrigins: readonly string[]): { status: number; message: string } | null {
  if (req.method !== 'POST') return null;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (!url || (url.host !== req.headers.host && !allowedOrigins.includes(url.origin))) {
      return { status: 403, message: 'Cross-site requests may not change data' };
    }
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, message: 'Cross-site requests may not change data' };
  }
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return { status: 415, message: 'Changes must be sent as JSON (Content-Type: application/json)' };
  }
  return null;
}

/** A body declared larger than the limit is refused from its headers, before a byte of it is read or parsed; a body
 * without a declared length is cut off by tRPC's own limit (maxBodySize) as it streams in, also with 413. */
function declaredTooLarge(req: http.IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > MAX_BODY_BYTES;
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
}

/** What a server needs to shut down gracefully: the responses still being written. */
interface Lifecycle {
  draining: boolean;
  inFlight: Set<http.ServerResponse>;
}

const lifecycles = new WeakMap<http.Server, Lifecycle>();

export function createServer(db: DB, options: ServerOptions = {}): http.Server {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? silentLogger;
  const lifecycle: Lifecycle = { draining: false, inFlight: new Set() };
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
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, res }) => contextFor(req, res),
    // The input is never logged: it may hold a password (auth.login) or personal data.
    onError: ({ error, path: procedure, req }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log.error('internal error', { requestId: requestIds.get(req) ?? null, procedure: procedure ?? null, error: error.message });
      }
    },
  });

  const server = http.createServer((req, res) => {
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
    if (lifecycle.draining) res.setHeader('Connection', 'close');
    route(req, res);
  });

  const route = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = req.url ?? '/';
    const pathname = url.split('?', 1)[0] ?? '/';
    if (url.startsWith('/trpc/')) {
      res.setHeader('Cache-Control', 'no-store');
      const refused = refuseMutation(req, options.allowedOrigins ?? []);
      if (declaredTooLarge(req)) {
        // Close the connection rather than read the rest of an oversized body.
        res.setHeader('Connection', 'close');
        json(res, 413, { error: `Request body over the ${MAX_BODY_BYTES / 1024 / 1024} MB limit` });
      } else if (refused) {
        json(res, refused.status, { error: refused.message });
      } else {
        trpc(req, res);
      }
    } else if (isExportRequest(url)) {
      void handleExport(req, res, async () => createCaller(await contextFor(req, res)));
    } else if (isPlanWorkbookRequest(url)) {
      void handlePlanWorkbook(req, res, async () => createCaller(await contextFor(req, res)));
    } else if (isBoardPackRequest(url)) {
      void handleBoardPack(req, res, async () => createCaller(await contextFor(req, res)));
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
