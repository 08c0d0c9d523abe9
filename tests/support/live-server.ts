// A real HTTP server on a test's database for the live event tests, with short heartbeats and session checks so a
// test waits a fraction of a second for them; on PostgreSQL it LISTENs as the real server does.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPostgresUrl } from '../../db/connection';
import { createServer } from '../../server/http';
import type { LiveOptions } from '../../server/live/hub';
import { TEST_PASSWORD, type TestApi } from './api';
import { openSse, signInCookie, type SseStream } from './sse';

export interface LiveServer {
  base: string;
  server: http.Server;
  /** Sign in as this email (a user made by api.userWith) and return the session cookie. */
  cookieOf: (email: string) => Promise<string>;
  open: (cookie: string, fundId?: number | string, lastEventId?: number) => Promise<SseStream>;
  close: () => Promise<void>;
}

export async function startLiveServer(api: TestApi, live: LiveOptions = {}): Promise<LiveServer> {
  const server = createServer(api.db, {
    live: {
      heartbeatMs: 200,
      sessionCheckMs: 200,
      pollMs: 1_000,
      ...(isPostgresUrl(api.file) ? { listenUrl: api.file } : {}),
      ...live,
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const streams: SseStream[] = [];
  return {
    base,
    server,
    cookieOf: (email) => signInCookie(base, email, TEST_PASSWORD),
    open: async (cookie, fundId, lastEventId) => {
      const stream = await openSse(`${base}/events${fundId === undefined ? '' : `?fundId=${fundId}`}`, cookie, lastEventId);
      streams.push(stream);
      return stream;
    },
    close: async () => {
      for (const stream of streams) stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
