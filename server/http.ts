// The HTTP server: the tRPC API at /trpc, a health check, and the built client (dist/client) with a fallback to
// index.html so every page's URL can be opened directly.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { DB } from '../db/connection';
import { handleExport, isExportRequest } from './export';
import { handlePlanWorkbook, isPlanWorkbookRequest } from './plan-workbook';
import { appRouter, createCaller } from './router';
import { readCookie, SESSION_COOKIE } from './auth/cookies';
import { userFromSession } from './services/auth';
import type { Context } from './trpc';

export const CLIENT_DIR = path.resolve('dist/client');
/** Largest request body accepted: a 20,000-row import (the most contributions.import takes) of the mapped columns
 * only, with notes of a few hundred characters; a 10,000-change paste is well under it. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

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
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Frame-Options': 'DENY',
};

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse): void {
  const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  let file = path.join(CLIENT_DIR, path.normalize(urlPath));
  if (!file.startsWith(CLIENT_DIR)) file = CLIENT_DIR;
  const isAsset = path.extname(urlPath) !== '';
  if (!isAsset || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (isAsset) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
      return;
    }
    file = path.join(CLIENT_DIR, 'index.html');
  }
  if (!fs.existsSync(file)) {
    res
      .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
      .end('The client has not been built: run `npm run build` (npm start does this for you).');
    return;
  }
  const cache = urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': cache,
    ...SECURITY_HEADERS,
  });
  fs.createReadStream(file).pipe(res);
}

/** A mutation from another site's page is refused before it reaches tRPC: SameSite=Strict already keeps the session
 * cookie off such requests, and this Origin check is the second lock on the door. */
function crossSite(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (req.method !== 'POST' || !origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return (trustProxy && first) || req.socket.remoteAddress || 'unknown';
}

export interface ServerOptions {
  secureCookies?: boolean;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (for sign-in throttling). */
  trustProxy?: boolean;
  now?: () => Date;
}

export function createServer(db: DB, options: ServerOptions = {}): http.Server {
  const now = options.now ?? (() => new Date());
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
  });
  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/trpc/') && crossSite(req)) {
      res
        .writeHead(403, { 'Content-Type': 'application/json', ...SECURITY_HEADERS })
        .end('{"error":"Cross-site requests may not change data"}');
    } else if (url.startsWith('/trpc/')) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      res.setHeader('Cache-Control', 'no-store');
      trpc(req, res);
    } else if (isExportRequest(url)) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      void handleExport(req, res, async () => createCaller(await contextFor(req, res)));
    } else if (isPlanWorkbookRequest(url)) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      void handlePlanWorkbook(req, res, async () => createCaller(await contextFor(req, res)));
    } else if (url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      serveStatic(req, res);
    } else {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    }
  });
}
