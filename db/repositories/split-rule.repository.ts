// Reads and writes of split rules: named rules of a partnership for sharing a cost (shared/split.ts). A rule's fixed
// parts and shares are JSON arrays on its row, each audited as one field (see the migration 20261125T230000).
import type { Selectable } from 'kysely';
import type { FixedPart, RemainderPolicy, SharePart } from '../../shared/split';
import { SPLIT_RULE_FIELD_LABELS, SPLIT_RULE_FIELDS, type SplitRule, type SplitRuleValues } from '../../shared/schema/split-rule';
import type { DB } from '../connection';
import type { SplitRuleTable } from '../schema';
import type { Tx } from '../unit-of-work';
import { auditedTable } from './row-writes';

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

export const splitRuleTable = auditedTable<SplitRule, SplitRuleValues>({
  table: 'splitRule',
  entity: 'split_rule',
  noun: 'split rule',
  fields: ['partnershipId', ...SPLIT_RULE_FIELDS],
  fieldLabels: SPLIT_RULE_FIELD_LABELS,
  describe: async (_tx, row) => `the split rule ‘${row.name}’`,
  partnershipIdOf: (row) => row.partnershipId,
  find: findSplitRule,
  stamps: 'updated',
  toColumns,
});
