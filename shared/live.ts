// What the live event stream (`GET /events`, server/live/) carries, and who may receive each change: the shapes the
// server sends and the client reads, in one place. Pure: no I/O.
import { PRIVATE_ENTITIES } from './roles';

/** One audited change to one row or field, as a `change` event carries it. */
export interface LiveEventItem {
  entity: string;
  entityId: number;
  action: string;
  field: string | null;
  newValue: unknown;
  versionAfter: number | null;
}

/** A batch someone saved (event `change`); the SSE id is its last audit event id, so a reconnect resumes after it. */
export interface LiveChange {
  batchId: string;
  kind: string;
  label: string;
  fundId: number;
  user: { id: number; name: string } | null;
  at: string;
  events: LiveEventItem[];
}

/** The cell a viewer has selected: a row's field (`field` null: the whole row). */
export interface PresenceCell {
  entity: string;
  id: number;
  field: string | null;
}

export interface PresenceViewer {
  connectionId: string;
  user: { id: number; name: string };
  cell: PresenceCell | null;
}

/** Event `presence`: everyone with the fund open now (the receiver's own connection included). */
export interface LivePresence {
  fundId: number;
  viewers: PresenceViewer[];
}

export type LiveEventName = 'hello' | 'change' | 'presence' | 'notifications' | 'reset';

/** A presence row not refreshed for this long is someone who left without saying so (a closed laptop). */
export const PRESENCE_STALE_MS = 60_000;

/** What the visibility rule needs to know of one audit event and its batch. */
export interface EventScope {
  entity: string;
  /** The batch's scenario (a change made inside a scenario, a thread on a scenario's line), or null. */
  scenarioId: number | null;
  /** Who made the change. */
  authorId: number | null;
  /** The owner of the scenario the event is about (through the batch's scenario, or the event's own scenario row). */
  scenarioOwnerId: number | null;
}

/**
 * Whether a member of the fund's partnership may receive this event. The rule of History
 * (db/repositories/audit.repository.ts privateEventsOnlyOf): a private entity (a scenario and its lines,
 * shared/roles.ts PRIVATE_ENTITIES), or anything written inside a scenario (a batch scoped to it, such as a thread on a
 * scenario's line), is seen only by the scenario's owner, the author of the change, and administrators.
 */
export function mayReceive(viewer: { id: number; isAdmin: boolean }, event: EventScope): boolean {
  if (viewer.isAdmin) return true;
  const isPrivate = PRIVATE_ENTITIES.includes(event.entity) || event.scenarioId !== null;
  if (!isPrivate) return true;
  return event.authorId === viewer.id || event.scenarioOwnerId === viewer.id;
}
