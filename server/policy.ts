// Who may see and change which row: the table of shared/permissions.ts evaluated on typed scopes resolved from rows.
// Partnership membership decides what a user sees; the row-level rules run inside the write path for every row
// written, so no mutation (or undo) can skip them. Fails closed: a row whose scope cannot be resolved is refused.
import type { DB } from '../db/connection';
import type { Actor, Tx } from '../db/unit-of-work';
import { fundPartnership } from '../db/unit-of-work/reads';
import { ForbiddenError } from '../shared/errors';
import { can, roleRefusal, ruleFor, scopeRefusal, type Member, type Scope, type ScopeKind } from '../shared/permissions';
import type { SignedInUser } from '../shared/types';

/** The partnerships a user can see: every one for an admin, otherwise those any of their organisations belongs to. */
export async function visiblePartnershipIds(db: DB, user: SignedInUser): Promise<Set<number>> {
  if (user.role === 'admin') {
    return new Set((await db.selectFrom('partnership').select('id').execute()).map((r) => r.id));
  }
  if (user.orgIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('partnershipMember')
    .select('partnershipId')
    .where('orgId', 'in', [...user.orgIds])
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.partnershipId));
}

async function orgName(tx: Tx, orgId: number): Promise<string> {
  const row = await tx.selectFrom('organisation').select('name').where('id', '=', orgId).executeTakeFirst();
  return row?.name ?? `organisation ${orgId}`;
}

function numberField(row: object, field: string): number | null {
  const value = (row as Record<string, unknown>)[field];
  return typeof value === 'number' ? value : null;
}

async function scenarioOwner(tx: Tx, scenarioId: number | null): Promise<number | null> {
  if (scenarioId === null) return null;
  const row = await tx.selectFrom('scenario').select('ownerId').where('id', '=', scenarioId).executeTakeFirst();
  return row?.ownerId ?? null;
}

/** The partnership a row belongs to: its fund's (a row of a fund), else its own `partnershipId` (a fund, a split
 * rule); null when neither is there or the fund is not found. */
async function partnershipOfRow(tx: Tx, row: object): Promise<number | null> {
  const fundId = numberField(row, 'fundId');
  return fundId !== null ? fundPartnership(tx, fundId) : numberField(row, 'partnershipId');
}

/**
 * The typed scope of a row, of the kind a rule asks for, resolved from the row's own fields (and its fund or
 * scenario); null when a fact it needs is missing, which `can` refuses: a row whose partnership, organisation or owner
 * cannot be found is never let through. `partnershipId`, when the caller already knows it (a read), is used as given.
 */
export async function scopeOfRow(
  tx: Tx,
  kind: ScopeKind,
  entity: string,
  row: object,
  knownPartnershipId?: number | null,
): Promise<Scope | null> {
  if (kind === 'shared') return { kind };
  if (kind === 'self') {
    const userId = numberField(row, entity === 'app_user' ? 'id' : 'userId');
    return userId === null ? null : { kind, userId };
  }
  const partnershipId = knownPartnershipId !== undefined ? knownPartnershipId : await partnershipOfRow(tx, row);
  if (partnershipId === null) return null;
  if (kind === 'partnership') return { kind, partnershipId };
  if (kind === 'ownOrganisation') {
    const orgId = numberField(row, 'orgId');
    return orgId === null ? null : { kind, partnershipId, orgId };
  }
  const ownerId = entity === 'scenario' ? numberField(row, 'ownerId') : await scenarioOwner(tx, numberField(row, 'scenarioId'));
  return ownerId === null ? null : { kind, partnershipId, ownerId };
}

/** The user as the table's rules judge them. */
function memberOf(user: SignedInUser, partnershipIds: ReadonlySet<number>): Member {
  return { id: user.id, role: user.role, orgIds: user.orgIds, partnershipIds };
}

/** Why a scope refuses, naming the organisation for a partner's figures. */
async function refusalFor(tx: Tx, person: Member, entity: string, action: string, scope: Scope | null): Promise<string> {
  const name = scope?.kind === 'ownOrganisation' ? await orgName(tx, scope.orgId) : undefined;
  return scopeRefusal(person, entity, action, scope, name);
}

/**
 * Promotion (issue 6) may set the PLANNED figures of contributions, and nothing else: never an actual or a note, so
 * what a finance officer has recorded is never touched. A row is added or removed only with no actual and no note.
 */
function assertPlannedOnly(before: object | null, after: object | null): void {
  const field = (row: object | null, name: string) => (row ? (row as Record<string, unknown>)[name] : undefined);
  const untouched =
    before && after
      ? field(before, 'actualPence') === field(after, 'actualPence') && field(before, 'note') === field(after, 'note')
      : field(before ?? after, 'actualPence') === 0 && field(before ?? after, 'note') === '';
  if (!untouched) {
    throw new ForbiddenError(
      'Promoting a scenario changes planned contributions only; a row with an actual or a note cannot be added or removed by it',
    );
  }
}

/**
 * Who may read a row, the one rule every read path applies (the write path before it reports a row's existence or
 * version): the table's read rule of the entity, judged on the row's scope (`partnershipId`: the partnership the row
 * belongs to, null for shared data). An administrator reads everything.
 */
export async function canReadRow(
  tx: Tx,
  user: SignedInUser,
  partnershipIds: ReadonlySet<number>,
  entity: string,
  row: object,
  partnershipId: number | null,
): Promise<boolean> {
  if (user.role === 'admin') return true;
  const rule = ruleFor(entity, 'read');
  if (!rule) return false;
  const scope = await scopeOfRow(tx, rule.scope, entity, row, partnershipId);
  return can(memberOf(user, partnershipIds), entity, 'read', scope);
}

/**
 * The write path's actor for a signed-in user: their id for the audit log, and the table's rules for every row
 * written, before and after (shared/permissions.ts): the role, then the row's scope. In a batch rooted in a
 * promotion (the promotion, or its undo or redo) contributions are judged by the `promote` rule.
 */
export function actorFor(user: SignedInUser, partnershipIds: ReadonlySet<number>): Actor {
  const person = memberOf(user, partnershipIds);
  return {
    userId: user.id,
    canRead: (tx, entity, row, partnershipId) => canReadRow(tx, user, partnershipIds, entity, row, partnershipId),
    authorise: async (tx, entity, before, after, batch) => {
      const promotion = entity === 'contribution' && batch.rootKind === 'promote';
      const action = promotion ? 'promote' : 'change';
      const rule = ruleFor(entity, action);
      if (!rule || !rule.roles.includes(user.role)) throw new ForbiddenError(roleRefusal(user.role, entity, action));
      for (const row of [before, after]) {
        if (row === null) continue;
        const scope = await scopeOfRow(tx, rule.scope, entity, row);
        if (!can(person, entity, action, scope)) throw new ForbiddenError(await refusalFor(tx, person, entity, action, scope));
      }
      if (promotion && user.role !== 'admin') assertPlannedOnly(before, after);
    },
  };
}

/** Throws FORBIDDEN unless the user can see the partnership. */
export function assertPartnershipVisible(partnershipIds: ReadonlySet<number>, partnershipId: number): void {
  if (!partnershipIds.has(partnershipId)) throw new ForbiddenError('You are not a member of this partnership, so you cannot see it');
}
