// The wire format over real HTTP: plain JSON (no transformer), integer pence, a query as GET with ?input=, a mutation
// as POST with a JSON body, 400 with data.fieldErrors, 409 with data.current, and never a stack trace.
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, openTestApi, TEST_PASSWORD, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';
import { serveSignedIn } from '../support/http-api';

let api: TestApi;
let server: http.Server;
let base: string;
let f: Fixture;
let rowId: number;
/** The session cookie of the admin the tests sign in as, over HTTP like any client. */
let cookie = '';

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api);
  const row = await api.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 1,
    plannedPence: 246_800_001,
    actualPence: 123_456_789,
  });
  await api.caller.contributions.create({ fundId: f.fundId, orgId: f.icbId, source: 'nhs_minimum', quarter: 2, plannedPence: 99 });
  rowId = row.id;
  ({ server, base, cookie } = await serveSignedIn(api.db, api.admin.email, TEST_PASSWORD));
  expect(cookie).toMatch(/^bcf_session=.+/);
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  await api.close();
});

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

async function get(name: string, input: unknown): Promise<Reply> {
  const res = await fetch(`${base}/trpc/${name}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { Cookie: cookie } });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as unknown };
}

async function post(name: string, input: unknown): Promise<Reply> {
  const res = await fetch(`${base}/trpc/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as unknown };
}

/** Read a nested property of parsed JSON without `any`. */
function at(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

describe('over real HTTP', () => {
  it('GET funds.summary returns plain JSON with integer pence in result.data', async () => {
    const reply = await get('funds.summary', { fundId: f.fundId });
    expect(reply.status).toBe(200);
    const data = at(reply.json, 'result', 'data');
    // Plain JSON: no transformer envelope ({json, meta}) around the data.
    expect(at(data, 'json')).toBeUndefined();
    expect(at(data, 'plannedPence')).toBe(246_800_001 + 99);
    expect(at(data, 'actualPence')).toBe(123_456_789);
    expect(at(data, 'variancePence')).toBe(123_456_789 - 246_800_001 - 99);
    // Integers written as integers on the wire, not strings or decimals.
    expect(reply.text).toContain('"plannedPence":246800100');
    const byPartner = at(data, 'byPartner');
    expect(Array.isArray(byPartner)).toBe(true);
    const shares = (byPartner as unknown[]).map((p) => at(p, 'shareBp'));
    expect(shares.every((s) => Number.isInteger(s))).toBe(true);
    expect((shares as number[]).reduce((x, y) => x + y, 0)).toBe(10_000);
  });

  it('POST contributions.update with a JSON body saves and returns the row with its new version', async () => {
    const reply = await post('contributions.update', {
      id: rowId,
      version: 1,
      patch: { plannedPence: 250_000_000, note: 'over the wire' },
    });
    expect(reply.status).toBe(200);
    expect(at(reply.json, 'result', 'data')).toMatchObject({ id: rowId, version: 2, plannedPence: 250_000_000, note: 'over the wire' });
    const listed = await get('contributions.list', { fundId: f.fundId });
    const rows = at(listed.json, 'result', 'data') as unknown[];
    expect(rows.find((r) => at(r, 'id') === rowId)).toMatchObject({ version: 2, plannedPence: 250_000_000 });
  });

  it('a bad input is HTTP 400 BAD_REQUEST with data.fieldErrors, writes nothing, and has no stack', async () => {
    const before = await counts(api.db);
    const reply = await post('contributions.update', { id: rowId, version: 2, patch: { plannedPence: 'twelve' } });
    expect(reply.status).toBe(400);
    expect(at(reply.json, 'error', 'data', 'code')).toBe('BAD_REQUEST');
    expect(at(reply.json, 'error', 'data', 'httpStatus')).toBe(400);
    expect(at(reply.json, 'error', 'data', 'fieldErrors', 0, 'path')).toBe('patch.plannedPence');
    expect(String(at(reply.json, 'error', 'data', 'fieldErrors', 0, 'message'))).toContain("'twelve'");
    expect(String(at(reply.json, 'error', 'message'))).toContain('Planned (£)');
    expect(reply.text).not.toContain('"stack"');
    expect(await counts(api.db)).toEqual(before);
  });

  it('a bad query input over GET is HTTP 400 too', async () => {
    const reply = await get('funds.summary', { fundId: 'one' });
    expect(reply.status).toBe(400);
    expect(at(reply.json, 'error', 'data', 'fieldErrors', 0, 'path')).toBe('fundId');
    expect(reply.text).not.toContain('"stack"');
  });

  it('a stale version is HTTP 409 CONFLICT with data.current, writes nothing, and has no stack', async () => {
    const before = await counts(api.db);
    const reply = await post('contributions.update', { id: rowId, version: 1, patch: { plannedPence: 1 } });
    expect(reply.status).toBe(409);
    expect(at(reply.json, 'error', 'data', 'code')).toBe('CONFLICT');
    expect(at(reply.json, 'error', 'data', 'current')).toMatchObject({ id: rowId, version: 2, plannedPence: 250_000_000 });
    expect(reply.text).not.toContain('"stack"');
    expect(await counts(api.db)).toEqual(before);
  });

  it('an unknown fund is HTTP 404 NOT_FOUND', async () => {
    const reply = await get('funds.summary', { fundId: 424_242 });
    expect(reply.status).toBe(404);
    expect(at(reply.json, 'error', 'data', 'code')).toBe('NOT_FOUND');
    expect(reply.text).not.toContain('"stack"');
  });
});
