// The expenditure plan's checklist, as the national BCF planning template does it (domain.md, "The expenditure plan";
// issue 5, item 3): spend balances income per funding source, the two ring-fences, joint splits, required fields.
// Pure: the server's checks, the Plan page's live checklist and the workbook's Checklist sheet all call checkPlan.
import { largestRemainder } from './allocate';
import { formatBasisPoints, formatPence, sumPence } from './money';
import { conditionLabel, isOpenCondition, type NationalCondition } from './national-conditions';
import { requirementText, upliftFactorText, type NhsMinimumWorking } from './nhs-minimum';
import {
  HOSPITAL_AREAS,
  JOINT_COMMISSIONER,
  NHS_COMMISSIONERS,
  OTHER_CODE,
  SOCIAL_CARE_AREA,
  type FundPlan,
  type PlanCheck,
  type Scheme,
} from './plan-types';

/** The funding-source code of the NHS minimum contribution, the money both ring-fences are measured in. */
export const NHS_MINIMUM_SOURCE = 'nhs_minimum';

/** 100% in basis points: a joint scheme's NHS % and LA % must add up to exactly this. */
const WHOLE_BP = 10_000;

/** A scheme's planned spend for the year: Q1..Q4 planned, added exactly. */
export function plannedSpendOf(scheme: Pick<Scheme, 'spend'>): number {
  return sumPence(scheme.spend.map((q) => q.plannedPence));
}

/**
 * Every check of the plan, in a fixed order: balance per funding source (income order, then sources that have spend
 * but no income, in scheme order), sources outside the fund's BCF year, the two ring-fences, joint splits (scheme order), then required fields (scheme
 * order). The order is part of the contract: the checklist and the workbook list the checks as given.
 */
export function checkPlan(plan: FundPlan): PlanCheck[] {
  return [
    ...balanceChecks(plan),
    ...streamChecks(plan),
    ...ringFenceChecks(plan),
    ...plan.schemes.flatMap((scheme, index) => jointSplitChecks(scheme, index)),
    ...plan.schemes.flatMap((scheme, index) => requiredFieldChecks(scheme, index, plan)),
    ...nationalConditionChecks(plan.conditions),
  ];
}

/**
 * The template reads "Complete" only when every check passes. A plan with nothing to check (no schemes, no income,
 * no ring-fence minimums) is not complete: there is no plan yet, and an empty checklist must not show green.
 */
export function isComplete(checks: readonly PlanCheck[]): boolean {
  return checks.length > 0 && checks.every((check) => check.ok);
}

// ---- Balance -------------------------------------------------------------------------------------------------------

/**
 * Template rule: the planned expenditure funded from each source equals the planned income from that source. Spend
 * below income is "short" (income the plan has not yet allocated), spend above income is "over" (the plan commits
 * money the source does not provide). A scheme with no funding source yet is in no balance; its required-field check
 * says so. A source gets a check when its income or its spend is not zero.
 */
export function balanceChecks(plan: Pick<FundPlan, 'schemes' | 'incomeBySource'>): PlanCheck[] {
  const incomeBySource = new Map<string, { name: string; pence: number }>();
  for (const income of plan.incomeBySource) {
    const known = incomeBySource.get(income.source);
    // The same source listed twice (one entry per partner, say) is one income stream: add them up.
    incomeBySource.set(income.source, { name: known?.name ?? income.name, pence: sumPence([known?.pence ?? 0, income.plannedPence]) });
  }
  const sources = [...incomeBySource.keys()];
  for (const scheme of plan.schemes) {
    if (scheme.fundingSource !== null && !sources.includes(scheme.fundingSource)) sources.push(scheme.fundingSource);
  }

  const checks: PlanCheck[] = [];
  for (const source of sources) {
    const funded = plan.schemes.filter((s) => s.fundingSource === source);
    const incomePence = incomeBySource.get(source)?.pence ?? 0;
    const spendPence = sumPence(funded.map(plannedSpendOf));
    if (incomePence === 0 && spendPence === 0) continue;
    const name = incomeBySource.get(source)?.name ?? source;
    const gap = spendPence - incomePence;
    const first = funded[0];
    checks.push({
      id: `balance:${source}`,
      kind: 'balance',
      label: `Planned spend from ${name} equals its income`,
      ok: gap === 0,
      detail:
        gap === 0
          ? ''
          : `${formatPence(Math.abs(gap))} ${gap < 0 ? 'short' : 'over'}: planned spend ${formatPence(spendPence)} against income ${formatPence(incomePence)}`,
      target: first ? { schemeId: first.id, field: 'fundingSource' } : null,
    });
  }
  return checks;
}

// ---- Streams of the fund's BCF year --------------------------------------------------------------------------------

/**
 * Income or spend on a funding source that the fund's BCF year does not list (a row kept from before the year's streams
 * changed, say "Discharge fund (ICB)" in a 2025/26 fund, whose money is now inside the NHS minimum contribution): one
 * failing check per such source, in the balance checks' order, pointing at the first scheme that uses it. Nothing is
 * rewritten; a person moves the money to one of the year's streams. No check when every source is one of the year's.
 */
export function streamChecks(plan: Pick<FundPlan, 'schemes' | 'incomeBySource' | 'streams' | 'bcfYear'>): PlanCheck[] {
  const inYear = new Set(plan.streams.map((s) => s.code));
  const names = new Map(plan.incomeBySource.map((i) => [i.source, i.name]));
  const outside: string[] = [];
  const note = (source: string) => {
    if (!inYear.has(source) && !outside.includes(source)) outside.push(source);
  };
  for (const income of plan.incomeBySource) if (income.plannedPence !== 0) note(income.source);
  for (const scheme of plan.schemes) if (scheme.fundingSource !== null) note(scheme.fundingSource);
  return outside.map((source) => {
    const first = plan.schemes.find((s) => s.fundingSource === source);
    return {
      id: `stream:${source}`,
      kind: 'stream',
      label: `${names.get(source) ?? source} is a funding stream of BCF year ${plan.bcfYear}`,
      ok: false,
      detail: `BCF year ${plan.bcfYear} does not list ${names.get(source) ?? source} ('${source}'): move its income and spend to one of the year's streams (${plan.streams.map((s) => s.name).join(', ')})`,
      target: first ? { schemeId: first.id, field: 'fundingSource' } : null,
    };
  });
}

// ---- Ring-fences ---------------------------------------------------------------------------------------------------

const isNhsCommissioner = (code: string | null): boolean => code !== null && (NHS_COMMISSIONERS as readonly string[]).includes(code);
/** A scheme with no area of spend yet is not counted as out of hospital: a missing field must not help a ring-fence
 * pass (the required-field check flags it). */
const isOutOfHospital = (area: string | null): boolean => area !== null && !(HOSPITAL_AREAS as readonly string[]).includes(area);

/**
 * NHS minimum contribution to adult social care (template ring-fence 1): the planned spend of schemes funded from the
 * NHS minimum contribution whose area of spend is social care.
 *
 * A jointly commissioned line counts in full, not at its NHS %. The ring-fence is about where the NHS minimum
 * contribution's *money* goes (its source and its area of spend), and every penny of such a line is NHS-minimum money
 * spent on social care whoever commissions it; the joint % describes commissioning responsibility, which is what the
 * out-of-hospital ring-fence (and only that one) is about. This matches the template, which applies "% NHS (if joint
 * commissioner)" only in its NHS-commissioned out-of-hospital sum.
 */
export function nhsMinimumToSocialCarePence(schemes: readonly Scheme[]): number {
  return sumPence(schemes.filter((s) => s.fundingSource === NHS_MINIMUM_SOURCE && s.areaOfSpend === SOCIAL_CARE_AREA).map(plannedSpendOf));
}

/**
 * NHS-commissioned out-of-hospital spend (template ring-fence 2): from the NHS minimum contribution, out of hospital
 * (area of spend not acute), the whole line when an NHS body (ICB, NHS England) commissions it and the NHS % of the
 * line when it is jointly commissioned (to the penny per line by largest remainder; a missing NHS % counts as 0% and
 * the joint-split check flags it).
 */
export function nhsCommissionedOutOfHospitalPence(schemes: readonly Scheme[]): number {
  const counted = schemes
    .filter((s) => s.fundingSource === NHS_MINIMUM_SOURCE && isOutOfHospital(s.areaOfSpend))
    .map((s) => {
      if (isNhsCommissioner(s.commissioner)) return plannedSpendOf(s);
      if (s.commissioner === JOINT_COMMISSIONER) return nhsPartOfJoint(plannedSpendOf(s), s.nhsShareBp);
      return 0;
    });
  return sumPence(counted);
}

/** The NHS part of a jointly commissioned line: the spend divided NHS % : the rest, by largest remainder (the same
 * division as the risk-share statement's NHS and LA parts); a missing or impossible % counts as 0%. */
function nhsPartOfJoint(spendPence: number, nhsShareBp: number | null): number {
  const nhs = nhsShareBp !== null && isShare(nhsShareBp) ? nhsShareBp : 0;
  return largestRemainder(spendPence, [nhs, WHOLE_BP - nhs])[0] ?? 0;
}

/** The NHS minimum to adult social care the plan requires, as one figure (the workbook's cover): the requirement by the
 * year's rule when the plan carries it, else the typed minimum; 0: none (yet). */
export function requiredNhsMinimumPence(plan: Pick<FundPlan, 'settings' | 'nhsMinimum'>): number {
  return plan.nhsMinimum ? (plan.nhsMinimum.requiredPence ?? 0) : plan.settings.minNhsToSocialCarePence;
}

/** Whether the fund holds NHS minimum contribution money (planned income from it, or a scheme funded from it): a pool
 * that holds none (a Section 75 placements pool) has no NHS minimum to spend on adult social care. */
function holdsNhsMinimum(plan: Pick<FundPlan, 'schemes' | 'incomeBySource'>): boolean {
  return (
    plan.incomeBySource.some((i) => i.source === NHS_MINIMUM_SOURCE && i.plannedPence !== 0) ||
    plan.schemes.some((s) => s.fundingSource === NHS_MINIMUM_SOURCE)
  );
}

/** Both ring-fences against the fund's minimums (a minimum of 0 means no requirement: no check). Reaching the minimum
 * exactly passes. Fund-level checks: no single cell to jump to. The NHS minimum to adult social care is the fund's
 * requirement by its year's rule when the plan carries it (plan.nhsMinimum), else the typed setting; in a year with an
 * uplift, a fund holding NHS minimum money with no requirement yet gets a failing check asking for the baseline. */
export function ringFenceChecks(plan: Pick<FundPlan, 'schemes' | 'settings' | 'nhsMinimum' | 'incomeBySource'>): PlanCheck[] {
  const checks: PlanCheck[] = [];
  const { minNhsToSocialCarePence, minOutOfHospitalPence } = plan.settings;
  const byRule = plan.nhsMinimum;
  if (byRule && byRule.upliftBp !== null) {
    if (byRule.requiredPence !== null || holdsNhsMinimum(plan)) {
      checks.push(nhsMinimumByUpliftCheck(byRule, byRule.upliftBp, nhsMinimumToSocialCarePence(plan.schemes)));
    }
  } else if (minNhsToSocialCarePence !== 0) {
    checks.push(
      ringFenceCheck(
        'ring_fence:nhs_minimum_social_care',
        'NHS minimum contribution to adult social care',
        nhsMinimumToSocialCarePence(plan.schemes),
        minNhsToSocialCarePence,
      ),
    );
  }
  if (minOutOfHospitalPence !== 0) {
    checks.push(
      ringFenceCheck(
        'ring_fence:out_of_hospital',
        'NHS-commissioned out-of-hospital services',
        nhsCommissionedOutOfHospitalPence(plan.schemes),
        minOutOfHospitalPence,
      ),
    );
  }
  return checks;
}

/** The ring-fence in a year with an uplift. Its label carries the working ("at least £8,310,276.30 = 2024/25 baseline £7,998,341.00 x 1.039 (rounded to the penny, half up)"); with no
 * baseline yet (no previous fund, none typed) it fails, asking for the baseline. */
function nhsMinimumByUpliftCheck(working: NhsMinimumWorking, upliftBp: number, plannedPence: number): PlanCheck {
  const id = 'ring_fence:nhs_minimum_social_care';
  const what = 'NHS minimum contribution to adult social care';
  const requirement = requirementText(working);
  if (working.requiredPence === null || requirement === null) {
    return {
      id,
      kind: 'ring_fence',
      label: `${what}: type the ${working.baselineYear} baseline`,
      ok: false,
      detail: `The minimum is the ${working.baselineYear} baseline x ${upliftFactorText(upliftBp)}; no ${working.baselineYear} fund of this partnership holds it, so type it in the plan settings`,
      target: null,
    };
  }
  return { ...ringFenceCheck(id, what, plannedPence, working.requiredPence), label: `${what}: at least ${requirement}` };
}

function ringFenceCheck(id: string, what: string, plannedPence: number, minimumPence: number): PlanCheck {
  const shortPence = minimumPence - plannedPence;
  return {
    id,
    kind: 'ring_fence',
    label: `${what}: at least ${formatPence(minimumPence)}`,
    ok: shortPence <= 0,
    detail:
      shortPence <= 0
        ? ''
        : `${formatPence(shortPence)} short: planned ${formatPence(plannedPence)} against a minimum of ${formatPence(minimumPence)}`,
    target: null,
  };
}

// ---- Joint splits --------------------------------------------------------------------------------------------------

/**
 * A jointly commissioned scheme states % NHS and % LA, summing to 100% (domain.md; the template's joint columns). Each
 * share must also lie between 0% and 100%, so 120% + -20% does not pass. Other commissioners: no check.
 */
export function jointSplitChecks(scheme: Scheme, index: number): PlanCheck[] {
  if (scheme.commissioner !== JOINT_COMMISSIONER) return [];
  const { nhsShareBp: nhs, laShareBp: la } = scheme;
  let problem = '';
  let field = 'nhsShareBp';
  if (nhs === null || la === null) {
    problem = nhs === null && la === null ? 'NHS % and LA % are missing' : nhs === null ? 'NHS % is missing' : 'LA % is missing';
    field = nhs === null ? 'nhsShareBp' : 'laShareBp';
  } else if (!isShare(nhs)) {
    problem = `NHS % is ${formatBasisPoints(nhs)}, must be between 0% and 100%`;
  } else if (!isShare(la)) {
    problem = `LA % is ${formatBasisPoints(la)}, must be between 0% and 100%`;
    field = 'laShareBp';
  } else if (nhs + la !== WHOLE_BP) {
    problem = `NHS ${formatBasisPoints(nhs)} + LA ${formatBasisPoints(la)} = ${formatBasisPoints(nhs + la)}, must be 100%`;
  }
  return [
    {
      id: `joint_split:${scheme.id}`,
      kind: 'joint_split',
      label: `${schemeLabel(scheme, index)}: NHS % + LA % = 100%`,
      ok: problem === '',
      detail: problem,
      target: { schemeId: scheme.id, field },
    },
  ];
}

const isShare = (bp: number): boolean => Number.isSafeInteger(bp) && bp >= 0 && bp <= WHOLE_BP;

// ---- Required fields -----------------------------------------------------------------------------------------------

/** The template's required columns of an expenditure line, in its column order, with the words the checklist uses. */
const REQUIRED_FIELDS = [
  ['code', 'scheme ID'],
  ['name', 'scheme name'],
  ['schemeType', 'scheme type'],
  ['subType', 'sub-type'],
  ['subTypeOther', "'please specify' for Other"],
  ['areaOfSpend', 'area of spend'],
  ['commissioner', 'commissioner'],
  ['providerType', 'provider type'],
  ['fundingSource', 'source of funding'],
] as const satisfies readonly (readonly [keyof Scheme, string])[];

type RequiredField = (typeof REQUIRED_FIELDS)[number][0];

/** Whether a field is required for this scheme: a sub-type only when the scheme's type has sub-types in the fund's
 * reference lists (plan.reference holds the lists of the fund's BCF year); the "please specify" text only when the
 * type or the sub-type is Other. */
function isRequired(field: RequiredField, scheme: Scheme, plan: Pick<FundPlan, 'reference'>): boolean {
  if (field === 'subType') {
    return scheme.schemeType !== null && plan.reference.some((item) => item.list === 'sub_type' && item.parentCode === scheme.schemeType);
  }
  if (field === 'subTypeOther') return scheme.schemeType === OTHER_CODE || scheme.subType === OTHER_CODE;
  return true;
}

const isBlank = (value: string | null): boolean => value === null || value.trim() === '';

/**
 * One failing check per missing required field (target: that scheme and field), or, when none is missing, one passing
 * check for the scheme, so the checklist shows each line green once it is filled in (the template's checklist reads
 * "Yes" per completed line).
 */
export function requiredFieldChecks(scheme: Scheme, index: number, plan: Pick<FundPlan, 'reference'>): PlanCheck[] {
  const label = schemeLabel(scheme, index);
  const missing = REQUIRED_FIELDS.filter(([field]) => isRequired(field, scheme, plan) && isBlank(scheme[field]));
  if (missing.length === 0) {
    return [
      {
        id: `required:${scheme.id}`,
        kind: 'required_field',
        label: `${label}: every required field is filled in`,
        ok: true,
        detail: '',
        target: { schemeId: scheme.id, field: 'code' },
      },
    ];
  }
  return missing.map(([field, words]) => ({
    id: `required:${scheme.id}:${field}`,
    kind: 'required_field',
    label: `${label}: ${words} is missing`,
    ok: false,
    detail: `Enter the ${words} of this scheme`,
    target: { schemeId: scheme.id, field },
  }));
}

/** "Scheme 3 (Bridging service)" by the ID people use; a line with no ID yet is named by its position. */
export function schemeLabel(scheme: Pick<Scheme, 'code' | 'name'>, index: number): string {
  const id = scheme.code.trim() === '' ? `on line ${index + 1}` : scheme.code.trim();
  const name = scheme.name.trim();
  return `Scheme ${id}${name === '' ? '' : ` (${name})`}`;
}

// ---- National conditions -------------------------------------------------------------------------------------------

/**
 * The template's national conditions (BCF policy framework 2025 to 2026: "Please confirm: Yes/No", commentary for a
 * No): one check for them all, failing while any condition is unanswered or answered No without commentary, pointing
 * at the first such condition. A plan checked without its conditions, or a year with none, has no such check.
 */
export function nationalConditionChecks(conditions: readonly NationalCondition[] | undefined): PlanCheck[] {
  if (!conditions || conditions.length === 0) return [];
  const open = conditions.filter(isOpenCondition);
  const first = open[0];
  // "Not answered: NC2, NC3; No without commentary: NC4": grouped, so four open conditions read as one short line.
  const named = (which: NationalCondition[]) => which.map((c) => conditionLabel(c.code)).join(', ');
  const unanswered = open.filter((c) => c.answer === null);
  const bareNo = open.filter((c) => c.answer !== null);
  const detail = [
    ...(unanswered.length ? [`Not answered: ${named(unanswered)}`] : []),
    ...(bareNo.length ? [`No without commentary: ${named(bareNo)}`] : []),
  ].join('; ');
  return [
    {
      id: 'national_conditions',
      kind: 'national_conditions',
      label: 'National conditions answered',
      ok: first === undefined,
      detail,
      target: null,
      ...(first ? { conditionCode: first.code } : {}),
    },
  ];
}
