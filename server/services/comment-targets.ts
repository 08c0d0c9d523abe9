// What a comment thread may be on (issue "Conversation on the figures"): a row of a fund's table, or one figure of it,
// or a figure of the fund as a whole (a headline or board-pack figure). A target is read as its caller may read it, so
// a row they cannot see (a scenario's line that is not theirs) is answered exactly as a row that does not exist.
import { contributionTable } from '../../db/repositories/contribution.repository';
import { outcomeTable } from '../../db/repositories/outcome.repository';
import { benefitTable } from '../../db/repositories/roi.repository';
import { scenarioItemTable } from '../../db/repositories/scenario.repository';
import { schemeTable } from '../../db/repositories/scheme.repository';
import { untyped } from '../../db/repositories/row-writes';
import type { AuditedTable, Tx, VersionedRow } from '../../db/unit-of-work';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { ThreadTarget, ThreadTargetEntity } from '../../shared/schema/comment';

type AnyTable = AuditedTable<VersionedRow, object>;

const TABLES: Record<Exclude<ThreadTargetEntity, 'fund'>, AnyTable> = {
  contribution: contributionTable as unknown as AnyTable,
  scheme: schemeTable as unknown as AnyTable,
  scenario_item: scenarioItemTable as unknown as AnyTable,
  outcome: outcomeTable as unknown as AnyTable,
  roi_benefit: benefitTable as unknown as AnyTable,
};

/**
 * The figures a grid shows that are worked out rather than stored, so not among a table's audited fields, with the
 * grid's own heading: a thread may be on them too (client/components/ContributionsGrid.tsx, PlanGrid.tsx,
 * OutcomesGrid.tsx, ScenarioGrid.tsx). Every stored (audited) field of the table is accepted as well, under its label,
 * and on a scenario's line the share each partner pays (`org<id>`, "Northbridge Council pays (£)").
 */
export const COMPUTED_GRID_FIELDS: Readonly<Record<Exclude<ThreadTargetEntity, 'fund'>, Readonly<Record<string, string>>>> = {
  contribution: { variancePence: 'Variance (£)' },
  scheme: {
    plannedTotal: 'Planned total (£)',
    actualTotal: 'Actual to date (£)',
    variancePence: 'Variance to date (£)',
    forecastPence: 'Forecast outturn (£)',
    forecastVarianceBp: 'Forecast variance',
    rag: 'Status',
  },
  outcome: { status: 'Status' },
  scenario_item: { costTotal: 'Cost (£)', unfunded: 'Unfunded or outside (£)', problem: 'Check' },
  roi_benefit: {},
};

/** A target as it was found: its words, and the facts the thread and its notifications need. */
export interface ResolvedTarget {
  target: ThreadTarget;
  /** "Q2 actual (£) of scheme S1 (Home care)", or the row's own description for a thread on the whole row. */
  label: string;
  scenarioId: number | null;
  /** The row's last editor (null for a fund figure or a row the system wrote). */
  updatedBy: number | null;
  /** A contribution's organisation: its finance officers answer questions on it. */
  orgId: number | null;
}

/** Reads a row as the caller may read it (BatchWriter.read, or readableRow before a batch). */
export type ReadAs = (table: AnyTable, id: number) => Promise<VersionedRow>;

const capitalise = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);

/** The row (and figure) a new thread is on, checked: in this fund, readable by the caller, a figure the row has. */
export async function resolveTarget(
  tx: Tx,
  read: ReadAs,
  fundId: number,
  target: ThreadTarget,
  givenLabel: string | undefined,
): Promise<ResolvedTarget> {
  if (target.entity === 'fund') return fundFigure(fundId, target, givenLabel);
  const table = TABLES[target.entity];
  const row = await read(table, target.id);
  if (table.fundIdOf(row) !== fundId) {
    throw new NotFoundError(`No ${table.noun} with id ${target.id} in this fund: a thread is on a row of the fund it is started in`);
  }
  const fieldLabel = target.field === null ? null : await figureLabel(tx, target.entity, table, target.field);
  const described = table.describe ? await table.describe(tx, row) : `${table.noun} ${row.id}`;
  const record = row as unknown as Record<string, unknown>;
  const number = (name: string) => (typeof record[name] === 'number' ? (record[name] as number) : null);
  return {
    target,
    label: fieldLabel === null ? capitalise(described) : `${fieldLabel} of ${described}`,
    scenarioId: target.entity === 'scenario_item' ? number('scenarioId') : null,
    updatedBy: await lastEditorOf(tx, target.entity, row.id),
    orgId: target.entity === 'contribution' ? number('orgId') : null,
  };
}

/** The tables of the targets, as the database names them (camelCase), for the stamp every audited row carries. */
const STORED_AS: Record<Exclude<ThreadTargetEntity, 'fund'>, string> = {
  contribution: 'contribution',
  scheme: 'scheme',
  scenario_item: 'scenarioItem',
  outcome: 'outcome',
  roi_benefit: 'roiBenefit',
};

/** Who last changed a row (its updated_by stamp; not every API row shape carries it). */
async function lastEditorOf(tx: Tx, entity: Exclude<ThreadTargetEntity, 'fund'>, id: number): Promise<number | null> {
  const row = await untyped(tx).selectFrom(STORED_AS[entity]).select('updatedBy').where('id', '=', id).executeTakeFirst();
  return typeof row?.updatedBy === 'number' ? row.updatedBy : null;
}

/** The label of a figure of a row, or a refusal naming the figure, the row kind and the figures it has. */
async function figureLabel(tx: Tx, entity: Exclude<ThreadTargetEntity, 'fund'>, table: AnyTable, field: string): Promise<string> {
  const stored = (table.fields as readonly string[]).includes(field) ? (table.fieldLabels?.[field] ?? field) : undefined;
  const label = stored ?? COMPUTED_GRID_FIELDS[entity][field];
  if (label !== undefined) return label;
  const payer = entity === 'scenario_item' ? /^org([1-9]\d{0,9})$/.exec(field) : null;
  if (payer) {
    const org = await tx.selectFrom('organisation').select('name').where('id', '=', Number(payer[1])).executeTakeFirst();
    if (org) return `${org.name} pays (£)`;
  }
  const payers = entity === 'scenario_item' ? ['org<id> (a partner’s share)'] : [];
  const known = [...table.fields, ...Object.keys(COMPUTED_GRID_FIELDS[entity]), ...payers].join(', ');
  throw new ValidationError([
    {
      path: 'target.field',
      message: `Figure ‘${field}’ is not a figure of a ${table.noun}: it must be one of ${known}, or none for the whole row`,
    },
  ]);
}

/** A figure of the fund as a whole: named by the caller (`board.<name>` or a headline's name), with its words given. */
function fundFigure(fundId: number, target: ThreadTarget, givenLabel: string | undefined): ResolvedTarget {
  if (target.id !== fundId) {
    throw new ValidationError([
      {
        path: 'target.id',
        message: `Target row ${target.id} is not this fund (${fundId}): a thread on a fund figure names the fund it is started in`,
      },
    ]);
  }
  if (target.field === null) {
    throw new ValidationError([
      { path: 'target.field', message: 'Figure must name the fund figure the thread is on (board.<name> or a headline)' },
    ]);
  }
  if (givenLabel === undefined) {
    throw new ValidationError([
      { path: 'label', message: `Figure name is required for a thread on the fund figure ‘${target.field}’: say what it is called` },
    ]);
  }
  return { target, label: givenLabel, scenarioId: null, updatedBy: null, orgId: null };
}
