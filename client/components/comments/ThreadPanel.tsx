// One thread on a figure, in a modal dialog named by the figure ("Q2 Planned (£) of Northbridge Council iBCF"): its
// comments oldest first (author, time, text with the mentions marked, edited and deleted marks), the author's Edit and
// Delete, a reply, Resolve or Reopen, and its badges ("Question · Open"). With no thread yet it is the composer of a
// new one, with "Ask as a question". A comment is always drawn as text (React children), never as HTML. The browser's
// modal dialog keeps the focus inside; Esc or Close gives it back to the cell it came from.
import { useEffect, useId, useRef, useState } from 'react';
import { formatDateTime } from '../../../shared/dates';
import type { CommentView, Mentionable, ThreadTarget, ThreadView } from '../../../shared/schema/comment';
import { apiError } from '../../trpc';
import type { CommentsApi } from '../../hooks/useComments';
import { CommentComposer } from './CommentComposer';
import { mentionRuns } from './mentions';
import './comments.css';

/** What the panel shows: a thread, or the composer of a new one on a figure. */
export type PanelSubject =
  { kind: 'thread'; thread: ThreadView } | { kind: 'new'; target: ThreadTarget; label: string; earlier: readonly ThreadView[] };

interface Props {
  subject: PanelSubject;
  api: CommentsApi;
  fundId: number;
  people: readonly Mentionable[];
  userId: number;
  /** Show this thread instead (a new one just started, or an earlier resolved one on the same figure). */
  onStarted: (threadId: number) => void;
  onClose: () => void;
}

/** The server's refusal as one line for the field: the field errors' messages, or the error's own. */
function refusal(error: unknown): string {
  const { message, fieldErrors } = apiError(error);
  return fieldErrors.length > 0 ? fieldErrors.map((e) => e.message).join('; ') : message;
}

/** The id of a thread a start returned (the thread itself, or a result naming it). */
function startedId(result: unknown): number | null {
  if (typeof result !== 'object' || result === null) return null;
  const value = result as { id?: unknown; thread?: { id?: unknown }; threadId?: unknown };
  for (const candidate of [value.thread?.id, value.threadId, value.id]) if (typeof candidate === 'number') return candidate;
  return null;
}

export function statusText(thread: Pick<ThreadView, 'isQuestion' | 'status'>): string {
  const status = thread.status === 'open' ? 'Open' : 'Resolved';
  return thread.isQuestion ? `Question · ${status}` : status;
}

export function ThreadPanel({ subject, api, fundId, people, userId, onStarted, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const [asQuestion, setAsQuestion] = useState(false);
  /** What was just done, read out politely (the new comment or status is also on screen). */
  const [said, setSaid] = useState('');
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const thread = subject.kind === 'thread' ? subject.thread : null;
  const title = thread ? thread.label : subject.kind === 'new' ? subject.label : '';

  const send = async (run: () => Promise<unknown>, done: string): Promise<boolean> => {
    setError(null);
    setSaid('');
    try {
      await run();
      setSaid(done);
      return true;
    } catch (e) {
      setError(refusal(e));
      return false;
    }
  };

  const step = async (which: 'resolve' | 'reopen') => {
    if (!thread) return;
    const mutation = which === 'resolve' ? api.resolve : api.reopen;
    await send(() => mutation.mutateAsync({ id: thread.id, version: thread.version }), which === 'resolve' ? 'Resolved' : 'Reopened');
  };

  return (
    <dialog
      ref={dialog}
      className="dialog thread-dialog"
      aria-labelledby={titleId}
      data-testid="thread-dialog"
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="thread-head">
        <h2 id={titleId}>{title}</h2>
        {thread && (
          <span className={`thread-badge ${thread.status === 'open' ? 'thread-open' : 'thread-resolved'}`} data-testid="thread-status">
            {statusText(thread)}
          </span>
        )}
      </div>
      {thread && (
        <p className="muted thread-meta">
          Started by {thread.createdBy.name}, {formatDateTime(thread.createdAt)}
          {thread.resolvedBy && thread.resolvedAt ? ` · resolved by ${thread.resolvedBy.name}, ${formatDateTime(thread.resolvedAt)}` : ''}
        </p>
      )}
      {thread && (
        <ol className="comment-list" aria-label="Comments">
          {thread.comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} mine={comment.author.id === userId} api={api} people={people} />
          ))}
        </ol>
      )}
      {subject.kind === 'new' && subject.earlier.length > 0 && (
        <div className="thread-earlier">
          <p>Earlier threads on this figure, resolved:</p>
          <ul>
            {subject.earlier.map((t) => (
              <li key={t.id}>
                <button type="button" className="link-button" onClick={() => onStarted(t.id)}>
                  Started by {t.createdBy.name}, {formatDateTime(t.createdAt)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {subject.kind === 'new' && (
        <CommentComposer
          label="Comment"
          submitLabel={asQuestion ? 'Ask' : 'Comment'}
          people={people}
          error={error}
          busy={api.start.isPending}
          autoFocus
          onSubmit={(body, mentionUserIds) =>
            send(
              async () => {
                const result: unknown = await api.start.mutateAsync({
                  fundId,
                  target: subject.target,
                  body,
                  mentionUserIds,
                  isQuestion: asQuestion,
                  ...(subject.target.entity === 'fund' ? { label: subject.label } : {}),
                });
                const id = startedId(result);
                if (id !== null) onStarted(id);
              },
              asQuestion ? 'Question asked' : 'Comment added',
            )
          }
          extra={
            <label className="checkbox-label">
              <input type="checkbox" checked={asQuestion} onChange={(e) => setAsQuestion(e.target.checked)} /> Ask as a question
            </label>
          }
        />
      )}
      {thread && thread.status === 'open' && (
        <CommentComposer
          label="Reply"
          submitLabel="Reply"
          people={people}
          error={error}
          busy={api.reply.isPending}
          autoFocus
          onSubmit={(body, mentionUserIds) =>
            send(() => api.reply.mutateAsync({ threadId: thread.id, body, mentionUserIds }), 'Reply added')
          }
        />
      )}
      {thread && thread.status !== 'open' && error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {said}
      </p>
      <div className="dialog-actions">
        {thread && thread.status === 'open' && (
          <button type="button" className="secondary-button" disabled={api.resolve.isPending} onClick={() => void step('resolve')}>
            Resolve
          </button>
        )}
        {thread && thread.status !== 'open' && (
          <button type="button" className="secondary-button" disabled={api.reopen.isPending} autoFocus onClick={() => void step('reopen')}>
            Reopen
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

/** One comment: who, when, the text with its mentions marked, and its author's Edit and Delete. */
function CommentItem({
  comment,
  mine,
  api,
  people,
}: {
  comment: CommentView;
  mine: boolean;
  api: CommentsApi;
  people: readonly Mentionable[];
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deleted = comment.deletedAt !== null;

  const remove = async () => {
    setError(null);
    try {
      await api.remove.mutateAsync({ id: comment.id, version: comment.version });
    } catch (e) {
      setError(refusal(e));
    }
    setConfirming(false);
  };

  return (
    <li className="comment" data-testid="comment">
      <p className="comment-head">
        <strong>{comment.author.name}</strong>{' '}
        <time className="muted" dateTime={comment.createdAt}>
          {formatDateTime(comment.createdAt)}
        </time>
        {comment.editedAt && !deleted && <span className="muted"> · edited {formatDateTime(comment.editedAt)}</span>}
      </p>
      {deleted ? (
        <p className="muted comment-deleted">Comment deleted {comment.deletedAt ? formatDateTime(comment.deletedAt) : ''}</p>
      ) : editing ? (
        <CommentComposer
          label="Edit comment"
          submitLabel="Save"
          people={people}
          initialText={comment.body}
          initialMentions={comment.mentions}
          error={error}
          busy={api.edit.isPending}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={async (body, mentionUserIds) => {
            setError(null);
            try {
              await api.edit.mutateAsync({ id: comment.id, version: comment.version, body, mentionUserIds });
              setEditing(false);
              return true;
            } catch (e) {
              setError(refusal(e));
              return false;
            }
          }}
        />
      ) : (
        <p className="comment-body" data-testid="comment-body">
          {mentionRuns(comment.body, comment.mentions).map((run, i) =>
            run.mention ? (
              <mark key={i} className="mention">
                {run.text}
              </mark>
            ) : (
              <span key={i}>{run.text}</span>
            ),
          )}
        </p>
      )}
      {mine && !deleted && !editing && (
        <p className="comment-actions">
          {confirming ? (
            <>
              <span>Delete this comment?</span>{' '}
              <button type="button" className="link-button" onClick={() => void remove()}>
                Yes, delete
              </button>{' '}
              <button type="button" className="link-button" onClick={() => setConfirming(false)} autoFocus>
                No, keep it
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="link-button"
                aria-label={`Edit your comment of ${formatDateTime(comment.createdAt)}`}
                onClick={() => setEditing(true)}
              >
                Edit
              </button>{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Delete your comment of ${formatDateTime(comment.createdAt)}`}
                onClick={() => setConfirming(true)}
              >
                Delete
              </button>
            </>
          )}
        </p>
      )}
      {error && !editing && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
