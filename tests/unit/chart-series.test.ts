// The chart kit's one palette (client/components/chart/series.ts): a series keeps its colour and pattern by name on
// every chart, the legend lists series in the order they are drawn, and series without a name of their own (partners,
// scenarios) never look like Planned, Actual or Target, nor like each other beside each other.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { penceTick } from '../../client/components/chart/format';
import {
  fillOf,
  INVESTS_BENEFITS,
  legendOf,
  NAMED_SERIES,
  PLANNED_ACTUAL,
  seriesOf,
  TARGET_ACTUAL,
} from '../../client/components/chart/series';

const styleKey = (s: { colour: string; pattern: string }) => `${s.colour}/${s.pattern}`;

describe('series styles', () => {
  test('Planned, Actual and Target have one style each, whichever chart and position they are drawn in', () => {
    const charts = [
      PLANNED_ACTUAL,
      TARGET_ACTUAL,
      INVESTS_BENEFITS,
      [...PLANNED_ACTUAL].reverse(),
      [{ key: 'x', name: 'Partner A' }, ...PLANNED_ACTUAL],
    ];
    for (const name of ['Planned', 'Actual', 'Target']) {
      const styles = charts.flatMap((c) => seriesOf(c).filter((s) => s.name === name)).map((s) => s.style);
      expect(styles.length).toBeGreaterThan(0);
      for (const style of styles) expect(style).toEqual(NAMED_SERIES[name]);
    }
  });

  test('Planned and Actual differ in colour and in pattern (colour is never the only signal)', () => {
    const [planned, actual] = seriesOf(PLANNED_ACTUAL).map((s) => s.style);
    expect(planned?.colour).not.toBe(actual?.colour);
    expect(planned?.pattern).not.toBe(actual?.pattern);
  });

  test('partners and scenarios take other styles: none the same as Planned, Actual or Target, neighbours apart', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.string({ minLength: 1 }).filter((n) => !(n in NAMED_SERIES)),
          { minLength: 1, maxLength: 8 },
        ),
        (names) => {
          const series = seriesOf(names.map((name, i) => ({ key: `k${i}`, name })));
          const reserved = ['Planned', 'Actual', 'Target'].map((n) => styleKey(NAMED_SERIES[n] ?? { colour: '', pattern: '' }));
          for (const s of series) expect(reserved).not.toContain(styleKey(s.style));
          expect(new Set(series.map((s) => styleKey(s.style))).size).toBe(series.length);
        },
      ),
    );
  });

  test('a partner keeps its style when the named series beside it change', () => {
    const alone = seriesOf([{ key: 'a', name: 'Northbridge Borough Council' }]);
    const withPlan = seriesOf([
      { key: 'plan', name: 'Committed plan' },
      { key: 'a', name: 'Northbridge Borough Council' },
    ]);
    expect(withPlan[1]?.style).toEqual(alone[0]?.style);
  });
});

describe('legend', () => {
  test('the legend lists the series in drawing order, with the fill each is drawn with (not sorted by name)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('Planned', 'Actual', 'Target', 'Invests', 'Benefits', 'Zed', 'Alpha'), { minLength: 1 }),
        (names) => {
          const series = seriesOf(names.map((name) => ({ key: name, name })));
          const legend = legendOf('p1', series, 'bar');
          expect(legend.map((item) => item.name)).toEqual(names);
          expect(legend.map((item) => item.fill)).toEqual(series.map((s) => fillOf('p1', s.style)));
        },
      ),
    );
    // The issue's case: drawn Planned then Actual, so the legend reads Planned, Actual (recharts' own said Actual, Planned).
    expect(legendOf('p', seriesOf(PLANNED_ACTUAL), 'bar').map((i) => i.name)).toEqual(['Planned', 'Actual']);
    expect(legendOf('p', seriesOf(TARGET_ACTUAL), 'line').map((i) => i.shape)).toEqual(['dashed-line', 'line']);
  });
});

describe('£ axis ticks', () => {
  test('short and exact for round ticks: never rounded to a different figure', () => {
    expect(penceTick(0)).toBe('£0');
    expect(penceTick(250_000)).toBe('£2.5k');
    expect(penceTick(25_000_000)).toBe('£250k');
    expect(penceTick(125_000_000)).toBe('£1.25m');
    expect(penceTick(1_000_000_000)).toBe('£10m');
    expect(penceTick(-50_000_000)).toBe('-£500k');
    expect(penceTick(4_000)).toBe('£40');
    expect(penceTick(123_456_789_00)).toBe('£123.456789m');
  });
});
