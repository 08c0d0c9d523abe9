// Sign-off and returns (issue "Sign-off and returns"): a fund's submissions (its plan, quarterly returns Q1 to Q3 and
// the year-end return), the people named to sign for each organisation and to record the Health and Wellbeing Board's
// approval, the signatures themselves, a return's answers (conditions still met, each metric's narrative), and each
// BCF year's deadlines. Frozen once shipped: never edit it, add a new migration.
import { sql, type Kysely } from 'kysely';
import { autoId } from './dialect';

const stamped = (t: { addColumn: (name: string, type: 'integer' | 'text', build?: (c: any) => any) => any }) =>
  t
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer');

export async function up(db: Kysely<any>): Promise<void> {
  // One submission per fund and kind. `round` counts the versions sent for sign-off; `figures` is the frozen version
  // (JSON of what the submission covers) and `digest` its SHA-256, both null while a draft has never been sent.
  await stamped(
    db.schema
      .createTable('submission')
      .addColumn('id', ...autoId(db))
      .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('plan', 'q1', 'q2', 'q3', 'year_end')`))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('draft')
          .check(sql`status in ('draft', 'awaiting_signatures', 'signed', 'approved', 'submitted')`),
      )
      .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('digest', 'text')
      .addColumn('figures', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('sent_by', 'integer')
      .addColumn('meeting_date', 'text')
      .addColumn('minute_reference', 'text')
      .addColumn('approved_at', 'text')
      .addColumn('approved_by', 'integer')
      .addColumn('submitted_on', 'text')
      .addColumn('returned_reason', 'text')
      .addColumn('reopened_reason', 'text')
      .addUniqueConstraint('submission_fund_kind_unique', ['fund_id', 'kind']),
  ).execute();

  // Who may sign for an organisation (its chief executive; for a council also its section 151 officer), and who records
  // a partnership's Health and Wellbeing Board approval: a capability of a user, not a login of its own.
  await stamped(
    db.schema
      .createTable('signatory')
      .addColumn('id', ...autoId(db))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
      .addColumn('capacity', 'text', (c) => c.notNull().check(sql`capacity in ('chief_executive', 'section_151', 'hwb_approval')`))
      .addColumn('org_id', 'integer', (c) => c.references('organisation.id'))
      .addColumn('partnership_id', 'integer', (c) => c.references('partnership.id'))
      .addColumn('job_title', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();

  // A signature of one version (round and digest) of a submission, for one organisation in one capacity. Never deleted:
  // a reopened or re-sent submission voids it with a reason.
  await stamped(
    db.schema
      .createTable('signature')
      .addColumn('id', ...autoId(db))
      .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
      .addColumn('submission_id', 'integer', (c) => c.notNull().references('submission.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
      .addColumn('capacity', 'text', (c) => c.notNull().check(sql`capacity in ('chief_executive', 'section_151', 'hwb_approval')`))
      .addColumn('org_id', 'integer', (c) => c.references('organisation.id'))
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull())
      .addColumn('statement', 'text', (c) => c.notNull())
      .addColumn('voided_at', 'text')
      .addColumn('void_reason', 'text'),
  ).execute();
  await db.schema.createIndex('signature_submission').on('signature').columns(['submission_id', 'round']).execute();

  // A return's answers: each national condition still met (Yes/No and commentary), each metric's rating with its
  // challenges, support needed and achievements.
  await stamped(
    db.schema
      .createTable('return_answer')
      .addColumn('id', ...autoId(db))
      .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
      .addColumn('submission_id', 'integer', (c) => c.notNull().references('submission.id'))
      .addColumn('item', 'text', (c) => c.notNull().check(sql`item in ('condition', 'metric')`))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('answer', 'text')
      .addColumn('commentary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('challenges', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('support_needed', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('achievements', 'text', (c) => c.notNull().defaultTo(''))
      .addUniqueConstraint('return_answer_item_unique', ['submission_id', 'item', 'code']),
  ).execute();

  // Each BCF year's deadlines, set by administrators.
  await stamped(
    db.schema
      .createTable('bcf_deadline')
      .addColumn('id', ...autoId(db))
      .addColumn('bcf_year', 'text', (c) => c.notNull().references('bcf_year.code'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('plan', 's75', 'q1', 'q2', 'q3', 'year_end')`))
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addUniqueConstraint('bcf_deadline_year_kind_unique', ['bcf_year', 'kind']),
  ).execute();
}
