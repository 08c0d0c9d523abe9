// The live event stream (`GET /events`, server/live/) over real HTTP on a real migrated database: refused for a fund
// one cannot see (nothing written), each change sent only to those who may see it (another partnership's people get
// nothing, a scenario's private changes only its owner), catch-up from Last-Event-ID, the unread count, and the
// stream ending with its session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announce } from '../../db/change-signal';
import { notify } from '../../db/repositories/notification.repository';
import type { LiveChange, LivePresence } from '../../shared/live';
import type { ContributionListRow, SignedInUser } from '../../shared/types';
import { counts, openTestApi, type Caller, type TestApi } from '../support/api';
import { freshDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../support/database';
import { startLiveServer, type LiveServer } from '../support/live-server';
import { apiAs, DEMO_PASSWORD, demoBcfFund, startServer, type RunningServer } from '../support/server';
import { openSse, signInCookie, type SseEvent, type SseStream } from '../support/sse';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let live: LiveServer;
let f: Fixture;
let other: Fixture;
let rowId: number;
let finance: { user: SignedInUser; caller: Caller };
let commissioner: { user: SignedInUser; caller: Caller };
let outsider: { user: SignedInUser; caller: Caller };

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'live');
  other = await makeFund(api, 'elsewhere');
  rowId = (await api.caller.contributions.create({ fundId: f.fundId, orgId: f.councilId, source: 'dfg', quarter: 1, plannedPence: 100 }))
    .id;
  finance = await api.userWith('finance_officer', [f.councilId]);
  commissioner = await api.userWith('commissioner', [f.councilId]);
  outsider = await api.userWith('finance_officer', [other.councilId]);
  live = await startLiveServer(api, { catchUpLimit: 20 });
});
afterAll(async () => {
  await live.close();
  await api.close();
});

const changes = (stream: SseStream) => stream.events.filter((e) => e.event === 'change').map((e) => e.data as LiveChange);
const isChangeOf = (batchLabel: RegExp | string) => (e: SseEvent) =>
  e.event === 'change' &&
  (typeof batchLabel === 'string' ? (e.data as LiveChange).batchId === batchLabel : batchLabel.test((e.data as LiveChange).label));

/** Save a new planned figure on the test row as the administrator; returns the batch id. */
async function editRow(plannedPence: number): Promise<string> {
  const row = (await api.caller.contributions.list({ fundId: f.fundId })).find((r) => r.id === rowId);
  if (!row) throw new Error('the test row is gone');
  const result = await api.caller.contributions.applyBatch({
    fundId: f.fundId,
    changes: [{ op: 'update', id: rowId, version: row.version, values: { plannedPence } }],
  });
  return result.batchId;
}

describe('opening a stream', () => {
  it('refuses a visitor who is not signed in, a fund they cannot see and a fund that does not exist, writing nothing', async () => {
    const before = await counts(api.db);
    const cookie = await live.cookieOf(outsider.user.email);
    const afterSignIn = await counts(api.db);

    const anonymous = await live.open('', f.fundId);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toMatch(/sign in/);
    const notMember = await live.open(cookie, f.fundId);
    expect(notMember.status).toBe(403);
    expect(notMember.text).toBe(`You are not a member of the partnership of fund ${f.fundId}, so you cannot follow its changes`);
    const missing = await live.open(cookie, 999_999);
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('No fund with id 999999');
    const malformed = await live.open(cookie, 'abc');
    expect(malformed.status).toBe(400);
    expect(malformed.text).toMatch(/fundId must be a whole number id/);
    // Signing in wrote its session; the refused streams wrote nothing (no presence row, no audit).
    expect(afterSignIn).toEqual({ ...before, session: (before.session ?? 0) + 1 });
    expect(await counts(api.db)).toEqual(afterSignIn);
  });

  it('opens as an event stream that says hello with its connection id, the unread count and who is on the fund', async () => {
    const stream = await live.open(await live.cookieOf(finance.user.email), f.fundId);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    const hello = await stream.waitFor((e) => e.event === 'hello', 'hello');
    const { connectionId } = hello.data as { connectionId: string };
    expect(connectionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await stream.waitFor((e) => e.event === 'notifications', 'unread count')).data).toEqual({ unread: 0 });
    const presence = await stream.waitFor(
      (e) => e.event === 'presence' && (e.data as LivePresence).viewers.some((v) => v.connectionId === connectionId),
      'presence with this viewer',
    );
    expect((presence.data as LivePresence).viewers).toContainEqual({
      connectionId,
      user: { id: finance.user.id, name: finance.user.name },
      cell: null,
    });
    stream.close();
  });
});

describe('what each stream is sent', () => {
  it('sends a saved change to every viewer of that fund, and nothing to another fund or partnership', async () => {
    const member = await live.open(await live.cookieOf(finance.user.email), f.fundId);
    const stranger = await live.open(await live.cookieOf(outsider.user.email), other.fundId);
    const strangerNoFund = await live.open(await live.cookieOf(outsider.user.email));
    await member.waitFor((e) => e.event === 'presence', 'presence');
    await stranger.waitFor((e) => e.event === 'presence', 'presence');

    const batchId = await editRow(4_321);
    const got = (await member.waitFor(isChangeOf(batchId), 'the change')).data as LiveChange;
    expect(got).toMatchObject({ batchId, kind: 'batch', fundId: f.fundId, user: { id: api.admin.id, name: api.admin.name } });
    expect(got.events).toContainEqual({
      entity: 'contribution',
      entityId: rowId,
      action: 'update',
      field: 'plannedPence',
      newValue: 4_321,
      versionAfter: expect.any(Number) as number,
    });

    // A later change of the other fund reaches its viewer: by then the first would have reached them too, had it been sent.
    const elsewhere = await api.caller.contributions.create({ fundId: other.fundId, orgId: other.councilId, source: 'dfg', quarter: 2 });
    await stranger.waitFor(
      (e) => e.event === 'change' && (e.data as LiveChange).events.some((x) => x.entityId === elsewhere.id),
      'their change',
    );
    expect(changes(stranger).every((c) => c.fundId === other.fundId)).toBe(true);
    expect(changes(member).every((c) => c.fundId === f.fundId)).toBe(true);
    expect(changes(strangerNoFund)).toEqual([]);
    for (const s of [member, stranger, strangerNoFund]) s.close();
  });

  it("keeps a scenario's changes to its owner and administrators", async () => {
    const owner = await live.open(await live.cookieOf(commissioner.user.email), f.fundId);
    const colleague = await live.open(await live.cookieOf(finance.user.email), f.fundId);
    const admin = await live.open(await live.cookieOf(api.admin.email), f.fundId);
    for (const s of [owner, colleague, admin]) await s.waitFor((e) => e.event === 'presence', 'presence');

    const scenario = await commissioner.caller.scenarios.create({ fundId: f.fundId, name: 'Private idea', from: 'empty' });
    const isScenario = (e: SseEvent) =>
      e.event === 'change' && (e.data as LiveChange).events.some((x) => x.entity === 'scenario' && x.entityId === scenario.scenario.id);
    await owner.waitFor(isScenario, "the owner's scenario");
    await admin.waitFor(isScenario, 'the scenario, for an administrator');
    // A public change made after it reaches the colleague, who never got the scenario.
    const batchId = await editRow(5_000);
    await colleague.waitFor(isChangeOf(batchId), 'the public change');
    expect(colleague.events.some(isScenario)).toBe(false);
    expect(
      changes(colleague)
        .flatMap((c) => c.events)
        .some((x) => x.entity === 'scenario' || x.entity === 'scenario_item'),
    ).toBe(false);
    for (const s of [owner, colleague, admin]) s.close();
  });

  it('tells a person their unread count when they are notified, and no one else', async () => {
    const theirs = await live.open(await live.cookieOf(finance.user.email));
    const someoneElse = await live.open(await live.cookieOf(commissioner.user.email), f.fundId);
    await theirs.waitFor((e) => e.event === 'notifications', 'the first count');
    await someoneElse.waitFor((e) => e.event === 'notifications', 'the first count');
    const at = new Date().toISOString();
    await notify(
      api.db,
      [
        {
          userId: finance.user.id,
          kind: 'mention',
          partnershipId: f.partnershipId,
          fundId: f.fundId,
          actorId: api.admin.id,
          text: 'Mentioned you',
          link: '/',
        },
      ],
      at,
    );
    await announce(api.db);
    expect(
      (await theirs.waitFor((e) => e.event === 'notifications' && (e.data as { unread: number }).unread === 1, 'unread 1')).data,
    ).toEqual({ unread: 1 });
    // The other person's stream still gets changes (so it was woken), but no second count.
    const batchId = await editRow(5_100);
    await someoneElse.waitFor(isChangeOf(batchId), 'a change');
    expect(someoneElse.events.filter((e) => e.event === 'notifications')).toEqual([expect.objectContaining({ data: { unread: 0 } })]);
    theirs.close();
    someoneElse.close();
  });
});

describe('catching up and ending', () => {
  it('replays the changes since Last-Event-ID (header or query) to a reconnecting stream, and says reset past the bound', async () => {
    const cookie = await live.cookieOf(finance.user.email);
    const first = await live.open(cookie, f.fundId);
    const seen = await first.waitFor(isChangeOf(await editRow(6_000)), 'a change');
    first.close();
    const missed = [await editRow(6_001), await editRow(6_002)];

    const again = await live.open(cookie, f.fundId, seen.id ?? 0);
    for (const batchId of missed) await again.waitFor(isChangeOf(batchId), `missed change ${batchId}`);
    expect(changes(again).map((c) => c.batchId)).toEqual(missed);
    const ids = again.events.filter((e) => e.event === 'change').map((e) => e.id ?? 0);
    expect(ids[0]).toBeGreaterThan(seen.id ?? 0);

    const byQuery = await live.open(cookie, `${f.fundId}&lastEventId=${seen.id ?? 0}`);
    await byQuery.waitFor(isChangeOf(missed[1] ?? ''), 'the missed change, by query');
    expect(changes(byQuery).map((c) => c.batchId)).toEqual(missed);

    // More than the bound (20 events) since: the client is told to reload instead.
    const from = ids.at(-1) ?? 0;
    for (let q = 1; q <= 4; q++)
      await api.caller.contributions.create({ fundId: f.fundId, orgId: f.icbId, source: 'nhs_minimum', quarter: q, plannedPence: q });
    const late = await live.open(cookie, f.fundId, from);
    await late.waitFor((e) => e.event === 'reset', 'reset');
    expect(changes(late)).toEqual([]);
    for (const s of [again, byQuery, late]) s.close();
  });

  it('ends the stream when its session ends, and removes its presence', async () => {
    const cookie = await live.cookieOf(finance.user.email);
    const stream = await live.open(cookie, f.fundId);
    const { connectionId } = (await stream.waitFor((e) => e.event === 'hello', 'hello')).data as { connectionId: string };
    await stream.waitFor((e) => e.event === 'presence', 'presence');
    const row = () => api.db.selectFrom('presence').select('connectionId').where('connectionId', '=', connectionId).executeTakeFirst();
    expect(await row()).toBeDefined();
    const out = await fetch(`${live.base}/trpc/auth.logout`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: 'null',
    });
    expect(out.status).toBe(200);
    await stream.waitForEnd();
    await expect.poll(row, { timeout: 5_000 }).toBeUndefined();
  });
});

// Several server processes on one PostgreSQL database (issue: "no state that matters lives only in server memory"):
// an edit saved through one process reaches a stream held by another (LISTEN/NOTIFY), and so does presence.
describe.runIf(TEST_POSTGRES_URL)('two server processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let serverA: RunningServer;
  let serverB: RunningServer;

  beforeAll(async () => {
    database = await freshDatabase();
    // One after the other: the first seeds the demo data into the empty database, the second finds it there.
    serverA = await startServer({ DATABASE_URL: database.url });
    serverB = await startServer({ DATABASE_URL: database.url });
  }, 90_000);
  afterAll(async () => {
    await serverA?.stop();
    await serverB?.stop();
    await database?.drop();
  });

  it('an edit through server A reaches a stream on server B, and presence on A is seen on B', async () => {
    const finance = await apiAs(serverA.url, 'finance@demo.test');
    const { fund } = await demoBcfFund(finance);
    const onB = await openSse(
      `${serverB.url}/events?fundId=${fund.id}`,
      await signInCookie(serverB.url, 'council.finance@demo.test', DEMO_PASSWORD),
    );
    await onB.waitFor((e) => e.event === 'presence', 'presence on B');

    const row = (await finance.query<ContributionListRow[]>('contributions.list', { fundId: fund.id }))[0];
    if (!row) throw new Error('the demo fund has no rows');
    const { batchId } = await finance.mutate<{ batchId: string }>('contributions.applyBatch', {
      fundId: fund.id,
      changes: [{ op: 'update', id: row.id, version: row.version, values: { plannedPence: 123_456 } }],
    });
    const change = (await onB.waitFor(isChangeOf(batchId), 'the change saved through A')).data as LiveChange;
    expect(change.events).toContainEqual(expect.objectContaining({ entity: 'contribution', entityId: row.id, newValue: 123_456 }));

    const onA = await openSse(
      `${serverA.url}/events?fundId=${fund.id}`,
      await signInCookie(serverA.url, 'finance@demo.test', DEMO_PASSWORD),
    );
    const { connectionId } = (await onA.waitFor((e) => e.event === 'hello', 'hello on A')).data as { connectionId: string };
    const cell = { entity: 'contribution', id: row.id, field: 'actualPence' };
    await finance.mutate('presence.select', { connectionId, cell });
    const seen = await onB.waitFor(
      (e) => e.event === 'presence' && (e.data as LivePresence).viewers.some((v) => v.connectionId === connectionId && v.cell !== null),
      "A's viewer and cell on B",
    );
    expect((seen.data as LivePresence).viewers.find((v) => v.connectionId === connectionId)).toMatchObject({
      user: { name: 'Fin Officer (demo)' },
      cell,
    });
    onA.close();
    onB.close();
  });
});
