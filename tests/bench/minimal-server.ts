// The grid section's floor: the smallest server that does the grid's three operations (create rows, change one cell,
// read a page of rows) over HTTP on SQLite, with nothing else: no sign-in, no validation, no audit, no compression.
// Its own process on its own database file (tests/bench/grid-data.ts writes its one table, shaped like contribution).
// It answers the tracker's URLs in the tracker's reply shape, so the bench's one client and its JSON parsing serve both.
// Usage: node minimal-server.mjs DATABASE_FILE (PORT from the environment, 0 for a free one).
import http from 'node:http';
import SQLite from 'better-sqlite3';

interface Change {
  op: string;
  id?: number;
  version?: number;
  values?: { orgId?: number; source?: string; quarter?: number; plannedPence?: number; actualPence?: number; note?: string };
}

const file = process.argv[2];
if (!file) throw new Error('usage: minimal-server DATABASE_FILE');
const db = new SQLite(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');

const COLUMNS = `id, org_id AS orgId, source, quarter, planned_pence AS plannedPence, actual_pence AS actualPence, note, version`;
const insert = db.prepare(
  `INSERT INTO contribution (fund_id, org_id, source, quarter, planned_pence, actual_pence, note, version, updated_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING ${COLUMNS}`,
);
const update = db.prepare(
  `UPDATE contribution SET planned_pence = coalesce(?, planned_pence), actual_pence = coalesce(?, actual_pence),
     note = coalesce(?, note), version = version + 1, updated_at = ?
   WHERE id = ? AND version = ? RETURNING ${COLUMNS}`,
);
const page = db.prepare(`SELECT ${COLUMNS} FROM contribution WHERE fund_id = ? ORDER BY org_id, source, quarter LIMIT ? OFFSET ?`);

/** One batch in one transaction; a stale version throws, so nothing of it is written. */
const applyBatch = db.transaction((fundId: number, changes: Change[]) => {
  const at = new Date().toISOString();
  return changes.map((c) => {
    const v = c.values ?? {};
    const row =
      c.op === 'create'
        ? insert.get(fundId, v.orgId, v.source, v.quarter, v.plannedPence ?? 0, v.actualPence ?? 0, v.note ?? '', at)
        : update.get(v.plannedPence ?? null, v.actualPence ?? null, v.note ?? null, at, c.id, c.version);
    if (!row) throw new Error(`row ${c.id ?? ''} changed since version ${c.version ?? ''}`);
    return row;
  });
});

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/trpc/contributions.list') {
    const input = JSON.parse(url.searchParams.get('input') ?? '{}') as { fundId: number; offset?: number; limit?: number };
    send(res, 200, { result: { data: page.all(input.fundId, input.limit ?? -1, input.offset ?? 0) } });
    return;
  }
  if (req.method === 'POST' && url.pathname === '/trpc/contributions.applyBatch') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { fundId: number; changes: Change[] };
      try {
        send(res, 200, { result: { data: { rows: applyBatch(input.fundId, input.changes) } } });
      } catch (error) {
        send(res, 409, { error: { message: error instanceof Error ? error.message : String(error) } });
      }
    });
    return;
  }
  send(res, 404, { error: { message: `no ${req.method ?? ''} ${url.pathname}` } });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => {
    db.close();
    process.exit(0);
  });
  server.closeAllConnections();
});
