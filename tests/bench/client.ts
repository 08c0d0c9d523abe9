// The bench's API client: plain JSON over node:http with one kept-alive connection per client, as a browser tab
// holds one, so a measured edit is one request on a warm connection and not the cost of opening sockets.
import http from 'node:http';

export interface Reply<T = unknown> {
  status: number;
  data?: T;
  error?: { message?: string; code?: string; data?: { code?: string } };
}

export class BenchClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private cookie = '';

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  private request<T>(method: 'GET' | 'POST', path: string, body?: string): Promise<Reply<T> & { setCookie?: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = this.cookie ? { Cookie: this.cookie } : {};
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(body));
      }
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: { result?: { data: T }; error?: Reply['error'] } = {};
          try {
            parsed = JSON.parse(text) as typeof parsed;
          } catch {
            parsed = { error: { message: text.slice(0, 200) } };
          }
          const setCookie = res.headers['set-cookie']?.[0];
          resolve({ status: res.statusCode ?? 0, data: parsed.result?.data, error: parsed.error, setCookie });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  async signIn(email: string, password: string): Promise<void> {
    const reply = await this.request('POST', '/trpc/auth.login', JSON.stringify({ email, password }));
    const cookie = reply.setCookie?.split(';')[0];
    if (reply.status !== 200 || !cookie) throw new Error(`sign-in as ${email} failed: ${reply.status} ${JSON.stringify(reply.error)}`);
    this.cookie = cookie;
  }

  query<T>(name: string, input?: unknown): Promise<Reply<T>> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.request<T>('GET', `/trpc/${name}${qs}`);
  }

  mutate<T>(name: string, input: unknown): Promise<Reply<T>> {
    return this.request<T>('POST', `/trpc/${name}`, JSON.stringify(input));
  }

  /** A query's reply as it crossed the wire (with `headers`, say Accept-Encoding: br): its body's size in bytes, not
   * decoded, and its Content-Encoding ('' when none). */
  wire(name: string, input: unknown, headers: Record<string, string>): Promise<{ status: number; bytes: number; encoding: string }> {
    const path = `/trpc/${name}?input=${encodeURIComponent(JSON.stringify(input))}`;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method: 'GET',
          path,
          headers: { ...headers, ...(this.cookie ? { Cookie: this.cookie } : {}) },
          agent: this.agent,
        },
        (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, encoding: String(res.headers['content-encoding'] ?? '') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** The reply's data, or a thrown error naming the procedure: for set-up calls that must succeed. */
  async must<T>(reply: Promise<Reply<T>>, what: string): Promise<T> {
    const r = await reply;
    if (r.status !== 200 || r.data === undefined) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.error)}`);
    return r.data;
  }

  close(): void {
    this.agent.destroy();
  }
}
