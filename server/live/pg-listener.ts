// PostgreSQL's LISTEN on the change channel, on a connection of its own: every process's batches announce themselves
// with NOTIFY at commit (db/change-signal.ts), and what this hears is passed to this process's hub with emitLocal. A
// dropped connection is opened again (with a growing wait); after it, the hub is woken once, since a notice may have
// been missed meanwhile (the hub reads what is new from the database, so nothing is lost, only late).
import type pg from 'pg';
import { CHANGE_CHANNEL, emitLocal, type ChangeNotice } from '../../db/change-signal';
import { loadPg } from '../../db/pg-driver';

export interface PgListener {
  close: () => Promise<void>;
}

const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];

function parseNotice(payload: string | undefined): ChangeNotice {
  try {
    const notice = JSON.parse(payload ?? '') as Partial<ChangeNotice>;
    if (notice.kind === 'presence' && typeof notice.fundId === 'number') return { kind: 'presence', fundId: notice.fundId };
  } catch {
    // An unreadable notice still means something changed.
  }
  return { kind: 'changes' };
}

export function startPgListener(url: string, onError: (message: string, error: unknown) => void): PgListener {
  let client: pg.Client | null = null;
  let stopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (stopped) return;
    const next = new (await loadPg()).Client({ connectionString: url });
    if (stopped) return;
    client = next;
    next.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL) emitLocal(parseNotice(message.payload));
    });
    next.on('error', (error) => {
      onError('the change listener lost its connection', error);
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
      if (failures > 0) emitLocal({ kind: 'changes' });
      failures = 0;
    } catch (error) {
      onError('the change listener could not connect', error);
      reconnect(next);
    }
  };

  const reconnect = (from: pg.Client) => {
    if (stopped || client !== from || retry) return;
    client = null;
    from.removeAllListeners();
    from.on('error', () => undefined);
    void from.end().catch(() => undefined);
    const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] ?? 10_000;
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, wait);
    retry.unref();
  };

  void connect();
  return {
    close: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const last = client;
      client = null;
      if (last) {
        last.removeAllListeners();
        last.on('error', () => undefined);
        await last.end().catch(() => undefined);
      }
    },
  };
}
