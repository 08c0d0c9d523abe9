// Splitting a cost between partners (domain.md "Splits"): fixed-£ parts first, then percentage shares of what is left,
// with an explicit policy for shares under 100%. Exact to the penny (design rule 2): nothing is lost or invented.
//
// The rules, in full:
// - A party is a sector code (social_care, health, education, housing, voluntary, other) or an organisation,
//   `org:<id>` (id a whole number from 1, no leading zeros, so one organisation has one spelling).
// - Fixed parts are taken first ("health pays the first £5,000, the rest 60/40"). Each is 0 or more; together they may
//   not exceed the amount (an error, not a cap: a rule that cannot be met should be seen, not quietly trimmed).
// - Shares are whole basis points (10000 = 100%) of what is left after the fixed parts. Together they may not exceed
//   10000: over 100% is an error naming the field and the total.
// - Under 100%, the remainder policy decides where the gap goes:
//     'unfunded'  the gap is left unallocated and reported as unfundedPence (the tool never hides a penny);
//     'normalise' the shares are used as weights, so 30:20 behaves as 60:40 (no rounding of the shares themselves);
//     a party     that party gets the gap on top of any share of its own (it need not be in the share list).
// - Pence are shared by largest remainder (shared/allocate.ts) over ONE list of weights: the shares in the order given,
//   with the named party's gap added to its own weight, or appended last when it has no share; under 'unfunded' the
//   gap is one more weight, last. So every party (and the gap) is within a penny of its exact share, the parts add up
//   exactly, and a tie in remainder goes to the EARLIER entry in the share list, with the gap after every party:
//   £100.00 normalised over three equal shares is £33.34 / £33.33 / £33.33.
// - A party listed twice among the shares, or twice among the fixed parts, is refused: merging would hide what is most
//   often a typing mistake. A party may have both a fixed part and a share; the result merges them into one line.
// - The result has one line per party, in order of first mention (fixed parts, then shares, then the remainder party);
//   allocations + unfundedPence === amountPence, always, and nothing is negative.
import { largestRemainder } from './allocate';
import { ValidationError, type FieldError } from './errors';
import { formatBasisPoints, formatPence, MAX_AMOUNT_PENCE } from './money';
import { describeValue } from './schema/fields';
import { SECTORS, type Sector } from './schema/organisation';

export type OrgParty = `org:${number}`;
export type Party = Sector | OrgParty;
export type RemainderPolicy = 'unfunded' | 'normalise' | Party;

export interface FixedPart {
  party: Party;
  pence: number;
}

export interface SharePart {
  party: Party;
  basisPoints: number;
}

export interface AllocateInput {
  amountPence: number;
  fixed?: readonly FixedPart[];
  shares: readonly SharePart[];
  remainder: RemainderPolicy;
}

export interface Allocation {
  party: Party;
  pence: number;
}

export interface AllocateResult {
  allocations: Allocation[];
  unfundedPence: number;
}

export const FULL_SHARE_BP = 10_000;

const ORG_PARTY = /^org:[1-9]\d{0,15}$/;

/** What a party may be, for messages: "a sector code (social_care, ...) or org:<id>". */
export const PARTY_RULE = `must be a sector code (${SECTORS.join(', ')}) or org:<id> for an organisation`;
export const REMAINDER_RULE = `must be 'unfunded', 'normalise' or a party (a sector code or org:<id>) to give the gap to`;

export function isParty(value: unknown): value is Party {
  if (typeof value !== 'string') return false;
  if ((SECTORS as readonly string[]).includes(value)) return true;
  return ORG_PARTY.test(value) && Number.isSafeInteger(Number(value.slice(4)));
}

export function isRemainderPolicy(value: unknown): value is RemainderPolicy {
  return value === 'unfunded' || value === 'normalise' || isParty(value);
}

/** The organisation id of an `org:<id>` party, or null for a sector. */
export function orgIdOfParty(party: Party): number | null {
  return party.startsWith('org:') ? Number(party.slice(4)) : null;
}

/** A problem with an allocation input, at a path from the input root (the same shape zod reports). */
export interface SplitProblem {
  path: (string | number)[];
  message: string;
}

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

/** Every rule an allocation input breaks, each naming the field, the value and the rule. Empty when it is good.
 * allocate() uses it; the zod schema (shared/split-schemas.ts) checks the fields itself and adds splitRuleProblems,
 * so the rules are written once. */
export function allocationProblems(input: AllocateInput): SplitProblem[] {
  const fields = fieldProblems(input);
  return fields.length > 0 ? fields : splitRuleProblems(input);
}

/** Each field on its own: the amount, each part's party and pence or basis points, the remainder policy. */
export function fieldProblems(input: AllocateInput): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (!isWhole(input.amountPence, 0, MAX_AMOUNT_PENCE)) {
    add(
      ['amountPence'],
      `Amount must be a whole number of pence from 0 up to ${formatPence(MAX_AMOUNT_PENCE)}, got ${describeValue(input.amountPence)}`,
    );
  }
  (input.fixed ?? []).forEach((part, index) => {
    if (!isParty(part.party)) add(['fixed', index, 'party'], `Party ${PARTY_RULE}, got ${describeValue(part.party)}`);
    if (!isWhole(part.pence, 0, MAX_AMOUNT_PENCE)) {
      add(
        ['fixed', index, 'pence'],
        `Fixed amount must be a whole number of pence from 0 up to ${formatPence(MAX_AMOUNT_PENCE)}, got ${describeValue(part.pence)}`,
      );
    }
  });
  input.shares.forEach((share, index) => {
    if (!isParty(share.party)) add(['shares', index, 'party'], `Party ${PARTY_RULE}, got ${describeValue(share.party)}`);
    if (!isWhole(share.basisPoints, 0, FULL_SHARE_BP)) {
      add(
        ['shares', index, 'basisPoints'],
        `Share must be a whole number of basis points from 0 to 10000 (100%), got ${describeValue(share.basisPoints)}`,
      );
    }
  });
  if (!isRemainderPolicy(input.remainder)) add(['remainder'], `Remainder ${REMAINDER_RULE}, got ${describeValue(input.remainder)}`);
  return problems;
}

/** The rules of a whole split, for an input whose fields are each good: no party twice in a list, shares at most
 * 100%, fixed parts at most the amount, and something to normalise by. */
export function splitRuleProblems(input: AllocateInput): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  const fixed = input.fixed ?? [];
  const onceEach = (parties: readonly Party[], field: 'fixed' | 'shares') => {
    const first = new Map<Party, number>();
    parties.forEach((party, index) => {
      const earlier = first.get(party);
      if (earlier === undefined) first.set(party, index);
      else {
        const where = field === 'fixed' ? ['the fixed parts', 'fixed part', 'fixed amount'] : ['the shares', 'share', 'share'];
        add(
          [field, index, 'party'],
          `Party must be listed once among ${where[0]}, got '${party}' again (first at ${where[1]} ${earlier + 1}); put its whole ${where[2]} on one line`,
        );
      }
    });
  };
  onceEach(
    fixed.map((part) => part.party),
    'fixed',
  );
  onceEach(
    input.shares.map((share) => share.party),
    'shares',
  );
  const shareTotal = sharesTotal(input.shares);
  if (shareTotal > FULL_SHARE_BP) {
    add(['shares'], `Shares must add up to at most 10000 basis points (100%), got ${shareTotal} (${formatBasisPoints(shareTotal)})`);
  }
  const fixedTotal = fixed.reduce((acc, part) => acc + part.pence, 0);
  if (fixedTotal > input.amountPence) {
    add(['fixed'], `Fixed parts must add up to at most the amount (${formatPence(input.amountPence)}), got ${formatPence(fixedTotal)}`);
  }
  if (input.remainder === 'normalise' && shareTotal === 0 && fixedTotal < input.amountPence) {
    add(
      ['shares'],
      `Shares must include one above 0 basis points to normalise the ${formatPence(input.amountPence - fixedTotal)} left after the fixed parts, got none`,
    );
  }
  return problems;
}

function sharesTotal(shares: readonly SharePart[]): number {
  return shares.reduce((acc, share) => acc + share.basisPoints, 0);
}

/** Dotted field-error paths ("shares.2.basisPoints"), as the API contract reports them. */
export function toFieldErrors(problems: readonly SplitProblem[]): FieldError[] {
  return problems.map((p) => ({ path: p.path.join('.'), message: p.message }));
}

/**
 * Allocate `amountPence` between parties: fixed parts first, then the shares of what is left, then the gap by the
 * remainder policy (see the rules at the top of this file). Throws a ValidationError naming each broken rule.
 */
export function allocate(input: AllocateInput): AllocateResult {
  const problems = allocationProblems(input);
  if (problems.length > 0) throw new ValidationError(toFieldErrors(problems));

  const fixed = input.fixed ?? [];
  const rest = input.amountPence - fixed.reduce((acc, part) => acc + part.pence, 0);
  const { parties, pence, unfundedPence } = allocateShares(rest, input.shares, input.remainder);

  // One line per party, in order of first mention, with its fixed part and its share merged.
  const totals = new Map<Party, number>();
  const addTo = (party: Party, amount: number) => totals.set(party, (totals.get(party) ?? 0) + amount);
  for (const part of fixed) addTo(part.party, part.pence);
  parties.forEach((party, index) => addTo(party, pence[index] ?? 0));
  return { allocations: [...totals].map(([party, amount]) => ({ party, pence: amount })), unfundedPence };
}

/** The share part of an allocation: `rest` pence by the shares and the remainder policy, over one list of weights so
 * that every party is within a penny of its exact share. */
function allocateShares(
  rest: number,
  shares: readonly SharePart[],
  remainder: RemainderPolicy,
): { parties: Party[]; pence: number[]; unfundedPence: number } {
  const parties = shares.map((share) => share.party);
  const weights = shares.map((share) => share.basisPoints);
  if (remainder === 'normalise') return { parties, pence: largestRemainder(rest, weights), unfundedPence: 0 };

  const gap = FULL_SHARE_BP - sharesTotal(shares);
  if (remainder === 'unfunded') {
    // The gap is the last weight: on a tie in remainder, the listed parties take the penny before the gap does.
    const pence = largestRemainder(rest, [...weights, gap]);
    return { parties, pence: pence.slice(0, parties.length), unfundedPence: pence[parties.length] ?? 0 };
  }
  const index = parties.indexOf(remainder);
  if (index >= 0) weights[index] = (weights[index] ?? 0) + gap;
  else {
    parties.push(remainder);
    weights.push(gap);
  }
  return { parties, pence: largestRemainder(rest, weights), unfundedPence: 0 };
}
