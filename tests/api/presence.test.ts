// Presence (server/live/presence.ts): `presence.select` shows the cell one has selected to the others with the fund
// open, only on one's own connection (another's, or one that is not open, is refused and nothing written); a stream
// that closes takes its presence with it. Presence is not a figure: selecting writes no audit event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LivePresence } from '../../shared/live';
import type { SignedInUser } from '../../shared/types';
import { counts, expectTrpcError, openTestApi, type Caller, type TestApi } from '../support/api';
import { startLiveServer, type LiveServer } from '../support/live-server';
import type { SseEvent, SseStream } from '../support/sse';
import { bad, makeFund, type Fixture } from './fixtures';

let api: TestApi;
let live: LiveServer;
let f: Fixture;
let finance: { user: SignedInUser; caller: Caller };
let board: { user: SignedInUser; caller: Caller };

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'presence');
  finance = await api.userWith('finance_officer', [f.councilId]);
  board = await api.userWith('board_member', [f.councilId, f.icbId]);
  live = await startLiveServer(api);
});
afterAll(async () => {
  await live.close();
  await api.close();
});

async function connectionOf(stream: SseStream): Promise<string> {
  return ((await stream.waitFor((e) => e.event === 'hello', 'hello')).data as { connectionId: string }).connectionId;
}

const presenceWith = (match: (p: LivePresence) => boolean) => (e: SseEvent) => e.event === 'presence' && match(e.data as LivePresence);

describe('presence.select', () => {
  it("announces the selected cell to the fund's other viewers, without writing an audit event", async () => {
    const financeStream = await live.open(await live.cookieOf(finance.user.email), f.fundId);
    const boardStream = await live.open(await live.cookieOf(board.user.email), f.fundId);
    const financeConnection = await connectionOf(financeStream);
    await boardStream.waitFor(
      presenceWith((p) => p.viewers.some((v) => v.connectionId === financeConnection)),
      'the finance officer on the fund',
    );
    const cell = { entity: 'contribution', id: 7, field: 'q2PlannedPence' };
    const before = await counts(api.db);
    expect(await finance.caller.presence.select({ connectionId: financeConnection, cell })).toEqual({ ok: true });
    const seen = await boardStream.waitFor(
      presenceWith((p) => p.viewers.some((v) => v.connectionId === financeConnection && v.cell !== null)),
      'the selected cell',
    );
    expect((seen.data as LivePresence).viewers).toContainEqual({
      connectionId: financeConnection,
      user: { id: finance.user.id, name: finance.user.name },
      cell,
    });
    expect(await counts(api.db)).toEqual(before);

    // Closing the page's stream takes the viewer off the others' list.
    financeStream.close();
    await boardStream.waitFor(
      (e) =>
        e.event === 'presence' && e.at > seen.at && !(e.data as LivePresence).viewers.some((v) => v.connectionId === financeConnection),
      'the finance officer gone',
    );
    expect((await counts(api.db)).presence).toBe((before.presence ?? 0) - 1);
    boardStream.close();
  });

  it("refuses another person's connection, one not open and a malformed cell, writing nothing", async () => {
    const financeStream = await live.open(await live.cookieOf(finance.user.email), f.fundId);
    const financeConnection = await connectionOf(financeStream);
    await financeStream.waitFor(
      presenceWith((p) => p.viewers.some((v) => v.connectionId === financeConnection)),
      'presence',
    );
    const before = await counts(api.db);
    const rowBefore = await api.db.selectFrom('presence').selectAll().where('connectionId', '=', financeConnection).executeTakeFirst();

    const cell = { entity: 'contribution', id: 1, field: 'plannedPence' };
    const stolen = await expectTrpcError(board.caller.presence.select({ connectionId: financeConnection, cell }), 'FORBIDDEN');
    expect(stolen.message).toBe(`Connection ${financeConnection} is another person's: you can only show where you are`);
    const gone = '00000000-0000-4000-8000-000000000000';
    const missing = await expectTrpcError(finance.caller.presence.select({ connectionId: gone, cell }), 'NOT_FOUND');
    expect(missing.message).toMatch(`Connection ${gone} is not open`);
    const malformed = await expectTrpcError(
      finance.caller.presence.select(bad({ connectionId: financeConnection, cell: { entity: 'Contribution!', id: 0, field: 'x' } })),
      'BAD_REQUEST',
    );
    expect(malformed.message).toMatch(/Cell entity must be a table name/);
    expect(malformed.message).toMatch(/Cell row must be a whole number id/);
    await expectTrpcError(api.anonymous.presence.select({ connectionId: financeConnection, cell }), 'UNAUTHORIZED');

    expect(await counts(api.db)).toEqual(before);
    const rowAfter = await api.db.selectFrom('presence').selectAll().where('connectionId', '=', financeConnection).executeTakeFirst();
    expect(rowAfter?.cell).toBe(rowBefore?.cell);
    financeStream.close();
  });
});
