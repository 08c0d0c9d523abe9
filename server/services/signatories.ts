// Who signs (issue "Sign-off and returns", item 2): per organisation the named chief executive and, for a council,
// section 151 officer; per partnership the person who records its Health and Wellbeing Board's approval. A capability
// of an existing user, named by administrators; each naming is audited and can be removed.
import type { z } from 'zod';
import { findSignatory, listSignatories, signatoryTable } from '../../db/repositories/submission.repository';
import type { DB } from '../../db/connection';
import { runBatch, type Actor } from '../../db/unit-of-work';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { CAPACITY_LABELS, type Signatory, type SignatoryCreateInput } from '../../shared/schema/submission';
import type { deleteInput } from '../../shared/schema/shape';

type DeleteInput = z.infer<typeof deleteInput>;

/** A signatory with the names a page shows. */
export interface SignatoryView extends Signatory {
  userName: string;
  userEmail: string;
  orgName: string | null;
  partnershipName: string | null;
}

export async function listSignatoryViews(db: DB): Promise<SignatoryView[]> {
  const rows = await listSignatories(db);
  const users = new Map((await db.selectFrom('appUser').select(['id', 'name', 'email']).execute()).map((u) => [u.id, u]));
  const orgs = new Map((await db.selectFrom('organisation').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
  const partnerships = new Map((await db.selectFrom('partnership').select(['id', 'name']).execute()).map((p) => [p.id, p.name]));
  return rows.map((s) => ({
    ...s,
    userName: users.get(s.userId)?.name ?? '',
    userEmail: users.get(s.userId)?.email ?? '',
    orgName: s.orgId === null ? null : (orgs.get(s.orgId) ?? null),
    partnershipName: s.partnershipId === null ? null : (partnerships.get(s.partnershipId) ?? null),
  }));
}

export async function createSignatory(db: DB, actor: Actor, input: SignatoryCreateInput): Promise<Signatory> {
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Named a signatory (${CAPACITY_LABELS[input.capacity].toLowerCase()})`, fundId: null },
    async (writer) => {
      const errors: FieldError[] = [];
      const user = await writer.tx.selectFrom('appUser').select(['id', 'disabled']).where('id', '=', input.userId).executeTakeFirst();
      if (!user) errors.push({ path: 'userId', message: `Person must be an existing user, got id ${input.userId}` });
      else if (user.disabled) errors.push({ path: 'userId', message: `Person must be an active user: user ${input.userId} is disabled` });
      if (input.capacity === 'hwb_approval') {
        if (input.partnershipId === undefined)
          errors.push({ path: 'partnershipId', message: 'Partnership must be given for a Health and Wellbeing Board approval' });
        if (input.orgId !== undefined)
          errors.push({
            path: 'orgId',
            message: 'Organisation must be left out for a board approval: the board approves for the partnership',
          });
      } else {
        if (input.orgId === undefined)
          errors.push({ path: 'orgId', message: `Organisation must be given for a ${CAPACITY_LABELS[input.capacity].toLowerCase()}` });
        if (input.partnershipId !== undefined)
          errors.push({
            path: 'partnershipId',
            message: `Partnership must be left out for a ${CAPACITY_LABELS[input.capacity].toLowerCase()}: they sign for their organisation`,
          });
      }
      if (
        input.orgId !== undefined &&
        !(await writer.tx.selectFrom('organisation').select('id').where('id', '=', input.orgId).executeTakeFirst())
      ) {
        errors.push({ path: 'orgId', message: `Organisation must be an existing organisation, got id ${input.orgId}` });
      }
      if (
        input.partnershipId !== undefined &&
        !(await writer.tx.selectFrom('partnership').select('id').where('id', '=', input.partnershipId).executeTakeFirst())
      ) {
        errors.push({ path: 'partnershipId', message: `Partnership must be an existing partnership, got id ${input.partnershipId}` });
      }
      const same = await listSignatories(writer.tx, {
        userId: input.userId,
        capacity: input.capacity,
        orgId: input.orgId ?? null,
        partnershipId: input.partnershipId ?? null,
      });
      if (same.length > 0)
        errors.push({ path: 'userId', message: `Person is already named as ${CAPACITY_LABELS[input.capacity].toLowerCase()} there` });
      if (errors.length) throw new ValidationError(errors);
      return writer.create(signatoryTable, {
        userId: input.userId,
        capacity: input.capacity,
        orgId: input.orgId ?? null,
        partnershipId: input.partnershipId ?? null,
        jobTitle: input.jobTitle ?? '',
      });
    },
  );
  return result;
}

export async function removeSignatory(db: DB, actor: Actor, input: DeleteInput): Promise<{ id: number }> {
  await runBatch(db, actor, { kind: 'edit', label: 'Removed a signatory', fundId: null }, async (writer) => {
    const row = await findSignatory(writer.tx, input.id);
    if (!row) throw new NotFoundError(`No signatory with id ${input.id}`);
    await writer.remove(signatoryTable, input.id, input.version);
  });
  return { id: input.id };
}
