// Presence: who has a fund open, and the cell each has selected. One row per open stream (its connection id), in the
// database so every server process sees every viewer; the stream refreshes it with its heartbeat and deletes it when it
// closes, and a row nobody refreshed for PRESENCE_STALE_MS is ignored and cleared. Presence is not a figure: it is
// never audited and never undone, like a session. Each change announces {kind: 'presence', fundId}, which wakes the
// hubs of every process to send the fund's viewers to its streams.
import { announce } from '../../db/change-signal';
import type { DB } from '../../db/connection';
import { findFund } from '../../db/repositories/fund.repository';
import { closePresence, findPresence, openPresence, selectCell } from '../../db/repositories/live.repository';
import { ForbiddenError, NotFoundError } from '../../shared/errors';
import type { PresenceSelectInput } from '../../shared/schema/presence';
import type { SignedInUser } from '../../shared/types';
import { visiblePartnershipIds } from '../policy';
import { userFromSession } from '../services/auth';

export async function openStreamPresence(db: DB, connectionId: string, userId: number, fundId: number, now: Date): Promise<void> {
  await openPresence(db, { connectionId, userId, fundId, at: now.toISOString() });
  await announce(db, { kind: 'presence', fundId });
}

export async function closeStreamPresence(db: DB, connectionId: string, fundId: number): Promise<void> {
  await closePresence(db, connectionId);
  await announce(db, { kind: 'presence', fundId });
}

/** `presence.select`: the cell selected on the page holding connection `connectionId`, which must be the caller's. */
export async function selectPresenceCell(db: DB, user: SignedInUser, input: PresenceSelectInput, now: Date): Promise<{ ok: true }> {
  const row = await findPresence(db, input.connectionId);
  if (!row) throw new NotFoundError(`Connection ${input.connectionId} is not open (the page's event stream has closed): reload the page`);
  if (row.userId !== user.id)
    throw new ForbiddenError(`Connection ${input.connectionId} is another person's: you can only show where you are`);
  await selectCell(db, input.connectionId, input.cell, now.toISOString());
  await announce(db, { kind: 'presence', fundId: row.fundId });
  return { ok: true };
}

/** The fund of a stream, if the person may see it: it exists (NotFound) and they are a member of its partnership
 * (Forbidden), or an administrator. */
export async function fundForStream(db: DB, user: SignedInUser, fundId: number): Promise<{ partnershipId: number }> {
  const fund = await findFund(db, fundId);
  if (!fund) throw new NotFoundError(`No fund with id ${fundId}`);
  const visible = await visiblePartnershipIds(db, user);
  if (!visible.has(fund.partnershipId))
    throw new ForbiddenError(`You are not a member of the partnership of fund ${fundId}, so you cannot follow its changes`);
  return { partnershipId: fund.partnershipId };
}

/** Whether a stream may stay open: its session is still valid, and its person may still see its fund. */
export async function streamStillAllowed(
  db: DB,
  stream: { sessionToken: string; userId: number; fundId: number | null },
  now: Date,
): Promise<boolean> {
  const session = await userFromSession(db, stream.sessionToken, now);
  if (!session || session.user.id !== stream.userId) return false;
  if (stream.fundId === null) return true;
  try {
    await fundForStream(db, session.user, stream.fundId);
    return true;
  } catch {
    return false;
  }
}
