// A change someone saved, brought into this page's query cache: the rows of a fund's lists patched in place where the
// event carries every field (a grid then shows the saved value at once, and keeps the local person's open editor,
// selection and scroll: ag-grid keeps each row by id), and every other query of that fund read again (headlines,
// charts, checklists, history). A person's own save is read again, never patched (another tab of theirs), and left
// alone when the page already holds it.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { LiveChange } from '../../shared/live';
import { rowsBeingEdited } from './editing-rows';
import { alreadyHeld, patchRows } from './patch-rows';

/** The row lists patched from events, by the entity their rows are: the tRPC path of the list's query. */
const PATCHABLE: Readonly<Record<string, readonly [string, string]>> = {
  contribution: ['contributions', 'list'],
};

interface VersionedRow {
  id: number;
  version: number;
}

/** The fund a tRPC query's input names, if any (its key is [path, { input, type }]). */
function fundOfKey(key: QueryKey): number | null {
  const second = key[1];
  if (typeof second !== 'object' || second === null || !('input' in second)) return null;
  const input = (second as { input?: unknown }).input;
  if (typeof input !== 'object' || input === null || !('fundId' in input)) return null;
  const fundId = (input as { fundId?: unknown }).fundId;
  return typeof fundId === 'number' ? fundId : null;
}

function pathOfKey(key: QueryKey): string {
  const first = key[0];
  return Array.isArray(first) ? first.join('.') : '';
}

function isRowList(data: unknown): data is VersionedRow[] {
  return Array.isArray(data) && data.every((r) => typeof r === 'object' && r !== null && 'id' in r && 'version' in r);
}

/** How often a held change looks again whether what it waits for has ended. */
const HOLD_CHECK_MS = 250;

/**
 * Run `then` once `waiting` is false. A change for a row someone is typing in here waits for the edit to end: the row
 * keeps the version the edit began on, so a save of it meets the conflict check (keep mine / take theirs) instead of
 * overwriting the other person's figure unseen, and an editor is never redrawn under the typing.
 */
function whenDone(waiting: () => boolean, then: () => void): void {
  const timer = setInterval(() => {
    if (waiting()) return;
    clearInterval(timer);
    then();
  }, HOLD_CHECK_MS);
}

export function applyLiveChange(queryClient: QueryClient, change: LiveChange, myUserId: number): void {
  const entities = new Set(change.events.map((e) => e.entity));
  if (entities.has('comment_thread') || entities.has('comment')) void queryClient.invalidateQueries({ queryKey: [['comments']] });

  const ofFund = queryClient.getQueryCache().findAll({ predicate: (q) => fundOfKey(q.queryKey) === change.fundId });
  const lists = (entity: string, path: readonly [string, string]) =>
    ofFund
      .filter((q) => pathOfKey(q.queryKey) === path.join('.'))
      .flatMap((q) => (isRowList(q.state.data) ? [{ query: q, rows: q.state.data }] : []));
  // The person's own save: the page that made it reads it back itself once the save has finished (its notices, its
  // undo, its refused cells follow that), so it is never patched in ahead of it. While this page is saving or reading
  // the fund's rows, the change waits for that to end (its event often arrives before the page's own read-back); only
  // a row list that then still does not hold it (their other tab's save) is read again.
  if (change.user?.id === myUserId) {
    const held = Object.entries(PATCHABLE).every(([entity, path]) =>
      lists(entity, path).every(({ rows }) => alreadyHeld(rows, change, entity)),
    );
    if (held) return;
    const busy = () =>
      queryClient.isMutating() > 0 ||
      Object.entries(PATCHABLE).some(([entity, path]) => lists(entity, path).some(({ query }) => query.state.fetchStatus === 'fetching'));
    if (busy()) return whenDone(busy, () => applyLiveChange(queryClient, change, myUserId));
  }
  const editing = rowsBeingEdited();
  const onlyPatchable = [...entities].every((e) => e in PATCHABLE);
  // A grid whose rows cannot be patched from the event is read again as a whole: while a cell of it is being edited,
  // that waits for the edit to end (see whenDone).
  if (!onlyPatchable && editing.size > 0) {
    whenDone(
      () => rowsBeingEdited().size > 0,
      () => applyLiveChange(queryClient, change, myUserId),
    );
    return;
  }
  const heldRows = new Set(change.events.filter((e) => editing.has(e.entityId)).map((e) => e.entityId));
  if (heldRows.size > 0) {
    whenDone(
      () => [...rowsBeingEdited()].some((id) => heldRows.has(id)),
      () => void queryClient.invalidateQueries({ predicate: (q) => fundOfKey(q.queryKey) === change.fundId }),
    );
  }
  const patchedPaths = new Set<string>();
  for (const [entity, path] of Object.entries(PATCHABLE)) {
    if (!entities.has(entity) || change.user?.id === myUserId) continue;
    for (const { query, rows } of lists(entity, path)) {
      const next = patchRows(rows, change, entity, heldRows);
      if (next) {
        queryClient.setQueryData(query.queryKey, next);
        patchedPaths.add(path.join('.'));
      }
    }
  }
  // Everything else of the fund (totals, charts, checks, history, the undo stack) is read again; a list just patched
  // is not, unless the change also touched rows it cannot patch.
  void queryClient.invalidateQueries({
    predicate: (q) => fundOfKey(q.queryKey) === change.fundId && !(onlyPatchable && patchedPaths.has(pathOfKey(q.queryKey))),
  });
  void queryClient.invalidateQueries({ queryKey: [['audit', 'list']] });
}

/** Too much to catch up (`reset`): read every query again. */
export function resetLive(queryClient: QueryClient): void {
  void queryClient.invalidateQueries();
}
