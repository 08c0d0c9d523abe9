// The crash tests' model of one fund's contributions: a seeded random planner of batches (creates, updates, deletes)
// and imports, what each must write (audit events) and what the fund holds after it (a digest), so a test can check
// a database after a SIGKILL against exactly what was confirmed. Pure: used by the writer child and the tests alike.
import { createHash } from 'node:crypto';
import type { ContributionImportInput } from '../../shared/import';
import { penceToPlain } from '../../shared/money';
import type { ContributionChange } from '../../shared/schemas';

/** Fields the write path audits on a create or a delete (contributionTable.fields): one event each. */
export const CONTRIBUTION_FIELD_COUNT = 7;

export interface ModelRow {
  id: number;
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
  actualPence: number;
  note: string;
  version: number;
}

/** The fund's rows by partner|source|quarter (unique in a fund), so a row can be named before it has an id. */
export type Model = Map<string, ModelRow>;

export interface KeySpace {
  partners: { id: number; name: string }[];
  sources: string[];
}

export const keyOf = (r: { orgId: number; source: string; quarter: number }) => `${r.orgId}|${r.source}|${r.quarter}`;

export function modelOf(rows: readonly ModelRow[]): Model {
  return new Map(rows.map((r) => [keyOf(r), { ...r }]));
}

/** What the fund holds, independent of ids (a created row's id is only known once it is committed). */
export function digestOf(rows: Iterable<ModelRow>): string {
  const lines = [...rows].map((r) => [keyOf(r), r.plannedPence, r.actualPence, JSON.stringify(r.note), r.version].join('|')).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

/** mulberry32: a small seeded generator, so a failing run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOTES = [
  'crash test',
  'Ünïcödé ✓ £ 🧾',
  '=1+2 looks like a formula',
  "O'Brien'); DROP TABLE contribution;--",
  'two\nlines',
  '<img src=x onerror=alert(1)>',
  'x'.repeat(1980),
];

function pick<T>(rng: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A value in pence different from `not`, so every field a change names really changes (and is audited). */
function newPence(rng: () => number, not: number): number {
  const value = Math.floor(rng() * 1_000_000_000);
  return value === not ? value + 1 : value;
}

function newNote(rng: () => number, not: string): string {
  const note = `${pick(rng, NOTES)} ${Math.floor(rng() * 1e6)}`;
  return note === not ? `${note}.` : note;
}

function allKeys(space: KeySpace): { orgId: number; source: string; quarter: number }[] {
  return space.partners.flatMap((p) =>
    space.sources.flatMap((source) => [1, 2, 3, 4].map((quarter) => ({ orgId: p.id, source, quarter }))),
  );
}

export interface PlannedBatch {
  changes: ContributionChange[];
  /** Audit events the batch must write: one per field changed; every field on a create or a delete. */
  events: number;
  after: Model;
}

/** A batch of 1 to `maxChanges` creates, updates and deletes of distinct rows, as a pasted block would send. */
export function planBatch(rng: () => number, model: Model, space: KeySpace, maxChanges: number): PlannedBatch {
  const after: Model = new Map([...model].map(([k, r]) => [k, { ...r }]));
  const changes: ContributionChange[] = [];
  const touched = new Set<string>();
  let events = 0;
  const free = allKeys(space).filter((k) => !model.has(keyOf(k)));
  const count = 1 + Math.floor(rng() * maxChanges);
  for (let i = 0; i < count; i += 1) {
    const existing = [...model.values()].filter((r) => !touched.has(keyOf(r)));
    const roll = rng();
    if ((roll < 0.15 || existing.length === 0) && free.length > 0) {
      const [key] = free.splice(Math.floor(rng() * free.length), 1);
      if (!key) continue;
      const row: ModelRow = {
        id: 0,
        ...key,
        plannedPence: newPence(rng, -1),
        actualPence: newPence(rng, -1),
        note: newNote(rng, ''),
        version: 1,
      };
      touched.add(keyOf(row));
      after.set(keyOf(row), row);
      changes.push({
        op: 'create',
        values: {
          orgId: row.orgId,
          source: row.source,
          quarter: row.quarter,
          plannedPence: row.plannedPence,
          actualPence: row.actualPence,
          note: row.note,
        },
      });
      events += CONTRIBUTION_FIELD_COUNT;
    } else if (existing.length > 0) {
      const row = pick(rng, existing);
      touched.add(keyOf(row));
      if (roll < 0.25) {
        after.delete(keyOf(row));
        changes.push({ op: 'delete', id: row.id, version: row.version });
        events += CONTRIBUTION_FIELD_COUNT;
      } else {
        const next = { ...row, version: row.version + 1 };
        const values: { plannedPence?: number; actualPence?: number; note?: string } = {};
        if (rng() < 0.8) values.plannedPence = next.plannedPence = newPence(rng, row.plannedPence);
        if (rng() < 0.5) values.actualPence = next.actualPence = newPence(rng, row.actualPence);
        if (rng() < 0.3 || Object.keys(values).length === 0) values.note = next.note = newNote(rng, row.note);
        events += Object.keys(values).length;
        after.set(keyOf(row), next);
        changes.push({ op: 'update', id: row.id, version: row.version, values });
      }
    }
  }
  return { changes, events, after };
}

export interface PlannedImport {
  input: Omit<ContributionImportInput, 'fundId' | 'fileName'>;
  events: number;
  after: Model;
}

/** A spreadsheet of `rows` distinct partner/source/quarter rows in "update existing rows" mode: new keys become
 * rows, existing ones get the planned (and sometimes actual and note) the sheet gives. */
export function planImport(rng: () => number, model: Model, space: KeySpace, rows: number): PlannedImport {
  const after: Model = new Map([...model].map(([k, r]) => [k, { ...r }]));
  const keys = allKeys(space);
  const names = new Map(space.partners.map((p) => [p.id, p.name]));
  const cells: string[][] = [];
  let events = 0;
  for (let i = 0; i < rows && keys.length > 0; i += 1) {
    const [key] = keys.splice(Math.floor(rng() * keys.length), 1);
    if (!key) continue;
    const old = model.get(keyOf(key));
    const planned = newPence(rng, old?.plannedPence ?? -1);
    const actual = rng() < 0.4 ? newPence(rng, old?.actualPence ?? -1) : null;
    const note = rng() < 0.2 ? newNote(rng, old?.note ?? '') : '';
    cells.push([
      names.get(key.orgId) ?? '',
      key.source,
      `Q${key.quarter}`,
      penceToPlain(planned),
      actual === null ? '' : penceToPlain(actual),
      note,
    ]);
    if (old) {
      const next = { ...old, version: old.version + 1, plannedPence: planned };
      events += 1;
      if (actual !== null) {
        next.actualPence = actual;
        events += 1;
      }
      if (note !== '') {
        next.note = note;
        events += 1;
      }
      after.set(keyOf(key), next);
    } else {
      after.set(keyOf(key), { id: 0, ...key, plannedPence: planned, actualPence: actual ?? 0, note, version: 1 });
      events += CONTRIBUTION_FIELD_COUNT;
    }
  }
  return {
    input: {
      header: ['Partner', 'Funding source', 'Quarter', 'Planned (£)', 'Actual (£)', 'Note'],
      rows: cells,
      mapping: { partner: 0, source: 1, quarter: 2, planned: 3, actual: 4, note: 5 },
      mode: 'update',
      dryRun: false,
    },
    events,
    after,
  };
}
