// Contributions: the rules only the database can check (the partner belongs to the partnership, the funding source
// is a stream of the fund's BCF year, one row per partner, source and quarter, the row belongs to the fund), then the
// audited batch write.
// create, update and delete are batches of one change, so every path shares the same checks.
import {
  contributionTable,
  listContributionCells,
  listContributionCellsWithKeys,
  type CellKey,
  type ContributionCells,
  type ContributionValuesRow,
} from '../../db/repositories/contribution.repository';
import { findFund, listFundingSources, listYearStreams } from '../../db/repositories/fund.repository';
import { memberNamesAmong } from '../../db/repositories/organisation.repository';
import type { DB } from '../../db/connection';
import { applyChanges, readableRow, runBatch, type Actor, type ChangeSpec, type Tx } from '../../db/unit-of-work';
import { notAStreamOfYear } from '../../shared/bcf-year';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { quarterLabel } from '../../shared/financial-year';
import {
  CONTRIBUTION_FIELD_LABELS,
  type ApplyBatchInput,
  type ContributionChange,
  type ContributionPatch,
  type ContributionValues,
} from '../../shared/schemas';
import type { Contribution } from '../../shared/types';

type Row = Pick<Contribution, 'id' | 'orgId' | 'source' | 'quarter' | 'plannedPence' | 'actualPence' | 'note'>;

/** What a fund's checks need to know, loaded once per batch inside its transaction. */
interface FundContext {
  /** The names of the partners the changes and their rows name, those that are members of the partnership. */
  members: Map<number, string>;
  bcfYear: string;
  /** The streams of the fund's BCF year: the only sources a change may name. */
  streams: Map<string, string>;
  /** Names of every source a row may hold (the year's streams, then the catalogue's), for messages. */
  sources: Map<string, string>;
  /** The rows the changes name, and the rows holding a key a new or moved row would take (see keysTaken). */
  rows: Map<number, ContributionCells>;
}

/** Whether a change names a partner, source or quarter, so that it could make two rows share all three (a fund holds
 * one row for each) or name a partner or source that is not allowed: only a new row or a moved one can. */
function mayClash(change: ContributionChange): boolean {
  if (change.op === 'create') return true;
  return (
    change.op === 'update' &&
    (change.values.orgId !== undefined || change.values.source !== undefined || change.values.quarter !== undefined)
  );
}

/**
 * What the checks of these changes need, read with a few set queries whatever the fund's size (issue 18): the rows the
 * changes name, the rows holding a key a new or moved row would take (the only rows it could clash with), and the
 * names of the partners named. Changes that only set figures or notes of existing rows (a cell edit, a pasted block
 * of amounts) cannot clash and name no partner or source, so they need only their own rows.
 */
async function loadFundContext(tx: Tx, fundId: number, changes: ContributionChange[]): Promise<FundContext> {
  const ids = changes.flatMap((c) => (c.op === 'create' ? [] : [c.id]));
  const named = new Map((await listContributionCells(tx, fundId, ids)).map((r) => [r.id, r]));
  if (!changes.some(mayClash)) return { members: new Map(), bcfYear: '', streams: new Map(), sources: new Map(), rows: named };
  const fund = await findFund(tx, fundId);
  if (!fund) throw new NotFoundError(`No fund with id ${fundId}`);
  const keys = keysTaken(named, changes);
  const rows = new Map(named);
  for (const row of await listContributionCellsWithKeys(tx, fundId, keys)) rows.set(row.id, row);
  const partners = [...keys.map((k) => k.orgId), ...[...rows.values()].map((r) => r.orgId)];
  const streams = await listYearStreams(tx, fund.bcfYear);
  const inYear = new Set(streams.map((s) => s.code));
  return {
    members: await memberNamesAmong(tx, fund.partnershipId, partners),
    bcfYear: fund.bcfYear,
    streams: new Map(streams.map((s) => [s.code, s.name])),
    sources: new Map([...streams, ...(await listFundingSources(tx)).filter((s) => !inYear.has(s.code))].map((s) => [s.code, s.name])),
    rows,
  };
}

/** Every key a row would hold at some point of the batch: a new row's, and a changed row's after each change to it
 * (followed through the batch, as the checks follow it). A row of the fund can only clash on one of these. */
function keysTaken(named: ReadonlyMap<number, ContributionCells>, changes: ContributionChange[]): CellKey[] {
  const state = new Map<number, CellKey>(named);
  const keys: CellKey[] = [];
  for (const change of changes) {
    if (change.op === 'create') keys.push(change.values);
    else if (change.op === 'update') {
      const before = state.get(change.id);
      if (!before) continue;
      const { orgId = before.orgId, source = before.source, quarter = before.quarter } = change.values;
      const after = { orgId, source, quarter };
      state.set(change.id, after);
      keys.push(after);
    }
  }
  return keys;
}

const keyOf = (r: Pick<Row, 'orgId' | 'source' | 'quarter'>) => `${r.orgId}|${r.source}|${r.quarter}`;

/**
 * A fund's contributions as one batch writes them: a partner must be a member of the fund's partnership and a source a
 * funding stream of the fund's BCF year (a row already holding a stream its year no longer lists keeps it until
 * someone changes its source; the plan's checklist flags it), and a fund holds one row for each partner, source and quarter. Every problem is collected (not
 * just the first) so the grid can mark each bad cell.
 */
function contributionChanges(ctx: FundContext, fundId: number): ChangeSpec<Contribution, ContributionValuesRow, Row, ContributionPatch> {
  return {
    table: contributionTable,
    rows: ctx.rows,
    notInScope: (id) => `Contribution ${id} is not in fund ${fundId} (it may have been deleted)`,
    empty: { id: 0, orgId: 0, source: '', quarter: 0, plannedPence: 0, actualPence: 0, note: '' },
    problems: ({ values, at }) => {
      const errors: FieldError[] = [];
      if (values.orgId !== undefined && !ctx.members.has(values.orgId)) {
        errors.push({ path: at('orgId'), message: `Partner ${values.orgId} is not a member of this fund's partnership` });
      }
      if (values.source !== undefined && !ctx.streams.has(values.source)) {
        errors.push({
          path: at('source'),
          message: notAStreamOfYear('Funding source', values.source, ctx.bcfYear, [...ctx.streams.values()]),
        });
      }
      return errors;
    },
    unique: {
      key: keyOf,
      clash: ({ after, at }) => {
        const partner = ctx.members.get(after.orgId) ?? `Partner ${after.orgId}`;
        const source = ctx.sources.get(after.source) ?? after.source;
        return {
          path: at('quarter'),
          message: `${partner} already has a ${source} contribution for ${quarterLabel(after.quarter)} in this fund; change that row instead`,
        };
      },
    },
    toValues: ({ orgId, source, quarter, plannedPence, actualPence, note }) => ({
      fundId,
      orgId,
      source,
      quarter,
      plannedPence,
      actualPence,
      note,
    }),
  };
}

function describeBatch(changes: ContributionChange[]): string {
  if (changes.length === 1) {
    const [change] = changes;
    if (change?.op === 'create') return 'Added a contribution';
    if (change?.op === 'delete') return 'Deleted a contribution';
    // Labels as the grid names its columns, so the Undo button can say "Undo: Changed Planned (£)".
    return `Changed ${Object.keys(change?.values ?? {})
      .map((field) => CONTRIBUTION_FIELD_LABELS[field] ?? field)
      .join(', ')}`;
  }
  return `Applied ${changes.length} changes`;
}

/** How a batch is listed in the history; a pasted block or an edit by default, an import names its file. */
export interface BatchDescription {
  kind: 'batch' | 'import';
  label: string;
}

/** Apply a list of changes to one fund's contributions: all of them in one transaction and one batch, or none. */
export async function applyContributionBatch(
  db: DB,
  actor: Actor,
  input: ApplyBatchInput,
  description?: BatchDescription,
): Promise<{ batchId: string; rows: Contribution[] }> {
  // Checked before the batch starts: the batch row names the fund (a foreign key), so an unknown fund would otherwise
  // fail that constraint and be reported as a CONFLICT instead of NOT_FOUND.
  if (!(await findFund(db, input.fundId))) throw new NotFoundError(`No fund with id ${input.fundId}`);
  return writeContributionBatch(db, actor, input, description);
}

/** applyContributionBatch once the fund is known to exist: a single-row change found it through its row, and
 * contributions.applyBatch's procedure found it (and that the caller can see it) before calling this, so a cell edit
 * reads its fund once. */
export async function writeContributionBatch(
  db: DB,
  actor: Actor,
  input: ApplyBatchInput,
  description?: BatchDescription,
): Promise<{ batchId: string; rows: Contribution[] }> {
  const { batchId, result } = await runBatch(
    db,
    actor,
    { kind: description?.kind ?? 'batch', label: description?.label ?? describeBatch(input.changes), fundId: input.fundId },
    async (writer) =>
      applyChanges(writer, contributionChanges(await loadFundContext(writer.tx, input.fundId, input.changes), input.fundId), input.changes),
  );
  return { batchId, rows: result };
}

/** Re-root field-error paths of a one-change batch onto a single procedure's input ("changes.0.values.x" -> "x"). */
async function asSingleChange<T>(work: () => Promise<T>, valuesPath: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(
        error.fieldErrors.map((e) => ({
          ...e,
          path: e.path
            .replace(/^changes\.0\.values/, valuesPath)
            .replace(/^changes\.0\./, '')
            .replace(/^\./, ''),
        })),
      );
    }
    if (error instanceof ConflictError) throw new ConflictError(error.message, error.current, undefined, error.entity);
    throw error;
  }
}

export async function createContribution(db: DB, actor: Actor, input: ContributionValues & { fundId: number }): Promise<Contribution> {
  const { fundId, ...values } = input;
  const { rows } = await asSingleChange(() => applyContributionBatch(db, actor, { fundId, changes: [{ op: 'create', values }] }), '');
  const [row] = rows;
  if (!row) throw new Error('create returned no row');
  return row;
}

/** The fund of a contribution named by its id, if the caller may read it (otherwise "not found", as for no row). */
async function fundOfContribution(db: DB, actor: Actor, id: number): Promise<number> {
  return (await readableRow(db, actor, contributionTable, id)).fundId;
}

export async function updateContribution(
  db: DB,
  actor: Actor,
  input: { id: number; version: number; patch: ContributionPatch },
): Promise<Contribution> {
  const fundId = await fundOfContribution(db, actor, input.id);
  const { rows } = await asSingleChange(
    () =>
      writeContributionBatch(db, actor, { fundId, changes: [{ op: 'update', id: input.id, version: input.version, values: input.patch }] }),
    'patch',
  );
  const [row] = rows;
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function deleteContribution(db: DB, actor: Actor, input: { id: number; version: number }): Promise<{ ok: true }> {
  const fundId = await fundOfContribution(db, actor, input.id);
  await asSingleChange(
    () => writeContributionBatch(db, actor, { fundId, changes: [{ op: 'delete', id: input.id, version: input.version }] }),
    '',
  );
  return { ok: true };
}
