// The expenditure plan of a fund: its schemes with their spend by quarter, its plan settings, and the whole plan as the
// Plan page and the checks read it. A batch of scheme changes is checked against the fund's BCF-year reference lists
// (every problem collected, with its path) before anything is written, then written as one audited batch.
import type { DB } from '../../db/connection';
import { findFund, listFundSourceNames, listYearStreams } from '../../db/repositories/fund.repository';
import { findBcfYear } from '../../db/repositories/bcf-year.repository';
import {
  findPlanSettings,
  nhsMinimumSettingsOf,
  planSettingsOf,
  planSettingsTable,
  type PlanSettingsValues,
} from '../../db/repositories/plan-settings.repository';
import { listReferenceItems } from '../../db/repositories/reference.repository';
import { listSchemes, planLineOf, schemeTable, type SchemeValues } from '../../db/repositories/scheme.repository';
import { applyChanges, definedOnly, runBatch, type Actor, type ChangeSpec, type Tx } from '../../db/unit-of-work';
import { notAStreamOfYear } from '../../shared/bcf-year';
import { nhsMinimumOf } from './nhs-minimum';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { formatPence } from '../../shared/money';
import {
  JOINT_COMMISSIONER,
  OTHER_CODE,
  SPEND_FIELDS,
  type FundPlan,
  type PlanLine,
  type PlanSettings,
  type ReferenceItem,
  type ReferenceList,
  type Scheme,
} from '../../shared/plan-types';
import {
  describeValue,
  PLAN_SETTINGS_LABELS,
  SCHEME_FIELD_LABELS,
  type NhsMinimumSettings,
  type PlanSettingsUpdateInput,
  type SchemeBatchInput,
  type SchemeChange,
} from '../../shared/schemas';
import { listConditions } from './conditions';

/** A new scheme's fields before the values of its create change are laid over them. */
export const EMPTY_PLAN_LINE: Omit<PlanLine, 'code' | 'name'> = {
  description: '',
  schemeType: null,
  subType: null,
  subTypeOther: '',
  areaOfSpend: null,
  commissioner: null,
  nhsShareBp: null,
  laShareBp: null,
  providerType: null,
  providerName: '',
  fundingSource: null,
  outputQuantity: null,
  outputUnit: '',
  isNew: false,
  q1PlannedPence: 0,
  q1ActualPence: 0,
  q2PlannedPence: 0,
  q2ActualPence: 0,
  q3PlannedPence: 0,
  q3ActualPence: 0,
  q4PlannedPence: 0,
  q4ActualPence: 0,
};

/** The reference lists of one BCF year, as sets of codes; sub-types by the code of their scheme type. */
export interface YearLists {
  bcfYear: string;
  codes: Map<ReferenceList, Set<string>>;
  subTypes: Map<string, Set<string>>;
  names: Map<string, string>;
}

export function yearLists(bcfYear: string, items: ReferenceItem[]): YearLists {
  const codes = new Map<ReferenceList, Set<string>>();
  const subTypes = new Map<string, Set<string>>();
  const names = new Map<string, string>();
  for (const item of items) {
    if (item.bcfYear !== bcfYear) continue;
    if (item.list === 'sub_type') {
      const parent = item.parentCode ?? '';
      subTypes.set(parent, (subTypes.get(parent) ?? new Set()).add(item.code));
    } else {
      codes.set(item.list, (codes.get(item.list) ?? new Set()).add(item.code));
      names.set(`${item.list}:${item.code}`, item.name);
    }
  }
  return { bcfYear, codes, subTypes, names };
}

/** The fields of a scheme that hold a code of a reference list, and which list. */
const REFERENCE_FIELDS: [keyof PlanLine & string, ReferenceList, string][] = [
  ['schemeType', 'scheme_type', 'scheme type'],
  ['areaOfSpend', 'area_of_spend', 'area of spend'],
  ['commissioner', 'commissioner', 'commissioner option'],
  ['providerType', 'provider_type', 'provider type'],
];

const labelOf = (field: string) => SCHEME_FIELD_LABELS[field] ?? field;

/** A share in basis points as a percentage: 6000 -> "60.00%" (integer arithmetic, no floats). */
function percent(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(Math.abs(bp % 100)).padStart(2, '0')}%`;
}

/** What the checks of a batch need, read once inside its transaction. */
interface PlanContext {
  fundId: number;
  lists: YearLists;
  /** The funding streams of the fund's BCF year, code to name: the sources a scheme may be funded from. */
  sources: Map<string, string>;
  schemes: Map<number, Scheme>;
}

async function loadPlanContext(tx: Tx, fundId: number): Promise<PlanContext> {
  const settings = await findPlanSettings(tx, fundId);
  if (!settings) throw new NotFoundError(`No fund with id ${fundId}`);
  return {
    fundId,
    lists: yearLists(settings.bcfYear, await listReferenceItems(tx, settings.bcfYear)),
    sources: new Map((await listYearStreams(tx, settings.bcfYear)).map((s) => [s.code, s.name])),
    schemes: new Map((await listSchemes(tx, fundId)).map((s) => [s.id, s])),
  };
}

/**
 * Check one scheme as it would be after a change. Codes are checked only where the change sets them (a code an admin
 * has since removed from a list does not block an unrelated edit); the rules between fields (a sub-type of its type,
 * "please specify" for Other, the joint split) are checked when the change touches any field they involve, and
 * reported at a field the change set. `at(field)` gives the path of a field of the change's values.
 */
export function schemeProblems(
  ctx: Pick<PlanContext, 'lists' | 'sources'>,
  after: PlanLine,
  values: Partial<PlanLine>,
  at: (field: string) => string,
): FieldError[] {
  const errors: FieldError[] = [];
  const { lists } = ctx;
  const sets = (field: string) => field in values && values[field as keyof PlanLine] !== undefined;
  const firstSet = (...fields: string[]) => fields.find(sets) ?? fields[fields.length - 1] ?? '';

  for (const [field, list, noun] of REFERENCE_FIELDS) {
    const value = values[field];
    if (typeof value === 'string' && !lists.codes.get(list)?.has(value)) {
      errors.push({
        path: at(field),
        message: `${labelOf(field)} '${value}' is not a ${noun} of BCF year ${lists.bcfYear} (the fund's year): choose one from that year's list`,
      });
    }
  }
  if (sets('schemeType') || sets('subType')) {
    if (after.subType !== null) {
      if (after.schemeType === null) {
        errors.push({ path: at('subType'), message: `Sub-type '${after.subType}' needs a scheme type: choose the scheme type first` });
      } else if (!lists.subTypes.get(after.schemeType)?.has(after.subType)) {
        errors.push({
          path: at(sets('subType') ? 'subType' : 'schemeType'),
          message: `Sub-type '${after.subType}' is not a sub-type of scheme type '${after.schemeType}' in BCF year ${lists.bcfYear}: choose one of that type's sub-types, or clear it`,
        });
      }
    }
  }
  if (sets('schemeType') || sets('subType') || sets('subTypeOther')) {
    const isOther = after.schemeType === OTHER_CODE || after.subType === OTHER_CODE;
    if (isOther && after.subTypeOther.trim() === '') {
      errors.push({
        path: at(firstSet('subTypeOther', 'subType', 'schemeType')),
        message: `${labelOf('subTypeOther')} is required when the scheme type or sub-type is Other: say what the scheme is, got ${describeValue(after.subTypeOther)}`,
      });
    }
  }
  if (sets('commissioner') || sets('nhsShareBp') || sets('laShareBp')) {
    const { nhsShareBp: nhs, laShareBp: la } = after;
    if (after.commissioner === JOINT_COMMISSIONER) {
      // Both empty is allowed while the scheme is being filled in (the plan's checklist flags it); once either share
      // is given, both are needed and must add up to exactly 100% (10000 basis points).
      if (nhs === null && la !== null) {
        errors.push({
          path: at('nhsShareBp'),
          message: `% NHS is required when % LA is given for a jointly commissioned scheme: the two must add up to 100%`,
        });
      } else if (la === null && nhs !== null) {
        errors.push({
          path: at('laShareBp'),
          message: `% LA is required when % NHS is given for a jointly commissioned scheme: the two must add up to 100%`,
        });
      } else if (nhs !== null && la !== null && nhs + la !== 10_000) {
        errors.push({
          path: at(firstSet('nhsShareBp', 'laShareBp', 'commissioner')),
          message: `% NHS (${percent(nhs)}) and % LA (${percent(la)}) must add up to exactly 100% for a jointly commissioned scheme, got ${percent(nhs + la)}`,
        });
      }
    } else {
      for (const field of ['nhsShareBp', 'laShareBp'] as const) {
        if (after[field] !== null) {
          errors.push({
            path: at(sets(field) ? field : 'commissioner'),
            message: `${labelOf(field)} must be empty unless the commissioner is Joint (the commissioner is ${describeValue(after.commissioner)}), got ${percent(after[field] ?? 0)}`,
          });
        }
      }
    }
  }
  if (typeof values.fundingSource === 'string' && !ctx.sources.has(values.fundingSource)) {
    errors.push({
      path: at('fundingSource'),
      message: notAStreamOfYear(labelOf('fundingSource'), values.fundingSource, lists.bcfYear, [...ctx.sources.values()]),
    });
  }
  return errors;
}

/** A fund's schemes as one batch writes them: each checked against the fund's BCF-year lists (schemeProblems), and a
 * scheme ID used once in the fund (compared without case). */
function schemeChanges(ctx: PlanContext): ChangeSpec<Scheme, SchemeValues, PlanLine> {
  return {
    table: schemeTable,
    rows: new Map([...ctx.schemes].map(([id, s]) => [id, planLineOf(s)])),
    notInScope: (id) => `Scheme ${id} is not in fund ${ctx.fundId} (it may have been deleted)`,
    empty: { ...EMPTY_PLAN_LINE, code: '', name: '' },
    problems: ({ after, values, at }) => schemeProblems(ctx, after, values, at),
    unique: {
      key: (line) => line.code.toLowerCase(),
      clash: ({ after, at }, other) => ({
        path: at('code'),
        message: `Scheme ID '${after.code}' is already used by ${other ? `'${other.name}'` : 'another scheme'} in this fund: scheme IDs must be unique`,
      }),
    },
    toValues: (after) => ({ ...after, fundId: ctx.fundId }),
  };
}

function describeBatch(changes: SchemeChange[]): string {
  if (changes.length === 1) {
    const [change] = changes;
    if (change?.op === 'create') return `Added scheme ${change.values.code}`;
    if (change?.op === 'delete') return 'Deleted a scheme';
    return `Changed ${Object.keys(change?.values ?? {})
      .map(labelOf)
      .join(', ')}`;
  }
  return `Applied ${changes.length} plan changes`;
}

/** Apply a list of changes to one fund's schemes and their spend: all in one audited batch, or nothing. */
export async function applySchemeBatch(db: DB, actor: Actor, input: SchemeBatchInput): Promise<{ batchId: string; rows: Scheme[] }> {
  if (!(await findFund(db, input.fundId))) throw new NotFoundError(`No fund with id ${input.fundId}`);
  const { batchId, result } = await runBatch(
    db,
    actor,
    { kind: 'batch', label: describeBatch(input.changes), fundId: input.fundId },
    async (writer) => applyChanges(writer, schemeChanges(await loadPlanContext(writer.tx, input.fundId)), input.changes),
  );
  return { batchId, rows: result };
}

/** Planned income per funding source from the fund's contributions, plus any source a scheme spends with no income,
 * named as the fund's BCF year names its streams (a source the year does not list: the catalogue's name). */
async function incomeBySource(db: DB | Tx, fundId: number, schemes: Scheme[]): Promise<FundPlan['incomeBySource']> {
  const rows = await db
    .selectFrom('contribution')
    .select(['source', (eb) => eb.fn.sum<number>('plannedPence').as('plannedPence')])
    .where('fundId', '=', fundId)
    .groupBy('source')
    .execute();
  const planned = new Map(rows.map((r) => [r.source, Number(r.plannedPence)]));
  const used = new Set([...planned.keys(), ...schemes.flatMap((s) => (s.fundingSource ? [s.fundingSource] : []))]);
  return (await listFundSourceNames(db, fundId))
    .filter((s) => used.has(s.code))
    .map((s) => ({ source: s.code, name: s.name, plannedPence: planned.get(s.code) ?? 0 }));
}

/** Everything the Plan page and the checks need about one fund. */
export async function getFundPlan(db: DB, fundId: number): Promise<FundPlan> {
  const settings = await findPlanSettings(db, fundId);
  if (!settings) throw new NotFoundError(`No fund with id ${fundId}`);
  const schemes = await listSchemes(db, fundId);
  return {
    fundId,
    bcfYear: settings.bcfYear,
    settings: planSettingsOf(settings),
    nhsMinimum: await nhsMinimumOf(db, settings),
    schemes,
    incomeBySource: await incomeBySource(db, fundId, schemes),
    streams: (await listYearStreams(db, settings.bcfYear)).map(({ code, name }) => ({ code, name })),
    reference: await listReferenceItems(db, settings.bcfYear),
    settingsVersion: settings.version,
    conditions: await listConditions(db, fundId),
  };
}

export interface PlanSettingsResult {
  fundId: number;
  bcfYear: string;
  settings: PlanSettings;
  /** The typed inputs of the NHS minimum to adult social care as saved (schemes.plan's nhsMinimum has the working). */
  nhsMinimumSettings: NhsMinimumSettings;
  version: number;
}

/** Change a fund's plan settings as one audited batch; with `version`, a stale one is a CONFLICT. */
export async function updatePlanSettings(db: DB, actor: Actor, input: PlanSettingsUpdateInput): Promise<PlanSettingsResult> {
  const { result } = await runBatch(
    db,
    actor,
    {
      kind: 'edit',
      label: `Changed ${Object.keys(input.patch)
        .map((f) => planSettingsTable.fieldLabels?.[f] ?? f)
        .join(', ')}`,
      fundId: input.fundId,
    },
    async (writer) => {
      const current = await findPlanSettings(writer.tx, input.fundId);
      if (!current) throw new NotFoundError(`No fund with id ${input.fundId}`);
      const after = { ...planSettingsTable.pick(current), ...definedOnly(input.patch) };
      const problems = await nhsMinimumSettingsProblems(writer.tx, current.bcfYear, after, input.patch);
      if (problems.length > 0) throw new ValidationError(problems);
      if (after.amberThresholdBp > after.redThresholdBp) {
        const field = input.patch.amberThresholdBp !== undefined ? 'amberThresholdBp' : 'redThresholdBp';
        throw new ValidationError([
          {
            path: `patch.${field}`,
            message: `The amber variance threshold (${percent(after.amberThresholdBp)}) must not be above the red one (${percent(after.redThresholdBp)})`,
          },
        ]);
      }
      return writer.update(planSettingsTable, input.fundId, input.version ?? current.version, definedOnly(input.patch));
    },
  );
  return {
    fundId: result.fundId,
    bcfYear: result.bcfYear,
    settings: planSettingsOf(result),
    nhsMinimumSettings: nhsMinimumSettingsOf(result),
    version: result.version,
  };
}

/**
 * The rules between the NHS minimum's settings, judged on the settings as they would be (shared/nhs-minimum.ts): an
 * override needs its reason and a reason needs its override (each reported at the field the patch set, else at the
 * missing one), and a year without an uplift types its minimum (minNhsToSocialCarePence), so it takes no baseline or
 * override.
 */
async function nhsMinimumSettingsProblems(
  tx: Tx,
  bcfYear: string,
  after: PlanSettingsValues,
  patch: PlanSettingsUpdateInput['patch'],
): Promise<FieldError[]> {
  const label = (field: keyof NhsMinimumSettings) => PLAN_SETTINGS_LABELS[field];
  const problems: FieldError[] = [];
  const { nhsAscOverridePence: override, nhsAscOverrideReason: reason } = after;
  if (override !== null && reason === null) {
    problems.push({
      path: 'patch.nhsAscOverrideReason',
      message: `${label('nhsAscOverrideReason')} is required with an override of ${formatPence(override)}: say why the worked-out minimum does not apply, got ${describeValue(reason)}`,
    });
  }
  if (override === null && reason !== null) {
    const field = patch.nhsAscOverrideReason !== undefined ? 'nhsAscOverrideReason' : 'nhsAscOverridePence';
    problems.push({
      path: `patch.${field}`,
      message: `${label('nhsAscOverrideReason')} ${describeValue(reason)} needs an override: give the ${label('nhsAscOverridePence')}, or clear the reason with it`,
    });
  }
  const year = await findBcfYear(tx, bcfYear);
  if (year && year.nhsAscUpliftBp === null) {
    for (const field of ['nhsAscBaselinePence', 'nhsAscOverridePence'] as const) {
      const value = patch[field];
      if (value === undefined || value === null) continue;
      problems.push({
        path: `patch.${field}`,
        message: `${label(field)} must be empty in BCF year ${bcfYear}, which has no uplift: its minimum is the ${PLAN_SETTINGS_LABELS.minNhsToSocialCarePence} typed in the plan, got ${value}`,
      });
    }
  }
  return problems;
}

/** Every spend field of a line, for totals. */
export function plannedOf(line: PlanLine): number {
  return SPEND_FIELDS.filter((f) => f.endsWith('PlannedPence')).reduce((sum, f) => sum + line[f], 0);
}
