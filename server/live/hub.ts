// The live hub, one per server process: it holds the open event streams (`GET /events`, stream.ts), wakes when
// something is written (db/change-signal.ts: in memory on SQLite, PostgreSQL's LISTEN through pg-listener.ts, and a
// slow poll in case a wake-up is missed), reads what is new from the database ONCE for all its streams (the audit log,
// the notification table, the presence table) and sends each stream what its person may see. Nothing that matters is
// kept only here: a stream that reconnects, to this process or another, catches up from the audit log.
import { announce, onLocalChange, type ChangeNotice } from '../../db/change-signal';
import type { DB } from '../../db/connection';
import {
  lastAuditEventId,
  lastNotificationId,
  notifiedSince,
  readFeed,
  removeStalePresence,
  touchPresence,
  unreadCount,
  viewersOf,
  type FeedEvent,
} from '../../db/repositories/live.repository';
import { mayReceive, PRESENCE_STALE_MS, type LiveChange, type LiveEventName } from '../../shared/live';
import { startPgListener, type PgListener } from './pg-listener';
import { openStreamPresence, closeStreamPresence, streamStillAllowed } from './presence';

export interface LiveOptions {
  /** A comment line this often keeps the connection (and proxies) open, and refreshes the stream's presence. */
  heartbeatMs?: number;
  /** How often each stream's session (and the fund's visibility) is checked again; a stream whose session ended ends. */
  sessionCheckMs?: number;
  /** The safety poll, in case a wake-up was missed. */
  pollMs?: number;
  /** A reconnecting stream replays at most this many audit events of its fund; past it, the client is told to reload. */
  catchUpLimit?: number;
  /** A PostgreSQL URL: LISTEN there for the other processes' changes (and this one's, delivered at commit). */
  listenUrl?: string;
  onError?: (message: string, error: unknown) => void;
}

/** One open stream, as the hub sees it. */
export interface LiveStream {
  connectionId: string;
  userId: number;
  isAdmin: boolean;
  /** The fund whose changes and presence it gets, or null (the person's notifications only). */
  fundId: number | null;
  partnershipId: number | null;
  /** The session cookie's token, checked again every sessionCheckMs. */
  sessionToken: string;
  send: (event: LiveEventName, data: unknown, id?: number) => void;
  /** A comment line (the heartbeat). */
  ping: () => void;
  /** End the response (the session ended, the server is stopping). */
  end: () => void;
}

/** How many audit events one wake-up reads at most; more are read by the next round at once. */
const FEED_PAGE = 2_000;
/** PostgreSQL hands out audit ids before commit, so a transaction may commit after one with a higher id: a gap in the
 * ids is waited for this long before it is taken to be a rolled-back transaction and skipped. */
const GAP_WAIT_MS = 10_000;
/** At most this many missing ids are looked for again in one round. */
const MAX_MISSING = 1_000;

export class LiveHub {
  private readonly streams = new Map<string, LiveStream>();
  /** Every audit id up to `floor` has been handled; `seen` holds the handled ids above it (PostgreSQL's gaps). */
  private floor = 0;
  private readonly seen = new Set<number>();
  private maxSeen = 0;
  private gapSince: number | null = null;
  private notificationCursor = 0;
  private queue: Promise<void> = Promise.resolve();
  private tickQueued = false;
  private readonly presenceDue = new Set<number>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopLocal: (() => void) | null = null;
  private listener: PgListener | null = null;
  private closed = false;
  /** Set while no stream is open and changes go unread: the cursors must be taken again before the next stream. */
  private cursorsStale = false;
  readonly heartbeatMs: number;
  private readonly sessionCheckMs: number;
  private readonly pollMs: number;
  private readonly catchUpLimit: number;
  private readonly onError: (message: string, error: unknown) => void;

  constructor(
    private readonly db: DB,
    private readonly now: () => Date,
    private readonly options: LiveOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.sessionCheckMs = options.sessionCheckMs ?? 60_000;
    this.pollMs = options.pollMs ?? 3_000;
    this.catchUpLimit = options.catchUpLimit ?? 2_000;
    this.onError = options.onError ?? ((message, error) => console.error(message, error));
  }

  /** Take the cursors and start listening. The first stream waits for this through the queue. */
  start(): void {
    this.enqueue(() => this.takeCursors());
    this.stopLocal = onLocalChange((notice) => this.wake(notice));
    if (this.options.listenUrl) this.listener = startPgListener(this.options.listenUrl, this.onError);
    const every = (ms: number, run: () => void) => {
      const timer = setInterval(run, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.pollMs, () => this.scheduleTick());
    every(this.heartbeatMs, () => this.enqueue(() => this.heartbeat()));
    every(this.sessionCheckMs, () => this.enqueue(() => this.checkSessions()));
  }

  /** Start reading after what the database holds now: at start, and when a stream opens after the hub stood idle. */
  private async takeCursors(): Promise<void> {
    this.floor = this.maxSeen = await lastAuditEventId(this.db);
    this.notificationCursor = await lastNotificationId(this.db);
    this.seen.clear();
    this.gapSince = null;
    this.cursorsStale = false;
  }

  /** End every stream and stop (the server is draining or closed). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.stopLocal?.();
    for (const stream of [...this.streams.values()]) stream.end();
    await this.queue;
    await this.listener?.close();
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /**
   * Register a stream: replay its fund's visible changes after `lastEventId` (or send `reset` when there are too many),
   * note its presence and send its unread count. Runs in the hub's queue, so no change falls between the replay and
   * the first change sent live, nor is sent twice.
   */
  open(stream: LiveStream, lastEventId: number | null): Promise<void> {
    return this.enqueue(async () => {
      if (this.closed) return stream.end();
      if (this.cursorsStale) await this.takeCursors();
      if (stream.fundId !== null && lastEventId !== null) await this.replay(stream, stream.fundId, lastEventId);
      this.streams.set(stream.connectionId, stream);
      if (stream.fundId !== null) await openStreamPresence(this.db, stream.connectionId, stream.userId, stream.fundId, this.now());
      stream.send('notifications', { unread: await unreadCount(this.db, stream.userId) });
    });
  }

  /** A stream closed (the page left, the connection dropped): forget it and its presence. */
  remove(connectionId: string): void {
    const stream = this.streams.get(connectionId);
    if (!stream) return;
    this.streams.delete(connectionId);
    if (stream.fundId !== null && !this.closed) {
      const fundId = stream.fundId;
      void this.enqueue(() => closeStreamPresence(this.db, connectionId, fundId));
    } else if (stream.fundId !== null) {
      // Stopping: remove the row now (the queue is being drained), so no one sees a viewer who left.
      void closeStreamPresence(this.db, connectionId, stream.fundId).catch((error: unknown) => this.onError('presence not removed', error));
    }
  }

  private wake(notice: ChangeNotice): void {
    if (notice.kind === 'presence') this.presenceDue.add(notice.fundId);
    this.scheduleTick();
  }

  private scheduleTick(): void {
    if (this.tickQueued || this.closed) return;
    // No stream open in this process: nothing to read for anyone. The cursors are taken afresh when one opens (every
    // change before it reaches it through its replay), so an idle hub costs a write nothing (issue 18).
    if (this.streams.size === 0) {
      this.cursorsStale = true;
      this.presenceDue.clear();
      return;
    }
    this.tickQueued = true;
    void this.enqueue(async () => {
      this.tickQueued = false;
      await this.tick();
    });
  }

  private enqueue(work: () => Promise<void> | void): Promise<void> {
    const next = this.queue.then(work).catch((error: unknown) => this.onError('live events', error));
    this.queue = next;
    return next;
  }

  /** One round: new changes, new notifications, and the presence of the funds that changed. */
  private async tick(): Promise<void> {
    // The ids not yet seen below the newest seen (PostgreSQL: a transaction still committing), then what is new.
    const missing: number[] = [];
    for (let id = this.floor + 1; id < this.maxSeen && missing.length < MAX_MISSING; id++) if (!this.seen.has(id)) missing.push(id);
    const late = missing.length ? await readFeed(this.db, this.floor, missing.length, undefined, missing) : [];
    const events = await readFeed(this.db, this.maxSeen, FEED_PAGE);
    const fresh = [...late, ...events].filter((e) => !this.seen.has(e.id));
    for (const event of fresh) {
      this.seen.add(event.id);
      this.maxSeen = Math.max(this.maxSeen, event.id);
    }
    this.advanceFloor();
    if (this.streams.size) this.deliver(fresh);

    const notified = await notifiedSince(this.db, this.notificationCursor);
    this.notificationCursor = notified.lastId;
    for (const userId of notified.userIds) {
      const theirs = [...this.streams.values()].filter((s) => s.userId === userId);
      if (!theirs.length) continue;
      const unread = await unreadCount(this.db, userId);
      for (const stream of theirs) stream.send('notifications', { unread });
    }

    const funds = [...this.presenceDue];
    this.presenceDue.clear();
    for (const fundId of funds) await this.sendPresence(fundId);
    if (events.length === FEED_PAGE) this.scheduleTick();
  }

  /** Move the floor over the ids handled without a gap; a gap older than GAP_WAIT_MS is skipped. */
  private advanceFloor(): void {
    for (;;) {
      while (this.seen.has(this.floor + 1)) this.seen.delete(++this.floor);
      if (!this.seen.size) {
        this.gapSince = null;
        return;
      }
      const at = this.now().getTime();
      this.gapSince ??= at;
      if (at - this.gapSince < GAP_WAIT_MS) return;
      let lowest = Infinity;
      for (const id of this.seen) lowest = Math.min(lowest, id);
      this.floor = lowest - 1;
      this.gapSince = null;
    }
  }

  /** Each batch, per fund, to every open stream of that fund whose person may see it (only the events they may). */
  private deliver(events: readonly FeedEvent[], only?: LiveStream): void {
    for (const group of groupByBatchAndFund(events)) {
      const targets = only ? [only] : [...this.streams.values()].filter((s) => s.fundId === group.fundId);
      for (const stream of targets) {
        const visible = group.events.filter((e) => mayReceive({ id: stream.userId, isAdmin: stream.isAdmin }, e));
        const last = visible.at(-1);
        if (!last) continue;
        stream.send('change', changeOf(group.fundId, visible), last.id);
      }
    }
  }

  private async replay(stream: LiveStream, fundId: number, lastEventId: number): Promise<void> {
    const handled = (e: FeedEvent) => e.id <= this.maxSeen && (e.id <= this.floor || this.seen.has(e.id));
    const events = (await readFeed(this.db, lastEventId, this.catchUpLimit + 1, fundId)).filter(handled);
    if (events.length > this.catchUpLimit) stream.send('reset', { reason: 'Too many changes to catch up: reload the page' });
    else this.deliver(events, stream);
  }

  private async sendPresence(fundId: number): Promise<void> {
    const targets = [...this.streams.values()].filter((s) => s.fundId === fundId);
    if (!targets.length) return;
    const viewers = await viewersOf(this.db, fundId, this.staleBefore());
    for (const stream of targets) stream.send('presence', { fundId, viewers });
  }

  private staleBefore(): string {
    return new Date(this.now().getTime() - PRESENCE_STALE_MS).toISOString();
  }

  /** Keep the connections open, refresh this process's presence rows and clear the rows no process refreshes. */
  private async heartbeat(): Promise<void> {
    for (const stream of this.streams.values()) stream.ping();
    const withFund = [...this.streams.values()].filter((s) => s.fundId !== null).map((s) => s.connectionId);
    await touchPresence(this.db, withFund, this.now().toISOString());
    for (const fundId of await removeStalePresence(this.db, this.staleBefore())) await announce(this.db, { kind: 'presence', fundId });
  }

  /** End the streams whose session ended, or whose person may no longer see the fund. */
  private async checkSessions(): Promise<void> {
    for (const stream of [...this.streams.values()]) {
      if (!(await streamStillAllowed(this.db, stream, this.now()))) stream.end();
    }
  }
}

interface BatchGroup {
  fundId: number;
  events: FeedEvent[];
}

/** Events grouped by batch and fund, in the order of each group's first event. */
function groupByBatchAndFund(events: readonly FeedEvent[]): BatchGroup[] {
  const groups = new Map<string, BatchGroup>();
  for (const event of events) {
    if (event.fundId === null) continue;
    const key = `${event.batchId}|${event.fundId}`;
    const group = groups.get(key) ?? { fundId: event.fundId, events: [] };
    group.events.push(event);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function changeOf(fundId: number, events: readonly FeedEvent[]): LiveChange {
  const first = events[0];
  return {
    batchId: first?.batchId ?? '',
    kind: first?.kind ?? '',
    label: first?.label ?? '',
    fundId,
    user: first && first.authorId !== null ? { id: first.authorId, name: first.userName ?? '' } : null,
    at: first?.at ?? '',
    events: events.map((e) => ({
      entity: e.entity,
      entityId: e.entityId,
      action: e.action,
      field: e.field,
      newValue: e.newValue,
      versionAfter: e.versionAfter,
    })),
  };
}
