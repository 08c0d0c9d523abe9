// The comment threads of one kind of row on a page (contributions, schemes, scenario lines, outcomes, benefit lines, or
// the fund's own figures on the board pack): which cells carry a mark, opening a cell's thread (or a new one) and the
// thread dialog itself. A page passes `threads` to its grid and puts `panel` in its page. `?thread=<id>` in the link
// (a notification's, shared/comments.ts threadLink) opens that thread when it is on this kind of row.
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { openThreadsByCell, targetKey } from '../../../shared/comments';
import type { ThreadTarget, ThreadTargetEntity, ThreadView } from '../../../shared/schema/comment';
import { useUser } from '../../auth';
import { useComments, useMentionable } from '../../hooks/useComments';
import type { SheetThreads } from '../sheet/SheetGrid';
import { cellHasThread, cellTarget } from './thread-marks';
import { ThreadPanel, type PanelSubject } from './ThreadPanel';

interface Options {
  fundId: number;
  entity: ThreadTargetEntity;
  /** The row's key cell (the first column): it carries the marks of threads on the whole row, and Shift+F2 there opens
   * (or starts) the row's thread. */
  keyField?: string;
  /** The scenario whose lines these are: only those who can see it can be mentioned. */
  scenarioId?: number;
}

type Opened = { kind: 'thread'; id: number } | { kind: 'new'; target: ThreadTarget; label: string };

/** The newest open thread on a target, or null. */
function openThreadOn(threads: readonly ThreadView[], target: ThreadTarget): ThreadView | null {
  const key = targetKey(target.entity, target.id, target.field);
  return openThreadsByCell(threads).get(key)?.at(-1) ?? null;
}

export function useThreads<Row extends { id: number }>({
  fundId,
  entity,
  keyField,
  scenarioId,
}: Options): {
  threads: SheetThreads<Row>;
  /** Open the thread on a target (or start one), e.g. from a board-pack figure's "Comment" button. */
  openTarget: (target: ThreadTarget, label: string, returnFocus?: () => void) => void;
  /** Whether a target has an open thread. */
  hasOpen: (target: ThreadTarget) => boolean;
  panel: ReactNode;
} {
  const api = useComments(fundId);
  const user = useUser();
  const [opened, setOpened] = useState<Opened | null>(null);
  const returnFocus = useRef<(() => void) | null>(null);
  const people = useMentionable(fundId, opened !== null, scenarioId);
  const list = useMemo(() => (api.threads.data ?? []).filter((t) => t.target.entity === entity), [api.threads.data, entity]);
  const byCell = useMemo(() => openThreadsByCell(list), [list]);

  const openTarget = useCallback(
    (target: ThreadTarget, label: string, back?: () => void) => {
      returnFocus.current = back ?? null;
      const existing = openThreadOn(list, target);
      setOpened(existing ? { kind: 'thread', id: existing.id } : { kind: 'new', target, label });
    },
    [list],
  );
  const hasOpen = useCallback((target: ThreadTarget) => byCell.has(targetKey(target.entity, target.id, target.field)), [byCell]);

  const threads = useMemo<SheetThreads<Row>>(
    () => ({
      has: (row, field) => cellHasThread(byCell, entity, row.id, field, keyField),
      open: (row, field, how) => openTarget(cellTarget(entity, row.id, field, keyField), how.label, how.returnFocus),
    }),
    [byCell, entity, keyField, openTarget],
  );

  // A new thread someone (this person, a moment ago) started on the same figure: show it, and keep it by its id, so
  // resolving it leaves it on screen with "Reopen".
  useEffect(() => {
    if (opened?.kind !== 'new') return;
    const started = openThreadOn(list, opened.target);
    if (started) setOpened({ kind: 'thread', id: started.id });
  }, [opened, list]);

  // `?thread=<id>`: open it once the threads are read, if it is one of this kind's.
  const search: { thread?: unknown } = useSearch({ strict: false });
  const navigate = useNavigate();
  const linked = typeof search.thread === 'number' ? search.thread : Number(search.thread);
  useEffect(() => {
    if (!Number.isSafeInteger(linked) || linked <= 0) return;
    if (list.some((t) => t.id === linked)) setOpened({ kind: 'thread', id: linked });
  }, [linked, list]);

  const close = useCallback(() => {
    setOpened(null);
    if (search.thread !== undefined) {
      void navigate({
        to: '.',
        search: (current: object) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== 'thread')),
        replace: true,
      });
    }
    const back = returnFocus.current;
    returnFocus.current = null;
    // After the dialog has gone, so its own focus handling does not take the focus back.
    if (back) requestAnimationFrame(back);
  }, [navigate, search.thread]);

  let subject: PanelSubject | null = null;
  if (opened?.kind === 'new') {
    const key = targetKey(opened.target.entity, opened.target.id, opened.target.field);
    const earlier = list.filter((t) => t.status !== 'open' && targetKey(t.target.entity, t.target.id, t.target.field) === key);
    subject = { ...opened, earlier };
  } else if (opened?.kind === 'thread') {
    const thread = list.find((t) => t.id === opened.id);
    if (thread) subject = { kind: 'thread', thread };
  }

  const panel = subject ? (
    <ThreadPanel
      subject={subject}
      api={api}
      fundId={fundId}
      people={people.data ?? []}
      userId={user.id}
      onStarted={(id) => setOpened({ kind: 'thread', id })}
      onClose={close}
    />
  ) : null;

  return { threads, openTarget, hasOpen, panel };
}
