// The uplift typed as a percentage is read exactly into basis points, and shown back the same way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUpliftPercent, upliftInputText, upliftText } from '../../shared/uplift-percent';

describe('parseUpliftPercent', () => {
  it('reads the digits, not a float: 3.9 is 390 bp, 5.66% is 566, -2.5 is -250, 100 is 10000; empty is none', () => {
    expect(parseUpliftPercent('3.9')).toEqual({ ok: true, bp: 390 });
    expect(parseUpliftPercent(' 5.66% ')).toEqual({ ok: true, bp: 566 });
    expect(parseUpliftPercent('-2.5')).toEqual({ ok: true, bp: -250 });
    expect(parseUpliftPercent('100')).toEqual({ ok: true, bp: 10_000 });
    expect(parseUpliftPercent('0.29')).toEqual({ ok: true, bp: 29 });
    expect(parseUpliftPercent('')).toEqual({ ok: true, bp: null });
  });

  it('refuses three decimals, words and anything past +/-100%, saying why', () => {
    expect(parseUpliftPercent('3.999')).toEqual({ ok: false, reason: '“3.999” has more than two decimal places' });
    expect(parseUpliftPercent('abc')).toEqual({ ok: false, reason: '“abc” must be a percentage like 3.9 or -2.5' });
    expect(parseUpliftPercent('100.01')).toEqual({ ok: false, reason: '“100.01” is outside -100% to +100%' });
    expect(parseUpliftPercent('-101')).toEqual({ ok: false, reason: '“-101” is outside -100% to +100%' });
  });

  it('round-trips every basis-point uplift from -100% to +100% through the text a box shows', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), (bp) => {
        expect(parseUpliftPercent(upliftInputText(bp))).toEqual({ ok: true, bp });
      }),
    );
    expect(upliftText(390)).toBe('3.9%');
    expect(upliftText(null)).toBe('—');
  });
});
