// What a saved change (a `change` event) does to a list of rows held in the query cache: each updated field set to its
// saved value and the row's version to the version after, so a grid shows the new figure at once without asking the
// server again. Pure: unit-tested without a browser.
import type { LiveChange } from '../../shared/live';

interface VersionedRow {
  id: number;
  version: number;
}

/**
 * The rows with the change's updates of `entity` applied, or null when the list cannot be patched from the event
 * alone (a row created or deleted: the list must be read again). Rows the change does not touch keep their object, so
 * nothing else in a grid redraws; a row already at (or past) the version after is left as it is (the person's own
 * save, already read back), and so is a row in `held` (one being edited: see apply-change.ts).
 */
export function patchRows<R extends VersionedRow>(
  rows: readonly R[],
  change: LiveChange,
  entity: string,
  held: ReadonlySet<number> = new Set(),
): R[] | null {
  const mine = change.events.filter((e) => e.entity === entity);
  if (mine.some((e) => e.action !== 'update')) return null;
  const byId = new Map<number, LiveChange['events']>();
  for (const event of mine) byId.set(event.entityId, [...(byId.get(event.entityId) ?? []), event]);
  let changed = false;
  const next = rows.map((row) => {
    const events = byId.get(row.id);
    if (!events || held.has(row.id)) return row;
    const versionAfter = Math.max(...events.map((e) => e.versionAfter ?? 0));
    if (versionAfter <= row.version) return row;
    const patched: Record<string, unknown> = { ...(row as Record<string, unknown>), version: versionAfter };
    for (const event of events) if (event.field !== null) patched[event.field] = event.newValue;
    if ('updatedAt' in row) patched.updatedAt = change.at;
    if ('updatedBy' in row) patched.updatedBy = change.user?.id ?? null;
    if ('updatedByName' in row) patched.updatedByName = change.user?.name ?? null;
    changed = true;
    return patched as unknown as R;
  });
  return changed ? next : rows.slice();
}

/** Whether every row the change updates is already at its version after in these rows (nothing new to show). */
export function alreadyHeld(rows: readonly VersionedRow[], change: LiveChange, entity: string): boolean {
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  return change.events
    .filter((e) => e.entity === entity)
    .every((e) => e.action === 'update' && (versions.get(e.entityId) ?? 0) >= (e.versionAfter ?? Infinity));
}
