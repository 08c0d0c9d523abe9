// Scenarios (issue 6, item 3): a commissioner's private working copy of a fund's cost lines, each with a split, and a
// scope on batches so a scenario's edits have an undo stack of their own (not mixed with the fund's). Frozen once
// shipped: never edit it, add a new migration.
import type { Kysely } from 'kysely';
import { autoId, bigInteger } from './dialect';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scenario')
    .addColumn('id', ...autoId(db))
    .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('app_user.id'))
    // What the plan was when the scenario was taken: a digest of the fund's contribution and scheme row versions.
    .addColumn('base_fingerprint', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('promoted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addUniqueConstraint('scenario_name_unique', ['fund_id', 'owner_id', 'name'])
    .execute();

  await db.schema
    .createTable('scenario_item')
    .addColumn('id', ...autoId(db))
    .addColumn('scenario_id', 'integer', (c) => c.notNull().references('scenario.id'))
    // The fund, repeated from the scenario so the audit log and the policy find it without a join.
    .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
    // The scheme the line was taken from (null for a line typed in, e.g. a care package); no foreign key, since the
    // scheme may be deleted from the plan while the scenario lives on.
    .addColumn('scheme_id', 'integer')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('q1_pence', bigInteger(db), (c) => c.notNull().defaultTo(0))
    .addColumn('q2_pence', bigInteger(db), (c) => c.notNull().defaultTo(0))
    .addColumn('q3_pence', bigInteger(db), (c) => c.notNull().defaultTo(0))
    .addColumn('q4_pence', bigInteger(db), (c) => c.notNull().defaultTo(0))
    // 'plan' or 'rule:<id>' (shared/scenario.ts); a rule is read live, so editing the rule moves the scenario.
    .addColumn('split', 'text', (c) => c.notNull().defaultTo('plan'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
  await db.schema.createIndex('scenario_item_scenario').on('scenario_item').column('scenario_id').execute();

  // A batch's undo scope: null for the fund's own stack, the scenario's id for edits inside a scenario.
  await db.schema.alterTable('batch').addColumn('scenario_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('batch').dropColumn('scenario_id').execute();
  await db.schema.dropTable('scenario_item').execute();
  await db.schema.dropTable('scenario').execute();
}
