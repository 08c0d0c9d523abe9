// Which thread a grid's cell stands for, and whether it carries the comment mark: a figure's own thread, or, on the
// row's key cell (its first column), the thread on the whole row. Pure, so the rule is tested without a grid.
import { targetKey } from '../../../shared/comments';
import type { ThreadTarget, ThreadTargetEntity, ThreadView } from '../../../shared/schema/comment';

/** The target a cell's Shift+F2 opens: the key cell stands for the whole row (field null). */
export function cellTarget(entity: ThreadTargetEntity, rowId: number, field: string, keyField: string | undefined): ThreadTarget {
  return { entity, id: rowId, field: field === keyField ? null : field };
}

/** Whether a cell carries the mark, given the open threads by cell (shared/comments.ts openThreadsByCell). */
export function cellHasThread(
  openByCell: ReadonlyMap<string, readonly ThreadView[]>,
  entity: ThreadTargetEntity,
  rowId: number,
  field: string,
  keyField: string | undefined,
): boolean {
  return openByCell.has(targetKey(entity, rowId, field)) || (field === keyField && openByCell.has(targetKey(entity, rowId, null)));
}

/** How many organisations of a person the @ list names before "and N more". */
const ORGANISATIONS_SHOWN = 2;

/** A person's organisations for the @ list: the first two, then how many more. */
export function organisationsText(organisations: readonly string[]): string {
  const shown = organisations.slice(0, ORGANISATIONS_SHOWN).join(', ');
  const more = organisations.length - ORGANISATIONS_SHOWN;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
