// The Section 75 risk share (domain.md "Risk share"): an overspend met in the BCF order (underspends elsewhere in the
// pool, the contingency, uncommitted scheme money, then the partners by the agreed method), an underspend returned by
// the agreed method, and every penny of the variance accounted for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors';
import { MAX_AMOUNT_PENCE } from '../../shared/money';
import {
  apportionVariance,
  type LineVariance,
  type PartnerContribution,
  type RiskShareInput,
  type RiskShareMethod,
} from '../../shared/risk-share';
import type { Party } from '../../shared/split';

const sum = (xs: readonly number[]) => xs.reduce((acc, x) => acc + x, 0);
const pounds = (n: number) => n * 100;

const COUNCIL: Party = 'org:1';
const ICB: Party = 'org:2';
const proRataPlanned: RiskShareMethod = { kind: 'pro_rata_planned' };
const proRataActual: RiskShareMethod = { kind: 'pro_rata_actual' };
/** The council puts in £7m and the ICB £3m (planned); the actuals are £6m and £4m. */
const partners: PartnerContribution[] = [
  { party: COUNCIL, plannedPence: pounds(7_000_000), actualPence: pounds(6_000_000) },
  { party: ICB, plannedPence: pounds(3_000_000), actualPence: pounds(4_000_000) },
];

const line = (name: string, commissioner: Party, variancePounds: number): LineVariance => ({
  line: name,
  commissioner,
  variancePence: pounds(variancePounds),
});

function input(lines: LineVariance[], extra: Partial<RiskShareInput> = {}): RiskShareInput {
  return { partners, lines, overspendMethod: proRataPlanned, underspendMethod: proRataPlanned, ...extra };
}

const absorbed = (result: ReturnType<typeof apportionVariance>) => result.steps.map((s) => [s.kind, s.absorbedPence]);
const pays = (result: ReturnType<typeof apportionVariance>) => result.partners.map((p) => [p.party, p.paysPence, p.receivesPence]);

function refusal(value: RiskShareInput): { path: string; message: string }[] {
  try {
    apportionVariance(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  }
  throw new Error('expected apportionVariance to refuse the input');
}

describe('apportionVariance: worked examples', () => {
  it('an overspend of £1,000,000.00 pro rata to contributions of £7m / £3m is £700,000.00 / £300,000.00', () => {
    const result = apportionVariance(input([line('Reablement', ICB, 1_000_000)]));
    expect(result.outcome).toBe('overspend');
    expect(result.variancePence).toBe(pounds(1_000_000));
    expect(absorbed(result)).toEqual([
      ['underspends_elsewhere', 0],
      ['contingency', 0],
      ['uncommitted', 0],
      ['partners', pounds(1_000_000)],
    ]);
    expect(pays(result)).toEqual([
      [COUNCIL, pounds(700_000), 0],
      [ICB, pounds(300_000), 0],
    ]);
  });

  it('an overspend is met first by underspends, then contingency, then uncommitted money, then shared pro rata', () => {
    // Home care overspends by £500,000 and reablement by £300,000 (gross £800,000); the bridging service underspends
    // by £200,000. The pool holds a £150,000 contingency and £100,000 of uncommitted scheme money.
    const result = apportionVariance(
      input([line('Home care', ICB, 500_000), line('Reablement', COUNCIL, 300_000), line('Bridging service', COUNCIL, -200_000)], {
        contingencyPence: pounds(150_000),
        uncommittedPence: pounds(100_000),
      }),
    );
    expect(result).toMatchObject({
      outcome: 'overspend',
      variancePence: pounds(600_000),
      overspendPence: pounds(800_000),
      underspendPence: pounds(200_000),
    });
    expect(result.steps).toEqual([
      {
        kind: 'underspends_elsewhere',
        label: '1. Underspends elsewhere in the pool',
        availablePence: pounds(200_000),
        absorbedPence: pounds(200_000),
      },
      { kind: 'contingency', label: '2. Contingency / risk pool', availablePence: pounds(150_000), absorbedPence: pounds(150_000) },
      { kind: 'uncommitted', label: '3. Uncommitted scheme money', availablePence: pounds(100_000), absorbedPence: pounds(100_000) },
      { kind: 'partners', label: '4. Partners, outside the pool', availablePence: null, absorbedPence: pounds(350_000) },
    ]);
    // £350,000 left, 70:30 by planned contributions.
    expect(pays(result)).toEqual([
      [COUNCIL, pounds(245_000), 0],
      [ICB, pounds(105_000), 0],
    ]);
  });

  it('stops at the step that meets the overspend: a contingency big enough leaves the partners nothing to pay', () => {
    const result = apportionVariance(
      input([line('Home care', ICB, 500_000), line('Bridging service', COUNCIL, -200_000)], {
        contingencyPence: pounds(1_000_000),
        uncommittedPence: pounds(100_000),
      }),
    );
    expect(absorbed(result)).toEqual([
      ['underspends_elsewhere', pounds(200_000)],
      ['contingency', pounds(300_000)],
      ['uncommitted', 0],
      ['partners', 0],
    ]);
    expect(pays(result)).toEqual([
      [COUNCIL, 0, 0],
      [ICB, 0, 0],
    ]);
  });

  it('an underspend meets the overspends elsewhere first, and the rest is returned pro rata to actual contributions', () => {
    const result = apportionVariance(
      input([line('Carers', COUNCIL, -300_000), line('Home care', ICB, 100_000)], {
        underspendMethod: proRataActual,
        contingencyPence: pounds(50_000),
      }),
    );
    expect(result.outcome).toBe('underspend');
    expect(result.variancePence).toBe(-pounds(200_000));
    expect(result.steps).toEqual([
      {
        kind: 'overspends_elsewhere',
        label: 'Overspends elsewhere in the pool, met from the underspend',
        availablePence: pounds(300_000),
        absorbedPence: pounds(100_000),
      },
      { kind: 'partners', label: 'Returned to the partners', availablePence: null, absorbedPence: pounds(200_000) },
    ]);
    // Actuals £6m : £4m.
    expect(pays(result)).toEqual([
      [COUNCIL, 0, pounds(120_000)],
      [ICB, 0, pounds(80_000)],
    ]);
  });

  it('the commissioner of the overspending lines bears it, in proportion to their overspends', () => {
    const result = apportionVariance(
      input([line('Acute discharge', ICB, 300), line('Reablement', COUNCIL, 100), line('Carers', COUNCIL, -200)], {
        overspendMethod: { kind: 'commissioner_bears' },
      }),
    );
    // Net £200 after the £200 underspend; overspends £300 (ICB) : £100 (council).
    expect(pays(result)).toEqual([
      [COUNCIL, pounds(50), 0],
      [ICB, pounds(150), 0],
    ]);
  });

  it('the commissioner of the underspending lines gets an underspend back', () => {
    const result = apportionVariance(
      input([line('Carers', COUNCIL, -200), line('Falls', 'voluntary', -100)], { underspendMethod: { kind: 'commissioner_bears' } }),
    );
    // A commissioner that is not a partner is listed after the partners.
    expect(pays(result)).toEqual([
      [COUNCIL, 0, pounds(200)],
      [ICB, 0, 0],
      ['voluntary', 0, pounds(100)],
    ]);
  });

  it('the host bears it, and fixed percentages share it (ties in pence to the earlier party)', () => {
    const lines = [line('Home care', ICB, 1)];
    expect(pays(apportionVariance(input(lines, { overspendMethod: { kind: 'host_bears', host: COUNCIL } })))).toEqual([
      [COUNCIL, 100, 0],
      [ICB, 0, 0],
    ]);
    const halfQuarterQuarter: RiskShareMethod = {
      kind: 'fixed_percentages',
      shares: [
        { party: ICB, basisPoints: 5000 },
        { party: COUNCIL, basisPoints: 2500 },
        { party: 'housing', basisPoints: 2500 },
      ],
    };
    // £1.00 at 50/25/25 is exact. 2p is 1p / 0.5p / 0.5p: one penny left over, tied between the council and
    // housing; it goes to the council, earlier in the shares.
    expect(pays(apportionVariance(input(lines, { overspendMethod: halfQuarterQuarter })))).toEqual([
      [COUNCIL, 25, 0],
      [ICB, 50, 0],
      ['housing', 25, 0],
    ]);
    const twoPence = apportionVariance(
      input([{ line: 'x', commissioner: ICB, variancePence: 2 }], { overspendMethod: halfQuarterQuarter }),
    );
    expect(pays(twoPence)).toEqual([
      [COUNCIL, 1, 0],
      [ICB, 1, 0],
      ['housing', 0, 0],
    ]);
  });

  it('on budget: the underspends exactly meet the overspends and no partner pays or receives', () => {
    const result = apportionVariance(input([line('Home care', ICB, 100), line('Carers', COUNCIL, -100)], { contingencyPence: 5 }));
    expect(result.outcome).toBe('on_budget');
    expect(absorbed(result)).toEqual([
      ['underspends_elsewhere', pounds(100)],
      ['contingency', 0],
      ['uncommitted', 0],
      ['partners', 0],
    ]);
    expect(result.partners.every((p) => p.paysPence === 0 && p.receivesPence === 0)).toBe(true);
    // And with no lines at all.
    expect(apportionVariance(input([])).outcome).toBe('on_budget');
  });
});

describe('apportionVariance: refusals name the field, the value and the rule', () => {
  it('fixed percentages that do not add up to exactly 100%', () => {
    const errors = refusal(
      input([line('a', ICB, 1)], {
        overspendMethod: {
          kind: 'fixed_percentages',
          shares: [
            { party: COUNCIL, basisPoints: 6000 },
            { party: ICB, basisPoints: 3000 },
          ],
        },
      }),
    );
    expect(errors).toEqual([
      {
        path: 'overspendMethod.shares',
        message: 'Overspend method shares must add up to exactly 10000 basis points (100%), got 9000 (90%)',
      },
    ]);
  });

  it('pro rata to contributions that are all £0.00, when there is something to share', () => {
    const zero = partners.map((p) => ({ ...p, plannedPence: 0 }));
    const errors = refusal({ ...input([line('a', ICB, 1)]), partners: zero });
    expect(errors).toEqual([
      { path: 'overspendMethod', message: expect.stringContaining("every partner's planned contribution is £0.00") },
    ]);
    // Nothing to share: no error.
    expect(apportionVariance({ ...input([]), partners: zero }).outcome).toBe('on_budget');
  });

  it('bad fields, each at its path', () => {
    const bad = {
      partners: [
        { party: 'nhs', plannedPence: -1, actualPence: 0.5 },
        { party: COUNCIL, plannedPence: 0, actualPence: 0 },
        { party: COUNCIL, plannedPence: 0, actualPence: 0 },
      ],
      lines: [{ line: 'x', commissioner: 'org:x', variancePence: MAX_AMOUNT_PENCE + 1 }],
      overspendMethod: { kind: 'host_bears', host: 'nobody' },
      underspendMethod: { kind: 'split_the_difference' },
      contingencyPence: -5,
      uncommittedPence: 1.5,
    } as unknown as RiskShareInput;
    expect(refusal(bad).map((e) => e.path)).toEqual([
      'partners.0.party',
      'partners.0.plannedPence',
      'partners.0.actualPence',
      'partners.2.party',
      'lines.0.commissioner',
      'lines.0.variancePence',
      'contingencyPence',
      'uncommittedPence',
      'overspendMethod.host',
      'underspendMethod.kind',
    ]);
  });
});

// ---- properties ----

const partyArb: fc.Arbitrary<Party> = fc.oneof(
  fc.constantFrom<Party>('social_care', 'health', 'education', 'housing', 'voluntary', 'other'),
  fc.integer({ min: 1, max: 30 }).map((id): Party => `org:${id}`),
);
const money = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: MAX_AMOUNT_PENCE }));

const methodArb = (parties: readonly Party[]): fc.Arbitrary<RiskShareMethod> =>
  fc.oneof(
    fc.constant<RiskShareMethod>({ kind: 'pro_rata_planned' }),
    fc.constant<RiskShareMethod>({ kind: 'pro_rata_actual' }),
    fc.constant<RiskShareMethod>({ kind: 'commissioner_bears' }),
    fc.constantFrom(...parties).map((host): RiskShareMethod => ({ kind: 'host_bears', host })),
    fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: parties.length, maxLength: parties.length }).map((ws): RiskShareMethod => {
      // Weights scaled to basis points summing to exactly 10000: floors, then the rest to the first party.
      const total = sum(ws);
      const bps = ws.map((w) => Math.floor((w * 10_000) / total));
      bps[0] = (bps[0] ?? 0) + 10_000 - sum(bps);
      return { kind: 'fixed_percentages', shares: parties.map((party, i) => ({ party, basisPoints: bps[i] ?? 0 })) };
    }),
  );

const riskInput: fc.Arbitrary<RiskShareInput> = fc.uniqueArray(partyArb, { minLength: 1, maxLength: 6 }).chain((parties) =>
  fc.record({
    partners: fc.tuple(
      ...parties.map((party) =>
        fc.record({ party: fc.constant(party), plannedPence: money, actualPence: money }).map((p) => ({
          ...p,
          // At least one partner has contributed something, so pro rata always has something to go by.
          plannedPence: party === parties[0] ? Math.max(p.plannedPence, 1) : p.plannedPence,
          actualPence: party === parties[0] ? Math.max(p.actualPence, 1) : p.actualPence,
        })),
      ),
    ),
    lines: fc.array(
      fc.record({
        line: fc.string({ maxLength: 8 }),
        commissioner: fc.oneof(fc.constantFrom(...parties), partyArb),
        variancePence: fc.oneof(
          fc.integer({ min: -1_000_000, max: 1_000_000 }),
          fc.integer({ min: -MAX_AMOUNT_PENCE, max: MAX_AMOUNT_PENCE }),
        ),
      }),
      { maxLength: 12 },
    ),
    overspendMethod: methodArb(parties),
    underspendMethod: methodArb(parties),
    contingencyPence: fc.option(money, { nil: undefined }),
    uncommittedPence: fc.option(money, { nil: undefined }),
  }),
);

describe('apportionVariance: properties', () => {
  it('every penny of the variance is accounted for: contingency + uncommitted + paid - received === variance', () => {
    fc.assert(
      fc.property(riskInput, (value) => {
        const result = apportionVariance(value);
        expect(result.variancePence).toBe(sum(value.lines.map((l) => l.variancePence)));
        const step = (kind: string) => result.steps.find((s) => s.kind === kind)?.absorbedPence ?? 0;
        const paid = sum(result.partners.map((p) => p.paysPence));
        const received = sum(result.partners.map((p) => p.receivesPence));
        expect(step('contingency') + step('uncommitted') + paid - received).toBe(result.variancePence);
        expect(step('partners')).toBe(paid + received);
      }),
      { numRuns: 3000 },
    );
  });

  it('the steps absorb exactly the gross overspend (or, for an underspend, the gross underspend)', () => {
    fc.assert(
      fc.property(riskInput, (value) => {
        const result = apportionVariance(value);
        const gross = result.outcome === 'underspend' ? result.underspendPence : result.overspendPence;
        expect(sum(result.steps.map((s) => s.absorbedPence))).toBe(gross);
        expect(result.overspendPence - result.underspendPence).toBe(result.variancePence);
      }),
      { numRuns: 2000 },
    );
  });

  it('follows the BCF order: a later step is used only when every earlier one is used up, none beyond what it holds', () => {
    fc.assert(
      fc.property(riskInput, (value) => {
        const result = apportionVariance(value);
        if (result.outcome === 'underspend') return;
        result.steps.forEach((s, i) => {
          if (s.availablePence !== null) expect(s.absorbedPence).toBeLessThanOrEqual(s.availablePence);
          if (s.absorbedPence > 0) {
            for (const earlier of result.steps.slice(0, i)) expect(earlier.absorbedPence).toBe(earlier.availablePence);
          }
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('never negative; a partner pays or receives, never both; every partner is listed, in order', () => {
    fc.assert(
      fc.property(riskInput, (value) => {
        const result = apportionVariance(value);
        expect(result.partners.slice(0, value.partners.length).map((p) => p.party)).toEqual(value.partners.map((p) => p.party));
        expect(new Set(result.partners.map((p) => p.party)).size).toBe(result.partners.length);
        for (const p of result.partners) {
          expect(p.paysPence).toBeGreaterThanOrEqual(0);
          expect(p.receivesPence).toBeGreaterThanOrEqual(0);
          expect(p.paysPence === 0 || p.receivesPence === 0).toBe(true);
          expect(Number.isSafeInteger(p.paysPence) && Number.isSafeInteger(p.receivesPence)).toBe(true);
        }
        for (const s of result.steps) expect(s.absorbedPence).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(riskInput, (value) => {
        expect(apportionVariance(structuredClone(value))).toEqual(apportionVariance(structuredClone(value)));
      }),
      { numRuns: 1000 },
    );
  });

  it('pro rata to planned contributions puts each partner within a penny of its exact share', () => {
    fc.assert(
      fc.property(riskInput, (generated) => {
        const value = { ...generated, overspendMethod: proRataPlanned, underspendMethod: proRataPlanned };
        const result = apportionVariance(value);
        const shared = result.steps.find((s) => s.kind === 'partners')?.absorbedPence ?? 0;
        const totalPlanned = value.partners.reduce((acc, p) => acc + BigInt(p.plannedPence), 0n);
        value.partners.forEach((partner, i) => {
          const got = BigInt((result.partners[i]?.paysPence ?? 0) + (result.partners[i]?.receivesPence ?? 0));
          const diff = got * totalPlanned - BigInt(shared) * BigInt(partner.plannedPence);
          expect(diff < totalPlanned && diff > -totalPlanned).toBe(true);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
