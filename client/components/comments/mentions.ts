// The @mentions of a comment as plain text: where an @ being typed starts (so the composer can offer people), what a
// chosen person puts into the text, which chosen people the text still names, and a body split into runs of text and
// mentions for highlighting. Pure string work: a comment is never HTML, so a mention is drawn by splitting the text,
// never by marking it up.
import type { Mentionable, PersonRef } from '../../../shared/schema/comment';

/** An @ being typed: where it starts in the text and what follows it up to the caret. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** The longest run after an @ still read as a name being typed (a full name with a space or two). */
const MAX_QUERY = 40;

/** The @ being typed just before the caret, or null: it starts the text or follows a space or a line, and what follows
 * it holds no line break and no second @ ("write to a@b" is an address, not a mention). */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1] ?? '')) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n@]/.test(query) || query.startsWith(' ')) return null;
  return { start: at, query };
}

/** The people whose name (or a word of it) starts with the query, any case; everyone for an empty query. */
export function filterMentionable(people: readonly Mentionable[], query: string): Mentionable[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...people];
  return people.filter((p) => {
    const name = p.name.toLowerCase();
    return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
  });
}

/** The text with the @query replaced by "@Name " and the caret after it. */
export function insertMention(text: string, at: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, at.start) + inserted + text.slice(caret), caret: at.start + inserted.length };
}

/** The chosen people the text still names as "@Name" (a mention deleted from the text is no longer sent), each once. */
export function mentionedIds(text: string, chosen: readonly PersonRef[]): number[] {
  const ids: number[] = [];
  for (const person of chosen) if (text.includes(`@${person.name}`) && !ids.includes(person.id)) ids.push(person.id);
  return ids;
}

export interface TextRun {
  text: string;
  /** The person this run mentions, when it is an "@Name". */
  mention?: PersonRef;
}

/** A comment's body as runs of plain text and "@Name" mentions of the people it mentions (longest name first, so
 * "@Ann Lee" is not read as "@Ann"). */
export function mentionRuns(body: string, mentions: readonly PersonRef[]): TextRun[] {
  const names = [...mentions].filter((m) => m.name !== '').sort((a, b) => b.name.length - a.name.length);
  const runs: TextRun[] = [];
  let plain = '';
  let i = 0;
  while (i < body.length) {
    const person = body[i] === '@' ? names.find((m) => body.startsWith(`@${m.name}`, i)) : undefined;
    if (person) {
      if (plain) runs.push({ text: plain });
      plain = '';
      runs.push({ text: `@${person.name}`, mention: person });
      i += person.name.length + 1;
    } else {
      plain += body[i];
      i += 1;
    }
  }
  if (plain) runs.push({ text: plain });
  return runs;
}

/** The counter shown near the limit: null while far from it. */
export function lengthNote(length: number, max: number): { text: string; over: boolean } | null {
  if (length < max * 0.9) return null;
  const left = max - length;
  const characters = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'character' : 'characters'}`;
  return left >= 0
    ? { text: `${characters(left)} left`, over: false }
    : { text: `${characters(-left)} over the limit of ${max.toLocaleString('en-GB')}`, over: true };
}
