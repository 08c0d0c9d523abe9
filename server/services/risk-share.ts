// A fund's Section 75 risk share (issue 6, item 4): its configuration, changed through the write path, and the
// statement built from the fund's plan and contributions by shared/risk-share-statement.ts.
import type { DB } from '../../db/connection';
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { findRiskShare, riskShareTable } from '../../db/repositories/risk-share.repository';
import { definedOnly, runBatch, type Actor } from '../../db/unit-of-work';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { riskShareStatement, type RiskShareStatement } from '../../shared/risk-share-statement';
import {
  RISK_SHARE_LABELS,
  type RiskShareBasis,
  type RiskShareConfig,
  type RiskShareUpdateInput,
  type StoredRiskShareMethod,
} from '../../shared/risk-share-schemas';
import { getFundPlan } from './schemes';
import { fundSummary, getFund, getPartnership } from './partnerships';
import { nonMemberProblems } from './split-rules';

export interface FundRiskShare extends RiskShareConfig {
  fundId: number;
  /** The fund row's version (shared with its plan settings), for riskshare.update. */
  version: number;
  /** The partnership's host organisation as a party, which host_bears means when it names no host. */
  hostParty: `org:${number}` | null;
}

export async function getRiskShare(db: DB, fundId: number): Promise<FundRiskShare> {
  const row = await findRiskShare(db, fundId);
  if (!row) throw new NotFoundError(`No fund with id ${fundId}`);
  const partnership = await getPartnership(db, (await getFund(db, fundId)).partnershipId);
  const { id: _id, ...rest } = row;
  return { ...rest, hostParty: partnership.hostOrgId !== null ? `org:${partnership.hostOrgId}` : null };
}

/** An organisation named by a method (a host, a fixed share) must be a member of the fund's partnership. */
async function methodMemberProblems(db: DB, partnershipId: number, method: StoredRiskShareMethod | undefined, field: string) {
  if (!method) return [];
  if (method.kind === 'host_bears' && method.host !== undefined) {
    return (await nonMemberProblems(db, partnershipId, { remainder: method.host }, `patch.${field}.`)).map((p): FieldError => ({
      path: `patch.${field}.host`,
      message: p.message.replace(/^Party/, 'Host'),
    }));
  }
  if (method.kind === 'fixed_percentages') return nonMemberProblems(db, partnershipId, { shares: method.shares }, `patch.${field}.`);
  return [];
}

export async function updateRiskShare(db: DB, actor: Actor, input: RiskShareUpdateInput): Promise<FundRiskShare> {
  const fund = await getFund(db, input.fundId);
  const problems = [
    ...(await methodMemberProblems(db, fund.partnershipId, input.patch.overspendMethod, 'overspendMethod')),
    ...(await methodMemberProblems(db, fund.partnershipId, input.patch.underspendMethod, 'underspendMethod')),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  const patch: Partial<RiskShareConfig> = definedOnly(input.patch);
  const label = `Changed the risk share: ${Object.keys(patch)
    .map((f) => RISK_SHARE_LABELS[f as keyof RiskShareConfig])
    .join(', ')}`;
  await runBatch(db, actor, { kind: 'edit', label, fundId: input.fundId }, (writer) =>
    writer.update(riskShareTable, input.fundId, input.version, patch),
  );
  return getRiskShare(db, input.fundId);
}

/** The statement on the fund's actual spend or its forecast outturn, by the configured methods. */
export async function statement(db: DB, fundId: number, basis: RiskShareBasis): Promise<RiskShareStatement> {
  const plan = await getFundPlan(db, fundId);
  const fund = await getFund(db, fundId);
  const partnership = await getPartnership(db, fund.partnershipId);
  const config = await findRiskShare(db, fundId);
  if (!config) throw new NotFoundError(`No fund with id ${fundId}`);
  const sectors = new Map((await listOrganisations(db)).map((o) => [o.id, o.sector]));
  const summary = await fundSummary(db, fundId);
  return riskShareStatement({
    basis,
    schemes: plan.schemes,
    settings: plan.settings,
    partners: summary.byPartner.map((p) => ({
      orgId: p.orgId,
      name: p.name,
      sector: sectors.get(p.orgId) ?? 'other',
      plannedPence: p.plannedPence,
      actualPence: p.actualPence,
    })),
    hostOrgId: partnership.hostOrgId,
    config,
  });
}
