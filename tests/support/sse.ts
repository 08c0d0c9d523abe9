// Reading a server-sent event stream (`GET /events`) in a test or the bench, as a browser's EventSource would: each
// event with its name, id and parsed data, kept in arrival order, and a wait for the one a test expects.

export interface SseEvent {
  event: string;
  id: number | null;
  data: unknown;
  /** performance.now() when it arrived (the bench's latency). */
  at: number;
}

export interface SseStream {
  status: number;
  /** The refusal's text, when the stream did not open. */
  text: string;
  headers: Headers;
  events: SseEvent[];
  /** Whether the server ended the stream. */
  ended: () => boolean;
  /** Resolves with the first event (already received or coming) that `match` accepts; rejects after `ms`. */
  waitFor: (match: (e: SseEvent) => boolean, what: string, ms?: number) => Promise<SseEvent>;
  /** Resolves when the server ends the stream; rejects after `ms`. */
  waitForEnd: (ms?: number) => Promise<void>;
  close: () => void;
}

/** Open `url` with the session cookie (and Last-Event-ID when given) and read it in the background. */
export async function openSse(url: string, cookie: string, lastEventId?: number): Promise<SseStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { Cookie: cookie, Accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
  const res = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  let done = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const stream: SseStream = {
    status: res.status,
    text: '',
    headers: res.headers,
    events,
    ended: () => done,
    waitFor: (match, what, ms = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} within ${ms} ms; got: ${JSON.stringify(events.map((e) => e.event))}`));
        }, ms);
        waiters.add(check);
        check();
      }),
    waitForEnd: (ms = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!done) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the stream did not end within ${ms} ms`));
        }, ms);
        waiters.add(check);
        check();
      }),
    close: () => controller.abort(),
  };
  if (res.status !== 200 || !res.body) {
    stream.text = await res.text();
    done = true;
    return stream;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += value;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const parsed = parseBlock(block);
          if (parsed) {
            events.push(parsed);
            notify();
          }
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close(), or the connection dropped: the stream has ended either way.
    }
    done = true;
    notify();
  })();
  return stream;
}

function parseBlock(block: string): SseEvent | null {
  let event = 'message';
  let id: number | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') event = value;
    else if (name === 'id') id = Number(value);
    else if (name === 'data') data.push(value);
  }
  if (!data.length) return null;
  return { event, id, data: JSON.parse(data.join('\n')) as unknown, at: performance.now() };
}

/** Sign in over HTTP and return the session cookie. */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${email} failed: ${await login.text()}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
