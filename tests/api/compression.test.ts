// Compression over real HTTP (server/compression.ts): an answer over 1 KB comes back brotli- or gzip-compressed when
// the request accepts it, and decodes to exactly the plain answer; without Accept-Encoding, or when small, it is plain;
// workbooks (compressed inside already) and the live event stream are never compressed; hashed assets are.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncoding } from '../../server/compression';
import { CLIENT_DIR } from '../../server/http';
import { openTestApi, TEST_PASSWORD, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';
import { serveSignedIn } from '../support/http-api';

let api: TestApi;
let server: http.Server;
let base: string;
let f: Fixture;
let cookie = '';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET as sent, with no Accept-Encoding unless given, and the body as it came over the wire (not decoded). With
 * `firstChunk`, stop at the first chunk (for a stream that never ends). */
function get(urlPath: string, headers: Record<string, string> = {}, firstChunk = false): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${urlPath}`, { headers: { Cookie: cookie, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (firstChunk) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
    });
    req.on('error', reject);
  });
}

const listPath = () => `/trpc/contributions.list?input=${encodeURIComponent(JSON.stringify({ fundId: f.fundId }))}`;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api);
  // 16 rows (each partner, two sources, four quarters) with notes: several KB of JSON.
  for (const quarter of [1, 2, 3, 4]) {
    for (const orgId of [f.councilId, f.icbId]) {
      for (const source of ['la_better_care_grant', 'nhs_minimum']) {
        await api.caller.contributions.create({
          fundId: f.fundId,
          orgId,
          source,
          quarter,
          plannedPence: 1_000_000 + orgId * 1234 + quarter,
          note: `${source} in quarter ${quarter}: a note that a finance officer might write, about this figure`,
        });
      }
    }
  }
  ({ server, base, cookie } = await serveSignedIn(api.db, api.admin.email, TEST_PASSWORD));
  expect(cookie).toMatch(/^bcf_session=.+/);
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await api.close();
});

describe('compression', () => {
  it('a large API answer: brotli when accepted, gzip when only that is, plain without; all the same JSON', async () => {
    const plain = await get(listPath());
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.length).toBeGreaterThan(1024);
    const rows = JSON.parse(plain.body.toString('utf8')) as unknown;

    const br = await get(listPath(), { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString('utf8'))).toEqual(rows);

    const gzip = await get(listPath(), { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gzip.body).toString('utf8'))).toEqual(rows);

    // Brotli refused by q=0: gzip.
    const refused = await get(listPath(), { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(refused.headers['content-encoding']).toBe('gzip');
  });

  it('a small answer is sent plain, even when compression is accepted', async () => {
    const me = await get('/trpc/auth.me', { 'Accept-Encoding': 'br' });
    expect(me.status).toBe(200);
    expect(me.body.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(me.body.toString('utf8'))).toMatchObject({ result: { data: { user: { email: api.admin.email } } } });
  });

  it('the CSV export is compressed; the Excel export, a zip already, is not', async () => {
    const csv = await get(`/export/funds/${f.fundId}/contributions.csv`, { 'Accept-Encoding': 'br' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(csv.body).toString('utf8')).toContain('a note that a finance officer might write');

    const xlsx = await get(`/export/funds/${f.fundId}/contributions.xlsx`, { 'Accept-Encoding': 'br' });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    // A zip file's signature: the workbook as it was made.
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('the live event stream is never compressed', async () => {
    const events = await get(`/events?fundId=${f.fundId}`, { 'Accept-Encoding': 'br, gzip' }, true);
    expect(events.status).toBe(200);
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(events.headers['content-encoding']).toBeUndefined();
    expect(events.body.toString('utf8')).toMatch(/^retry: \d+/);
  });

  it('a hashed client asset is sent compressed, the same bytes as the file', async () => {
    const assets = path.join(CLIENT_DIR, 'assets');
    const script = fs
      .readdirSync(assets)
      .filter((name) => name.endsWith('.js'))
      .map((name) => path.join(assets, name))
      .find((file) => fs.statSync(file).size > 1024);
    if (!script) throw new Error(`no script over 1 KB in ${assets}: is the client built?`);
    const asset = await get(`/assets/${path.basename(script)}`, { 'Accept-Encoding': 'br' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(zlib.brotliDecompressSync(asset.body).equals(fs.readFileSync(script))).toBe(true);
    // Asked again, it comes from memory: the same bytes.
    const again = await get(`/assets/${path.basename(script)}`, { 'Accept-Encoding': 'br' });
    expect(again.body.equals(asset.body)).toBe(true);
  });
});

describe('acceptedEncoding', () => {
  it('prefers brotli, falls back to gzip, honours q=0 and *, and answers plain otherwise', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('gzip')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, *')).toBe('gzip');
    expect(acceptedEncoding('*')).toBe('br');
    expect(acceptedEncoding('gzip;q=0')).toBeNull();
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
  });
});
