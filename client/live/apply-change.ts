// A change someone saved, brought into this page's query cache: the rows of a fund's lists patched in place where the
// event carries every field (a grid then shows the saved value at once, and keeps the local person's open editor,
// selection and scroll: ag-grid keeps each row by id), and every other query of that fund read again (headlines,
// charts, checklists, history). A person's own save that the page already read back is left alone.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { LiveChange } from '../../shared/live';
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

export function applyLiveChange(queryClient: QueryClient, change: LiveChange, myUserId: number): void {
  const entities = new Set(change.events.map((e) => e.entity));
  if (entities.has('comment_thread') || entities.has('comment')) void queryClient.invalidateQueries({ queryKey: [['comments']] });

  const ofFund = queryClient.getQueryCache().findAll({ predicate: (q) => fundOfKey(q.queryKey) === change.fundId });
  const patchedPaths = new Set<string>();
  let ownAndHeld = change.user?.id === myUserId;
  for (const [entity, path] of Object.entries(PATCHABLE)) {
    if (!entities.has(entity)) continue;
    for (const query of ofFund.filter((q) => pathOfKey(q.queryKey) === path.join('.'))) {
      const rows = query.state.data;
      if (!isRowList(rows)) continue;
      if (!alreadyHeld(rows, change, entity)) ownAndHeld = false;
      const next = patchRows(rows, change, entity);
      if (next) {
        queryClient.setQueryData(query.queryKey, next);
        patchedPaths.add(path.join('.'));
      }
    }
  }
  // The person's own save, already read back by the page that made it: nothing new here.
  if (ownAndHeld && patchedPaths.size > 0) return;
  // Everything else of the fund (totals, charts, checks, history, the undo stack) is read again; a list just patched
  // is not, unless the change also touched rows it cannot patch.
  const onlyPatchable = [...entities].every((e) => e in PATCHABLE);
  void queryClient.invalidateQueries({
    predicate: (q) => fundOfKey(q.queryKey) === change.fundId && !(onlyPatchable && patchedPaths.has(pathOfKey(q.queryKey))),
  });
  void queryClient.invalidateQueries({ queryKey: [['audit', 'list']] });
}

/** Too much to catch up (`reset`): read every query again. */
export function resetLive(queryClient: QueryClient): void {
  void queryClient.invalidateQueries();
}
