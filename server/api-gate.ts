// What a request to the API (/trpc/...) must pass before tRPC sees it: a method the path serves, no more calls than
// MAX_BATCH_CALLS, a change sent from this site as JSON, and text that is UTF-8 in a body of at most MAX_BODY_BYTES.
// Each refusal is answered in tRPC's own error shape, so a client reads it like any other error; none is a 500.
import { isUtf8 } from 'node:buffer';
import type http from 'node:http';
import { getTRPCErrorShape, transformTRPCResponse, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { MAX_BATCH_CALLS } from '../shared/api-limits';
import { appRouter } from './router';

/** Largest request body accepted: a 20,000-row import (the most contributions.import takes) of the mapped columns
 * only, with notes of a few hundred characters; a 10,000-change paste is well under it. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export const API_BASE = '/trpc/';

/** Every method the API serves somewhere; the server answers any other (TRACE, PUT, OPTIONS...) with 405. A query is
 * read with GET (HEAD gives its headers), a change is sent with POST. */
const API_METHODS = ['GET', 'HEAD', 'POST'] as const;
const METHODS_BY_TYPE: Record<string, readonly string[]> = { query: ['GET', 'HEAD'], mutation: ['POST'] };

/** The router's procedures by dotted path, as tRPC keeps them (flat at run time). */
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } } | undefined>;

/** Send a refusal as tRPC would: `{ error: { message, code, data: { code, httpStatus, ... } } }`. */
export function sendApiError(
  res: http.ServerResponse,
  code: TRPC_ERROR_CODE_KEY,
  message: string,
  headers: Record<string, string> = {},
): void {
  const error = new TRPCError({ code, message });
  const config = appRouter._def._config;
  const shape = getTRPCErrorShape({ config, error, type: 'unknown', path: undefined, input: undefined, ctx: undefined });
  res
    .writeHead(getHTTPStatusCodeFromError(error), { 'Content-Type': 'application/json', ...headers })
    .end(JSON.stringify(transformTRPCResponse(config, { error: shape })));
}

/** The procedure paths a request names: one, or a batch's comma-separated list, decoded as tRPC decodes them. */
export function procedurePathsOf(pathname: string): string[] {
  const raw = pathname.slice(API_BASE.length);
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  return decoded.split(',');
}

/** The methods that `paths` serve, for a 405's Allow header: GET and HEAD for queries, POST for changes, and all three
 * for a path naming no procedure (tRPC answers those with 404). */
export function apiMethodsFor(paths: readonly string[]): string[] {
  const allowed = new Set<string>();
  for (const path of paths) {
    for (const method of METHODS_BY_TYPE[procedures[path]?._def.type ?? ''] ?? API_METHODS) allowed.add(method);
  }
  return API_METHODS.filter((method) => allowed.has(method));
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
function refuseMutation(
  req: http.IncomingMessage,
  allowedOrigins: readonly string[],
): { code: TRPC_ERROR_CODE_KEY; message: string } | null {
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
      return { code: 'FORBIDDEN', message: 'Cross-site requests may not change data' };
    }
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { code: 'FORBIDDEN', message: 'Cross-site requests may not change data' };
  }
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Changes must be sent as JSON (Content-Type: application/json)' };
  }
  return null;
}

/** A body declared larger than the limit is refused from its headers, before a byte of it is read. */
function declaredTooLarge(req: http.IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > MAX_BODY_BYTES;
}

const TOO_LARGE = `Request body over the ${MAX_BODY_BYTES / 1024 / 1024} MB limit`;

/** The whole body, or 'too large' as soon as it passes the limit (the rest is never read), or 'gone' when the client
 * went away first. */
function readBody(req: http.IncomingMessage): Promise<Buffer | 'too large' | 'gone'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | 'too large' | 'gone') => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('aborted', onGone);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause();
        finish('too large');
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onGone = () => finish('gone');
    req.on('data', onData).on('end', onEnd).on('error', onGone).on('aborted', onGone);
  });
}

/**
 * Check a request to the API and hand it to tRPC (`trpc`), or refuse it. A POST's body is read here, whole, so that
 * bytes which are not UTF-8 are refused rather than decoded as U+FFFD, and tRPC is given the checked text.
 */
export async function handleApiRequest(
  req: http.IncomingMessage & { body?: unknown },
  res: http.ServerResponse,
  trpc: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  allowedOrigins: readonly string[],
): Promise<void> {
  const url = req.url ?? API_BASE;
  const queryAt = url.indexOf('?');
  const paths = procedurePathsOf(queryAt < 0 ? url : url.slice(0, queryAt));
  const allowed = apiMethodsFor(paths);
  if (!allowed.includes(req.method ?? '')) {
    const message = `${req.method ?? 'This method'} is not served here: use ${allowed.join(', ')}`;
    return sendApiError(res, 'METHOD_NOT_SUPPORTED', message, { Allow: allowed.join(', ') });
  }
  if (declaredTooLarge(req)) {
    // Close the connection rather than read the rest of an oversized body.
    return sendApiError(res, 'PAYLOAD_TOO_LARGE', TOO_LARGE, { Connection: 'close' });
  }
  const refused = refuseMutation(req, allowedOrigins);
  if (refused) return sendApiError(res, refused.code, refused.message);
  if (paths.length > MAX_BATCH_CALLS) {
    const message = `A request may batch at most ${MAX_BATCH_CALLS} calls, got ${paths.length.toLocaleString('en-GB')}: send them in several requests`;
    return sendApiError(res, 'BAD_REQUEST', message);
  }
  if (queryAt >= 0) {
    try {
      decodeURIComponent(url.slice(queryAt + 1));
    } catch {
      return sendApiError(res, 'BAD_REQUEST', 'The query string must be percent-encoded UTF-8 text');
    }
  }
  if (req.method === 'POST') {
    const body = await readBody(req);
    if (body === 'gone') return;
    if (body === 'too large') return sendApiError(res, 'PAYLOAD_TOO_LARGE', TOO_LARGE, { Connection: 'close' });
    if (!isUtf8(body)) return sendApiError(res, 'BAD_REQUEST', 'The request body must be UTF-8 text: some of its bytes are not');
    // tRPC's node adapter reads a string `body` instead of the stream.
    req.body = body.toString('utf8');
  }
  trpc(req, res);
}
