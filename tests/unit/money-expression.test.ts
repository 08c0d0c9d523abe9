// Arithmetic typed into a money cell: exact, rounded once to the penny, and refused clearly when it is not arithmetic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateMoneyExpression, isMoneyExpression } from '../../shared/money-expression';

const pence = (text: string, current = 0) => {
  const result = evaluateMoneyExpression(text, current);
  if (!result.ok) throw new Error(result.reason);
  return result.pence;
};

describe('money expressions', () => {
  it('works out formulas exactly', () => {
    expect(pence('=1200*4')).toBe(480_000);
    expect(pence('=(1500+250)/2')).toBe(87_500);
    expect(pence('=£1,200.50*3')).toBe(360_150);
    expect(pence('= 0.1 + 0.2')).toBe(30); // never 30.000000000000004
    expect(pence('=-5+2')).toBe(-300);
    expect(pence('=10/3')).toBe(333); // £3.333… rounds to £3.33
    expect(pence('=20/3')).toBe(667); // £6.666… rounds to £6.67
    expect(pence('=0.005')).toBe(1); // half a penny rounds away from zero
    expect(pence('=-0.005')).toBe(-1);
  });

  it('"+250" adds to the value already in the cell', () => {
    expect(pence('+250', 100_000)).toBe(125_000);
    expect(pence('+0.01', 0)).toBe(1);
    expect(pence('+10*2', 500)).toBe(2_500);
  });

  it('refuses what is not arithmetic, saying why', () => {
    for (const [text, reason] of [
      ['=1/0', 'divides by zero'],
      ['=(1+2', 'bracket'],
      ['=1+', 'ends too soon'],
      ['=abc', "'a' is not a number"],
      ['=2 3', 'unexpected'],
    ] as const) {
      const result = evaluateMoneyExpression(text, 0);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.reason).toContain(reason);
    }
    expect(evaluateMoneyExpression(`=${'1+'.repeat(150)}1`, 0).ok).toBe(false);
  });

  it('knows a formula from an amount', () => {
    expect(isMoneyExpression('=1')).toBe(true);
    expect(isMoneyExpression(' +5')).toBe(true);
    expect(isMoneyExpression('-5')).toBe(false);
    expect(isMoneyExpression('£1,234.56')).toBe(false);
  });

  it('adding and subtracting whole pence is exact (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 10_000_000_000 }), (a, b) => {
        const plain = (p: number) => `${(p - (p % 100)) / 100}.${String(p % 100).padStart(2, '0')}`;
        expect(pence(`=${plain(a)}+${plain(b)}`)).toBe(a + b);
        expect(pence(`=${plain(a)}-${plain(b)}`)).toBe(a - b);
      }),
    );
  });
});
