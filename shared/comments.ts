// The rules of conversation on the figures that both ends use: where a thread opens in the app, and which threads mark
// which cells. Pure: the services (server/services/comments.ts) and the grids (client) import it.
import type { ThreadTarget, ThreadTargetEntity, ThreadView } from './schema/comment';

/** Where a thread is shown, by what it is on: the page of that figure, with `thread=<id>` to open it. */
export function threadLink(
  target: Pick<ThreadTarget, 'entity'>,
  where: { fundId: number; partnershipId: number; scenarioId?: number | null },
  threadId: number,
): string {
  const fund = `/funds/${where.fundId}`;
  const pages: Record<ThreadTargetEntity, string> = {
    contribution: `${fund}/contributions?thread=${threadId}`,
    scheme: `${fund}/plan?thread=${threadId}`,
    outcome: `${fund}/outcomes?thread=${threadId}`,
    roi_benefit: `${fund}/outcomes?thread=${threadId}`,
    scenario_item: `/partnerships/${where.partnershipId}/splits?fund=${where.fundId}${where.scenarioId ? `&scenario=${where.scenarioId}` : ''}&thread=${threadId}`,
    fund: `/partnerships/${where.partnershipId}/board-pack?fund=${where.fundId}&thread=${threadId}`,
  };
  return pages[target.entity];
}

/** The key of the cell (or row, with field null) a thread is on, for looking threads up by cell. */
export function targetKey(entity: string, id: number, field: string | null): string {
  return `${entity}:${id}:${field ?? ''}`;
}

/** The threads of a list by the cell they are on, open ones only (a cell with an open thread carries a marker). */
export function openThreadsByCell(threads: readonly ThreadView[]): Map<string, ThreadView[]> {
  const byCell = new Map<string, ThreadView[]>();
  for (const thread of threads) {
    if (thread.status !== 'open') continue;
    const key = targetKey(thread.target.entity, thread.target.id, thread.target.field);
    const list = byCell.get(key) ?? [];
    list.push(thread);
    byCell.set(key, list);
  }
  return byCell;
}
