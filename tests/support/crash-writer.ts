// The crash tests' target: a process that runs the real write path (the zod schemas, the policy's actor and the
// contributions services over db/unit-of-work.ts runBatch) in a loop until it is SIGKILLed, saying on stdout what it
// is about to commit (INTENT) and what was committed (OK), so the test can check the database against it.
// usage: node --import tsx tests/support/crash-writer.ts DB_FILE FUND_ID USER_ID SEED TAG MAX_IMPORT_ROWS
import { openDatabase } from '../../db/connection';
import { listContributions } from '../../db/repositories/contribution.repository';
import { listYearStreams } from '../../db/repositories/fund.repository';
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { findPartnership } from '../../db/repositories/partnership.repository';
import { findFund } from '../../db/repositories/fund.repository';
import { findUser } from '../../db/repositories/user.repository';
import { actorFor, visiblePartnershipIds } from '../../server/policy';
import { importContributions } from '../../server/services/contribution-import';
import { applyContributionBatch } from '../../server/services/contributions';
import { contributionImportInput } from '../../shared/import';
import { applyBatchInput } from '../../shared/schemas';
import { digestOf, modelOf, planBatch, planImport, seededRandom, type KeySpace, type Model } from './crash-model';

const [file, fundArg, userArg, seedArg, tag, importArg] = process.argv.slice(2);
if (!file || !fundArg || !userArg || !seedArg || !tag || !importArg) {
  console.error('usage: crash-writer.ts DB_FILE FUND_ID USER_ID SEED TAG MAX_IMPORT_ROWS');
  process.exit(2);
}
const fundId = Number(fundArg);
const maxImportRows = Number(importArg);
const rng = seededRandom(Number(seedArg));

/** One line per write to stdout: on Linux a write to a pipe is synchronous, so a line printed is a line the test
 * reads, even when the process is killed right after. */
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const db = openDatabase(file);
  const found = await findUser(db, Number(userArg));
  const fund = await findFund(db, fundId);
  if (!found || !fund) throw new Error('the crash database has no such user or fund');
  const user = { id: found.id, name: found.name, email: found.email, role: found.role, orgIds: found.orgIds };
  const actor = actorFor(user, await visiblePartnershipIds(db, user));
  const members = new Set((await findPartnership(db, fund.partnershipId))?.memberOrgIds ?? []);
  const space: KeySpace = {
    partners: (await listOrganisations(db)).filter((o) => members.has(o.id)).map((o) => ({ id: o.id, name: o.name })),
    sources: (await listYearStreams(db, fund.bcfYear)).map((s) => s.code),
  };
  const load = async (): Promise<Model> => modelOf(await listContributions(db, fundId));
  let model = await load();
  say(`READY ${digestOf(model.values())}`);
  let planned = '';
  for (let n = 1; ; n += 1) {
    const label = `${tag}-${n}`;
    if (rng() < 0.12) {
      const plan = planImport(rng, model, space, 20 + Math.floor(rng() * maxImportRows));
      if (plan.events === 0) continue;
      const input = contributionImportInput.parse({ ...plan.input, fundId, fileName: `${label}.csv` });
      planned = digestOf(plan.after.values());
      say(`INTENT ${label} ${plan.events} ${planned}`);
      const result = await importContributions(db, actor, user, input);
      say(`OK ${label} ${result.batchId ?? 'none'}`);
    } else {
      const plan = planBatch(rng, model, space, 30);
      if (plan.changes.length === 0) continue;
      const input = applyBatchInput.parse({ fundId, changes: plan.changes });
      planned = digestOf(plan.after.values());
      say(`INTENT ${label} ${plan.events} ${planned}`);
      const result = await applyContributionBatch(db, actor, input, { kind: 'batch', label });
      say(`OK ${label} ${result.batchId}`);
    }
    // Read back what was committed (the new rows' ids), and check it is what was planned.
    model = await load();
    if (digestOf(model.values()) !== planned) throw new Error(`after ${label} the fund is not what was planned`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
