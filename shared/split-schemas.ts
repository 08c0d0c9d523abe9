// The zod input schemas of the split procedures, shared by the server (which enforces them) and the client (which
// checks a rule before sending it). Messages name the field, the value and the rule (design rule 5); the rules that
// look at a whole split (shares over 100%, fixed parts over the amount, a party twice) are shared/split.ts's own, so
// the schema and allocate() can never disagree.
import { z } from 'zod';
import { formatPence, MAX_AMOUNT_PENCE } from './money';
import { rule, strict, wholeNumber } from './schemas';
import {
  fieldProblems,
  isParty,
  isRemainderPolicy,
  PARTY_RULE,
  REMAINDER_RULE,
  splitRuleProblems,
  type Party,
  type RemainderPolicy,
} from './split';

/** Up to this many fixed parts, and this many shares, in one split: far more partners than any pool has. */
export const MAX_SPLIT_PARTS = 100;

function list<T extends z.ZodType>(item: T, label: string) {
  return z.array(item, rule(label, 'must be a list')).max(MAX_SPLIT_PARTS, rule(label, `must hold at most ${MAX_SPLIT_PARTS} entries`));
}

const penceRule = `must be a whole number of pence from 0 up to ${formatPence(MAX_AMOUNT_PENCE)}`;

/** A sector code or `org:<id>`. */
export const partySchema = z.custom<Party>((value) => isParty(value), rule('Party', PARTY_RULE));

export const remainderPolicySchema = z.custom<RemainderPolicy>((value) => isRemainderPolicy(value), rule('Remainder', REMAINDER_RULE));

export const fixedPartSchema = strict(
  { party: partySchema, pence: wholeNumber('Fixed amount', 0, MAX_AMOUNT_PENCE, penceRule) },
  'Fixed part',
);

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
    amountPence: wholeNumber('Amount', 0, MAX_AMOUNT_PENCE, penceRule),
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
