// How History reads a change to the conversation on the figures: a thread by what it is about, a comment by its
// thread, people (author, mentions) by name where the page knows them, statuses and targets in words.
import { describe, expect, it } from 'vitest';
import { describeRow, fieldLabel, formatValue, lookups, rowKeyFields } from '../../client/components/HistoryFormat';

const base = lookups(
  (id) => `Org ${id}`,
  (code) => code,
);
const look = {
  ...base,
  fundName: (id: number) => (id === 1 ? 'Better Care Fund 2025/26' : null),
  personName: (id: number) => (id === 7 ? 'Bea Board' : null),
  rowValues: (entity: string, id: number) =>
    entity === 'comment_thread' && id === 3
      ? { label: 'Q2 Planned (£) of Northbridge' }
      : entity === 'comment'
        ? { threadId: 3 }
        : undefined,
};

describe('comments in History', () => {
  it('names a thread by what it is about and a comment by its thread', () => {
    expect(describeRow({ entity: 'comment_thread', entityId: 3, fundId: 1 }, look)).toBe(
      'Better Care Fund 2025/26: Thread on Q2 Planned (£) of Northbridge',
    );
    expect(describeRow({ entity: 'comment', entityId: 9, fundId: 1 }, look)).toBe(
      'Better Care Fund 2025/26: Comment on Q2 Planned (£) of Northbridge',
    );
    expect(describeRow({ entity: 'comment_thread', entityId: 4, fundId: null }, look)).toBe('Thread #4');
  });

  it('reads authors, mentions, statuses and targets in words', () => {
    expect(formatValue('authorId', 7, look)).toBe('Bea Board');
    expect(formatValue('resolvedBy', 8, look)).toBe('Person #8');
    expect(formatValue('mentions', [7, 8], look)).toBe('Bea Board, Person #8');
    expect(formatValue('mentions', [], look)).toBe('(none)');
    expect(formatValue('status', 'resolved', look)).toBe('Resolved');
    expect(formatValue('targetEntity', 'roi_benefit', look)).toBe('a benefit line');
    expect(formatValue('isQuestion', true, look)).toBe('Yes');
    expect(fieldLabel('body', 'comment')).toBe('Comment');
    // A thread's own labels win over another noun's use of the same field name (a benefit line's `label`).
    expect(fieldLabel('label', 'comment_thread')).toBe('About');
    expect(fieldLabel('createdAt', 'comment_thread')).toBe('Started');
    expect(fieldLabel('createdAt', 'comment')).toBe('Written');
    expect(rowKeyFields('comment')).toContain('threadId');
  });

  it('shows markup in a comment as the text it is', () => {
    expect(formatValue('body', '<img src=x onerror=alert(1)>', look)).toBe('<img src=x onerror=alert(1)>');
  });
});
