// Reads and writes of partnerships (a Section 75 arrangement between organisations) and their members.
import { PARTNERSHIP_FIELDS, type Partnership, type PartnershipValues as PartnershipFields } from '../../shared/schema/partnership';
import type { DB } from '../connection';
import type { AuditedTable, Tx } from '../unit-of-work';

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

export const partnershipTable: AuditedTable<Partnership, PartnershipValues> = {
  entity: 'partnership',
  noun: 'partnership',
  fields: ['name', 'area', 'arrangement', 'hostOrgId', 'notes', 'memberOrgIds'],
  fundIdOf: () => null,
  partnershipIdOf: (row) => row.id,
  find: (tx, id) => findPartnership(tx, id),
  insert: async (tx, { memberOrgIds, ...values }, stamp, restore) => {
    const row = await tx
      .insertInto('partnership')
      .values({ ...values, id: restore?.id, version: restore?.version ?? 1, createdAt: stamp.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (memberOrgIds.length) {
      await tx
        .insertInto('partnershipMember')
        .values(memberOrgIds.map((orgId) => ({ partnershipId: row.id, orgId })))
        .execute();
    }
    const created = await findPartnership(tx, row.id);
    if (!created) throw new Error('partnership vanished inside its own transaction');
    return created;
  },
  update: async (tx, id, { memberOrgIds, ...values }, _stamp, version) => {
    await tx
      .updateTable('partnership')
      .set({ ...values, version })
      .where('id', '=', id)
      .execute();
    if (memberOrgIds) {
      await tx.deleteFrom('partnershipMember').where('partnershipId', '=', id).execute();
      if (memberOrgIds.length)
        await tx
          .insertInto('partnershipMember')
          .values(memberOrgIds.map((orgId) => ({ partnershipId: id, orgId })))
          .execute();
    }
    const updated = await findPartnership(tx, id);
    if (!updated) throw new Error('partnership vanished inside its own transaction');
    return updated;
  },
  remove: async (tx, id) => {
    await tx.deleteFrom('partnership').where('id', '=', id).execute();
  },
  pick: ({ name, area, arrangement, hostOrgId, notes, memberOrgIds }) => ({ name, area, arrangement, hostOrgId, notes, memberOrgIds }),
};
