// Return on investment (issue 7, items 2 and 3): unit costs and evidence items (reference data kept by commissioners
// and administrators), the benefit lines of each scheme (changed in audited batches), and the appraisal of a fund's
// schemes by shared/scheme-return.ts. The checks here need the database: the scheme is the fund's, the unit cost and
// evidence exist, an organisation party is a partner; the ROI engine's own rules are shared/roi.ts's.
import type { DB } from '../../db/connection';
import { listContributions } from '../../db/repositories/contribution.repository';
import { findFund, listFunds } from '../../db/repositories/fund.repository';
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { findPartnership } from '../../db/repositories/partnership.repository';
import {
  benefitTable,
  evidenceTable,
  findEvidence,
  listBenefits,
  listEvidence,
  listUnitCosts,
  unitCostTable,
  type BenefitValuesRow,
} from '../../db/repositories/roi.repository';
import { listSchemes } from '../../db/repositories/scheme.repository';
import { applyChanges, definedOnly, runBatch, type Actor, type ChangeSpec, type Tx } from '../../db/unit-of-work';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { sumPence } from '../../shared/money';
import {
  evidenceFigureProblems,
  type BenefitsBatchInput,
  type EvidenceItemCreateInput,
  type EvidenceItemUpdateInput,
  type UnitCostCreateInput,
  type UnitCostUpdateInput,
} from '../../shared/outcome-schemas';
import type { EvidenceItem, RoiBenefit, UnitCost } from '../../shared/outcome-types';
import { LAST_APPRAISAL_YEAR } from '../../shared/roi';
import type { Member, PlanContribution } from '../../shared/scenario';
import { appraiseScheme, fundSavedPerPound, investsVsBenefits, schemeCosts, type AppraisedScheme } from '../../shared/scheme-return';
import { orgIdOfParty, toFieldErrors, type Party } from '../../shared/split';

// ---- unit costs and evidence ----

export const unitCosts = (db: DB) => listUnitCosts(db);
export const evidenceItems = (db: DB) => listEvidence(db);

export async function createUnitCost(db: DB, actor: Actor, input: UnitCostCreateInput): Promise<UnitCost> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: `Added unit cost ${input.item}`, fundId: null }, (writer) =>
    writer.create(unitCostTable, input),
  );
  return result;
}

export async function updateUnitCost(db: DB, actor: Actor, input: UnitCostUpdateInput): Promise<UnitCost> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: 'Changed a unit cost', fundId: null }, (writer) =>
    writer.update(unitCostTable, input.id, input.version, definedOnly(input.patch)),
  );
  return result;
}

export async function createEvidence(db: DB, actor: Actor, input: EvidenceItemCreateInput): Promise<EvidenceItem> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: 'Added an evidence item', fundId: null }, (writer) =>
    writer.create(evidenceTable, input),
  );
  return result;
}

export async function updateEvidence(db: DB, actor: Actor, input: EvidenceItemUpdateInput): Promise<EvidenceItem> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: 'Changed an evidence item', fundId: null }, async (writer) => {
    const current = await findEvidence(writer.tx, input.id);
    if (!current) throw new NotFoundError(`No evidence item with id ${input.id}`);
    // The item as the patch would leave it must still be a good range (low <= value <= high).
    const problems = evidenceFigureProblems({ ...current, ...definedOnly(input.patch) }, ['patch']);
    if (problems.length > 0) throw new ValidationError(toFieldErrors(problems));
    return writer.update(evidenceTable, input.id, input.version, definedOnly(input.patch));
  });
  return result;
}

// ---- benefit lines ----

const DEFAULTS = {
  startYear: 0,
  years: 1,
  activityPerYear: 0,
  healthValue: false,
  evidenceId: null,
  deadweightBp: 0,
  attributionBp: 10_000,
  optimismBiasBp: 0,
  dropOffBp: 0,
};

async function memberIds(tx: DB | Tx, fundId: number): Promise<Set<number>> {
  const fund = await findFund(tx, fundId);
  if (!fund) throw new NotFoundError(`No fund with id ${fundId}`);
  return new Set((await findPartnership(tx, fund.partnershipId))?.memberOrgIds ?? []);
}

type Benefit = Omit<RoiBenefit, 'id' | 'version' | 'fundId'>;

/** A fund's benefit lines as one batch writes them: the scheme is the fund's, the unit cost and evidence exist, an
 * organisation party is a partner, and the years end within the appraisal horizon. */
async function benefitChanges(tx: Tx, fundId: number): Promise<ChangeSpec<RoiBenefit, BenefitValuesRow, Benefit>> {
  const members = await memberIds(tx, fundId);
  const schemes = new Set((await listSchemes(tx, fundId)).map((s) => s.id));
  const costs = new Set((await listUnitCosts(tx)).map((u) => u.id));
  const evidence = new Set((await listEvidence(tx)).map((e) => e.id));
  return {
    table: benefitTable,
    rows: new Map((await listBenefits(tx, fundId)).map((b) => [b.id, b])),
    notInScope: (id) => `Benefit line ${id} is not in fund ${fundId} (it may have been deleted)`,
    empty: DEFAULTS,
    problems: ({ after, at }) => {
      const errors: FieldError[] = [];
      if (!schemes.has(after.schemeId)) errors.push({ path: at('schemeId'), message: `Scheme must be a scheme of this fund, got ${after.schemeId}` });
      if (!costs.has(after.unitCostId)) errors.push({ path: at('unitCostId'), message: `Unit cost must be one of the unit costs, got ${after.unitCostId}` });
      if (after.evidenceId !== null && !evidence.has(after.evidenceId)) {
        errors.push({ path: at('evidenceId'), message: `Evidence must be one of the evidence items, or empty, got ${after.evidenceId}` });
      }
      const orgId = orgIdOfParty(after.party as Party);
      if (orgId !== null && !members.has(orgId)) {
        errors.push({ path: at('party'), message: `Saved by must be a sector or a partner of this fund’s partnership, got '${after.party}'` });
      }
      if (after.startYear + after.years - 1 > LAST_APPRAISAL_YEAR) {
        errors.push({
          path: at('years'),
          message: `Years must end by year ${LAST_APPRAISAL_YEAR} (the Green Book's horizon): from year ${after.startYear}, at most ${LAST_APPRAISAL_YEAR - after.startYear + 1}, got ${after.years}`,
        });
      }
      return errors;
    },
    toValues: (after) => ({ fundId, ...after }),
    toPatch: (after) => after,
  };
}

export async function applyBenefitBatch(db: DB, actor: Actor, input: BenefitsBatchInput): Promise<{ batchId: string; benefits: RoiBenefit[] }> {
  await memberIds(db, input.fundId);
  const label = input.changes.length === 1 ? 'Changed a benefit line' : `Applied ${input.changes.length} changes to benefit lines`;
  const { batchId } = await runBatch(db, actor, { kind: 'batch', label, fundId: input.fundId }, async (writer) =>
    applyChanges(writer, await benefitChanges(writer.tx, input.fundId), input.changes),
  );
  return { batchId, benefits: await listBenefits(db, input.fundId) };
}

// ---- appraisal ----

export interface FundAppraisal {
  members: Member[];
  plan: PlanContribution[];
  schemes: AppraisedScheme[];
  evidence: EvidenceItem[];
}

/** Every scheme of the fund that has benefit lines, appraised. */
export async function appraiseFund(db: DB, fundId: number): Promise<FundAppraisal> {
  const fund = await findFund(db, fundId);
  if (!fund) throw new NotFoundError(`No fund with id ${fundId}`);
  const memberSet = new Set((await findPartnership(db, fund.partnershipId))?.memberOrgIds ?? []);
  const members = (await listOrganisations(db)).filter((o) => memberSet.has(o.id)).map((o) => ({ orgId: o.id, name: o.name, sector: o.sector }));
  const plan = (await listContributions(db, fundId)).map(({ orgId, source, quarter, plannedPence }) => ({ orgId, source, quarter, plannedPence }));
  const [benefits, costs, evidence, schemes] = await Promise.all([listBenefits(db, fundId), listUnitCosts(db), listEvidence(db), listSchemes(db, fundId)]);
  const forReturn = schemes.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    fundingSource: s.fundingSource,
    plannedPence: sumPence(s.spend.map((q) => q.plannedPence)),
  }));
  // Who pays is worked out over all the fund's schemes, so a scheme's figures do not depend on which others are appraised.
  const costsOf = schemeCosts(forReturn, members, plan);
  const appraised = forReturn
    .filter((s) => benefits.some((b) => b.schemeId === s.id))
    .map((s) =>
      appraiseScheme(
        s,
        benefits.filter((b) => b.schemeId === s.id),
        costs,
        evidence,
        costsOf.get(s.id) ?? [],
      ),
    );
  return { members, plan, schemes: appraised, evidence };
}

/** A partnership's return across all its funds: each fund's savings per £1, and the whole partnership's. */
export async function appraisePartnership(db: DB, partnershipId: number) {
  const funds = await listFunds(db, partnershipId);
  const appraised = await Promise.all(funds.map(async (fund) => ({ fund, appraisal: await appraiseFund(db, fund.id) })));
  const all = appraised.flatMap((a) => a.appraisal.schemes);
  return {
    savedPerPoundBp: fundSavedPerPound(all),
    costPence: sumPence(all.map((s) => s.result.cost.adjustedPence)),
    netBenefitPence: sumPence(all.map((s) => s.result.benefit.netPence)),
    investsVsBenefits: investsVsBenefits(all, appraised[0]?.appraisal.members ?? []),
    funds: appraised.map(({ fund, appraisal }) => ({
      fundId: fund.id,
      name: fund.name,
      financialYear: fund.financialYear,
      savedPerPoundBp: fundSavedPerPound(appraisal.schemes),
      schemes: appraisal.schemes.map((s) => s.summary),
    })),
  };
}
