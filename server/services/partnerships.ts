// Organisations, partnerships and funds: the checks that need the database, then the audited write.
import type { DB } from '../../db/connection';
import { bcfYearFor } from '../../shared/bcf-year';
import { listContributions } from '../../db/repositories/contribution.repository';
import { listBcfYears } from '../../db/repositories/bcf-year.repository';
import { findFund, fundTable, listFundSourceNames } from '../../db/repositories/fund.repository';
import { findOrganisationByName, listOrganisations, organisationTable } from '../../db/repositories/organisation.repository';
import { findPartnership, listPartnerships, partnershipTable } from '../../db/repositories/partnership.repository';
import { runBatch, type Actor } from '../../db/unit-of-work';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { summariseFund, type FundSummary } from '../../shared/fund-summary';
import type { FundCreateInput, OrgCreateInput, PartnershipCreateInput } from '../../shared/schemas';
import type { Fund, Organisation, Partnership } from '../../shared/types';

export async function createOrganisation(db: DB, actor: Actor, input: OrgCreateInput): Promise<Organisation> {
  if (await findOrganisationByName(db, input.name)) {
    throw new ValidationError([{ path: 'name', message: `Name must be unique: an organisation called '${input.name}' already exists` }]);
  }
  const { result } = await runBatch(db, actor, { kind: 'edit', label: `Added organisation ${input.name}`, fundId: null }, (writer) =>
    writer.create(organisationTable, { name: input.name, sector: input.sector, kind: input.kind ?? null, onsCode: input.onsCode ?? null }),
  );
  return result;
}

/** A row the caller named, or NOT_FOUND saying what was asked for. */
function found<T>(row: T | undefined, missing: string): T {
  if (row === undefined) throw new NotFoundError(missing);
  return row;
}

export async function getPartnership(db: DB, id: number): Promise<Partnership> {
  return found(await findPartnership(db, id), `No partnership with id ${id}`);
}

export async function createPartnership(db: DB, actor: Actor, input: PartnershipCreateInput): Promise<Partnership> {
  const known = new Set((await listOrganisations(db)).map((o) => o.id));
  const memberOrgIds = [...new Set(input.memberOrgIds)];
  const errors: FieldError[] = [];
  input.memberOrgIds.forEach((id, i) => {
    if (!known.has(id)) errors.push({ path: `memberOrgIds.${i}`, message: `Member organisation ${id} does not exist` });
  });
  if (input.hostOrgId !== undefined && !memberOrgIds.includes(input.hostOrgId)) {
    errors.push({ path: 'hostOrgId', message: `Host organisation ${input.hostOrgId} must be one of the members` });
  }
  if ((await listPartnerships(db)).some((p) => p.name === input.name)) {
    errors.push({ path: 'name', message: `Name must be unique: a partnership called '${input.name}' already exists` });
  }
  if (errors.length) throw new ValidationError(errors);
  const { result } = await runBatch(db, actor, { kind: 'edit', label: `Added partnership ${input.name}`, fundId: null }, (writer) =>
    writer.create(partnershipTable, {
      name: input.name,
      area: input.area ?? null,
      arrangement: input.arrangement,
      hostOrgId: input.hostOrgId ?? null,
      notes: input.notes ?? null,
      memberOrgIds,
    }),
  );
  return result;
}

export async function getFund(db: DB, id: number): Promise<Fund> {
  return found(await findFund(db, id), `No fund with id ${id}`);
}

/**
 * The BCF year a new fund names: the one asked for, which must be held and have begun by the fund's financial year
 * (a 2026/27 fund may keep 2025/26's lists until 2026/27 is opened, never use a later year's), or by default the year
 * bcfYearFor() gives (the year covering its financial year, else the latest earlier one). Refused, naming the field and
 * the value, when there is none.
 */
async function bcfYearOfNewFund(db: DB, input: FundCreateInput): Promise<string> {
  const years = await listBcfYears(db);
  const held = years.map((y) => y.code).join(', ');
  if (input.bcfYear !== undefined) {
    const year = years.find((y) => y.code === input.bcfYear);
    if (!year) {
      throw new ValidationError([
        { path: 'bcfYear', message: `BCF year '${input.bcfYear}' is not a BCF year held (the years held are ${held})` },
      ]);
    }
    if (year.firstFinancialYear > input.financialYear) {
      throw new ValidationError([
        {
          path: 'bcfYear',
          message: `BCF year '${year.code}' begins in ${year.firstFinancialYear}, after the fund's financial year ${input.financialYear}: choose a year that has begun by then`,
        },
      ]);
    }
    return year.code;
  }
  const year = bcfYearFor(input.financialYear, years);
  if (!year) {
    throw new ValidationError([
      {
        path: 'financialYear',
        message: `Financial year ${input.financialYear} is before every BCF year held (${held}): a fund must belong to a BCF year`,
      },
    ]);
  }
  return year.code;
}

export async function createFund(db: DB, actor: Actor, input: FundCreateInput): Promise<Fund> {
  const partnership = await getPartnership(db, input.partnershipId);
  const bcfYear = await bcfYearOfNewFund(db, input);
  const existing = await db
    .selectFrom('fund')
    .select('id')
    .where('partnershipId', '=', partnership.id)
    .where('name', '=', input.name)
    .where('financialYear', '=', input.financialYear)
    .executeTakeFirst();
  if (existing) {
    throw new ValidationError([
      {
        path: 'name',
        message: `Name must be unique within a year: ${partnership.name} already has '${input.name}' for ${input.financialYear}`,
      },
    ]);
  }
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Added fund ${input.name} ${input.financialYear}`, fundId: null },
    (writer) =>
      writer.create(fundTable, { partnershipId: input.partnershipId, name: input.name, financialYear: input.financialYear, bcfYear }),
  );
  return result;
}

/** The fund's headline figures, computed by the same shared function the client uses for its totals; sources are named
 * as the fund's BCF year names them. */
export async function fundSummary(db: DB, fundId: number): Promise<FundSummary> {
  const fund = await getFund(db, fundId);
  const partnership = await getPartnership(db, fund.partnershipId);
  const members = new Set(partnership.memberOrgIds);
  const rows = await listContributions(db, fundId);
  // Members first (by name), then any organisation that contributed but has since left the partnership.
  const partners = (await listOrganisations(db)).filter((o) => members.has(o.id) || rows.some((r) => r.orgId === o.id));
  return summariseFund(
    rows,
    partners,
    (await listFundSourceNames(db, fundId)).map((s) => ({ code: s.code, name: s.name })),
  );
}
