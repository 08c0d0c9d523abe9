// contributions.import: a spreadsheet's rows, mapped onto partner, funding source, quarter, planned, actual and note,
// compared with the fund as it is (new, changed cells, unchanged, errors), and applied as ONE audited batch: one
// transaction and one undo step, or nothing at all when any row has an error.
import { fundLocks } from '../../db/repositories/submission.repository';
import type { FundLock } from '../../shared/schema/submission';
import { lockedFieldOf } from '../../shared/submission';
import { listContributionPage, sourcesUsedInFund } from '../../db/repositories/contribution.repository';
import { findFund, listFundingSources, listYearStreams } from '../../db/repositories/fund.repository';
import { listOrganisations } from '../../db/repositories/organisation.repository';
import { findPartnership } from '../../db/repositories/partnership.repository';
import type { DB } from '../../db/connection';
import type { Actor } from '../../db/unit-of-work';
import { notAStreamOfYear } from '../../shared/bcf-year';
import { restoreFormulaText } from '../../shared/csv';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { quarterLabel } from '../../shared/financial-year';
import {
  columnName,
  IMPORT_FIELD_LABELS,
  normaliseName,
  parseQuarterCell,
  type ContributionImportInput,
  type ImportChangeField,
  type ImportField,
  type ImportPreview,
  type ImportPreviewRow,
} from '../../shared/import';
import { parsePounds } from '../../shared/money';
import { contributionEditBlock } from '../../shared/permissions';
import type { Person } from '../../shared/roles';
import { NOTE_MAX_LENGTH, type ContributionChange, type ContributionPatch } from '../../shared/schemas';
import type { Contribution, ContributionListRow } from '../../shared/types';
import { applyContributionBatch } from './contributions';

/** What the rows are checked against, read once per import. */
interface ImportContext {
  /** Partners of the fund's partnership by normalised name and by ONS code. */
  partners: Map<string, { id: number; name: string }>;
  /** Organisations that exist but are not partners here, to say so rather than "unknown". */
  outsiders: Set<string>;
  partnerNames: string[];
  /** The funding streams of the fund's BCF year by normalised name and by code. */
  sources: Map<string, { code: string; name: string }>;
  sourceNames: string[];
  bcfYear: string;
  /** Sources the fund's rows hold that its year does not list (kept, never rewritten): a row naming one may come back
   * unchanged (a re-imported export), but may not be added or changed. */
  held: Map<string, { code: string; name: string }>;
  /** The fund's rows by partner|source|quarter. */
  existing: Map<string, ContributionListRow>;
  /** The fund's locks from its approved or submitted plan and returns, so the preview shows a locked figure's row as
   * an error before the import is pressed (the write path refuses it anyway). */
  locks: FundLock[];
}

async function loadImportContext(db: DB, fundId: number): Promise<ImportContext> {
  const fund = await findFund(db, fundId);
  if (!fund) throw new NotFoundError(`No fund with id ${fundId}`);
  const partnership = await findPartnership(db, fund.partnershipId);
  const memberIds = new Set(partnership?.memberOrgIds ?? []);
  const orgs = await listOrganisations(db);
  const partners = new Map<string, { id: number; name: string }>();
  const outsiders = new Set<string>();
  for (const org of orgs) {
    const names = [org.name, org.onsCode ?? ''].filter((n) => n.trim() !== '').map(normaliseName);
    for (const name of names) {
      if (memberIds.has(org.id)) partners.set(name, { id: org.id, name: org.name });
      else outsiders.add(name);
    }
  }
  const sourceList = await listYearStreams(db, fund.bcfYear);
  const sources = new Map<string, { code: string; name: string }>();
  for (const s of sourceList) {
    sources.set(normaliseName(s.code), s);
    sources.set(normaliseName(s.name), s);
  }

  return {
    partners,
    outsiders,
    partnerNames: orgs.filter((o) => memberIds.has(o.id)).map((o) => o.name),
    sources,
    sourceNames: sourceList.map((s) => s.name),
    bcfYear: fund.bcfYear,
    held: await heldSources(db, fundId, sourceList),
    // The grid's fields of every row (no names joined): an import's lines may name any of them.
    existing: new Map((await listContributionPage(db, { fundId })).map((r) => [keyOf(r.orgId, r.source, r.quarter), r])),
    locks: await fundLocks(db, fundId),
  };
}

async function heldSources(db: DB, fundId: number, streams: readonly { code: string }[]): Promise<ImportContext['held']> {
  const inYear = new Set(streams.map((s) => s.code));
  const used = new Set(await sourcesUsedInFund(db, fundId));
  const held = new Map<string, { code: string; name: string }>();
  for (const s of await listFundingSources(db)) {
    if (used.has(s.code) && !inYear.has(s.code)) for (const name of [s.code, s.name]) held.set(normaliseName(name), s);
  }
  return held;
}

const keyOf = (orgId: number, source: string, quarter: number) => `${orgId}|${source}|${quarter}`;

/** "A, B and C", or the first few and how many more. */
function listOf(names: string[]): string {
  const shown = names.length > 8 ? [...names.slice(0, 8), `${names.length - 8} more`] : names;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? 'none');
}

const quote = (text: string) => (text.length > 40 ? `'${text.slice(0, 37)}...'` : `'${text}'`);

const FIELD_OF_VALUE: Record<string, ImportField> = {
  orgId: 'partner',
  source: 'source',
  quarter: 'quarter',
  plannedPence: 'planned',
  actualPence: 'actual',
  note: 'note',
};

/** One row checked and compared: its preview, and the change it asks for when it has no error. */
interface CheckedRow {
  index: number;
  preview: ImportPreviewRow;
  /** The column index of each of preview.errors, in the same order. */
  errorColumns: number[];
  change: ContributionChange | null;
}

function checkRow(
  ctx: ImportContext,
  input: ContributionImportInput,
  person: Person,
  cells: readonly string[],
  index: number,
  seen: Map<string, number>,
): CheckedRow {
  const { mapping, header } = input;
  const row = (input.headerRow ?? 1) + 1 + index;
  const errors: ImportPreviewRow['errors'] = [];
  const errorColumns: number[] = [];
  const cellOf = (field: ImportField): string | undefined => {
    const at = mapping[field];
    return at === undefined ? undefined : restoreFormulaText(cells[at] ?? '');
  };
  const fail = (field: ImportField, message: string) => {
    const at = mapping[field] ?? mapping.partner;
    errors.push({ column: columnName(at, header), message });
    errorColumns.push(at);
  };

  const partnerText = (cellOf('partner') ?? '').trim();
  const partner = ctx.partners.get(normaliseName(partnerText));
  if (partnerText === '') fail('partner', 'Partner is empty: every row needs the partner organisation’s name');
  else if (!partner) {
    fail(
      'partner',
      ctx.outsiders.has(normaliseName(partnerText))
        ? `Partner ${quote(partnerText)} is not a member of this fund’s partnership`
        : `Partner ${quote(partnerText)} is not a partner in this fund (its partners are ${listOf(ctx.partnerNames)})`,
    );
  }

  const sourceText = (cellOf('source') ?? '').trim();
  const stale = ctx.held.get(normaliseName(sourceText));
  const source = ctx.sources.get(normaliseName(sourceText)) ?? stale;
  if (sourceText === '') fail('source', 'Funding source is empty: every row needs one');
  else if (!source) fail('source', notAStreamOfYear('Funding source', quote(sourceText).slice(1, -1), ctx.bcfYear, ctx.sourceNames));

  const quarterText = (cellOf('quarter') ?? '').trim();
  const quarterResult = parseQuarterCell(quarterText);
  if (quarterText === '') fail('quarter', 'Quarter is empty: write 1 to 4 or Q1 to Q4');
  else if (!quarterResult.ok) fail('quarter', `Quarter ${quarterResult.reason}, got ${quote(quarterText)}`);
  const quarter = quarterResult.ok ? quarterResult.quarter : null;

  // An empty cell gives no value: a new row gets £0.00 and no note, an existing row keeps what it has.
  const values: Partial<Record<ImportChangeField, string | number>> = {};
  for (const [field, key] of [
    ['planned', 'plannedPence'],
    ['actual', 'actualPence'],
  ] as const) {
    const text = (cellOf(field) ?? '').trim();
    if (text === '') continue;
    const parsed = parsePounds(text);
    if (!parsed.ok) fail(field, `${IMPORT_FIELD_LABELS[field]} ${parsed.reason}, got ${quote(text)}`);
    else if (parsed.pence < 0) fail(field, `${IMPORT_FIELD_LABELS[field]} must not be negative, got ${quote(text)}`);
    else values[key] = parsed.pence;
  }
  const note = cellOf('note') ?? '';
  if (note.length > NOTE_MAX_LENGTH) {
    fail(
      'note',
      `Note must be text of at most ${NOTE_MAX_LENGTH.toLocaleString('en-GB')} characters, got ${note.length.toLocaleString('en-GB')}`,
    );
  } else if (note !== '') values.note = note;

  const preview: ImportPreviewRow = {
    row,
    status: 'error',
    partner: partner?.name ?? (partnerText || null),
    source: source?.name ?? (sourceText || null),
    quarter,
    changes: {},
    errors,
  };
  if (!partner || !source || quarter === null) return { index, preview, errorColumns, change: null };

  const key = keyOf(partner.id, source.code, quarter);
  const earlier = seen.get(key);
  if (earlier !== undefined) {
    fail('quarter', `Row ${row} repeats the partner, funding source and quarter of row ${earlier}: a fund has one row for each`);
  } else {
    seen.set(key, row);
  }
  const existing = ctx.existing.get(key);
  if (existing && input.mode === 'add') {
    fail(
      'quarter',
      `${partner.name} already has a ${source.name} contribution for ${quarterLabel(quarter)}: choose “update existing rows” to change it`,
    );
  }

  let change: ContributionChange | null = null;
  if (!existing) {
    preview.changes = {
      plannedPence: { old: null, new: values.plannedPence ?? 0 },
      actualPence: { old: null, new: values.actualPence ?? 0 },
      ...(values.note !== undefined ? { note: { old: null, new: values.note } } : {}),
    };
    change = { op: 'create', values: { orgId: partner.id, source: source.code, quarter, ...definedPatch(values) } };
  } else {
    const patch: Partial<Record<ImportChangeField, string | number>> = {};
    for (const field of ['plannedPence', 'actualPence', 'note'] as const) {
      const value = values[field];
      if (value !== undefined && value !== existing[field]) {
        patch[field] = value;
        preview.changes[field] = { old: existing[field], new: value };
      }
    }
    if (Object.keys(patch).length > 0) {
      change = { op: 'update', id: existing.id, version: existing.version, values: definedPatch(patch) };
    }
  }
  // A row this person may not write is an error only if it would change something: re-importing a whole export
  // that includes other partners' rows unchanged is fine.
  if (change) {
    const block = contributionEditBlock(person, partner.id, partner.name);
    if (block) fail('partner', block);
    if (stale) fail('source', notAStreamOfYear('Funding source', quote(sourceText).slice(1, -1), ctx.bcfYear, ctx.sourceNames));
    const figures = (c: { plannedPence: number; actualPence: number }) => ({ plannedPence: c.plannedPence, actualPence: c.actualPence });
    const before = existing ? { orgId: partner.id, source: source.code, quarter, ...figures(existing) } : null;
    const after = {
      orgId: partner.id,
      source: source.code,
      quarter,
      ...figures({ ...(existing ?? { plannedPence: 0, actualPence: 0 }), ...values } as Contribution),
    };
    const locked = lockedFieldOf('contribution', before, after, ctx.locks);
    if (locked)
      fail(
        locked.field === 'plannedPence' ? 'planned' : 'actual',
        `${IMPORT_FIELD_LABELS[locked.field === 'plannedPence' ? 'planned' : 'actual']} cannot be changed. ${locked.lock.reason}`,
      );
  }
  if (errors.length > 0) return { index, preview, errorColumns, change: null };
  preview.status = !existing ? 'new' : change ? 'changed' : 'unchanged';
  return { index, preview, errorColumns, change };
}

function definedPatch(values: Partial<Record<ImportChangeField, string | number>>): ContributionPatch {
  const patch: ContributionPatch = {};
  if (typeof values.plannedPence === 'number') patch.plannedPence = values.plannedPence;
  if (typeof values.actualPence === 'number') patch.actualPence = values.actualPence;
  if (typeof values.note === 'string') patch.note = values.note;
  return patch;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Check and compare every row; with dryRun false and no errors, apply them all as one batch. */
export async function importContributions(db: DB, actor: Actor, person: Person, input: ContributionImportInput): Promise<ImportPreview> {
  const ctx = await loadImportContext(db, input.fundId);
  const seen = new Map<string, number>();
  const checked: CheckedRow[] = [];
  input.rows.forEach((cells, index) => {
    // Blank lines (between blocks, or at the end of a sheet) are not rows of data.
    if (!isBlank(cells)) checked.push(checkRow(ctx, input, person, cells, index, seen));
  });
  const counts = { new: 0, changed: 0, unchanged: 0, error: 0 };
  for (const c of checked) counts[c.preview.status] += 1;
  const preview: ImportPreview = { rows: checked.map((c) => c.preview), counts, batchId: null };
  if (input.dryRun) return preview;

  if (counts.error > 0) throw importErrors(input, checked);
  const writes = checked.filter((c): c is CheckedRow & { change: ContributionChange } => c.change !== null);
  if (writes.length === 0) return preview;
  const file = input.fileName?.trim() || 'a file';
  const label =
    `Imported ${writes.length.toLocaleString('en-GB')} row${writes.length === 1 ? '' : 's'} from ${file}` +
    ` (${counts.new.toLocaleString('en-GB')} new, ${counts.changed.toLocaleString('en-GB')} changed)`;
  try {
    const { batchId } = await applyContributionBatch(
      db,
      actor,
      { fundId: input.fundId, changes: writes.map((w) => w.change) },
      { kind: 'import', label },
    );
    return { ...preview, batchId };
  } catch (error) {
    throw onSpreadsheetRows(error, input, writes);
  }
}

/** Every row's errors as the contract's fieldErrors, each path the cell of the input (`rows.<i>.<column>`) and each
 * message naming the spreadsheet row and column; the message sums them up, as a long list helps nobody in a banner. */
function importErrors(input: ContributionImportInput, checked: CheckedRow[]): ValidationError {
  const fieldErrors: FieldError[] = [];
  for (const c of checked) {
    c.preview.errors.forEach((e, i) => {
      const column = c.errorColumns[i] ?? input.mapping.partner;
      fieldErrors.push({ path: `rows.${c.index}.${column}`, message: `Row ${c.preview.row}, column '${e.column}': ${e.message}` });
    });
  }
  const rows = checked.filter((c) => c.preview.status === 'error').length;
  const error = new ValidationError(fieldErrors);
  const [first] = fieldErrors;
  error.message =
    `Nothing was imported: ${rows.toLocaleString('en-GB')} row${rows === 1 ? ' has' : 's have'} errors` +
    (first ? `. ${first.message}${fieldErrors.length > 1 ? ` (and ${(fieldErrors.length - 1).toLocaleString('en-GB')} more)` : ''}` : '');
  return error;
}

/** Errors the write path raised (someone changed the fund between the check and the write) re-rooted from the batch's
 * changes onto the spreadsheet's rows, so the person is told which row to look at. */
function onSpreadsheetRows(error: unknown, input: ContributionImportInput, writes: CheckedRow[]): unknown {
  const rowOf = (change: number) => writes[change];
  if (error instanceof ValidationError) {
    const fieldErrors = error.fieldErrors.map((e) => {
      const match = /^changes\.(\d+)(?:\.values\.(\w+))?/.exec(e.path);
      const target = match ? rowOf(Number(match[1])) : undefined;
      if (!match || !target) return e;
      const field = FIELD_OF_VALUE[match[2] ?? 'orgId'] ?? 'partner';
      const column = input.mapping[field] ?? input.mapping.partner;
      return {
        path: `rows.${target.index}.${column}`,
        message: `Row ${target.preview.row}, column '${columnName(column, input.header)}': ${e.message}`,
      };
    });
    return new ValidationError(fieldErrors);
  }
  if (error instanceof ConflictError) {
    const target = rowOf(Number(/^changes\.(\d+)/.exec(error.path ?? '')?.[1] ?? -1));
    return target
      ? new ConflictError(
          `Row ${target.preview.row}: ${error.message}. Preview the file again to see the figures as they are now`,
          error.current,
          `rows.${target.index}`,
        )
      : error;
  }
  return error;
}
