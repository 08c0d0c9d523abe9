// Sign-in and roles: users (with their organisations), server-side sessions, sign-in throttling, and the partnership
// of each audit event (so history can be filtered and scoped by partnership). Frozen once shipped.
import { sql, type Kysely } from 'kysely';
import { autoId, createAppendOnlyTrigger, dropAppendOnlyTrigger } from './dialect';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('id', ...autoId(db))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'finance_officer', 'commissioner', 'board_member')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_set_at', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();

  await db.schema
    .createTable('user_org')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addPrimaryKeyConstraint('user_org_pk', ['user_id', 'org_id'])
    .execute();

  // A session is stored by the SHA-256 of its token, so a copy of the database does not hand out live sessions.
  await db.schema
    .createTable('session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  // Failed sign-ins per account ("account:<email>") and per address ("address:<ip>").
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema.alterTable('audit_event').addColumn('partnership_id', 'integer').execute();
  // Backfill: the append-only trigger refuses UPDATE, so lift it for this one migration and put it back.
  await dropAppendOnlyTrigger(db, 'update');
  await sql`UPDATE audit_event SET partnership_id = (SELECT partnership_id FROM fund WHERE fund.id = audit_event.fund_id)
    WHERE fund_id IS NOT NULL`.execute(db);
  await sql`UPDATE audit_event SET partnership_id = entity_id WHERE entity = 'partnership'`.execute(db);
  await createAppendOnlyTrigger(db, 'update');
  await db.schema.createIndex('audit_event_partnership_idx').on('audit_event').columns(['partnership_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_event_partnership_idx').execute();
  await db.schema.alterTable('audit_event').dropColumn('partnership_id').execute();
  for (const table of ['login_throttle', 'session', 'user_org', 'app_user']) await db.schema.dropTable(table).execute();
}
