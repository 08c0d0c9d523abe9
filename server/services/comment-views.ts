// How conversation reads through the API: threads with their comments (oldest first), and the people they name, as
// ThreadView and CommentView (shared/schema/comment.ts). Comment text is returned exactly as typed: plain text.
import type { DB } from '../../db/connection';
import { listCommentsOfThreads } from '../../db/repositories/comment.repository';
import type { Tx } from '../../db/unit-of-work';
import { threadLink } from '../../shared/comments';
import type { CommentRow, CommentThreadRow, CommentView, PersonRef, ThreadView } from '../../shared/schema/comment';

export async function threadViews(db: DB | Tx, threads: readonly CommentThreadRow[], partnershipId: number): Promise<ThreadView[]> {
  const comments = await listCommentsOfThreads(
    db,
    threads.map((t) => t.id),
  );
  const names = await namesOf(db, peopleOf(threads, comments));
  const byThread = new Map<number, CommentRow[]>();
  for (const c of comments) byThread.set(c.threadId, [...(byThread.get(c.threadId) ?? []), c]);
  const person = (id: number): PersonRef => ({ id, name: names.get(id) ?? `person ${id}` });
  return threads.map((t) => ({
    id: t.id,
    fundId: t.fundId,
    target: { entity: t.targetEntity, id: t.targetId, field: t.targetField },
    label: t.label,
    isQuestion: t.isQuestion,
    status: t.status,
    createdBy: person(t.createdBy),
    createdAt: t.createdAt,
    resolvedBy: t.resolvedBy === null ? null : person(t.resolvedBy),
    resolvedAt: t.resolvedAt,
    version: t.version,
    comments: (byThread.get(t.id) ?? []).map((c) => commentView(c, names)),
    link: threadLink({ entity: t.targetEntity }, { fundId: t.fundId, partnershipId, scenarioId: t.scenarioId }, t.id),
  }));
}

export function commentView(c: CommentRow, names: ReadonlyMap<number, string>): CommentView {
  const person = (id: number): PersonRef => ({ id, name: names.get(id) ?? `person ${id}` });
  return {
    id: c.id,
    threadId: c.threadId,
    author: person(c.authorId),
    body: c.body,
    mentions: c.mentions.map(person),
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    deletedAt: c.deletedAt,
    version: c.version,
  };
}

export function peopleOf(threads: readonly CommentThreadRow[], comments: readonly CommentRow[]): number[] {
  const ids = new Set<number>();
  for (const t of threads) {
    ids.add(t.createdBy);
    if (t.resolvedBy !== null) ids.add(t.resolvedBy);
  }
  for (const c of comments) {
    ids.add(c.authorId);
    for (const m of c.mentions) ids.add(m);
  }
  return [...ids];
}

export async function namesOf(db: DB | Tx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('appUser')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
