// Batch labels that name a private scenario (issue 20, item 3). A promotion's label ("Promoted scenario ‘X’ to the
// plan") is shown with its contribution changes, which the whole partnership reads, while the scenario is its owner's
// alone: so a batch records the scenario its label names and a label anyone may read in its place. Frozen once
// shipped: never edit it, add a new migration.
import type { Kysely } from 'kysely';

/** What promotions written before this migration are called to people who may not read the scenario. */
const PUBLIC_PROMOTION = 'Promoted a scenario to the plan';

export async function up(db: Kysely<any>): Promise<void> {
  // The scenario a batch's label names when the batch is not scoped to it (a promotion sits on the fund's own stack).
  await db.schema.alterTable('batch').addColumn('label_scenario_id', 'integer').execute();
  // The label shown instead to anyone who may not read that scenario.
  await db.schema.alterTable('batch').addColumn('public_label', 'text').execute();

  // Promotions already written, and their undos and redos: the unscoped batches that changed a scenario row (the
  // promotion date), named by that row.
  await db
    .updateTable('batch')
    .set((eb) => ({
      label_scenario_id: eb
        .selectFrom('audit_event')
        .select((e) => e.fn.min('audit_event.entity_id').as('scenario_id'))
        .whereRef('audit_event.batch_id', '=', 'batch.id')
        .where('audit_event.entity', '=', 'scenario'),
    }))
    .where('scenario_id', 'is', null)
    .where('kind', 'in', ['promote', 'undo', 'redo'])
    .execute();
  for (const [kind, label] of [
    ['promote', PUBLIC_PROMOTION],
    ['undo', `Undid: ${PUBLIC_PROMOTION}`],
    ['redo', `Redid: ${PUBLIC_PROMOTION}`],
  ]) {
    await db
      .updateTable('batch')
      .set({ public_label: label })
      .where('kind', '=', kind)
      .where('label_scenario_id', 'is not', null)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('batch').dropColumn('public_label').execute();
  await db.schema.alterTable('batch').dropColumn('label_scenario_id').execute();
}
