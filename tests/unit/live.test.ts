// The live streams' pure rules: who may receive a change (the History rule for private entities and anything written
// inside a scenario), and what a change does to a list of rows in the query cache.
import { describe, expect, it } from 'vitest';
import { patchRows, alreadyHeld } from '../../client/live/patch-rows';
import { mayReceive, type LiveChange } from '../../shared/live';

describe('mayReceive', () => {
  const viewer = { id: 7, isAdmin: false };
  const event = { entity: 'contribution', scenarioId: null, authorId: 3, scenarioOwnerId: null };

  it('sends a public change to every member, and a private one only to its author, the scenario owner and administrators', () => {
    expect(mayReceive(viewer, event)).toBe(true);
    const line = { entity: 'scenario_item', scenarioId: 4, authorId: 3, scenarioOwnerId: 3 };
    expect(mayReceive(viewer, line)).toBe(false);
    expect(mayReceive({ id: 3, isAdmin: false }, line)).toBe(true);
    expect(mayReceive({ id: 99, isAdmin: true }, line)).toBe(true);
    // A thread on a scenario's line is no scenario entity, but its batch is scoped to the scenario: as private.
    const thread = { entity: 'comment_thread', scenarioId: 4, authorId: 5, scenarioOwnerId: 3 };
    expect(mayReceive(viewer, thread)).toBe(false);
    expect(mayReceive({ id: 5, isAdmin: false }, thread)).toBe(true);
    expect(mayReceive({ id: 3, isAdmin: false }, thread)).toBe(true);
  });
});

describe('patchRows', () => {
  const rows = [
    { id: 1, version: 2, plannedPence: 100, note: 'a', updatedBy: 1, updatedByName: 'Ann', updatedAt: 't0' },
    { id: 2, version: 5, plannedPence: 200, note: 'b', updatedBy: 1, updatedByName: 'Ann', updatedAt: 't0' },
  ];
  const change = (events: LiveChange['events']): LiveChange => ({
    batchId: 'b1',
    kind: 'edit',
    label: 'Changed',
    fundId: 9,
    user: { id: 4, name: 'Sam' },
    at: 't1',
    events,
  });
  const update = (entityId: number, field: string, newValue: unknown, versionAfter: number) => ({
    entity: 'contribution',
    entityId,
    action: 'update',
    field,
    newValue,
    versionAfter,
  });

  it('sets the saved fields and version, and who saved it, leaving other rows as the same objects', () => {
    const next = patchRows(rows, change([update(1, 'plannedPence', 150, 3), update(1, 'note', 'x', 3)]), 'contribution');
    expect(next?.[0]).toEqual({ id: 1, version: 3, plannedPence: 150, note: 'x', updatedBy: 4, updatedByName: 'Sam', updatedAt: 't1' });
    expect(next?.[1]).toBe(rows[1]);
  });

  it('leaves a row already at the version (one’s own save read back), and gives up on a created or deleted row', () => {
    const own = change([update(2, 'plannedPence', 250, 5)]);
    expect(patchRows(rows, own, 'contribution')?.[1]).toBe(rows[1]);
    expect(alreadyHeld(rows, own, 'contribution')).toBe(true);
    expect(alreadyHeld(rows, change([update(2, 'plannedPence', 250, 6)]), 'contribution')).toBe(false);
    const created = change([{ entity: 'contribution', entityId: 3, action: 'create', field: null, newValue: {}, versionAfter: 1 }]);
    expect(patchRows(rows, created, 'contribution')).toBeNull();
  });

  it('holds a row being edited as it is, patching the others', () => {
    const both = change([update(1, 'plannedPence', 150, 3), update(2, 'plannedPence', 250, 6)]);
    const next = patchRows(rows, both, 'contribution', new Set([1]));
    expect(next?.[0]).toBe(rows[0]);
    expect(next?.[1]).toMatchObject({ id: 2, version: 6, plannedPence: 250 });
  });
});
