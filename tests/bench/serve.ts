// The server the bench measures, run as its own process (so its memory is its own, and the bench's clients do not
// share its event loop): the real createServer on the generated database. Prints {"port": N} once listening.
import { migrateToLatest, openDatabase } from '../../db/connection';
import { createServer, drain } from '../../server/http';

const file = process.argv[2];
if (!file) throw new Error('usage: serve.ts DATABASE_FILE');
const db = openDatabase(file);
// A no-op on the generated database, as at every real start.
await migrateToLatest(db);
const server = createServer(db);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
// SIGUSR2 prints where the memory is (heap, external buffers, the rest), for working out what RSS is made of.
process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  const before = process.memoryUsage();
  gc?.();
  process.stderr.write(`memory ${JSON.stringify({ before, ...(gc ? { afterGc: process.memoryUsage() } : {}) })}\n`);
});
process.once('SIGTERM', () => {
  void drain(server, 2_000).then(async () => {
    await db.destroy();
    process.exit(0);
  });
});
