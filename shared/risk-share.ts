// The year-end (or forecast) risk share of a pooled fund: who meets an overspend and who gets an underspend back, by
// the rule in the Section 75 agreement (domain.md "Risk share"), exact to the penny (design rule 2).
//
// The rules, in full:
// - Variance is actual - planned (design.md), per cost line: above 0 the line overspent, below 0 it underspent. The
//   fund's variance is the sum of its lines.
// - OVERSPEND (the fund's variance is above 0), in the BCF order (domain.md "Risk share"):
//     (1) underspends elsewhere in the pool meet it first (all of them: the pool nets out before anyone pays);
//     (2) then the contingency / risk pool, up to the amount held;
//     (3) then uncommitted scheme money, up to the amount available;
//     (4) then money outside the pool: what is still left is paid by the partners, shared by the overspend method.
//   The four steps absorb exactly the gross overspend (the sum of the overspending lines); steps 2-4 absorb exactly
//   the fund's variance.
// - UNDERSPEND (the fund's variance is below 0): the underspends first meet any overspends elsewhere in the pool, and
//   what is left (exactly minus the variance) is returned to the partners by the underspend method ("returned in
//   proportion to contributions unless the board agrees otherwise"). The contingency and uncommitted money are not
//   touched. A PROJECTED underspend should go to non-recurrent spend only (domain.md): that is the board's decision on
//   a forecast, so this module reports what each partner would receive and leaves the decision to them.
// - ON BUDGET (variance 0): the pool's underspends exactly meet its overspends; no partner pays or receives.
// - Methods (Section 75 clauses seen in practice):
//     pro_rata_planned    in proportion to each partner's planned contribution;
//     pro_rata_actual     in proportion to each partner's actual contribution;
//     fixed_percentages   by agreed shares in basis points that add up to exactly 10000 (100%);
//     host_bears          the host partner takes all of it;
//     commissioner_bears  the commissioners of the lines that caused it, in proportion to those lines' variances
//                         (an overspend to the commissioners of the overspending lines, an underspend to those of the
//                         underspending lines).
//   Pence are shared by largest remainder (shared/allocate.ts): every partner within a penny of the exact share, the
//   shares adding up exactly, a tie in remainder going to the partner EARLIER in the partner list (then parties named
//   only by the method, in order of first mention).
// - Every partner is listed, with what it pays (its share of an overspend) or receives (its share of an underspend);
//   at most one of the two is above 0. Always: contingency + uncommitted + sum(pays) - sum(receives) === variance.
import { largestRemainder } from './allocate';
import { ValidationError } from './errors';
import { formatBasisPoints, formatPence, MAX_AMOUNT_PENCE } from './money';
import { describeValue } from './schema/fields';
import { FULL_SHARE_BP, isParty, PARTY_RULE, toFieldErrors, type Party, type SharePart, type SplitProblem } from './split';

export const RISK_SHARE_METHODS = ['pro_rata_planned', 'pro_rata_actual', 'fixed_percentages', 'host_bears', 'commissioner_bears'] as const;
export type RiskShareMethodKind = (typeof RISK_SHARE_METHODS)[number];

export type RiskShareMethod =
  | { kind: 'pro_rata_planned' }
  | { kind: 'pro_rata_actual' }
  | { kind: 'fixed_percentages'; shares: readonly SharePart[] }
  | { kind: 'host_bears'; host: Party }
  | { kind: 'commissioner_bears' };

export interface PartnerContribution {
  party: Party;
  plannedPence: number;
  actualPence: number;
}

/** One cost line's variance (actual - planned) and the partner that commissions it. */
export interface LineVariance {
  /** What the line is called in the statement: a scheme code or name. */
  line: string;
  commissioner: Party;
  variancePence: number;
}

export interface RiskShareInput {
  partners: readonly PartnerContribution[];
  lines: readonly LineVariance[];
  /** Who meets what is left of an overspend after the pool, the contingency and uncommitted money (step 4). */
  overspendMethod: RiskShareMethod;
  /** Who gets an underspend back. */
  underspendMethod: RiskShareMethod;
  /** Held in the contingency / risk pool (step 2); 0 when there is none. */
  contingencyPence?: number;
  /** Uncommitted scheme money (step 3); 0 when there is none. */
  uncommittedPence?: number;
}

export type RiskShareStepKind = 'underspends_elsewhere' | 'overspends_elsewhere' | 'contingency' | 'uncommitted' | 'partners';

export interface RiskShareStep {
  kind: RiskShareStepKind;
  label: string;
  /** What the step could absorb; null for the partners, who meet whatever is left. */
  availablePence: number | null;
  absorbedPence: number;
}

export interface PartnerShare {
  party: Party;
  paysPence: number;
  receivesPence: number;
}

export interface RiskShareResult {
  outcome: 'overspend' | 'underspend' | 'on_budget';
  /** The fund's variance, actual - planned: the sum of the lines. */
  variancePence: number;
  /** The sum of the overspending lines. */
  overspendPence: number;
  /** The sum of the underspending lines, as an amount of 0 or more. */
  underspendPence: number;
  steps: RiskShareStep[];
  partners: PartnerShare[];
}

export const RISK_SHARE_STEP_LABELS: Record<RiskShareStepKind, string> = {
  underspends_elsewhere: '1. Underspends elsewhere in the pool',
  contingency: '2. Contingency / risk pool',
  uncommitted: '3. Uncommitted scheme money',
  partners: '4. Partners, outside the pool',
  overspends_elsewhere: 'Overspends elsewhere in the pool, met from the underspend',
};
const RETURNED_LABEL = 'Returned to the partners';

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

const amountRule = `must be a whole number of pence from 0 up to ${formatPence(MAX_AMOUNT_PENCE)}`;

/** Every rule a risk-share input breaks, each naming the field, the value and the rule. Empty when it is good. */
export function riskShareProblems(input: RiskShareInput): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });

  const seen = new Map<string, number>();
  input.partners.forEach((partner, index) => {
    if (!isParty(partner.party)) add(['partners', index, 'party'], `Partner ${PARTY_RULE}, got ${describeValue(partner.party)}`);
    else if (seen.has(partner.party)) {
      add(
        ['partners', index, 'party'],
        `Partner must be listed once, got '${partner.party}' again (first at partner ${(seen.get(partner.party) ?? 0) + 1})`,
      );
    } else seen.set(partner.party, index);
    if (!isWhole(partner.plannedPence, 0, MAX_AMOUNT_PENCE)) {
      add(['partners', index, 'plannedPence'], `Planned contribution ${amountRule}, got ${describeValue(partner.plannedPence)}`);
    }
    if (!isWhole(partner.actualPence, 0, MAX_AMOUNT_PENCE)) {
      add(['partners', index, 'actualPence'], `Actual contribution ${amountRule}, got ${describeValue(partner.actualPence)}`);
    }
  });
  input.lines.forEach((line, index) => {
    if (!isParty(line.commissioner))
      add(['lines', index, 'commissioner'], `Commissioner ${PARTY_RULE}, got ${describeValue(line.commissioner)}`);
    if (!isWhole(line.variancePence, -MAX_AMOUNT_PENCE, MAX_AMOUNT_PENCE)) {
      add(
        ['lines', index, 'variancePence'],
        `Variance must be a whole number of pence from ${formatPence(-MAX_AMOUNT_PENCE)} to ${formatPence(MAX_AMOUNT_PENCE)}, got ${describeValue(line.variancePence)}`,
      );
    }
  });
  if (input.contingencyPence !== undefined && !isWhole(input.contingencyPence, 0, MAX_AMOUNT_PENCE)) {
    add(['contingencyPence'], `Contingency ${amountRule}, got ${describeValue(input.contingencyPence)}`);
  }
  if (input.uncommittedPence !== undefined && !isWhole(input.uncommittedPence, 0, MAX_AMOUNT_PENCE)) {
    add(['uncommittedPence'], `Uncommitted money ${amountRule}, got ${describeValue(input.uncommittedPence)}`);
  }
  problems.push(...methodProblems(input.overspendMethod, 'overspendMethod'), ...methodProblems(input.underspendMethod, 'underspendMethod'));
  if (problems.length > 0) return problems;

  // Each side of the pool must add up inside the range where integers are exact (thousands of £100bn lines would not).
  const gross = (sign: 1 | -1) =>
    input.lines.reduce((acc, line) => (Math.sign(line.variancePence) === sign ? acc + BigInt(Math.abs(line.variancePence)) : acc), 0n);
  for (const [sign, name] of [
    [1, 'overspending'],
    [-1, 'underspending'],
  ] as const) {
    const total = gross(sign);
    if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
      add(['lines'], `The ${name} lines must add up to at most ${formatPence(Number.MAX_SAFE_INTEGER)}, got ${total.toString()} pence`);
    }
  }
  return problems;
}

export function methodProblems(method: RiskShareMethod, field: string): SplitProblem[] {
  const problems: SplitProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path: [field, ...path], message });
  const label = field === 'overspendMethod' ? 'Overspend method' : 'Underspend method';
  if (!(RISK_SHARE_METHODS as readonly string[]).includes(method.kind)) {
    add(['kind'], `${label} must be one of ${RISK_SHARE_METHODS.join(', ')}, got ${describeValue(method.kind)}`);
    return problems;
  }
  if (method.kind === 'host_bears' && !isParty(method.host)) add(['host'], `Host ${PARTY_RULE}, got ${describeValue(method.host)}`);
  if (method.kind === 'fixed_percentages') {
    const seen = new Set<string>();
    method.shares.forEach((share, index) => {
      if (!isParty(share.party)) add(['shares', index, 'party'], `Party ${PARTY_RULE}, got ${describeValue(share.party)}`);
      else if (seen.has(share.party))
        add(['shares', index, 'party'], `Party must be listed once among the shares, got '${share.party}' again`);
      else seen.add(share.party);
      if (!isWhole(share.basisPoints, 0, FULL_SHARE_BP)) {
        add(
          ['shares', index, 'basisPoints'],
          `Share must be a whole number of basis points from 0 to 10000 (100%), got ${describeValue(share.basisPoints)}`,
        );
      }
    });
    if (problems.length === 0) {
      const total = method.shares.reduce((acc, share) => acc + share.basisPoints, 0);
      if (total !== FULL_SHARE_BP) {
        add(['shares'], `${label} shares must add up to exactly 10000 basis points (100%), got ${total} (${formatBasisPoints(total)})`);
      }
    }
  }
  return problems;
}

/**
 * Apportion a fund's year-end (or forecast) variance by the Section 75 rule: the BCF order for an overspend, the
 * underspend method for an underspend (see the rules at the top of this file). Throws a ValidationError naming each
 * broken rule, or when the method has nothing to be proportional to (every planned contribution £0.00, say).
 */
export function apportionVariance(input: RiskShareInput): RiskShareResult {
  const problems = riskShareProblems(input);
  if (problems.length > 0) throw new ValidationError(toFieldErrors(problems));

  const overspendPence = input.lines.reduce((acc, line) => (line.variancePence > 0 ? acc + line.variancePence : acc), 0);
  const underspendPence = input.lines.reduce((acc, line) => (line.variancePence < 0 ? acc - line.variancePence : acc), 0);
  const variancePence = overspendPence - underspendPence;

  if (variancePence < 0) {
    const returned = -variancePence;
    const shares = apportion(returned, input.underspendMethod, 'underspendMethod', input, 'underspend');
    return {
      outcome: 'underspend',
      variancePence,
      overspendPence,
      underspendPence,
      steps: [
        step('overspends_elsewhere', underspendPence, overspendPence),
        { kind: 'partners', label: RETURNED_LABEL, availablePence: null, absorbedPence: returned },
      ],
      partners: partnerLines(input, shares, 'receives'),
    };
  }

  // The BCF order: each step absorbs what it can of what is left, the partners the rest.
  let left = overspendPence;
  const take = (available: number) => {
    const absorbed = Math.min(available, left);
    left -= absorbed;
    return absorbed;
  };
  const contingency = input.contingencyPence ?? 0;
  const uncommitted = input.uncommittedPence ?? 0;
  const steps = [
    step('underspends_elsewhere', underspendPence, take(underspendPence)),
    step('contingency', contingency, take(contingency)),
    step('uncommitted', uncommitted, take(uncommitted)),
  ];
  const outside = left;
  steps.push({ kind: 'partners', label: RISK_SHARE_STEP_LABELS.partners, availablePence: null, absorbedPence: outside });
  const shares = apportion(outside, input.overspendMethod, 'overspendMethod', input, 'overspend');
  return {
    outcome: variancePence === 0 ? 'on_budget' : 'overspend',
    variancePence,
    overspendPence,
    underspendPence,
    steps,
    partners: partnerLines(input, shares, 'pays'),
  };
}

function step(kind: RiskShareStepKind, availablePence: number, absorbedPence: number): RiskShareStep {
  return { kind, label: RISK_SHARE_STEP_LABELS[kind], availablePence, absorbedPence };
}

/** `amount` shared by `method`, as party -> pence in the order the weights were listed. */
function apportion(
  amount: number,
  method: RiskShareMethod,
  field: string,
  input: RiskShareInput,
  side: 'overspend' | 'underspend',
): Map<Party, number> {
  const weights = weightsFor(method, input, side);
  const total = weights.reduce((acc, [, weight]) => acc + weight, 0);
  if (amount > 0 && total === 0) {
    throw new ValidationError([
      { path: field, message: `${side === 'overspend' ? 'Overspend' : 'Underspend'} method ${nothingToShareBy(method)}` },
    ]);
  }
  const pence = largestRemainder(
    amount,
    weights.map(([, weight]) => weight),
  );
  return new Map(weights.map(([party], index) => [party, pence[index] ?? 0]));
}

function nothingToShareBy(method: RiskShareMethod): string {
  switch (method.kind) {
    case 'pro_rata_planned':
      return "pro_rata_planned needs a planned contribution above £0.00, got none: every partner's planned contribution is £0.00";
    case 'pro_rata_actual':
      return "pro_rata_actual needs an actual contribution above £0.00, got none: every partner's actual contribution is £0.00";
    default:
      return `${method.kind} has nothing to share by`;
  }
}

/** The weights each method shares by, one per party (partners in their order; parties named by the method after). */
function weightsFor(method: RiskShareMethod, input: RiskShareInput, side: 'overspend' | 'underspend'): [Party, number][] {
  switch (method.kind) {
    case 'pro_rata_planned':
      return input.partners.map((p) => [p.party, p.plannedPence]);
    case 'pro_rata_actual':
      return input.partners.map((p) => [p.party, p.actualPence]);
    case 'fixed_percentages':
      return method.shares.map((s) => [s.party, s.basisPoints]);
    case 'host_bears':
      return [[method.host, 1]];
    case 'commissioner_bears': {
      // Each commissioner by the total of its lines on this side, in order of first mention.
      const byCommissioner = new Map<Party, number>();
      for (const line of input.lines) {
        const amount = side === 'overspend' ? line.variancePence : -line.variancePence;
        if (amount > 0) byCommissioner.set(line.commissioner, (byCommissioner.get(line.commissioner) ?? 0) + amount);
      }
      return [...byCommissioner];
    }
  }
}

/** Every partner, then every other party the method named, with what each pays or receives. */
function partnerLines(input: RiskShareInput, shares: Map<Party, number>, direction: 'pays' | 'receives'): PartnerShare[] {
  const parties = [...input.partners.map((p) => p.party)];
  for (const party of shares.keys()) if (!parties.includes(party)) parties.push(party);
  return parties.map((party) => {
    const pence = shares.get(party) ?? 0;
    return { party, paysPence: direction === 'pays' ? pence : 0, receivesPence: direction === 'receives' ? pence : 0 };
  });
}
