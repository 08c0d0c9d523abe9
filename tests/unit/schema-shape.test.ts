// The nouns' shapes (shared/schema/): each is declared once and the rest derived from it, so the patch, the change of
// a batch, the columns a repository selects and the labels a message uses can never disagree with the fields.
import { describe, expect, it } from 'vitest';
import { CONTRIBUTION_FIELD_LABELS, CONTRIBUTION_FIELDS, contributionChange, contributionPatch } from '../../shared/schema/contribution';
import { REFERENCE_ITEM_FIELD_LABELS, REFERENCE_ITEM_FIELDS } from '../../shared/schema/reference';
import { SCENARIO_LINE_FIELDS, SCENARIO_LINE_LABELS } from '../../shared/schema/scenario';
import { SCHEME_FIELD_LABELS, SCHEME_FIELDS, SPEND_FIELDS } from '../../shared/schema/scheme';
import { strict, text } from '../../shared/schema/fields';
import { changeOf, keysOf, patchOf } from '../../shared/schema/shape';
import { SPLIT_RULE_FIELD_LABELS, SPLIT_RULE_FIELDS } from '../../shared/schema/split-rule';

describe('each noun labels every field it declares', () => {
  it.each([
    ['contribution', CONTRIBUTION_FIELDS, CONTRIBUTION_FIELD_LABELS],
    ['scheme', [...SCHEME_FIELDS, ...SPEND_FIELDS], SCHEME_FIELD_LABELS],
    ['scenario line', SCENARIO_LINE_FIELDS, SCENARIO_LINE_LABELS],
    ['split rule', SPLIT_RULE_FIELDS, SPLIT_RULE_FIELD_LABELS],
    ['reference item', REFERENCE_ITEM_FIELDS, REFERENCE_ITEM_FIELD_LABELS],
  ] as const)('%s', (_noun, fields, labels: Readonly<Record<string, string>>) => {
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) expect(labels[field], field).toMatch(/\S/);
  });
});

describe('the shapes derived from one field schema', () => {
  const fields = { name: text('Name', 1, 10), note: text('Note', 0, 10) };

  it('lists the fields in the order declared', () => {
    expect(keysOf(fields)).toEqual(['name', 'note']);
    expect(CONTRIBUTION_FIELDS).toEqual(['orgId', 'source', 'quarter', 'plannedPence', 'actualPence', 'note']);
  });

  it('makes a patch of some fields, at least one, checked by the field rules', () => {
    const patch = patchOf(fields);
    expect(patch.parse({ note: 'x' })).toEqual({ note: 'x' });
    expect(patch.safeParse({}).error?.issues[0]?.message).toBe('Patch must change at least one field');
    expect(patch.safeParse({ name: '' }).error?.issues[0]?.message).toBe("Name must be text of 1 to 10 characters, got ''");
    expect(contributionPatch.safeParse({ plannedPence: -1 }).error?.issues[0]?.message).toMatch(/^Planned \(£\) must be/);
  });

  it('makes the create, update and delete changes of a batch, quoting a bad op', () => {
    const change = changeOf(strict(fields, 'Values'), patchOf(fields));
    expect(change.parse({ op: 'create', values: { name: 'a', note: '' } })).toEqual({ op: 'create', values: { name: 'a', note: '' } });
    expect(change.parse({ op: 'update', id: 1, version: 2, values: { note: 'b' } })).toMatchObject({ op: 'update', id: 1 });
    expect(change.parse({ op: 'delete', id: 1, version: 2 })).toEqual({ op: 'delete', id: 1, version: 2 });
    expect(contributionChange.safeParse({ op: 'move' }).error?.issues[0]?.message).toBe(
      "Operation must be create, update or delete, got 'move'",
    );
  });
});
