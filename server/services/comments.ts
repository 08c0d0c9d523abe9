// Conversation on the figures (issue "Conversation on the figures"): threads on a fund's rows and figures, their
// comments, and the notifications each step causes. Every step is one batch of kind 'comment' (db/unit-of-work.ts):
// audited like a figure, never on an undo stack, and its notifications written in the same transaction. A thread is
// seen by whoever may see what it is on (server/services/comment-audience.ts). Decisions written down here:
// - A reply to a resolved thread reopens it (as in Google Sheets): a new word on a settled question unsettles it.
// - A comment is edited or deleted only by its author; deleting keeps its place in the thread with its text emptied
//   (the text stays in the audit log). Anyone who sees a thread resolves or reopens it.
import type { DB } from '../../db/connection';
import { commentTable, commentThreadTable, listCommentsOfThreads, listThreadsOfFund } from '../../db/repositories/comment.repository';
import { findFund } from '../../db/repositories/fund.repository';
import { notify, type NewNotification } from '../../db/repositories/notification.repository';
import { readableRow, runBatch, type Actor, type BatchWriter, type Tx } from '../../db/unit-of-work';
import { threadLink } from '../../shared/comments';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import type {
  CommentRow,
  CommentThreadRow,
  CommentView,
  Mentionable,
  ThreadView,
  startThreadInput,
  replyInput,
  editCommentInput,
  deleteCommentInput,
  threadStepInput,
} from '../../shared/schema/comment';
import type { z } from 'zod';
import {
  audienceOf,
  mayViewThread,
  mentionablesOf,
  partnershipPhrase,
  scenarioOwnerOf,
  type AudienceMember,
  type ThreadPlace,
  type Viewer,
} from './comment-audience';
import { mentionNotices, questionNotices, replyNotices, type Cause } from './comment-notifications';
import { resolveTarget, type ReadAs } from './comment-targets';
import { commentView, namesOf, peopleOf, threadViews } from './comment-views';

/** The signed-in caller: who they are, what they see, and the actor the write path uses. */
export interface CommentCaller extends Viewer {
  actor: Actor;
}

type StartThread = z.output<typeof startThreadInput>;
type Reply = z.output<typeof replyInput>;
type EditComment = z.output<typeof editCommentInput>;
type DeleteComment = z.output<typeof deleteCommentInput>;
type ThreadStep = z.output<typeof threadStepInput>;

// ---- reading ----

/** Every thread of a fund the caller may see (open and resolved), each with its comments oldest first. */
export async function listThreads(db: DB, caller: CommentCaller, fundId: number): Promise<ThreadView[]> {
  const fund = await fundOrMissing(db, fundId);
  const threads = await listThreadsOfFund(db, fundId);
  const owners = new Map<number, number | null>();
  for (const scenarioId of new Set(threads.flatMap((t) => (t.scenarioId === null ? [] : [t.scenarioId])))) {
    owners.set(scenarioId, await scenarioOwnerOf(db, scenarioId));
  }
  const seen = threads.filter((t) =>
    mayViewThread(caller, placeOf(t, fund.partnershipId), t.scenarioId === null ? null : (owners.get(t.scenarioId) ?? null)),
  );
  return threadViews(db, seen, fund.partnershipId);
}

/** The people who may be mentioned on a fund (or, with `scenarioId`, on that scenario's lines). */
export async function listMentionable(
  db: DB,
  caller: CommentCaller,
  input: { fundId: number; scenarioId?: number | undefined },
): Promise<Mentionable[]> {
  const fund = await fundOrMissing(db, input.fundId);
  const place: ThreadPlace = { fundId: fund.id, partnershipId: fund.partnershipId, scenarioId: input.scenarioId ?? null };
  if (place.scenarioId !== null) {
    const scenario = await db.selectFrom('scenario').select(['fundId', 'ownerId']).where('id', '=', place.scenarioId).executeTakeFirst();
    if (!scenario || scenario.fundId !== fund.id || !mayViewThread(caller, place, scenario.ownerId)) {
      throw new NotFoundError(`No scenario with id ${place.scenarioId}: it may have been deleted by someone else`);
    }
  }
  return mentionablesOf(db, place);
}

// ---- the steps ----

/** Start a thread (a comment, or a question) on a row or figure of a fund. */
export async function startThread(db: DB, caller: CommentCaller, input: StartThread): Promise<ThreadView> {
  const fund = await fundOrMissing(db, input.fundId);
  // The target is read once before the batch for the batch's label and scope, and again inside it, as written.
  const known = await resolveTarget(db as unknown as Tx, readBefore(db, caller), fund.id, input.target, input.label);
  const what = input.isQuestion ? 'Asked a question' : 'Commented';
  const { result } = await runBatch(
    db,
    caller.actor,
    { kind: 'comment', label: `${what} on ${known.label}`, fundId: fund.id, scenarioId: known.scenarioId },
    async (w) => {
      const target = await resolveTarget(w.tx, readIn(w), fund.id, input.target, input.label);
      const place: ThreadPlace = { fundId: fund.id, partnershipId: fund.partnershipId, scenarioId: target.scenarioId };
      const audience = await audienceOf(w.tx, place);
      await checkMentions(w.tx, input.mentionUserIds, audience, place, fund.partnershipId);
      const thread = await w.create(commentThreadTable, {
        fundId: fund.id,
        scenarioId: target.scenarioId,
        targetEntity: target.target.entity,
        targetId: target.target.id,
        targetField: target.target.field,
        label: target.label,
        isQuestion: input.isQuestion,
        status: 'open',
        createdBy: caller.user.id,
        createdAt: w.stamp.at,
        resolvedBy: null,
        resolvedAt: null,
      });
      const comment = await w.create(commentTable, newComment(w, thread, caller, input.body, input.mentionUserIds));
      const cause = causeOf(thread, comment, place, caller, audience);
      const notices: NewNotification[] = mentionNotices(cause, input.mentionUserIds);
      if (thread.isQuestion) notices.push(...(await questionNotices(w.tx, cause, target)));
      await notify(w.tx, notices, w.stamp.at);
      return (await threadViews(w.tx, [thread], fund.partnershipId))[0];
    },
  );
  return present(result);
}

/** Reply to a thread; a resolved thread is reopened by it. */
export async function replyToThread(db: DB, caller: CommentCaller, input: Reply): Promise<CommentView> {
  const { thread: known, place } = await visibleThread(db, caller, input.threadId);
  const { result } = await runBatch(db, caller.actor, batchOf(`Replied on ${known.label}`, place), async (w) => {
    let thread = await w.read(commentThreadTable, input.threadId);
    const audience = await audienceOf(w.tx, place);
    await checkMentions(w.tx, input.mentionUserIds, audience, place, place.partnershipId);
    const earlier = await listCommentsOfThreads(w.tx, [thread.id]);
    const comment = await w.create(commentTable, newComment(w, thread, caller, input.body, input.mentionUserIds));
    if (thread.status === 'resolved') {
      thread = await w.update(commentThreadTable, thread.id, thread.version, { status: 'open', resolvedBy: null, resolvedAt: null });
    }
    const participants = [thread.createdBy, ...earlier.filter((c) => c.deletedAt === null).map((c) => c.authorId)];
    const cause = causeOf(thread, comment, place, caller, audience);
    await notify(w.tx, [...replyNotices(cause, [...new Set(participants)]), ...mentionNotices(cause, input.mentionUserIds)], w.stamp.at);
    return commentView(comment, await namesOf(w.tx, peopleOf([], [comment])));
  });
  return result;
}

/** Change a comment's text (its author only); people newly mentioned are told. */
export async function editComment(db: DB, caller: CommentCaller, input: EditComment): Promise<CommentView> {
  const { comment: known, thread, place } = await ownComment(db, caller, input.id, 'edit');
  const { result } = await runBatch(db, caller.actor, batchOf(`Edited a comment on ${thread.label}`, place), async (w) => {
    const audience = await audienceOf(w.tx, place);
    await checkMentions(w.tx, input.mentionUserIds, audience, place, place.partnershipId);
    const comment = await w.update(
      commentTable,
      input.id,
      input.version,
      { body: input.body, mentions: input.mentionUserIds, editedAt: w.stamp.at },
      'version',
    );
    const newlyMentioned = input.mentionUserIds.filter((id) => !known.mentions.includes(id));
    await notify(w.tx, mentionNotices(causeOf(thread, comment, place, caller, audience), newlyMentioned), w.stamp.at);
    return commentView(comment, await namesOf(w.tx, peopleOf([], [comment])));
  });
  return result;
}

/** Delete a comment (its author only): its place in the thread stays, its text is emptied. */
export async function deleteComment(db: DB, caller: CommentCaller, input: DeleteComment): Promise<CommentView> {
  const { thread, place } = await ownComment(db, caller, input.id, 'delete');
  const { result } = await runBatch(db, caller.actor, batchOf(`Deleted a comment on ${thread.label}`, place), async (w) => {
    const comment = await w.update(commentTable, input.id, input.version, { body: '', mentions: [], deletedAt: w.stamp.at }, 'version');
    return commentView(comment, await namesOf(w.tx, peopleOf([], [comment])));
  });
  return result;
}

/** Resolve a thread (anyone who sees it). */
export async function resolveThread(db: DB, caller: CommentCaller, input: ThreadStep): Promise<ThreadView> {
  return threadStatusStep(db, caller, input, 'resolved');
}

/** Reopen a resolved thread (anyone who sees it). */
export async function reopenThread(db: DB, caller: CommentCaller, input: ThreadStep): Promise<ThreadView> {
  return threadStatusStep(db, caller, input, 'open');
}

async function threadStatusStep(db: DB, caller: CommentCaller, input: ThreadStep, status: 'open' | 'resolved'): Promise<ThreadView> {
  const { thread: known, place } = await visibleThread(db, caller, input.id);
  const noun = known.isQuestion ? 'question' : 'thread';
  const verb = status === 'resolved' ? 'Resolved' : 'Reopened';
  const { result } = await runBatch(db, caller.actor, batchOf(`${verb} the ${noun} on ${known.label}`, place), async (w) => {
    const current = await w.read(commentThreadTable, input.id);
    if (current.version === input.version && current.status === status) {
      throw new ValidationError([
        {
          path: 'id',
          message: `Thread ${input.id} is already ${status}: only ${status === 'open' ? 'a resolved' : 'an open'} thread can be ${verb.toLowerCase()}`,
        },
      ]);
    }
    const resolved =
      status === 'resolved' ? { resolvedBy: caller.user.id, resolvedAt: w.stamp.at } : { resolvedBy: null, resolvedAt: null };
    const thread = await w.update(commentThreadTable, input.id, input.version, { status, ...resolved }, 'version');
    return (await threadViews(w.tx, [thread], place.partnershipId))[0];
  });
  return present(result);
}

/**
 * A scenario deleted takes the threads on its lines with it (they are as private as the scenario, and the database
 * keeps no thread of a scenario that is gone), in the deleting batch, so undoing the deletion brings them back; their
 * text stays in the audit log. Comments first, then their threads: the order undo reverses. The notifications about
 * them go too (a notification exists while its cause does); undoing the deletion does not tell anyone again.
 */
export async function removeScenarioThreads(w: BatchWriter, scenarioId: number): Promise<void> {
  const threads = await w.tx
    .selectFrom('commentThread')
    .select(['id', 'version'])
    .where('scenarioId', '=', scenarioId)
    .orderBy('id')
    .execute();
  if (threads.length === 0) return;
  await w.tx
    .deleteFrom('notification')
    .where(
      'threadId',
      'in',
      threads.map((t) => t.id),
    )
    .execute();
  for (const comment of await listCommentsOfThreads(
    w.tx,
    threads.map((t) => t.id),
  )) {
    await w.remove(commentTable, comment.id, comment.version);
  }
  for (const thread of threads) await w.remove(commentThreadTable, thread.id, thread.version);
}

// ---- rules ----

/**
 * Every person mentioned must exist and be able to see the thread; refused naming them (fieldErrors at
 * `mentionUserIds.<i>`), so no one is told of a figure they cannot see.
 */
async function checkMentions(
  tx: Tx,
  mentioned: readonly number[],
  audience: readonly AudienceMember[],
  place: ThreadPlace,
  partnershipId: number,
): Promise<void> {
  if (mentioned.length === 0) return;
  const may = new Set(audience.map((p) => p.id));
  const people = await tx
    .selectFrom('appUser')
    .select(['id', 'name', 'disabled'])
    .where('id', 'in', [...mentioned])
    .execute();
  const byId = new Map(people.map((p) => [p.id, p]));
  const partnership = await tx.selectFrom('partnership').select('name').where('id', '=', partnershipId).executeTakeFirst();
  const errors = mentioned.flatMap((id, i) => {
    const path = `mentionUserIds.${i}`;
    const person = byId.get(id);
    if (!person) return [{ path, message: `Mentioned person ${id} is not a user of this tool, so they cannot be mentioned` }];
    if (may.has(id)) return [];
    if (person.disabled) return [{ path, message: `${person.name}’s account is disabled, so they cannot be mentioned` }];
    const where =
      place.scenarioId !== null
        ? 'this scenario (only its owner and administrators do)'
        : partnershipPhrase(partnership?.name ?? `partnership ${partnershipId}`);
    return [{ path, message: `${person.name} cannot see ${where}, so they cannot be mentioned here` }];
  });
  if (errors.length) throw new ValidationError(errors);
}

/** A thread the caller may see, with its place; NOT_FOUND worded as for a missing thread otherwise. */
async function visibleThread(db: DB, caller: CommentCaller, threadId: number): Promise<{ thread: CommentThreadRow; place: ThreadPlace }> {
  const thread = await readableRow(db, caller.actor, commentThreadTable, threadId);
  const fund = await fundOrMissing(db, thread.fundId);
  const place = placeOf(thread, fund.partnershipId);
  const owner = thread.scenarioId === null ? null : await scenarioOwnerOf(db, thread.scenarioId);
  if (!mayViewThread(caller, place, owner))
    throw new NotFoundError(`No comment thread with id ${threadId}: it may have been deleted by someone else`);
  return { thread, place };
}

/** A comment the caller may see and wrote, not deleted; refused with who may change it otherwise. */
async function ownComment(db: DB, caller: CommentCaller, commentId: number, step: 'edit' | 'delete') {
  const comment = await readableRow(db, caller.actor, commentTable, commentId);
  const { thread, place } = await visibleThread(db, caller, comment.threadId).catch((error: unknown) => {
    if (error instanceof NotFoundError)
      throw new NotFoundError(`No comment with id ${commentId}: it may have been deleted by someone else`);
    throw error;
  });
  if (comment.authorId !== caller.user.id) {
    const author = (await namesOf(db, [comment.authorId])).get(comment.authorId) ?? `person ${comment.authorId}`;
    throw new ForbiddenError(`Only its author, ${author}, can ${step} this comment`);
  }
  if (comment.deletedAt !== null) {
    throw new ValidationError([
      {
        path: 'id',
        message: `Comment ${commentId} was deleted: a deleted comment cannot be ${step === 'edit' ? 'edited' : 'deleted again'}`,
      },
    ]);
  }
  return { comment, thread, place };
}

// ---- small parts ----

function newComment(w: BatchWriter, thread: CommentThreadRow, caller: CommentCaller, body: string, mentions: number[]) {
  return {
    fundId: thread.fundId,
    threadId: thread.id,
    authorId: caller.user.id,
    body,
    mentions,
    createdAt: w.stamp.at,
    editedAt: null,
    deletedAt: null,
  };
}

function causeOf(
  thread: CommentThreadRow,
  comment: CommentRow,
  place: ThreadPlace,
  caller: CommentCaller,
  audience: readonly AudienceMember[],
): Cause {
  return {
    thread,
    comment,
    place,
    actor: { id: caller.user.id, name: caller.user.name },
    link: threadLink({ entity: thread.targetEntity }, place, thread.id),
    audience,
  };
}

function placeOf(thread: CommentThreadRow, partnershipId: number): ThreadPlace {
  return { fundId: thread.fundId, partnershipId, scenarioId: thread.scenarioId };
}

/** A step's batch: about the thread's fund, and scoped to its scenario when it is on a scenario's line, so History and
 * the live streams keep it as private as the scenario. */
function batchOf(label: string, place: ThreadPlace) {
  return { kind: 'comment' as const, label, fundId: place.fundId, scenarioId: place.scenarioId };
}

async function fundOrMissing(db: DB | Tx, fundId: number) {
  const fund = await findFund(db, fundId);
  if (!fund) throw new NotFoundError(`No fund with id ${fundId}`);
  return fund;
}

const readBefore =
  (db: DB, caller: CommentCaller): ReadAs =>
  (table, id) =>
    readableRow(db, caller.actor, table, id);
const readIn =
  (w: BatchWriter): ReadAs =>
  (table, id) =>
    w.read(table, id);

/** A view made inside a batch from a row the batch just wrote: always there. */
function present<T>(view: T | undefined): T {
  if (view === undefined) throw new Error('A comment thread vanished inside the batch that wrote it');
  return view;
}
