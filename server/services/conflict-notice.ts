// A conflict on someone's edit, told to them (issue "Conversation on the figures"): when a save is refused because the
// row changed since the caller loaded it, the person whose change it collided with (the row's last writer, from the
// audit log) is told "<name> tried to change <row> after you did; their change was not saved". Written after the
// refusal in its own small transaction, best effort: it never changes the refusal the caller gets. A collision on a
// comment or a thread's status is not told: the thread itself shows what was said and done.
import { AUDITED_TABLES } from '../../db/audited-tables';
import { announce } from '../../db/change-signal';
import type { DB } from '../../db/connection';
import { notify } from '../../db/repositories/notification.repository';
import type { Tx, VersionedRow } from '../../db/unit-of-work';
import type { ConflictError } from '../../shared/errors';
import type { SignedInUser } from '../../shared/types';
import { canReadRow, visiblePartnershipIds } from '../policy';

const NOT_TOLD = new Set(['comment_thread', 'comment']);

function isVersionedRow(value: unknown): value is VersionedRow {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'id') === 'number';
}

/** The page a row is edited on, for the notification's link. */
function pageOf(entity: string, fundId: number | null, partnershipId: number | null): string {
  if (fundId !== null) {
    const fund = `/funds/${fundId}`;
    const pages: Record<string, string> = {
      contribution: `${fund}/contributions`,
      scheme: `${fund}/plan`,
      outcome: `${fund}/outcomes`,
      roi_benefit: `${fund}/outcomes`,
      scenario: `/partnerships/${partnershipId ?? 0}/splits?fund=${fundId}`,
      scenario_item: `/partnerships/${partnershipId ?? 0}/splits?fund=${fundId}`,
    };
    return pages[entity] ?? fund;
  }
  return partnershipId !== null ? `/partnerships/${partnershipId}` : '/partnerships';
}

/** Tell the person whose change `conflict` collided with, if they are someone else who may still read the row. */
export async function tellOfConflict(db: DB, caller: SignedInUser, conflict: ConflictError, at: Date): Promise<void> {
  const table = conflict.entity === undefined ? undefined : AUDITED_TABLES[conflict.entity];
  const current = conflict.current;
  if (!table || !isVersionedRow(current) || NOT_TOLD.has(table.entity)) return;
  const last = await db
    .selectFrom('auditEvent')
    .select('userId')
    .where('entity', '=', table.entity)
    .where('entityId', '=', current.id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const otherId = last?.userId ?? null;
  if (otherId === null || otherId === caller.id) return;
  const other = await db
    .selectFrom('appUser')
    .select(['id', 'name', 'email', 'role', 'disabled'])
    .where('id', '=', otherId)
    .executeTakeFirst();
  if (!other || other.disabled) return;
  const orgIds = (await db.selectFrom('userOrg').select('orgId').where('userId', '=', otherId).execute()).map((r) => r.orgId);
  const them: SignedInUser = { id: other.id, name: other.name, email: other.email, role: other.role, orgIds };
  const fundId = table.fundIdOf(current);
  const partnershipId = table.partnershipIdOf
    ? table.partnershipIdOf(current)
    : fundId === null
      ? null
      : ((await db.selectFrom('fund').select('partnershipId').where('id', '=', fundId).executeTakeFirst())?.partnershipId ?? null);
  // Reads outside a transaction: the row-reading helpers take a transaction only for its query builder.
  const reader = db as unknown as Tx;
  if (!(await canReadRow(reader, them, await visiblePartnershipIds(db, them), table.entity, current, partnershipId))) return;
  const what = table.describe ? await table.describe(reader, current) : `a ${table.noun}`;
  await db.transaction().execute((tx) =>
    notify(
      tx,
      [
        {
          userId: them.id,
          kind: 'conflict',
          partnershipId,
          fundId,
          actorId: caller.id,
          text: `${caller.name} tried to change ${what} after you did; their change was not saved`,
          link: pageOf(table.entity, fundId, partnershipId),
        },
      ],
      at.toISOString(),
    ),
  );
  await announce(db);
}
