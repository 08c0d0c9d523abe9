// The zod input schemas of every procedure, shared by the server (which enforces them) and the client (which checks
// a value before sending it). Every message names the field, the value and the rule (design rule 5):
// "Planned (£) must be a whole number of pence from 0 to 10000000000000, got -500".
import { z } from 'zod';
import { COMMON_PASSWORD_COUNT, isCommonPassword } from './common-passwords';
import type { FieldError } from './errors';
import { financialYearProblem } from './financial-year';
import { formatPence, MAX_AMOUNT_PENCE } from './money';
import { REFERENCE_LISTS, SPEND_FIELDS, type SpendField } from './plan-types';
import { ROLES } from './roles';
import { wellFormedString } from './unicode';

export const SECTORS = ['social_care', 'health', 'education', 'housing', 'voluntary', 'other'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  social_care: 'Social care',
  health: 'Health',
  education: 'Education',
  housing: 'Housing',
  voluntary: 'Voluntary sector',
  other: 'Other',
};

export const ARRANGEMENTS = ['pooled_fund', 'aligned_budget', 'lead_commissioning', 'integrated_provision'] as const;
export type Arrangement = (typeof ARRANGEMENTS)[number];
export const ARRANGEMENT_LABELS: Record<Arrangement, string> = {
  pooled_fund: 'Pooled fund (s75)',
  aligned_budget: 'Aligned budget',
  lead_commissioning: 'Lead commissioning',
  integrated_provision: 'Integrated provision',
};

export const NOTE_MAX_LENGTH = 2000;

/** How a rejected value is quoted back to the person who sent it: short, and never the whole of a huge paste. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > 40 ? `a text of ${value.length.toLocaleString('en-GB')} characters` : `'${value}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** One message for every way a field can fail: "<label> <rule>, got <value>", or "<label> is required (<rule>)". */
export function rule(label: string, text: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? `${label} is required: it ${text}` : `${label} ${text}, got ${describeValue(issue.input)}`,
  };
}

/** How many unknown keys a message names before it says "and N more": a hostile body with thousands of keys must
 * not get a reply that grows with their square (tests/reliability/fuzz.test.ts). */
export const NAMED_KEYS = 10;

/** A few names of a long list, for a message: "a, b, c and 997 more". Each name is cut to 40 characters. */
export function someNames(names: readonly string[], most = NAMED_KEYS): string {
  const shown = names.slice(0, most).map((n) => (n.length > 40 ? `${n.slice(0, 39)}…` : n));
  return names.length > most ? `${shown.join(', ')} and ${names.length - most} more` : shown.join(', ');
}

export function strict<T extends z.ZodRawShape>(shape: T, what: string) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${what} has unknown field(s): ${someNames(issue.keys)}`
        : `${what} must be an object, got ${describeValue(issue.input)}`,
  });
}

/** A whole number from min to max, every failure reported with the same rule. */
export function wholeNumber(label: string, min: number, max: number, text = `must be a whole number from ${min} to ${max}`) {
  const r = rule(label, text);
  return z.number(r).int(r).min(min, r).max(max, r);
}

export const id = (label: string) => wholeNumber(label, 1, Number.MAX_SAFE_INTEGER, 'must be a whole number id of 1 or more');

export const pence = (label: string) =>
  wholeNumber(label, 0, MAX_AMOUNT_PENCE, `must be a whole number of pence from 0 up to ${formatPence(MAX_AMOUNT_PENCE)}`);

/** Text of min to max characters; trimmed unless it is free text whose spacing is the author's (a note). */
export function text(label: string, min: number, max: number, trim = true) {
  const r = rule(
    label,
    min > 0
      ? `must be text of ${min} to ${max.toLocaleString('en-GB')} characters`
      : `must be text of at most ${max.toLocaleString('en-GB')} characters`,
  );
  const base = wellFormedString(label, r);
  return (trim ? base.trim() : base).min(min, r).max(max, r);
}

function oneOf<T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, rule(label, `must be one of ${values.join(', ')}`));
}

export const idSchema = id('Id');

export const financialYearSchema = wellFormedString('Financial year', rule('Financial year', 'must be written like 2025/26')).superRefine(
  (value, ctx) => {
    const problem = financialYearProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `Financial year ${problem}, got '${value}'` });
  },
);

export const quarterSchema = wholeNumber('Quarter', 1, 4, 'must be 1, 2, 3 or 4');

/** A funding-stream code; which codes exist is reference data in the database, checked by the server. */
export const sourceSchema = wellFormedString('Funding source', rule('Funding source', 'must be a funding source code')).regex(
  /^[a-z][a-z0-9_]{0,49}$/,
  rule('Funding source', 'must be a funding source code (lower case letters, digits and _)'),
);

// ---- organisations, partnerships, funds ----

export const orgCreateInput = strict(
  {
    name: text('Name', 1, 200),
    sector: oneOf('Sector', SECTORS),
    kind: text('Kind', 0, 100).optional(),
    onsCode: text('ONS code', 0, 20).optional(),
  },
  'Organisation',
);

export const partnershipCreateInput = strict(
  {
    name: text('Name', 1, 200),
    area: text('Area', 0, 200).optional(),
    arrangement: oneOf('Arrangement', ARRANGEMENTS),
    hostOrgId: id('Host organisation').optional(),
    memberOrgIds: z
      .array(id('Member organisation'), rule('Members', 'must be a list of organisation ids'))
      .min(1, rule('Members', 'must name at least one organisation'))
      .max(100, rule('Members', 'must name at most 100 organisations')),
    notes: text('Notes', 0, NOTE_MAX_LENGTH).optional(),
  },
  'Partnership',
);

export const byIdInput = strict({ id: id('Id') }, 'Input');
export const byPartnershipInput = strict({ partnershipId: id('Partnership') }, 'Input');
export const byFundInput = strict({ fundId: id('Fund') }, 'Input');

/** The fund or partnership a call is about, read by the base procedures that check the caller may see it. */
export const fundRef = z.object({ fundId: id('Fund') });
export const partnershipRef = z.object({ partnershipId: id('Partnership') });

export const fundCreateInput = strict(
  { partnershipId: id('Partnership'), name: text('Name', 1, 200), financialYear: financialYearSchema },
  'Fund',
);

// ---- contributions ----

/** What a person calls each contribution field: used by messages and batch labels ("Changed Planned (£)"). */
export const CONTRIBUTION_FIELD_LABELS: Record<string, string> = {
  fundId: 'Fund',
  orgId: 'Partner',
  source: 'Funding source',
  quarter: 'Quarter',
  plannedPence: 'Planned (£)',
  actualPence: 'Actual (£)',
  note: 'Note',
};

const contributionFields = {
  orgId: id('Partner'),
  source: sourceSchema,
  quarter: quarterSchema,
  plannedPence: pence('Planned (£)'),
  actualPence: pence('Actual (£)'),
  note: text('Note', 0, NOTE_MAX_LENGTH, false),
};

/** The values of a new contribution; planned and actual default to £0.00 and the note to empty. */
export const contributionValues = strict(
  {
    orgId: contributionFields.orgId,
    source: contributionFields.source,
    quarter: contributionFields.quarter,
    plannedPence: contributionFields.plannedPence.optional(),
    actualPence: contributionFields.actualPence.optional(),
    note: contributionFields.note.optional(),
  },
  'Contribution',
);

/** A change to some fields of a contribution. */
export const contributionPatch = strict(
  {
    orgId: contributionFields.orgId.optional(),
    source: contributionFields.source.optional(),
    quarter: contributionFields.quarter.optional(),
    plannedPence: contributionFields.plannedPence.optional(),
    actualPence: contributionFields.actualPence.optional(),
    note: contributionFields.note.optional(),
  },
  'Patch',
).refine((patch) => Object.keys(patch).length > 0, { message: 'Patch must change at least one field' });

export const version = wholeNumber('Version', 1, Number.MAX_SAFE_INTEGER, 'must be the whole-number version of the row you last saw');

export const contributionCreateInput = strict({ fundId: id('Fund'), ...contributionValues.shape }, 'Contribution');
export const contributionUpdateInput = strict({ id: id('Id'), version, patch: contributionPatch }, 'Update');
export const contributionDeleteInput = strict({ id: id('Id'), version }, 'Delete');

export const MAX_BATCH_CHANGES = 10_000;

export const contributionChange = z.discriminatedUnion(
  'op',
  [
    strict({ op: z.literal('create'), values: contributionValues }, 'Change'),
    strict({ op: z.literal('update'), id: id('Id'), version, values: contributionPatch }, 'Change'),
    strict({ op: z.literal('delete'), id: id('Id'), version }, 'Change'),
  ],
  // zod hands this error the whole change but reports it at `op`, so quote the op the change named, not the change.
  { error: (issue) => rule('Operation', 'must be create, update or delete').error({ input: opOf(issue.input) }) },
);

/** The `op` of a change that is an object (what a bad-operation message should quote), else the value itself. */
export function opOf(change: unknown): unknown {
  return typeof change === 'object' && change !== null && !Array.isArray(change) ? (change as { op?: unknown }).op : change;
}

export type ContributionChange = z.infer<typeof contributionChange>;

export const applyBatchInput = strict(
  {
    fundId: id('Fund'),
    changes: z
      .array(contributionChange, rule('Changes', 'must be a list of changes'))
      .min(1, rule('Changes', 'must hold at least one change'))
      .max(MAX_BATCH_CHANGES, rule('Changes', `must hold at most ${MAX_BATCH_CHANGES.toLocaleString('en-GB')} changes`)),
  },
  'Batch',
);

// ---- audit ----

export const AUDITED_ENTITIES = [
  'contribution',
  'fund',
  'organisation',
  'partnership',
  'app_user',
  'scheme',
  'fund_plan_settings',
  'reference_item',
  'plan_snapshot',
  'split_rule',
  'fund_risk_share',
  'scenario',
  'scenario_item',
  'metric',
  'outcome',
  'unit_cost',
  'evidence_item',
  'roi_benefit',
] as const;

const isoDateTime = (label: string) =>
  wellFormedString(label, rule(label, 'must be a date like 2026-04-01 or a date and time like 2026-04-01T09:00:00Z')).regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/,
    rule(label, 'must be a date like 2026-04-01 or a date and time like 2026-04-01T09:00:00Z'),
  );

export const auditListInput = strict(
  {
    entity: oneOf('Entity', AUDITED_ENTITIES).optional(),
    entityId: id('Entity id').optional(),
    field: wellFormedString('Field', rule('Field', 'must be a field name')).max(64, rule('Field', 'must be a field name')).optional(),
    fundId: id('Fund').optional(),
    partnershipId: id('Partnership').optional(),
    userId: id('User').optional(),
    from: isoDateTime('From').optional(),
    to: isoDateTime('To').optional(),
    batchId: wellFormedString('Batch', rule('Batch', 'must be a batch id')).max(64, rule('Batch', 'must be a batch id')).optional(),
    limit: wholeNumber('Limit', 1, 1000).optional(),
  },
  'Input',
).optional();

/** Whose undo stack: the fund's own, or (with scenarioId) one scenario's inside it. */
export const undoScopeInput = strict({ fundId: id('Fund'), scenarioId: id('Scenario').optional() }, 'Input');

export const auditPeopleInput = strict({ partnershipId: id('Partnership').optional() }, 'Input').optional();

export const auditUndoInput = strict(
  {
    batchId: wellFormedString('Batch', rule('Batch', 'must be a batch id'))
      .min(1, rule('Batch', 'must be a batch id'))
      .max(64, rule('Batch', 'must be a batch id')),
  },
  'Input',
);

// ---- per-user settings (saved column layouts and the like) ----

/** The most one setting's value may hold, written as JSON. */
export const SETTING_VALUE_MAX_LENGTH = 20_000;
/** The most settings one person may keep. The app saves one layout per grid, a handful in all; this leaves room for
 * many more, and stops one account from filling the database (issue 20: a board member, who may change nothing else,
 * stored 300 settings of 19 KB, 5.7 MB, in one request). */
export const SETTINGS_MAX_COUNT = 50;
/** The most one person's settings may hold in all, written as JSON: ten values of the largest size. */
export const SETTINGS_MAX_TOTAL_LENGTH = 200_000;

/** What a person already keeps besides the setting being saved: how many, and their length in all. */
export interface SettingsUsage {
  count: number;
  totalLength: number;
}

/** Why saving a value of `length` characters as one more setting (or in place of one) would break a cap, or null. */
export function settingsLimitProblem(others: SettingsUsage, length: number, replacing: boolean): FieldError | null {
  if (!replacing && others.count + 1 > SETTINGS_MAX_COUNT) {
    return {
      path: 'key',
      message: `Saved settings are limited to ${SETTINGS_MAX_COUNT} per person and you already keep ${others.count.toLocaleString('en-GB')}: this one was not saved`,
    };
  }
  if (others.totalLength + length > SETTINGS_MAX_TOTAL_LENGTH) {
    return {
      path: 'value',
      message: `Saved settings are limited to ${SETTINGS_MAX_TOTAL_LENGTH.toLocaleString('en-GB')} characters in all per person: your others hold ${others.totalLength.toLocaleString('en-GB')} and this value ${length.toLocaleString('en-GB')}, so it was not saved`,
    };
  }
  return null;
}

export const settingKeySchema = wellFormedString(
  'Key',
  rule('Key', 'must be text of 1 to 100 characters of a-z, 0-9, colon, dot, underscore or hyphen'),
).regex(/^[a-z0-9:._-]{1,100}$/, rule('Key', 'must be text of 1 to 100 characters of a-z, 0-9, colon, dot, underscore or hyphen'));

/**
 * Any JSON value whose serialised form is at most 20,000 characters. Checked by serialising rather than by a recursive
 * JSON schema, so a deeply nested value cannot exhaust the stack; the serialised text is what is stored.
 */
export const settingValueSchema = z.unknown().transform((value, ctx) => {
  let serialised: string | undefined;
  try {
    serialised = value === undefined ? undefined : JSON.stringify(value);
  } catch {
    serialised = undefined;
  }
  if (serialised === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `Value must be a JSON value (text, number, true/false, null, a list or an object), got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  if (serialised.length > SETTING_VALUE_MAX_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message: `Value must be at most ${SETTING_VALUE_MAX_LENGTH.toLocaleString('en-GB')} characters when written as JSON, got ${serialised.length.toLocaleString('en-GB')}`,
    });
    return z.NEVER;
  }
  return serialised;
});

export const settingGetInput = strict({ key: settingKeySchema }, 'Input');
export const settingPutInput = strict({ key: settingKeySchema, value: settingValueSchema }, 'Setting');

export type OrgCreateInput = z.infer<typeof orgCreateInput>;
export type PartnershipCreateInput = z.infer<typeof partnershipCreateInput>;
export type FundCreateInput = z.infer<typeof fundCreateInput>;
export type ContributionValues = z.infer<typeof contributionValues>;
export type ContributionPatch = z.infer<typeof contributionPatch>;
export type ApplyBatchInput = z.infer<typeof applyBatchInput>;

// ---- sign-in and users ----

export const PASSWORD_MIN_LENGTH = 12;

const email = (label: string) =>
  wellFormedString(label, rule(label, 'must be an email address'))
    .trim()
    .toLowerCase()
    .max(254, rule(label, 'must be an email address of at most 254 characters'))
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, rule(label, 'must be an email address like name@council.gov.uk'));

export const loginInput = strict(
  {
    email: wellFormedString('Email', rule('Email', 'must be your email address'))
      .trim()
      .toLowerCase()
      .min(1, rule('Email', 'must be your email address'))
      .max(254, rule('Email', 'must be your email address')),
    password: wellFormedString('Password', rule('Password', 'must be your password'))
      .min(1, rule('Password', 'must be your password'))
      .max(200, rule('Password', 'must be at most 200 characters')),
  },
  'Sign-in',
);

/**
 * A password someone chooses (users.create, BCF_DEMO_PASSWORD): long, and not one of the passwords seen most often in
 * breaches (NCSC password guidance; OWASP ASVS 2.1.7), so the one guess an attacker tries first is never right. The
 * client shows the same reasons as the server, as both check this schema.
 */
export const newPasswordSchema = wellFormedString('Password', rule('Password', `must be text of ${PASSWORD_MIN_LENGTH} to 200 characters`))
  .min(PASSWORD_MIN_LENGTH, { error: `Password must be at least ${PASSWORD_MIN_LENGTH} characters long` })
  .max(200, rule('Password', `must be text of ${PASSWORD_MIN_LENGTH} to 200 characters`))
  .refine((value) => !isCommonPassword(value), {
    error: `Password is one of the most commonly used passwords (on a list of the ${COMMON_PASSWORD_COUNT.toLocaleString('en-GB')} seen most often in breaches), so it is among the first an attacker tries: choose another`,
  });

const orgIds = z
  .array(id('Organisation'), rule('Organisations', 'must be a list of organisation ids'))
  .max(100, rule('Organisations', 'must name at most 100 organisations'));

export const userCreateInput = strict(
  {
    email: email('Email'),
    name: text('Name', 1, 200),
    role: oneOf('Role', ROLES),
    orgIds,
    /** Leave out to have a random password generated and shown once. */
    password: newPasswordSchema.optional(),
  },
  'User',
);

export const userUpdateInput = strict(
  {
    id: id('User'),
    version,
    patch: strict(
      {
        email: email('Email').optional(),
        name: text('Name', 1, 200).optional(),
        role: oneOf('Role', ROLES).optional(),
        orgIds: orgIds.optional(),
        disabled: z.boolean(rule('Disabled', 'must be true or false')).optional(),
      },
      'Patch',
    ).refine((patch) => Object.keys(patch).length > 0, { message: 'Patch must change at least one field' }),
  },
  'Update',
);

export const userResetPasswordInput = strict({ id: id('User') }, 'Input');

export type LoginInput = z.infer<typeof loginInput>;
export type UserCreateInput = z.infer<typeof userCreateInput>;
export type UserUpdateInput = z.infer<typeof userUpdateInput>;
export type AuditListInput = z.infer<typeof auditListInput>;

// ---- the BCF plan: schemes with their spend, plan settings, reference lists, snapshots ----

/** What a person calls each scheme field, as the Plan grid names its columns (messages and batch labels). */
export const SCHEME_FIELD_LABELS: Record<string, string> = {
  fundId: 'Fund',
  code: 'Scheme ID',
  name: 'Scheme name',
  description: 'Description',
  schemeType: 'Scheme type',
  subType: 'Sub-type',
  subTypeOther: 'Sub-type (please specify)',
  areaOfSpend: 'Area of spend',
  commissioner: 'Commissioner',
  nhsShareBp: '% NHS',
  laShareBp: '% LA',
  providerType: 'Provider type',
  providerName: 'Provider',
  fundingSource: 'Source of funding',
  outputQuantity: 'Planned outputs',
  outputUnit: 'Output unit',
  isNew: 'New or existing',
  ...Object.fromEntries(SPEND_FIELDS.map((f) => [f, `Q${f.charAt(1)} ${f.includes('Planned') ? 'planned' : 'actual'} (£)`] as const)),
};

const label = (field: string) => SCHEME_FIELD_LABELS[field] ?? field;

/** A reference-list code (a scheme type, an area of spend...): which codes exist is data of the fund's BCF year. */
function referenceCode(field: string, name = label(field)) {
  const r = rule(name, 'must be a code from the list of the fund’s BCF year (lower case letters, digits and _), or null');
  return wellFormedString(name, r)
    .regex(/^[a-z0-9_]{1,50}$/, r)
    .nullable();
}

const shareBp = (field: string) =>
  wholeNumber(label(field), 0, 10_000, 'must be a whole number of basis points from 0 to 10000 (100%), or null').nullable();

const spendShape = Object.fromEntries(SPEND_FIELDS.map((f) => [f, pence(label(f)).optional()])) as Record<
  SpendField,
  z.ZodOptional<ReturnType<typeof pence>>
>;

const schemeFields = {
  code: text(label('code'), 1, 30),
  name: text(label('name'), 1, 200),
  description: text(label('description'), 0, NOTE_MAX_LENGTH, false),
  schemeType: referenceCode('schemeType'),
  subType: referenceCode('subType'),
  subTypeOther: text(label('subTypeOther'), 0, 200),
  areaOfSpend: referenceCode('areaOfSpend'),
  commissioner: referenceCode('commissioner'),
  nhsShareBp: shareBp('nhsShareBp'),
  laShareBp: shareBp('laShareBp'),
  providerType: referenceCode('providerType'),
  providerName: text(label('providerName'), 0, 200),
  fundingSource: sourceSchema.nullable(),
  outputQuantity: z
    .number(rule(label('outputQuantity'), 'must be a number from 0 to 1000000000, or null'))
    .min(0, rule(label('outputQuantity'), 'must be a number from 0 to 1000000000, or null'))
    .max(1_000_000_000, rule(label('outputQuantity'), 'must be a number from 0 to 1000000000, or null'))
    .nullable(),
  outputUnit: text(label('outputUnit'), 0, 100),
  isNew: z.boolean(rule(label('isNew'), 'must be true (new) or false (existing)')),
};

type SchemeFieldShape = typeof schemeFields;
const optionalFields = Object.fromEntries(Object.entries(schemeFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof SchemeFieldShape]: z.ZodOptional<SchemeFieldShape[K]>;
};

/** A new scheme: its ID and name are required, everything else may be filled in later (the checklist says what). */
export const schemeValues = strict({ ...optionalFields, code: schemeFields.code, name: schemeFields.name, ...spendShape }, 'Scheme');

/** A change to some fields of a scheme and its spend. */
export const schemePatch = strict({ ...optionalFields, ...spendShape }, 'Patch').refine((patch) => Object.keys(patch).length > 0, {
  message: 'Patch must change at least one field',
});

/** One change of a grid's batch: create with values, update with the version seen and a patch, delete with the version. */
export function changeOf<V extends z.ZodType, P extends z.ZodType>(values: V, patch: P) {
  return z.discriminatedUnion(
    'op',
    [
      strict({ op: z.literal('create'), values }, 'Change'),
      strict({ op: z.literal('update'), id: id('Id'), version, values: patch }, 'Change'),
      strict({ op: z.literal('delete'), id: id('Id'), version }, 'Change'),
    ],
    { error: (issue) => rule('Operation', 'must be create, update or delete').error({ input: opOf(issue.input) }) },
  );
}

/** A batch of a grid's changes to the rows of one fund (or, with `key`, of one scenario): all saved, or none. */
export function batchOf<V extends z.ZodType, P extends z.ZodType, K extends string = 'fundId'>(
  values: V,
  patch: P,
  key: { name: K; label: string } = { name: 'fundId' as K, label: 'Fund' },
) {
  const changes = z
    .array(changeOf(values, patch), rule('Changes', 'must be a list of changes'))
    .min(1, rule('Changes', 'must hold at least one change'))
    .max(MAX_BATCH_CHANGES, rule('Changes', `must hold at most ${MAX_BATCH_CHANGES.toLocaleString('en-GB')} changes`));
  return strict({ [key.name]: id(key.label), changes } as { [k in K]: ReturnType<typeof id> } & { changes: typeof changes }, 'Batch');
}

export const schemeChange = changeOf(schemeValues, schemePatch);
export const schemeBatchInput = batchOf(schemeValues, schemePatch);

export type SchemeValuesInput = z.infer<typeof schemeValues>;
export type SchemePatch = z.infer<typeof schemePatch>;
export type SchemeChange = z.infer<typeof schemeChange>;
export type SchemeBatchInput = z.infer<typeof schemeBatchInput>;

export const PLAN_SETTINGS_LABELS: Record<string, string> = {
  minNhsToSocialCarePence: 'Minimum NHS contribution to adult social care (£)',
  minOutOfHospitalPence: 'Minimum NHS-commissioned out-of-hospital spend (£)',
  amberThresholdBp: 'Amber variance threshold',
  redThresholdBp: 'Red variance threshold',
};

const thresholdBp = (field: string) =>
  wholeNumber(PLAN_SETTINGS_LABELS[field] ?? field, 0, 100_000, 'must be a whole number of basis points from 0 to 100000 (1000%)');

export const planSettingsUpdateInput = strict(
  {
    fundId: id('Fund'),
    /** The fund version the caller last saw; leave out to overwrite whatever is there. */
    version: version.optional(),
    patch: strict(
      {
        minNhsToSocialCarePence: pence(PLAN_SETTINGS_LABELS.minNhsToSocialCarePence ?? '').optional(),
        minOutOfHospitalPence: pence(PLAN_SETTINGS_LABELS.minOutOfHospitalPence ?? '').optional(),
        amberThresholdBp: thresholdBp('amberThresholdBp').optional(),
        redThresholdBp: thresholdBp('redThresholdBp').optional(),
      },
      'Patch',
    ).refine((patch) => Object.keys(patch).length > 0, { message: 'Patch must change at least one setting' }),
  },
  'Settings',
);
export type PlanSettingsUpdateInput = z.infer<typeof planSettingsUpdateInput>;

/** A BCF planning year: a two-year plan like 2023-25, or one year like 2025/26. */
export const bcfYearSchema = wellFormedString('BCF year', rule('BCF year', 'must be written like 2025/26 or 2023-25')).regex(
  /^\d{4}(\/|-)\d{2}$/,
  rule('BCF year', 'must be written like 2025/26 or 2023-25'),
);

export const referenceListInput = strict({ bcfYear: bcfYearSchema.optional() }, 'Input').optional();

export const referenceCreateInput = strict(
  {
    bcfYear: bcfYearSchema,
    list: oneOf('List', REFERENCE_LISTS),
    code: wellFormedString('Code', rule('Code', 'must be 1 to 50 lower case letters, digits or _')).regex(
      /^[a-z0-9_]{1,50}$/,
      rule('Code', 'must be 1 to 50 lower case letters, digits or _'),
    ),
    name: text('Name', 1, 300),
    parentCode: referenceCode('parentCode', 'Parent code').optional(),
    sortOrder: wholeNumber('Sort order', 0, 100_000).optional(),
  },
  'Reference item',
);

export const referenceUpdateInput = strict(
  {
    id: id('Id'),
    version,
    patch: strict(
      {
        name: text('Name', 1, 300).optional(),
        parentCode: referenceCode('parentCode', 'Parent code').optional(),
        sortOrder: wholeNumber('Sort order', 0, 100_000).optional(),
      },
      'Patch',
    ).refine((patch) => Object.keys(patch).length > 0, { message: 'Patch must change at least one field' }),
  },
  'Update',
);
export type ReferenceCreateInput = z.infer<typeof referenceCreateInput>;
export type ReferenceUpdateInput = z.infer<typeof referenceUpdateInput>;

export const snapshotCreateInput = strict({ fundId: id('Fund'), name: text('Snapshot name', 1, 200) }, 'Snapshot');

/** A version of a plan: a snapshot id, or 'current' for the plan as it is now. */
const planVersion = (field: string) => z.union([z.literal('current'), id(field)], rule(field, "must be a snapshot id or 'current'"));

export const snapshotCompareInput = strict({ fundId: id('Fund'), a: planVersion('A'), b: planVersion('B') }, 'Input');
export const snapshotRestoreInput = strict({ snapshotId: id('Snapshot') }, 'Input');
export type SnapshotCompareInput = z.infer<typeof snapshotCompareInput>;
