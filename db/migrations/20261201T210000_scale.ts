// Scale (issue 8): the indexes a national-size database needs, and each scheme's year totals kept on its row so the
// national list can sort and filter by them and the national rollup reads 200,000 rows instead of 900,000. Written
// with Kysely's builders only, so it runs the same on SQLite and PostgreSQL. Frozen once shipped: add a new migration.
import type { Kysely } from 'kysely';
import { bigInteger } from './dialect';

export async function up(db: Kysely<any>): Promise<void> {
  // Which partnerships a user sees (server/policy.ts visiblePartnershipIds) is asked on every request, by organisation;
  // the primary key leads with the partnership.
  await db.schema.createIndex('partnership_member_org_idx').on('partnership_member').column('org_id').execute();
  // National figures are read a financial year at a time.
  await db.schema.createIndex('fund_year_idx').on('fund').column('financial_year').execute();

  // A scheme's planned and actual spend for its year: the sum of its four expenditure rows, kept by the one place that
  // writes them (db/repositories/scheme.repository.ts), inside the same transaction.
  for (const column of ['planned_total_pence', 'actual_total_pence']) {
    await db.schema
      .alterTable('scheme')
      .addColumn(column, bigInteger(db), (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db
    .updateTable('scheme')
    .set((eb) => ({
      planned_total_pence: eb
        .selectFrom('expenditure')
        .select((e) => e.fn.coalesce(e.fn.sum('expenditure.planned_pence'), e.lit(0)).as('total'))
        .whereRef('expenditure.scheme_id', '=', 'scheme.id'),
      actual_total_pence: eb
        .selectFrom('expenditure')
        .select((e) => e.fn.coalesce(e.fn.sum('expenditure.actual_pence'), e.lit(0)).as('total'))
        .whereRef('expenditure.scheme_id', '=', 'scheme.id'),
    }))
    .execute();
  // The national rollup by scheme type reads this index alone; the national list sorts by the year's plan.
  await db.schema
    .createIndex('scheme_type_totals_idx')
    .on('scheme')
    .columns(['scheme_type', 'planned_total_pence', 'actual_total_pence'])
    .execute();
  await db.schema.createIndex('scheme_planned_total_idx').on('scheme').column('planned_total_pence').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('scheme_planned_total_idx').execute();
  await db.schema.dropIndex('scheme_type_totals_idx').execute();
  for (const column of ['actual_total_pence', 'planned_total_pence']) await db.schema.alterTable('scheme').dropColumn(column).execute();
  await db.schema.dropIndex('fund_year_idx').execute();
  await db.schema.dropIndex('partnership_member_org_idx').execute();
}
