// Money is integer pence (design rule 1): what people type is parsed exactly or refused with a reason, pence format as
// en-GB pounds, and the two round-trip for every amount a money field may hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBasisPoints, formatPence, isPence, MAX_AMOUNT_PENCE, parsePounds, penceToPlain, sumPence } from '../../shared/money';

/** The pence of an accepted input; fails the test (with the reason) when the input was refused. */
function pence(input: string): number {
  const result = parsePounds(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, but it was refused: ${result.reason}`);
  return result.pence;
}

/** The reason an input was refused; fails the test when it was accepted. */
function refusal(input: string): string {
  const result = parsePounds(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, but it parsed as ${result.pence} pence`);
  return result.reason;
}

const amountInRange = fc.integer({ min: -MAX_AMOUNT_PENCE, max: MAX_AMOUNT_PENCE });

describe('MAX_AMOUNT_PENCE', () => {
  it('is £100 billion, and thousands of such amounts still add up exactly', () => {
    expect(MAX_AMOUNT_PENCE).toBe(100_000_000_000 * 100);
    expect(Number.isSafeInteger(MAX_AMOUNT_PENCE * 900)).toBe(true);
  });
});

describe('parsePounds: accepted shapes', () => {
  it.each([
    ['£1,234.56', 123456],
    ['1234.56', 123456],
    ['1234.5', 123450],
    ['1234', 123400],
    ['1,234', 123400],
    ['1,234,567.89', 123456789],
    ['-0.01', -1],
    ['-12.5', -1250],
    ['(250)', -25000],
    ['(£1,234.00)', -123400],
    ['-£5', -500],
    ['£-5', -500],
    ['£ 5', 500],
    ['0.1', 10],
    ['.5', 50],
    ['5.', 500],
    ['0', 0],
    ['0.00', 0],
    ['007.50', 750],
    ['  42.10\t', 4210],
  ])('%j is %i pence', (input, expected) => {
    expect(pence(input)).toBe(expected);
  });

  it('never returns negative zero', () => {
    for (const input of ['-0', '-0.00', '(0)', '-£0.00']) {
      expect(Object.is(pence(input), 0)).toBe(true);
    }
  });

  it('accepts exactly the largest allowed amount, positive and negative', () => {
    expect(pence('100000000000')).toBe(MAX_AMOUNT_PENCE);
    expect(pence('£100,000,000,000.00')).toBe(MAX_AMOUNT_PENCE);
    expect(pence('-100000000000')).toBe(-MAX_AMOUNT_PENCE);
  });
});

describe('parsePounds: clear refusals', () => {
  it.each([
    ['12.345', 'more than two decimal places'],
    ['0.001', 'more than two decimal places'],
    ['1e3', 'pounds and pence'],
    ['abc', 'pounds and pence'],
    ['twelve', 'pounds and pence'],
    ['12,34', 'pounds and pence'],
    ['1,00', 'pounds and pence'],
    ['1234,567', 'pounds and pence'],
    [' 1 234 ', 'pounds and pence'],
    ['+5', 'pounds and pence'],
    ['--5', 'pounds and pence'],
    ['-(5)', 'pounds and pence'],
    ['(5', 'pounds and pence'],
    ['£', 'pounds and pence'],
    ['.', 'pounds and pence'],
    ['()', 'pounds and pence'],
    ['0x10', 'pounds and pence'],
    ['Infinity', 'pounds and pence'],
    ['１２', 'pounds and pence'],
  ])('%j is refused (%s)', (input, because) => {
    expect(refusal(input)).toContain(because);
  });

  it('refuses a minus inside brackets rather than reading two signs as a positive amount', () => {
    // Regression: "(-5)" used to parse as +500 pence, silently flipping the sign of a pasted negative.
    expect(parsePounds('(-5)').ok).toBe(false);
    expect(parsePounds('(-£5)').ok).toBe(false);
    expect(parsePounds('(£-5)').ok).toBe(false);
  });

  it.each(['', ' ', '   ', '\t\n'])('refuses empty or blank input %j as empty', (input) => {
    expect(refusal(input)).toBe('is empty');
  });

  it.each([
    ['100000000000.01', 'just over £100bn'],
    ['-100000000000.01', 'just under -£100bn'],
    ['99999999999999', '14 digits of pounds'],
    ['1000000000000000', '16 digits of pounds'],
    ['123456789012345678901234567890', 'a 30-digit paste'],
    ['£1,000,000,000,000,000,000,000,000,000.00', 'a 30-digit amount with separators'],
  ])('refuses %j (%s) as beyond the largest allowed amount', (input) => {
    const reason = refusal(input);
    expect(reason).toContain('larger than the largest allowed amount');
    expect(reason).toContain('£100,000,000,000.00');
  });

  it('gives a non-empty reason for any text it refuses', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (input) => {
        const result = parsePounds(input);
        if (result.ok) {
          expect(isPence(result.pence)).toBe(true);
          expect(Math.abs(result.pence)).toBeLessThanOrEqual(MAX_AMOUNT_PENCE);
        } else {
          expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('formatPence', () => {
  it.each([
    [123456, '£1,234.56'],
    [-1, '-£0.01'],
    [0, '£0.00'],
    [1, '£0.01'],
    [10, '£0.10'],
    [100, '£1.00'],
    [-123456, '-£1,234.56'],
    [100000000, '£1,000,000.00'],
    [MAX_AMOUNT_PENCE, '£100,000,000,000.00'],
    [Number.MAX_SAFE_INTEGER, '£90,071,992,547,409.91'],
    [-Number.MAX_SAFE_INTEGER, '-£90,071,992,547,409.91'],
  ])('%i pence is %s', (input, expected) => {
    expect(formatPence(input)).toBe(expected);
  });

  it('is exact near the top of the safe range, where pounds-and-pence is not representable as a float', () => {
    expect(formatPence(9_007_199_254_739_999)).toBe('£90,071,992,547,399.99');
    expect(formatPence(9_007_199_254_740_899)).toBe('£90,071,992,547,408.99');
  });

  it.each([0.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1])('refuses %s, which is not a whole number of pence', (input) => {
    expect(() => formatPence(input)).toThrow(RangeError);
  });
});

describe('penceToPlain', () => {
  it.each([
    [123456, '1234.56'],
    [-1, '-0.01'],
    [0, '0.00'],
    [-5, '-0.05'],
    [100, '1.00'],
    [MAX_AMOUNT_PENCE, '100000000000.00'],
  ])('%i pence is %s', (input, expected) => {
    expect(penceToPlain(input)).toBe(expected);
  });

  it('refuses a fraction of a penny', () => {
    expect(() => penceToPlain(1.5)).toThrow(RangeError);
  });
});

describe('round trips (property)', () => {
  it('parsePounds(formatPence(x)) === x for every amount within ±MAX_AMOUNT_PENCE', () => {
    fc.assert(
      fc.property(amountInRange, (x) => {
        expect(parsePounds(formatPence(x))).toEqual({ ok: true, pence: x });
      }),
      { numRuns: 2000 },
    );
  });

  it('parsePounds(penceToPlain(x)) === x for every amount within ±MAX_AMOUNT_PENCE', () => {
    fc.assert(
      fc.property(amountInRange, (x) => {
        expect(parsePounds(penceToPlain(x))).toEqual({ ok: true, pence: x });
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips the edges of the range', () => {
    for (const x of [0, 1, -1, 99, -99, 100, MAX_AMOUNT_PENCE, -MAX_AMOUNT_PENCE, MAX_AMOUNT_PENCE - 1]) {
      expect(pence(formatPence(x))).toBe(x);
      expect(pence(penceToPlain(x))).toBe(x);
    }
  });

  it('the formatted and plain forms of the same amount differ only in symbol and separators', () => {
    fc.assert(
      fc.property(amountInRange, (x) => {
        expect(formatPence(x).replaceAll('£', '').replaceAll(',', '')).toBe(penceToPlain(x));
      }),
    );
  });
});

describe('sumPence', () => {
  it('adds whole pence exactly', () => {
    expect(sumPence([])).toBe(0);
    expect(sumPence([1, 2, 3])).toBe(6);
    expect(sumPence([10, -25])).toBe(-15);
    // 0.1 + 0.2 is the classic float trap; in pence it is simply 10 + 20.
    expect(sumPence([10, 20])).toBe(30);
  });

  it('accepts any iterable, not just arrays', () => {
    expect(sumPence(new Set([100, 200]))).toBe(300);
  });

  it('reaches exactly the largest safe integer but not one beyond it', () => {
    expect(sumPence([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => sumPence([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => sumPence([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER])).toThrow(/beyond the range/);
    expect(() => sumPence([-Number.MAX_SAFE_INTEGER, -1])).toThrow(RangeError);
  });

  it('refuses many maximum amounts whose total leaves the safe range', () => {
    expect(() => sumPence(Array.from({ length: 1000 }, () => MAX_AMOUNT_PENCE))).toThrow(RangeError);
  });

  it.each([0.5, NaN, Infinity, -Infinity])('refuses an amount of %s', (bad) => {
    expect(() => sumPence([1, bad])).toThrow(RangeError);
  });

  it('equals the BigInt sum whenever it returns (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -MAX_AMOUNT_PENCE, max: MAX_AMOUNT_PENCE }), { maxLength: 50 }), (amounts) => {
        const exact = amounts.reduce((acc, a) => acc + BigInt(a), 0n);
        expect(BigInt(sumPence(amounts))).toBe(exact);
      }),
    );
  });
});

describe('isPence', () => {
  it('is true only for safe integers', () => {
    expect(isPence(0)).toBe(true);
    expect(isPence(-5)).toBe(true);
    expect(isPence(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isPence(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isPence(1.5)).toBe(false);
    expect(isPence('5')).toBe(false);
    expect(isPence(5n)).toBe(false);
    expect(isPence(null)).toBe(false);
  });
});

describe('formatBasisPoints', () => {
  it.each([
    [3333, '33.33%'],
    [3330, '33.3%'],
    [3305, '33.05%'],
    [10000, '100%'],
    [0, '0%'],
    [1, '0.01%'],
    [50, '0.5%'],
    [2500, '25%'],
    [-50, '-0.5%'],
    [-3333, '-33.33%'],
  ])('%i basis points is %s', (bp, expected) => {
    expect(formatBasisPoints(bp)).toBe(expected);
  });
});
