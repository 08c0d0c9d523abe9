// Start next year's plan from this year's fund (issue 15, item 5): one audited batch creates the fund in the next BCF
// year with its plan settings, risk share, schemes (planned spend uplifted per stream), planned contributions (uplifted
// per stream; actuals never copied) and outcome targets and baselines. Codes the new year lists differently are mapped
// by the year_mapping rows, or by a person's choice, which is saved for next time. Split rules belong to the
// partnership, so they carry over already. `audit.undo` of the batch removes everything it created.
import { listBcfYears, listFundingStreams, listYearMappings, yearMappingTable } from '../../db/repositories/bcf-year.repository';
import { contributionTable, listContributions } from '../../db/repositories/contribution.repository';
import { findFund, fundTable, listFundingSources } from '../../db/repositories/fund.repository';
import { listMetrics, listOutcomes, outcomeTable } from '../../db/repositories/outcome.repository';
import { findPlanSettings, planSettingsTable } from '../../db/repositories/plan-settings.repository';
import { listReferenceItems } from '../../db/repositories/reference.repository';
import { findRiskShare, riskShareTable } from '../../db/repositories/risk-share.repository';
import { listSchemes, schemeTable } from '../../db/repositories/scheme.repository';
import type { DB } from '../../db/connection';
import { runBatch, type Actor, type BatchWriter, type Tx } from '../../db/unit-of-work';
import { nextBcfYear, nextFinancialYear } from '../../shared/bcf-year';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { upliftByStream } from '../../shared/rollover';
import { MAPPED_LIST_LABELS, type MappedList } from '../../shared/schema/bcf-year';
import type {
  RolloverCode,
  RolloverPreview,
  RolloverPreviewInput,
  RolloverResult,
  RolloverStartInput,
  RolloverStream,
} from '../../shared/schema/rollover';
import { SPEND_FIELDS } from '../../shared/schema/scheme';

type Choices = Map<MappedList, Map<string, string>>;

/** Everything the roll-over reads, and what each of the fund's codes becomes. */
async function planRollover(tx: DB | Tx, input: { fundId: number; mappings: RolloverStartInput['mappings'] }) {
  const fund = await findFund(tx, input.fundId);
  if (!fund) throw new NotFoundError(`No fund with id ${input.fundId}`);
  const settings = await findPlanSettings(tx, fund.id);
  const bcfYear = settings?.bcfYear ?? '';
  const years = await listBcfYears(tx);
  const target = nextBcfYear(bcfYear, years);
  if (!target) {
    throw new ValidationError([
      { path: 'fundId', message: `No BCF year after ${bcfYear} is held; an administrator opens the next year on the Admin page` },
    ]);
  }
  if (target.status !== 'open') {
    throw new ValidationError([
      { path: 'fundId', message: `BCF year ${target.code} is closed; an administrator reopens it on the Admin page` },
    ]);
  }
  // The next financial year, unless the fund was the first year of a multi-year plan: then the new year's first.
  const following = nextFinancialYear(fund.financialYear);
  const financialYear = following < target.firstFinancialYear ? target.firstFinancialYear : following;

  const [contributions, schemes, outcomes, metrics, sourceItems, targetItems, sourceStreams, targetStreams, saved] = await Promise.all([
    listContributions(tx, fund.id),
    listSchemes(tx, fund.id),
    listOutcomes(tx, fund.id),
    listMetrics(tx),
    listReferenceItems(tx, bcfYear),
    listReferenceItems(tx, target.code),
    listFundingStreams(tx, bcfYear),
    listFundingStreams(tx, target.code),
    listYearMappings(tx, bcfYear, target.code),
  ]);
  const fundOutcomes = outcomes.filter((o) => o.fundId === fund.id);

  // The codes of each list in each year, with their names; a sub-type is written 'type/sub'.
  const listsOf = (items: typeof sourceItems, streams: typeof sourceStreams, year: string): Choices => {
    const lists: Choices = new Map(MAPPED_ORDER.map((l) => [l, new Map<string, string>()]));
    for (const s of streams) lists.get('funding_stream')?.set(s.code, s.name);
    for (const item of items) {
      if (item.list === 'national_condition') continue;
      const code = item.list === 'sub_type' ? `${item.parentCode ?? ''}/${item.code}` : item.code;
      lists.get(item.list)?.set(code, item.name);
    }
    for (const m of metrics) if (m.bcfYear === year) lists.get('metric')?.set(m.code, m.name);
    return lists;
  };
  const from = listsOf(sourceItems, sourceStreams, bcfYear);
  // A stream the fund uses but its year does not list (a fund made before the lists were held per year) is named as
  // the catalogue names it.
  for (const source of await listFundingSources(tx)) {
    const streams = from.get('funding_stream');
    if (streams && !streams.has(source.code)) streams.set(source.code, source.name);
  }
  const to = listsOf(targetItems, targetStreams, target.code);

  // Every code the fund uses, in the order of the lists.
  const used = new Map<MappedList, Set<string>>(MAPPED_ORDER.map((l) => [l, new Set<string>()]));
  const use = (list: MappedList, code: string | null | undefined) => code && used.get(list)?.add(code);
  for (const c of contributions) use('funding_stream', c.source);
  for (const s of schemes) {
    use('funding_stream', s.fundingSource);
    use('scheme_type', s.schemeType);
    if (s.subType) use('sub_type', `${s.schemeType ?? ''}/${s.subType}`);
    use('area_of_spend', s.areaOfSpend);
    use('commissioner', s.commissioner);
    use('provider_type', s.providerType);
  }
  const metricById = new Map(metrics.map((m) => [m.id, m]));
  for (const o of fundOutcomes) use('metric', metricById.get(o.metricId)?.code);

  const errors: FieldError[] = [];
  const chosen = new Map<string, string>();
  input.mappings.forEach((m, i) => {
    const listName = MAPPED_LIST_LABELS[m.list];
    if (!used.get(m.list)?.has(m.fromCode)) {
      errors.push({
        path: `mappings.${i}.fromCode`,
        message: `${listName} '${m.fromCode}' is not used by ${fund.name} ${fund.financialYear}`,
      });
    } else if (!to.get(m.list)?.has(m.toCode)) {
      errors.push({
        path: `mappings.${i}.toCode`,
        message: `${listName} '${m.toCode}' is not in BCF year ${target.code}'s list; choose one of ${[...(to.get(m.list)?.keys() ?? [])].join(', ')}`,
      });
    } else chosen.set(`${m.list}:${m.fromCode}`, m.toCode);
  });

  const savedTo = new Map(saved.map((m) => [`${m.list}:${m.fromCode}`, m.toCode]));
  const codes: RolloverCode[] = [];
  for (const list of MAPPED_ORDER) {
    const targetList = to.get(list) ?? new Map<string, string>();
    const choices = [...targetList].map(([code, name]) => ({ code, name }));
    for (const fromCode of used.get(list) ?? []) {
      const key = `${list}:${fromCode}`;
      const pick = chosen.get(key);
      const kept = savedTo.get(key);
      const [toCode, how] = pick
        ? ([pick, 'chosen'] as const)
        : targetList.has(fromCode)
          ? ([fromCode, 'same'] as const)
          : kept && targetList.has(kept)
            ? ([kept, 'saved'] as const)
            : ([null, 'unmapped'] as const);
      codes.push({ list, fromCode, fromName: from.get(list)?.get(fromCode) ?? fromCode, toCode, how, choices });
    }
  }
  return { fund, settings, target, financialYear, contributions, schemes, outcomes: fundOutcomes, metricById, codes, errors, to };
}

const MAPPED_ORDER: MappedList[] = [
  'funding_stream',
  'scheme_type',
  'sub_type',
  'area_of_spend',
  'commissioner',
  'provider_type',
  'metric',
];

type Plan = Awaited<ReturnType<typeof planRollover>>;

/** Where a code goes (null when unmapped, or for no code). */
function mapperOf(plan: Plan) {
  const targets = new Map(plan.codes.map((c) => [`${c.list}:${c.fromCode}`, c.toCode]));
  return (list: MappedList, code: string | null | undefined): string | null => (code ? (targets.get(`${list}:${code}`) ?? null) : null);
}

/** The contributions' planned pence and the schemes' planned spend by quarter, each uplifted by its target stream. */
function upliftPlan(plan: Plan, upliftBp: number) {
  const map = mapperOf(plan);
  // Cells are grouped by the stream they go to (an unmapped one by its own code for the preview), so two old streams
  // merged into one (the iBCF and the LA discharge fund into the Better Care Grant) are uplifted as one total.
  const streamOf = (code: string | null) => (code === null ? null : (map('funding_stream', code) ?? `unmapped:${code}`));
  const income = upliftByStream(
    plan.contributions.map((c) => c.plannedPence),
    plan.contributions.map((c) => streamOf(c.source)),
    upliftBp,
  );
  const spendCells = plan.schemes.flatMap((s) => s.spend.map((q) => ({ scheme: s, quarter: q.quarter, pence: q.plannedPence })));
  const spend = upliftByStream(
    spendCells.map((c) => c.pence),
    spendCells.map((c) => streamOf(c.scheme.fundingSource)),
    upliftBp,
  );
  return { income, spend, spendCells, streamOf };
}

/** What the roll-over would do, for the dialog: nothing is written. */
export async function previewRollover(db: DB, input: RolloverPreviewInput): Promise<RolloverPreview> {
  const plan = await planRollover(db, { fundId: input.fundId, mappings: input.mappings ?? [] });
  if (plan.errors.length) throw new ValidationError(plan.errors);
  const upliftBp = input.upliftBp ?? plan.target.nhsAscUpliftBp ?? 0;
  const { income, spend, streamOf } = upliftPlan(plan, upliftBp);
  const streams = new Map<string, RolloverStream>();
  const names = plan.to.get('funding_stream') ?? new Map<string, string>();
  const streamRow = (key: string, fromCode: string) => {
    const mapped = !key.startsWith('unmapped:');
    const code = mapped ? key : fromCode;
    const row = streams.get(key) ?? {
      code,
      name: mapped
        ? (names.get(code) ?? code)
        : (plan.codes.find((c) => c.list === 'funding_stream' && c.fromCode === code)?.fromName ?? code),
      mapped,
      fromCodes: [],
      incomeNowPence: 0,
      incomeNextPence: 0,
      spendNowPence: 0,
      spendNextPence: 0,
    };
    if (!row.fromCodes.includes(fromCode)) row.fromCodes.push(fromCode);
    streams.set(key, row);
    return row;
  };
  plan.contributions.forEach((c, i) => {
    const row = streamRow(streamOf(c.source) ?? '', c.source);
    row.incomeNowPence += c.plannedPence;
    row.incomeNextPence += income.cells[i] ?? 0;
  });
  const cells = plan.schemes.flatMap((s) => s.spend.map((q) => ({ source: s.fundingSource, pence: q.plannedPence })));
  cells.forEach((c, i) => {
    if (c.source === null) return;
    const row = streamRow(streamOf(c.source) ?? '', c.source);
    row.spendNowPence += c.pence;
    row.spendNextPence += spend.cells[i] ?? 0;
  });
  const existing = await existingFund(db, plan.fund.partnershipId, plan.fund.name, plan.financialYear);
  return {
    fund: { id: plan.fund.id, name: plan.fund.name, financialYear: plan.fund.financialYear, bcfYear: plan.settings?.bcfYear ?? '' },
    target: {
      bcfYear: plan.target.code,
      label: plan.target.label,
      financialYear: plan.financialYear,
      nhsAscUpliftBp: plan.target.nhsAscUpliftBp,
    },
    existingFund: existing ?? null,
    upliftBp,
    streams: [...streams.values()],
    codes: plan.codes,
    counts: { contributions: plan.contributions.length, schemes: plan.schemes.length, outcomes: plan.outcomes.length },
  };
}

function existingFund(tx: DB | Tx, partnershipId: number, name: string, financialYear: string) {
  return tx
    .selectFrom('fund')
    .select(['id', 'name'])
    .where('partnershipId', '=', partnershipId)
    .where('name', '=', name)
    .where('financialYear', '=', financialYear)
    .executeTakeFirst();
}

/** Create next year's fund from this one, as one audited batch (see the top of this file). */
export async function startRollover(db: DB, actor: Actor, input: RolloverStartInput): Promise<RolloverResult> {
  const { batchId, result } = await runBatch(
    db,
    actor,
    // Judged as a promotion by the row-level rules: a commissioner may set planned contributions (never actuals or
    // notes) this way, as when a scenario is made the plan (server/policy.ts). The batch is on the undo stack of the
    // fund it started from (a batch cannot name the fund it creates: undo removes that fund); the new fund's History
    // lists its events, each of which names the new fund.
    { kind: 'promote', label: 'Started next year’s plan', fundId: input.fundId },
    async (writer) => {
      const plan = await planRollover(writer.tx, input);
      const name = input.name ?? plan.fund.name;
      const errors = [...plan.errors];
      for (const c of plan.codes.filter((c) => c.how === 'unmapped')) {
        errors.push({
          path: 'mappings',
          message: `${MAPPED_LIST_LABELS[c.list]} '${c.fromCode}' (${c.fromName}) is not in BCF year ${plan.target.code}'s list: choose where it goes`,
        });
      }
      const existing = await existingFund(writer.tx, plan.fund.partnershipId, name, plan.financialYear);
      if (existing) {
        errors.push({
          path: 'name',
          message: `A fund named '${existing.name}' already exists for ${plan.financialYear} in this partnership`,
        });
      }
      if (errors.length) throw new ValidationError(errors);
      return { ...(await writeRollover(writer, plan, name, input)), name, financialYear: plan.financialYear, bcfYear: plan.target.code };
    },
  );
  return { ...result, batchId };
}

async function writeRollover(writer: BatchWriter, plan: Plan, name: string, input: RolloverStartInput): Promise<{ fundId: number }> {
  const { tx } = writer;
  const map = mapperOf(plan);
  // The fund names its BCF year as one of its audited fields, so a redo of an undone roll-over puts the year back too.
  const fund = await writer.create(fundTable, {
    partnershipId: plan.fund.partnershipId,
    name,
    financialYear: plan.financialYear,
    bcfYear: plan.target.code,
  });

  // Plan settings and risk share (the NHS minimum to adult social care is worked out from this fund, not copied).
  let version = fund.version;
  if (plan.settings) {
    const { minOutOfHospitalPence, amberThresholdBp, redThresholdBp } = plan.settings;
    version = (
      await writer.update(planSettingsTable, fund.id, version, { fundId: fund.id, minOutOfHospitalPence, amberThresholdBp, redThresholdBp })
    ).version;
  }
  const risk = await findRiskShare(tx, plan.fund.id);
  if (risk) {
    const { overspendMethod, underspendMethod, contingencyPence, uncommittedPence } = risk;
    await writer.update(riskShareTable, fund.id, version, {
      fundId: fund.id,
      overspendMethod,
      underspendMethod,
      contingencyPence,
      uncommittedPence,
    });
  }

  const { income, spend, spendCells, streamOf } = upliftPlan(plan, input.upliftBp);

  // Planned contributions, one row per partner, stream and quarter (two old streams merged into one add up).
  const rows = new Map<string, { orgId: number; source: string; quarter: number; plannedPence: number }>();
  plan.contributions.forEach((c, i) => {
    const source = streamOf(c.source) ?? c.source;
    const key = `${c.orgId}:${source}:${c.quarter}`;
    const row = rows.get(key) ?? { orgId: c.orgId, source, quarter: c.quarter, plannedPence: 0 };
    row.plannedPence += income.cells[i] ?? 0;
    rows.set(key, row);
  });
  await writer.createMany(
    contributionTable,
    [...rows.values()].map((r) => ({ fundId: fund.id, ...r, actualPence: 0, note: '' })),
  );

  // Schemes, their codes mapped and their planned spend uplifted; a scheme carried into a new year is an existing one.
  const plannedOf = new Map<number, number[]>();
  spendCells.forEach((c, i) => {
    const quarters = plannedOf.get(c.scheme.id) ?? [0, 0, 0, 0];
    quarters[c.quarter - 1] = spend.cells[i] ?? 0;
    plannedOf.set(c.scheme.id, quarters);
  });
  const newSchemeId = new Map<number, number>();
  for (const s of plan.schemes) {
    const subTarget = s.subType ? map('sub_type', `${s.schemeType ?? ''}/${s.subType}`) : null;
    const planned = plannedOf.get(s.id) ?? [0, 0, 0, 0];
    const spendValues = Object.fromEntries(
      SPEND_FIELDS.map((f) => [f, f.includes('Planned') ? (planned[Number(f.charAt(1)) - 1] ?? 0) : 0]),
    ) as Record<(typeof SPEND_FIELDS)[number], number>;
    const created = await writer.create(schemeTable, {
      fundId: fund.id,
      code: s.code,
      name: s.name,
      description: s.description,
      // A sub-type belongs to one type ('type/sub'): where one is mapped, its type is the scheme's type, so a person's
      // choices can never leave a scheme with a sub-type of another type.
      schemeType: subTarget ? (subTarget.split('/')[0] ?? null) : map('scheme_type', s.schemeType),
      subType: subTarget ? (subTarget.split('/')[1] ?? null) : null,
      subTypeOther: s.subTypeOther,
      areaOfSpend: map('area_of_spend', s.areaOfSpend),
      commissioner: map('commissioner', s.commissioner),
      nhsShareBp: s.nhsShareBp,
      laShareBp: s.laShareBp,
      providerType: map('provider_type', s.providerType),
      providerName: s.providerName,
      fundingSource: map('funding_stream', s.fundingSource),
      outputQuantity: s.outputQuantity,
      outputUnit: s.outputUnit,
      isNew: false,
      ...spendValues,
    });
    newSchemeId.set(s.id, created.id);
  }

  // Outcome targets and baselines under the new year's metrics; actuals and narrative are next year's to report.
  const metricIdOf = new Map([...plan.metricById.values()].filter((m) => m.bcfYear === plan.target.code).map((m) => [m.code, m.id]));
  await writer.createMany(
    outcomeTable,
    plan.outcomes.map((o) => ({
      fundId: fund.id,
      schemeId: o.schemeId === null ? null : (newSchemeId.get(o.schemeId) ?? null),
      metricId: metricIdOf.get(map('metric', plan.metricById.get(o.metricId)?.code) ?? '') ?? 0,
      quarter: o.quarter,
      baseline: o.baseline,
      target: o.target,
      actual: null,
      actualNumerator: null,
      actualDenominator: null,
      narrative: '',
    })),
  );

  // The choices a person made, kept for the next roll-over between these years.
  const saved = await listYearMappings(tx, plan.settings?.bcfYear ?? '', plan.target.code);
  for (const m of input.mappings) {
    const existing = saved.find((s) => s.list === m.list && s.fromCode === m.fromCode);
    if (!existing) {
      await writer.create(yearMappingTable, { fromYear: plan.settings?.bcfYear ?? '', toYear: plan.target.code, ...m });
    } else if (existing.toCode !== m.toCode) {
      await writer.update(yearMappingTable, existing.id, existing.version, { toCode: m.toCode });
    }
  }
  return { fundId: fund.id };
}
