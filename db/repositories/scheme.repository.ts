// Reads and writes of schemes, the lines of a fund's expenditure plan, with their spend by quarter. A scheme and its
// four quarters are one audited row (entity 'scheme', spend as fields q1PlannedPence ... q4ActualPence): the Plan
// grid edits them together, so one version guards both and undo restores both.
import {
  SCHEME_FIELD_LABELS,
  SCHEME_FIELDS,
  SPEND_FIELDS,
  type PlanLine,
  type QuarterSpend,
  type Scheme,
  type SpendField,
} from '../../shared/schema/scheme';
import type { DB } from '../connection';
import type { AuditedTable, Tx } from '../unit-of-work';
import { auditedTable } from './row-writes';

/** The audited fields of a scheme; the fund is set at creation only. */
export type SchemeValues = PlanLine & { fundId: number };

/** The scheme columns (everything but the fund and the spend), in the order the grid shows them. */
export const SCHEME_COLUMNS = SCHEME_FIELDS;
export type SchemeColumn = (typeof SCHEME_COLUMNS)[number];

/** Which quarter and figure a spend field is: q3ActualPence -> [3, 'actualPence']. */
export function spendCell(field: SpendField): [number, 'plannedPence' | 'actualPence'] {
  return [Number(field.charAt(1)), field.endsWith('PlannedPence') ? 'plannedPence' : 'actualPence'];
}

function spendFieldsOf(spend: QuarterSpend[]): Record<SpendField, number> {
  const out = Object.fromEntries(SPEND_FIELDS.map((f) => [f, 0])) as Record<SpendField, number>;
  for (const q of spend) {
    out[`q${q.quarter}PlannedPence` as SpendField] = q.plannedPence;
    out[`q${q.quarter}ActualPence` as SpendField] = q.actualPence;
  }
  return out;
}

function selectSchemes(db: DB | Tx) {
  return db
    .selectFrom('scheme')
    .leftJoin('appUser', 'appUser.id', 'scheme.updatedBy')
    .select([
      'scheme.id',
      'scheme.fundId',
      ...SCHEME_COLUMNS.map((c) => `scheme.${c}` as const),
      'scheme.version',
      'scheme.updatedAt',
      'appUser.name as updatedByName',
    ]);
}

type SchemeSelect = Awaited<ReturnType<ReturnType<typeof selectSchemes>['executeTakeFirstOrThrow']>>;

type SpendRow = QuarterSpend & { schemeId: number };

/** The rows with their four quarters of spend (a quarter without a row reads as £0). */
function withSpend(rows: SchemeSelect[], spend: SpendRow[]): Scheme[] {
  const byScheme = new Map<number, SpendRow[]>();
  for (const s of spend) {
    const list = byScheme.get(s.schemeId);
    if (list) list.push(s);
    else byScheme.set(s.schemeId, [s]);
  }
  return rows.map((row) => {
    const own = byScheme.get(row.id) ?? [];
    return {
      ...row,
      isNew: row.isNew === 1,
      spend: [1, 2, 3, 4].map((quarter) => {
        const s = own.find((q) => q.quarter === quarter);
        return { quarter, plannedPence: s?.plannedPence ?? 0, actualPence: s?.actualPence ?? 0 };
      }),
    };
  });
}

const SPEND_COLUMNS = ['expenditure.schemeId', 'expenditure.quarter', 'expenditure.plannedPence', 'expenditure.actualPence'] as const;

// One collator for every comparison: localeCompare with a locale and options builds a collator on each call, which
// was most of schemes.plan's time on a 2,000-line fund. The same order as
// `a.localeCompare(b, 'en-GB', { numeric: true, sensitivity: 'base' }) || a.localeCompare(b)` (ECMA-402 defines
// localeCompare as a new Intl.Collator's compare).
const CODE_ORDER = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const TIE_ORDER = new Intl.Collator();

/** Scheme IDs in the order people number them: "2" before "10", "2a" after "2". */
export function compareSchemeCodes(a: string, b: string): number {
  return CODE_ORDER.compare(a, b) || TIE_ORDER.compare(a, b);
}

/** A fund's schemes, in code order. Their spend is read by the fund (a join), not by a list of every scheme's id: one
 * short statement whatever the fund's size. */
export async function listSchemes(db: DB | Tx, fundId: number): Promise<Scheme[]> {
  const rows = await selectSchemes(db).where('scheme.fundId', '=', fundId).execute();
  const spend = await db
    .selectFrom('expenditure')
    .innerJoin('scheme', 'scheme.id', 'expenditure.schemeId')
    .select(SPEND_COLUMNS)
    .where('scheme.fundId', '=', fundId)
    .execute();
  return withSpend(rows, spend).sort((a, b) => compareSchemeCodes(a.code, b.code));
}

export async function findScheme(db: DB | Tx, id: number): Promise<Scheme | undefined> {
  const row = await selectSchemes(db).where('scheme.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const spend = await db.selectFrom('expenditure').select(SPEND_COLUMNS).where('expenditure.schemeId', '=', id).execute();
  return withSpend([row], spend)[0];
}

/** A scheme's edited fields, spend flattened: what a snapshot keeps and compare reads. */
export function planLineOf(scheme: Scheme): PlanLine {
  const line = Object.fromEntries(SCHEME_COLUMNS.map((c) => [c, scheme[c]])) as Pick<Scheme, SchemeColumn>;
  return { ...line, ...spendFieldsOf(scheme.spend) };
}

/** Split a scheme's values into its columns (as stored) and its spend cells. */
function columnsOf(values: Partial<SchemeValues>) {
  const columns: Record<string, unknown> = {};
  const spend: [SpendField, number][] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if ((SPEND_FIELDS as readonly string[]).includes(key)) spend.push([key as SpendField, value as number]);
    else columns[key] = key === 'isNew' ? (value ? 1 : 0) : value;
  }
  return { columns, spend };
}

/** Write spend cells, then the scheme's year totals from its four rows (the national list and rollup read those), so
 * the totals can never drift from the rows: this is the only place that writes either. */
async function writeSpend(tx: Tx, schemeId: number, spend: [SpendField, number][]): Promise<void> {
  for (const [field, pence] of spend) {
    const [quarter, column] = spendCell(field);
    await tx
      .updateTable('expenditure')
      .set({ [column]: pence })
      .where('schemeId', '=', schemeId)
      .where('quarter', '=', quarter)
      .execute();
  }
  if (spend.length === 0) return;
  const totalOf = (column: 'plannedPence' | 'actualPence') =>
    tx
      .selectFrom('expenditure')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(column), eb.lit(0)).as('total'))
      .where('schemeId', '=', schemeId);
  await tx
    .updateTable('scheme')
    .set({ plannedTotalPence: totalOf('plannedPence'), actualTotalPence: totalOf('actualPence') })
    .where('id', '=', schemeId)
    .execute();
}

const schemes = auditedTable<Scheme, SchemeValues>({
  table: 'scheme',
  entity: 'scheme',
  noun: 'scheme',
  fieldLabels: SCHEME_FIELD_LABELS,
  describe: async (_tx, row) => `scheme ${row.code} (${row.name})`,
  fields: ['fundId', ...SCHEME_COLUMNS, ...SPEND_FIELDS],
  fundIdOf: (row) => row.fundId,
  find: findScheme,
  stamps: 'updated',
  toColumns: (values) => columnsOf(values).columns,
  // A new scheme gets its four quarters, at £0 until its spend is written.
  afterWrite: async (tx, id, values, inserted) => {
    if (inserted) {
      await tx
        .insertInto('expenditure')
        .values([1, 2, 3, 4].map((quarter) => ({ schemeId: id, quarter, plannedPence: 0, actualPence: 0 })))
        .execute();
    }
    await writeSpend(tx, id, columnsOf(values).spend);
  },
  pick: (row) => ({ fundId: row.fundId, ...planLineOf(row) }),
});

export const schemeTable: AuditedTable<Scheme, SchemeValues> = {
  ...schemes,
  remove: async (tx, id) => {
    await tx.deleteFrom('expenditure').where('schemeId', '=', id).execute();
    await schemes.remove(tx, id);
  },
};
