// Foundation schema: organisations, partnerships and members, funds, funding sources, contributions, and the
// append-only audit log with its batches. Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';
import { autoId, createAppendOnlyTrigger, penceColumn } from './dialect';

// The funding streams of the BCF and of other s75 pools (domain.md). Reference data that later becomes per BCF year.
const FUNDING_SOURCES = [
  ['nhs_minimum', 'NHS minimum contribution', 'From the ICB; uplifted each year by the national planning guidance.'],
  ['la_bcf', 'Local Authority BCF (iBCF)', 'The improved BCF grant paid to the council, renamed the Local Authority BCF by 2025/26.'],
  ['dfg', 'Disabled Facilities Grant', 'Capital grant for home adaptations; passed to district councils in two-tier areas.'],
  ['discharge_la', 'Discharge fund (LA)', 'The council part of the hospital discharge funding.'],
  ['discharge_icb', 'Discharge fund (ICB)', 'The ICB part of the hospital discharge funding.'],
  ['additional_la', 'Additional LA contribution', 'A voluntary additional contribution from the council.'],
  ['additional_icb', 'Additional ICB contribution', 'A voluntary additional contribution from the ICB.'],
  ['carry_forward', 'Carry-forward of underspend', 'Local carry-forward of a previous year’s underspend.'],
  ['partner_contribution', 'Partner contribution', 'A partner’s agreed contribution to a non-BCF pooled budget.'],
  ['other', 'Other', 'Any other source; describe it in the note.'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('id', ...autoId(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sector', 'text', (c) =>
      c.notNull().check(sql`sector in ('social_care', 'health', 'education', 'housing', 'voluntary', 'other')`),
    )
    .addColumn('kind', 'text')
    .addColumn('ons_code', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();

  await db.schema
    .createTable('partnership')
    .addColumn('id', ...autoId(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('area', 'text')
    .addColumn('arrangement', 'text', (c) =>
      c.notNull().check(sql`arrangement in ('pooled_fund', 'aligned_budget', 'lead_commissioning', 'integrated_provision')`),
    )
    .addColumn('host_org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('notes', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();

  await db.schema
    .createTable('partnership_member')
    .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnership.id').onDelete('cascade'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addPrimaryKeyConstraint('partnership_member_pk', ['partnership_id', 'org_id'])
    .execute();

  await db.schema
    .createTable('fund')
    .addColumn('id', ...autoId(db))
    .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnership.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('financial_year', 'text', (c) => c.notNull())
    .addColumn('risk_share', 'text', (c) => c.notNull().defaultTo('pro_rata_planned'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addUniqueConstraint('fund_name_year_unique', ['partnership_id', 'name', 'financial_year'])
    .execute();

  await db.schema
    .createTable('funding_source')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('funding_source')
    .values(FUNDING_SOURCES.map(([code, name, description], i) => ({ code, name, description, sort_order: i + 1 })))
    .execute();

  await db.schema
    .createTable('contribution')
    .addColumn('id', ...autoId(db))
    .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('source', 'text', (c) => c.notNull().references('funding_source.code'))
    .addColumn('quarter', 'integer', (c) => c.notNull().check(sql`quarter between 1 and 4`))
    .addColumn(...penceColumn(db, 'planned_pence'))
    .addColumn(...penceColumn(db, 'actual_pence'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    // One figure per partner, funding source and quarter, as in the national template's income table.
    .addUniqueConstraint('contribution_cell_unique', ['fund_id', 'org_id', 'source', 'quarter'])
    .execute();
  await db.schema.createIndex('contribution_fund_idx').on('contribution').column('fund_id').execute();

  await db.schema
    .createTable('batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('fund_id', 'integer', (c) => c.references('fund.id'))
    .addColumn('undoes_batch_id', 'text', (c) => c.references('batch.id'))
    .addColumn('undone_by_batch_id', 'text', (c) => c.references('batch.id'))
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', ...autoId(db))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batch.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('create', 'update', 'delete')`))
    .addColumn('field', 'text')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('version_before', 'integer')
    .addColumn('version_after', 'integer')
    .addColumn('fund_id', 'integer')
    .execute();
  await db.schema.createIndex('audit_event_entity_idx').on('audit_event').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_event_batch_idx').on('audit_event').column('batch_id').execute();
  await db.schema.createIndex('audit_event_fund_idx').on('audit_event').columns(['fund_id', 'id']).execute();

  // The audit log is append-only: the database itself refuses to change or remove an event.
  await createAppendOnlyTrigger(db, 'update');
  await createAppendOnlyTrigger(db, 'delete');
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_event',
    'batch',
    'contribution',
    'funding_source',
    'fund',
    'partnership_member',
    'partnership',
    'organisation',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
