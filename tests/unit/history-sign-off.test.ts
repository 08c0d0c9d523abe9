// How History reads a step of sign-off: in words, a digest by its first characters, the frozen figures named and
// never printed whole, people by name where the page knows them.
import { describe, expect, it } from 'vitest';
import { describeRow, formatValue, lookups } from '../../client/components/HistoryFormat';

const base = lookups(
  (id) => `Org ${id}`,
  (code) => code,
);
const look = {
  ...base,
  fundName: (id: number) => (id === 1 ? 'Better Care Fund 2025/26' : null),
  personName: (id: number) => (id === 7 ? 'Ian ICB-Chief' : null),
  rowValues: (entity: string) =>
    entity === 'submission' ? { kind: 'q2' } : entity === 'signature' ? { capacity: 'section_151' } : undefined,
};
const digest = 'a'.repeat(64);

describe('sign-off in History', () => {
  it('reads statuses, kinds and capacities in words', () => {
    expect(formatValue('status', 'awaiting_signatures', look)).toBe('Awaiting signatures');
    expect(formatValue('kind', 'year_end', look)).toBe('Year-end return');
    expect(formatValue('kind', 's75', look)).toBe('Section 75 agreement in place');
    expect(formatValue('capacity', 'hwb_approval', look)).toBe('Health and Wellbeing Board approval');
  });

  it('shortens a digest and never prints the frozen figures', () => {
    expect(formatValue('digest', digest, look)).toBe('aaaaaaaaaaaa…');
    const figures = JSON.stringify({ contributions: [{ plannedPence: 123 }] });
    expect(formatValue('figures', figures, look)).not.toContain('plannedPence');
  });

  it('names people it knows, and says "Person #n" for one it does not', () => {
    expect(formatValue('userId', 7, look)).toBe('Ian ICB-Chief');
    expect(formatValue('sentBy', 8, look)).toBe('Person #8');
  });

  it('names a submission by its fund and kind, a signature by its capacity', () => {
    expect(describeRow({ entity: 'submission', entityId: 3, fundId: 1 }, look)).toBe('Better Care Fund 2025/26: Q2 return sign-off');
    expect(describeRow({ entity: 'signature', entityId: 4, fundId: 1 }, look)).toBe(
      'Better Care Fund 2025/26: Signature: Section 151 officer',
    );
  });
});
