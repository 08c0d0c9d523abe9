// Who is told of a step of conversation, and in what words (issue "Conversation on the figures"). Each function
// returns the notifications of one cause; the step writes them with notify() in its own batch transaction, so they
// exist exactly when their cause does. Only people who may see the thread are ever told (its audience), and notify()
// never tells the actor of their own doing.
import type { DB } from '../../db/connection';
import type { NewNotification } from '../../db/repositories/notification.repository';
import type { Tx } from '../../db/unit-of-work';
import type { CommentRow, CommentThreadRow } from '../../shared/schema/comment';
import type { AudienceMember, ThreadPlace } from './comment-audience';

/** At most this much of a comment is quoted in a notification; the rest is in the thread. */
export const QUOTE_LENGTH = 140;

/** “Why is Q2 under plan?”, cut at a word near QUOTE_LENGTH characters with an ellipsis. */
export function quote(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= QUOTE_LENGTH) return `“${flat}”`;
  const cut = flat.slice(0, QUOTE_LENGTH);
  const atWord = cut.lastIndexOf(' ');
  return `“${(atWord > QUOTE_LENGTH / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…”`;
}

/** One step's facts, as every notification of it needs them. */
export interface Cause {
  thread: CommentThreadRow;
  comment: CommentRow;
  place: ThreadPlace;
  actor: { id: number; name: string };
  link: string;
  /** Everyone who may see the thread: no one else is told. */
  audience: readonly AudienceMember[];
}

function notice(cause: Cause, userId: number, kind: NewNotification['kind'], text: string): NewNotification {
  return {
    userId,
    kind,
    partnershipId: cause.place.partnershipId,
    fundId: cause.place.fundId,
    threadId: cause.thread.id,
    commentId: cause.comment.id,
    actorId: cause.actor.id,
    text,
    link: cause.link,
  };
}

const visible = (cause: Cause) => new Set(cause.audience.map((p) => p.id));

/** Each person mentioned in the comment (kind 'mention'). */
export function mentionNotices(cause: Cause, mentioned: readonly number[]): NewNotification[] {
  const may = visible(cause);
  const text = `${cause.actor.name} mentioned you on ${cause.thread.label}: ${quote(cause.comment.body)}`;
  return mentioned.filter((id) => may.has(id)).map((id) => notice(cause, id, 'mention', text));
}

/**
 * A reply: every earlier participant of the thread (its starter and everyone who wrote in it) is told ('reply'); the
 * asker of a question hears it as an 'answer' when someone else replies (notify() lets the most specific kind win).
 */
export function replyNotices(cause: Cause, participants: readonly number[]): NewNotification[] {
  const may = visible(cause);
  const replyText = `${cause.actor.name} replied on ${cause.thread.label}: ${quote(cause.comment.body)}`;
  const answerText = `${cause.actor.name} answered your question on ${cause.thread.label}: ${quote(cause.comment.body)}`;
  const out = participants.filter((id) => may.has(id)).map((id) => notice(cause, id, 'reply', replyText));
  if (cause.thread.isQuestion && may.has(cause.thread.createdBy)) out.push(notice(cause, cause.thread.createdBy, 'answer', answerText));
  return out;
}

/**
 * Who answers a new question on a figure, the first rule that names anyone:
 * 1. on a contribution, the finance officers whose organisations include the row's organisation (they keep it);
 * 2. the row's last editor, if they may see the thread;
 * 3. the partnership's commissioners (they plan the fund).
 * Everyone chosen must be able to see the thread; the asker is never told of their own question.
 */
export async function questionNotices(
  db: DB | Tx,
  cause: Cause,
  target: { orgId: number | null; updatedBy: number | null },
): Promise<NewNotification[]> {
  const text = `${cause.actor.name} asked a question on ${cause.thread.label}: ${quote(cause.comment.body)}`;
  const candidates = cause.audience.filter((p) => p.id !== cause.actor.id);
  const keepers = target.orgId === null ? [] : await financeOfficersOf(db, target.orgId, candidates);
  const rules = [
    () => keepers,
    () => candidates.filter((p) => p.id === target.updatedBy),
    () => candidates.filter((p) => p.role === 'commissioner'),
  ];
  for (const rule of rules) {
    const answerers = rule();
    if (answerers.length) return answerers.map((p) => notice(cause, p.id, 'question', text));
  }
  return [];
}

async function financeOfficersOf(db: DB | Tx, orgId: number, among: readonly AudienceMember[]): Promise<AudienceMember[]> {
  const rows = await db.selectFrom('userOrg').select('userId').where('orgId', '=', orgId).execute();
  const ofOrg = new Set(rows.map((r) => r.userId));
  return among.filter((p) => p.role === 'finance_officer' && ofOrg.has(p.id));
}
