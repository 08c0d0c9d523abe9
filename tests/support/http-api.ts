// The real HTTP server on a test database, on a free port, with a session signed in: for API tests that need what
// only HTTP has (headers, compression, status codes), not the in-process caller.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { DB } from '../../db/connection';
import { createServer } from '../../server/http';

export interface ServedApi {
  server: http.Server;
  base: string;
  /** The session cookie (`bcf_session=...`) to send with each request. */
  cookie: string;
}

export async function serveSignedIn(db: DB, email: string, password: string): Promise<ServedApi> {
  const server = createServer(db);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  return { server, base, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}
