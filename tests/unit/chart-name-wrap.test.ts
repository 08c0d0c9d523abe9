// How a partner, scheme or metric name is laid out on a chart's axis (client/components/chart/format.ts wrapName):
// broken at spaces onto at most two lines that fit, shortened with "…" only when it cannot fit, never losing a word
// silently (a shortened name is flagged, so the tick carries the full name as a <title>).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { wrapName } from '../../client/components/chart/format';

/** A monospace measure: 7 px a character, so the expected lines can be worked out by hand. */
const measure = (text: string) => text.length * 7;

describe('wrapName', () => {
  test('a name that fits stays on one line, whole', () => {
    expect(wrapName('Northbridge Borough Council', 400, measure)).toEqual({ lines: ['Northbridge Borough Council'], shortened: false });
  });

  test('a long name wraps at spaces onto two lines, each within the room', () => {
    // 140 px is 20 characters: "NHS Northbridge and" is 19, "Vale ICB" 8.
    expect(wrapName('NHS Northbridge and Vale ICB', 140, measure)).toEqual({
      lines: ['NHS Northbridge and', 'Vale ICB'],
      shortened: false,
    });
  });

  test('what does not fit in two lines ends the second in …, and says it was shortened', () => {
    // 70 px is 10 characters.
    expect(wrapName('NHS Northbridge and Vale ICB', 70, measure)).toEqual({ lines: ['NHS', 'Northbrid…'], shortened: true });
  });

  test('a single word longer than the room is cut with …', () => {
    expect(wrapName('Supercalifragilistic', 70, measure)).toEqual({ lines: ['Supercali…'], shortened: true });
  });

  test('every line fits, at most two lines, and an unshortened name keeps every word in order', () => {
    const word = fc.string({ minLength: 1, maxLength: 14, unit: fc.constantFrom('a', 'b', 'N', 'H', 'S', '(', ')', '-') });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.integer({ min: 24, max: 300 }), (words, room) => {
        const name = words.join(' ');
        const { lines, shortened } = wrapName(name, room, measure);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.length).toBeLessThanOrEqual(2);
        for (const line of lines) expect(measure(line) <= room || line.length <= 2).toBe(true);
        if (!shortened) expect(lines.join(' ')).toBe(name);
        else expect(lines.at(-1)?.endsWith('…')).toBe(true);
      }),
    );
  });
});
