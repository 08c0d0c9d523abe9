// Per-user settings (issue "Spreadsheet habits": a saved column layout per grid), and an index for the per-user undo
// and redo stacks, which read a user's batches in one fund. Frozen once shipped.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A setting is a person's own preference, not money data: it has no version and no audit events. `value` is JSON text.
  await db.schema
    .createTable('user_setting')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_setting_pk', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('batch_user_fund_idx').on('batch').columns(['user_id', 'fund_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('batch_user_fund_idx').execute();
  await db.schema.dropTable('user_setting').execute();
}
