// The demo's conversation on the figures (issue "Conversation on the figures"): ILLUSTRATIVE ONLY. On the prevention
// pilot's fund the board member asks why the council's quarter that is furthest under plan is under plan, and the
// council's finance officer answers (with the figures as the demo has them); the question is left open, so the figure carries its comment mark. It is a conversation of the past: its
// notifications are read, so each person's unread count starts at what is new to them. Written through the comments
// service as the people themselves, as their requests would be.
import { sql } from 'kysely';
import type { DB } from '../../db/connection';
import { formatPence } from '../../shared/money';
import { replyInput, startThreadInput } from '../../shared/schema/comment';
import { replyToThread, startThread } from '../services/comments';
import { demoPerson } from './people';

export const DEMO_QUESTION = {
  partnership: 'Northbridge Older People’s Prevention Pilot',
  asker: 'board@demo.test',
  answerer: 'council.finance@demo.test',
  question: (quarter: number, shortPence: number) =>
    `Why is the Q${quarter} actual ${formatPence(shortPence)} under plan? Is it timing, or will the year end under plan too?`,
  answer: (quarter: number) =>
    `The falls service started two weeks late in Q${quarter}, so that quarter's invoices were smaller. The later quarters are on plan or over; the Variance column shows what is left for the year. (Illustrative demo conversation.)`,
};

/** The board member's question on the council's contribution of the pilot's fund furthest under plan, and its answer. */
export async function seedDemoConversation(db: DB): Promise<void> {
  const asker = await demoPerson(db, DEMO_QUESTION.asker, 'The demo conversation');
  const answerer = await demoPerson(db, DEMO_QUESTION.answerer, 'The demo conversation');
  const row = await db
    .selectFrom('contribution')
    .innerJoin('fund', 'fund.id', 'contribution.fundId')
    .innerJoin('partnership', 'partnership.id', 'fund.partnershipId')
    .select(['contribution.id', 'contribution.fundId', 'contribution.quarter', 'contribution.plannedPence', 'contribution.actualPence'])
    .where('partnership.name', '=', DEMO_QUESTION.partnership)
    .where('contribution.orgId', 'in', answerer.user.orgIds)
    .where((eb) => eb('contribution.actualPence', '<', eb.ref('contribution.plannedPence')))
    .orderBy(sql`planned_pence - actual_pence`, 'desc')
    .orderBy('contribution.id')
    .executeTakeFirst();
  if (!row) throw new Error(`The demo conversation needs a council contribution under plan in ${DEMO_QUESTION.partnership}`);
  const thread = await startThread(
    db,
    asker,
    startThreadInput.parse({
      fundId: row.fundId,
      target: { entity: 'contribution', id: row.id, field: 'actualPence' },
      body: DEMO_QUESTION.question(row.quarter, row.plannedPence - row.actualPence),
      isQuestion: true,
    }),
  );
  await replyToThread(db, answerer, replyInput.parse({ threadId: thread.id, body: DEMO_QUESTION.answer(row.quarter) }));
  // Each person's own mark, as they would set it by reading (the seed runs inside one transaction, so not through the
  // notifications service, which opens its own).
  await db.updateTable('notification').set({ readAt: new Date().toISOString() }).where('threadId', '=', thread.id).execute();
}
