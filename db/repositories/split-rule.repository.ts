// Reads and writes of split rules: named rules of a partnership for sharing a cost (shared/split.ts). A rule's fixed
// parts and shares are JSON arrays on its row, each audited as one field (see the migration 20261125T230000).
import type { Selectable } from 'kysely';
import type { FixedPart, RemainderPolicy, SharePart } from '../../shared/split';
import { SPLIT_RULE_FIELD_LABELS, SPLIT_RULE_FIELDS, type SplitRule, type SplitRuleValues } from '../../shared/schema/split-rule';
import type { DB } from '../connection';
import type { SplitRuleTable } from '../schema';
import type { AuditedTable, Tx } from '../unit-of-work';

export type { SplitRuleValues } from '../../shared/schema/split-rule';

const COLUMNS = ['id', 'partnershipId', ...SPLIT_RULE_FIELDS, 'version', 'updatedAt'] as const;

// Parts were validated by the shared rules before they were written, so they are read back as written.
function toRule(row: Pick<Selectable<SplitRuleTable>, (typeof COLUMNS)[number]>): SplitRule {
  return {
    ...row,
    fixed: JSON.parse(row.fixed) as FixedPart[],
    shares: JSON.parse(row.shares) as SharePart[],
    remainder: row.remainder as RemainderPolicy,
  };
}

export async function listSplitRules(db: DB | Tx, partnershipId: number): Promise<SplitRule[]> {
  const rows = await db.selectFrom('splitRule').select(COLUMNS).where('partnershipId', '=', partnershipId).orderBy('name').execute();
  return rows.map(toRule);
}

export async function findSplitRule(db: DB | Tx, id: number): Promise<SplitRule | undefined> {
  const row = await db.selectFrom('splitRule').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toRule(row) : undefined;
}

function toColumns(values: Partial<SplitRuleValues>) {
  const { fixed, shares, ...rest } = values;
  return {
    ...rest,
    ...(fixed !== undefined ? { fixed: JSON.stringify(fixed) } : {}),
    ...(shares !== undefined ? { shares: JSON.stringify(shares) } : {}),
  };
}

async function reread(tx: Tx, id: number): Promise<SplitRule> {
  const rule = await findSplitRule(tx, id);
  if (!rule) throw new Error(`split rule ${id} vanished inside its own transaction`);
  return rule;
}

export const splitRuleTable: AuditedTable<SplitRule, SplitRuleValues> = {
  entity: 'split_rule',
  noun: 'split rule',
  fields: ['partnershipId', 'name', 'description', 'sourceOfRule', 'fixed', 'shares', 'remainder'],
  fieldLabels: SPLIT_RULE_FIELD_LABELS,
  describe: async (_tx, row) => `the split rule ‘${row.name}’`,
  fundIdOf: () => null,
  partnershipIdOf: (row) => row.partnershipId,
  find: findSplitRule,
  insert: async (tx, values, stamp, restore) => {
    const row = await tx
      .insertInto('splitRule')
      .values({
        partnershipId: values.partnershipId,
        name: values.name,
        description: values.description,
        sourceOfRule: values.sourceOfRule,
        fixed: JSON.stringify(values.fixed),
        shares: JSON.stringify(values.shares),
        remainder: values.remainder,
        id: restore?.id,
        version: restore?.version ?? 1,
        updatedAt: stamp.at,
        updatedBy: stamp.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return reread(tx, row.id);
  },
  update: async (tx, id, values, stamp, version) => {
    await tx
      .updateTable('splitRule')
      .set({ ...toColumns(values), version, updatedAt: stamp.at, updatedBy: stamp.userId })
      .where('id', '=', id)
      .execute();
    return reread(tx, id);
  },
  remove: async (tx, id) => {
    await tx.deleteFrom('splitRule').where('id', '=', id).execute();
  },
  pick: ({ partnershipId, name, description, sourceOfRule, fixed, shares, remainder }) => ({
    partnershipId,
    name,
    description,
    sourceOfRule,
    fixed,
    shares,
    remainder,
  }),
};
