// One batch-write loop for every noun (issue 14, part 3): a list of create / update / delete changes is checked as a
// whole against the rows as they would be after the changes before each one, every problem collected, and only then
// written through the BatchWriter (version check, write rules, audit), in order. A service describes its noun once, as
// a ChangeSpec, and keeps only its own rules. Two places take a new rule: a rule of one noun goes in its spec's
// `problems`; a rule of every noun (a figure locked once its return is submitted) goes once in WRITE_RULES
// (./write-rules.ts), which every write of every batch passes, undo and redo included.
import { ValidationError, type FieldError } from '../../shared/errors';
import type { AuditedTable, BatchWriter, VersionedRow } from '../unit-of-work';

/** A change as every batch input spells it (shared/schemas.ts `changeOf`): `values` for a create, a patch for an update. */
export type Change<Create extends object = object, Patch extends object = Partial<Create>> =
  | { op: 'create'; values: Create }
  | { op: 'update'; id: number; version: number; values: Patch }
  | { op: 'delete'; id: number; version: number };

/** The values a patch sets: a field sent as `undefined` is a field left alone, never a field cleared. */
export function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What a noun's own rules see of one change: the row before it (absent for a create) and as it would be after it. */
export interface ChangeInCheck<State, Sent extends object> {
  /** The change's index in the batch. */
  index: number;
  /** The path of a field of the change's values, for a FieldError: `changes.3.values.plannedPence`. */
  at: (field: string) => string;
  before: State | undefined;
  after: State;
  /** The fields the change sets (those sent as `undefined` left out). */
  values: Partial<Sent>;
}

/**
 * How one noun's batch is checked and written. `State` is a row as the checks see it (a contribution's cells, a
 * scheme's plan line); `Sent` is what a change's values may hold.
 */
export interface ChangeSpec<Row extends VersionedRow, Values extends object, State extends object, Sent extends object = Partial<State>> {
  /** The audited table the rows are written to (its entity names the audit events, its noun the messages). */
  table: AuditedTable<Row, Values>;
  /** The rows of the batch's scope (a fund's contributions, a scenario's lines) by id, as they are now. A change that
   * names a row not in it is refused with `notInScope`. */
  rows: ReadonlyMap<number, State>;
  notInScope(id: number): string;
  /** The state of a new row before its values are applied: the defaults of the fields a create may leave out. */
  empty: Partial<State>;
  /** The noun's own rules for one change, as the row would be after it: every problem, at its path. */
  problems?(change: ChangeInCheck<State, Sent>): FieldError[];
  /** One row per key in the scope (a partner, source and quarter; a scheme ID): a change that would make two rows
   * share a key is refused with `clash`, given the other row as it would be by then. */
  unique?: {
    key(row: State): string;
    clash(change: ChangeInCheck<State, Sent>, other: State | undefined): FieldError;
  };
  /** A new row's values as written, from its state after the checks (adds the scope: the fund, the scenario). */
  toValues(after: State): Values;
  /** What an update writes; by default the fields the change sets, which must then be fields of the table (a noun
   * with a derived figure writes its state instead). */
  toPatch?(after: State, values: Partial<Sent>): Partial<Values>;
}

/**
 * Check every change (throwing one ValidationError with every problem), then write them in order: new rows a run at a
 * time (an import is one long run, written in a few statements), updates and deletes with their version checks at
 * `changes.<i>`. Returns the rows created and updated, in the order of the changes.
 */
export async function applyChanges<Row extends VersionedRow, Values extends object, State extends object, Sent extends object>(
  writer: BatchWriter,
  spec: ChangeSpec<Row, Values, State, Sent>,
  changes: readonly Change<object, object>[],
): Promise<Row[]> {
  const planned = checkChanges(spec, changes);
  const rows: Row[] = [];
  let run: Values[] = [];
  const flush = async () => {
    if (run.length > 0) rows.push(...(await writer.createMany(spec.table, run)));
    run = [];
  };
  for (const [i, change] of changes.entries()) {
    const step = planned[i];
    if (change.op === 'create') {
      if (step) run.push(spec.toValues(step.after));
      continue;
    }
    await flush();
    if (change.op === 'delete') await writer.remove(spec.table, change.id, change.version, `changes.${i}`);
    else if (step) {
      const patch = spec.toPatch ? spec.toPatch(step.after, step.values) : (step.values as unknown as Partial<Values>);
      rows.push(await writer.update(spec.table, change.id, change.version, patch, `changes.${i}`));
    }
  }
  await flush();
  return rows;
}

/** Each change's state after it (null for a delete), checked against the scope as the changes before it leave it. */
function checkChanges<State extends object, Sent extends object>(
  spec: Pick<ChangeSpec<VersionedRow, object, State, Sent>, 'rows' | 'notInScope' | 'empty' | 'problems' | 'unique'>,
  changes: readonly Change<object, object>[],
): ({ after: State; values: Partial<Sent> } | null)[] {
  const errors: FieldError[] = [];
  const state = new Map<number | string, State>(spec.rows);
  const keyOf = spec.unique?.key;
  const keys = new Map<string, number | string>(keyOf ? [...spec.rows].map(([id, row]) => [keyOf(row), id]) : []);
  const planned = changes.map((change, index) => {
    let before: State | undefined;
    if (change.op !== 'create') {
      before = state.get(change.id);
      if (!before) {
        errors.push({ path: `changes.${index}.id`, message: spec.notInScope(change.id) });
        return null;
      }
    }
    if (change.op === 'delete') {
      state.delete(change.id);
      if (keyOf && before) keys.delete(keyOf(before));
      return null;
    }
    const values = definedOnly(change.values) as Partial<Sent>;
    const after = { ...spec.empty, ...before, ...values } as State;
    const inCheck: ChangeInCheck<State, Sent> = { index, at: (field) => `changes.${index}.values.${field}`, before, after, values };
    errors.push(...(spec.problems?.(inCheck) ?? []));
    const id: number | string = change.op === 'update' ? change.id : `new-${index}`;
    if (spec.unique && keyOf) {
      if (before) keys.delete(keyOf(before));
      const clash = keys.get(keyOf(after));
      if (clash !== undefined && clash !== id) errors.push(spec.unique.clash(inCheck, state.get(clash)));
      keys.set(keyOf(after), id);
    }
    state.set(id, after);
    return { after, values };
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return planned;
}
