// Bad input gets a clear error (design rule 5): each message names the field, the value and the rule, at a path dotted
// from the input root with 0-based indexes (the contract's data.fieldErrors).
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MAX_AMOUNT_PENCE } from '../../shared/money';
import {
  applyBatchInput,
  auditListInput,
  auditUndoInput,
  byIdInput,
  contributionChange,
  contributionCreateInput,
  contributionDeleteInput,
  contributionPatch,
  contributionUpdateInput,
  describeValue,
  financialYearSchema,
  fundCreateInput,
  MAX_BATCH_CHANGES,
  NOTE_MAX_LENGTH,
  orgCreateInput,
  partnershipCreateInput,
  quarterSchema,
  sourceSchema,
} from '../../shared/schemas';

interface Problem {
  path: string;
  message: string;
}

/** The problems a schema finds in a value, as the server reports them (dotted path, message); fails if it passes. */
function problems(schema: z.ZodType, value: unknown): Problem[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to be refused, but it was accepted`);
  return result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The one problem with a value: asserts there is exactly one and returns it. */
function problem(schema: z.ZodType, value: unknown): Problem {
  const found = problems(schema, value);
  expect(found).toHaveLength(1);
  const [first] = found;
  if (!first) throw new Error('no problem found');
  return first;
}

const contribution = { fundId: 1, orgId: 2, source: 'ibcf', quarter: 1 };
const PLANNED_RULE = 'must be a whole number of pence from 0 up to £100,000,000,000.00';

describe('contributionCreateInput', () => {
  it('accepts a minimal contribution, leaving planned, actual and note unset', () => {
    expect(contributionCreateInput.parse(contribution)).toEqual(contribution);
  });

  it('accepts a full contribution, keeping the spacing of the note', () => {
    const full = { ...contribution, quarter: 4, plannedPence: 0, actualPence: MAX_AMOUNT_PENCE, note: '  paid late \n' };
    expect(contributionCreateInput.parse(full)).toEqual(full);
  });

  it("names the field, the value and the rule for a negative planned amount: 'Planned (£)', '-5'", () => {
    const { path, message } = problem(contributionCreateInput, { ...contribution, plannedPence: -5 });
    expect(path).toBe('plannedPence');
    expect(message).toContain('Planned (£)');
    expect(message).toContain('-5');
    expect(message).toBe(`Planned (£) ${PLANNED_RULE}, got -5`);
  });

  it.each([
    [1.5, '1.5'],
    [MAX_AMOUNT_PENCE + 1, String(MAX_AMOUNT_PENCE + 1)],
    ['12', "'12'"],
    [null, 'null'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('refuses a planned amount of %s, quoting it as %s', (value, quoted) => {
    expect(problem(contributionCreateInput, { ...contribution, plannedPence: value })).toEqual({
      path: 'plannedPence',
      message: `Planned (£) ${PLANNED_RULE}, got ${quoted}`,
    });
  });

  it('labels the actual amount as Actual (£)', () => {
    expect(problem(contributionCreateInput, { ...contribution, actualPence: -1 })).toEqual({
      path: 'actualPence',
      message: `Actual (£) ${PLANNED_RULE}, got -1`,
    });
  });

  it.each([
    [5, 'got 5'],
    [0, 'got 0'],
    [2.5, 'got 2.5'],
    ['1', "got '1'"],
  ])('refuses quarter %j', (quarter, got) => {
    const { path, message } = problem(contributionCreateInput, { ...contribution, quarter });
    expect(path).toBe('quarter');
    expect(message).toBe(`Quarter must be 1, 2, 3 or 4, ${got}`);
  });

  it('says a missing required field is required, and what it must be', () => {
    const { quarter: _omitted, ...withoutQuarter } = contribution;
    expect(problem(contributionCreateInput, withoutQuarter)).toEqual({
      path: 'quarter',
      message: 'Quarter is required: it must be 1, 2, 3 or 4',
    });
  });

  it('accepts a note of exactly 2,000 characters and refuses 2,001, without quoting the whole note back', () => {
    expect(contributionCreateInput.safeParse({ ...contribution, note: 'x'.repeat(NOTE_MAX_LENGTH) }).success).toBe(true);
    expect(problem(contributionCreateInput, { ...contribution, note: 'x'.repeat(NOTE_MAX_LENGTH + 1) })).toEqual({
      path: 'note',
      message: 'Note must be text of at most 2,000 characters, got a text of 2,001 characters',
    });
  });

  it('does not trim a note, so its spaces count towards the limit', () => {
    expect(contributionCreateInput.safeParse({ ...contribution, note: ` ${'x'.repeat(NOTE_MAX_LENGTH)}` }).success).toBe(false);
  });

  it('refuses unknown keys, naming them', () => {
    expect(problem(contributionCreateInput, { ...contribution, colour: 'red', planned: 5 })).toEqual({
      path: '',
      message: 'Contribution has unknown field(s): colour, planned',
    });
  });

  it('refuses a funding source code that is not lower-case letters, digits and _', () => {
    expect(problem(contributionCreateInput, { ...contribution, source: 'IBCF' })).toEqual({
      path: 'source',
      message: "Funding source must be a funding source code (lower case letters, digits and _), got 'IBCF'",
    });
  });

  it('refuses an id of 0 for the fund and the partner, naming each', () => {
    expect(problems(contributionCreateInput, { ...contribution, fundId: 0, orgId: -3 })).toEqual([
      { path: 'fundId', message: 'Fund must be a whole number id of 1 or more, got 0' },
      { path: 'orgId', message: 'Partner must be a whole number id of 1 or more, got -3' },
    ]);
  });

  it('refuses something that is not an object', () => {
    expect(problem(contributionCreateInput, 'hello')).toEqual({ path: '', message: "Contribution must be an object, got 'hello'" });
    expect(problem(contributionCreateInput, [contribution])).toEqual({ path: '', message: 'Contribution must be an object, got a list' });
  });
});

describe('financial year, quarter and source schemas', () => {
  it('accepts 2025/26', () => {
    expect(financialYearSchema.parse('2025/26')).toBe('2025/26');
  });

  it.each([
    ['2025/27', "Financial year must be two consecutive years, like 2025/26, got '2025/27'"],
    ['25/26', "Financial year must be written like 2025/26, got '25/26'"],
    ['1999/00', "Financial year must start in a year from 2000 to 2099, got '1999/00'"],
  ])('refuses %j', (value, message) => {
    expect(problem(financialYearSchema, value)).toEqual({ path: '', message });
  });

  it('refuses a financial year that is not text', () => {
    expect(problem(financialYearSchema, 2025).message).toBe('Financial year must be written like 2025/26, got 2025');
  });

  it('accepts quarters 1 to 4 only', () => {
    expect([1, 2, 3, 4].map((q) => quarterSchema.safeParse(q).success)).toEqual([true, true, true, true]);
    expect([0, 5, -1, 1.5].map((q) => quarterSchema.safeParse(q).success)).toEqual([false, false, false, false]);
  });

  it('accepts a source code up to 50 characters starting with a letter', () => {
    expect(sourceSchema.safeParse('nhs_minimum_2').success).toBe(true);
    expect(sourceSchema.safeParse(`a${'b'.repeat(49)}`).success).toBe(true);
    expect(sourceSchema.safeParse(`a${'b'.repeat(50)}`).success).toBe(false);
    expect(sourceSchema.safeParse('1ibcf').success).toBe(false);
    expect(sourceSchema.safeParse('').success).toBe(false);
  });
});

describe('fundCreateInput', () => {
  it('accepts a fund and trims its name', () => {
    expect(fundCreateInput.parse({ partnershipId: 1, name: '  BCF 2025/26  ', financialYear: '2025/26' })).toEqual({
      partnershipId: 1,
      name: 'BCF 2025/26',
      financialYear: '2025/26',
    });
  });

  it.each([
    ['2025/27', "Financial year must be two consecutive years, like 2025/26, got '2025/27'"],
    ['25/26', "Financial year must be written like 2025/26, got '25/26'"],
  ])('refuses financial year %j at its field', (financialYear, message) => {
    expect(problem(fundCreateInput, { partnershipId: 1, name: 'BCF', financialYear })).toEqual({ path: 'financialYear', message });
  });

  it('refuses a name that is only spaces', () => {
    expect(problem(fundCreateInput, { partnershipId: 1, name: '   ', financialYear: '2025/26' })).toEqual({
      path: 'name',
      message: "Name must be text of 1 to 200 characters, got ''",
    });
  });
});

describe('contributionUpdateInput, contributionDeleteInput and contributionPatch', () => {
  it('accepts a patch of one field', () => {
    expect(contributionUpdateInput.parse({ id: 7, version: 3, patch: { actualPence: 100 } })).toEqual({
      id: 7,
      version: 3,
      patch: { actualPence: 100 },
    });
  });

  it('refuses an empty patch', () => {
    expect(problem(contributionUpdateInput, { id: 7, version: 3, patch: {} })).toEqual({
      path: 'patch',
      message: 'Patch must change at least one field',
    });
  });

  it('refuses a patch that tries to move the row to another fund', () => {
    expect(problem(contributionPatch, { fundId: 2, note: 'moved' })).toEqual({ path: '', message: 'Patch has unknown field(s): fundId' });
  });

  it('refuses a version of 0 and a missing version', () => {
    expect(problem(contributionUpdateInput, { id: 7, version: 0, patch: { note: 'x' } })).toEqual({
      path: 'version',
      message: 'Version must be the whole-number version of the row you last saw, got 0',
    });
    expect(problem(contributionDeleteInput, { id: 7 })).toEqual({
      path: 'version',
      message: 'Version is required: it must be the whole-number version of the row you last saw',
    });
  });

  it('places a bad patch value under patch', () => {
    expect(problem(contributionUpdateInput, { id: 7, version: 1, patch: { plannedPence: -5 } })).toEqual({
      path: 'patch.plannedPence',
      message: `Planned (£) ${PLANNED_RULE}, got -5`,
    });
  });
});

describe('applyBatchInput', () => {
  const create = { op: 'create', values: { orgId: 2, source: 'ibcf', quarter: 1, plannedPence: 100 } };
  const update = { op: 'update', id: 3, version: 1, values: { plannedPence: 200 } };
  const remove = { op: 'delete', id: 4, version: 2 };

  it('accepts a batch of create, update and delete', () => {
    expect(applyBatchInput.parse({ fundId: 1, changes: [create, update, remove] })).toEqual({
      fundId: 1,
      changes: [create, update, remove],
    });
  });

  it("places a bad value inside a change at 'changes.<index>.values.<field>'", () => {
    const bad = { ...update, values: { plannedPence: -5 } };
    expect(problem(applyBatchInput, { fundId: 1, changes: [create, bad] })).toEqual({
      path: 'changes.1.values.plannedPence',
      message: `Planned (£) ${PLANNED_RULE}, got -5`,
    });
  });

  it('reports every bad change, each at its own index', () => {
    const found = problems(applyBatchInput, {
      fundId: 1,
      changes: [create, { ...create, values: { ...create.values, quarter: 5 } }, remove, { ...remove, version: 0 }],
    });
    expect(found).toEqual([
      { path: 'changes.1.values.quarter', message: 'Quarter must be 1, 2, 3 or 4, got 5' },
      { path: 'changes.3.version', message: 'Version must be the whole-number version of the row you last saw, got 0' },
    ]);
  });

  it('refuses a fund id inside the values of a created row (the batch names the fund once)', () => {
    expect(problem(applyBatchInput, { fundId: 1, changes: [{ ...create, values: { ...create.values, fundId: 9 } }] })).toEqual({
      path: 'changes.0.values',
      message: 'Contribution has unknown field(s): fundId',
    });
  });

  it('refuses values on a delete', () => {
    expect(problem(applyBatchInput, { fundId: 1, changes: [{ ...remove, values: {} }] })).toEqual({
      path: 'changes.0',
      message: 'Change has unknown field(s): values',
    });
  });

  it('refuses an update with nothing to change', () => {
    expect(problem(applyBatchInput, { fundId: 1, changes: [{ ...update, values: {} }] })).toEqual({
      path: 'changes.0.values',
      message: 'Patch must change at least one field',
    });
  });

  it('names the operation it does not know, at the op field', () => {
    // Regression: this used to say "got an object" (the whole change) rather than quoting the op.
    expect(problem(applyBatchInput, { fundId: 1, changes: [{ op: 'frobnicate', id: 1 }] })).toEqual({
      path: 'changes.0.op',
      message: "Operation must be create, update or delete, got 'frobnicate'",
    });
    expect(problem(contributionChange, { op: 3 })).toEqual({ path: 'op', message: 'Operation must be create, update or delete, got 3' });
  });

  it('says the operation is required when a change has none', () => {
    expect(problem(applyBatchInput, { fundId: 1, changes: [{ id: 1, version: 1 }] })).toEqual({
      path: 'changes.0.op',
      message: 'Operation is required: it must be create, update or delete',
    });
  });

  it('refuses an empty batch, a batch that is not a list and a batch over the limit', () => {
    expect(problem(applyBatchInput, { fundId: 1, changes: [] })).toEqual({
      path: 'changes',
      message: 'Changes must hold at least one change, got a list',
    });
    expect(problem(applyBatchInput, { fundId: 1, changes: 'all of them' })).toEqual({
      path: 'changes',
      message: "Changes must be a list of changes, got 'all of them'",
    });
    const tooMany = Array.from({ length: MAX_BATCH_CHANGES + 1 }, () => remove);
    expect(problem(applyBatchInput, { fundId: 1, changes: tooMany })).toEqual({
      path: 'changes',
      message: 'Changes must hold at most 10,000 changes, got a list',
    });
  });

  it('refuses unknown keys on the batch', () => {
    expect(problem(applyBatchInput, { fundId: 1, changes: [remove], dryRun: true })).toEqual({
      path: '',
      message: 'Batch has unknown field(s): dryRun',
    });
  });
});

describe('organisation and partnership schemas', () => {
  it('accepts an organisation and refuses an unknown sector, listing the sectors', () => {
    expect(orgCreateInput.parse({ name: 'Northshire ICB', sector: 'health' })).toEqual({ name: 'Northshire ICB', sector: 'health' });
    expect(problem(orgCreateInput, { name: 'Northshire ICB', sector: 'nhs' })).toEqual({
      path: 'sector',
      message: "Sector must be one of social_care, health, education, housing, voluntary, other, got 'nhs'",
    });
  });

  it('refuses a name of 201 characters without quoting it', () => {
    expect(problem(orgCreateInput, { name: 'n'.repeat(201), sector: 'health' })).toEqual({
      path: 'name',
      message: 'Name must be text of 1 to 200 characters, got a text of 201 characters',
    });
  });

  it('needs at least one member, and places a bad member id at its index', () => {
    const base = { name: 'Northshire HWB', arrangement: 'pooled_fund' };
    expect(partnershipCreateInput.parse({ ...base, memberOrgIds: [1, 2] })).toEqual({ ...base, memberOrgIds: [1, 2] });
    expect(problem(partnershipCreateInput, { ...base, memberOrgIds: [] })).toEqual({
      path: 'memberOrgIds',
      message: 'Members must name at least one organisation, got a list',
    });
    expect(problem(partnershipCreateInput, { ...base, memberOrgIds: [1, 0] })).toEqual({
      path: 'memberOrgIds.1',
      message: 'Member organisation must be a whole number id of 1 or more, got 0',
    });
  });

  it('refuses notes over 2,000 characters', () => {
    const found = problem(partnershipCreateInput, { name: 'P', arrangement: 'aligned_budget', memberOrgIds: [1], notes: 'x'.repeat(2001) });
    expect(found.path).toBe('notes');
    expect(found.message).toContain('at most 2,000 characters');
  });
});

describe('small input schemas', () => {
  it('byIdInput needs a positive whole id', () => {
    expect(byIdInput.parse({ id: 5 })).toEqual({ id: 5 });
    expect(problem(byIdInput, { id: 0 })).toEqual({ path: 'id', message: 'Id must be a whole number id of 1 or more, got 0' });
    expect(problem(byIdInput, null)).toEqual({ path: '', message: 'Input must be an object, got null' });
  });

  it('auditListInput is optional and limits the page size to 1000', () => {
    expect(auditListInput.parse(undefined)).toBeUndefined();
    expect(auditListInput.parse({ entity: 'contribution', limit: 1000 })).toEqual({ entity: 'contribution', limit: 1000 });
    expect(problem(auditListInput, { limit: 1001 })).toEqual({
      path: 'limit',
      message: 'Limit must be a whole number from 1 to 1000, got 1001',
    });
    expect(problem(auditListInput, { entity: 'budget_line' }).path).toBe('entity');
  });

  it('auditUndoInput needs a non-empty batch id of at most 64 characters', () => {
    expect(auditUndoInput.parse({ batchId: 'b-1' })).toEqual({ batchId: 'b-1' });
    expect(problem(auditUndoInput, { batchId: '' })).toEqual({ path: 'batchId', message: "Batch must be a batch id, got ''" });
    expect(auditUndoInput.safeParse({ batchId: 'b'.repeat(65) }).success).toBe(false);
  });
});

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'null'],
    ['twelve', "'twelve'"],
    ['x'.repeat(40), `'${'x'.repeat(40)}'`],
    ['x'.repeat(41), 'a text of 41 characters'],
    ['x'.repeat(12345), 'a text of 12,345 characters'],
    [-5, '-5'],
    [true, 'true'],
    [5n, '5'],
    [[1, 2], 'a list'],
    [{ a: 1 }, 'an object'],
  ])('quotes %s as %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});
