// Responses over COMPRESS_MIN_BYTES are compressed when the request accepts it (a fund's rows as JSON shrink about
// tenfold): brotli when accepted, else gzip. Two ways in: `compressResponse` for answers made per request (the API's
// JSON, CSV exports, index.html), which holds the body until it ends and compresses it whole off the main thread; and
// `compressedAsset` for the client's hashed files, which never change, so each is compressed once (harder) and kept.
// Never for the live event stream (it must flow as it is written) nor for types that are compressed already (xlsx,
// pdf, png, woff2), which are not on the COMPRESSIBLE list.
import fs from 'node:fs/promises';
import type http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export const COMPRESS_MIN_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/** Text types only: the others (images, fonts, workbooks, PDFs) are compressed inside already. */
const COMPRESSIBLE = /^\s*(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/i;

/** Brotli at quality 4 compresses about as fast as gzip and smaller; a hashed asset, compressed once, gets quality 9
 * (11 takes seconds on the largest script for a few per cent more). */
const PER_REQUEST_BROTLI_QUALITY = 4;
const ASSET_BROTLI_QUALITY = 9;
const GZIP_LEVEL = 6;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

function compress(body: Buffer, encoding: Encoding, brotliQuality: number): Promise<Buffer> {
  if (encoding === 'gzip') return gzip(body, { level: GZIP_LEVEL });
  return brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    },
  });
}

/** The encoding to answer with, from an Accept-Encoding header: br, else gzip, unless refused with q=0; null for
 * neither (answer plain). */
export function acceptedEncoding(header: string | string[] | undefined): Encoding | null {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const accepted = new Map<string, boolean>();
  for (const part of value.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name !== '') accepted.set(name.trim(), q === undefined || Number(q) > 0);
  }
  const allows = (name: Encoding) => accepted.get(name) ?? (accepted.get('*') === true && !accepted.has(name));
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return null;
}

/** Add Accept-Encoding to the Vary header: caches must keep the plain and the compressed answer apart. */
export function varyOnEncoding(res: http.ServerResponse): void {
  const current = res.getHeader('Vary');
  const names = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((v) => v.trim());
  if (names.some((name) => name.toLowerCase() === 'accept-encoding' || name === '*')) return;
  res.setHeader('Vary', [...names.filter((name) => name !== ''), 'Accept-Encoding'].join(', '));
}

function worthCompressing(res: http.ServerResponse, bytes: number): boolean {
  if (bytes < COMPRESS_MIN_BYTES || res.statusCode === 204 || res.statusCode === 304) return false;
  if (res.hasHeader('Content-Encoding')) return false;
  if (/no-transform/i.test(String(res.getHeader('Cache-Control') ?? ''))) return false;
  return COMPRESSIBLE.test(String(res.getHeader('Content-Type') ?? ''));
}

type Callback = (error?: Error | null) => void;

function toBuffer(chunk: unknown, encoding: unknown): Buffer | null {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return null;
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return null;
}

/**
 * Compress this response when the request accepts it and, once it ends, it turns out worth it (a compressible type,
 * at least COMPRESS_MIN_BYTES, not already encoded). The body is held until `end` (every answer sent this way is made
 * whole in memory first: the API's JSON, a CSV), then sent compressed, with its Content-Length, or as it was.
 * HEAD answers are left alone (no body).
 */
export function compressResponse(req: http.IncomingMessage, res: http.ServerResponse): void {
  varyOnEncoding(res);
  const encoding = acceptedEncoding(req.headers['accept-encoding']);
  if (encoding === null || req.method === 'HEAD') {
    keepVaryOnEncoding(res);
    return;
  }
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  const chunks: Buffer[] = [];
  let bytes = 0;

  // writeHead would send the headers at once; held as ordinary headers instead, so Content-Encoding can still be set.
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    const [first, second] = rest;
    if (typeof first === 'string') res.statusMessage = first;
    const headers = typeof first === 'string' ? second : first;
    if (Array.isArray(headers)) {
      // Raw headers, flat ([name, value, name, value]) or in pairs ([[name, value]]), as Node's writeHead takes them.
      const flat: unknown[] = headers.flat();
      for (let i = 0; i + 1 < flat.length; i += 2) res.appendHeader(String(flat[i]), String(flat[i + 1]));
    } else if (headers && typeof headers === 'object') {
      for (const [name, value] of Object.entries(headers as http.OutgoingHttpHeaders)) {
        if (value !== undefined) res.setHeader(name, value);
      }
    }
    return res;
  }) as typeof res.writeHead;

  res.write = ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
    const buffer = toBuffer(chunk, encodingOrCallback);
    if (buffer) {
      chunks.push(buffer);
      bytes += buffer.length;
    }
    const done = (typeof encodingOrCallback === 'function' ? encodingOrCallback : callback) as Callback | undefined;
    if (done) process.nextTick(done);
    return true;
  }) as typeof res.write;

  res.end = ((chunk?: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
    const buffer = toBuffer(chunk, encodingOrCallback);
    if (buffer) {
      chunks.push(buffer);
      bytes += buffer.length;
    }
    const done = [chunk, encodingOrCallback, callback].find((arg) => typeof arg === 'function') as Callback | undefined;
    varyOnEncoding(res);
    const body = Buffer.concat(chunks, bytes);
    const send = (data: Buffer) => {
      // Node's own end() calls this.writeHead to send the headers: the originals must be back first.
      Object.assign(res, original);
      if (done) res.end(data, done);
      else res.end(data);
    };
    if (!worthCompressing(res, bytes)) {
      send(body);
      return res;
    }
    compress(body, encoding, PER_REQUEST_BROTLI_QUALITY).then(
      (compressed) => {
        if (res.headersSent || res.destroyed) return;
        res.setHeader('Content-Encoding', encoding);
        res.setHeader('Content-Length', compressed.length);
        send(compressed);
      },
      () => {
        if (!res.headersSent && !res.destroyed) send(body);
      },
    );
    return res;
  }) as typeof res.end;
}

/** A plain answer still says it varies by Accept-Encoding, however its maker set Vary (tRPC sets its own): added just
 * before the headers go, then the response is left as it was. */
function keepVaryOnEncoding(res: http.ServerResponse): void {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  const restored = (method: keyof typeof original) =>
    ((...args: unknown[]) => {
      if (!res.headersSent) varyOnEncoding(res);
      Object.assign(res, original);
      return Reflect.apply(original[method], res, args) as unknown;
    }) as never;
  res.writeHead = restored('writeHead');
  res.write = restored('write');
  res.end = restored('end');
}

interface CachedAsset {
  size: number;
  mtimeMs: number;
  bodies: Map<Encoding, Promise<Buffer>>;
}

const assets = new Map<string, CachedAsset>();

/**
 * A client asset's bytes compressed with `encoding`, compressed on first request and kept (a rebuilt file, with a
 * new size or time, is compressed again); null when not worth it (small, or a type compressed already).
 */
export async function compressedAsset(file: string, contentType: string, encoding: Encoding): Promise<Buffer | null> {
  if (!COMPRESSIBLE.test(contentType)) return null;
  const stat = await fs.stat(file);
  if (stat.size < COMPRESS_MIN_BYTES) return null;
  let cached = assets.get(file);
  if (!cached || cached.size !== stat.size || cached.mtimeMs !== stat.mtimeMs) {
    cached = { size: stat.size, mtimeMs: stat.mtimeMs, bodies: new Map() };
    assets.set(file, cached);
  }
  let body = cached.bodies.get(encoding);
  if (!body) {
    body = fs.readFile(file).then((raw) => compress(raw, encoding, ASSET_BROTLI_QUALITY));
    cached.bodies.set(encoding, body);
    // A failed read is not kept: the next request tries again.
    body.catch(() => cached?.bodies.delete(encoding));
  }
  return body;
}
