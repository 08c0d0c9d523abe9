// Who may see and change what (issue "Sign-in, roles and history"). Partnership membership decides what a user sees;
// the row-level rules here run inside the write path for every row written, so no mutation (or undo) can skip them.
import type { DB } from '../db/connection';
import type { Actor, Tx } from '../db/unit-of-work';
import { ForbiddenError } from '../shared/errors';
import { contributionEditBlock, PRIVATE_ENTITIES, ROLE_LABELS } from '../shared/roles';
import type { SignedInUser } from '../shared/types';

/** The audited entities of a fund's plan, all checked by the partnership of their fund. */
const PLAN_ENTITIES = new Set(['scheme', 'plan_snapshot', 'fund_plan_settings', 'outcome']);

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

async function partnershipOfFund(tx: Tx, fundId: number): Promise<number | null> {
  const row = await tx.selectFrom('fund').select('partnershipId').where('id', '=', fundId).executeTakeFirst();
  return row?.partnershipId ?? null;
}

async function orgName(tx: Tx, orgId: number): Promise<string> {
  const row = await tx.selectFrom('organisation').select('name').where('id', '=', orgId).executeTakeFirst();
  return row?.name ?? `organisation ${orgId}`;
}

function numberField(row: object | null, field: string): number | null {
  const value = row ? (row as Record<string, unknown>)[field] : null;
  return typeof value === 'number' ? value : null;
}

async function scenarioOwner(tx: Tx, scenarioId: number | null): Promise<number | null> {
  if (scenarioId === null) return null;
  const row = await tx.selectFrom('scenario').select('ownerId').where('id', '=', scenarioId).executeTakeFirst();
  return row?.ownerId ?? null;
}

/**
 * A commissioner commits a scenario (issue 6): promotion, and the undo or redo of one, may set the PLANNED figures of
 * contributions in the commissioner's partnerships, and nothing else: never an actual or a note, so what a finance
 * officer has recorded is never touched. A row is added or removed only with no actual and no note.
 */
async function assertPromotionWrite(tx: Tx, partnershipIds: ReadonlySet<number>, before: object | null, after: object | null): Promise<void> {
  for (const row of [before, after]) {
    if (row === null) continue;
    const partnershipId = await partnershipOfFund(tx, numberField(row, 'fundId') ?? 0);
    if (partnershipId === null || !partnershipIds.has(partnershipId)) {
      throw new ForbiddenError('You can promote scenarios only to funds in your own partnerships');
    }
  }
  const field = (row: object | null, name: string) => (row ? (row as Record<string, unknown>)[name] : undefined);
  const untouched =
    before && after
      ? field(before, 'actualPence') === field(after, 'actualPence') && field(before, 'note') === field(after, 'note')
      : field(before ?? after, 'actualPence') === 0 && field(before ?? after, 'note') === '';
  if (!untouched) {
    throw new ForbiddenError('Promoting a scenario changes planned contributions only; a row with an actual or a note cannot be added or removed by it');
  }
}

/**
 * Who may read a row, the one rule every read path applies (the write path before it reports a row's existence or
 * version; history; exports): an administrator reads everything; a private scenario (or one of its lines) only its
 * owner; a row of a partnership only that partnership's members; shared data (organisations, reference lists, unit
 * costs, evidence) everyone signed in; a user account only its own user.
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
  if (entity === 'app_user') return numberField(row, 'id') === user.id;
  if (PRIVATE_ENTITIES.includes(entity)) {
    const ownerId = entity === 'scenario' ? numberField(row, 'ownerId') : await scenarioOwner(tx, numberField(row, 'scenarioId'));
    if (ownerId !== user.id) return false;
  }
  return partnershipId === null || partnershipIds.has(partnershipId);
}

/** The write path's actor for a signed-in user: their id for the audit log and the row-level rules. */
export function actorFor(user: SignedInUser, partnershipIds: ReadonlySet<number>): Actor {
  return {
    userId: user.id,
    canRead: (tx, entity, row, partnershipId) => canReadRow(tx, user, partnershipIds, entity, row, partnershipId),
    authorise: async (tx, entity, before, after, batch) => {
      if (user.role === 'admin') return;
      if (entity === 'contribution' && user.role === 'commissioner' && batch.rootKind === 'promote') {
        await assertPromotionWrite(tx, partnershipIds, before, after);
        return;
      }
      if (entity === 'contribution') {
        for (const row of [before, after]) {
          const fundId = numberField(row, 'fundId');
          const orgId = numberField(row, 'orgId');
          if (fundId === null || orgId === null) continue;
          const partnershipId = await partnershipOfFund(tx, fundId);
          if (partnershipId === null || !partnershipIds.has(partnershipId)) {
            throw new ForbiddenError('You are not a member of the partnership this fund belongs to');
          }
          const block = contributionEditBlock(user, orgId, await orgName(tx, orgId));
          if (block) throw new ForbiddenError(block);
        }
        return;
      }
      if (entity === 'fund' && user.role === 'commissioner') {
        for (const row of [before, after]) {
          const partnershipId = numberField(row, 'partnershipId');
          if (partnershipId !== null && !partnershipIds.has(partnershipId)) {
            throw new ForbiddenError('You can add or change funds only in your own partnerships');
          }
        }
        return;
      }
      if (PLAN_ENTITIES.has(entity)) {
        // The BCF plan (issue "The BCF plan"): schemes, their spend and snapshots are changed by the commissioners
        // and finance officers of the fund's partnership; its settings (ring-fences, thresholds) by commissioners.
        const editors = entity === 'fund_plan_settings' ? ['commissioner'] : ['commissioner', 'finance_officer'];
        if (!editors.includes(user.role)) {
          throw new ForbiddenError(
            `${ROLE_LABELS[user.role]}s cannot change ${entity === 'fund_plan_settings' ? 'a fund’s plan settings: only commissioners and administrators can' : 'the plan: only commissioners, finance officers and administrators can'}`,
          );
        }
        for (const row of [before, after]) {
          const fundId = numberField(row, 'fundId');
          if (fundId === null) continue;
          const partnershipId = await partnershipOfFund(tx, fundId);
          if (partnershipId === null || !partnershipIds.has(partnershipId)) {
            throw new ForbiddenError('You can change the plan only of funds in your own partnerships');
          }
        }
        return;
      }
      if (entity === 'scenario' || entity === 'scenario_item') {
        // Issue 6: a scenario is a commissioner's private working copy; only its owner changes it (or an admin).
        if (user.role !== 'commissioner') {
          throw new ForbiddenError(`${ROLE_LABELS[user.role]}s cannot change scenarios: only commissioners and administrators can`);
        }
        for (const row of [before, after]) {
          if (row === null) continue;
          const partnershipId = await partnershipOfFund(tx, numberField(row, 'fundId') ?? 0);
          if (partnershipId === null || !partnershipIds.has(partnershipId)) {
            throw new ForbiddenError('You can change scenarios only of funds in your own partnerships');
          }
          const ownerId = entity === 'scenario' ? numberField(row, 'ownerId') : await scenarioOwner(tx, numberField(row, 'scenarioId'));
          if (ownerId !== user.id) throw new ForbiddenError('A scenario is its owner’s private working copy: you can change only your own');
        }
        return;
      }
      if (entity === 'unit_cost' || entity === 'evidence_item') {
        // Issue 7: the reference data of appraisals, shared by every partnership, kept by commissioners (and admins).
        if (user.role !== 'commissioner') {
          throw new ForbiddenError(`${ROLE_LABELS[user.role]}s cannot change unit costs or evidence: only commissioners and administrators can`);
        }
        return;
      }
      if (entity === 'split_rule' || entity === 'fund_risk_share' || entity === 'roi_benefit') {
        // Issue 6: who pays is the commissioners' call. Split rules and a fund's risk share are changed by the
        // commissioners of the partnership (and admins); finance officers and board members read them.
        const what = entity === 'split_rule' ? 'split rules' : entity === 'roi_benefit' ? 'benefit lines' : 'a fund’s risk share';
        if (user.role !== 'commissioner') {
          throw new ForbiddenError(`${ROLE_LABELS[user.role]}s cannot change ${what}: only commissioners and administrators can`);
        }
        for (const row of [before, after]) {
          const fundId = numberField(row, 'fundId');
          const partnershipId = fundId !== null ? await partnershipOfFund(tx, fundId) : numberField(row, 'partnershipId');
          if (row !== null && (partnershipId === null || !partnershipIds.has(partnershipId))) {
            throw new ForbiddenError(`You can change ${what} only in your own partnerships`);
          }
        }
        return;
      }
      throw new ForbiddenError(`${ROLE_LABELS[user.role]}s cannot change ${entity.replace('_', ' ')} records`);
    },
  };
}

/** Throws FORBIDDEN unless the user can see the partnership. */
export function assertPartnershipVisible(partnershipIds: ReadonlySet<number>, partnershipId: number): void {
  if (!partnershipIds.has(partnershipId)) throw new ForbiddenError('You are not a member of this partnership, so you cannot see it');
}
