// Who may see a comment thread, and so who may be mentioned in it and told of it (issue "Conversation on the figures").
// The visibility of a thread is the visibility of what it is on: a thread on a fund's figure is seen by everyone who
// sees the fund's partnership (its members' people and the administrators); a thread on a scenario's line by the
// scenario's owner and the administrators only, as the scenario itself (shared/permissions.ts, scenario_item).
import type { DB } from '../../db/connection';
import type { Tx } from '../../db/unit-of-work';
import { roleCan } from '../../shared/permissions';
import { ROLE_LABELS, type Role } from '../../shared/roles';
import type { Mentionable } from '../../shared/schema/comment';
import type { SignedInUser } from '../../shared/types';

/** Where a thread lives: its fund's partnership and, for a scenario's line, the scenario. */
export interface ThreadPlace {
  fundId: number;
  partnershipId: number;
  scenarioId: number | null;
}

/** A person who may see a thread. */
export interface AudienceMember {
  id: number;
  name: string;
  role: Role;
}

/** The caller as the visibility rule judges them: who they are and the partnerships they see. */
export interface Viewer {
  user: SignedInUser;
  partnershipIds: ReadonlySet<number>;
}

export async function scenarioOwnerOf(db: DB | Tx, scenarioId: number): Promise<number | null> {
  const row = await db.selectFrom('scenario').select('ownerId').where('id', '=', scenarioId).executeTakeFirst();
  return row?.ownerId ?? null;
}

/** Whether the caller may see a thread in this place (the owner of a scenario is asked for by id, once per list). */
export function mayViewThread(viewer: Viewer, place: ThreadPlace, scenarioOwnerId: number | null): boolean {
  if (viewer.user.role === 'admin') return true;
  if (!viewer.partnershipIds.has(place.partnershipId)) return false;
  if (place.scenarioId === null) return true;
  return scenarioOwnerId === viewer.user.id && roleCan(viewer.user.role, 'scenario_item', 'read');
}

/**
 * Everyone who may see a thread in this place, not disabled: for a fund's figure, the administrators and every person
 * of a member organisation of the partnership; for a scenario's line, the administrators and the scenario's owner
 * (while their role may use scenarios).
 */
export async function audienceOf(db: DB | Tx, place: ThreadPlace): Promise<AudienceMember[]> {
  const admins = await db
    .selectFrom('appUser')
    .select(['id', 'name', 'role'])
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .execute();
  let others: AudienceMember[];
  if (place.scenarioId !== null) {
    const ownerId = await scenarioOwnerOf(db, place.scenarioId);
    others =
      ownerId === null
        ? []
        : await db.selectFrom('appUser').select(['id', 'name', 'role']).where('id', '=', ownerId).where('disabled', '=', 0).execute();
    others = others.filter((p) => roleCan(p.role, 'scenario_item', 'read'));
  } else {
    others = await db
      .selectFrom('appUser')
      .innerJoin('userOrg', 'userOrg.userId', 'appUser.id')
      .innerJoin('partnershipMember', 'partnershipMember.orgId', 'userOrg.orgId')
      .select(['appUser.id', 'appUser.name', 'appUser.role'])
      .where('partnershipMember.partnershipId', '=', place.partnershipId)
      .where('appUser.disabled', '=', 0)
      .distinct()
      .execute();
  }
  const byId = new Map<number, AudienceMember>();
  for (const person of [...admins, ...others]) byId.set(person.id, { id: person.id, name: person.name, role: person.role });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id - b.id);
}

/** The audience as people to mention: with their role and the organisations they belong to, by name. */
export async function mentionablesOf(db: DB | Tx, place: ThreadPlace): Promise<Mentionable[]> {
  const people = await audienceOf(db, place);
  if (people.length === 0) return [];
  const orgs = await db
    .selectFrom('userOrg')
    .innerJoin('organisation', 'organisation.id', 'userOrg.orgId')
    .select(['userOrg.userId', 'organisation.name'])
    .where(
      'userOrg.userId',
      'in',
      people.map((p) => p.id),
    )
    .orderBy('organisation.name')
    .execute();
  const orgsOf = new Map<number, string[]>();
  for (const row of orgs) orgsOf.set(row.userId, [...(orgsOf.get(row.userId) ?? []), row.name]);
  return people.map((p) => ({ id: p.id, name: p.name, role: ROLE_LABELS[p.role], organisations: orgsOf.get(p.id) ?? [] }));
}

/** "the Northbridge partnership": a partnership named in a sentence. */
export function partnershipPhrase(name: string): string {
  return /partnership$/i.test(name.trim()) ? `the ${name}` : `the ${name} partnership`;
}
