// Reads and writes of conversation on the figures: comment threads and their comments, two plain audited tables
// written only through runBatch (kind 'comment'). The rules (who sees a thread, who may edit a comment, who is told)
// are in server/services/comments.ts.
import {
  COMMENT_FIELD_LABELS,
  COMMENT_THREAD_FIELD_LABELS,
  type CommentRow,
  type CommentThreadRow,
  type CommentThreadValues,
  type CommentValues,
} from '../../shared/schema/comment';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { findIn, simpleAuditedTable } from './simple-table';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const toThread = (r: Record<string, unknown>): CommentThreadRow => ({
  id: Number(r.id),
  fundId: Number(r.fundId),
  scenarioId: num(r.scenarioId),
  targetEntity: r.targetEntity as CommentThreadRow['targetEntity'],
  targetId: Number(r.targetId),
  targetField: str(r.targetField),
  label: String(r.label),
  isQuestion: Number(r.isQuestion) === 1,
  status: r.status as CommentThreadRow['status'],
  createdBy: Number(r.createdBy),
  createdAt: String(r.createdAt),
  resolvedBy: num(r.resolvedBy),
  resolvedAt: str(r.resolvedAt),
  version: Number(r.version),
});

/** The stored list of mentioned ids; anything unreadable is read as no mentions rather than failing a whole list. */
function parseMentions(text: unknown): number[] {
  try {
    const parsed: unknown = JSON.parse(String(text ?? '[]'));
    return Array.isArray(parsed) ? parsed.filter((v): v is number => typeof v === 'number') : [];
  } catch {
    return [];
  }
}

const toComment = (r: Record<string, unknown>): CommentRow => ({
  id: Number(r.id),
  fundId: Number(r.fundId),
  threadId: Number(r.threadId),
  authorId: Number(r.authorId),
  body: String(r.body ?? ''),
  mentions: parseMentions(r.mentions),
  createdAt: String(r.createdAt),
  editedAt: str(r.editedAt),
  deletedAt: str(r.deletedAt),
  version: Number(r.version),
});

const threadSpec = { table: 'commentThread', toRow: toThread };
const commentSpec = { table: 'comment', toRow: toComment };

export const findThread = findIn(threadSpec);
export const findComment = findIn(commentSpec);

export const commentThreadTable = simpleAuditedTable<CommentThreadRow, CommentThreadValues>({
  ...threadSpec,
  entity: 'comment_thread',
  noun: 'comment thread',
  fields: [
    'fundId',
    'scenarioId',
    'targetEntity',
    'targetId',
    'targetField',
    'label',
    'isQuestion',
    'status',
    'createdBy',
    'createdAt',
    'resolvedBy',
    'resolvedAt',
  ],
  fieldLabels: COMMENT_THREAD_FIELD_LABELS,
  fundIdOf: (row) => row.fundId,
  describe: async (_tx, row) => `the ${row.isQuestion ? 'question' : 'comment thread'} on ${row.label}`,
  toColumns: (values) => {
    const { isQuestion, ...rest } = values;
    return isQuestion === undefined ? rest : { ...rest, isQuestion: isQuestion ? 1 : 0 };
  },
});

export const commentTable = simpleAuditedTable<CommentRow, CommentValues>({
  ...commentSpec,
  entity: 'comment',
  noun: 'comment',
  fields: ['fundId', 'threadId', 'authorId', 'body', 'mentions', 'createdAt', 'editedAt', 'deletedAt'],
  fieldLabels: COMMENT_FIELD_LABELS,
  fundIdOf: (row) => row.fundId,
  describe: async (tx, row) => {
    const thread = await findThread(tx, row.threadId);
    return thread ? `a comment on ${thread.label}` : `comment ${row.id}`;
  },
  toColumns: (values) => {
    const { mentions, ...rest } = values;
    return mentions === undefined ? rest : { ...rest, mentions: JSON.stringify(mentions) };
  },
});

/** A fund's threads, oldest first. */
export async function listThreadsOfFund(db: DB | Tx, fundId: number): Promise<CommentThreadRow[]> {
  const rows = await db.selectFrom('commentThread').selectAll().where('fundId', '=', fundId).orderBy('id').execute();
  return rows.map((r) => toThread(r as unknown as Record<string, unknown>));
}

/** The comments of these threads, oldest first. */
export async function listCommentsOfThreads(db: DB | Tx, threadIds: readonly number[]): Promise<CommentRow[]> {
  if (threadIds.length === 0) return [];
  const rows: CommentRow[] = [];
  // In slices, so a fund with thousands of threads stays under the databases' limits on values in one statement.
  for (let i = 0; i < threadIds.length; i += 500) {
    const slice = threadIds.slice(i, i + 500);
    const found = await db.selectFrom('comment').selectAll().where('threadId', 'in', slice).orderBy('id').execute();
    rows.push(...found.map((r) => toComment(r as unknown as Record<string, unknown>)));
  }
  return rows.sort((a, b) => a.id - b.id);
}
