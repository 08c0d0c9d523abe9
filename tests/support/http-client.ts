// A small API client for the reliability tests: plain JSON over real HTTP, as any client would call the API, keeping
// the status, headers and body of every reply (tests/support/server.ts's apiAs throws on errors; these tests read them).
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Read a nested property of parsed JSON without `any`. */
export function at(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: parse(text) };
}

export class HttpClient {
  constructor(
    readonly base: string,
    public cookie = '',
  ) {}

  /** Sign in and keep the session cookie; resolves with the sign-in reply. */
  async signIn(email: string, password: string): Promise<Reply> {
    const r = await this.post('auth.login', { email, password });
    const cookie = r.headers.get('set-cookie')?.split(';')[0];
    if (r.status === 200 && cookie) this.cookie = cookie;
    return r;
  }

  async get(name: string, input?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return reply(
      await fetch(`${this.base}/trpc/${name}${qs}`, { headers: { ...(this.cookie ? { Cookie: this.cookie } : {}), ...headers } }),
    );
  }

  async post(name: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.postRaw(name, JSON.stringify(input ?? null), headers);
  }

  async postRaw(name: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
    return reply(
      await fetch(`${this.base}/trpc/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}), ...headers },
        body,
      }),
    );
  }

  /** The data of a successful call; throws with the error the server sent otherwise. */
  async query<T>(name: string, input?: unknown): Promise<T> {
    return dataOf<T>(name, await this.get(name, input));
  }

  async mutate<T>(name: string, input?: unknown): Promise<T> {
    return dataOf<T>(name, await this.post(name, input));
  }
}

export function dataOf<T>(name: string, r: Reply): T {
  const data = at(r.json, 'result', 'data');
  if (r.status !== 200 || data === undefined) throw new Error(`${name} failed with HTTP ${r.status}: ${r.text.slice(0, 500)}`);
  return data as T;
}

/** The tRPC error code of a failed reply (BAD_REQUEST, CONFLICT...), or null. */
export function codeOf(r: Reply): string | null {
  const code = at(r.json, 'error', 'data', 'code');
  return typeof code === 'string' ? code : null;
}
