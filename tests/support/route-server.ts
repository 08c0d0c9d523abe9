// A download route (the board pack's, a return's) served over real HTTP for its unit tests, with a stand-in for the
// API's caller: requests the route does not take are answered 418, so a test that reaches one says so.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RouteServer {
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

export async function serveRoute(
  isRequest: (url: string) => boolean,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): Promise<RouteServer> {
  const server = http.createServer((req, res) => {
    if (isRequest(req.url ?? '/')) void handle(req, res);
    else res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
