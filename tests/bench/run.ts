// `npm run bench`: prints how long the main operations take on a temporary database. Figures, not pass/fail:
// correctness is the tests' job (DEVELOPERS.md, rule 6).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrateToLatest, openDatabase } from '../../db/connection';
import { seedDemo } from '../../db/seed';
import { createCaller } from '../../server/router';
import { createUser } from '../../server/services/users';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcf-bench-'));
const db = openDatabase(path.join(dir, 'bench.sqlite'));
await migrateToLatest(db);
await seedDemo(db);
const { user: admin } = await createUser(db, { userId: null }, { email: 'bench@bench.example', name: 'Bench', role: 'admin', orgIds: [] });
const api = createCaller({
  db,
  user: { id: admin.id, name: admin.name, email: admin.email, role: admin.role, orgIds: [] },
  sessionTokenHash: null,
  clientAddress: '127.0.0.1',
  now: () => new Date(),
  sleep: async () => {},
  setCookie: () => {},
  secureCookies: false,
});

async function time(label: string, runs: number, work: () => Promise<unknown>): Promise<void> {
  await work(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  const p95 = samples[Math.floor(samples.length * 0.95)] ?? 0;
  console.log(`${label.padEnd(48)} median ${median.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms   (${runs} runs)`);
}

const [partnership] = await api.partnerships.list();
if (!partnership) throw new Error('no demo partnership');
const [fund] = await api.funds.list({ partnershipId: partnership.id });
if (!fund) throw new Error('no demo fund');

// A big fund: 2,000 extra rows across many extra partners, created as one batch.
const orgIds: number[] = [];
for (let i = 0; i < 50; i++) orgIds.push((await api.orgs.create({ name: `Bench partner ${i}`, sector: 'other' })).id);
const big = await api.partnerships.create({ name: 'Bench partnership', arrangement: 'pooled_fund', memberOrgIds: orgIds });
const bigFund = await api.funds.create({ partnershipId: big.id, name: 'Bench fund', financialYear: '2025/26' });
const sources = [
  'nhs_minimum',
  'la_bcf',
  'dfg',
  'discharge_la',
  'discharge_icb',
  'additional_la',
  'additional_icb',
  'other',
  'carry_forward',
  'partner_contribution',
];
let start = performance.now();
await api.contributions.applyBatch({
  fundId: bigFund.id,
  changes: orgIds.flatMap((orgId) =>
    sources.flatMap((source) =>
      [1, 2, 3, 4].map((quarter) => ({ op: 'create' as const, values: { orgId, source, quarter, plannedPence: 100_000 * quarter } })),
    ),
  ),
});
console.log(`${'applyBatch: create 2,000 rows (one transaction)'.padEnd(48)} ${(performance.now() - start).toFixed(2).padStart(8)} ms`);

await time('contributions.list (demo fund, 28 rows)', 50, () => api.contributions.list({ fundId: fund.id }));
await time('funds.summary (demo fund)', 50, () => api.funds.summary({ fundId: fund.id }));
await time('contributions.list (2,000 rows)', 20, () => api.contributions.list({ fundId: bigFund.id }));
await time('funds.summary (2,000 rows)', 20, () => api.funds.summary({ fundId: bigFund.id }));
await time('contributions.update (one cell)', 100, async () => {
  const [row] = await api.contributions.list({ fundId: fund.id });
  if (!row) throw new Error('no row');
  await api.contributions.update({ id: row.id, version: row.version, patch: { note: `bench ${row.version}` } });
});
const rows = await api.contributions.list({ fundId: bigFund.id });
start = performance.now();
await api.contributions.applyBatch({
  fundId: bigFund.id,
  changes: rows
    .slice(0, 1000)
    .map((r) => ({ op: 'update' as const, id: r.id, version: r.version, values: { actualPence: r.plannedPence } })),
});
console.log(`${'applyBatch: update 1,000 cells (one transaction)'.padEnd(48)} ${(performance.now() - start).toFixed(2).padStart(8)} ms`);

await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });
