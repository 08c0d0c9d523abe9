// The bench's live section: 50 open event streams (`GET /events`) spread over 20 funds of 20 partnerships while 20
// clients edit their own funds. Every edit must reach every stream of its fund, and no stream of another fund; the
// delay from an edit's reply to its event's arrival at each viewer is measured, and the server's memory before and
// after.
import { performance } from 'node:perf_hooks';
import type { LiveChange } from '../../shared/live';
import { openSse, signInCookie, type SseStream } from '../support/sse';
import { BenchClient } from './client';
import { editableRows, type Editor } from './edits';

export interface Viewer {
  email: string;
  password: string;
  fundId: number;
}

export interface LiveResult {
  streams: number;
  edits: number;
  expected: number;
  delivered: number;
  /** Events that reached a stream not of the edit's fund, or that no edit accounts for. */
  wrong: number;
  /** ms from each edit's reply to its event at each viewer (0 when the event came first). */
  latencies: number[];
}

/** The edits' key: the row and the version the edit made, which its audit event carries. */
const keyOf = (rowId: number, version: number) => `${rowId}:${version}`;

export async function liveDelivery(host: string, port: number, editors: Editor[], viewers: Viewer[], seconds: number): Promise<LiveResult> {
  const base = `http://${host}:${port}`;
  const streams: { fundId: number; stream: SseStream }[] = [];
  for (const viewer of viewers) {
    const cookie = await signInCookie(base, viewer.email, viewer.password);
    const stream = await openSse(`${base}/events?fundId=${viewer.fundId}`, cookie);
    if (stream.status !== 200) throw new Error(`the stream of ${viewer.email} was refused: ${stream.status} ${stream.text}`);
    streams.push({ fundId: viewer.fundId, stream });
  }
  for (const { stream } of streams) await stream.waitFor((e) => e.event === 'presence', 'presence', 30_000);

  const clients = await Promise.all(
    editors.map(async (e) => {
      const client = new BenchClient(host, port);
      await client.signIn(e.email, e.password);
      return { editor: e, client, rows: await editableRows(client, e.fundId, e.orgId) };
    }),
  );
  /** Each confirmed edit's fund and the moment its reply came. */
  const edits = new Map<string, { fundId: number; repliedAt: number }>();
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    clients.map(async ({ editor, client, rows }, k) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const row = rows[(i + k) % rows.length];
        if (!row) break;
        const reply = await client.mutate<{ id: number; version: number; plannedPence: number }>('contributions.update', {
          id: row.id,
          version: row.version,
          patch: { plannedPence: row.plannedPence + 1 },
        });
        if (reply.status !== 200 || !reply.data) throw new Error(`a live-section edit failed: ${JSON.stringify(reply.error)}`);
        edits.set(keyOf(reply.data.id, reply.data.version), { fundId: editor.fundId, repliedAt: performance.now() });
        row.plannedPence = reply.data.plannedPence;
        row.version = reply.data.version;
      }
    }),
  );
  for (const { client } of clients) client.close();

  const viewersOf = new Map<number, number>();
  for (const { fundId } of streams) viewersOf.set(fundId, (viewersOf.get(fundId) ?? 0) + 1);
  let expected = 0;
  for (const edit of edits.values()) expected += viewersOf.get(edit.fundId) ?? 0;

  // Wait until every expected event has come, or nothing more comes for 5 s.
  const received = () => streams.reduce((n, s) => n + s.stream.events.filter((e) => e.event === 'change').length, 0);
  let last = -1;
  let quietSince = performance.now();
  while (performance.now() - quietSince < 5_000) {
    const now = received();
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    }
    const delivered = countDelivered(streams, edits);
    if (delivered.delivered + delivered.wrong >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const result = countDelivered(streams, edits);
  for (const { stream } of streams) stream.close();
  return { streams: streams.length, edits: edits.size, expected, ...result };
}

function countDelivered(
  streams: readonly { fundId: number; stream: SseStream }[],
  edits: ReadonlyMap<string, { fundId: number; repliedAt: number }>,
): { delivered: number; wrong: number; latencies: number[] } {
  let delivered = 0;
  let wrong = 0;
  const latencies: number[] = [];
  for (const { fundId, stream } of streams) {
    const seen = new Set<string>();
    for (const event of stream.events) {
      if (event.event !== 'change') continue;
      const change = event.data as LiveChange;
      for (const item of change.events) {
        if (item.entity !== 'contribution' || item.field !== 'plannedPence' || item.versionAfter === null) continue;
        const key = keyOf(item.entityId, item.versionAfter);
        const edit = edits.get(key);
        if (!edit || edit.fundId !== fundId || change.fundId !== fundId || seen.has(key)) {
          wrong += 1;
          continue;
        }
        seen.add(key);
        delivered += 1;
        latencies.push(Math.max(0, event.at - edit.repliedAt));
      }
    }
  }
  return { delivered, wrong, latencies };
}
