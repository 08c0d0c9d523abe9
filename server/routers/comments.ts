// comments.*: conversation on the figures (issue "Conversation on the figures"). Every member of a partnership, board
// members included, reads and writes the threads on its figures; a thread on a scenario's line is as private as the
// scenario; a comment is edited or deleted by its author only (server/services/comments.ts).
import { byFundInput } from '../../shared/schemas';
import { id, strict } from '../../shared/schema/fields';
import { deleteCommentInput, editCommentInput, replyInput, startThreadInput, threadStepInput } from '../../shared/schema/comment';
import type { DB } from '../../db/connection';
import {
  deleteComment,
  editComment,
  listMentionable,
  listThreads,
  reopenThread,
  replyToThread,
  resolveThread,
  startThread,
  type CommentCaller,
} from '../services/comments';
import { procedureFor, router } from '../trpc';

/** Who may be mentioned on a fund; with `scenarioId`, on that scenario's lines (its owner and administrators). */
const mentionableInput = strict({ fundId: id('Fund'), scenarioId: id('Scenario').optional() }, 'Input');

/** A step's resolver: the service, acting as the signed-in caller (who they are, what they see, their actor). */
const asCaller =
  <I, R>(service: (db: DB, caller: CommentCaller, input: I) => Promise<R>) =>
  ({ ctx, input }: { ctx: CommentCaller & { db: DB }; input: I }) =>
    service(ctx.db, ctx, input);

export const commentsRouter = router({
  list: procedureFor('comment_thread', 'read', 'fund')
    .input(byFundInput)
    .query(({ ctx, input }) => listThreads(ctx.db, ctx, input.fundId)),
  mentionable: procedureFor('comment_thread', 'read', 'fund').input(mentionableInput).query(asCaller(listMentionable)),
  start: procedureFor('comment_thread', 'change', 'fund').input(startThreadInput).mutation(asCaller(startThread)),
  reply: procedureFor('comment', 'change').input(replyInput).mutation(asCaller(replyToThread)),
  edit: procedureFor('comment', 'change').input(editCommentInput).mutation(asCaller(editComment)),
  delete: procedureFor('comment', 'change').input(deleteCommentInput).mutation(asCaller(deleteComment)),
  resolve: procedureFor('comment_thread', 'change').input(threadStepInput).mutation(asCaller(resolveThread)),
  reopen: procedureFor('comment_thread', 'change').input(threadStepInput).mutation(asCaller(reopenThread)),
});
