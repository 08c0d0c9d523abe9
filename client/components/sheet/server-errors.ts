// The server's answer to a refused batch, placed back on the grid: each fieldError "changes.<i>.values.<field>" names
// the change (in the order the grid sent them) and the cell; a CONFLICT over one changed row carries that row as it
// is now, for the keep-mine / take-theirs question.
import type { FieldError } from '../../../shared/errors';
import type { CellError, SheetChange } from './block';

/** A refusal of one change of a batch, by the change's place in the list sent. */
export interface ChangeError {
  change: number;
  field: string;
  message: string;
}

export function cellErrorsOf(fieldErrors: readonly FieldError[]): ChangeError[] {
  return fieldErrors.flatMap((e) => {
    const match = /^changes\.(\d+)\.values\.(\w+)$/.exec(e.path);
    return match ? [{ change: Number(match[1]), field: match[2] ?? '', message: e.message }] : [];
  });
}

/** The refusals of a batch as the grid marks them: at the cell of an existing row, or as a line about a new row; the
 * whole refusal's message when it named no cell. */
export function placeRefusal<Row extends { id: number }>(
  changes: readonly SheetChange<Row>[],
  refusal: { message: string; cellErrors: readonly ChangeError[] },
): { cellErrors: CellError[]; newRowErrors: string[] } {
  const cellErrors: CellError[] = [];
  const newRowErrors: string[] = [];
  for (const e of refusal.cellErrors) {
    const change = changes[e.change];
    if (change?.kind === 'update') cellErrors.push({ rowId: change.row.id, field: e.field, message: e.message });
    else newRowErrors.push(`New row ${e.change + 1}: ${e.message}`);
  }
  if (!cellErrors.length && !newRowErrors.length && refusal.message) newRowErrors.push(refusal.message);
  return { cellErrors, newRowErrors };
}

/** What the grid shows of a conflict: the cell, both values, and who saved theirs when. */
export interface ConflictFacts<Row> {
  /** The first field of the change: the one the question names. */
  field: string;
  mine: unknown;
  /** The row as it is now, as a grid row. */
  current: Row;
  /** Who saved it and when (ISO time), where the server says. */
  who: string | null;
  at: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The question a CONFLICT puts, when the change refused was one update and the server sent the row as it is now; with
 * what keeping mine sends again (my values against their version). `toRow` turns the row as the server keeps it into
 * the grid's row where they differ (a scheme's spend by quarter flattened into columns).
 */
export function readConflict<Row extends { id: number }, ServerRow>(
  changes: readonly SheetChange<Row>[],
  current: unknown,
  toRow?: (current: ServerRow) => Row,
): (ConflictFacts<Row> & { rowId: number; version: number; values: Record<string, unknown> }) | null {
  const [change] = changes;
  if (changes.length !== 1 || change?.kind !== 'update' || !isRecord(current) || typeof current.version !== 'number') return null;
  const [field] = Object.keys(change.values);
  if (field === undefined) return null;
  return {
    field,
    mine: change.values[field],
    current: toRow ? toRow(current as ServerRow) : (current as unknown as Row),
    who: typeof current.updatedByName === 'string' ? current.updatedByName : null,
    at: typeof current.updatedAt === 'string' ? current.updatedAt : null,
    rowId: change.row.id,
    version: current.version,
    values: change.values,
  };
}
