// Reads and writes of organisations: the councils, ICBs, trusts and voluntary bodies that join partnerships.
import { ORGANISATION_FIELDS, type Organisation, type OrganisationValues } from '../../shared/schema/organisation';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { auditedTable } from './row-writes';

export type { OrganisationValues } from '../../shared/schema/organisation';

const COLUMNS = ['id', ...ORGANISATION_FIELDS, 'version'] as const;

export function listOrganisations(db: DB | Tx): Promise<Organisation[]> {
  return db.selectFrom('organisation').select(COLUMNS).orderBy('name').execute();
}

/** The member organisations of one partnership, by name: what a fund's checks need, not every organisation. */
export function listMemberOrganisations(db: DB | Tx, partnershipId: number): Promise<Organisation[]> {
  return db
    .selectFrom('partnershipMember')
    .innerJoin('organisation', 'organisation.id', 'partnershipMember.orgId')
    .select(COLUMNS.map((c) => `organisation.${c}` as const))
    .where('partnershipMember.partnershipId', '=', partnershipId)
    .orderBy('organisation.name')
    .execute();
}

/** The names of those of `orgIds` that are members of the partnership (a batch names a few of its members; a
 * partnership may have hundreds). */
export async function memberNamesAmong(db: DB | Tx, partnershipId: number, orgIds: readonly number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  const distinct = [...new Set(orgIds)];
  for (let i = 0; i < distinct.length; i += IDS_PER_STATEMENT) {
    const rows = await db
      .selectFrom('partnershipMember')
      .innerJoin('organisation', 'organisation.id', 'partnershipMember.orgId')
      .select(['organisation.id', 'organisation.name'])
      .where('partnershipMember.partnershipId', '=', partnershipId)
      .where('partnershipMember.orgId', 'in', distinct.slice(i, i + IDS_PER_STATEMENT))
      .execute();
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}

/** Well under SQLite's 32,766 and PostgreSQL's 65,535 bound values a statement. */
const IDS_PER_STATEMENT = 5000;

export function findOrganisationByName(db: DB | Tx, name: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisation').select(COLUMNS).where('name', '=', name).executeTakeFirst();
}

function findOrganisation(db: DB | Tx, id: number): Promise<Organisation | undefined> {
  return db.selectFrom('organisation').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export const organisationTable = auditedTable<Organisation, OrganisationValues>({
  table: 'organisation',
  entity: 'organisation',
  noun: 'organisation',
  fields: ['name', 'sector', 'kind', 'onsCode'],
  find: findOrganisation,
  stamps: 'createdAt',
});
