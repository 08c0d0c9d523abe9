// The zod input schemas of the split procedures, shared by the server (which enforces them) and the client (which
// checks a rule before sending it). Messages name the field, the value and the rule (design rule 5); the rules that
// look at a whole split (shares over 100%, fixed parts over the amount, a party twice) are shared/split.ts's own, so
// the schema and allocate() can never disagree.
import { z } from 'zod';
import { id, pence, rule, strict, text, wholeNumber } from './fields';
import { deleteInput, keysOf, labelsOf, optionalShape, type RowOf, updateOf, type Versioned } from './shape';
import {
  fieldProblems,
  isParty,
  isRemainderPolicy,
  PARTY_RULE,
  REMAINDER_RULE,
  splitRuleProblems,
  type FixedPart,
  type Party,
  type RemainderPolicy,
  type SharePart,
  type SplitProblem,
} from '../split';

/** Up to this many fixed parts, and this many shares, in one split: far more partners than any pool has. */
export const MAX_SPLIT_PARTS = 100;

function list<T extends z.ZodType>(item: T, label: string) {
  return z
    .array(item, rule(label, 'must be a list'))
    .max(MAX_SPLIT_PARTS, rule(label, `must hold at most ${MAX_SPLIT_PARTS} entries`))
    .describe(label);
}

/** A sector code or `org:<id>`. */
export const partySchema = z.custom<Party>((value) => isParty(value), rule('Party', PARTY_RULE));

export const remainderPolicySchema = z
  .custom<RemainderPolicy>((value) => isRemainderPolicy(value), rule('Remainder', REMAINDER_RULE))
  .describe('Remainder');

export const fixedPartSchema = strict({ party: partySchema, pence: pence('Fixed amount') }, 'Fixed part');

export const sharePartSchema = strict(
  {
    party: partySchema,
    basisPoints: wholeNumber('Share', 0, 10_000, 'must be a whole number of basis points from 0 to 10000 (100%)'),
  },
  'Share',
);

/** `splits.allocate`: an amount, fixed-£ parts (optional), shares and the remainder policy. */
export const splitAllocateInput = strict(
  {
    amountPence: pence('Amount'),
    fixed: list(fixedPartSchema, 'Fixed parts').optional(),
    shares: list(sharePartSchema, 'Shares'),
    remainder: remainderPolicySchema,
  },
  'Split',
).superRefine((input, ctx) => {
  // zod has already reported a bad field (and may still run this refinement); the whole-split rules need good fields.
  if (fieldProblems(input).length > 0) return;
  for (const problem of splitRuleProblems(input)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

export type SplitAllocateInput = z.infer<typeof splitAllocateInput>;

// ---- split rules (splits.rules.*) ----

/** What a person edits on a rule: everything but its partnership. */
export interface SplitRuleParts {
  fixed: readonly FixedPart[];
  shares: readonly SharePart[];
  remainder: RemainderPolicy;
}

/**
 * The whole-rule checks of a split rule, which has no amount of its own: no party twice, shares at most 100%, and a
 * share above 0 to normalise by. (Whether the fixed parts fit is a question for the amount a rule is applied to.)
 * Paths are from the rule; `prefix` puts them under a field of the input ("patch").
 */
export function splitRulePartsProblems(rule: SplitRuleParts, prefix: readonly string[] = []): SplitProblem[] {
  const fixed = rule.fixed;
  // With the amount set to the fixed total, allocate()'s amount-dependent checks cannot fire; the normalise check is
  // made here without an amount.
  const amountPence = fixed.reduce((acc, part) => acc + part.pence, 0);
  const problems = splitRuleProblems({ amountPence, fixed, shares: rule.shares, remainder: rule.remainder });
  if (rule.remainder === 'normalise' && !rule.shares.some((share) => share.basisPoints > 0)) {
    problems.push({
      path: ['shares'],
      message:
        "Shares must include one above 0 basis points when the remainder is 'normalise' (there is nothing to normalise by), got none",
    });
  }
  return problems.map((p) => ({ ...p, path: [...prefix, ...p.path] }));
}

const ruleFields = {
  name: text('Rule name', 1, 200),
  description: text('Description', 0, 2000),
  sourceOfRule: text('Source of the rule', 0, 2000),
  fixed: list(fixedPartSchema, 'Fixed parts'),
  shares: list(sharePartSchema, 'Shares'),
  remainder: remainderPolicySchema,
};

/** What a person calls each field of a split rule (messages and batch labels). */
export const SPLIT_RULE_FIELD_LABELS = labelsOf({ partnershipId: id('Partnership'), ...ruleFields });

/** The stored fields of a split rule: its partnership and what a person edits. */
export type SplitRuleValues = { partnershipId: number } & RowOf<typeof ruleFields>;
export const SPLIT_RULE_FIELDS = keysOf(ruleFields);

/** A named rule of a partnership, as the API returns it. */
export interface SplitRule extends SplitRuleValues, Versioned {
  updatedAt: string;
}

/** `splits.rules.create`: a named rule of a partnership. Fixed parts are optional (none by default). */
export const splitRuleCreateInput = strict(
  {
    partnershipId: id('Partnership'),
    ...ruleFields,
    description: ruleFields.description.default(''),
    sourceOfRule: ruleFields.sourceOfRule.default(''),
    fixed: ruleFields.fixed.default([]),
  },
  'Split rule',
).superRefine((input, ctx) => {
  if (fieldProblems({ amountPence: 0, ...input }).length > 0) return;
  for (const problem of splitRulePartsProblems(input)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

/** `splits.rules.update`: any of the rule's fields; the whole rule as it would be is checked by the service. */
export const splitRuleUpdateInput = updateOf(strict(optionalShape(ruleFields), 'Patch'));

export const splitRuleDeleteInput = deleteInput;

export type SplitRuleCreateInput = z.infer<typeof splitRuleCreateInput>;
export type SplitRuleUpdateInput = z.infer<typeof splitRuleUpdateInput>;
