// Split rules (issue 6, item 2): named rules per partnership for sharing a cost ("Standard formula 30/20"), and the
// fund's Section 75 risk share (item 4), kept as JSON in the existing fund.risk_share column. Frozen once shipped:
// never edit it, add a new migration.
//
// A rule's fixed-£ parts and percentage shares are JSON arrays on the rule row (`fixed`, `shares`), each audited as
// one field: a rule is edited and versioned as a whole, so one version and one audit entity cover it and its parts
// (like a partnership's member list), and undo restores a rule's parts with it.
import { sql, type Kysely } from 'kysely';
import { autoId } from './dialect';

/** The risk share a fund had before this migration ('pro_rata_planned', the column default) as a configuration. */
const PRO_RATA_PLANNED = JSON.stringify({
  overspendMethod: { kind: 'pro_rata_planned' },
  underspendMethod: { kind: 'pro_rata_planned' },
  contingencyPence: 0,
  uncommittedPence: 0,
});

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('split_rule')
    .addColumn('id', ...autoId(db))
    .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnership.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_of_rule', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fixed', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('shares', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('remainder', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addUniqueConstraint('split_rule_name_unique', ['partnership_id', 'name'])
    .execute();

  // Existing funds: the old one-word default becomes the same rule as a full configuration. A fund created later still
  // gets the column default, which the server reads as this same configuration (db/repositories/risk-share.repository).
  await sql`UPDATE fund SET risk_share = ${PRO_RATA_PLANNED} WHERE risk_share = 'pro_rata_planned'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('split_rule').execute();
}
