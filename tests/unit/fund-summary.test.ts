// A fund's totals, shares and breakdowns (design rule 4: derived figures are computed, by the same shared/ function on
// the server and in the grid). Variance is always actual - planned.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summariseFund, totalsOf, type ContributionFigures } from '../../shared/fund-summary';
import { MAX_AMOUNT_PENCE } from '../../shared/money';

const COUNCIL = { id: 10, name: 'Northshire County Council' };
const ICB = { id: 20, name: 'Northshire ICB' };
const DISTRICT = { id: 30, name: 'Southdale District Council' }; // a member with no contributions at all
const PARTNERS = [COUNCIL, ICB, DISTRICT];
const SOURCES = [
  { code: 'nhs_minimum', name: 'NHS minimum contribution' },
  { code: 'ibcf', name: 'iBCF' },
  { code: 'dfg', name: 'Disabled Facilities Grant' }, // listed but with no rows
];

const row = (org: { id: number }, source: string, quarter: number, plannedPence: number, actualPence: number): ContributionFigures => ({
  orgId: org.id,
  source,
  quarter,
  plannedPence,
  actualPence,
});

// A small fund: the council pays iBCF quarterly, the ICB pays the NHS minimum quarterly plus one iBCF top-up in Q2.
const ROWS: ContributionFigures[] = [
  row(COUNCIL, 'ibcf', 1, 100_000, 90_000),
  row(COUNCIL, 'ibcf', 2, 100_000, 100_000),
  row(COUNCIL, 'ibcf', 3, 100_000, 110_000),
  row(COUNCIL, 'ibcf', 4, 100_000, 0),
  row(ICB, 'nhs_minimum', 1, 250_000, 250_000),
  row(ICB, 'nhs_minimum', 2, 250_000, 250_000),
  row(ICB, 'nhs_minimum', 3, 250_000, 240_000),
  row(ICB, 'nhs_minimum', 4, 250_000, 0),
  row(ICB, 'ibcf', 2, 50_001, 60_001),
];

describe('summariseFund on a hand-made fund (3 partners, one without rows; 2 sources used; 4 quarters)', () => {
  const summary = summariseFund(ROWS, PARTNERS, SOURCES);

  it('totals the fund: planned 1,450,001p, actual 1,100,001p, variance = actual - planned = -350,000p', () => {
    // planned: council 4 x 100,000 = 400,000; ICB 4 x 250,000 + 50,001 = 1,050,001; together 1,450,001.
    // actual: council 90,000 + 100,000 + 110,000 + 0 = 300,000; ICB 250,000 + 250,000 + 240,000 + 0 + 60,001 = 800,001.
    expect(summary.plannedPence).toBe(1_450_001);
    expect(summary.actualPence).toBe(1_100_001);
    expect(summary.variancePence).toBe(1_100_001 - 1_450_001);
    expect(summary.variancePence).toBe(-350_000);
  });

  it('totals each partner in the order given, with a partner that has no rows shown as zeros', () => {
    // Shares of 1,450,001 planned in basis points: council 400,000 x 10000 / 1,450,001 = 2758 r 897,242;
    // ICB 1,050,001 x 10000 / 1,450,001 = 7241 r 552,759. The floors make 9999; the spare point goes to the
    // larger remainder, the council: 2759 + 7241 + 0 = 10000.
    expect(summary.byPartner).toEqual([
      { orgId: 10, name: 'Northshire County Council', plannedPence: 400_000, actualPence: 300_000, variancePence: -100_000, shareBp: 2759 },
      { orgId: 20, name: 'Northshire ICB', plannedPence: 1_050_001, actualPence: 800_001, variancePence: -250_000, shareBp: 7241 },
      { orgId: 30, name: 'Southdale District Council', plannedPence: 0, actualPence: 0, variancePence: 0, shareBp: 0 },
    ]);
  });

  it('has partner shares that sum to exactly 10000', () => {
    expect(summary.byPartner.reduce((acc, p) => acc + p.shareBp, 0)).toBe(10_000);
  });

  it('totals each funding source that has rows, in the order given, with its name', () => {
    // NHS minimum: 4 x 250,000 planned; 250,000 + 250,000 + 240,000 + 0 actual.
    // iBCF: 400,000 + 50,001 planned; 300,000 + 60,001 actual. DFG has no rows, so it is not listed.
    expect(summary.bySource).toEqual([
      { source: 'nhs_minimum', name: 'NHS minimum contribution', plannedPence: 1_000_000, actualPence: 740_000, variancePence: -260_000 },
      { source: 'ibcf', name: 'iBCF', plannedPence: 450_001, actualPence: 360_001, variancePence: -90_000 },
    ]);
  });

  it('totals all four quarters, in order', () => {
    // Q1: 100,000 + 250,000 planned, 90,000 + 250,000 actual.
    // Q2: 100,000 + 250,000 + 50,001 planned, 100,000 + 250,000 + 60,001 actual (over-paid: variance positive).
    // Q3: 100,000 + 250,000 planned, 110,000 + 240,000 actual (exactly on plan overall).
    // Q4: 100,000 + 250,000 planned, nothing paid yet.
    expect(summary.byQuarter).toEqual([
      { quarter: 1, plannedPence: 350_000, actualPence: 340_000, variancePence: -10_000 },
      { quarter: 2, plannedPence: 400_001, actualPence: 410_001, variancePence: 10_000 },
      { quarter: 3, plannedPence: 350_000, actualPence: 350_000, variancePence: 0 },
      { quarter: 4, plannedPence: 350_000, actualPence: 0, variancePence: -350_000 },
    ]);
  });

  it('gives breakdowns that each add back up to the fund total', () => {
    for (const breakdown of [summary.byPartner, summary.bySource, summary.byQuarter]) {
      expect(breakdown.reduce((acc, t) => acc + t.plannedPence, 0)).toBe(summary.plannedPence);
      expect(breakdown.reduce((acc, t) => acc + t.actualPence, 0)).toBe(summary.actualPence);
      expect(breakdown.reduce((acc, t) => acc + t.variancePence, 0)).toBe(summary.variancePence);
    }
  });

  it('does not depend on the order of the rows', () => {
    expect(summariseFund([...ROWS].reverse(), PARTNERS, SOURCES)).toEqual(summary);
  });
});

describe('summariseFund edge cases', () => {
  it('summarises an empty fund as zeros: every partner and quarter listed, no sources', () => {
    const summary = summariseFund([], [COUNCIL, ICB], SOURCES);
    expect(summary).toEqual({
      plannedPence: 0,
      actualPence: 0,
      variancePence: 0,
      byPartner: [
        { orgId: 10, name: COUNCIL.name, plannedPence: 0, actualPence: 0, variancePence: 0, shareBp: 0 },
        { orgId: 20, name: ICB.name, plannedPence: 0, actualPence: 0, variancePence: 0, shareBp: 0 },
      ],
      bySource: [],
      byQuarter: [1, 2, 3, 4].map((quarter) => ({ quarter, plannedPence: 0, actualPence: 0, variancePence: 0 })),
    });
  });

  it('gives every share as 0 when nothing is planned, even if money has been paid', () => {
    const summary = summariseFund([row(COUNCIL, 'ibcf', 1, 0, 5_000)], [COUNCIL, ICB], SOURCES);
    expect(summary.byPartner.map((p) => p.shareBp)).toEqual([0, 0]);
    expect(summary.variancePence).toBe(5_000);
  });

  it('breaks a tie in partner shares in favour of the partner listed first', () => {
    const rows = [row(COUNCIL, 'ibcf', 1, 100, 0), row(ICB, 'ibcf', 1, 100, 0), row(DISTRICT, 'ibcf', 1, 100, 0)];
    expect(summariseFund(rows, [COUNCIL, ICB, DISTRICT], SOURCES).byPartner.map((p) => p.shareBp)).toEqual([3334, 3333, 3333]);
    expect(summariseFund(rows, [DISTRICT, ICB, COUNCIL], SOURCES).byPartner.map((p) => [p.orgId, p.shareBp])).toEqual([
      [30, 3334],
      [20, 3333],
      [10, 3333],
    ]);
  });

  it('gives a sole contributor 100%', () => {
    const summary = summariseFund([row(ICB, 'nhs_minimum', 3, 1, 1)], PARTNERS, SOURCES);
    expect(summary.byPartner.map((p) => p.shareBp)).toEqual([0, 10_000, 0]);
  });

  it('refuses totals beyond the range where pence add up exactly', () => {
    const huge = Array.from({ length: 1000 }, () => row(COUNCIL, 'ibcf', 1, MAX_AMOUNT_PENCE, 0));
    expect(() => summariseFund(huge, [COUNCIL], SOURCES)).toThrow(RangeError);
  });
});

describe('summariseFund (property)', () => {
  const partners = [COUNCIL, ICB, DISTRICT];
  const rowArb = fc.record({
    orgId: fc.constantFrom(...partners.map((p) => p.id)),
    source: fc.constantFrom(...SOURCES.map((s) => s.code)),
    quarter: fc.integer({ min: 1, max: 4 }),
    plannedPence: fc.integer({ min: 0, max: MAX_AMOUNT_PENCE }),
    actualPence: fc.integer({ min: 0, max: MAX_AMOUNT_PENCE }),
  });

  it('every breakdown adds up to the total, variance is actual - planned, and shares sum to 10000 (or all 0)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const s = summariseFund(rows, partners, SOURCES);
        const exactPlanned = rows.reduce((acc, r) => acc + r.plannedPence, 0);
        const exactActual = rows.reduce((acc, r) => acc + r.actualPence, 0);
        expect(s.plannedPence).toBe(exactPlanned);
        expect(s.actualPence).toBe(exactActual);
        expect(s.variancePence).toBe(exactActual - exactPlanned);
        expect(s.byPartner.map((p) => p.orgId)).toEqual([10, 20, 30]);
        expect(s.byQuarter.map((q) => q.quarter)).toEqual([1, 2, 3, 4]);
        for (const breakdown of [s.byPartner, s.bySource, s.byQuarter]) {
          expect(breakdown.reduce((acc, t) => acc + t.plannedPence, 0)).toBe(s.plannedPence);
          expect(breakdown.reduce((acc, t) => acc + t.actualPence, 0)).toBe(s.actualPence);
          for (const t of breakdown) expect(t.variancePence).toBe(t.actualPence - t.plannedPence);
        }
        const shareTotal = s.byPartner.reduce((acc, p) => acc + p.shareBp, 0);
        expect(shareTotal).toBe(s.plannedPence > 0 ? 10_000 : 0);
        // A partner with nothing planned has no share.
        for (const p of s.byPartner) if (p.plannedPence === 0) expect(p.shareBp).toBe(0);
      }),
    );
  });
});

describe('totalsOf', () => {
  it('adds planned and actual and takes variance as actual - planned', () => {
    expect(
      totalsOf([
        { plannedPence: 1_000, actualPence: 1_250 },
        { plannedPence: 500, actualPence: 0 },
      ]),
    ).toEqual({ plannedPence: 1_500, actualPence: 1_250, variancePence: -250 });
  });

  it('is all zeros for no rows', () => {
    expect(totalsOf([])).toEqual({ plannedPence: 0, actualPence: 0, variancePence: 0 });
  });

  it('has a positive variance when more was paid than planned', () => {
    expect(totalsOf([{ plannedPence: 100, actualPence: 150 }]).variancePence).toBe(50);
  });

  it('refuses a fraction of a penny', () => {
    expect(() => totalsOf([{ plannedPence: 0.5, actualPence: 0 }])).toThrow(RangeError);
  });
});
