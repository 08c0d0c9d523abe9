import { describe, expect, it } from 'vitest';
import {
  filterMentionable,
  insertMention,
  lengthNote,
  mentionedIds,
  mentionQueryAt,
  mentionRuns,
} from '../../client/components/comments/mentions';

const people = [
  { id: 1, name: 'Ann Lee', role: 'finance', organisations: [] },
  { id: 2, name: 'Ann', role: 'board', organisations: [] },
  { id: 3, name: 'Bob Marsh', role: 'commissioner', organisations: [] },
];

describe('mentions', () => {
  it('finds the @ being typed only at a word start, before the caret', () => {
    expect(mentionQueryAt('hello @An', 9)).toEqual({ start: 6, query: 'An' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail a@b', 8)).toBeNull();
    expect(mentionQueryAt('@Ann\nnext', 9)).toBeNull();
    expect(mentionQueryAt('no at here', 10)).toBeNull();
    expect(mentionQueryAt('@ space', 7)).toBeNull();
  });

  it('filters by the start of the name or of any word, any case', () => {
    expect(filterMentionable(people, 'ma').map((p) => p.id)).toEqual([3]);
    expect(filterMentionable(people, 'ANN').map((p) => p.id)).toEqual([1, 2]);
    expect(filterMentionable(people, '').length).toBe(3);
    expect(filterMentionable(people, 'zed')).toEqual([]);
  });

  it('puts the chosen name into the text with the caret after it', () => {
    const text = 'hi @bo and more';
    const at = mentionQueryAt(text, 6);
    expect(at).not.toBeNull();
    if (at) expect(insertMention(text, at, 6, 'Bob Marsh')).toEqual({ text: 'hi @Bob Marsh  and more', caret: 14 });
  });

  it('sends only the people the text still names, each once', () => {
    expect(
      mentionedIds(
        '@Ann Lee and @Ann Lee',
        [people[0], people[2]].map((p) => ({ id: p?.id ?? 0, name: p?.name ?? '' })),
      ),
    ).toEqual([1]);
  });

  it('splits a body into text and mentions, longest name first, markup left as text', () => {
    const runs = mentionRuns('<b>@Ann Lee</b> and @Ann!', [
      { id: 2, name: 'Ann' },
      { id: 1, name: 'Ann Lee' },
    ]);
    expect(runs).toEqual([
      { text: '<b>' },
      { text: '@Ann Lee', mention: { id: 1, name: 'Ann Lee' } },
      { text: '</b> and ' },
      { text: '@Ann', mention: { id: 2, name: 'Ann' } },
      { text: '!' },
    ]);
    expect(mentionRuns('', [])).toEqual([]);
  });

  it('counts down only near the limit', () => {
    expect(lengthNote(10, 100)).toBeNull();
    expect(lengthNote(95, 100)).toEqual({ text: '5 characters left', over: false });
    expect(lengthNote(10_001, 10_000)).toEqual({ text: '1 character over the limit of 10,000', over: true });
  });
});
