// Splits are exact (design rule 2, domain.md "Splits"): fixed-£ parts first, then shares of the rest by largest
// remainder, the gap under 100% left unfunded, normalised or given to a named party; every penny accounted for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_PENCE } from '../../shared/money';
import { SECTORS } from '../../shared/schemas';
import { allocate, allocationProblems, isParty, type AllocateInput, type Party, type RemainderPolicy } from '../../shared/split';
import { splitAllocateInput } from '../../shared/split-schemas';
import { ValidationError } from '../../shared/errors';

const sum = (xs: readonly number[]) => xs.reduce((acc, x) => acc + x, 0);
const penceOf = (result: ReturnType<typeof allocate>) => Object.fromEntries(result.allocations.map((a) => [a.party, a.pence]));

/** The ValidationError allocate() throws for `input`, as its field errors. */
function refusal(input: AllocateInput): { path: string; message: string }[] {
  try {
    allocate(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  }
  throw new Error('expected allocate to refuse the input');
}

describe('allocate: worked examples from domain.md', () => {
  it('the standard formula, 30% social care and 20% health of £10,000.00, leaves an unfunded gap of £5,000.00', () => {
    const result = allocate({
      amountPence: 1_000_000,
      shares: [
        { party: 'social_care', basisPoints: 3000 },
        { party: 'health', basisPoints: 2000 },
      ],
      remainder: 'unfunded',
    });
    expect(result).toEqual({
      allocations: [
        { party: 'social_care', pence: 300_000 },
        { party: 'health', pence: 200_000 },
      ],
      unfundedPence: 500_000,
    });
  });

  it('normalised, 30:20 becomes 60:40: £6,000.00 and £4,000.00, no gap', () => {
    const result = allocate({
      amountPence: 1_000_000,
      shares: [
        { party: 'social_care', basisPoints: 3000 },
        { party: 'health', basisPoints: 2000 },
      ],
      remainder: 'normalise',
    });
    expect(result).toEqual({
      allocations: [
        { party: 'social_care', pence: 600_000 },
        { party: 'health', pence: 400_000 },
      ],
      unfundedPence: 0,
    });
  });

  it('the gap given to a named partner: education takes the other 50%', () => {
    const result = allocate({
      amountPence: 1_000_000,
      shares: [
        { party: 'social_care', basisPoints: 3000 },
        { party: 'health', basisPoints: 2000 },
      ],
      remainder: 'education',
    });
    expect(result.allocations).toEqual([
      { party: 'social_care', pence: 300_000 },
      { party: 'health', pence: 200_000 },
      { party: 'education', pence: 500_000 },
    ]);
    expect(result.unfundedPence).toBe(0);
  });

  it('the gap given to a party that already has a share is added to it (social care: 30% + 50%)', () => {
    const result = allocate({
      amountPence: 1_000_000,
      shares: [
        { party: 'social_care', basisPoints: 3000 },
        { party: 'health', basisPoints: 2000 },
      ],
      remainder: 'social_care',
    });
    expect(penceOf(result)).toEqual({ social_care: 800_000, health: 200_000 });
  });

  it('"health pays the first £5,000, the rest 60/40": £12,000.00 is health £5,000 + £2,800, social care £4,200', () => {
    const result = allocate({
      amountPence: 1_200_000,
      fixed: [{ party: 'health', pence: 500_000 }],
      shares: [
        { party: 'health', basisPoints: 6000 },
        { party: 'social_care', basisPoints: 4000 },
      ],
      remainder: 'unfunded',
    });
    // The rest is £7,000.00: health's 60% is £4,200.00 on top of its £5,000.00; social care's 40% is £2,800.00.
    expect(result).toEqual({
      allocations: [
        { party: 'health', pence: 500_000 + 420_000 },
        { party: 'social_care', pence: 280_000 },
      ],
      unfundedPence: 0,
    });
  });

  it('a fixed part for a party with no share appears on its own line, before the shares', () => {
    const result = allocate({
      amountPence: 1_000_000,
      fixed: [{ party: 'org:7', pence: 100_000 }],
      shares: [{ party: 'health', basisPoints: 5000 }],
      remainder: 'unfunded',
    });
    expect(result).toEqual({
      allocations: [
        { party: 'org:7', pence: 100_000 },
        { party: 'health', pence: 450_000 },
      ],
      unfundedPence: 450_000,
    });
  });

  it('£100.00 split three ways equally is £33.34 / £33.33 / £33.33: a tie goes to the earlier party', () => {
    const shares = [
      { party: 'social_care' as const, basisPoints: 1 },
      { party: 'health' as const, basisPoints: 1 },
      { party: 'education' as const, basisPoints: 1 },
    ];
    expect(allocate({ amountPence: 10_000, shares, remainder: 'normalise' }).allocations.map((a) => a.pence)).toEqual([3334, 3333, 3333]);
    // The same shares in another order: the penny follows the order, not the party.
    const reversed = allocate({ amountPence: 10_000, shares: [...shares].reverse(), remainder: 'normalise' });
    expect(reversed.allocations).toEqual([
      { party: 'education', pence: 3334 },
      { party: 'health', pence: 3333 },
      { party: 'social_care', pence: 3333 },
    ]);
  });

  it('shares of 33.33% each with the gap unfunded never hide the penny: it is the gap', () => {
    const shares = (['social_care', 'health', 'education'] as const).map((party) => ({ party, basisPoints: 3333 }));
    expect(allocate({ amountPence: 10_000, shares, remainder: 'unfunded' })).toEqual({
      allocations: shares.map(({ party }) => ({ party, pence: 3333 })),
      unfundedPence: 1,
    });
    // On 100p the exact shares are 33.33p each and a gap of 0.01p: the penny left over goes to the first party, whose
    // remainder (0.33p) beats the gap's (0.01p).
    expect(allocate({ amountPence: 100, shares, remainder: 'unfunded' })).toEqual({
      allocations: [
        { party: 'social_care', pence: 34 },
        { party: 'health', pence: 33 },
        { party: 'education', pence: 33 },
      ],
      unfundedPence: 0,
    });
  });

  it('the gap is the last weight under unfunded: on a tie the listed party takes the penny', () => {
    // 1p at 50% with a 50% gap: exact 0.5p each, tie; the party comes before the gap.
    expect(allocate({ amountPence: 1, shares: [{ party: 'health', basisPoints: 5000 }], remainder: 'unfunded' })).toEqual({
      allocations: [{ party: 'health', pence: 1 }],
      unfundedPence: 0,
    });
  });

  it('no shares at all: everything left is unfunded, or goes to the named party', () => {
    expect(allocate({ amountPence: 999, shares: [], remainder: 'unfunded' })).toEqual({ allocations: [], unfundedPence: 999 });
    expect(allocate({ amountPence: 999, fixed: [{ party: 'health', pence: 500 }], shares: [], remainder: 'org:3' })).toEqual({
      allocations: [
        { party: 'health', pence: 500 },
        { party: 'org:3', pence: 499 },
      ],
      unfundedPence: 0,
    });
  });

  it('a zero amount, and fixed parts that use up the amount, leave every share at £0.00', () => {
    const shares = [{ party: 'health' as const, basisPoints: 6000 }];
    expect(allocate({ amountPence: 0, shares, remainder: 'unfunded' })).toEqual({
      allocations: [{ party: 'health', pence: 0 }],
      unfundedPence: 0,
    });
    expect(allocate({ amountPence: 500, fixed: [{ party: 'housing', pence: 500 }], shares, remainder: 'normalise' })).toEqual({
      allocations: [
        { party: 'housing', pence: 500 },
        { party: 'health', pence: 0 },
      ],
      unfundedPence: 0,
    });
  });

  it('is exact for a £100bn amount, where products leave the safe integer range', () => {
    const result = allocate({
      amountPence: MAX_AMOUNT_PENCE,
      shares: [
        { party: 'social_care', basisPoints: 3333 },
        { party: 'health', basisPoints: 3333 },
      ],
      remainder: 'unfunded',
    });
    expect(result.allocations.map((a) => a.pence)).toEqual([3_333_000_000_000, 3_333_000_000_000]);
    expect(result.unfundedPence).toBe(3_334_000_000_000);
  });
});

describe('allocate: refusals name the field, the value and the rule', () => {
  it('shares over 100% (sum above 10000)', () => {
    const errors = refusal({
      amountPence: 100,
      shares: [
        { party: 'social_care', basisPoints: 6000 },
        { party: 'health', basisPoints: 4001 },
      ],
      remainder: 'unfunded',
    });
    expect(errors).toEqual([
      { path: 'shares', message: expect.stringMatching(/Shares must add up to at most 10000.*got 10001 \(100\.01%\)/) },
    ]);
  });

  it('fixed parts greater than the amount', () => {
    const errors = refusal({ amountPence: 500_000, fixed: [{ party: 'health', pence: 600_000 }], shares: [], remainder: 'unfunded' });
    expect(errors).toEqual([{ path: 'fixed', message: 'Fixed parts must add up to at most the amount (£5,000.00), got £6,000.00' }]);
  });

  it('a party listed twice among the shares, or among the fixed parts', () => {
    expect(
      refusal({
        amountPence: 100,
        shares: [
          { party: 'health', basisPoints: 1000 },
          { party: 'health', basisPoints: 2000 },
        ],
        remainder: 'unfunded',
      }),
    ).toEqual([{ path: 'shares.1.party', message: expect.stringContaining("got 'health' again (first at share 1)") }]);
    expect(
      refusal({
        amountPence: 100,
        fixed: [
          { party: 'org:4', pence: 1 },
          { party: 'org:4', pence: 2 },
        ],
        shares: [],
        remainder: 'unfunded',
      }),
    ).toEqual([{ path: 'fixed.1.party', message: expect.stringContaining("got 'org:4' again") }]);
  });

  it('normalising shares that are all 0 when there is money left to share', () => {
    const errors = refusal({ amountPence: 100, shares: [{ party: 'health', basisPoints: 0 }], remainder: 'normalise' });
    expect(errors).toEqual([{ path: 'shares', message: expect.stringMatching(/Shares must include one above 0.*£1\.00/) }]);
  });

  it('bad fields, each at its path', () => {
    const input = {
      amountPence: -1,
      fixed: [{ party: 'nhs', pence: 1.5 }],
      shares: [{ party: 'org:0', basisPoints: 10_001 }],
      remainder: 'everyone',
    } as unknown as AllocateInput;
    expect(refusal(input).map((e) => e.path)).toEqual([
      'amountPence',
      'fixed.0.party',
      'fixed.0.pence',
      'shares.0.party',
      'shares.0.basisPoints',
      'remainder',
    ]);
    expect(refusal(input)[1]?.message).toBe(
      "Party must be a sector code (social_care, health, education, housing, voluntary, other) or org:<id> for an organisation, got 'nhs'",
    );
  });

  it('recognises parties: every sector code and org:<id> without leading zeros', () => {
    for (const sector of SECTORS) expect(isParty(sector)).toBe(true);
    expect(isParty('org:1')).toBe(true);
    expect(isParty('org:9007199254740991')).toBe(true);
    for (const bad of ['org:0', 'org:01', 'org:', 'org:-1', 'org:1.5', 'org:99999999999999999', 'Health', 'nhs', '', 7, null]) {
      expect(isParty(bad), String(bad)).toBe(false);
    }
  });
});

describe('splitAllocateInput (the shared zod schema)', () => {
  it('accepts a good split and reports the whole-split rules at the same paths as allocate()', () => {
    const good = { amountPence: 100, shares: [{ party: 'health', basisPoints: 5000 }], remainder: 'unfunded' };
    expect(splitAllocateInput.safeParse(good).success).toBe(true);
    const over = { ...good, shares: [...good.shares, { party: 'org:2', basisPoints: 6000 }] };
    const parsed = splitAllocateInput.safeParse(over);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual(
      allocationProblems(over as AllocateInput).map((p) => [p.path.join('.'), p.message]),
    );
  });

  it('reports a bad field once, with its own message, and an unknown field by name', () => {
    const parsed = splitAllocateInput.safeParse({ amountPence: -1, shares: [], remainder: 'unfunded', extra: true });
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([
      'Amount must be a whole number of pence from 0 up to £100,000,000,000.00, got -1',
      'Split has unknown field(s): extra',
    ]);
  });
});

// ---- properties ----

const party: fc.Arbitrary<Party> = fc.oneof(
  fc.constantFrom(...SECTORS),
  fc.integer({ min: 1, max: 50 }).map((id): Party => `org:${id}`),
);
const amount = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: MAX_AMOUNT_PENCE }));

/** A valid split: distinct parties, shares at most 100%, fixed parts at most the amount, something to normalise by. */
const validInput: fc.Arbitrary<AllocateInput> = fc
  .record({
    amountPence: amount,
    shareParties: fc.uniqueArray(party, { maxLength: 8 }),
    fixedParties: fc.uniqueArray(party, { maxLength: 3 }),
    weights: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 8, maxLength: 8 }),
    fixedWeights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
    fixedFraction: fc.integer({ min: 0, max: 100 }),
    remainder: fc.oneof(fc.constant<RemainderPolicy>('unfunded'), fc.constant<RemainderPolicy>('normalise'), party),
  })
  .map(({ amountPence, shareParties, fixedParties, weights, fixedWeights, fixedFraction, remainder }) => {
    // Scale the drawn weights down so the shares total at most 10000 basis points.
    const raw = shareParties.map((_, i) => weights[i] ?? 0);
    const rawTotal = sum(raw);
    const shares = shareParties.map((p, i) => ({
      party: p,
      basisPoints: rawTotal > 10_000 ? Math.floor(((raw[i] ?? 0) * 10_000) / rawTotal) : (raw[i] ?? 0),
    }));
    // Fixed parts use up to the whole amount between them.
    const fixedBudget = Math.floor((amountPence * fixedFraction) / 100);
    const fw = fixedParties.map((_, i) => fixedWeights[i] ?? 0);
    const fwTotal = sum(fw);
    const fixed = fixedParties.map((p, i) => ({ party: p, pence: fwTotal === 0 ? 0 : Math.floor((fixedBudget * (fw[i] ?? 0)) / fwTotal) }));
    const normaliseNeedsShares = remainder === 'normalise' && sum(shares.map((s) => s.basisPoints)) === 0;
    return { amountPence, fixed, shares, remainder: normaliseNeedsShares ? 'unfunded' : remainder };
  });

/** What each party (and the gap) would get with unlimited precision, as a fraction numerator / denominator. */
function exactShares(input: AllocateInput): { exact: Map<string, { num: bigint; den: bigint }>; gap: { num: bigint; den: bigint } } {
  const fixed = input.fixed ?? [];
  const rest = BigInt(input.amountPence - sum(fixed.map((f) => f.pence)));
  const shareTotal = sum(input.shares.map((s) => s.basisPoints));
  const den = input.remainder === 'normalise' ? BigInt(shareTotal) : 10_000n;
  const exact = new Map<string, { num: bigint; den: bigint }>();
  const addTo = (p: string, num: bigint) => exact.set(p, { num: (exact.get(p)?.num ?? 0n) + num, den });
  for (const f of fixed) addTo(f.party, BigInt(f.pence) * den);
  for (const s of input.shares) addTo(s.party, rest * BigInt(s.basisPoints));
  const gapNum = input.remainder === 'normalise' ? 0n : rest * BigInt(10_000 - shareTotal);
  if (input.remainder !== 'normalise' && input.remainder !== 'unfunded') {
    addTo(input.remainder, gapNum);
    return { exact, gap: { num: 0n, den } };
  }
  return { exact, gap: { num: gapNum, den } };
}

/** |pence - num/den| < 1, i.e. within a penny of the exact share. */
const withinAPenny = (pence: number, { num, den }: { num: bigint; den: bigint }) => {
  const diff = BigInt(pence) * den - num;
  return diff < den && diff > -den;
};

describe('allocate: properties', () => {
  it('allocations plus the unfunded gap always sum exactly to the amount', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = allocate(input);
        expect(sum(result.allocations.map((a) => a.pence)) + result.unfundedPence).toBe(input.amountPence);
      }),
      { numRuns: 3000 },
    );
  });

  it('never gives a negative amount, and every figure is a whole number of pence', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = allocate(input);
        for (const figure of [...result.allocations.map((a) => a.pence), result.unfundedPence]) {
          expect(Number.isSafeInteger(figure)).toBe(true);
          expect(figure).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        expect(allocate(structuredClone(input))).toEqual(allocate(structuredClone(input)));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives each party (and the gap) within a penny of its exact share', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = allocate(input);
        const { exact, gap } = exactShares(input);
        for (const a of result.allocations) {
          const share = exact.get(a.party);
          expect(share, a.party).toBeDefined();
          if (share) expect(withinAPenny(a.pence, share), `${a.party}: ${a.pence}`).toBe(true);
        }
        expect(withinAPenny(result.unfundedPence, gap)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('lists each party once, in order of first mention (fixed parts, shares, then the remainder party)', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const mentioned = [...(input.fixed ?? []).map((f) => f.party), ...input.shares.map((s) => s.party)];
        if (input.remainder !== 'unfunded' && input.remainder !== 'normalise') mentioned.push(input.remainder);
        expect(allocate(input).allocations.map((a) => a.party)).toEqual([...new Set(mentioned)]);
      }),
    );
  });

  it('a larger share never gets fewer pence than a smaller one (parties with no fixed part or gap)', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = penceOf(allocate({ ...input, fixed: [], remainder: input.remainder === 'normalise' ? 'normalise' : 'unfunded' }));
        for (const a of input.shares) {
          for (const b of input.shares) {
            if (a.basisPoints > b.basisPoints) expect(result[a.party]).toBeGreaterThanOrEqual(result[b.party] ?? 0);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('normalise equals the renormalised rule: 30:20, 60:40 and 3:2 give the same pence, as do the shares rescaled to 100%', () => {
    fc.assert(
      fc.property(
        amount,
        fc.uniqueArray(party, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 1, max: 50 }),
        (amountPence, parties, raw, factor) => {
          const ks = parties.map((_, i) => raw[i] ?? 0);
          const total = sum(ks);
          fc.pre(total > 0 && total * factor <= 10_000);
          const by = (scale: (k: number) => number, remainder: RemainderPolicy) =>
            allocate({ amountPence, shares: parties.map((p, i) => ({ party: p, basisPoints: scale(ks[i] ?? 0) })), remainder });
          const normalised = by((k) => k, 'normalise');
          expect(by((k) => k * factor, 'normalise')).toEqual(normalised);
          if (10_000 % total === 0) {
            // The renormalised rule is exact in basis points: it is a 100% rule, with nothing unfunded.
            const renormalised = by((k) => (k * 10_000) / total, 'unfunded');
            expect(renormalised.unfundedPence).toBe(0);
            expect(renormalised).toEqual(normalised);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('naming a party for the gap gives it exactly what it would get with its share raised by the gap', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        if (input.remainder === 'unfunded' || input.remainder === 'normalise') return;
        const named = input.remainder;
        const gap = 10_000 - sum(input.shares.map((s) => s.basisPoints));
        const raised = input.shares.some((s) => s.party === named)
          ? input.shares.map((s) => (s.party === named ? { ...s, basisPoints: s.basisPoints + gap } : s))
          : [...input.shares, { party: named, basisPoints: gap }];
        expect(allocate(input)).toEqual(allocate({ ...input, shares: raised, remainder: 'unfunded' }));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every share set over 100%, naming the field and the total', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(party, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 6, maxLength: 6 }),
        (parties, raw) => {
          const shares = parties.map((p, i) => ({ party: p, basisPoints: raw[i] ?? 0 }));
          const total = sum(shares.map((s) => s.basisPoints));
          if (total <= 10_000) return;
          expect(refusal({ amountPence: 100, shares, remainder: 'unfunded' })).toEqual([
            { path: 'shares', message: expect.stringContaining(`got ${total} (`) },
          ]);
        },
      ),
    );
  });
});
