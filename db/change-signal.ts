// "Something was written": the one signal the live event streams (server/live/) wake on. Every batch announces itself
// from inside its transaction (db/unit-of-work.ts runBatch), and so does anything else that writes what a stream
// carries (a notification, a presence change). The streams then read what is new from the database itself (the audit
// log, the notification table, the presence table), so no state that matters lives only in this process's memory.
// - SQLite: one process; the notice is passed in memory. A reader woken by it waits for the transaction to end (one
//   connection), so it never reads a write that is not committed; after a rollback it simply finds nothing new.
// - PostgreSQL: NOTIFY inside the transaction is delivered at commit (never after a rollback) to every process
//   LISTENing on the channel, this one included, so events reach the clients of every server process.
import { sql } from 'kysely';
import { dialectOf, type DB } from './connection';
import type { Tx } from './unit-of-work';

/** What changed: figures, comments or notifications (read from the database), or who is on one fund. */
export type ChangeNotice = { kind: 'changes' } | { kind: 'presence'; fundId: number };

export const CHANGE_CHANNEL = 'bcf_changes';

type Listener = (notice: ChangeNotice) => void;
const listeners = new Set<Listener>();

/** Listen to this process's notices (on SQLite); returns the way to stop. PostgreSQL's come through LISTEN. */
export function onLocalChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Pass a notice to this process's listeners (also used by the PostgreSQL listener for what it hears). */
export function emitLocal(notice: ChangeNotice): void {
  for (const listener of listeners) listener(notice);
}

/** Announce a change; inside a transaction, it takes effect with the transaction. Never fails the write it follows. */
export async function announce(db: DB | Tx, notice: ChangeNotice = { kind: 'changes' }): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`select pg_notify(${CHANGE_CHANNEL}, ${JSON.stringify(notice)})`.execute(db);
  } else {
    queueMicrotask(() => emitLocal(notice));
  }
}
