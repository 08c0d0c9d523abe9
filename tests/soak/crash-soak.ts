// `npm run soak`: the crash test at length. 1,000 SIGKILLs of the crash writer (the real write path in its own
// process) at random points of batches and imports, and 20 of the real HTTP server, each followed by a restart on the
// same database and the full check (confirmed changes present, no batch half-applied, audit replay equals the data,
// integrity_check ok). Prints how many kills and restarts were survived with nothing lost; exits 1 at the first loss.
// usage: npm run soak [-- --cycles 1000 --server-cycles 20 --seed 1]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CrashViolation,
  emptyStats,
  prepareCrashDatabase,
  runServerCycles,
  runWriterCycles,
  writerCommand,
  type CrashStats,
} from '../support/crash';

/** Cycles per database: the check replays the whole audit log after every kill, so a fresh database now and then
 * keeps each check as quick as the first without making any check weaker. */
const CYCLES_PER_DATABASE = 100;

function add(total: CrashStats, more: CrashStats): void {
  total.kills += more.kills;
  total.confirmedWrites += more.confirmedWrites;
  total.midWrite += more.midWrite;
  total.inFlightCommitted += more.inFlightCommitted;
  total.inFlightRolledBack += more.inFlightRolledBack;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cycles: { type: 'string', default: '1000' },
      'server-cycles': { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
    },
  });
  const cycles = Number(values.cycles);
  const serverCycles = Number(values['server-cycles']);
  const seed = Number(values.seed);
  if (!Number.isInteger(cycles) || cycles < 0 || !Number.isInteger(serverCycles) || serverCycles < 0 || !Number.isInteger(seed)) {
    throw new Error('usage: npm run soak -- [--cycles N] [--server-cycles N] [--seed N]');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-soak-'));
  const started = Date.now();
  const writer = await writerCommand(dir);
  const total = emptyStats();
  try {
    for (let first = 1; first <= cycles; first += CYCLES_PER_DATABASE) {
      const count = Math.min(CYCLES_PER_DATABASE, cycles - first + 1);
      const db = await prepareCrashDatabase(path.join(dir, `soak-${first}.sqlite`), 30);
      const stats = await runWriterCycles(db, {
        writer,
        cycles: count,
        seed: seed * 100_003 + first,
        maxDelayMs: 400,
        maxImportRows: 800,
        firstCycle: first,
      });
      add(total, stats);
      fs.rmSync(db.file, { force: true });
      const elapsed = (Date.now() - started) / 1000;
      console.log(
        `  ${total.kills} writer kills survived (${total.confirmedWrites} confirmed writes checked, ${total.midWrite} kills mid-write), ${elapsed.toFixed(0)} s`,
      );
    }
    const writerSeconds = (Date.now() - started) / 1000;
    const serverStarted = Date.now();
    const server =
      serverCycles > 0
        ? await runServerCycles(fs.mkdtempSync(path.join(dir, 'server-')), {
            cycles: serverCycles,
            seed,
            minDelayMs: 200,
            maxDelayMs: 2000,
          })
        : emptyStats();
    const serverSeconds = (Date.now() - serverStarted) / 1000;
    const all = emptyStats();
    add(all, total);
    add(all, server);
    console.log('');
    // Reaching here means every check passed: the first lost change, half-applied batch or replay mismatch throws.
    console.log(`Soak: ${all.kills} SIGKILLs and restarts survived with nothing lost.`);
    console.log(
      `  crash writer (real write path): ${total.kills} kills in ${writerSeconds.toFixed(0)} s (${((writerSeconds * 1000) / Math.max(1, total.kills)).toFixed(0)} ms per cycle)`,
    );
    console.log(`  real HTTP server: ${server.kills} kills in ${serverSeconds.toFixed(0)} s`);
    console.log(`  confirmed writes, all present after their kill: ${all.confirmedWrites}`);
    console.log(
      `  kills with a write under way: ${all.midWrite} (committed whole: ${all.inFlightCommitted}; left no trace: ${all.inFlightRolledBack}); none half-applied`,
    );
    console.log('  after every kill: audit replay equals every contribution, integrity_check ok');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof CrashViolation ? `Soak FAILED: ${error.message}` : error);
  process.exit(1);
});
