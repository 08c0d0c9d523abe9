// A metric's quarterly status (domain.md "Metrics and progress"): on track / not on track / data not available from
// target, actual and polarity; rates from counts in exact hundredths; every bad value refused naming the field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError, type FieldError } from '../../shared/errors';
import {
  formatMetricValue,
  MAX_METRIC_COUNT,
  METRIC_STATUS_LABELS,
  metricStatus,
  metricValueInHundredths,
  rateFromCounts,
  type Polarity,
} from '../../shared/metric-status';

function refusal(run: () => unknown): FieldError[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  }
  throw new Error('expected the input to be refused');
}

describe('metricStatus', () => {
  it('lower is better (avoidable admissions): on track at or under the target, not on track above it', () => {
    // Target 512.30 per 100,000.
    expect(metricStatus({ target: 51_230, actual: 49_800, polarity: 'lower' })).toBe('on_track');
    expect(metricStatus({ target: 51_230, actual: 51_231, polarity: 'lower' })).toBe('not_on_track');
  });

  it('higher is better (discharge to usual place of residence): on track at or over the target, not on track under it', () => {
    // Target 92.50%.
    expect(metricStatus({ target: 9250, actual: 9310, polarity: 'higher' })).toBe('on_track');
    expect(metricStatus({ target: 9250, actual: 9249, polarity: 'higher' })).toBe('not_on_track');
  });

  it('meeting the target exactly is on track, whichever way is better', () => {
    expect(metricStatus({ target: 9250, actual: 9250, polarity: 'higher' })).toBe('on_track');
    expect(metricStatus({ target: 9250, actual: 9250, polarity: 'lower' })).toBe('on_track');
  });

  it('a missing actual (it often arrives late) or a missing target is data not available', () => {
    expect(metricStatus({ target: 9250, actual: null, polarity: 'higher' })).toBe('data_not_available');
    expect(metricStatus({ target: null, actual: 9250, polarity: 'lower' })).toBe('data_not_available');
    expect(metricStatus({ target: null, actual: null, polarity: 'lower' })).toBe('data_not_available');
  });

  it('labels the statuses as the national return does', () => {
    expect(METRIC_STATUS_LABELS).toEqual({
      on_track: 'On track',
      not_on_track: 'Not on track',
      data_not_available: 'Data not available',
    });
  });

  it('the two polarities disagree exactly when the actual differs from the target (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (target, actual) => {
        const lower = metricStatus({ target, actual, polarity: 'lower' });
        const higher = metricStatus({ target, actual, polarity: 'higher' });
        return actual === target ? lower === 'on_track' && higher === 'on_track' : lower !== higher;
      }),
    );
  });

  it('refuses a value that is not whole hundredths, and an unknown polarity, naming each field', () => {
    expect(refusal(() => metricStatus({ target: 92.5, actual: Number.NaN, polarity: 'up' as Polarity }))).toEqual([
      { path: 'target', message: 'Target must be a whole number of hundredths (12.34% is 1234), or null when there is none, got 92.5' },
      { path: 'actual', message: 'Actual must be a whole number of hundredths (12.34% is 1234), or null when there is none, got NaN' },
      { path: 'polarity', message: "Polarity must be one of lower, higher, got 'up'" },
    ]);
  });
});

describe('rateFromCounts', () => {
  it('gives hundredths of a percentage, rounded once half up', () => {
    expect(rateFromCounts(1, 3, 100)).toBe(3333); // 33.333..%
    expect(rateFromCounts(2, 3, 100)).toBe(6667); // 66.666..%
    expect(rateFromCounts(1, 8, 100)).toBe(1250); // 12.5% exactly
    expect(rateFromCounts(1, 40_000, 100)).toBe(0); // 0.0025% is a quarter of a hundredth: 0.00%
    expect(rateFromCounts(1, 20_000, 100)).toBe(1); // 0.005% is exactly half a hundredth: up to 0.01%
  });

  it('gives hundredths of a rate per 100,000', () => {
    // 250 falls admissions among 180,000 people aged 65+: 138.888... per 100,000.
    expect(rateFromCounts(250, 180_000, 100_000)).toBe(13_889);
    expect(formatMetricValue(rateFromCounts(250, 180_000, 100_000), 'per_100000')).toBe('138.89 per 100,000');
  });

  it('is within half a hundredth of the exact rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom(100, 100_000),
        (n, d, per) => {
          const rate = rateFromCounts(n, d, per);
          const error = BigInt(rate) * BigInt(d) - BigInt(n) * BigInt(per) * 100n;
          return 2n * (error < 0n ? -error : error) <= BigInt(d);
        },
      ),
    );
  });

  it('refuses a negative or fractional count, a zero denominator and a bad per, naming each field', () => {
    const errors = refusal(() => rateFromCounts(-1, 0, 0.5));
    expect(errors.map((e) => e.path)).toEqual(['numerator', 'denominator', 'per']);
    expect(errors[0]?.message).toBe('Numerator must be a whole number from 0 to 1,000,000,000,000, got -1');
    expect(errors[1]?.message).toBe(
      'Denominator must be a whole number from 1 to 1,000,000,000,000 (a rate of nobody has no value), got 0',
    );
    expect(errors[2]?.message).toBe('Per must be a whole number from 1 to 1,000,000 (100 for a percentage), got 0.5');
    expect(refusal(() => rateFromCounts(2.5, 10, 100))[0]?.path).toBe('numerator');
  });

  it('refuses a rate too large to hold exactly', () => {
    expect(refusal(() => rateFromCounts(MAX_METRIC_COUNT, 1, 100_000))[0]?.path).toBe('numerator');
  });
});

describe('metricValueInHundredths', () => {
  it('takes hundredths as given, and makes a rate from counts by the unit', () => {
    expect(metricValueInHundredths(1234, 'percent')).toBe(1234);
    expect(metricValueInHundredths({ numerator: 1, denominator: 3 }, 'percent')).toBe(3333);
    expect(metricValueInHundredths({ numerator: 250, denominator: 180_000 }, 'per_100000')).toBe(13_889);
  });

  it('refuses counts for a count metric, and bad counts under the field they came in', () => {
    expect(refusal(() => metricValueInHundredths({ numerator: 1, denominator: 3 }, 'count', 'actual'))).toEqual([
      { path: 'actual', message: 'Actual must be a number for a count metric; a numerator and denominator make a rate, got an object' },
    ]);
    expect(refusal(() => metricValueInHundredths({ numerator: 1, denominator: 0 }, 'percent', 'target'))[0]?.path).toBe(
      'target.denominator',
    );
    expect(refusal(() => metricValueInHundredths(12.5, 'percent', 'baseline'))[0]).toEqual({
      path: 'baseline',
      message: 'Baseline must be a whole number of hundredths (12.34% is 1234), got 12.5',
    });
  });
});

describe('formatMetricValue', () => {
  it('writes hundredths in the unit with its fixed two decimals (the wording table), never trimming a zero', () => {
    expect(formatMetricValue(1234, 'percent')).toBe('12.34%');
    expect(formatMetricValue(9250, 'percent')).toBe('92.50%');
    expect(formatMetricValue(152_345, 'per_100000')).toBe('1,523.45 per 100,000');
    expect(formatMetricValue(7000, 'count')).toBe('70.00');
    expect(formatMetricValue(7005, 'count')).toBe('70.05');
    expect(formatMetricValue(-150, 'count')).toBe('-1.50');
  });
});
