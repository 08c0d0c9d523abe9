// Conversation on the figures and others' work live (issue "Conversation on the figures"): comment threads on any
// figure or row, their comments, each person's notifications, the mail outbox that sends them by email, and who has a
// fund open (presence). Frozen once shipped: never edit it, add a new migration.
import { sql, type Kysely } from 'kysely';
import { autoId } from './dialect';

const stamped = (t: { addColumn: (name: string, type: 'integer' | 'text', build?: (c: any) => any) => any }) =>
  t
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'integer');

export async function up(db: Kysely<any>): Promise<void> {
  // A thread on one figure (target_field) or one row (target_field null) of a fund. `scenario_id` is set for a thread
  // on a scenario's line: it is then as private as the scenario (its owner and administrators). `label` is what the
  // thread is about, in words, as it was when the thread was started ("Q2 Planned (£) of Northbridge Council iBCF").
  await stamped(
    db.schema
      .createTable('comment_thread')
      .addColumn('id', ...autoId(db))
      .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
      .addColumn('scenario_id', 'integer', (c) => c.references('scenario.id'))
      .addColumn('target_entity', 'text', (c) => c.notNull())
      .addColumn('target_id', 'integer', (c) => c.notNull())
      .addColumn('target_field', 'text')
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('is_question', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open', 'resolved')`),
      )
      .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_by', 'integer', (c) => c.references('app_user.id'))
      .addColumn('resolved_at', 'text'),
  ).execute();
  await db.schema.createIndex('comment_thread_fund').on('comment_thread').columns(['fund_id', 'status']).execute();
  await db.schema.createIndex('comment_thread_target').on('comment_thread').columns(['target_entity', 'target_id']).execute();

  // A comment: plain text (never HTML), with the people it mentions (a JSON list of user ids). Deleting keeps the row
  // with deleted_at set and the body emptied, so a thread's replies keep their place; the text stays in the audit log.
  await stamped(
    db.schema
      .createTable('comment')
      .addColumn('id', ...autoId(db))
      .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
      .addColumn('thread_id', 'integer', (c) => c.notNull().references('comment_thread.id'))
      .addColumn('author_id', 'integer', (c) => c.notNull().references('app_user.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('edited_at', 'text')
      .addColumn('deleted_at', 'text'),
  ).execute();
  await db.schema.createIndex('comment_thread_order').on('comment').columns(['thread_id', 'id']).execute();

  // One person's notification: written in the same transaction as the change that caused it, never by itself. Not an
  // audited figure: a person's own inbox (read_at), like their session. `emailed_at` is set once the mail outbox has
  // taken it (immediately, or into a daily digest).
  await db.schema
    .createTable('notification')
    .addColumn('id', ...autoId(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('mention', 'reply', 'answer', 'question', 'conflict', 'signature_requested')`),
    )
    .addColumn('partnership_id', 'integer', (c) => c.references('partnership.id'))
    .addColumn('fund_id', 'integer', (c) => c.references('fund.id'))
    .addColumn('thread_id', 'integer', (c) => c.references('comment_thread.id'))
    .addColumn('comment_id', 'integer', (c) => c.references('comment.id'))
    .addColumn('actor_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('emailed_at', 'text')
    .execute();
  await db.schema.createIndex('notification_user').on('notification').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('notification_unemailed').on('notification').columns(['emailed_at', 'id']).execute();

  // Mail waiting to be sent, or sent: durable, so a restart loses none and sends none twice. A sender takes a row by
  // setting `lease_until` (only if no one holds it), sends, and sets `sent_at`; a failure sets `next_attempt_at` later
  // each time (backoff) and keeps `last_error`. `message_id` is the mail's Message-ID, unique.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', ...autoId(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['sent_at', 'next_attempt_at']).execute();

  // Who has a fund open, one row per open page (its event stream), with the cell selected there; kept in the database
  // so every server process sees every viewer. A row not seen for a while is gone (the stream refreshes `seen_at`).
  await db.schema
    .createTable('presence')
    .addColumn('connection_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('fund_id', 'integer', (c) => c.notNull().references('fund.id'))
    .addColumn('cell', 'text')
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('presence_fund').on('presence').columns(['fund_id']).execute();
}
