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
