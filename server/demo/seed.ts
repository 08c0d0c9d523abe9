// The demo seed: the ILLUSTRATIVE demo of this folder's data modules (fictional organisations and amounts), created
// through the same service functions a person's request reaches, each input parsed first by that procedure's own zod
// schema. So the demo passes every check a user's input meets (a demo value that breaks a rule stops the seed with the
// rule), and the audit log accounts for every demo figure as it does for any change. The seed is a client of the
// services, as the CLI that runs it is.
import type { z } from 'zod';
import { generatePassword } from '../auth/password';
import { openBcfYear } from '../services/bcf-years';
import { applyContributionBatch } from '../services/contributions';
import { applyOutcomeBatch } from '../services/outcomes';
import { createFund, createOrganisation, createPartnership } from '../services/partnerships';
import { updateRiskShare, type FundRiskShare } from '../services/risk-share';
import { applyBenefitBatch, evidenceItems, unitCosts } from '../services/roi';
import { applySchemeBatch, updatePlanSettings } from '../services/schemes';
import { createRule } from '../services/split-rules';
import { createUser } from '../services/users';
import { applyBasisPoints, quarterlyInstalments } from '../../shared/allocate';
import { benefitsBatchInput, outcomesBatchInput } from '../../shared/outcome-schemas';
import type { EvidenceItem, Metric, UnitCost } from '../../shared/outcome-types';
import type { Scheme, SpendField } from '../../shared/plan-types';
import { riskShareUpdateInput } from '../../shared/risk-share-schemas';
import type { Role } from '../../shared/roles';
import {
  applyBatchInput,
  fundCreateInput,
  orgCreateInput,
  partnershipCreateInput,
  planSettingsUpdateInput,
  schemeBatchInput,
  userCreateInput,
} from '../../shared/schemas';
import { bcfYearOpenInput } from '../../shared/schema/bcf-year';
import { splitRuleCreateInput } from '../../shared/split-schemas';
import type { Fund } from '../../shared/types';
import type { DB } from '../../db/connection';
import { seedDemoConditions } from './conditions';
import { seedDemoConversation } from './conversation';
import { seedDemoDeadlines, seedDemoSignOff } from './sign-off';
import { DEMO_BCF_YEARS } from './bcf-years';
import { DEMO_ORGANISATIONS, DEMO_USERS } from './organisations';
import { DEMO_NOTE, DEMO_PARTNERSHIPS, DEMO_RISK_SHARE, STANDARD_FORMULA } from './partnerships';
import type { DemoBenefit, DemoFund, DemoIncomeLine, DemoOutcome, DemoPartnership, DemoPlan, DemoScheme } from './types';
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { listMetrics } from '../../db/repositories/outcome.repository';
import type { Actor } from '../../db/unit-of-work';

const POUND = 100;

/**
 * Who the seed acts as: the system, as `user:add` does when it creates the first administrator. The policy refuses an
 * administrator nothing (server/policy.ts `actorFor`), and the system actor is the same rights naming no person: so
 * the demo is on no one's undo stack (a stack holds a person's own changes) and the history shows it as the system's.
 */
const SEED_ACTOR: Actor = { userId: null };

/** The input as its procedure would receive it: parsed by the same schema, so the demo meets every rule a person's
 * input meets. */
function checked<S extends z.ZodType>(schema: S, input: z.input<S>, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`);
  throw new Error(`The demo ${what} breaks a rule: ${problems.join('; ')}`);
}

/** The row the demo names (an organisation, a scheme, a metric by code, a unit cost by its text): it must exist. */
function theOne<T>(rows: Iterable<T>, matches: (row: T) => boolean, what: string): T {
  for (const row of rows) if (matches(row)) return row;
  throw new Error(`The demo names ${what}, which does not exist`);
}

/** Whether the database holds no partnerships or organisations yet (a first start). */
export async function isEmpty(db: DB): Promise<boolean> {
  const org = await db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  const partnership = await db.selectFrom('partnership').select('id').limit(1).executeTakeFirst();
  return !org && !partnership;
}

/** Create the illustrative demo: the BCF years it opens, organisations, partnerships with their split rule, funds with
 * their income, and the borough BCF's plan, outcomes, appraisal, risk share and ring-fences. */
export async function seedDemo(db: DB): Promise<void> {
  for (const year of DEMO_BCF_YEARS) await openBcfYear(db, SEED_ACTOR, checked(bcfYearOpenInput, year, `BCF year ${year.code}`));
  const orgIds = new Map<string, number>();
  for (const [key, org] of Object.entries(DEMO_ORGANISATIONS)) {
    const row = await createOrganisation(db, SEED_ACTOR, checked(orgCreateInput, org, `organisation '${key}'`));
    orgIds.set(key, row.id);
  }
  const idOf = (key: string) => theOne(orgIds, ([k]) => k === key, `organisation '${key}'`)[1];
  for (const spec of DEMO_PARTNERSHIPS) await seedPartnership(db, spec, idOf);
  await seedDemoDeadlines(db, SEED_ACTOR);
}

async function seedPartnership(db: DB, spec: DemoPartnership, idOf: (key: string) => number): Promise<void> {
  const input = {
    name: spec.name,
    area: spec.area,
    arrangement: spec.arrangement,
    hostOrgId: idOf(spec.host),
    memberOrgIds: spec.members.map(idOf),
    notes: DEMO_NOTE,
  };
  const partnership = await createPartnership(db, SEED_ACTOR, checked(partnershipCreateInput, input, `partnership '${spec.name}'`));
  // No service marks a partnership as the demo (a person never does; the UI labels such a partnership illustrative),
  // so the seed sets the flag itself, as it always has: a label, not a figure, so nothing for the audit log.
  await db.updateTable('partnership').set({ isDemo: 1 }).where('id', '=', partnership.id).execute();
  await createRule(db, SEED_ACTOR, checked(splitRuleCreateInput, { partnershipId: partnership.id, ...STANDARD_FORMULA }, 'split rule'));
  for (const fundSpec of spec.funds) await seedFund(db, partnership.id, fundSpec, idOf);
}

async function seedFund(db: DB, partnershipId: number, spec: DemoFund, idOf: (key: string) => number): Promise<void> {
  const what = `fund '${spec.name} ${spec.financialYear}'`;
  const fund = await createFund(
    db,
    SEED_ACTOR,
    checked(fundCreateInput, { partnershipId, name: spec.name, financialYear: spec.financialYear, bcfYear: spec.bcfYear }, what),
  );
  const changes = spec.income.flatMap((line) => incomeChanges(line, idOf));
  await applyContributionBatch(db, SEED_ACTOR, checked(applyBatchInput, { fundId: fund.id, changes }, `${what} income`), {
    kind: 'batch',
    label: 'Added the demo contributions (illustrative)',
  });
  if (spec.plan) await seedPlan(db, fund, spec.plan);
  const riskShare = { fundId: fund.id, version: fund.version, patch: DEMO_RISK_SHARE };
  const agreed = await updateRiskShare(db, SEED_ACTOR, checked(riskShareUpdateInput, riskShare, `${what} risk share`));
  if (spec.plan) await seedRingFences(db, agreed, spec.plan);
  // The fund with a plan answers its year's national conditions (server/demo/conditions.ts).
  if (spec.plan) await seedDemoConditions(db, SEED_ACTOR, fund.id);
}

/** A partner's annual amount as four equal instalments (to the penny), each paid as the line says, or not yet. */
function incomeChanges([partner, source, annualPounds, actualBp]: DemoIncomeLine, idOf: (key: string) => number) {
  return quarterlyInstalments(annualPounds * POUND).map((plannedPence, index) => {
    const bp = actualBp[index];
    const actualPence = bp === undefined ? 0 : applyBasisPoints(plannedPence, bp);
    const values = {
      orgId: idOf(partner),
      source,
      quarter: index + 1,
      plannedPence,
      actualPence,
      note: bp === undefined ? 'Not yet received' : '',
    };
    return { op: 'create' as const, values };
  });
}

/** A scheme's values as the Plan grid sends them: its annual amount in four instalments, each spent as it says. */
function schemeValues({ annualPounds, actualBp, ...values }: DemoScheme) {
  const spend: Partial<Record<SpendField, number>> = {};
  for (const [index, plannedPence] of quarterlyInstalments(annualPounds * POUND).entries()) {
    const quarter = index + 1;
    spend[`q${quarter}PlannedPence` as SpendField] = plannedPence;
    spend[`q${quarter}ActualPence` as SpendField] = applyBasisPoints(plannedPence, actualBp[index] ?? 0);
  }
  return { ...values, ...spend };
}

async function seedPlan(db: DB, fund: Fund, plan: DemoPlan): Promise<void> {
  const fundId = fund.id;
  const schemeChanges = plan.schemes.map((scheme) => ({ op: 'create' as const, values: schemeValues(scheme) }));
  const { rows: schemes } = await applySchemeBatch(db, SEED_ACTOR, checked(schemeBatchInput, { fundId, changes: schemeChanges }, 'plan'));
  const metrics = await listMetrics(db, fund.bcfYear);
  const outcomes = plan.outcomes.map((outcome) => ({ op: 'create' as const, values: outcomeValues(outcome, metrics) }));
  await applyOutcomeBatch(db, SEED_ACTOR, checked(outcomesBatchInput, { fundId, changes: outcomes }, 'outcomes'));
  const lists = { schemes, costs: await unitCosts(db), evidence: await evidenceItems(db) };
  const benefits = plan.benefits.map((benefit) => ({ op: 'create' as const, values: benefitValues(benefit, lists) }));
  await applyBenefitBatch(db, SEED_ACTOR, checked(benefitsBatchInput, { fundId, changes: benefits }, 'appraisal'));
}

/** An outcome row as the outcomes grid sends it; a rate given by its counts is computed by the service, as for a
 * person's entry. */
function outcomeValues([metric, quarter, baseline, target, actual, narrative]: DemoOutcome, metrics: readonly Metric[]) {
  const counts = typeof actual === 'object' && actual !== null ? actual : null;
  return {
    metricId: theOne(metrics, (m) => m.code === metric, `metric '${metric}'`).id,
    schemeId: null,
    quarter,
    baseline,
    target,
    actual: typeof actual === 'number' ? actual : null,
    actualNumerator: counts?.[0] ?? null,
    actualDenominator: counts?.[1] ?? null,
    narrative,
  };
}

/** A benefit line as the benefits grid sends it, its scheme, unit cost and evidence found by code or text. */
function benefitValues(
  [scheme, label, party, unitCost, activityPerYear, years, claim, deadweightBp, attributionBp, optimismBiasBp, dropOffBp]: DemoBenefit,
  lists: { schemes: readonly Scheme[]; costs: readonly UnitCost[]; evidence: readonly EvidenceItem[] },
) {
  return {
    schemeId: theOne(lists.schemes, (s) => s.code === scheme, `scheme '${scheme}'`).id,
    label,
    party,
    unitCostId: theOne(lists.costs, (u) => u.item.startsWith(unitCost), `unit cost '${unitCost}'`).id,
    startYear: 0,
    years,
    activityPerYear,
    healthValue: false,
    evidenceId: claim === null ? null : theOne(lists.evidence, (e) => e.claim.startsWith(claim), `evidence '${claim}'`).id,
    deadweightBp,
    attributionBp,
    optimismBiasBp,
    dropOffBp,
  };
}

async function seedRingFences(db: DB, fund: FundRiskShare, plan: DemoPlan): Promise<void> {
  const patch = {
    minNhsToSocialCarePence: plan.ringFences.nhsToSocialCarePounds * POUND,
    minOutOfHospitalPence: plan.ringFences.outOfHospitalPounds * POUND,
    nhsAscBaselinePence: plan.ringFences.nhsToSocialCareBaselinePounds * POUND,
  };
  await updatePlanSettings(
    db,
    SEED_ACTOR,
    checked(planSettingsUpdateInput, { fundId: fund.fundId, version: fund.version, patch }, 'ring-fences'),
  );
}

/**
 * The demo sign-ins of a first start, created through users.create's service: one password for all of them,
 * BCF_DEMO_PASSWORD when set, otherwise a random one, returned to be printed once.
 */
export async function seedDemoUsers(db: DB, demoPassword: string | undefined): Promise<{ email: string; role: Role; password: string }[]> {
  const password = demoPassword ?? generatePassword();
  const orgs = await listOrganisations(db);
  const orgId = (key: string) => {
    const [, demo] = theOne(Object.entries(DEMO_ORGANISATIONS), ([k]) => k === key, `organisation '${key}'`);
    return theOne(orgs, (o) => o.name === demo.name, `organisation '${demo.name}'`).id;
  };
  for (const demo of DEMO_USERS) {
    const orgIds = demo.orgs === 'all' ? orgs.map((o) => o.id) : demo.orgs.map(orgId);
    const input = { email: demo.email, name: demo.name, role: demo.role, orgIds, password };
    await createUser(db, SEED_ACTOR, checked(userCreateInput, input, `user '${demo.email}'`));
  }
  // Signatories are people, so they are named (and the demo plan signed) once the sign-ins exist.
  await seedDemoSignOff(db, SEED_ACTOR, orgId);
  await seedDemoConversation(db);
  return DEMO_USERS.map((u) => ({ email: u.email, role: u.role, password }));
}
