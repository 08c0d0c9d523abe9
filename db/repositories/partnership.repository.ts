// Reads and writes of partnerships (a Section 75 arrangement between organisations) and their members.
import { PARTNERSHIP_FIELDS, type Partnership, type PartnershipValues as PartnershipFields } from '../../shared/schema/partnership';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { auditedTable, replaceLinks } from './row-writes';

/** The audited fields of a partnership: its own, and its members. */
export type PartnershipValues = PartnershipFields & Pick<Partnership, 'memberOrgIds'>;

const COLUMNS = ['id', ...PARTNERSHIP_FIELDS, 'isDemo', 'version'] as const;

async function withMembers(db: DB | Tx, rows: { id: number; isDemo: number; [k: string]: unknown }[]): Promise<Map<number, number[]>> {
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await db
        .selectFrom('partnershipMember')
        .select(['partnershipId', 'orgId'])
        .where('partnershipId', 'in', ids)
        .orderBy('orgId')
        .execute()
    : [];
  const byPartnership = new Map<number, number[]>();
  for (const m of members) byPartnership.set(m.partnershipId, [...(byPartnership.get(m.partnershipId) ?? []), m.orgId]);
  return byPartnership;
}

export async function listPartnerships(db: DB | Tx): Promise<Partnership[]> {
  const rows = await db.selectFrom('partnership').select(COLUMNS).orderBy('name').execute();
  const members = await withMembers(db, rows);
  return rows.map((r) => ({ ...r, isDemo: r.isDemo === 1, memberOrgIds: members.get(r.id) ?? [] }));
}

export async function findPartnership(db: DB | Tx, id: number): Promise<Partnership | undefined> {
  const row = await db.selectFrom('partnership').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const members = await withMembers(db, [row]);
  return { ...row, isDemo: row.isDemo === 1, memberOrgIds: members.get(row.id) ?? [] };
}

export const partnershipTable = auditedTable<Partnership, PartnershipValues>({
  table: 'partnership',
  entity: 'partnership',
  noun: 'partnership',
  fields: ['name', 'area', 'arrangement', 'hostOrgId', 'notes', 'memberOrgIds'],
  partnershipIdOf: (row) => row.id,
  find: findPartnership,
  stamps: 'createdAt',
  toColumns: ({ memberOrgIds: _members, ...columns }) => columns,
  afterWrite: async (tx, id, { memberOrgIds }) => {
    if (memberOrgIds) await replaceLinks(tx, { table: 'partnershipMember', owner: 'partnershipId', other: 'orgId' }, id, memberOrgIds);
  },
});
